// Every parameter the measures read: id, kind, unit and a description. Values live in national.ts,
// bengbu.ts and alar.ts; local values entered by administrators use the same ids.

import type { ParameterDefinition } from "../engine/parameters";

function enabled(measure: string, zh: string, en: string): ParameterDefinition {
  return { id: `measure.${measure}.enabled`, kind: "boolean", unit: "boolean", description: { zh: `${zh}是否施行`, en: `Whether ${en} is in force` } };
}

export const PARAMETER_DEFINITIONS: readonly ParameterDefinition[] = [
  enabled("filing.complete", "备案条件与材料齐全", "filing completeness"),
  enabled("staffing.compliant", "班额与师幼比", "class size and caregiver ratio standards"),
  enabled("inclusive.certification", "普惠性托育机构认定", "inclusive certification"),
  enabled("pricing.guided_price", "政府指导价", "the guided price"),
  enabled("utility.residential_price", "水电气热按居民生活类价格", "residential utility prices"),
  enabled("tax.community_childcare_relief", "社区托育税费减免", "the community childcare tax relief"),
  enabled("premises.idle_state_assets_priority", "闲置国有资产优先提供", "priority use of idle state assets"),
  enabled("soe.assessment_exemption", "国企办托营收不纳入考核", "the SOE assessment exemption"),
  enabled("employer.union_support", "用人单位办托工会支持", "union support for employer-run childcare"),
  enabled("workforce.training_subsidy", "职业技能培训补贴", "the vocational training subsidy"),
  enabled("kindergarten.inclusive_toddler_class", "幼儿园普惠托班", "inclusive kindergarten toddler classes"),

  { id: "staffing.max_class_size.infant", kind: "number", unit: "children", description: { zh: "乳儿班最大班额", en: "Maximum size of an infant class" } },
  { id: "staffing.max_class_size.toddler", kind: "number", unit: "children", description: { zh: "托小班最大班额", en: "Maximum size of a toddler class" } },
  { id: "staffing.max_class_size.older_toddler", kind: "number", unit: "children", description: { zh: "托大班最大班额", en: "Maximum size of an older-toddler class" } },
  { id: "staffing.max_class_size.mixed", kind: "number", unit: "children", description: { zh: "混合编班最大班额", en: "Maximum size of a mixed class" } },
  { id: "staffing.children_per_caregiver.infant", kind: "number", unit: "children per caregiver", description: { zh: "乳儿班师幼比（每名保育人员照护婴幼儿数）", en: "Infant class: children per caregiver" } },
  { id: "staffing.children_per_caregiver.toddler", kind: "number", unit: "children per caregiver", description: { zh: "托小班师幼比", en: "Toddler class: children per caregiver" } },
  { id: "staffing.children_per_caregiver.older_toddler", kind: "number", unit: "children per caregiver", description: { zh: "托大班师幼比", en: "Older-toddler class: children per caregiver" } },
  { id: "staffing.children_per_caregiver.mixed", kind: "number", unit: "children per caregiver", description: { zh: "混合编班师幼比（地方确定）", en: "Mixed class: children per caregiver (set locally)" } },
  { id: "home_based.max_children", kind: "number", unit: "children", description: { zh: "家庭托育点最多收托人数", en: "Most children a home-based point may take" } },
  { id: "home_based.children_per_caregiver", kind: "number", unit: "children per caregiver", description: { zh: "家庭托育点每名照护人员最多看护人数", en: "Home-based point: children per carer" } },
  { id: "home_based.caregiver_min_years_experience", kind: "number", unit: "years", description: { zh: "家庭托育点照护人员最少照护经验（年）", en: "Home-based point: a carer's least childcare experience (years)" } },
  { id: "home_based.caregiver_training_kinds", kind: "string_list", unit: "qualification kinds", description: { zh: "家庭托育点照护人员认可的培训证明种类", en: "Records that count as a home-based carer's training" } },

  { id: "filing.lease_min_months", kind: "number", unit: "months", description: { zh: "场地租赁最短期限", en: "Shortest lease term for premises" } },
  { id: "filing.director_education_levels", kind: "string_list", unit: "education levels", description: { zh: "负责人学历要求（大专及以上）", en: "Director's accepted education levels (junior college or higher)" } },
  { id: "filing.director_min_years_experience", kind: "number", unit: "years", description: { zh: "负责人相关工作最短年限", en: "Director's minimum years of relevant experience" } },
  { id: "staff.caregiver_qualifications", kind: "string_list", unit: "qualification kinds", description: { zh: "保育人员认可的资格种类", en: "Qualification kinds that count for a caregiver" } },
  { id: "staff.background_check_valid_months", kind: "number", unit: "months", description: { zh: "违法犯罪记录查询的有效期（每年定期查询）", en: "How long a background check counts (repeated every year)" } },
  { id: "staff.health_check_interval_months", kind: "number", unit: "months", description: { zh: "工作人员健康检查间隔（每年1次）", en: "Interval of staff health checks (once a year)" } },

  { id: "kindergarten.toddler_class_min_age_months", kind: "number", unit: "months", description: { zh: "幼儿园托班招收幼儿的最小月龄", en: "Youngest age a kindergarten toddler class takes (months)" } },
  { id: "inclusive.min_operating_months", kind: "number", unit: "months", description: { zh: "申请普惠认定前最短运营月数", en: "Months of operation before inclusive certification" } },
  { id: "inclusive.notice_days", kind: "number", unit: "days", description: { zh: "普惠认定公示期（日）", en: "Public notice period before inclusive certification (days)" } },
  { id: "inclusive.validity_years", kind: "number", unit: "years", description: { zh: "普惠认定有效期（年）", en: "Validity of an inclusive certification (years)" } },
  { id: "inclusive.incident_window_months", kind: "number", unit: "months", description: { zh: "无重大安全事故的回溯期", en: "Look-back window without a major safety incident" } },

  { id: "pricing.schedule", kind: "schedule", unit: "fen per service unit", description: { zh: "已公布的政府指导价表（按班型、服务类型）", en: "Published guided-price schedule (per class type and service type)" } },
  { id: "pricing.reference_monthly_income_fen", kind: "number", unit: "fen per month", description: { zh: "上年城镇居民人均月可支配收入", en: "Last year's urban per-capita monthly disposable income" } },
  { id: "pricing.full_day_share", kind: "number", unit: "share", description: { zh: "全日托上限占参考收入比例", en: "Full-day cap as a share of the reference income" } },
  { id: "pricing.half_day_share", kind: "number", unit: "share", description: { zh: "半日托上限占全日托上限比例", en: "Half-day cap as a share of the full-day cap" } },
  { id: "pricing.hourly_share_of_daily", kind: "number", unit: "share", description: { zh: "计时托每小时上限占日收费比例", en: "Hourly cap as a share of the daily rate" } },
  { id: "pricing.formula_applies_to_public", kind: "boolean", unit: "boolean", description: { zh: "公办托育机构是否也按参考收入公式确定上限", en: "Whether the reference-income formula also caps public facilities" } },
  { id: "pricing.days_per_month", kind: "number", unit: "days", description: { zh: "月计薪天数", en: "Statutory average paid days per month" } },

  { id: "utility.kinds", kind: "string_list", unit: "utilities", description: { zh: "按居民价格执行的公用事业种类", en: "Utilities billed at residential prices" } },
  { id: "utility.certificate_valid_months", kind: "number", unit: "months", description: { zh: "居民价格证明有效期", en: "Validity of the residential-price certificate" } },

  { id: "tax.income_inclusion_share", kind: "number", unit: "share", description: { zh: "托育服务收入计入应纳税所得额比例", en: "Share of childcare income counted for income tax" } },

  { id: "soe.exemption_years", kind: "number", unit: "years", description: { zh: "国企办托营收不纳入考核年限", en: "Years an SOE's childcare revenue stays out of its leadership assessment" } },

  { id: "subsidy.operating.per_child_month_fen", kind: "number", unit: "fen per child per month", description: { zh: "普惠托育机构运营补贴标准", en: "Operating subsidy per child per month" } },
  { id: "subsidy.operating.per_child_month_kindergarten_class_fen", kind: "number", unit: "fen per child per month", description: { zh: "幼儿园托班运营补贴标准", en: "Operating subsidy per child per month, kindergarten class" } },
  { id: "subsidy.operating.max_months_per_year", kind: "number", unit: "months", description: { zh: "每年最多补贴月数", en: "Most subsidised months per year" } },
  {
    id: "subsidy.operating.period_rule",
    kind: "string_list",
    unit: "period rule",
    description: { zh: "补贴月份计算方式（月初已备案整月计、按备案天数折算、按最低出勤天数计人）", en: "How a month is counted (whole month if filed on the 1st, pro rata by days filed, or children meeting minimum attendance)" },
  },
  { id: "subsidy.operating.min_attendance_days", kind: "number", unit: "days", description: { zh: "计入补贴人数的月最低出勤天数", en: "Least days a child attends in the month to be counted" } },

  { id: "union.caring_employer_acftu_award_fen", kind: "number", unit: "fen per unit", description: { zh: "全国爱心托育用人单位全总补助（不含省级配套）", en: "ACFTU's own award per national caring-childcare employer (before provincial matching)" } },
  { id: "union.caring_employer_min_award_fen", kind: "number", unit: "fen per unit", description: { zh: "全国爱心托育用人单位每家补助下限", en: "Minimum award per national caring-childcare employer" } },
  { id: "union.project_grant_fen", kind: "number", unit: "fen per project", description: { zh: "全总用人单位托育项目补助", en: "ACFTU grant per employer childcare project" } },

  { id: "workforce.target_level", kind: "number", unit: "skill level (5 lowest … 1 highest)", description: { zh: "保育师目标技能等级", en: "Target childcare-worker skill level" } },
];
