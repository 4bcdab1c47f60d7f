// Operating subsidy batches (issue [6/7], DESIGN.md "Operating subsidy"): a reviewer prepares a batch for
// a jurisdiction and month, the rules layer decides every line (the decision is stored compactly with
// the rules version and the local parameter set, so it replays years later), a finance officer who did
// not prepare it approves, then records the payment and exports the payment file.
//
// Money is paid once. The database holds the line: one `original` line per facility-month, ever
// (subsidy_lines_original_uq), and lines of approved or paid batches cannot be changed (trigger). A later
// correction — an amended enrolment report approved after payment, or a standard entered later with an
// earlier effective date — becomes a `delta` line (top-up or recovery) in the next batch prepared for
// the jurisdiction, pointing at the original line it corrects.
//
// Scale: preparation walks the jurisdiction in keyset chunks of PREPARE_CHUNK facilities, with one query
// per chunk for every fact the subsidy reads (no staff rosters: the measure does not read them) and one
// multi-row insert per CHUNK_INSERT lines; each chunk commits and reports progress, guarded by the
// batch's run token so an older run stops when the batch is prepared again.
import { randomUUID } from "node:crypto";
import { and, asc, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import ExcelJS from "exceljs";
import { queryRows, type Db } from "../../db/client";
import {
  facilities,
  jurisdictions,
  parameterSets,
  subsidyBatches,
  subsidyBatchTotals,
  subsidyLines,
  type InclusiveApplicationRow,
  type SubsidyBatchRow,
  type SubsidyLineRow,
} from "../../db/schema";
import { isValidDate, lastDayOfMonth } from "../../rules/engine/dates";
import { evaluate, prepareLocalParameters, RULES_VERSION, type Determination } from "../../rules/engine/evaluate";
import type { LocalParameterSet, ParameterValue } from "../../rules/engine/parameters";
import { findJurisdiction } from "../../rules/jurisdictions";
import type { Snapshot } from "../../rules/snapshot";
import { can } from "../auth/permissions";
import type { Actor } from "../auth/session.server";
import { assertPermission } from "../auth/session.server";
import { isWithinJurisdiction, staffScope, withinJurisdiction } from "../auth/scope.server";
import { clockNow, todayInShanghai } from "../utils/format";
import { recordAudit, type AuditContext } from "./audit.server";
import { paidSchema, prepareSchema } from "./batches.schemas";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "./errors";
import { snapshotInclusive } from "./inclusive-status.server";
import { localParameters } from "./pricing.server";
import { actorContext, fieldErrorsOf } from "./users.server";
import { evaluatorFor } from "./rules-releases.server";

export const SUBSIDY_MEASURE = "subsidy.operating";
const MEASURES_EVALUATED = [SUBSIDY_MEASURE] as const;
export const PREPARE_CHUNK = 5000;
const CHUNK_INSERT = 1000;
export const LINES_PAGE_SIZE = 50;

// ---- input -----------------------------------------------------------------------------------------------

// the forms' schemas live in a browser-safe module (react-hook-form uses them too)
export { batchPeriodSchema as periodSchema, paidSchema, prepareSchema } from "./batches.schemas";

/** The month a date falls in (YYYY-MM). */
export function monthOf(day: string): string {
  return day.slice(0, 7);
}

function firstDayOf(period: string): string {
  return `${period}-01`;
}

// ---- access ------------------------------------------------------------------------------------------

/** Reviewers (who prepare) and finance officers (who approve and pay) see batches in their jurisdiction. */
export function canSeeSubsidy(actor: Actor): boolean {
  return Boolean(actor.jurisdictionCode) && can(actor.roles, "view:subsidy:jurisdiction");
}

function assertSeesSubsidy(actor: Actor): void {
  if (!canSeeSubsidy(actor)) throw new ForbiddenError("view:subsidy:jurisdiction");
}

async function loadBatchInScope(db: Db, actor: Actor, batchId: string): Promise<SubsidyBatchRow> {
  assertSeesSubsidy(actor);
  if (!/^[0-9a-f-]{36}$/i.test(batchId)) throw new NotFoundError("batch");
  const [batch] = await db.select().from(subsidyBatches).where(eq(subsidyBatches.id, batchId));
  if (!batch) throw new NotFoundError("batch");
  if (!(await isWithinJurisdiction(db, batch.jurisdictionCode, staffScope(actor)))) throw new ForbiddenError("view:subsidy:jurisdiction", "scope");
  return batch;
}

// ---- local parameters, versioned -------------------------------------------------------------------------

/** The local parameter set in force now, validated, with its version (null when there is none). */
async function currentParameterSet(db: Db): Promise<{ values: ParameterValue[]; set: LocalParameterSet | undefined }> {
  const values = await localParameters(db);
  return { values, set: values.length ? prepareLocalParameters(values) : undefined };
}

/** Keeps a parameter set by version so every stored decision can be replayed with exactly its values. */
async function storeParameterSet(tx: Db, local: { values: ParameterValue[]; set: LocalParameterSet | undefined }): Promise<void> {
  if (!local.set) return;
  await tx.insert(parameterSets).values({ version: local.set.version, values: local.values }).onConflictDoNothing();
}

/** The local parameter values of a stored version ([] for none). */
export async function parameterSetValues(db: Db, version: string | null): Promise<ParameterValue[]> {
  if (!version) return [];
  const [row] = await db.select().from(parameterSets).where(eq(parameterSets.version, version));
  if (!row) throw new Error(`parameter set ${version} is missing`);
  return row.values as ParameterValue[];
}

// ---- the facts the subsidy reads -------------------------------------------------------------------------

type FactsRow = {
  id: string;
  name: string;
  jurisdiction_code: string;
  kind: Snapshot["facility"]["kind"] | null;
  total_slots: number | null;
  filing_state: string;
  filed_on: string | null;
  cancelled_on: string | null;
  kindergarten_ownership: string | null;
  ownership: string | null;
  classes: unknown;
  staff_roles: unknown;
  ia_status: InclusiveApplicationRow["status"] | null;
  ia_certified_slots: number | null;
  ia_valid_from: string | null;
  ia_valid_until: string | null;
  approved_version: number | null;
  approved_full_day_children: number | null;
  approved_full_day_attending: number | null;
  subsidised_months: number | string;
  account_name: string | null;
  bank_name: string | null;
  account_number: string | null;
};

function dateText(value: unknown): string | null {
  if (value == null) return null;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value).slice(0, 10);
}

/**
 * The minimal snapshot `subsidy.operating` reads, as the application maps it (RULES.md): the filing as it
 * stood at the end of the period (a facility cancelled after the period was still filed then) with its
 * filing and cancellation days (for the county's period rule), the classes and the roster's roles (the
 * standards every route to inclusive status must meet), inclusive status as recorded, the period's approved
 * enrolment report (with the children attending the minimum days) and the months already subsidised.
 */
export function subsidySnapshot(row: FactsRow, period: string): Snapshot {
  const periodEnd = lastDayOfMonth(period);
  const cancelledOn = dateText(row.cancelled_on);
  const filingStatus =
    row.filing_state === "filed" || row.filing_state === "change_submitted"
      ? "filed"
      : row.filing_state === "cancelled"
        ? cancelledOn !== null && cancelledOn > periodEnd
          ? "filed"
          : "cancelled"
        : (row.filing_state as "draft" | "submitted" | "returned");
  const inclusive = row.ia_status
    ? snapshotInclusive(
        {
          status: row.ia_status,
          certifiedSlots: row.ia_certified_slots,
          validFrom: dateText(row.ia_valid_from),
          validUntil: dateText(row.ia_valid_until),
        } as InclusiveApplicationRow,
        periodEnd,
      )
    : { status: "none" as const };
  const classes = (typeof row.classes === "string" ? JSON.parse(row.classes) : row.classes) as [string, number, number, number | null][] | null;
  const staff = (typeof row.staff_roles === "string" ? JSON.parse(row.staff_roles) : row.staff_roles) as [string, string][] | null;
  return {
    jurisdiction: row.jurisdiction_code,
    operator: { ownership: row.ownership ?? undefined },
    facility: {
      kind: row.kind ?? undefined,
      totalSlots: row.total_slots ?? undefined,
      kindergarten: row.kind === "kindergarten_class" ? { ownership: row.kindergarten_ownership ?? undefined } : row.kind ? null : undefined,
    },
    classes: (classes ?? []).map(([type, enrolled, caregivers, youngestAgeMonths]) => ({ type, enrolled, caregivers, youngestAgeMonths })),
    staff: (staff ?? []).map(([id, role]) => ({ id: id.slice(0, 8), role })),
    filing: { status: filingStatus, filedOn: dateText(row.filed_on), cancelledOn },
    inclusive,
    enrolment: {
      period,
      approved: row.approved_version !== null,
      fullDayChildren: row.approved_version !== null ? (row.approved_full_day_children ?? 0) : undefined,
      attendingFullDayChildren: row.approved_version !== null ? (row.approved_full_day_attending ?? undefined) : undefined,
      subsidisedMonthsThisYear: Number(row.subsidised_months),
    },
  } as Snapshot;
}

const FACTS_COLUMNS = sql`
  f.id, f.name, f.jurisdiction_code, f.kind, f.total_slots, f.filing_state, f.filed_on, f.cancelled_on, f.kindergarten_ownership,
  o.ownership,
  (SELECT json_agg(json_build_array(c.type, c.enrolled, c.caregivers, c.youngest_age_months) ORDER BY c.created_at, c.id)
     FROM facility_classes c WHERE c.facility_id = f.id) AS classes,
  (SELECT json_agg(json_build_array(s.id, s.role) ORDER BY s.created_at, s.id) FROM staff_members s WHERE s.facility_id = f.id) AS staff_roles,
  ia.status AS ia_status, ia.certified_slots AS ia_certified_slots, ia.valid_from AS ia_valid_from, ia.valid_until AS ia_valid_until,
  r.approved_version, r.approved_full_day_children, r.approved_full_day_attending,
  b.account_name, b.bank_name, b.account_number`;

function factsJoins(period: string): SQL {
  return sql`
    JOIN organisations o ON o.id = f.organisation_id
    LEFT JOIN LATERAL (
      SELECT a.status, a.certified_slots, a.valid_from, a.valid_until FROM inclusive_applications a
       WHERE a.facility_id = f.id ORDER BY a.applied_at DESC LIMIT 1
    ) ia ON true
    LEFT JOIN enrolment_reports r ON r.facility_id = f.id AND r.period = ${period}
    LEFT JOIN facility_bank_accounts b ON b.facility_id = f.id`;
}

/** Original payable lines of the facility in earlier months of the period's year. */
function subsidisedMonths(period: string): SQL {
  return sql`(SELECT count(*) FROM subsidy_lines sl
               WHERE sl.facility_id = f.id AND sl.kind = 'original' AND sl.payable
                 AND sl.period >= ${`${period.slice(0, 4)}-01`} AND sl.period < ${period})`;
}

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

function storedDecision(snapshot: Snapshot, asOf: string, d: Determination): StoredDecision {
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

type LineInsert = typeof subsidyLines.$inferInsert;

function lineFrom(
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

// ---- prepare ---------------------------------------------------------------------------------------------

/** Batches are prepared for a county, or a city (all its counties; each facility-month still lands once). */
function batchableLevel(code: string): boolean {
  const j = findJurisdiction(code);
  return j !== undefined && (j.level === "county" || j.level === "city");
}

/**
 * Starts (or restarts) the preparation of the batch for a jurisdiction and month: creates the batch, or
 * takes back a prepared one that is not approved yet, with a fresh run token. Returns what `runPreparation`
 * needs. Refused for an approved or paid batch — nothing approved is ever recomputed.
 */
export async function beginPreparation(db: Db, actor: Actor, input: unknown): Promise<{ batchId: string; token: string }> {
  assertPermission(actor, "prepare:batch:jurisdiction");
  const parsed = prepareSchema.safeParse(input);
  if (!parsed.success) throw new ValidationError(fieldErrorsOf(parsed.error));
  const { jurisdictionCode, period } = parsed.data;
  if (!batchableLevel(jurisdictionCode)) throw new ValidationError({ jurisdictionCode: "batches.jurisdictionLevel" });
  if (!(await isWithinJurisdiction(db, jurisdictionCode, staffScope(actor)))) throw new ValidationError({ jurisdictionCode: "user.scopeOutside" });
  // a month is paid after it has ended
  if (period >= monthOf(todayInShanghai())) throw new ValidationError({ period: "batches.periodNotEnded" });
  const token = randomUUID();
  const ctx = actorContext(actor);
  const batchId = await db.transaction(async (tx) => {
    await tx
      .insert(subsidyBatches)
      .values({ jurisdictionCode, period, number: `${jurisdictionCode}-${period}`, status: "preparing", runToken: token, preparedBy: actor.userId })
      .onConflictDoNothing();
    // the row (new, or existing — waiting here for any concurrent preparation to commit)
    const [batch] = await tx
      .select()
      .from(subsidyBatches)
      .where(and(eq(subsidyBatches.jurisdictionCode, jurisdictionCode), eq(subsidyBatches.period, period)))
      .for("update");
    if (!batch) throw new Error("batch vanished");
    if (batch.status === "approved" || batch.status === "paid") throw new ConflictError("batches.alreadyApproved");
    if (batch.runToken !== token) {
      // prepared (or being prepared) before: start again, with this reviewer as the preparer
      await tx.delete(subsidyLines).where(eq(subsidyLines.batchId, batch.id));
      await tx.delete(subsidyBatchTotals).where(eq(subsidyBatchTotals.batchId, batch.id));
      await tx
        .update(subsidyBatches)
        .set({
          status: "preparing",
          runToken: token,
          preparedBy: actor.userId,
          preparedAt: null,
          progressDone: 0,
          progressTotal: 0,
          lineCount: 0,
          payableCount: 0,
          excludedCount: 0,
          totalFen: 0,
          provisional: false,
          deltaCount: 0,
          topUpFen: 0,
          recoveryFen: 0,
          reasonCounts: [],
          updatedAt: clockNow(),
        })
        .where(eq(subsidyBatches.id, batch.id));
    }
    await recordAudit(tx, ctx, {
      action: batch.runToken === token ? "subsidy_batch.created" : "subsidy_batch.reprepared",
      entityType: "subsidy_batch",
      entityId: batch.id,
      jurisdictionCode,
      after: { period, status: "preparing" },
    });
    return batch.id;
  });
  return { batchId, token };
}

/** True while `token` is the batch's current run (locks the batch row for the rest of the transaction). */
async function stillOurs(tx: Db, batchId: string, token: string): Promise<boolean> {
  const [row] = await tx.select({ runToken: subsidyBatches.runToken, status: subsidyBatches.status }).from(subsidyBatches).where(eq(subsidyBatches.id, batchId)).for("update");
  return row?.runToken === token && row.status === "preparing";
}

/**
 * Writes lines CHUNK_INSERT at a time as one JSON parameter expanded by `jsonb_to_recordset`: one bound
 * value per statement instead of twenty per row, which is what made the query builder slow at 100k lines.
 */
async function insertLines(tx: Db, lines: LineInsert[]): Promise<void> {
  for (let i = 0; i < lines.length; i += CHUNK_INSERT) {
    const rows = lines.slice(i, i + CHUNK_INSERT).map((l) => ({
      batch_id: l.batchId,
      facility_id: l.facilityId,
      facility_name: l.facilityName,
      jurisdiction_code: l.jurisdictionCode,
      period: l.period,
      kind: l.kind,
      corrects_line_id: l.correctsLineId ?? null,
      payable: l.payable,
      amount_fen: l.amountFen,
      entitled_fen: l.entitledFen,
      status: l.status,
      reasons: l.reasons,
      decision: l.decision,
      rules_version: l.rulesVersion,
      local_parameters_version: l.localParametersVersion ?? null,
      enrolment_version: l.enrolmentVersion ?? null,
      provisional: l.provisional,
      account_name: l.accountName ?? null,
      bank_name: l.bankName ?? null,
      account_number: l.accountNumber ?? null,
    }));
    await tx.execute(sql`
      INSERT INTO subsidy_lines (batch_id, facility_id, facility_name, jurisdiction_code, period, kind, corrects_line_id, payable, amount_fen,
                                 entitled_fen, status, reasons, decision, rules_version, local_parameters_version, enrolment_version, provisional,
                                 account_name, bank_name, account_number)
      SELECT batch_id, facility_id, facility_name, jurisdiction_code, period, kind, corrects_line_id, payable, amount_fen,
             entitled_fen, status, reasons, decision, rules_version, local_parameters_version, enrolment_version, provisional,
             account_name, bank_name, account_number
        FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS x(
             batch_id uuid, facility_id uuid, facility_name text, jurisdiction_code text, period text, kind text, corrects_line_id uuid,
             payable boolean, amount_fen integer, entitled_fen integer, status text, reasons jsonb, decision jsonb, rules_version text,
             local_parameters_version text, enrolment_version integer, provisional boolean, account_name text, bank_name text, account_number text)`);
  }
}

export class PreparationSuperseded extends Error {
  constructor() {
    super("preparation superseded by a newer run");
  }
}

/**
 * Computes every line of the batch: an original line (payable or excluded with its reasons) for each
 * facility of the jurisdiction that was filed during the month and has no original line for it in
 * another batch, then the corrections (delta lines) for months already approved or paid. Commits per
 * chunk and reports progress; throws PreparationSuperseded if the batch was prepared again meanwhile.
 */
export async function runPreparation(db: Db, ctx: AuditContext, batchId: string, token: string, asOf: string = todayInShanghai()): Promise<void> {
  const [batch] = await db.select().from(subsidyBatches).where(eq(subsidyBatches.id, batchId));
  if (!batch) throw new NotFoundError("batch");
  const [scope] = await db.select({ path: jurisdictions.path }).from(jurisdictions).where(eq(jurisdictions.code, batch.jurisdictionCode));
  if (!scope) throw new NotFoundError("jurisdiction");
  const prefix = `${scope.path}%`;
  const period = batch.period;
  const periodStart = firstDayOf(period);
  const periodEnd = lastDayOfMonth(period);
  const local = await currentParameterSet(db);
  const localVersion = local.set?.version ?? null;

  const inScope = sql`f.jurisdiction_code IN (SELECT code FROM jurisdictions WHERE path LIKE ${prefix})
      AND f.filed_on IS NOT NULL AND f.filed_on <= ${periodEnd}
      AND (f.filing_state IN ('filed', 'change_submitted') OR (f.filing_state = 'cancelled' AND f.cancelled_on >= ${periodStart}))
      AND NOT EXISTS (SELECT 1 FROM subsidy_lines x WHERE x.facility_id = f.id AND x.period = ${period} AND x.kind = 'original' AND x.batch_id <> ${batchId})`;
  const [{ total } = { total: 0 }] = await queryRows<{ total: number | string }>(db, sql`SELECT count(*) AS total FROM facilities f WHERE ${inScope}`);
  const corrections = await correctionCandidates(db, batch, prefix, localVersion);
  await db.transaction(async (tx) => {
    if (!(await stillOurs(tx, batchId, token))) throw new PreparationSuperseded();
    await tx.update(subsidyBatches).set({ progressTotal: Number(total) + corrections.length, updatedAt: clockNow() }).where(eq(subsidyBatches.id, batchId));
  });

  let after = "00000000-0000-0000-0000-000000000000";
  let done = 0;
  for (;;) {
    const rows = await queryRows<FactsRow>(
      db,
      sql`SELECT ${FACTS_COLUMNS}, ${subsidisedMonths(period)} AS subsidised_months
            FROM facilities f ${factsJoins(period)}
           WHERE ${inScope} AND f.id > ${after}::uuid
           ORDER BY f.id LIMIT ${PREPARE_CHUNK}`,
    );
    if (rows.length === 0) break;
    after = rows[rows.length - 1]?.id ?? after;
    const lines: LineInsert[] = [];
    for (const row of rows) {
      const snapshot = subsidySnapshot(row, period);
      const [d] = evaluate(snapshot, { asOf, localParameters: local.set, measures: MEASURES_EVALUATED }).determinations;
      if (d) lines.push(lineFrom(batch, row, snapshot, asOf, d, localVersion));
    }
    done += rows.length;
    await db.transaction(async (tx) => {
      if (!(await stillOurs(tx, batchId, token))) throw new PreparationSuperseded();
      await insertLines(tx, lines);
      await tx.update(subsidyBatches).set({ progressDone: done, updatedAt: clockNow() }).where(eq(subsidyBatches.id, batchId));
    });
  }

  // corrections of months already approved or paid
  const deltas: LineInsert[] = [];
  for (const c of corrections) {
    const delta = correctionLine(batch, c, asOf, local.set, localVersion);
    if (delta) deltas.push(delta);
  }

  await db.transaction(async (tx) => {
    if (!(await stillOurs(tx, batchId, token))) throw new PreparationSuperseded();
    await insertLines(tx, deltas);
    await storeParameterSet(tx, local);
    const [totals] = await queryRows<{
      lines: string | number;
      payable: string | number;
      total: string | number | null;
      provisional: boolean | null;
      deltas: string | number;
      top_up: string | number | null;
      recovery: string | number | null;
    }>(
      tx,
      sql`SELECT count(*) AS lines, count(*) FILTER (WHERE payable) AS payable, sum(amount_fen) FILTER (WHERE payable) AS total,
                 bool_or(provisional) FILTER (WHERE payable) AS provisional,
                 count(*) FILTER (WHERE kind = 'delta') AS deltas,
                 sum(amount_fen) FILTER (WHERE kind = 'delta' AND amount_fen > 0) AS top_up,
                 sum(amount_fen) FILTER (WHERE kind = 'delta' AND amount_fen < 0) AS recovery
            FROM subsidy_lines WHERE batch_id = ${batchId}`,
    );
    const reasonRows = await queryRows<{ reason: string; count: string | number }>(
      tx,
      sql`SELECT r.reason, count(*) AS count
            FROM subsidy_lines l, jsonb_array_elements_text(l.reasons) AS r(reason)
           WHERE l.batch_id = ${batchId} AND NOT l.payable
           GROUP BY r.reason ORDER BY count(*) DESC, r.reason`,
    );
    await tx.execute(sql`
      INSERT INTO subsidy_batch_totals (batch_id, period, jurisdiction_code, lines, amount_fen)
      SELECT batch_id, period, jurisdiction_code, count(*), sum(amount_fen) FROM subsidy_lines
       WHERE batch_id = ${batchId} AND payable GROUP BY batch_id, period, jurisdiction_code`);
    const lines = Number(totals?.lines ?? 0);
    const payable = Number(totals?.payable ?? 0);
    const summary = {
      status: "prepared" as const,
      progressDone: done + corrections.length,
      lineCount: lines,
      payableCount: payable,
      excludedCount: lines - payable,
      totalFen: Number(totals?.total ?? 0),
      provisional: totals?.provisional === true,
      deltaCount: Number(totals?.deltas ?? 0),
      topUpFen: Number(totals?.top_up ?? 0),
      recoveryFen: Number(totals?.recovery ?? 0),
      reasonCounts: reasonRows.map((r) => ({ reason: r.reason, count: Number(r.count) })),
      rulesVersion: RULES_VERSION,
      localParametersVersion: localVersion,
      preparedAt: clockNow(),
      updatedAt: clockNow(),
    };
    await tx.update(subsidyBatches).set(summary).where(eq(subsidyBatches.id, batchId));
    await recordAudit(tx, ctx, {
      action: "subsidy_batch.prepared",
      entityType: "subsidy_batch",
      entityId: batchId,
      jurisdictionCode: batch.jurisdictionCode,
      after: { period, lines, payable, deltas: deltas.length, totalFen: summary.totalFen, provisional: summary.provisional, rulesVersion: RULES_VERSION, localParametersVersion: localVersion },
    });
  });
}

/** Prepares the batch from start to end (tests, benchmarks, and the route when the work is small). */
export async function prepareBatch(db: Db, actor: Actor, input: unknown): Promise<{ batchId: string }> {
  const { batchId, token } = await beginPreparation(db, actor, input);
  await runPreparation(db, actorContext(actor), batchId, token);
  return { batchId };
}

// ---- corrections -----------------------------------------------------------------------------------------

type CorrectionCandidate = {
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
async function correctionCandidates(db: Db, batch: SubsidyBatchRow, prefix: string, localVersion: string | null): Promise<CorrectionCandidate[]> {
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
function correctionLine(batch: SubsidyBatchRow, c: CorrectionCandidate, asOf: string, local: LocalParameterSet | undefined, localVersion: string | null): LineInsert | null {
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

// ---- approve and pay -------------------------------------------------------------------------------------

/**
 * A finance officer approves a prepared batch — never the person who prepared it (checked here, per
 * user whatever roles they hold, and by a database constraint), never a batch whose payable lines rest
 * on a provisional parameter value. The conditional update makes concurrent approvals approve once.
 */
export async function approveBatch(db: Db, actor: Actor, batchId: string): Promise<void> {
  assertPermission(actor, "approve:batch:jurisdiction");
  const batch = await loadBatchInScope(db, actor, batchId);
  await db.transaction(async (tx) => {
    const [row] = await tx.select().from(subsidyBatches).where(eq(subsidyBatches.id, batch.id)).for("update");
    if (!row) throw new NotFoundError("batch");
    if (row.preparedBy === actor.userId) throw new ForbiddenError("batches.fourEyes", "permission");
    if (row.status !== "prepared") throw new ConflictError(row.status === "preparing" ? "batches.stillPreparing" : "batches.notPrepared");
    if (row.provisional) throw new ConflictError("batches.provisional");
    const updated = await tx
      .update(subsidyBatches)
      .set({ status: "approved", approvedBy: actor.userId, approvedAt: clockNow(), updatedAt: clockNow() })
      .where(and(eq(subsidyBatches.id, row.id), eq(subsidyBatches.status, "prepared")))
      .returning({ id: subsidyBatches.id });
    if (updated.length !== 1) throw new ConflictError("batches.notPrepared");
    await recordAudit(tx, actorContext(actor), {
      action: "subsidy_batch.approved",
      entityType: "subsidy_batch",
      entityId: row.id,
      jurisdictionCode: row.jurisdictionCode,
      before: { status: row.status },
      after: { status: "approved", totalFen: row.totalFen, payable: row.payableCount },
    });
  });
}

/** Records the payment of an approved batch (once: a paid batch cannot change again). */
export async function markBatchPaid(db: Db, actor: Actor, batchId: string, input: unknown): Promise<void> {
  assertPermission(actor, "approve:batch:jurisdiction");
  const batch = await loadBatchInScope(db, actor, batchId);
  const parsed = paidSchema.safeParse(input);
  if (!parsed.success) throw new ValidationError(fieldErrorsOf(parsed.error));
  const { paymentReference, paidOn } = parsed.data;
  const today = todayInShanghai();
  if (!isValidDate(paidOn)) throw new ValidationError({ paidOn: "batches.dateInvalid" });
  if (paidOn > today) throw new ValidationError({ paidOn: "batches.paidInFuture" });
  await db.transaction(async (tx) => {
    const [row] = await tx.select().from(subsidyBatches).where(eq(subsidyBatches.id, batch.id)).for("update");
    if (!row) throw new NotFoundError("batch");
    if (row.status !== "approved") throw new ConflictError(row.status === "paid" ? "batches.alreadyPaid" : "batches.notApproved");
    if (row.approvedAt && paidOn < todayOf(row.approvedAt)) throw new ValidationError({ paidOn: "batches.paidBeforeApproval" });
    const updated = await tx
      .update(subsidyBatches)
      .set({ status: "paid", paidBy: actor.userId, paidAt: clockNow(), paidOn, paymentReference, updatedAt: clockNow() })
      .where(and(eq(subsidyBatches.id, row.id), eq(subsidyBatches.status, "approved")))
      .returning({ id: subsidyBatches.id });
    if (updated.length !== 1) throw new ConflictError("batches.alreadyPaid");
    await recordAudit(tx, actorContext(actor), {
      action: "subsidy_batch.paid",
      entityType: "subsidy_batch",
      entityId: row.id,
      jurisdictionCode: row.jurisdictionCode,
      before: { status: row.status },
      after: { status: "paid", paidOn, paymentReference, totalFen: row.totalFen },
    });
  });
}

function todayOf(at: Date): string {
  return todayInShanghai(at);
}

// ---- reading ---------------------------------------------------------------------------------------------

export async function listBatches(db: Db, actor: Actor) {
  assertSeesSubsidy(actor);
  return db
    .select({ batch: subsidyBatches, nameZh: jurisdictions.nameZh, nameEn: jurisdictions.nameEn })
    .from(subsidyBatches)
    .innerJoin(jurisdictions, eq(jurisdictions.code, subsidyBatches.jurisdictionCode))
    .where(withinJurisdiction(subsidyBatches.jurisdictionCode, staffScope(actor)))
    .orderBy(desc(subsidyBatches.period), asc(subsidyBatches.jurisdictionCode))
    .limit(200);
}

export async function batchDetail(db: Db, actor: Actor, batchId: string) {
  const batch = await loadBatchInScope(db, actor, batchId);
  const [j] = await db.select({ nameZh: jurisdictions.nameZh, nameEn: jurisdictions.nameEn }).from(jurisdictions).where(eq(jurisdictions.code, batch.jurisdictionCode));
  // counted once when preparation ended (the batch's lines never change after that)
  return {
    batch,
    jurisdiction: j ?? { nameZh: batch.jurisdictionCode, nameEn: batch.jurisdictionCode },
    deltas: { count: batch.deltaCount, topUpFen: batch.topUpFen, recoveryFen: batch.recoveryFen },
    reasons: batch.reasonCounts,
  };
}

export const LINE_FILTERS = ["payable", "excluded", "delta", "all"] as const;
export type LineFilter = (typeof LINE_FILTERS)[number];

export type BatchLine = {
  id: string;
  facilityId: string;
  facilityName: string;
  receiptNumber: string | null;
  jurisdictionCode: string;
  period: string;
  kind: SubsidyLineRow["kind"];
  correctsLineId: string | null;
  payable: boolean;
  amountFen: number;
  status: string;
  reasons: string[];
  provisional: boolean;
  children: number | null;
  countedChildren: number | null;
  rateFen: number | null;
  accountName: string | null;
  bankName: string | null;
  accountNumber: string | null;
  bankChanged: boolean;
};

/**
 * A page of the batch's lines (by facility name), filtered. `bankChanged`: the facility's bank details
 * changed after its last paid line — finance checks them before paying.
 */
export async function batchLines(db: Db, actor: Actor, batchId: string, options: { filter?: LineFilter; q?: string; page?: number } = {}) {
  const batch = await loadBatchInScope(db, actor, batchId);
  const filter = options.filter ?? "all";
  const page = Math.max(1, Math.floor(options.page ?? 1));
  const conditions: SQL[] = [sql`l.batch_id = ${batch.id}`];
  if (filter === "payable") conditions.push(sql`l.payable`);
  if (filter === "excluded") conditions.push(sql`NOT l.payable`);
  if (filter === "delta") conditions.push(sql`l.kind = 'delta'`);
  const q = options.q?.trim();
  if (q) conditions.push(sql`l.facility_name LIKE ${`%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`);
  const where = sql.join(conditions, sql` AND `);
  // the counts of the unsearched tabs are the batch's own; a search counts its matches
  const stored: Record<LineFilter, number> = { all: batch.lineCount, payable: batch.payableCount, excluded: batch.excludedCount, delta: batch.deltaCount };
  const total =
    q || batch.status === "preparing"
      ? Number((await queryRows<{ n: string | number }>(db, sql`SELECT count(*) AS n FROM subsidy_lines l WHERE ${where}`))[0]?.n ?? 0)
      : stored[filter];
  // the page first (index on batch, facility name), then the facts of its ≤ 50 lines
  const rows = await queryRows<{
    id: string;
    facility_id: string;
    name: string;
    receipt_number: string | null;
    jurisdiction_code: string;
    period: string;
    kind: SubsidyLineRow["kind"];
    corrects_line_id: string | null;
    payable: boolean;
    amount_fen: number;
    status: string;
    reasons: unknown;
    provisional: boolean;
    children: number | null;
    counted: number | null;
    rate: number | null;
    account_name: string | null;
    bank_name: string | null;
    account_number: string | null;
    bank_changed: boolean;
  }>(
    db,
    sql`SELECT l.id, l.facility_id, l.facility_name AS name, f.receipt_number, l.jurisdiction_code, l.period, l.kind, l.corrects_line_id, l.payable,
               l.amount_fen, l.status, l.reasons, l.provisional,
               (l.decision->'details'->>'children')::int AS children, (l.decision->'details'->>'countedChildren')::int AS counted,
               (l.decision->'details'->>'rateFen')::int AS rate,
               l.account_name, l.bank_name, l.account_number,
               coalesce(ba.updated_at > (SELECT max(pb.paid_at) FROM subsidy_lines pl JOIN subsidy_batches pb ON pb.id = pl.batch_id
                                          WHERE pl.facility_id = l.facility_id AND pl.payable AND pb.status = 'paid'), false) AS bank_changed
          FROM (SELECT l.id FROM subsidy_lines l WHERE ${where}
                 ORDER BY l.facility_name, l.period, l.id
                 LIMIT ${LINES_PAGE_SIZE} OFFSET ${(page - 1) * LINES_PAGE_SIZE}) AS p
          JOIN subsidy_lines l ON l.id = p.id
          JOIN facilities f ON f.id = l.facility_id
          LEFT JOIN facility_bank_accounts ba ON ba.facility_id = l.facility_id
         ORDER BY l.facility_name, l.period, l.id`,
  );
  const lines: BatchLine[] = rows.map((r) => ({
    id: r.id,
    facilityId: r.facility_id,
    facilityName: r.name,
    receiptNumber: r.receipt_number,
    jurisdictionCode: r.jurisdiction_code,
    period: r.period,
    kind: r.kind,
    correctsLineId: r.corrects_line_id,
    payable: r.payable,
    amountFen: Number(r.amount_fen),
    status: r.status,
    reasons: (typeof r.reasons === "string" ? JSON.parse(r.reasons) : r.reasons) as string[],
    provisional: r.provisional,
    children: r.children,
    countedChildren: r.counted,
    rateFen: r.rate,
    accountName: r.account_name,
    bankName: r.bank_name,
    accountNumber: r.account_number,
    bankChanged: r.bank_changed === true,
  }));
  return { batch, lines, total, page, pageSize: LINES_PAGE_SIZE };
}

export type LineView = {
  line: SubsidyLineRow;
  facilityName: string;
  batch: SubsidyBatchRow;
  decision: StoredDecision;
  /** the determination replayed from the stored snapshot with the stored rules and parameter set */
  replay: Determination | null;
  /** replay gives the stored status and amount */
  replayMatches: boolean | null;
  /** for a delta: the original line it corrects, with its decision */
  corrects: { line: SubsidyLineRow; batch: SubsidyBatchRow; decision: StoredDecision; replay: Determination | null } | null;
};

/** Replays the line under the rules version that decided it (an archived release for an older one). */
async function replayLine(db: Db, line: SubsidyLineRow): Promise<Determination | null> {
  const replayer = await evaluatorFor(line.rulesVersion);
  if (!replayer) return null; // a version never archived: the stored trace is what stands
  const stored = line.decision as StoredDecision;
  const values = await parameterSetValues(db, line.localParametersVersion);
  const [d] = replayer(stored.snapshot, { asOf: stored.asOf, localParameters: values, measures: MEASURES_EVALUATED }).determinations;
  return d ?? null;
}

/** One line with its decision replayed (and, for a delta, the line it corrects) — "explainable years later". */
export async function lineView(db: Db, actor: Actor, lineId: string): Promise<LineView> {
  assertSeesSubsidy(actor);
  if (!/^[0-9a-f-]{36}$/i.test(lineId)) throw new NotFoundError("line");
  const [line] = await db.select().from(subsidyLines).where(eq(subsidyLines.id, lineId));
  if (!line) throw new NotFoundError("line");
  const batch = await loadBatchInScope(db, actor, line.batchId);
  return describeLine(db, line, batch);
}

async function describeLine(db: Db, line: SubsidyLineRow, batch: SubsidyBatchRow): Promise<LineView> {
  const [facility] = await db.select({ name: facilities.name }).from(facilities).where(eq(facilities.id, line.facilityId));
  const replay = await replayLine(db, line);
  let corrects: LineView["corrects"] = null;
  if (line.correctsLineId) {
    const [original] = await db.select().from(subsidyLines).where(eq(subsidyLines.id, line.correctsLineId));
    if (original) {
      const [originalBatch] = await db.select().from(subsidyBatches).where(eq(subsidyBatches.id, original.batchId));
      if (originalBatch) corrects = { line: original, batch: originalBatch, decision: original.decision as StoredDecision, replay: await replayLine(db, original) };
    }
  }
  const stored = line.decision as StoredDecision;
  const expected = line.kind === "delta" ? line.entitledFen : line.amountFen;
  return {
    line,
    facilityName: facility?.name ?? "",
    batch,
    decision: stored,
    replay,
    replayMatches: replay ? replay.status === stored.status && (replay.status === "eligible" ? (replay.amountFen ?? 0) : 0) === expected : null,
    corrects,
  };
}

// ---- payment file ----------------------------------------------------------------------------------------

/** The payment file's columns, in order (documented in the README). */
export const PAYMENT_COLUMNS = [
  { key: "seq", zh: "序号", en: "No." },
  { key: "batch", zh: "批次号", en: "Batch" },
  { key: "lineId", zh: "明细编号", en: "Line ID" },
  { key: "county", zh: "区县代码", en: "County code" },
  { key: "period", zh: "补贴月份", en: "Month" },
  { key: "kind", zh: "类型", en: "Kind" },
  { key: "corrects", zh: "更正的原明细", en: "Corrects line" },
  { key: "facility", zh: "机构名称", en: "Facility" },
  { key: "receipt", zh: "备案回执号", en: "Filing receipt" },
  { key: "accountName", zh: "收款户名", en: "Account name" },
  { key: "bank", zh: "开户银行", en: "Bank" },
  { key: "accountNumber", zh: "银行账号", en: "Account number" },
  { key: "amountYuan", zh: "金额（元）", en: "Amount (yuan)" },
  { key: "amountFen", zh: "金额（分）", en: "Amount (fen)" },
] as const;

export type PaymentRow = Record<(typeof PAYMENT_COLUMNS)[number]["key"], string | number>;

function yuan(fen: number): string {
  const sign = fen < 0 ? "-" : "";
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}

/** The payable lines of an approved or paid batch, as the bank file lists them (recoveries negative). */
export async function paymentRows(db: Db, actor: Actor, batchId: string): Promise<{ batch: SubsidyBatchRow; rows: PaymentRow[] }> {
  assertPermission(actor, "approve:batch:jurisdiction");
  const batch = await loadBatchInScope(db, actor, batchId);
  if (batch.status !== "approved" && batch.status !== "paid") throw new ConflictError("batches.notApproved");
  const lines = await queryRows<{
    id: string;
    jurisdiction_code: string;
    period: string;
    kind: string;
    corrects_line_id: string | null;
    name: string;
    receipt_number: string | null;
    account_name: string | null;
    bank_name: string | null;
    account_number: string | null;
    amount_fen: number;
  }>(
    db,
    sql`SELECT l.id, l.jurisdiction_code, l.period, l.kind, l.corrects_line_id, l.facility_name AS name, f.receipt_number, l.account_name, l.bank_name, l.account_number, l.amount_fen
          FROM subsidy_lines l JOIN facilities f ON f.id = l.facility_id
         WHERE l.batch_id = ${batch.id} AND l.payable
         ORDER BY l.jurisdiction_code, l.facility_name, l.period, l.id`,
  );
  const rows = lines.map((l, i) => ({
    seq: i + 1,
    batch: batch.number,
    lineId: l.id,
    county: l.jurisdiction_code,
    period: l.period,
    kind: l.kind === "original" ? "original" : Number(l.amount_fen) > 0 ? "top_up" : "recovery",
    corrects: l.corrects_line_id ?? "",
    facility: l.name,
    receipt: l.receipt_number ?? "",
    accountName: l.account_name ?? "",
    bank: l.bank_name ?? "",
    accountNumber: l.account_number ?? "",
    amountYuan: yuan(Number(l.amount_fen)),
    amountFen: Number(l.amount_fen),
  }));
  return { batch, rows };
}

function csvCell(value: string | number): string {
  const text = String(value);
  // a leading = + - @ would be read as a formula by spreadsheet software; account numbers stay text. A
  // recovery's negative amount ("-600.00") is a number, not a formula: it stays as it is.
  const safe = /^[=+\-@]/.test(text) && typeof value === "string" && !/^-\d+(\.\d+)?$/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The payment file: CSV (UTF-8 with BOM, bilingual header) or XLSX (account numbers as text). */
export async function paymentFile(rows: readonly PaymentRow[], format: "csv" | "xlsx"): Promise<Uint8Array> {
  const header = PAYMENT_COLUMNS.map((c) => `${c.zh} ${c.en}`);
  if (format === "csv") {
    const body = [header.map(csvCell).join(","), ...rows.map((r) => PAYMENT_COLUMNS.map((c) => csvCell(r[c.key])).join(","))].join("\r\n");
    return new TextEncoder().encode(`\uFEFF${body}\r\n`);
  }
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("payment");
  sheet.columns = PAYMENT_COLUMNS.map((c) => ({ header: `${c.zh} ${c.en}`, key: c.key, width: c.key === "facility" || c.key === "lineId" ? 38 : 16 }));
  for (const r of rows) sheet.addRow(r);
  sheet.getColumn("accountNumber").numFmt = "@";
  sheet.getColumn("amountYuan").numFmt = "@";
  sheet.getRow(1).font = { bold: true };
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

// ---- statements and spend --------------------------------------------------------------------------------

export type StatementLine = {
  id: string;
  period: string;
  kind: SubsidyLineRow["kind"];
  amountFen: number;
  payable: boolean;
  reasons: string[];
  batchNumber: string;
  batchStatus: SubsidyBatchRow["status"];
  paidOn: string | null;
  paymentReference: string | null;
  children: number | null;
  countedChildren: number | null;
  slots: number | null;
  rateFen: number | null;
  rateKind: string | null;
  correctsLineId: string | null;
};

/**
 * A facility's subsidy statement: every line of an approved or paid batch (lines still in preparation
 * are not money yet), month by month with how each was computed. Operators see their own facilities;
 * reviewers and finance officers those in their jurisdiction. Union officers are refused.
 */
export async function facilityStatement(db: Db, actor: Actor, facilityId: string) {
  if (!/^[0-9a-f-]{36}$/i.test(facilityId)) throw new NotFoundError("facility");
  const [facility] = await db.select().from(facilities).where(eq(facilities.id, facilityId));
  if (!facility) throw new NotFoundError("facility");
  if (can(actor.roles, "view:facility:own") && actor.organisationId === facility.organisationId) {
    // the operator's own facility
  } else if (canSeeSubsidy(actor)) {
    if (!(await isWithinJurisdiction(db, facility.jurisdictionCode, staffScope(actor)))) throw new ForbiddenError("view:subsidy:jurisdiction", "scope");
  } else {
    throw new ForbiddenError("view:subsidy:jurisdiction");
  }
  const rows = await db
    .select({ line: subsidyLines, batch: subsidyBatches })
    .from(subsidyLines)
    .innerJoin(subsidyBatches, eq(subsidyBatches.id, subsidyLines.batchId))
    .where(and(eq(subsidyLines.facilityId, facility.id), inArray(subsidyBatches.status, ["approved", "paid"])))
    .orderBy(desc(subsidyLines.period), asc(subsidyLines.createdAt));
  const lines: StatementLine[] = rows.map(({ line, batch }) => {
    const details = (line.decision as StoredDecision).details as Record<string, number | string | null>;
    return {
      id: line.id,
      period: line.period,
      kind: line.kind,
      amountFen: line.amountFen,
      payable: line.payable,
      reasons: line.reasons,
      batchNumber: batch.number,
      batchStatus: batch.status,
      paidOn: batch.paidOn,
      paymentReference: batch.paymentReference,
      children: (details.children as number | null) ?? null,
      countedChildren: (details.countedChildren as number | null) ?? null,
      slots: (details.slots as number | null) ?? null,
      rateFen: (details.rateFen as number | null) ?? null,
      rateKind: (details.rateKind as string | null) ?? null,
      correctsLineId: line.correctsLineId,
    };
  });
  const paidFen = lines.filter((l) => l.payable && l.batchStatus === "paid").reduce((s, l) => s + l.amountFen, 0);
  const approvedFen = lines.filter((l) => l.payable && l.batchStatus === "approved").reduce((s, l) => s + l.amountFen, 0);
  return { facility, lines, paidFen, approvedFen };
}

export type SpendRow = { period: string; jurisdictionCode: string; nameZh: string; nameEn: string; paidFen: number; approvedFen: number; lines: number };

/** Spend by month and county in the actor's jurisdiction for a year: paid, and approved but not yet paid. */
export async function spendByMonthAndCounty(db: Db, actor: Actor, year: number): Promise<SpendRow[]> {
  assertSeesSubsidy(actor);
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new ValidationError({ year: "batches.yearInvalid" });
  const scope = staffScope(actor);
  const rows = await queryRows<{ period: string; code: string; name_zh: string; name_en: string; paid: string | number | null; approved: string | number | null; lines: string | number }>(
    db,
    // from the per-batch totals written at preparation (a few rows per batch), not the lines themselves
    sql`SELECT t.period, t.jurisdiction_code AS code, j.name_zh, j.name_en,
               sum(t.amount_fen) FILTER (WHERE b.status = 'paid') AS paid,
               sum(t.amount_fen) FILTER (WHERE b.status = 'approved') AS approved,
               sum(t.lines) AS lines
          FROM subsidy_batch_totals t
          JOIN subsidy_batches b ON b.id = t.batch_id AND b.status IN ('approved', 'paid')
          JOIN jurisdictions j ON j.code = t.jurisdiction_code
         WHERE t.period >= ${`${year}-01`} AND t.period <= ${`${year}-12`}
           AND j.path LIKE (SELECT path FROM jurisdictions WHERE code = ${scope}) || '%'
         GROUP BY t.period, t.jurisdiction_code, j.name_zh, j.name_en
         ORDER BY t.period, t.jurisdiction_code`,
  );
  return rows.map((r) => ({
    period: r.period,
    jurisdictionCode: r.code,
    nameZh: r.name_zh,
    nameEn: r.name_en,
    paidFen: Number(r.paid ?? 0),
    approvedFen: Number(r.approved ?? 0),
    lines: Number(r.lines),
  }));
}
