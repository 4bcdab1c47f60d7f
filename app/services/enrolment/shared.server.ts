// What the enrolment use cases (../enrolment.server.ts) share: the filing states that report, the fields a
// version holds, the current month, and the checks — the operator's own facility, the period, what the
// facility can hold and the content that is impossible (field errors) — and the month's report.
import { and, eq } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { enrolmentReports, facilityClasses, type EnrolmentReportVersionRow, type FacilityRow } from "../../../db/schema";
import { daysInMonth } from "../../../rules/engine/dates";
import { CLASS_TYPES } from "../../../rules/snapshot";
import type { Actor } from "../../auth/session.server";
import { assertPermission } from "../../auth/session.server";
import { todayInShanghai } from "../../utils/format";
import { ConflictError, ForbiddenError, ValidationError, type FieldErrors } from "../errors";
import { loadFacility } from "../facilities.server";
import { CLASS_TYPE_FIELDS, ENROLMENT_COUNT_FIELDS, enrolmentSchema, fullDayChildrenOf, periodSchema, type EnrolmentContent, type EnrolmentCountField } from "../subsidy.schemas";
import { fieldErrorsOf } from "../users.server";

export const REPORTING_STATES = new Set<FacilityRow["filingState"]>(["filed", "change_submitted"]);

/** The fields a version holds, in the order a diff lists them. */
export const ENROLMENT_FIELDS = [...ENROLMENT_COUNT_FIELDS, "daysOpen", "fullDayAttending"] as const;
export type EnrolmentField = (typeof ENROLMENT_FIELDS)[number];

/** The month `today` falls in (Asia/Shanghai), as `YYYY-MM`. */
export function currentPeriod(today: string = todayInShanghai()): string {
  return today.slice(0, 7);
}

export function contentOf(v: Pick<EnrolmentReportVersionRow, EnrolmentCountField | "daysOpen" | "fullDayAttending" | "note">) {
  const out: Record<string, number | string | null> = {};
  for (const f of ENROLMENT_FIELDS) out[f] = v[f];
  out.note = v.note;
  return out;
}

// ---- checks --------------------------------------------------------------------------------------------

export async function ownFacility(db: Db, actor: Actor, facilityId: string): Promise<FacilityRow> {
  assertPermission(actor, "update:facility:own");
  if (!actor.organisationId) throw new ForbiddenError("organisation", "scope");
  const facility = await loadFacility(db, actor, facilityId);
  if (facility.organisationId !== actor.organisationId) throw new ForbiddenError("facility", "scope");
  return facility;
}

export function assertReporting(facility: FacilityRow): void {
  if (!REPORTING_STATES.has(facility.filingState)) throw new ConflictError("subsidy.enrolment.errors.notFiled");
}

/** The period, checked: a real month, not in the future, not before the month the facility was filed in. */
export function checkPeriod(facility: Pick<FacilityRow, "filedOn">, raw: unknown, today: string = todayInShanghai()): string {
  const parsed = periodSchema.safeParse(raw);
  if (!parsed.success) throw new ValidationError({ period: "subsidy.enrolment.errors.period" });
  const period = parsed.data;
  if (period > currentPeriod(today)) throw new ValidationError({ period: "subsidy.enrolment.errors.future" });
  const filedMonth = facility.filedOn?.slice(0, 7);
  if (filedMonth && period < filedMonth) throw new ValidationError({ period: `subsidy.enrolment.errors.beforeFiling|${JSON.stringify({ month: filedMonth })}` });
  return period;
}

/** What the facility can hold: summed class capacity per class type, all classes, total slots. */
export async function capacityOf(db: Db, facility: FacilityRow) {
  const classes = await db.select({ type: facilityClasses.type, capacity: facilityClasses.capacity }).from(facilityClasses).where(eq(facilityClasses.facilityId, facility.id));
  const byType: Record<string, number> = Object.fromEntries(CLASS_TYPES.map((t) => [t, 0]));
  for (const c of classes) byType[c.type] = (byType[c.type] ?? 0) + c.capacity;
  return { byType, allClasses: classes.reduce((s, c) => s + c.capacity, 0), totalSlots: facility.totalSlots, kindergarten: facility.kind === "kindergarten_class" };
}

/** Impossible content (see the decisions above) as field errors; empty when the report can be saved. */
export async function contentErrors(db: Db, facility: FacilityRow, period: string, content: EnrolmentContent): Promise<FieldErrors> {
  const errors: FieldErrors = {};
  const cap = await capacityOf(db, facility);
  const above = (capacity: number) => `subsidy.enrolment.errors.aboveCapacity|${JSON.stringify({ capacity })}`;
  if (cap.kindergarten) {
    for (const type of CLASS_TYPES) {
      const field = CLASS_TYPE_FIELDS[type].fullDay;
      if (content[field] > 0) errors[field] = "subsidy.enrolment.errors.kindergartenFullDay";
    }
    if (content.kindergartenClassChildren > cap.allClasses) errors.kindergartenClassChildren = above(cap.allClasses);
  } else {
    if (content.kindergartenClassChildren > 0) errors.kindergartenClassChildren = "subsidy.enrolment.errors.notKindergarten";
    for (const type of CLASS_TYPES) {
      const field = CLASS_TYPE_FIELDS[type].fullDay;
      const capacity = cap.byType[type] ?? 0;
      if (content[field] > capacity) errors[field] = capacity === 0 ? "subsidy.enrolment.errors.noClassOfType" : above(capacity);
    }
  }
  const fullDay = fullDayChildrenOf(content);
  if (cap.totalSlots !== null && fullDay > cap.totalSlots) {
    errors[cap.kindergarten ? "kindergartenClassChildren" : "fullDayTotal"] ??= `subsidy.enrolment.errors.aboveSlots|${JSON.stringify({ slots: cap.totalSlots, children: fullDay })}`;
  }
  const days = daysInMonth(Number(period.slice(0, 4)), Number(period.slice(5, 7)));
  if (content.daysOpen > days) errors.daysOpen = `subsidy.enrolment.errors.daysInMonth|${JSON.stringify({ days })}`;
  if (content.fullDayAttending !== undefined && content.fullDayAttending > fullDay) {
    errors.fullDayAttending = `subsidy.enrolment.errors.attendingAboveFullDay|${JSON.stringify({ children: fullDay })}`;
  }
  return errors;
}

export function parseContent(input: unknown): EnrolmentContent {
  const parsed = enrolmentSchema.safeParse(input);
  if (!parsed.success) throw new ValidationError(fieldErrorsOf(parsed.error));
  return parsed.data;
}

export async function reportOf(db: Db, facilityId: string, period: string) {
  const [report] = await db.select().from(enrolmentReports).where(and(eq(enrolmentReports.facilityId, facilityId), eq(enrolmentReports.period, period)));
  return report ?? null;
}
