// Operating subsidy batches: lines decided by the rules (amounts equal the rules' for every line,
// excluded facilities carry reasons), four eyes per person, provisional values block approval, payment
// once, corrections as delta lines, statements and spend, scope and roles — on PGlite and PostgreSQL,
// with the concurrency tests on PostgreSQL (PGlite is a single connection).
import { and, count, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../app/auth/session.server";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "../../app/services/errors";
import {
  approveBatch,
  batchDetail,
  batchLines,
  beginPreparation,
  facilityStatement,
  lineView,
  listBatches,
  markBatchPaid,
  paymentFile,
  paymentRows,
  prepareBatch,
  runPreparation,
  spendByMonthAndCounty,
  type StoredDecision,
} from "../../app/services/subsidy.server";
import { actorContext } from "../../app/services/users.server";
import { localParameters } from "../../app/services/pricing.server";
import { todayInShanghai } from "../../app/utils/format";
import type { Db } from "../../db/client";
import { auditEvents, localParameterValues, organisations, subsidyBatches, subsidyLines } from "../../db/schema";
import { evaluate } from "../../rules/engine/evaluate";
import { createTestDb, DB_KINDS, type TestDb } from "../db/harness";
import { makeOrganisation } from "./fixtures";
import { actor, approveReport, COUNTY, enterStandard, KG_RATE, makeFacility, OTHER, P1, P2, previousMonth, RATE, THIS_MONTH } from "./subsidy-fixtures";

async function rejects(run: () => Promise<unknown>, type: new (...args: never[]) => Error): Promise<Error> {
  try {
    await run();
  } catch (error) {
    expect(error).toBeInstanceOf(type);
    return error as Error;
  }
  throw new Error("expected a rejection");
}

async function countRows(db: Db) {
  const [b] = await db.select({ n: count() }).from(subsidyBatches);
  const [l] = await db.select({ n: count() }).from(subsidyLines);
  const [a] = await db.select({ n: count() }).from(auditEvents);
  return { batches: b?.n ?? 0, lines: l?.n ?? 0, audit: a?.n ?? 0 };
}

for (const kind of DB_KINDS) {
  describe(`operating subsidy batches (${kind})`, () => {
    let t: TestDb;
    let db: Db;
    const people = {} as Record<"reviewer" | "both" | "finance" | "finance2" | "otherFinance" | "union" | "operator" | "stranger" | "cityReviewer", Actor>;
    const ids = {} as Record<string, string>;

    beforeAll(async () => {
      t = await createTestDb(kind);
      db = t.db;
      const org = await makeOrganisation(db, COUNTY, "怀远禾苗托育有限公司");
      await db.update(organisations).set({ ownership: "private" }).where(eq(organisations.id, org));
      const publicOrg = await makeOrganisation(db, COUNTY, "怀远县机关事务中心");
      await db.update(organisations).set({ ownership: "public" }).where(eq(organisations.id, publicOrg));
      const otherOrg = await makeOrganisation(db, OTHER, "五河托育");
      people.reviewer = await actor(db, "rev", ["reviewer"], { jurisdictionCode: COUNTY });
      people.cityReviewer = await actor(db, "cityrev", ["reviewer"], { jurisdictionCode: "340300" });
      people.both = await actor(db, "both", ["reviewer", "finance_officer"], { jurisdictionCode: COUNTY });
      people.finance = await actor(db, "fin", ["finance_officer"], { jurisdictionCode: "340300" });
      people.finance2 = await actor(db, "fin2", ["finance_officer"], { jurisdictionCode: COUNTY });
      people.otherFinance = await actor(db, "fin-wh", ["finance_officer"], { jurisdictionCode: OTHER });
      people.union = await actor(db, "union", ["union_officer"], { jurisdictionCode: "340300" });
      people.operator = await actor(db, "op", ["operator"], { organisationId: org });
      people.stranger = await actor(db, "op2", ["operator"], { organisationId: otherOrg });

      // certified 40 slots, 45 children → 40 counted
      ids.capped = await makeFacility(db, org, { name: "A禾苗", slots: 60, certifiedSlots: 40, children: { [P1]: 45, [P2]: 45 } });
      // certified, 12 children
      ids.small = await makeFacility(db, org, { name: "B小星星", slots: 30, certifiedSlots: 30, children: { [P1]: 12, [P2]: 12 } });
      // public (inclusive without applying), not certified: total slots bind
      ids.public = await makeFacility(db, publicOrg, { name: "C机关托育", slots: 20, ownership: "public", children: { [P1]: 25, [P2]: 25 } });
      // not inclusive → excluded with a reason
      ids.private = await makeFacility(db, org, { name: "D民办", slots: 20, children: { [P1]: 10, [P2]: 10 } });
      // certified but no approved report → excluded, report not approved
      ids.noReport = await makeFacility(db, org, { name: "E未报", slots: 20, certifiedSlots: 20 });
      // home-based → outside the measure
      ids.home = await makeFacility(db, org, { name: "F家庭", kind: "home_based", slots: 5, certifiedSlots: 5, children: { [P1]: 4 } });
      // a draft facility and one in another county are not in the batch at all
      ids.draft = await makeFacility(db, org, { name: "G草稿", filingState: "draft", certifiedSlots: 10, children: { [P1]: 5 } });
      ids.otherCounty = await makeFacility(db, otherOrg, { name: "H五河", jurisdiction: OTHER, certifiedSlots: 10, children: { [P1]: 5 } });
      // cancelled after the period: still filed during it
      ids.cancelledLater = await makeFacility(db, org, { name: "I后注销", filingState: "cancelled", cancelledOn: `${THIS_MONTH}-01`, certifiedSlots: 10, children: { [P1]: 8 } });
      // cancelled long before: not in the batch
      ids.cancelledBefore = await makeFacility(db, org, { name: "J早注销", filingState: "cancelled", cancelledOn: "2025-02-01", certifiedSlots: 10, children: { [P1]: 8 } });
    }, 120_000);

    afterAll(async () => {
      await t?.close();
    });

    it("refuses bad input, the wrong role and the wrong jurisdiction, changing nothing", async () => {
      const before = await countRows(db);
      await rejects(() => prepareBatch(db, people.reviewer, { jurisdictionCode: COUNTY, period: "2026-13" }), ValidationError);
      await rejects(() => prepareBatch(db, people.reviewer, { jurisdictionCode: COUNTY, period: "not a month" }), ValidationError);
      const future = await rejects(() => prepareBatch(db, people.reviewer, { jurisdictionCode: COUNTY, period: THIS_MONTH }), ValidationError);
      expect((future as ValidationError).fieldErrors.period).toBe("batches.periodNotEnded");
      const outside = await rejects(() => prepareBatch(db, people.reviewer, { jurisdictionCode: OTHER, period: P1 }), ValidationError);
      expect((outside as ValidationError).fieldErrors.jurisdictionCode).toBe("user.scopeOutside");
      await rejects(() => prepareBatch(db, people.reviewer, { jurisdictionCode: "CN", period: P1 }), ValidationError);
      for (const who of [people.finance, people.union, people.operator]) await rejects(() => prepareBatch(db, who, { jurisdictionCode: COUNTY, period: P1 }), ForbiddenError);
      await rejects(() => listBatches(db, people.union), ForbiddenError);
      await rejects(() => listBatches(db, people.operator), ForbiddenError);
      expect(await countRows(db)).toEqual(before);
    });

    it("prepares a line for every facility filed in the month: amounts equal the rules', exclusions carry reasons", async () => {
      const { batchId } = await prepareBatch(db, people.reviewer, { jurisdictionCode: COUNTY, period: P1 });
      const lines = await db.select().from(subsidyLines).where(eq(subsidyLines.batchId, batchId));
      const byFacility = new Map(lines.map((l) => [l.facilityId, l]));
      expect(new Set(byFacility.keys())).toEqual(new Set([ids.capped, ids.small, ids.public, ids.private, ids.noReport, ids.home, ids.cancelledLater]));
      // demo (provisional) 蚌埠 values until the county's standard is entered: 200 元
      const demo = 20_000;
      expect(byFacility.get(ids.capped ?? "")?.amountFen).toBe(40 * demo);
      expect(byFacility.get(ids.small ?? "")?.amountFen).toBe(12 * demo);
      expect(byFacility.get(ids.public ?? "")?.amountFen).toBe(20 * demo);
      expect(byFacility.get(ids.cancelledLater ?? "")?.amountFen).toBe(8 * demo);
      expect(byFacility.get(ids.private ?? "")).toMatchObject({ payable: false, amountFen: 0, reasons: ["subsidy.inclusive"] });
      expect(byFacility.get(ids.noReport ?? "")?.payable).toBe(false);
      expect(byFacility.get(ids.noReport ?? "")?.reasons).toContain("enrolment.approved");
      expect(byFacility.get(ids.home ?? "")?.reasons).toEqual(["not_applicable.outside_subject"]);
      // every line: the rules, run again on the stored snapshot, give the stored amount
      const local = await localParameters(db);
      for (const line of lines) {
        const decision = line.decision as StoredDecision;
        const [d] = evaluate(decision.snapshot, { asOf: decision.asOf, localParameters: local, measures: ["subsidy.operating"] }).determinations;
        expect(d?.status === "eligible" ? d.amountFen : 0, line.facilityId).toBe(line.amountFen);
        expect(line.provisional).toBe(true);
      }
      const detail = await batchDetail(db, people.reviewer, batchId);
      expect(detail.batch).toMatchObject({ status: "prepared", lineCount: 7, payableCount: 4, excludedCount: 3, totalFen: (40 + 12 + 20 + 8) * demo, provisional: true });
      expect(detail.reasons.map((r) => r.reason)).toEqual(expect.arrayContaining(["subsidy.inclusive", "enrolment.approved", "not_applicable.outside_subject"]));
      const excluded = await batchLines(db, people.reviewer, batchId, { filter: "excluded" });
      expect(excluded.total).toBe(3);
      expect(excluded.lines.every((l) => l.reasons.length > 0)).toBe(true);
      const [audit] = await db.select().from(auditEvents).where(and(eq(auditEvents.action, "subsidy_batch.prepared"), eq(auditEvents.entityId, batchId)));
      expect(audit?.after).toMatchObject({ lines: 7, payable: 4 });
    });

    it("a batch resting on a provisional value cannot be approved; with the county's standard entered it can", async () => {
      const [batch] = await db.select().from(subsidyBatches).where(eq(subsidyBatches.period, P1));
      const refused = await rejects(() => approveBatch(db, people.finance, batch?.id ?? ""), ConflictError);
      expect((refused as ConflictError).messageKey).toBe("batches.provisional");
      await enterStandard(db, COUNTY, "2024-01-01", RATE, KG_RATE);
      // preparing again replaces the lines — no duplicates
      const { batchId } = await prepareBatch(db, people.both, { jurisdictionCode: COUNTY, period: P1 });
      expect(batchId).toBe(batch?.id);
      const [{ n } = { n: 0 }] = await db.select({ n: count() }).from(subsidyLines).where(eq(subsidyLines.batchId, batchId));
      expect(n).toBe(7);
      const detail = await batchDetail(db, people.finance, batchId);
      expect(detail.batch).toMatchObject({ provisional: false, totalFen: (40 + 12 + 20 + 8) * RATE, preparedBy: people.both.userId });
    });

    it("the database keeps one original line per facility-month", async () => {
      const [line] = await db.select().from(subsidyLines).where(and(eq(subsidyLines.facilityId, ids.capped ?? ""), eq(subsidyLines.period, P1)));
      if (!line) throw new Error("no line");
      const { id: _id, createdAt: _c, ...copy } = line;
      await expect(db.insert(subsidyLines).values(copy)).rejects.toThrow();
    });

    it("four eyes: whoever prepared cannot approve, whatever roles they hold; scope is checked", async () => {
      const [batch] = await db.select().from(subsidyBatches).where(eq(subsidyBatches.period, P1));
      const id = batch?.id ?? "";
      const refused = await rejects(() => approveBatch(db, people.both, id), ForbiddenError);
      expect((refused as ForbiddenError).missing).toBe("batches.fourEyes");
      await rejects(() => approveBatch(db, people.otherFinance, id), ForbiddenError);
      await rejects(() => approveBatch(db, people.reviewer, id), ForbiddenError);
      await rejects(() => batchDetail(db, people.otherFinance, id), ForbiddenError);
      await rejects(() => paymentRows(db, people.finance, id), ConflictError); // not approved yet
      // the database refuses it too
      await expect(db.update(subsidyBatches).set({ status: "approved", approvedBy: people.both.userId }).where(eq(subsidyBatches.id, id))).rejects.toThrow();
      await approveBatch(db, people.finance, id);
      await rejects(() => approveBatch(db, people.finance2, id), ConflictError);
      // nothing approved is recomputed
      await rejects(() => prepareBatch(db, people.reviewer, { jurisdictionCode: COUNTY, period: P1 }), ConflictError);
    });

    it("payment: bad input changes nothing; the payment file lists the payable lines; a paid batch is final", async () => {
      const [batch] = await db.select().from(subsidyBatches).where(eq(subsidyBatches.period, P1));
      const id = batch?.id ?? "";
      const before = await countRows(db);
      for (const input of [{ paymentReference: "", paidOn: todayInShanghai() }, { paymentReference: "PAY-1", paidOn: "2026-02-30" }, { paymentReference: "PAY-1", paidOn: "2999-01-01" }]) {
        await rejects(() => markBatchPaid(db, people.finance, id, input), ValidationError);
      }
      await rejects(() => markBatchPaid(db, people.union, id, { paymentReference: "PAY-1", paidOn: todayInShanghai() }), ForbiddenError);
      expect(await countRows(db)).toEqual(before);
      const { rows } = await paymentRows(db, people.finance, id);
      expect(rows.map((r) => r.amountFen).sort()).toEqual([12 * RATE, 20 * RATE, 40 * RATE, 8 * RATE].sort());
      expect(rows[0]).toMatchObject({ seq: 1, accountNumber: "6228480012345678", kind: "original", period: P1 });
      const csv = new TextDecoder().decode(await paymentFile(rows, "csv"));
      expect(csv.split("\r\n")[0]).toContain("银行账号 Account number");
      expect(csv).toContain(`${(40 * RATE) / 100}.00`);
      const xlsx = await paymentFile(rows, "xlsx");
      expect(Buffer.from(xlsx.slice(0, 2)).toString()).toBe("PK");
      await markBatchPaid(db, people.finance, id, { paymentReference: "HY-PAY-0001", paidOn: todayInShanghai() });
      await rejects(() => markBatchPaid(db, people.finance, id, { paymentReference: "HY-PAY-0002", paidOn: todayInShanghai() }), ConflictError);
      // paid lines are never edited (database trigger)
      await expect(db.update(subsidyLines).set({ amountFen: 1 }).where(eq(subsidyLines.batchId, id))).rejects.toThrow();
      await expect(db.delete(subsidyLines).where(eq(subsidyLines.batchId, id))).rejects.toThrow();
      await expect(db.update(subsidyBatches).set({ status: "approved" }).where(eq(subsidyBatches.id, id))).rejects.toThrow();
    });

    it("an amendment approved after payment becomes a delta line in the next batch, pointing at the original", async () => {
      await approveReport(db, ids.small ?? "", P1, 15, 2); // 12 → 15 children
      await approveReport(db, ids.noReport ?? "", P1, 10, 1); // a late report: 0 → 10 children
      const { batchId } = await prepareBatch(db, people.reviewer, { jurisdictionCode: COUNTY, period: P2 });
      const deltas = await db.select().from(subsidyLines).where(and(eq(subsidyLines.batchId, batchId), eq(subsidyLines.kind, "delta")));
      const small = deltas.find((d) => d.facilityId === ids.small);
      const late = deltas.find((d) => d.facilityId === ids.noReport);
      expect(small).toMatchObject({ period: P1, amountFen: 3 * RATE, entitledFen: 15 * RATE, payable: true });
      expect(late).toMatchObject({ period: P1, amountFen: 10 * RATE });
      expect(deltas).toHaveLength(2);
      const view = await lineView(db, people.finance, small?.id ?? "");
      expect(view.corrects?.line.amountFen).toBe(12 * RATE);
      expect(view.corrects?.batch.status).toBe("paid");
      expect(view.replayMatches).toBe(true);
      expect(view.corrects?.replay?.amountFen).toBe(12 * RATE);
      // preparing again does not add a second delta
      await prepareBatch(db, people.reviewer, { jurisdictionCode: COUNTY, period: P2 });
      const [{ n } = { n: 0 }] = await db.select({ n: count() }).from(subsidyLines).where(eq(subsidyLines.kind, "delta"));
      expect(n).toBe(2);
    });

    it("a standard entered later with an earlier effective date corrects paid months (recovery or top-up)", async () => {
      // the county revises its rate from P1's first day down to 250 元: the paid P1 lines are recovered in part
      await db.update(localParameterValues).set({ effectiveTo: `${previousMonth(P1)}-28` }).where(eq(localParameterValues.jurisdictionCode, COUNTY));
      await enterStandard(db, COUNTY, `${P1}-01`, 25_000, KG_RATE);
      const { batchId } = await prepareBatch(db, people.reviewer, { jurisdictionCode: COUNTY, period: P2 });
      const deltas = await db.select().from(subsidyLines).where(and(eq(subsidyLines.batchId, batchId), eq(subsidyLines.kind, "delta")));
      const capped = deltas.find((d) => d.facilityId === ids.capped);
      expect(capped).toMatchObject({ amountFen: 40 * (25_000 - RATE), entitledFen: 40 * 25_000 });
      const small = deltas.find((d) => d.facilityId === ids.small);
      expect(small).toMatchObject({ amountFen: 15 * 25_000 - 12 * RATE, entitledFen: 15 * 25_000 });
      const originals = await db.select().from(subsidyLines).where(and(eq(subsidyLines.batchId, batchId), eq(subsidyLines.kind, "original")));
      expect(originals.find((l) => l.facilityId === ids.capped)?.amountFen).toBe(40 * 25_000);
    });

    it("statements: the operator sees their own months with the computation; others are refused", async () => {
      const [p2] = await db.select().from(subsidyBatches).where(eq(subsidyBatches.period, P2));
      await approveBatch(db, people.finance, p2?.id ?? "");
      await markBatchPaid(db, people.finance, p2?.id ?? "", { paymentReference: "HY-PAY-0002", paidOn: todayInShanghai() });
      const statement = await facilityStatement(db, people.operator, ids.small ?? "");
      const original = statement.lines.find((l) => l.period === P1 && l.kind === "original");
      expect(original).toMatchObject({ amountFen: 12 * RATE, countedChildren: 12, rateFen: RATE, paymentReference: "HY-PAY-0001", batchStatus: "paid" });
      // the P2 batch was prepared again after the revised standard: one delta for the month, net of both causes
      expect(statement.lines.filter((l) => l.period === P1 && l.kind === "delta").map((l) => l.amountFen)).toEqual([15 * 25_000 - 12 * RATE]);
      expect(statement.paidFen).toBe(15 * 25_000 + 12 * 25_000);
      await rejects(() => facilityStatement(db, people.stranger, ids.small ?? ""), ForbiddenError);
      await rejects(() => facilityStatement(db, people.union, ids.small ?? ""), ForbiddenError);
      await rejects(() => facilityStatement(db, people.otherFinance, ids.small ?? ""), ForbiddenError);
      await rejects(() => facilityStatement(db, people.operator, "not-an-id"), NotFoundError);
      expect((await facilityStatement(db, people.finance, ids.small ?? "")).lines.length).toBe(statement.lines.length);
    });

    it("spend by month and county, within the officer's jurisdiction", async () => {
      const year = Number(P1.slice(0, 4));
      const rows = await spendByMonthAndCounty(db, people.finance, year);
      const total = rows.filter((r) => r.jurisdictionCode === COUNTY).reduce((s, r) => s + r.paidFen, 0);
      const [sum] = await db
        .select({ s: sql<string>`sum(${subsidyLines.amountFen})` })
        .from(subsidyLines)
        .innerJoin(subsidyBatches, eq(subsidyBatches.id, subsidyLines.batchId))
        .where(and(eq(subsidyLines.payable, true), eq(subsidyBatches.status, "paid"), sql`${subsidyLines.period} LIKE ${`${year}-%`}`));
      expect(total).toBe(Number(sum?.s ?? 0));
      expect(await spendByMonthAndCounty(db, people.otherFinance, year)).toEqual([]);
      await rejects(() => spendByMonthAndCounty(db, people.finance, 1900), ValidationError);
      await rejects(() => spendByMonthAndCounty(db, people.union, year), ForbiddenError);
    });

    it("an older preparation run stops when the batch is prepared again", async () => {
      const period = previousMonth(THIS_MONTH, 3);
      const first = await beginPreparation(db, people.reviewer, { jurisdictionCode: COUNTY, period });
      const second = await beginPreparation(db, people.reviewer, { jurisdictionCode: COUNTY, period });
      expect(second.batchId).toBe(first.batchId);
      await expect(runPreparation(db, actorContext(people.reviewer), first.batchId, first.token)).rejects.toThrow(/superseded/);
      await runPreparation(db, actorContext(people.reviewer), second.batchId, second.token);
      const [batch] = await db.select().from(subsidyBatches).where(eq(subsidyBatches.id, first.batchId));
      expect(batch?.status).toBe("prepared");
    });

    if (kind === "postgres") {
      it("PostgreSQL: concurrent preparations give one batch and one line per facility", async () => {
        const period = previousMonth(THIS_MONTH, 4);
        const results = await Promise.allSettled(Array.from({ length: 4 }, () => prepareBatch(db, people.reviewer, { jurisdictionCode: COUNTY, period })));
        const ok = results.filter((r) => r.status === "fulfilled");
        expect(ok.length).toBeGreaterThanOrEqual(1);
        for (const r of results) if (r.status === "rejected") expect(String(r.reason)).toMatch(/superseded/);
        const batches = await db.select().from(subsidyBatches).where(eq(subsidyBatches.period, period));
        expect(batches).toHaveLength(1);
        expect(batches[0]?.status).toBe("prepared");
        const rows = await db.select({ facilityId: subsidyLines.facilityId }).from(subsidyLines).where(eq(subsidyLines.period, period));
        expect(new Set(rows.map((r) => r.facilityId)).size).toBe(rows.length);
        expect(rows.length).toBe(batches[0]?.lineCount);
      });

      it("PostgreSQL: concurrent approvals and payments happen once", async () => {
        const period = previousMonth(THIS_MONTH, 4);
        const [batch] = await db.select().from(subsidyBatches).where(eq(subsidyBatches.period, period));
        const id = batch?.id ?? "";
        const approvals = await Promise.allSettled([approveBatch(db, people.finance, id), approveBatch(db, people.finance2, id), approveBatch(db, people.finance, id)]);
        expect(approvals.filter((r) => r.status === "fulfilled")).toHaveLength(1);
        for (const r of approvals) if (r.status === "rejected") expect(r.reason).toBeInstanceOf(ConflictError);
        const today = todayInShanghai();
        const payments = await Promise.allSettled(["P-A", "P-B", "P-C"].map((ref) => markBatchPaid(db, people.finance, id, { paymentReference: ref, paidOn: today })));
        expect(payments.filter((r) => r.status === "fulfilled")).toHaveLength(1);
        const events = await db.select().from(auditEvents).where(and(eq(auditEvents.entityId, id), eq(auditEvents.action, "subsidy_batch.paid")));
        expect(events).toHaveLength(1);
        // and a concurrent re-preparation of a paid batch is refused rather than duplicating anything
        const again = await Promise.allSettled([prepareBatch(db, people.reviewer, { jurisdictionCode: COUNTY, period }), prepareBatch(db, people.reviewer, { jurisdictionCode: COUNTY, period })]);
        for (const r of again) expect(r.status).toBe("rejected");
      });
    }
  });
}
