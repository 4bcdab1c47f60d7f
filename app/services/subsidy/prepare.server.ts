// Preparing a batch (a reviewer, for a county or city and an ended month): begin (create, or take back a
// batch not yet approved, with a fresh run token), run (decide every facility's original line, then the
// corrections), and both at once for small work.
//
// Scale: preparation walks the jurisdiction in keyset chunks of PREPARE_CHUNK facilities, with one query
// per chunk for every fact the subsidy reads (no staff rosters: the measure does not read them) and one
// multi-row insert per CHUNK_INSERT lines; each chunk commits and reports progress, guarded by the
// batch's run token so an older run stops when the batch is prepared again.
import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { queryRows, type Db } from "../../../db/client";
import { jurisdictions, subsidyBatches, subsidyBatchTotals, subsidyLines } from "../../../db/schema";
import { lastDayOfMonth } from "../../../rules/engine/dates";
import { evaluate, RULES_VERSION } from "../../../rules/engine/evaluate";
import { findJurisdiction } from "../../../rules/jurisdictions";
import type { Actor } from "../../auth/session.server";
import { assertPermission } from "../../auth/session.server";
import { isWithinJurisdiction, staffScope } from "../../auth/scope.server";
import { clockNow, todayInShanghai } from "../../utils/format";
import { recordAudit, type AuditContext } from "../audit.server";
import { prepareSchema } from "../batches.schemas";
import { ConflictError, NotFoundError, ValidationError } from "../errors";
import { actorContext, fieldErrorsOf } from "../users.server";
import { correctionCandidates, correctionLine } from "./corrections.server";
import { lineFrom, type LineInsert } from "./decisions.server";
import { FACTS_COLUMNS, factsJoins, subsidisedMonths, subsidySnapshot, type FactsRow } from "./facts.server";
import { currentParameterSet, firstDayOf, MEASURES_EVALUATED, monthOf, storeParameterSet } from "./shared.server";

export const PREPARE_CHUNK = 5000;
const CHUNK_INSERT = 1000;

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
