// Corrections: a month already approved or paid that is worth something else now (an amended enrolment
// report approved after payment, or another local parameter set) is decided again, and the difference
// becomes a `delta` line (top-up or recovery) in the batch being prepared, pointing at the original line.
import { inArray, sql } from "drizzle-orm";
import { queryRows, type Db } from "../../../db/client";
import { subsidyLines, type SubsidyBatchRow, type SubsidyLineRow } from "../../../db/schema";
import { evaluate, RULES_VERSION } from "../../../rules/engine/evaluate";
import type { LocalParameterSet } from "../../../rules/engine/parameters";
import type { Snapshot } from "../../../rules/snapshot";
import { exclusionReasons, lineProvisional, storedDecision, type LineInsert, type StoredDecision } from "./decisions.server";
import { MEASURES_EVALUATED } from "./shared.server";

// ---- corrections -----------------------------------------------------------------------------------------

export type CorrectionCandidate = {
  line: SubsidyLineRow;
  approvedVersion: number | null;
  approvedFullDayChildren: number | null;
  approvedFullDayAttending: number | null;
  /** the original plus every delta already made for the month, in other batches */
  settledFen: number;
};

/**
 * Original lines of approved or paid batches whose month may be worth something else now: the approved
 * enrolment report changed since the line, or the local parameter set did.
 */
export async function correctionCandidates(db: Db, batch: SubsidyBatchRow, prefix: string, localVersion: string | null): Promise<CorrectionCandidate[]> {
  const rows = await queryRows<{ id: string; approved_version: number | null; approved_full_day_children: number | null; approved_full_day_attending: number | null; settled: string | number }>(
    db,
    sql`SELECT l.id, r.approved_version, r.approved_full_day_children, r.approved_full_day_attending,
               (SELECT coalesce(sum(d.amount_fen), 0) FROM subsidy_lines d
                 WHERE d.facility_id = l.facility_id AND d.period = l.period AND d.batch_id <> ${batch.id}) AS settled
          FROM subsidy_lines l
          JOIN subsidy_batches b ON b.id = l.batch_id AND b.status IN ('approved', 'paid')
          LEFT JOIN enrolment_reports r ON r.facility_id = l.facility_id AND r.period = l.period
         WHERE l.kind = 'original'
           AND l.jurisdiction_code IN (SELECT code FROM jurisdictions WHERE path LIKE ${prefix})
           AND (r.approved_version IS DISTINCT FROM l.enrolment_version
                OR l.local_parameters_version IS DISTINCT FROM ${localVersion}
                OR (SELECT coalesce(sum(d.amount_fen), 0) FROM subsidy_lines d
                     WHERE d.facility_id = l.facility_id AND d.period = l.period AND d.batch_id <> ${batch.id}) <> l.amount_fen)`,
  );
  if (rows.length === 0) return [];
  const lines = await db
    .select()
    .from(subsidyLines)
    .where(inArray(subsidyLines.id, rows.map((r) => r.id)));
  const byId = new Map(lines.map((l) => [l.id, l]));
  return rows.flatMap((r) => {
    const line = byId.get(r.id);
    return line ? [{ line, approvedVersion: r.approved_version, approvedFullDayChildren: r.approved_full_day_children, approvedFullDayAttending: r.approved_full_day_attending, settledFen: Number(r.settled) }] : [];
  });
}

/**
 * The month decided again: the original's facts with the enrolment report now approved, on the current
 * local parameters. A delta line when what is due differs from what was settled; null otherwise.
 */
export function correctionLine(batch: SubsidyBatchRow, c: CorrectionCandidate, asOf: string, local: LocalParameterSet | undefined, localVersion: string | null): LineInsert | null {
  const original = c.line;
  const stored = original.decision as StoredDecision;
  const snapshot: Snapshot = {
    ...stored.snapshot,
    enrolment: {
      ...(stored.snapshot.enrolment ?? {}),
      period: original.period,
      approved: c.approvedVersion !== null,
      fullDayChildren: c.approvedVersion !== null ? (c.approvedFullDayChildren ?? 0) : undefined,
      attendingFullDayChildren: c.approvedVersion !== null ? (c.approvedFullDayAttending ?? undefined) : undefined,
    },
  } as Snapshot;
  const [d] = evaluate(snapshot, { asOf, localParameters: local, measures: MEASURES_EVALUATED }).determinations;
  if (!d) return null;
  const entitled = d.status === "eligible" ? (d.amountFen ?? 0) : 0;
  const difference = entitled - c.settledFen;
  if (difference === 0) return null;
  return {
    batchId: batch.id,
    facilityId: original.facilityId,
    facilityName: original.facilityName,
    jurisdictionCode: original.jurisdictionCode,
    period: original.period,
    kind: "delta",
    correctsLineId: original.id,
    payable: true,
    amountFen: difference,
    entitledFen: entitled,
    status: d.status,
    reasons: exclusionReasons(d),
    decision: storedDecision(snapshot, asOf, d),
    rulesVersion: RULES_VERSION,
    localParametersVersion: localVersion,
    enrolmentVersion: c.approvedVersion,
    provisional: lineProvisional(d),
    accountName: original.accountName,
    bankName: original.bankName,
    accountNumber: original.accountNumber,
  };
}
