// National values (jurisdiction CN). Dates are the issuing documents' dates where known. A value is
// `provisional` (示例值，以当地正式文件为准) when no published text gives it, when its clause could not be
// checked (references saying 条款号待核), or when its date is not one the text states. Each provisional
// value carries a `note` in DOMAIN.md style: [text] read in the text, [reported] read in a summary,
// [unverified] believed, not checked — and why the value is what it is.

import type { ParameterValue } from "../engine/parameters";
import { REF } from "./references";

const CN = "CN";
// 国卫人口发〔2019〕58号 and 国卫办人口发〔2019〕25号 were issued in October 2019.
const STANDARDS_2019 = "2019-10-08";
// 1477号 (2024): the day is not at hand, so values dated by it are provisional.
const PRICING_2024 = "2024-12-01";

export const NATIONAL_PARAMETERS: readonly ParameterValue[] = [
  {
    parameter: "measure.filing.complete.enabled",
    jurisdiction: CN,
    effectiveFrom: STANDARDS_2019,
    value: true,
    reference: REF.filingConditions,
    provisional: true,
    note: "[reported] 25号 was issued in October 2019; the day it took effect is not stated in the copy at hand",
  },
  {
    parameter: "measure.staffing.compliant.enabled",
    jurisdiction: CN,
    effectiveFrom: STANDARDS_2019,
    value: true,
    reference: REF.ratios,
    provisional: true,
    note: "[reported] the ratios are the 设置标准's; their clause number and the day they took effect are not checked",
  },
  { parameter: "measure.inclusive.certification.enabled", jurisdiction: CN, effectiveFrom: PRICING_2024, value: true, reference: REF.inclusiveRecognition, provisional: true, note: "[text] 1477号 (2024); its day and the clause number are not checked" },
  { parameter: "measure.pricing.guided_price.enabled", jurisdiction: CN, effectiveFrom: PRICING_2024, value: true, reference: REF.pricing, provisional: true, note: "[text] 1477号 (2024); its day and the clause number are not checked" },
  {
    parameter: "measure.utility.residential_price.enabled",
    jurisdiction: CN,
    effectiveFrom: "2019-04-17",
    value: true,
    reference: REF.utility,
    provisional: true,
    note: "[reported] 国办发〔2019〕15号 is dated 2019-04-17; the clause that lists utilities is not checked (条款号待核)",
  },
  // [text] 76号 runs from 2019-06-01 to 2025-12-31, and 2026年第7号 continues the same relief from 2026-01-01
  // ("延续实施"), which confirms the first period's end: both periods are final.
  {
    parameter: "measure.tax.community_childcare_relief.enabled",
    jurisdiction: CN,
    effectiveFrom: "2019-06-01",
    effectiveTo: "2025-12-31",
    value: true,
    reference: REF.tax2019Period,
  },
  // [text] 公告2026年第7号 (published 2026-01-20): "自2026年1月1日起执行至2027年12月31日".
  {
    parameter: "measure.tax.community_childcare_relief.enabled",
    jurisdiction: CN,
    effectiveFrom: "2026-01-01",
    effectiveTo: "2027-12-31",
    value: true,
    reference: REF.tax2026,
  },
  {
    parameter: "measure.employer.union_support.enabled",
    jurisdiction: CN,
    effectiveFrom: "2022-01-01",
    value: true,
    reference: REF.caringEmployer,
    provisional: true,
    note: "[text] the programme runs \"since 2022\"; no start day is stated — 1 January is our choice",
  },
  {
    parameter: "measure.kindergarten.inclusive_toddler_class.enabled",
    jurisdiction: CN,
    effectiveFrom: PRICING_2024,
    value: true,
    reference: REF.inclusiveProviders,
    provisional: true,
    note: "[text] 1477号 (2024) names kindergarten 托班 as inclusive providers; its day and the clause number are not checked",
  },

  { parameter: "staffing.max_class_size.infant", jurisdiction: CN, effectiveFrom: STANDARDS_2019, value: 10, reference: REF.classSizes, provisional: true, note: "[reported] the 设置标准 table, consistent in several sources; the clause number is not checked" },
  { parameter: "staffing.max_class_size.toddler", jurisdiction: CN, effectiveFrom: STANDARDS_2019, value: 15, reference: REF.classSizes, provisional: true, note: "[reported] the 设置标准 table, consistent in several sources; the clause number is not checked" },
  { parameter: "staffing.max_class_size.older_toddler", jurisdiction: CN, effectiveFrom: STANDARDS_2019, value: 20, reference: REF.classSizes, provisional: true, note: "[reported] the 设置标准 table, consistent in several sources; the clause number is not checked" },
  { parameter: "staffing.max_class_size.mixed", jurisdiction: CN, effectiveFrom: STANDARDS_2019, value: 18, reference: REF.classSizes, provisional: true, note: "[reported] the 设置标准 table, consistent in several sources; the clause number is not checked" },
  { parameter: "staffing.children_per_caregiver.infant", jurisdiction: CN, effectiveFrom: STANDARDS_2019, value: 3, reference: REF.ratios, provisional: true, note: "[reported] the 设置标准 table, consistent in several sources; the clause number is not checked" },
  { parameter: "staffing.children_per_caregiver.toddler", jurisdiction: CN, effectiveFrom: STANDARDS_2019, value: 5, reference: REF.ratios, provisional: true, note: "[reported] the 设置标准 table, consistent in several sources; the clause number is not checked" },
  { parameter: "staffing.children_per_caregiver.older_toddler", jurisdiction: CN, effectiveFrom: STANDARDS_2019, value: 7, reference: REF.ratios, provisional: true, note: "[reported] the 设置标准 table, consistent in several sources; the clause number is not checked" },
  {
    parameter: "staffing.children_per_caregiver.mixed",
    jurisdiction: CN,
    effectiveFrom: STANDARDS_2019,
    value: 5,
    reference: REF.ratios,
    provisional: true,
    note: "[reported] not set nationally (\"locally set\"): 1:5, the toddler ratio, until a city enters its own",
  },
  // 家庭托育点管理办法（试行）: published 2023-11-14 per press reports; the exact effective day is unverified.
  { parameter: "home_based.max_children", jurisdiction: CN, effectiveFrom: "2023-11-14", value: 5, reference: REF.homeBased, provisional: true, note: "[text] at most 5 children; [unverified] the day and the clause number" },
  { parameter: "home_based.children_per_caregiver", jurisdiction: CN, effectiveFrom: "2023-11-14", value: 3, reference: REF.homeBased, provisional: true, note: "[text] one carer per 3 children; [unverified] the day and the clause number" },
  {
    parameter: "home_based.caregiver_min_years_experience",
    jurisdiction: CN,
    effectiveFrom: "2023-11-14",
    value: 1,
    reference: REF.homeBasedCarers,
    provisional: true,
    note: "[reported] carers need childcare experience or a related background plus training; the text names no length of experience — one year is ours",
  },
  {
    parameter: "home_based.caregiver_training_kinds",
    jurisdiction: CN,
    effectiveFrom: "2023-11-14",
    value: ["caregiver_training", "childcare_worker", "infant_development_guide"],
    reference: REF.homeBasedCarers,
    provisional: true,
    note: "[reported] \"受过婴幼儿保育、心理健康、食品安全、急救和消防等培训\": a training record, or a 保育师/引导员 certificate whose course covers it",
  },

  { parameter: "filing.lease_min_months", jurisdiction: CN, effectiveFrom: STANDARDS_2019, value: 36, reference: REF.site },
  {
    parameter: "filing.director_education_levels",
    jurisdiction: CN,
    effectiveFrom: STANDARDS_2019,
    value: ["junior_college", "bachelor", "postgraduate"],
    reference: REF.director,
    provisional: true,
    note: "[reported] 大专 or higher; the clause number is not checked",
  },
  { parameter: "filing.director_min_years_experience", jurisdiction: CN, effectiveFrom: STANDARDS_2019, value: 3, reference: REF.director, provisional: true, note: "[reported] 3 years or more; the clause number is not checked" },
  {
    parameter: "staff.caregiver_qualifications",
    jurisdiction: CN,
    effectiveFrom: STANDARDS_2019,
    value: ["childcare_worker", "infant_development_guide", "kindergarten_teacher", "nurse"],
    reference: REF.caregivers,
    provisional: true,
    note: "[reported] \"childcare experience or related background, trained\": the list is our reading, plus A§17's 保育师/引导员",
  },
  // [text] 未成年人保护法 第六十二条第二款: the unit "应当每年定期" repeat the record check for its staff. In force
  // with the 2020 revision from 2021-06-01. "Every year" read as: the last check within 12 months.
  { parameter: "staff.background_check_valid_months", jurisdiction: CN, effectiveFrom: "2021-06-01", value: 12, reference: REF.yearlyBackgroundCheck },
  {
    parameter: "staff.health_check_interval_months",
    jurisdiction: CN,
    effectiveFrom: "2010-11-01",
    value: 12,
    reference: REF.yearlyHealthCheck,
    provisional: true,
    note: "[reported] 76号令: staff on duty have a health check once a year; the clause number is not checked. A certificate counts until its own end date, and never longer than 12 months from its issue",
  },

  {
    parameter: "kindergarten.toddler_class_min_age_months",
    jurisdiction: CN,
    effectiveFrom: PRICING_2024,
    value: 24,
    reference: REF.inclusiveProviders,
    provisional: true,
    note: "[text] 1477号 names the 托班 of kindergartens for ages 2–3; the clause number and the day are not checked",
  },
  { parameter: "inclusive.min_operating_months", jurisdiction: CN, effectiveFrom: PRICING_2024, value: 6, reference: REF.inclusiveRecognition, provisional: true, note: "[unverified] no text at hand sets a minimum operating time" },
  { parameter: "inclusive.notice_days", jurisdiction: CN, effectiveFrom: PRICING_2024, value: 7, reference: REF.inclusiveRecognition, provisional: true, note: "[text] 7 days in the 中山 recognition rules, not a national figure" },
  { parameter: "inclusive.validity_years", jurisdiction: CN, effectiveFrom: PRICING_2024, value: 3, reference: REF.inclusiveRecognition, provisional: true, note: "[unverified] validity not found in any text (2–3 years believed)" },
  { parameter: "inclusive.incident_window_months", jurisdiction: CN, effectiveFrom: PRICING_2024, value: 36, reference: REF.inclusiveRecognition, provisional: true, note: "[text/reported] \"no safety accident in 3 years\" in the recognition conditions seen; the 1477号 clause is not checked" },

  { parameter: "pricing.full_day_share", jurisdiction: CN, effectiveFrom: PRICING_2024, value: 0.8, reference: REF.pricingExample, provisional: true, note: "[text] one Chongqing district's formula; no text sets it for these cities" },
  { parameter: "pricing.half_day_share", jurisdiction: CN, effectiveFrom: PRICING_2024, value: 0.6, reference: REF.pricingExample, provisional: true, note: "[text] one Chongqing district's formula; no text sets it for these cities" },
  { parameter: "pricing.hourly_share_of_daily", jurisdiction: CN, effectiveFrom: PRICING_2024, value: 0.2, reference: REF.pricingExample, provisional: true, note: "[text] one Chongqing district's formula; no text sets it for these cities" },
  {
    parameter: "pricing.days_per_month",
    jurisdiction: CN,
    effectiveFrom: "2008-01-03",
    value: 21.75,
    reference: REF.workdays,
    provisional: true,
    note: "[text] 21.75 is the labour ministry's pay-day conversion; that a childcare daily cap divides by it is our assumption, not a childcare text",
  },

  // [reported] 国办发〔2019〕15号: "用水、用电、用气、用热按照居民生活类价格执行" — all four are the national list;
  // a facility without district heating simply has no heat bill. The clause number is not checked.
  { parameter: "utility.kinds", jurisdiction: CN, effectiveFrom: "2019-04-17", value: ["water", "electricity", "gas", "heat"], reference: REF.utility, provisional: true, note: "[reported] the four utilities 15号 names; clause number not checked" },
  { parameter: "utility.certificate_valid_months", jurisdiction: CN, effectiveFrom: "2019-04-17", value: 12, reference: REF.utility, provisional: true, note: "[reported] Beijing: valid 1 year, renewable; 梧州: 2 years — no national period" },

  { parameter: "tax.income_inclusion_share", jurisdiction: CN, effectiveFrom: "2019-06-01", value: 0.9, reference: REF.tax2019 },

  // Two bases, two parameters: 2022 states the ACFTU's own award (10万, matched by the province ≥ 1:1);
  // 2023 states a minimum per unit (≥ 15万) without saying who pays which share.
  { parameter: "union.caring_employer_acftu_award_fen", jurisdiction: CN, effectiveFrom: "2022-01-01", effectiveTo: "2022-12-31", value: 10_000_000, reference: REF.caringEmployer },
  { parameter: "union.caring_employer_min_award_fen", jurisdiction: CN, effectiveFrom: "2023-01-01", effectiveTo: "2023-12-31", value: 15_000_000, reference: REF.caringEmployer2023 },
  {
    parameter: "union.caring_employer_min_award_fen",
    jurisdiction: CN,
    effectiveFrom: "2024-01-01",
    value: 15_000_000,
    reference: REF.caringEmployer2023,
    provisional: true,
    note: "[text] 2024 names 125 units but no amount; that later years keep 2023's minimum is our assumption",
  },
  { parameter: "union.project_grant_fen", jurisdiction: CN, effectiveFrom: "2025-01-01", value: 1_000_000, reference: REF.projectGrant },

  {
    parameter: "workforce.target_level",
    jurisdiction: CN,
    effectiveFrom: "2021-01-01",
    value: 4,
    reference: REF.alar17,
    provisional: true,
    note: "[unverified] A§17 asks for trained, certified carers but names no level: 四级/中级工 is our reading of the 2021 skill standard",
  },
];
