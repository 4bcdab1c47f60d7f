// 阿拉尔市 (659002, 兵团第一师). The text (A) is an undated draft for comment: every effective date here is
// provisional (2025-01-01, the day A§14 starts its childcare allowance). A states no operating-subsidy
// amount, so `subsidy.operating` has no rate here and is not in force.

import type { ParameterValue } from "../engine/parameters";
import { REF } from "./references";

const CITY = "659002";
const FROM = "2025-01-01";

export const ALAR_PARAMETERS: readonly ParameterValue[] = [
  { parameter: "measure.premises.idle_state_assets_priority.enabled", jurisdiction: CITY, effectiveFrom: FROM, value: true, reference: REF.alar16, provisional: true },
  { parameter: "measure.soe.assessment_exemption.enabled", jurisdiction: CITY, effectiveFrom: FROM, value: true, reference: REF.alar16, provisional: true },
  { parameter: "measure.workforce.training_subsidy.enabled", jurisdiction: CITY, effectiveFrom: FROM, value: true, reference: REF.alar17, provisional: true },
  // A§16: "7年内" — the number is the text's; the date is not.
  { parameter: "soe.exemption_years", jurisdiction: CITY, effectiveFrom: FROM, value: 7, reference: REF.alar16, provisional: true },
  // A§16 lists 用水用电用气用热: heat is included here.
  { parameter: "utility.kinds", jurisdiction: CITY, effectiveFrom: FROM, value: ["water", "electricity", "gas", "heat"], reference: REF.alar16, provisional: true },
  // No published income figure at hand → provisional (≈ 3,800 元).
  { parameter: "pricing.reference_monthly_income_fen", jurisdiction: CITY, effectiveFrom: FROM, value: 380_000, reference: REF.demo, provisional: true, note: "demo" },
];
