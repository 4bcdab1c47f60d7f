// How a line keeps the rules' decision: the compact stored form (replayable with the rules version and the
// local parameter set), why a line pays nothing, whether it rests on a provisional value, and the original
// line built from a facility's facts and its determination.
import type { SubsidyBatchRow, subsidyLines } from "../../../db/schema";
import { RULES_VERSION, type Determination } from "../../../rules/engine/evaluate";
import type { Snapshot } from "../../../rules/snapshot";
import type { FactsRow } from "./facts.server";

// ---- decisions -------------------------------------------------------------------------------------------

/**
 * What a line keeps of the decision: the snapshot (the facts), each condition's result and facts, the
 * amount's details, and the parameter values used. With `rulesVersion` and the stored local parameter
 * set, `evaluate(snapshot)` replays the whole trace (titles, fixes, references).
 */
export type StoredDecision = {
  snapshot: Snapshot;
  asOf: string;
  status: Determination["status"];
  reason: Determination["reason"];
  judgedOn: string;
  conditions: Array<[id: string, result: string, facts: Record<string, unknown>]>;
  missing: string[];
  details: Record<string, unknown>;
  parameters: Array<[id: string, jurisdiction: string, effectiveFrom: string, value: unknown, provisional: boolean]>;
};

export function storedDecision(snapshot: Snapshot, asOf: string, d: Determination): StoredDecision {
  return {
    snapshot,
    asOf,
    status: d.status,
    reason: d.reason,
    judgedOn: d.judgedOn,
    conditions: d.conditions.map((c) => [c.id, c.result, c.facts]),
    missing: d.missing,
    details: d.details,
    parameters: d.parameters.map((p) => [p.id, p.jurisdiction, p.effectiveFrom, p.value, p.provisional]),
  };
}

/** Why a line pays nothing: the reason a measure does not apply, or the unmet conditions and missing facts. */
export function exclusionReasons(d: Determination): string[] {
  if (d.status === "eligible") return (d.amountFen ?? 0) > 0 ? [] : ["amount.zero"];
  if (d.status === "not_applicable") return [`not_applicable.${d.reason ?? "unknown"}`];
  const unmet = d.conditions.filter((c) => c.result === "unmet").map((c) => c.id);
  return [...unmet, ...d.missing.map((m) => `missing:${m}`)];
}

/**
 * Whether the line rests on a provisional value: the rate it used, the yearly cap, the county's period rule
 * (and its attendance minimum), and — only when the
 * facility counted as inclusive through being a kindergarten class — that measure's in-force flag. The
 * determination's own flag covers every parameter the measure may read, which is wider than this.
 */
export function lineProvisional(d: Determination): boolean {
  const rateKind = (d.details as { rateKind?: string }).rateKind;
  const via = d.conditions.find((c) => c.id === "subsidy.inclusive")?.facts.via;
  const used = new Set<string>(["subsidy.operating.max_months_per_year", "subsidy.operating.period_rule"]);
  if (rateKind) used.add(rateKind);
  if ((d.details as { periodRule?: string }).periodRule === "minimum_attendance_days") used.add("subsidy.operating.min_attendance_days");
  if (via === "kindergarten_class") used.add("measure.kindergarten.inclusive_toddler_class.enabled");
  if (d.status === "not_applicable") return d.parameters.some((p) => p.provisional);
  return d.parameters.some((p) => used.has(p.id) && p.provisional);
}

export type LineInsert = typeof subsidyLines.$inferInsert;

export function lineFrom(
  batch: SubsidyBatchRow,
  row: FactsRow,
  snapshot: Snapshot,
  asOf: string,
  d: Determination,
  localVersion: string | null,
): LineInsert {
  const amount = d.status === "eligible" ? (d.amountFen ?? 0) : 0;
  return {
    batchId: batch.id,
    facilityId: row.id,
    facilityName: row.name,
    jurisdictionCode: row.jurisdiction_code,
    period: batch.period,
    kind: "original",
    correctsLineId: null,
    payable: amount > 0,
    amountFen: amount,
    entitledFen: amount,
    status: d.status,
    reasons: exclusionReasons(d),
    decision: storedDecision(snapshot, asOf, d),
    rulesVersion: RULES_VERSION,
    localParametersVersion: localVersion,
    enrolmentVersion: row.approved_version,
    provisional: lineProvisional(d),
    accountName: row.account_name,
    bankName: row.bank_name,
    accountNumber: row.account_number,
  };
}
