// The operator's side of a month's report: save a draft (or edit a returned version, or start an
// amendment after approval), then submit it once the month has ended.
import { and, desc, eq, inArray } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { enrolmentReports, enrolmentReportVersions } from "../../../db/schema";
import type { Actor } from "../../auth/session.server";
import { clockNow, todayInShanghai } from "../../utils/format";
import { changedFields, recordAudit } from "../audit.server";
import { ConflictError, ValidationError } from "../errors";
import { fullDayChildrenOf } from "../subsidy.schemas";
import { actorContext } from "../users.server";
import { assertReporting, checkPeriod, contentErrors, contentOf, currentPeriod, ownFacility, parseContent, reportOf } from "./shared.server";

const OPEN_STATUSES = ["draft", "submitted", "returned"] as const;
const EDITABLE_STATUSES = new Set<string>(["draft", "returned"]);

function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error; e && typeof e === "object"; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === "23505") return true;
  }
  return false;
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
