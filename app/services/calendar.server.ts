// The official holiday calendar (calendar_days) and the working-day deadlines computed from it
// ("备案 5 个工作日内"). The calendar is national data: only administrators whose scope is a city or
// higher may edit it, so a county cannot shift deadlines for everyone.
import { asc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../db/client";
import { CALENDAR_2026 } from "../../db/calendar-2026";
import { CALENDAR_DAY_KINDS, calendarDays, jurisdictions } from "../../db/schema";
import { isValidDate } from "../../rules/engine/dates";
import { assertPermission, type Actor } from "../auth/session.server";
import { staffScope } from "../auth/scope.server";
import { addWorkingDays, weekdayOf, type WorkCalendar } from "../utils/working-days";
import { changedFields, recordAudit } from "./audit.server";
import { ForbiddenError, NotFoundError, ValidationError } from "./errors";
import { actorContext, fieldErrorsOf } from "./users.server";
import { clockNow } from "../utils/format";

/** Statutory period for reviewing a filing (working days after receipt). */
export const FILING_REVIEW_WORKING_DAYS = 5;

const CALENDAR_EDITOR_LEVELS: ReadonlySet<string> = new Set(["country", "province", "city"]);

// Years outside this window are typing mistakes (20260-01-01 is refused by the shape already).
function isCalendarDay(value: string): boolean {
  return isValidDate(value) && value >= "2000-01-01" && value <= "2099-12-31";
}

const calendarDayString = z.string({ error: "calendar.dayInvalid" }).trim().refine(isCalendarDay, { error: "calendar.dayInvalid" });

const calendarName = z
  .string({ error: "validation.required" })
  .trim()
  .min(1, { error: "validation.required" })
  .max(100, { error: "validation.tooLong" });

// Kept beside the service until the admin form exists; then it moves to a shared calendar.schemas.ts
// for react-hook-form (STYLE.md rule 3).
export const calendarDaySchema = z
  .object({
    day: calendarDayString,
    kind: z.enum(CALENDAR_DAY_KINDS, { error: "calendar.kindInvalid" }),
    nameZh: calendarName,
    nameEn: calendarName,
    reference: z
      .string({ error: "validation.required" })
      .trim()
      .min(1, { error: "validation.required" })
      .max(500, { error: "validation.tooLong" }),
  })
  .superRefine((v, ctx) => {
    // a 调休 workday is a weekend day worked; on Monday–Friday it would be a typo for another date
    if (v.kind === "workday" && isCalendarDay(v.day)) {
      const weekday = weekdayOf(v.day);
      if (weekday !== 0 && weekday !== 6) ctx.addIssue({ code: "custom", path: ["kind"], message: "calendar.workdayNotWeekend" });
    }
  });

export type CalendarDayInput = z.input<typeof calendarDaySchema>;

type CalendarDayFields = { kind: string; nameZh: string; nameEn: string; reference: string };

async function assertCalendarEditor(db: Db, actor: Actor): Promise<void> {
  assertPermission(actor, "manage:parameter:jurisdiction");
  const scope = staffScope(actor);
  const [j] = await db.select({ level: jurisdictions.level }).from(jurisdictions).where(eq(jurisdictions.code, scope));
  if (!j || !CALENDAR_EDITOR_LEVELS.has(j.level)) throw new ForbiddenError(scope, "scope");
}

/**
 * Brings the 2026 days into calendar_days; running it again changes nothing. A day an administrator has
 * since edited (its reference no longer the notice's) is left alone, so a boot-time seed cannot undo a
 * correction. A day an administrator removed does come back — there is nothing to remember the removal by.
 */
export async function seedCalendar(db: Db): Promise<{ written: number }> {
  const rows = await db
    .insert(calendarDays)
    .values(CALENDAR_2026.map((d) => ({ ...d })))
    .onConflictDoUpdate({
      target: calendarDays.day,
      set: { kind: sql`excluded.kind`, nameZh: sql`excluded.name_zh`, nameEn: sql`excluded.name_en`, updatedAt: sql`now()` },
      setWhere: sql`${calendarDays.reference} = excluded.reference AND (${calendarDays.kind}, ${calendarDays.nameZh}, ${calendarDays.nameEn}) IS DISTINCT FROM (excluded.kind, excluded.name_zh, excluded.name_en)`,
    })
    .returning({ day: calendarDays.day });
  return { written: rows.length };
}

/** The whole calendar (a few dozen rows a year), read fresh each time so an admin's edit applies at once. */
export async function loadWorkCalendar(db: Db): Promise<WorkCalendar> {
  const rows = await db.select({ day: calendarDays.day, kind: calendarDays.kind }).from(calendarDays);
  const holidays = new Set<string>();
  const workdays = new Set<string>();
  for (const r of rows) (r.kind === "holiday" ? holidays : workdays).add(r.day);
  return { holidays, workdays };
}

/** The n-th working day after `submittedOn` (see addWorkingDays for how weekends and holidays count). */
export async function dueDateFor(db: Db, submittedOn: string, workingDays: number = FILING_REVIEW_WORKING_DAYS): Promise<string> {
  return addWorkingDays(submittedOn, workingDays, await loadWorkCalendar(db));
}

/** The days of one year, for the admin list. */
export async function listCalendarDays(db: Db, year: number) {
  return db
    .select()
    .from(calendarDays)
    .where(sql`${calendarDays.day} BETWEEN ${`${year}-01-01`} AND ${`${year}-12-31`}`)
    .orderBy(asc(calendarDays.day));
}

function fieldsOf(row: CalendarDayFields): CalendarDayFields {
  return { kind: row.kind, nameZh: row.nameZh, nameEn: row.nameEn, reference: row.reference };
}

/** Adds a day or changes one (a 2027 notice, a correction). */
export async function setCalendarDay(db: Db, actor: Actor, input: unknown): Promise<void> {
  await assertCalendarEditor(db, actor);
  const parsed = calendarDaySchema.safeParse(input);
  if (!parsed.success) throw new ValidationError(fieldErrorsOf(parsed.error));
  const { day, ...after } = parsed.data;
  await db.transaction(async (tx) => {
    const [existing] = await tx.select().from(calendarDays).where(eq(calendarDays.day, day)).for("update");
    const diff = existing ? changedFields(fieldsOf(existing), fieldsOf(after)) : null;
    if (diff && Object.keys(diff.after).length === 0) return; // nothing changed: no write, no audit row
    await tx
      .insert(calendarDays)
      .values({ day, ...after })
      .onConflictDoUpdate({ target: calendarDays.day, set: { ...after, updatedAt: clockNow() } });
    await recordAudit(tx, actorContext(actor), {
      action: "calendar.day_set",
      entityType: "calendar_day",
      entityId: day,
      jurisdictionCode: null,
      before: diff?.before ?? null,
      after: diff?.after ?? fieldsOf(after),
    });
  });
}

export async function removeCalendarDay(db: Db, actor: Actor, day: unknown): Promise<void> {
  await assertCalendarEditor(db, actor);
  const parsed = calendarDayString.safeParse(day);
  if (!parsed.success) throw new ValidationError({ day: "calendar.dayInvalid" });
  await db.transaction(async (tx) => {
    const [existing] = await tx.delete(calendarDays).where(eq(calendarDays.day, parsed.data)).returning();
    if (!existing) throw new NotFoundError("calendar_day");
    await recordAudit(tx, actorContext(actor), {
      action: "calendar.day_removed",
      entityType: "calendar_day",
      entityId: parsed.data,
      jurisdictionCode: null,
      before: fieldsOf(existing),
      after: null,
    });
  });
}
