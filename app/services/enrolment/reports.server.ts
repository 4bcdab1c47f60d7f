// Reading reports: a facility's reports and one month's, each with its versions, what an amendment
// changes, and the operator's enrolment page (the month it opens on, the report, capacity, the list).
import { desc, eq, inArray } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { enrolmentReports, enrolmentReportVersions, type EnrolmentReportRow, type EnrolmentReportVersionRow, type FacilityRow } from "../../../db/schema";
import type { Actor } from "../../auth/session.server";
import { todayInShanghai } from "../../utils/format";
import { ValidationError } from "../errors";
import { loadFacility } from "../facilities.server";
import { capacityOf, checkPeriod, currentPeriod, ENROLMENT_FIELDS, ownFacility, reportOf, REPORTING_STATES, type EnrolmentField } from "./shared.server";

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
