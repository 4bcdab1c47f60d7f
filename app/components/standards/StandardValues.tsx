// A county's operating-subsidy standard in words: the two rates, the yearly month cap and how a month
// counts; and the period a standard is effective for. Shared by the standards page's tables.
import { useTranslation } from "react-i18next";
import type { Lang } from "../../i18n/i18n";
import type { SubsidyPeriodRule } from "../../services/standards.server";
import { formatDate, formatMoney } from "../../utils/format";

type T = (key: string, options?: Record<string, unknown>) => string;

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

/** "from … to …", "from …", or "—" without a start. */
export function period(t: T, lang: Lang, from: string | null, to: string | null): string {
  if (!from) return "—";
  return to ? t("subsidy.standards.fromTo", { from: formatDate(from, lang), to: formatDate(to, lang) }) : t("subsidy.standards.from", { date: formatDate(from, lang) });
}
