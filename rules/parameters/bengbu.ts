// 蚌埠市 (340300) and its seven districts and counties. The text (B) gives no dates for its measures: the
// effective date 2024-01-01 is provisional (B§4 starts its family allowance on that day). B§7 leaves
// subsidy amounts to each county under 蚌埠市托育服务机构补助办法（试行）, which is not at hand: the amounts
// below are DEMO values (provisional) until an administrator enters the published ones.

import type { ParameterValue } from "../engine/parameters";
import { REF } from "./references";

const CITY = "340300";
const FROM = "2024-01-01";
export const BENGBU_COUNTIES = ["340302", "340303", "340304", "340311", "340321", "340322", "340323"] as const;

const demoSubsidy = REF.subsidyDemo;

export const BENGBU_PARAMETERS: readonly ParameterValue[] = [
  // Urban per-capita monthly disposable income: no published figure at hand → provisional (≈ 4,000 元).
  { parameter: "pricing.reference_monthly_income_fen", jurisdiction: CITY, effectiveFrom: FROM, value: 400_000, reference: REF.demo, provisional: true, note: "demo" },
  { parameter: "subsidy.operating.max_months_per_year", jurisdiction: CITY, effectiveFrom: FROM, value: 10, reference: demoSubsidy, provisional: true, note: "demo" },
  // How a month is counted: B§7 leaves it to each county's scheme, none at hand → one demo choice per rule.
  // The city default pays a month only when the facility was filed throughout it; 龙子湖区 pays by the days
  // filed; 五河县 counts the children who attended at least 10 days.
  { parameter: "subsidy.operating.period_rule", jurisdiction: CITY, effectiveFrom: FROM, value: ["whole_month_if_filed_on_first"], reference: REF.subsidyPeriodDemo, provisional: true, note: "demo" },
  { parameter: "subsidy.operating.period_rule", jurisdiction: "340302", effectiveFrom: FROM, value: ["pro_rata_days"], reference: REF.subsidyPeriodDemo, provisional: true, note: "demo" },
  { parameter: "subsidy.operating.period_rule", jurisdiction: "340322", effectiveFrom: FROM, value: ["minimum_attendance_days"], reference: REF.subsidyPeriodDemo, provisional: true, note: "demo" },
  { parameter: "subsidy.operating.min_attendance_days", jurisdiction: "340322", effectiveFrom: FROM, value: 10, reference: REF.subsidyPeriodDemo, provisional: true, note: "demo" },
  ...BENGBU_COUNTIES.flatMap((county): ParameterValue[] => [
    { parameter: "subsidy.operating.per_child_month_fen", jurisdiction: county, effectiveFrom: FROM, value: 20_000, reference: demoSubsidy, provisional: true, note: "demo" },
    { parameter: "subsidy.operating.per_child_month_kindergarten_class_fen", jurisdiction: county, effectiveFrom: FROM, value: 12_000, reference: demoSubsidy, provisional: true, note: "demo" },
  ]),
];
