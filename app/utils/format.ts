// Display formats (DESIGN.md "Language"): dates in Asia/Shanghai as 2026年3月1日 (zh) or 1 Mar 2026 (en);
// money stored as integer fen, shown as ¥1,234.50.
import type { Lang } from "../i18n/i18n";

const TZ = "Asia/Shanghai";

export function formatDate(value: Date | string, lang: Lang): string {
  const date = typeof value === "string" ? new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00+08:00` : value) : value;
  if (lang === "zh-CN") {
    const parts = new Intl.DateTimeFormat("zh-CN", { timeZone: TZ, year: "numeric", month: "numeric", day: "numeric" }).formatToParts(date);
    const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
    return `${get("year")}年${get("month")}月${get("day")}日`;
  }
  return new Intl.DateTimeFormat("en-GB", { timeZone: TZ, year: "numeric", month: "short", day: "numeric" }).format(date);
}

export function formatDateTime(value: Date | string, lang: Lang): string {
  const date = typeof value === "string" ? new Date(value) : value;
  const time = new Intl.DateTimeFormat("en-GB", { timeZone: TZ, hour: "2-digit", minute: "2-digit", second: "2-digit", hour12: false }).format(date);
  return `${formatDate(date, lang)} ${time}`;
}

export function formatMoney(fen: number): string {
  const sign = fen < 0 ? "-" : "";
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / 100).toLocaleString("en-US");
  return `${sign}¥${yuan}.${String(abs % 100).padStart(2, "0")}`;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The evaluation mode's test clock (CLOCK_OFFSET_DAYS, embedded database only): the server sets it at
 * start so end-to-end tests can step past a notice period; always 0 in the browser and in production.
 */
function clockOffsetMs(): number {
  const days = (globalThis as { __tuoyuClockOffsetDays?: number }).__tuoyuClockOffsetDays;
  return typeof days === "number" && Number.isFinite(days) ? days * DAY_MS : 0;
}

/** Today's date in Asia/Shanghai as YYYY-MM-DD. */
export function todayInShanghai(now: Date = new Date(Date.now() + clockOffsetMs())): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: TZ, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}
