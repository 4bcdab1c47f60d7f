// Reading batches: the list in the actor's jurisdiction, one batch's summary, a page of its lines, and one
// line with its decision replayed under the rules version and parameter set that decided it.
import { asc, desc, eq, sql, type SQL } from "drizzle-orm";
import { queryRows, type Db } from "../../../db/client";
import { facilities, jurisdictions, subsidyBatches, subsidyLines, type SubsidyBatchRow, type SubsidyLineRow } from "../../../db/schema";
import type { Determination } from "../../../rules/engine/evaluate";
import type { Actor } from "../../auth/session.server";
import { staffScope, withinJurisdiction } from "../../auth/scope.server";
import { NotFoundError } from "../errors";
import { evaluatorFor } from "../rules-releases.server";
import type { StoredDecision } from "./decisions.server";
import { assertSeesSubsidy, loadBatchInScope, MEASURES_EVALUATED, parameterSetValues } from "./shared.server";

export const LINES_PAGE_SIZE = 50;

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
