// The snapshot's vocabularies (RULES.md "Snapshot (input)"): plain constants without zod, so the
// evaluator (and its archived releases, rules/archive.ts) does not carry the parser.

export const LEGAL_FORMS = ["company", "public_institution", "social_service_org", "individual_business", "government_agency"] as const;
export const OWNERSHIPS = ["public", "state_owned_enterprise", "private", "collective"] as const;
export const FACILITY_KINDS = ["standalone", "kindergarten_class", "employer_run", "community_embedded", "home_based"] as const;
export const SERVICE_TYPES = ["full_day", "half_day", "hourly", "temporary"] as const;
export const TENURES = ["owned", "leased", "free_use"] as const;
export const KINDERGARTEN_OWNERSHIPS = ["public", "inclusive_private", "private"] as const;
export const FILING_STATUSES = ["none", "draft", "submitted", "returned", "filed", "cancelled"] as const;
export const DOCUMENT_KINDS = ["business_license", "site_proof", "health_evaluation", "fire_safety", "food_license"] as const;
export const STAFF_ROLES = ["director", "caregiver", "health_worker", "security_guard", "cook", "other"] as const;
export const EDUCATION_LEVELS = ["none", "secondary", "junior_college", "bachelor", "postgraduate"] as const;
export const QUALIFICATION_KINDS = [
  "childcare_worker",
  "infant_development_guide",
  "kindergarten_teacher",
  "nurse",
  "physician",
  "director_training",
  "health_care_training",
  "security_guard_certificate",
  // 家庭托育点管理办法: a home-based carer "受过婴幼儿保育、心理健康、食品安全、急救和消防等培训" — training, not a certificate
  "caregiver_training",
] as const;
export const SUBSIDY_PERIOD_RULES = ["whole_month_if_filed_on_first", "pro_rata_days", "minimum_attendance_days"] as const;
export const CLASS_TYPES = ["infant", "toddler", "older_toddler", "mixed"] as const;
export const INCLUSIVE_STATUSES = ["none", "applied", "certified", "revoked", "expired"] as const;
export const SEVERITIES = ["major", "minor"] as const;

export type ClassType = (typeof CLASS_TYPES)[number];
export type ServiceType = (typeof SERVICE_TYPES)[number];
export type EducationLevel = (typeof EDUCATION_LEVELS)[number];

// Messages travel as zod issue params so that the one mapping below can report them in both languages.
