// 阿拉尔市 (659002, 兵团第一师). The text (A) is an undated draft for comment: every effective date here is
// provisional (2025-01-01, the day A§14 starts its childcare allowance). A states no operating-subsidy
// amount, so `subsidy.operating` has no rate here and is not in force.

import type { ParameterValue } from "../engine/parameters";
import { REF } from "./references";

const CITY = "659002";
const FROM = "2025-01-01";
const UNDATED = "[text] A states the measure; the day is not stated (A is an undated draft for comment)";

export const ALAR_PARAMETERS: readonly ParameterValue[] = [
  { parameter: "measure.premises.idle_state_assets_priority.enabled", jurisdiction: CITY, effectiveFrom: FROM, value: true, reference: REF.alar16, provisional: true, note: UNDATED },
  { parameter: "measure.soe.assessment_exemption.enabled", jurisdiction: CITY, effectiveFrom: FROM, value: true, reference: REF.alar16, provisional: true, note: UNDATED },
  { parameter: "measure.workforce.training_subsidy.enabled", jurisdiction: CITY, effectiveFrom: FROM, value: true, reference: REF.alar17, provisional: true, note: UNDATED },
  // A§16: "7年内" — the number is the text's; the date is not.
  { parameter: "soe.exemption_years", jurisdiction: CITY, effectiveFrom: FROM, value: 7, reference: REF.alar16, provisional: true, note: "[text] \"7年内\" is A§16's; the day is not (A is an undated draft)" },
  // A§16 lists 用水用电用气用热: heat is included here.
  { parameter: "utility.kinds", jurisdiction: CITY, effectiveFrom: FROM, value: ["water", "electricity", "gas", "heat"], reference: REF.alar16, provisional: true, note: "[text] A§16 lists 用水用电用气用热; the day is not stated (A is an undated draft)" },
  // No published income figure at hand → provisional (≈ 3,800 元).
  { parameter: "pricing.reference_monthly_income_fen", jurisdiction: CITY, effectiveFrom: FROM, value: 380_000, reference: REF.demo, provisional: true, note: "demo" },
];
