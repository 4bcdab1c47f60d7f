// A county's operating-subsidy standard in words: the two rates, the yearly month cap and how a month counts.
import { useTranslation } from "react-i18next";
import type { SubsidyPeriodRule } from "../services/standards.server";
import { formatMoney } from "../utils/format";

function money(fen: number | null): string {
  return fen === null ? "—" : formatMoney(fen);
}

/** The values of a standard, one per line. */
export function StandardValues({ rate, kg, months, rule, attendance }: { rate: number | null; kg: number | null; months: number | null; rule: SubsidyPeriodRule | null; attendance: number | null }) {
  const { t } = useTranslation();
  return (
    <span className="small nowrap">
      {t("subsidy.standards.valueRate", { amount: money(rate) })}
      <br />
      {t("subsidy.standards.valueKg", { amount: money(kg) })}
      <br />
      {months === null ? "—" : t("subsidy.standards.valueMonths", { count: months })}
      <br />
      {rule === null ? t("subsidy.standards.periodRuleNone") : t(`subsidy.standards.periodRules.${rule}`)}
      {rule === "minimum_attendance_days" && attendance !== null ? ` ${t("subsidy.standards.valueAttendance", { count: attendance })}` : ""}
    </span>
  );
}
