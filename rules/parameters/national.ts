// National values (jurisdiction CN). Dates are the issuing documents' dates where known; a value or a
// date that no published text gives is `provisional` (示例值，以当地正式文件为准).

import type { ParameterValue } from "../engine/parameters";
import { REF } from "./references";

const CN = "CN";
// 国卫人口发〔2019〕58号 and 国卫办人口发〔2019〕25号 were issued in October 2019.
const STANDARDS_2019 = "2019-10-08";
// 1477号 (2024): the day is not at hand, so values dated by it are provisional.
const PRICING_2024 = "2024-12-01";

export const NATIONAL_PARAMETERS: readonly ParameterValue[] = [
  { parameter: "measure.filing.complete.enabled", jurisdiction: CN, effectiveFrom: STANDARDS_2019, value: true, reference: REF.filingConditions },
  { parameter: "measure.staffing.compliant.enabled", jurisdiction: CN, effectiveFrom: STANDARDS_2019, value: true, reference: REF.ratios },
  { parameter: "measure.inclusive.certification.enabled", jurisdiction: CN, effectiveFrom: PRICING_2024, value: true, reference: REF.inclusiveRecognition, provisional: true },
  { parameter: "measure.pricing.guided_price.enabled", jurisdiction: CN, effectiveFrom: PRICING_2024, value: true, reference: REF.pricing, provisional: true },
  { parameter: "measure.utility.residential_price.enabled", jurisdiction: CN, effectiveFrom: "2019-04-17", value: true, reference: REF.utility },
  // 76号: from 2019-06-01; its end date 2025-12-31 is unverified (DOMAIN.md) → provisional.
  {
    parameter: "measure.tax.community_childcare_relief.enabled",
    jurisdiction: CN,
    effectiveFrom: "2019-06-01",
    effectiveTo: "2025-12-31",
    value: true,
    reference: REF.tax2019,
    provisional: true,
  },
  // Extension by 公告2026年第7号 [reported].
  {
    parameter: "measure.tax.community_childcare_relief.enabled",
    jurisdiction: CN,
    effectiveFrom: "2026-01-01",
    effectiveTo: "2027-12-31",
    value: true,
    reference: REF.tax2026,
  },
  { parameter: "measure.employer.union_support.enabled", jurisdiction: CN, effectiveFrom: "2022-01-01", value: true, reference: REF.caringEmployer },
  { parameter: "measure.kindergarten.inclusive_toddler_class.enabled", jurisdiction: CN, effectiveFrom: PRICING_2024, value: true, reference: REF.inclusiveProviders, provisional: true },

  { parameter: "staffing.max_class_size.infant", jurisdiction: CN, effectiveFrom: STANDARDS_2019, value: 10, reference: REF.classSizes },
  { parameter: "staffing.max_class_size.toddler", jurisdiction: CN, effectiveFrom: STANDARDS_2019, value: 15, reference: REF.classSizes },
  { parameter: "staffing.max_class_size.older_toddler", jurisdiction: CN, effectiveFrom: STANDARDS_2019, value: 20, reference: REF.classSizes },
  { parameter: "staffing.max_class_size.mixed", jurisdiction: CN, effectiveFrom: STANDARDS_2019, value: 18, reference: REF.classSizes },
  { parameter: "staffing.children_per_caregiver.infant", jurisdiction: CN, effectiveFrom: STANDARDS_2019, value: 3, reference: REF.ratios },
  { parameter: "staffing.children_per_caregiver.toddler", jurisdiction: CN, effectiveFrom: STANDARDS_2019, value: 5, reference: REF.ratios },
  { parameter: "staffing.children_per_caregiver.older_toddler", jurisdiction: CN, effectiveFrom: STANDARDS_2019, value: 7, reference: REF.ratios },
  // Nationally unset ("locally set"): 1:5, the toddler ratio, until a city enters its own.
  { parameter: "staffing.children_per_caregiver.mixed", jurisdiction: CN, effectiveFrom: STANDARDS_2019, value: 5, reference: REF.ratios, provisional: true },
  // 家庭托育点管理办法（试行）: published 2023-11-14 per press reports; the exact effective day is unverified.
  { parameter: "home_based.max_children", jurisdiction: CN, effectiveFrom: "2023-11-14", value: 5, reference: REF.homeBased, provisional: true },
  { parameter: "home_based.children_per_caregiver", jurisdiction: CN, effectiveFrom: "2023-11-14", value: 3, reference: REF.homeBased, provisional: true },

  { parameter: "filing.lease_min_months", jurisdiction: CN, effectiveFrom: STANDARDS_2019, value: 36, reference: REF.site },
  { parameter: "filing.director_education_levels", jurisdiction: CN, effectiveFrom: STANDARDS_2019, value: ["junior_college", "bachelor", "postgraduate"], reference: REF.director },
  { parameter: "filing.director_min_years_experience", jurisdiction: CN, effectiveFrom: STANDARDS_2019, value: 3, reference: REF.director },
  // The list is our reading of "childcare experience or related background" plus A§17's 保育师/引导员.
  {
    parameter: "staff.caregiver_qualifications",
    jurisdiction: CN,
    effectiveFrom: STANDARDS_2019,
    value: ["childcare_worker", "infant_development_guide", "kindergarten_teacher", "nurse"],
    reference: REF.caregivers,
    provisional: true,
  },

  { parameter: "inclusive.min_operating_months", jurisdiction: CN, effectiveFrom: PRICING_2024, value: 6, reference: REF.inclusiveRecognition, provisional: true },
  // 7-day public notice as in the 中山 recognition rules (DOMAIN.md); validity and yearly review were not
  // found in any text (DOMAIN.md: unverified, 2–3 years) — both provisional national defaults
  { parameter: "inclusive.notice_days", jurisdiction: CN, effectiveFrom: PRICING_2024, value: 7, reference: REF.inclusiveRecognition, provisional: true },
  { parameter: "inclusive.validity_years", jurisdiction: CN, effectiveFrom: PRICING_2024, value: 3, reference: REF.inclusiveRecognition, provisional: true },
  { parameter: "inclusive.incident_window_months", jurisdiction: CN, effectiveFrom: PRICING_2024, value: 36, reference: REF.inclusiveRecognition, provisional: true },

  // Formula shares follow the one district example in DOMAIN.md; no text sets them for these cities.
  { parameter: "pricing.full_day_share", jurisdiction: CN, effectiveFrom: PRICING_2024, value: 0.8, reference: REF.pricingExample, provisional: true },
  { parameter: "pricing.half_day_share", jurisdiction: CN, effectiveFrom: PRICING_2024, value: 0.6, reference: REF.pricingExample, provisional: true },
  { parameter: "pricing.hourly_share_of_daily", jurisdiction: CN, effectiveFrom: PRICING_2024, value: 0.2, reference: REF.pricingExample, provisional: true },
  { parameter: "pricing.days_per_month", jurisdiction: CN, effectiveFrom: "2008-01-03", value: 21.75, reference: REF.workdays },

  // 国办发〔2019〕15号 names water, electricity, gas and heat; heat applies only where a city lists it.
  { parameter: "utility.kinds", jurisdiction: CN, effectiveFrom: "2019-04-17", value: ["water", "electricity", "gas"], reference: REF.utility, provisional: true },
  { parameter: "utility.certificate_valid_months", jurisdiction: CN, effectiveFrom: "2019-04-17", value: 12, reference: REF.utility, provisional: true },

  { parameter: "tax.income_inclusion_share", jurisdiction: CN, effectiveFrom: "2019-06-01", value: 0.9, reference: REF.tax2019 },

  { parameter: "union.caring_employer_award_fen", jurisdiction: CN, effectiveFrom: "2022-01-01", effectiveTo: "2022-12-31", value: 10_000_000, reference: REF.caringEmployer },
  // 2023: "at least 15万 each" [text]; that later years keep it is our assumption → provisional.
  { parameter: "union.caring_employer_award_fen", jurisdiction: CN, effectiveFrom: "2023-01-01", value: 15_000_000, reference: REF.caringEmployer, provisional: true },
  { parameter: "union.project_grant_fen", jurisdiction: CN, effectiveFrom: "2025-01-01", value: 1_000_000, reference: REF.projectGrant },

  // 四级/中级工; the 2021 skill standard's details are unverified.
  { parameter: "workforce.target_level", jurisdiction: CN, effectiveFrom: "2021-01-01", value: 4, reference: REF.alar17, provisional: true },
];
