// Working-day arithmetic for statutory periods ("5 个工作日内") on YYYY-MM-DD strings. Days never pass
// through local-time `Date` parsing: the weekday comes from Date.UTC, so the answer is the same on a
// server in UTC and a browser in Asia/Shanghai. Pure and browser-safe.
import { addDays, isValidDate } from "../../rules/engine/dates";

/**
 * The official calendar (国务院办公厅 annual notice): `holidays` are days off (the whole period, weekends
 * included, may be listed); `workdays` are weekend days worked in exchange (调休).
 */
export type WorkCalendar = { holidays: ReadonlySet<string>; workdays: ReadonlySet<string> };

export const EMPTY_CALENDAR: WorkCalendar = { holidays: new Set(), workdays: new Set() };

function assertDay(day: string, name: string): void {
  if (!isValidDate(day)) throw new RangeError(`${name} must be an existing YYYY-MM-DD day, got ${JSON.stringify(day)}`);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(day: string): number {
  assertDay(day, "day");
  return new Date(Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)))).getUTCDay();
}

/**
 * Monday to Friday unless a listed holiday; Saturday and Sunday only when listed as a 调休 workday.
 * A day listed as both (a data-entry slip the database cannot hold, its key being the day) counts as a
 * holiday: a deadline then falls later, never earlier, than the applicant could expect.
 */
export function isWorkingDay(day: string, cal: WorkCalendar): boolean {
  const weekday = weekdayOf(day);
  if (cal.holidays.has(day)) return false;
  if (cal.workdays.has(day)) return true;
  return weekday !== 0 && weekday !== 6;
}

/** The first working day on or after `day`. */
export function nextWorkingDayFrom(day: string, cal: WorkCalendar): string {
  let d = day;
  while (!isWorkingDay(d, cal)) d = addDays(d, 1);
  return d;
}

/**
 * The due date of something received on `start` with `n` working days to act: the n-th working day
 * *after* the day of receipt, the receipt day itself not counted. Submitted on Friday with 5 working
 * days → due the next Friday (later if a holiday falls in between).
 * A submission on a non-working day (weekend, holiday) counts as received on the next working day
 * (顺延至下一个工作日受理): submitted Saturday → received Monday → due the Monday after.
 * n = 0 gives that receipt day.
 */
export function addWorkingDays(start: string, n: number, cal: WorkCalendar): string {
  assertDay(start, "start");
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be a whole number ≥ 0, got ${n}`);
  let d = nextWorkingDayFrom(start, cal);
  for (let left = n; left > 0; ) {
    d = addDays(d, 1);
    if (isWorkingDay(d, cal)) left -= 1;
  }
  return d;
}

/**
 * Working days d with a < d ≤ b; negative (−(working days in (b, a])) when b is before a. So
 * `workingDaysBetween(dueOn, today)` is how many working days a case is overdue (≤ 0: not overdue),
 * and `workingDaysBetween(start, addWorkingDays(start, n))` is n for a working-day `start`.
 */
export function workingDaysBetween(a: string, b: string, cal: WorkCalendar): number {
  assertDay(a, "a");
  assertDay(b, "b");
  if (b < a) return -workingDaysBetween(b, a, cal);
  let count = 0;
  for (let d = addDays(a, 1); d <= b; d = addDays(d, 1)) {
    if (isWorkingDay(d, cal)) count += 1;
  }
  return count;
}
