// Field messages carry their parameters as JSON after a "|" (components/forms.tsx fieldMessage); dates in
// them are ISO (a service does not know the reader's language). This turns those dates and months into
// the reader's form (2026年1月1日 / 1 Jan 2026; 2026年1月 / January 2026) before a page shows them.
import type { Lang } from "../i18n/i18n";
import { formatDate } from "./format";

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export function formatMonthIn(period: string, lang: Lang): string {
  const [y, m] = period.split("-").map(Number) as [number, number];
  if (lang === "zh-CN") return `${y}年${m}月`;
  return new Intl.DateTimeFormat("en-GB", { year: "numeric", month: "long", timeZone: "UTC" }).format(new Date(Date.UTC(y, m - 1, 1)));
}

export function localiseMessage(raw: string, lang: Lang): string {
  const bar = raw.indexOf("|");
  if (bar < 0) return raw;
  try {
    const params = JSON.parse(raw.slice(bar + 1)) as Record<string, unknown>;
    for (const [k, v] of Object.entries(params)) {
      if (typeof v !== "string") continue;
      if (DAY.test(v)) params[k] = formatDate(v, lang);
      else if (MONTH.test(v)) params[k] = formatMonthIn(v, lang);
    }
    return `${raw.slice(0, bar)}|${JSON.stringify(params)}`;
  } catch {
    return raw;
  }
}

export function localiseFieldErrors(errors: Record<string, string>, lang: Lang): Record<string, string> {
  return Object.fromEntries(Object.entries(errors).map(([k, v]) => [k, localiseMessage(v, lang)]));
}
