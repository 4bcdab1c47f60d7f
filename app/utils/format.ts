// Display formats (DESIGN.md "Language"): dates in Asia/Shanghai as 2026年3月1日 (zh) or 1 Mar 2026 (en);
// money stored as integer fen, shown as ¥1,234.50.
import type { Lang } from "../i18n/i18n";

const TZ = "Asia/Shanghai";

// Formatters are built once: constructing an Intl.DateTimeFormat with a time zone costs about 0.1 ms,
// which a table of a few hundred dates paid once per cell.
const ZH_DATE = new Intl.DateTimeFormat("zh-CN", { timeZone: TZ, year: "numeric", month: "numeric", day: "numeric" });
const EN_DATE = new Intl.DateTimeFormat("en-GB", { timeZone: TZ, year: "numeric", month: "short", day: "numeric" });
const TIME = new Intl.DateTimeFormat("en-GB", { timeZone: TZ, hour: "2-digit", minute: "2-digit", second: "2-digit", hour12: false });
const ISO_DATE = new Intl.DateTimeFormat("en-CA", { timeZone: TZ, year: "numeric", month: "2-digit", day: "2-digit" });
const YUAN = new Intl.NumberFormat("en-US");

// Tables repeat the same dates down their rows: each text is worked out once (bounded, never stale —
// a date's text depends only on the date and the language).
const DATE_TEXTS = new Map<string, string>();
const DATE_TIME_TEXTS = new Map<string, string>();
const MAX_CACHED = 5000;

function remembered(cache: Map<string, string>, value: Date | string, lang: Lang, make: () => string): string {
  const key = `${lang} ${typeof value === "string" ? `s${value}` : `d${value.getTime()}`}`;
  let text = cache.get(key);
  if (text === undefined) {
    text = make();
    if (cache.size >= MAX_CACHED) cache.clear();
    cache.set(key, text);
  }
  return text;
}

export function formatDate(value: Date | string, lang: Lang): string {
  return remembered(DATE_TEXTS, value, lang, () => dateText(value, lang));
}

function dateText(value: Date | string, lang: Lang): string {
  const date = typeof value === "string" ? new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00+08:00` : value) : value;
  if (lang === "zh-CN") {
    const parts = ZH_DATE.formatToParts(date);
    const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
    return `${get("year")}年${get("month")}月${get("day")}日`;
  }
  return EN_DATE.format(date);
}

export function formatDateTime(value: Date | string, lang: Lang): string {
  return remembered(DATE_TIME_TEXTS, value, lang, () => {
    const date = typeof value === "string" ? new Date(value) : value;
    return `${formatDate(date, lang)} ${TIME.format(date)}`;
  });
}

export function formatMoney(fen: number): string {
  const sign = fen < 0 ? "-" : "";
  const abs = Math.abs(fen);
  const yuan = YUAN.format(Math.floor(abs / 100));
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

/** The current instant on the business clock (the test clock's offset applied): what services stamp on records. */
export function clockNow(): Date {
  return new Date(Date.now() + clockOffsetMs());
}

/** Today's date in Asia/Shanghai as YYYY-MM-DD. */
export function todayInShanghai(now: Date = clockNow()): string {
  return ISO_DATE.format(now);
}
