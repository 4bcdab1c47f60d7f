// The reviewer's side: the queue of submitted versions in scope (amendments with their diffs), and the
// decisions — approve (the version comes into force) or return with a reason.
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { enrolmentReports, enrolmentReportVersions, facilities, organisations, type EnrolmentReportVersionRow } from "../../../db/schema";
import type { Actor } from "../../auth/session.server";
import { assertPermission } from "../../auth/session.server";
import { requireWithinScope, staffScope, withinJurisdiction } from "../../auth/scope.server";
import { isUuid } from "../../utils/ids";
import { clockNow } from "../../utils/format";
import { recordAudit } from "../audit.server";
import { ConflictError, NotFoundError, ValidationError } from "../errors";
import { fullDayChildrenOf, returnEnrolmentSchema } from "../subsidy.schemas";
import { actorContext, fieldErrorsOf } from "../users.server";
import { enrolmentDiff, type FieldChange } from "./reports.server";
import { contentOf, type EnrolmentField } from "./shared.server";

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

// ---- queue ---------------------------------------------------------------------------------------------

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
