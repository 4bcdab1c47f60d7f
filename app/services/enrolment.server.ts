// Monthly enrolment reports (月度在托人数报告, issue #7 part 3): the operator of a filed facility reports,
// per month, full-day and other children per class type (or, for a kindergarten's 托班, the 托班's
// children) and the days open; a reviewer whose scope holds the facility approves or returns it. One
// report per facility and month (a unique index); its content lives in versions: draft → submitted →
// approved | returned (returned → submitted again). An amendment after approval is a new version that
// needs approval in turn; until then the approved one stays in force (it is what a subsidy batch pays on).
//
// Decisions where the issue is silent:
// - Only a filed facility reports (filing state filed, or filed with a change pending); a month may be
//   reported from the month the facility was filed in (the subsidy judges filing on the month's last day,
//   so the filing month can qualify) up to the current month. A draft of the current month may be saved;
//   it is submitted once the month has ended (Asia/Shanghai).
// - Impossible data is refused with field errors, data breaking a standard is accepted: negative counts;
//   a class type's full-day children above the summed capacity of the facility's classes of that type
//   (the working copy's classes, as today); all full-day children above total slots; more days open than
//   the month has. "Other" (half-day, hourly, temporary) children are not held to capacity: they may share
//   a place across a day.
// - A kindergarten_class facility (a kindergarten's 托班) reports its full-day children as
//   `kindergartenClassChildren` (paid at the kindergarten-class rate) and leaves the class-type full-day
//   counts at 0; its other children are reported per class type. Any other facility leaves
//   `kindergartenClassChildren` at 0.
// - A version is editable while draft or returned; a submitted one waits for the reviewer (no withdrawal).
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import {
  enrolmentReports,
  enrolmentReportVersions,
  facilities,
  facilityClasses,
  organisations,
  type EnrolmentReportRow,
  type EnrolmentReportVersionRow,
  type FacilityRow,
} from "../../db/schema";
import { daysInMonth } from "../../rules/engine/dates";
import { CLASS_TYPES } from "../../rules/snapshot";
import type { Actor } from "../auth/session.server";
import { assertPermission } from "../auth/session.server";
import { requireWithinScope, staffScope, withinJurisdiction } from "../auth/scope.server";
import { isUuid } from "../utils/ids";
import { clockNow, todayInShanghai } from "../utils/format";
import { changedFields, recordAudit } from "./audit.server";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError, type FieldErrors } from "./errors";
import { loadFacility } from "./facilities.server";
import {
  CLASS_TYPE_FIELDS,
  ENROLMENT_COUNT_FIELDS,
  enrolmentSchema,
  fullDayChildrenOf,
  periodSchema,
  returnEnrolmentSchema,
  type EnrolmentContent,
  type EnrolmentCountField,
} from "./subsidy.schemas";
import { actorContext, fieldErrorsOf } from "./users.server";

const REPORTING_STATES = new Set<FacilityRow["filingState"]>(["filed", "change_submitted"]);
const OPEN_STATUSES = ["draft", "submitted", "returned"] as const;
const EDITABLE_STATUSES = new Set<string>(["draft", "returned"]);

/** The fields a version holds, in the order a diff lists them. */
export const ENROLMENT_FIELDS = [...ENROLMENT_COUNT_FIELDS, "daysOpen", "fullDayAttending"] as const;
export type EnrolmentField = (typeof ENROLMENT_FIELDS)[number];

/** The month `today` falls in (Asia/Shanghai), as `YYYY-MM`. */
export function currentPeriod(today: string = todayInShanghai()): string {
  return today.slice(0, 7);
}

function contentOf(v: Pick<EnrolmentReportVersionRow, EnrolmentCountField | "daysOpen" | "fullDayAttending" | "note">) {
  const out: Record<string, number | string | null> = {};
  for (const f of ENROLMENT_FIELDS) out[f] = v[f];
  out.note = v.note;
  return out;
}

function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error; e && typeof e === "object"; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === "23505") return true;
  }
  return false;
}

// ---- checks --------------------------------------------------------------------------------------------

async function ownFacility(db: Db, actor: Actor, facilityId: string): Promise<FacilityRow> {
  assertPermission(actor, "update:facility:own");
  if (!actor.organisationId) throw new ForbiddenError("organisation", "scope");
  const facility = await loadFacility(db, actor, facilityId);
  if (facility.organisationId !== actor.organisationId) throw new ForbiddenError("facility", "scope");
  return facility;
}

function assertReporting(facility: FacilityRow): void {
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

function parseContent(input: unknown): EnrolmentContent {
  const parsed = enrolmentSchema.safeParse(input);
  if (!parsed.success) throw new ValidationError(fieldErrorsOf(parsed.error));
  return parsed.data;
}

// ---- operator: draft, amend, submit --------------------------------------------------------------------

export type SavedDraft = { reportId: string; versionId: string; version: number; amendment: boolean };

/**
 * Saves the month's report as a draft: creates the report (safely against a concurrent save of the same
 * month) and version 1; or edits the open draft or returned version; or, after an approval with nothing
 * open, starts an amendment (version n + 1). A submitted version cannot be edited.
 */
export async function saveEnrolmentDraft(db: Db, actor: Actor, facilityId: string, periodInput: unknown, input: unknown, today: string = todayInShanghai()): Promise<SavedDraft> {
  const facility = await ownFacility(db, actor, facilityId);
  assertReporting(facility);
  const period = checkPeriod(facility, periodInput, today);
  const content = parseContent(input);
  const errors = await contentErrors(db, facility, period, content);
  if (Object.keys(errors).length) throw new ValidationError(errors);
  const values = { ...content, fullDayAttending: content.fullDayAttending ?? null, note: content.note ?? null };
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await db.transaction(async (tx) => {
        // the unique (facility, period) index decides who creates the report; everyone then locks it
        await tx.insert(enrolmentReports).values({ facilityId: facility.id, period }).onConflictDoNothing({ target: [enrolmentReports.facilityId, enrolmentReports.period] });
        const [report] = await tx
          .select()
          .from(enrolmentReports)
          .where(and(eq(enrolmentReports.facilityId, facility.id), eq(enrolmentReports.period, period)))
          .for("update");
        if (!report) throw new Error("enrolment report vanished");
        const versions = await tx.select().from(enrolmentReportVersions).where(eq(enrolmentReportVersions.reportId, report.id)).orderBy(desc(enrolmentReportVersions.version));
        const open = versions.find((v) => (OPEN_STATUSES as readonly string[]).includes(v.status));
        const now = clockNow();
        if (open) {
          if (!EDITABLE_STATUSES.has(open.status)) throw new ConflictError("subsidy.enrolment.errors.notEditable");
          await tx.update(enrolmentReportVersions).set({ ...values, updatedAt: now }).where(eq(enrolmentReportVersions.id, open.id));
          await recordAudit(tx, actorContext(actor), {
            action: "enrolment.draft_saved",
            entityType: "enrolment_report_version",
            entityId: open.id,
            jurisdictionCode: facility.jurisdictionCode,
            ...changedFields({ period, version: open.version, ...contentOf(open) }, { period, version: open.version, ...values }),
          });
          return { reportId: report.id, versionId: open.id, version: open.version, amendment: report.approvedVersion !== null };
        }
        const version = (versions[0]?.version ?? 0) + 1;
        const amendment = report.approvedVersion !== null;
        const [row] = await tx
          .insert(enrolmentReportVersions)
          .values({ reportId: report.id, version, status: "draft", ...values, createdBy: actor.userId })
          .returning({ id: enrolmentReportVersions.id });
        if (!row) throw new Error("insert failed");
        await recordAudit(tx, actorContext(actor), {
          action: amendment ? "enrolment.amendment_started" : "enrolment.draft_created",
          entityType: "enrolment_report_version",
          entityId: row.id,
          jurisdictionCode: facility.jurisdictionCode,
          after: { facilityId: facility.id, period, version, ...values },
        });
        return { reportId: report.id, versionId: row.id, version, amendment };
      });
    } catch (error) {
      // a concurrent save of the same month got there first: try again on its rows, then give up politely
      if (!isUniqueViolation(error)) throw error;
      if (attempt >= 3) throw new ConflictError("subsidy.enrolment.errors.concurrent");
    }
  }
}

async function reportOf(db: Db, facilityId: string, period: string) {
  const [report] = await db.select().from(enrolmentReports).where(and(eq(enrolmentReports.facilityId, facilityId), eq(enrolmentReports.period, period)));
  return report ?? null;
}

/** Submits the month's open draft (or returned version) once the month has ended. Returns the version id. */
export async function submitEnrolment(db: Db, actor: Actor, facilityId: string, periodInput: unknown, today: string = todayInShanghai()): Promise<string> {
  const facility = await ownFacility(db, actor, facilityId);
  assertReporting(facility);
  const period = checkPeriod(facility, periodInput, today);
  if (period >= currentPeriod(today)) throw new ConflictError("subsidy.enrolment.errors.monthNotEnded");
  const report = await reportOf(db, facility.id, period);
  if (!report) throw new ConflictError("subsidy.enrolment.errors.nothingToSubmit");
  const [open] = await db
    .select()
    .from(enrolmentReportVersions)
    .where(and(eq(enrolmentReportVersions.reportId, report.id), inArray(enrolmentReportVersions.status, ["draft", "returned"])));
  if (!open) throw new ConflictError("subsidy.enrolment.errors.nothingToSubmit");
  // the facility's classes may have changed since the draft was saved: check again
  const errors = await contentErrors(db, facility, period, { ...open, fullDayAttending: open.fullDayAttending ?? undefined, note: open.note ?? undefined });
  if (Object.keys(errors).length) throw new ValidationError(errors, "subsidy.enrolment.errors.fixBeforeSubmit");
  return db.transaction(async (tx) => {
    const now = clockNow();
    const won = await tx
      .update(enrolmentReportVersions)
      .set({ status: "submitted", submittedBy: actor.userId, submittedAt: now, decidedBy: null, decidedAt: null, updatedAt: now })
      .where(and(eq(enrolmentReportVersions.id, open.id), inArray(enrolmentReportVersions.status, ["draft", "returned"])))
      .returning({ id: enrolmentReportVersions.id });
    if (won.length === 0) throw new ConflictError("subsidy.enrolment.errors.notEditable");
    await recordAudit(tx, actorContext(actor), {
      action: "enrolment.submitted",
      entityType: "enrolment_report_version",
      entityId: open.id,
      jurisdictionCode: facility.jurisdictionCode,
      before: { status: open.status },
      after: { status: "submitted", period, version: open.version, fullDayChildren: fullDayChildrenOf(open) },
    });
    return open.id;
  });
}

// ---- reviewer: approve, return -------------------------------------------------------------------------

async function versionInScope(db: Db, actor: Actor, versionId: string) {
  assertPermission(actor, "approve:enrolment:jurisdiction");
  if (!isUuid(versionId)) throw new NotFoundError("enrolment_report_version");
  const [row] = await db
    .select({ version: enrolmentReportVersions, report: enrolmentReports, facility: facilities })
    .from(enrolmentReportVersions)
    .innerJoin(enrolmentReports, eq(enrolmentReports.id, enrolmentReportVersions.reportId))
    .innerJoin(facilities, eq(facilities.id, enrolmentReports.facilityId))
    .where(eq(enrolmentReportVersions.id, versionId));
  if (!row) throw new NotFoundError("enrolment_report_version");
  await requireWithinScope(db, actor, row.facility.jurisdictionCode);
  return row;
}

/**
 * Approves a submitted version: it becomes the version in force (the report's approved version, full-day
 * children and time); the version it replaces, if any, is superseded.
 */
export async function approveEnrolment(db: Db, actor: Actor, versionId: string): Promise<void> {
  const { version, report, facility } = await versionInScope(db, actor, versionId);
  if (version.status !== "submitted") throw new ConflictError("subsidy.enrolment.errors.alreadyDecided");
  const fullDayChildren = fullDayChildrenOf(version);
  await db.transaction(async (tx) => {
    const now = clockNow();
    const won = await tx
      .update(enrolmentReportVersions)
      .set({ status: "approved", decidedBy: actor.userId, decidedAt: now, updatedAt: now })
      .where(and(eq(enrolmentReportVersions.id, version.id), eq(enrolmentReportVersions.status, "submitted")))
      .returning({ id: enrolmentReportVersions.id });
    if (won.length === 0) throw new ConflictError("subsidy.enrolment.errors.alreadyDecided");
    await tx
      .update(enrolmentReportVersions)
      .set({ status: "superseded", updatedAt: now })
      .where(and(eq(enrolmentReportVersions.reportId, report.id), eq(enrolmentReportVersions.status, "approved"), sql`${enrolmentReportVersions.id} <> ${version.id}`));
    await tx
      .update(enrolmentReports)
      .set({ approvedVersion: version.version, approvedFullDayChildren: fullDayChildren, approvedFullDayAttending: version.fullDayAttending, approvedAt: now, updatedAt: now })
      .where(eq(enrolmentReports.id, report.id));
    await recordAudit(tx, actorContext(actor), {
      action: "enrolment.approved",
      entityType: "enrolment_report_version",
      entityId: version.id,
      jurisdictionCode: facility.jurisdictionCode,
      before: { status: "submitted", approvedVersion: report.approvedVersion, approvedFullDayChildren: report.approvedFullDayChildren },
      after: { status: "approved", period: report.period, approvedVersion: version.version, approvedFullDayChildren: fullDayChildren },
    });
  });
}

/** Returns a submitted version to the operator with a reason; an approved version stays in force meanwhile. */
export async function returnEnrolment(db: Db, actor: Actor, versionId: string, input: unknown): Promise<void> {
  const { version, report, facility } = await versionInScope(db, actor, versionId);
  const parsed = returnEnrolmentSchema.safeParse(input);
  if (!parsed.success) throw new ValidationError(fieldErrorsOf(parsed.error));
  if (version.status !== "submitted") throw new ConflictError("subsidy.enrolment.errors.alreadyDecided");
  await db.transaction(async (tx) => {
    const now = clockNow();
    const won = await tx
      .update(enrolmentReportVersions)
      .set({ status: "returned", returnReason: parsed.data.reason, decidedBy: actor.userId, decidedAt: now, updatedAt: now })
      .where(and(eq(enrolmentReportVersions.id, version.id), eq(enrolmentReportVersions.status, "submitted")))
      .returning({ id: enrolmentReportVersions.id });
    if (won.length === 0) throw new ConflictError("subsidy.enrolment.errors.alreadyDecided");
    await recordAudit(tx, actorContext(actor), {
      action: "enrolment.returned",
      entityType: "enrolment_report_version",
      entityId: version.id,
      jurisdictionCode: facility.jurisdictionCode,
      before: { status: "submitted" },
      after: { status: "returned", period: report.period, version: version.version, reason: parsed.data.reason },
    });
  });
}

// ---- lists ---------------------------------------------------------------------------------------------

export type ReportWithVersions = EnrolmentReportRow & { versions: EnrolmentReportVersionRow[] };

async function withVersions(db: Db, reports: EnrolmentReportRow[]): Promise<ReportWithVersions[]> {
  if (reports.length === 0) return [];
  const versions = await db
    .select()
    .from(enrolmentReportVersions)
    .where(
      inArray(
        enrolmentReportVersions.reportId,
        reports.map((r) => r.id),
      ),
    )
    .orderBy(desc(enrolmentReportVersions.version));
  return reports.map((r) => ({ ...r, versions: versions.filter((v) => v.reportId === r.id) }));
}

/**
 * A facility's reports, newest month first, each with its versions (newest first): for the facility's
 * operator, or a reviewer whose scope holds it.
 */
export async function enrolmentReportsOf(db: Db, actor: Actor, facilityId: string, paging: { page: number; pageSize: number } = { page: 1, pageSize: 24 }) {
  const facility = await loadFacility(db, actor, facilityId);
  const rows = await db
    .select()
    .from(enrolmentReports)
    .where(eq(enrolmentReports.facilityId, facility.id))
    .orderBy(desc(enrolmentReports.period))
    .limit(paging.pageSize + 1)
    .offset((paging.page - 1) * paging.pageSize);
  return { facility, reports: await withVersions(db, rows.slice(0, paging.pageSize)), hasMore: rows.length > paging.pageSize };
}

/** One month's report with its versions (null when nothing was saved for the month yet). */
export async function enrolmentReportFor(db: Db, actor: Actor, facilityId: string, period: string): Promise<ReportWithVersions | null> {
  const facility = await loadFacility(db, actor, facilityId);
  const report = await reportOf(db, facility.id, period);
  if (!report) return null;
  const [withV] = await withVersions(db, [report]);
  return withV ?? null;
}

/** A changed field; null = not reported (the attendance count is optional). */
export type FieldChange = { field: EnrolmentField; before: number | null; after: number | null };

/** The fields an amendment changes against the approved version. */
export function enrolmentDiff(approved: Pick<EnrolmentReportVersionRow, EnrolmentField>, amended: Pick<EnrolmentReportVersionRow, EnrolmentField>): FieldChange[] {
  return ENROLMENT_FIELDS.filter((f) => approved[f] !== amended[f]).map((f) => ({ field: f, before: approved[f], after: amended[f] }));
}

export type QueueEntry = {
  versionId: string;
  reportId: string;
  facilityId: string;
  facilityName: string;
  facilityKind: string | null;
  totalSlots: number | null;
  organisationName: string;
  jurisdictionCode: string;
  period: string;
  version: number;
  amendment: boolean;
  approvedVersion: number | null;
  submittedAt: Date | null;
  content: Pick<EnrolmentReportVersionRow, EnrolmentField | "note">;
  fullDayChildren: number;
  previousReturnReason: string | null;
  /** for an amendment: what it changes against the version in force */
  changes: FieldChange[];
};

/** Submitted versions within the reviewer's scope, oldest submission first, with amendments' diffs. */
export async function enrolmentQueue(db: Db, actor: Actor, paging: { page: number; pageSize: number } = { page: 1, pageSize: 25 }): Promise<{ entries: QueueEntry[]; hasMore: boolean; total: number }> {
  assertPermission(actor, "approve:enrolment:jurisdiction");
  const scope = staffScope(actor);
  const inQueue = and(eq(enrolmentReportVersions.status, "submitted"), withinJurisdiction(facilities.jurisdictionCode, scope));
  // the page and the count are independent reads: on PostgreSQL they run side by side on the pool
  const [rows, [counted]] = await Promise.all([
    db
      .select({ version: enrolmentReportVersions, report: enrolmentReports, facility: facilities, organisationName: organisations.name })
      .from(enrolmentReportVersions)
      .innerJoin(enrolmentReports, eq(enrolmentReports.id, enrolmentReportVersions.reportId))
      .innerJoin(facilities, eq(facilities.id, enrolmentReports.facilityId))
      .innerJoin(organisations, eq(organisations.id, facilities.organisationId))
      .where(inQueue)
      .orderBy(asc(enrolmentReportVersions.submittedAt), asc(enrolmentReportVersions.id))
      .limit(paging.pageSize + 1)
      .offset((paging.page - 1) * paging.pageSize),
    // the count looks each version's facility up by key (a few thousand index probes): as a join, the
    // planner can tip into hashing all million reports, ~150 ms instead of ~25
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(enrolmentReportVersions)
      .where(
        and(
          eq(enrolmentReportVersions.status, "submitted"),
          withinJurisdiction(
            sql`(SELECT f.jurisdiction_code FROM ${enrolmentReports} r JOIN ${facilities} f ON f.id = r.facility_id WHERE r.id = ${enrolmentReportVersions.reportId})`,
            scope,
          ),
        ),
      ),
  ]);
  const page = rows.slice(0, paging.pageSize);
  const amendedReports = page.filter((r) => r.report.approvedVersion !== null).map((r) => r.report.id);
  const approved = amendedReports.length
    ? await db
        .select()
        .from(enrolmentReportVersions)
        .where(and(inArray(enrolmentReportVersions.reportId, amendedReports), eq(enrolmentReportVersions.status, "approved")))
    : [];
  const approvedOf = new Map(approved.map((v) => [v.reportId, v]));
  const entries = page.map(({ version, report, facility, organisationName }): QueueEntry => {
    const inForce = approvedOf.get(report.id);
    const content = { ...(contentOf(version) as Pick<EnrolmentReportVersionRow, EnrolmentField | "note">) };
    return {
      versionId: version.id,
      reportId: report.id,
      facilityId: facility.id,
      facilityName: facility.name,
      facilityKind: facility.kind,
      totalSlots: facility.totalSlots,
      organisationName,
      jurisdictionCode: facility.jurisdictionCode,
      period: report.period,
      version: version.version,
      amendment: report.approvedVersion !== null,
      approvedVersion: report.approvedVersion,
      submittedAt: version.submittedAt,
      content,
      fullDayChildren: fullDayChildrenOf(version),
      previousReturnReason: version.returnReason,
      changes: inForce ? enrolmentDiff(inForce, version) : [],
    };
  });
  return { entries, hasMore: rows.length > paging.pageSize, total: counted?.n ?? entries.length };
}

/** The month an operator's page opens on: last month (the one due), or the filing month if later. */
export function defaultPeriod(facility: Pick<FacilityRow, "filedOn">, today: string = todayInShanghai()): string {
  const [y, m] = currentPeriod(today).split("-").map(Number) as [number, number];
  const previous = m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, "0")}`;
  const filedMonth = facility.filedOn?.slice(0, 7);
  return filedMonth && previous < filedMonth ? currentPeriod(today) : previous;
}

/**
 * The operator's enrolment page for one facility of their own: the chosen month's report (an invalid or
 * out-of-range month falls back to the default one), what the facility can hold, and its reports.
 */
export async function operatorEnrolment(db: Db, actor: Actor, facilityId: string, periodInput: string | null, paging: { page: number; pageSize: number }, today: string = todayInShanghai()) {
  const facility = await ownFacility(db, actor, facilityId);
  let period = defaultPeriod(facility, today);
  let periodError: string | null = null;
  if (periodInput) {
    try {
      period = checkPeriod(facility, periodInput, today);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      periodError = error.fieldErrors.period ?? null;
    }
  }
  const [report, list, capacity] = [await enrolmentReportFor(db, actor, facility.id, period), await enrolmentReportsOf(db, actor, facility.id, paging), await capacityOf(db, facility)];
  return {
    facility,
    period,
    periodError,
    report,
    reports: list.reports,
    hasMore: list.hasMore,
    capacity,
    reporting: REPORTING_STATES.has(facility.filingState),
    monthEnded: period < currentPeriod(today),
  };
}
