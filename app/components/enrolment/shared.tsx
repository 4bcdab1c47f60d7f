// Shared pieces of the enrolment-report pages (operator and reviewer): the month in words and a version's
// status as a badge (words, never colour alone).
import { useTranslation } from "react-i18next";
import type { Lang } from "../../i18n/i18n";
import { formatMonthIn } from "../../utils/localise-errors";

const STATUS_TONE: Record<string, string> = { draft: "muted", submitted: "info", approved: "ok", returned: "warn", superseded: "muted", none: "muted" };

/** `2026-05` as 2026年5月 (zh) or May 2026 (en). */
export function formatMonth(period: string, lang: Lang): string {
  return formatMonthIn(period, lang);
}

export function EnrolmentStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return <span className={`badge badge--${STATUS_TONE[status] ?? "muted"}`}>{t(`subsidy.enrolment.statuses.${status}`)}</span>;
}
