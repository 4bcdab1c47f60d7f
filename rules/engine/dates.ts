// Calendar arithmetic on `YYYY-MM-DD` strings. Dates in the rules are Asia/Shanghai calendar days, so
// they never pass through `Date` (whose local-time parsing is where timezone bugs come from). ISO dates
// compare correctly as strings, which keeps the hot path free of parsing.

const DATE_SHAPE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH_SHAPE = /^(\d{4})-(\d{2})$/;

export function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** `YYYY-MM-DD` that names an existing day (2026-02-30 does not). */
export function isValidDate(value: string): boolean {
  const m = DATE_SHAPE.exec(value);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** `YYYY-MM` that names an existing month. */
export function isValidMonth(value: string): boolean {
  const m = MONTH_SHAPE.exec(value);
  if (!m) return false;
  const month = Number(m[2]);
  return Number(m[1]) >= 1 && month >= 1 && month <= 12;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function pad4(n: number): string {
  return String(n).padStart(4, "0");
}

function format(year: number, month: number, day: number): string {
  return `${pad4(year)}-${pad2(month)}-${pad2(day)}`;
}

// charCodeAt arithmetic instead of Number(slice): this runs inside every evaluation.
function yearOf(date: string): number {
  return (date.charCodeAt(0) - 48) * 1000 + (date.charCodeAt(1) - 48) * 100 + (date.charCodeAt(2) - 48) * 10 + (date.charCodeAt(3) - 48);
}
function monthOf(date: string): number {
  return (date.charCodeAt(5) - 48) * 10 + (date.charCodeAt(6) - 48);
}
function dayOf(date: string): number {
  return (date.charCodeAt(8) - 48) * 10 + (date.charCodeAt(9) - 48);
}

/** Adds (or with a negative n subtracts) calendar months, clamping to the month's end: 08-31 + 6 = 02-28/29. */
export function addMonths(date: string, months: number): string {
  const index = yearOf(date) * 12 + (monthOf(date) - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  const day = Math.min(dayOf(date), daysInMonth(year, month));
  return format(year, month, day);
}

/** Adds calendar years, clamping 02-29 to 02-28 in a common year. */
export function addYears(date: string, years: number): string {
  return addMonths(date, years * 12);
}

/** Adds (or subtracts) days. */
export function addDays(date: string, days: number): string {
  let year = yearOf(date);
  let month = monthOf(date);
  let day = dayOf(date) + days;
  while (day < 1) {
    month -= 1;
    if (month < 1) {
      month = 12;
      year -= 1;
    }
    day += daysInMonth(year, month);
  }
  let dim = daysInMonth(year, month);
  while (day > dim) {
    day -= dim;
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
    dim = daysInMonth(year, month);
  }
  return format(year, month, day);
}

/** The last day of a `YYYY-MM` month. */
export function lastDayOfMonth(period: string): string {
  const year = yearOf(period);
  const month = monthOf(period);
  return format(year, month, daysInMonth(year, month));
}

/** The first day of the month after the one `date` falls in. */
export function firstDayOfNextMonth(date: string): string {
  const month = monthOf(date);
  const year = yearOf(date);
  return month === 12 ? format(year + 1, 1, 1) : format(year, month + 1, 1);
}

/**
 * Whole months covered by the inclusive range start..end: the largest n with start + n months − 1 day ≤ end.
 * A lease 2023-01-01..2025-12-31 covers 36 months.
 */
export function monthsCovered(start: string, end: string): number {
  if (end < start) return 0;
  let n = (yearOf(end) - yearOf(start)) * 12 + (monthOf(end) - monthOf(start)) + 1;
  while (n > 0 && addDays(addMonths(start, n), -1) > end) n -= 1;
  return n;
}

/** Days from start to end, both included (0 when end is before start): 2026-09-28..2026-09-30 is 3. */
export function daysInclusive(start: string, end: string): number {
  if (end < start) return 0;
  const ms = (d: string) => Date.UTC(yearOf(d), monthOf(d) - 1, Number(d.slice(8, 10)));
  return Math.round((ms(end) - ms(start)) / 86_400_000) + 1;
}
