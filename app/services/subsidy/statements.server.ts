// Reading the money: a facility's subsidy statement (its lines of approved or paid batches) and spend by
// month and county in the actor's jurisdiction.
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import { queryRows, type Db } from "../../../db/client";
import { facilities, subsidyBatches, subsidyLines, type SubsidyBatchRow, type SubsidyLineRow } from "../../../db/schema";
import { can } from "../../auth/permissions";
import type { Actor } from "../../auth/session.server";
import { isWithinJurisdiction, staffScope } from "../../auth/scope.server";
import { ForbiddenError, NotFoundError, ValidationError } from "../errors";
import type { StoredDecision } from "./decisions.server";
import { assertSeesSubsidy, canSeeSubsidy } from "./shared.server";

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
