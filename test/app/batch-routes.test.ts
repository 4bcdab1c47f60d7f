// The subsidy batch pages called as Remix calls them (real Requests with a session cookie): every loader
// and action refuses the wrong role (operator, union officer, price officer → 403) and the wrong
// jurisdiction (a 五河县 finance officer on a 怀远县 batch → 403), unknown ids are 404; preparing runs in
// the background while the page shows progress; four eyes through the action; bad payment input is a
// 400 with field errors that changes nothing; the payment file's type, name and documented header row;
// statements and corrections — on PGlite and, with DATABASE_URL, on PostgreSQL.
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as financeHome from "../../app/routes/finance._index";
import * as batchPage from "../../app/routes/finance.batches.$batchId";
import * as lineRoute from "../../app/routes/finance.batches.$batchId_.lines.$lineId";
import * as paymentRoute from "../../app/routes/finance.batches.$batchId_.payment";
import * as summaryRoute from "../../app/routes/finance.batches.$batchId_.summary";
import * as statementRoute from "../../app/routes/operator.facilities.$facilityId.subsidy";
import { beginPreparation, PAYMENT_COLUMNS, paymentFile, type PaymentRow } from "../../app/services/subsidy.server";
import { login } from "../../app/services/users.server";
import { auditEvents, organisations, subsidyBatches, subsidyLines } from "../../db/schema";
import { createTestDb, DB_KINDS, type TestDb } from "../db/harness";
import { browserRequest, makeOrganisation, makeUser, PASSWORD } from "./fixtures";
import { closeAppDbQuietly, useAsAppDb } from "./route-helpers";
import { actor, approveReport, COUNTY, enterStandard, KG_RATE, makeFacility, OTHER, P1, P2, previousMonth, RATE, THIS_MONTH } from "./subsidy-fixtures";

type Outcome = { status: number; body: unknown; response: Response | null };

function isDataWithInit(value: unknown): value is { type: "DataWithResponseInit"; data: unknown; init: { status?: number } | null } {
  return typeof value === "object" && value !== null && "type" in value && value.type === "DataWithResponseInit";
}

/** A loader's or action's result — returned or thrown — as a status and a body. */
async function outcome(run: () => unknown): Promise<Outcome> {
  let value: unknown;
  try {
    value = await run();
  } catch (error) {
    if (error instanceof Error) throw error;
    value = error;
  }
  if (value instanceof Response) return { status: value.status, body: null, response: value };
  if (isDataWithInit(value)) return { status: value.init?.status ?? 200, body: value.data, response: null };
  return { status: 200, body: value, response: null };
}

const UNKNOWN = "00000000-0000-4000-8000-000000000000";

describe("the payment file's cells", () => {
  it("keeps a recovery's negative amount a number and neutralises text a spreadsheet would run as a formula", async () => {
    const row: PaymentRow = {
      seq: 1,
      batch: "340321-2026-02",
      lineId: UNKNOWN,
      county: "340321",
      period: "2026-01",
      kind: "recovery",
      corrects: UNKNOWN,
      facility: "=HYPERLINK(\"http://x\")",
      receipt: "340321-2025-00001",
      accountName: "+户名",
      bank: "@银行",
      accountNumber: "6228480012345678",
      amountYuan: "-600.00",
      amountFen: -60_000,
    };
    const csv = new TextDecoder().decode(await paymentFile([row], "csv"));
    const cells = csv.replace(/^\uFEFF/, "").split("\r\n")[1]?.split(",") ?? [];
    expect(cells.slice(-2)).toEqual(["-600.00", "-60000"]);
    expect(csv).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(cells).toContain("'+户名");
    expect(cells).toContain("'@银行");
    expect(cells).toContain("6228480012345678");
  });
});

for (const kind of DB_KINDS) {
  describe(`subsidy batch routes (${kind})`, () => {
    let t: TestDb;
    const sessions: Record<string, string> = {};
    const ids: Record<string, string> = {};

    function request(path: string, who: string | null, form?: Record<string, string>): Request {
      const headers = new Headers({ "user-agent": "vitest", "x-tuoyu-client-ip": "203.0.113.30" });
      const session = who ? sessions[who] : undefined;
      if (session) headers.set("cookie", `tuoyu_session=${session}`);
      if (!form) return new Request(`http://localhost:3000${path}`, { headers });
      headers.set("origin", "http://localhost:3000");
      return new Request(`http://localhost:3000${path}`, { method: "POST", headers, body: new URLSearchParams(form) });
    }
    const call = (fn: (a: never) => unknown, path: string, who: string | null, params: Record<string, string> = {}, form?: Record<string, string>) =>
      outcome(() => fn({ request: request(path, who, form), params, context: {} } as never));

    const home = (who: string, query = "") => call(financeHome.loader, `/finance${query}`, who);
    const prepare = (who: string, form: Record<string, string>) => call(financeHome.action, "/finance", who, {}, { intent: "prepare", ...form });
    const page = (who: string, batchId: string, query = "") => call(batchPage.loader, `/finance/batches/${batchId}${query}`, who, { batchId });
    const act = (who: string, batchId: string, form: Record<string, string>) => call(batchPage.action, `/finance/batches/${batchId}`, who, { batchId }, form);
    const line = (who: string, batchId: string, lineId: string) => call(lineRoute.loader, `/finance/batches/${batchId}/lines/${lineId}`, who, { batchId, lineId });
    const payment = (who: string, batchId: string, format = "csv") => call(paymentRoute.loader, `/finance/batches/${batchId}/payment?format=${format}`, who, { batchId });
    const summary = (who: string, batchId: string) => call(summaryRoute.loader, `/finance/batches/${batchId}/summary`, who, { batchId });
    const statement = (who: string, facilityId: string) => call(statementRoute.loader, `/operator/facilities/${facilityId}/subsidy`, who, { facilityId });

    async function batchRow(id: string) {
      const [row] = await t.db.select().from(subsidyBatches).where(eq(subsidyBatches.id, id));
      if (!row) throw new Error("no batch");
      return row;
    }

    /** The preparation runs in the background after the redirect: wait until the batch is prepared. */
    async function preparedBatch(id: string) {
      for (let i = 0; i < 600; i += 1) {
        const row = await batchRow(id);
        if (row.status === "prepared") return row;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error("the batch was not prepared in time");
    }

    function batchIdOf(o: Outcome): string {
      expect(o.status).toBe(302);
      const location = o.response?.headers.get("location") ?? "";
      const id = /\/finance\/batches\/([0-9a-f-]{36})\?flash=started$/.exec(location)?.[1];
      if (!id) throw new Error(`unexpected redirect ${location}`);
      return id;
    }

    async function auditCount(): Promise<number> {
      const [row] = await t.db.select({ n: count() }).from(auditEvents);
      return Number(row?.n ?? 0);
    }

    beforeAll(async () => {
      t = await createTestDb(kind);
      await useAsAppDb(t);
      const db = t.db;
      const org = await makeOrganisation(db, COUNTY, "怀远禾苗托育有限公司");
      await db.update(organisations).set({ ownership: "private" }).where(eq(organisations.id, org));
      const otherOrg = await makeOrganisation(db, OTHER, "五河托育");
      await actor(db, "rev", ["reviewer"], { jurisdictionCode: COUNTY });
      await actor(db, "both", ["reviewer", "finance_officer"], { jurisdictionCode: COUNTY });
      await actor(db, "fin", ["finance_officer"], { jurisdictionCode: "340300" });
      await actor(db, "fin-wh", ["finance_officer"], { jurisdictionCode: OTHER });
      await actor(db, "rev-wh", ["reviewer"], { jurisdictionCode: OTHER });
      await makeUser(db, { username: "union", roles: ["union_officer"], jurisdictionCode: "340300" });
      await makeUser(db, { username: "price", roles: ["price_officer"], jurisdictionCode: "340300" });
      await makeUser(db, { username: "op", roles: ["operator"], organisationId: org });
      await makeUser(db, { username: "op-wh", roles: ["operator"], organisationId: otherOrg });
      for (const name of ["rev", "both", "fin", "fin-wh", "rev-wh", "union", "price", "op", "op-wh"]) {
        const r = await login(db, browserRequest(), { username: name, password: PASSWORD });
        if (!r.ok) throw new Error(`login ${name}`);
        sessions[name] = r.sessionId;
      }
      ids.capped = await makeFacility(db, org, { name: "A禾苗", slots: 60, certifiedSlots: 40, children: { [P1]: 45, [P2]: 45 } });
      ids.small = await makeFacility(db, org, { name: "B小星星", slots: 30, certifiedSlots: 30, children: { [P1]: 12, [P2]: 12 } });
      ids.private = await makeFacility(db, org, { name: "D民办", slots: 20, children: { [P1]: 10 } });
      await makeFacility(db, otherOrg, { name: "H五河", jurisdiction: OTHER, certifiedSlots: 10, children: { [P1]: 5 } });
      await enterStandard(db, COUNTY, "2024-01-01", RATE, KG_RATE);
    }, 120_000);

    afterAll(async () => {
      await closeAppDbQuietly();
      await t?.close();
    });

    it("the finance home: reviewers and finance officers in scope see it; operators, union and price officers are refused", async () => {
      for (const who of ["rev", "fin", "both", "fin-wh"]) expect((await home(who)).status, who).toBe(200);
      for (const who of ["op", "union", "price"]) expect((await home(who)).status, who).toBe(403);
      const asReviewer = (await home("rev")).body as { canPrepare: boolean; jurisdictions: Array<{ code: string }> };
      expect(asReviewer.canPrepare).toBe(true);
      expect(asReviewer.jurisdictions.map((j) => j.code)).toEqual([COUNTY]);
      const asFinance = (await home("fin")).body as { canPrepare: boolean; jurisdictions: unknown[] };
      expect(asFinance).toMatchObject({ canPrepare: false, jurisdictions: [] });
      // a malformed year is said, not a server error
      const badYear = await home("fin", "?year=abc");
      expect(badYear.status).toBe(200);
      expect(badYear.body).toMatchObject({ yearInvalid: true });
    });

    it("preparing refuses bad input with field errors and the wrong role, creating nothing", async () => {
      const before = await t.db.select({ n: count() }).from(subsidyBatches);
      const bad = await prepare("rev", { jurisdictionCode: COUNTY, period: "2026-13" });
      expect(bad.status).toBe(400);
      expect(bad.body).toMatchObject({ fieldErrors: { period: "batches.periodInvalid" } });
      const empty = await prepare("rev", { jurisdictionCode: "", period: "" });
      expect(empty.status).toBe(400);
      expect(empty.body).toMatchObject({ fieldErrors: { jurisdictionCode: "batches.jurisdictionRequired", period: "batches.periodInvalid" } });
      expect((await prepare("rev", { jurisdictionCode: COUNTY, period: THIS_MONTH })).body).toMatchObject({ fieldErrors: { period: "batches.periodNotEnded" } });
      expect((await prepare("rev", { jurisdictionCode: OTHER, period: P1 })).body).toMatchObject({ fieldErrors: { jurisdictionCode: "user.scopeOutside" } });
      for (const who of ["fin", "union", "price", "op"]) expect((await prepare(who, { jurisdictionCode: COUNTY, period: P1 })).status, who).toBe(403);
      expect(await t.db.select({ n: count() }).from(subsidyBatches)).toEqual(before);
    });

    it("the page shows a preparation's progress, and an interrupted one with 'prepare again'", async () => {
      const period = previousMonth(THIS_MONTH, 3);
      // begun but not run: what the page shows while the lines are computed
      const { batchId } = await beginPreparation(t.db, await actor(t.db, "rev2", ["reviewer"], { jurisdictionCode: COUNTY }), { jurisdictionCode: COUNTY, period });
      const preparing = await page("rev", batchId);
      expect(preparing.status).toBe(200);
      expect(preparing.body).toMatchObject({ batch: { status: "preparing", interrupted: false, progressDone: 0 }, lines: null });
      // no progress for more than five minutes: interrupted
      await t.db
        .update(subsidyBatches)
        .set({ updatedAt: new Date(Date.now() - 6 * 60_000) })
        .where(eq(subsidyBatches.id, batchId));
      expect((await page("fin", batchId)).body).toMatchObject({ batch: { status: "preparing", interrupted: true }, viewer: { canPrepare: false } });
      expect((await page("rev", batchId)).body).toMatchObject({ batch: { interrupted: true }, viewer: { canPrepare: true } });
      // a finance officer cannot prepare it again; the reviewer can
      expect((await act("fin", batchId, { intent: "prepare" })).status).toBe(403);
      expect(batchIdOf(await act("rev", batchId, { intent: "prepare" }))).toBe(batchId);
      const row = await preparedBatch(batchId);
      expect(row.lineCount).toBe(3);
    });

    it("prepares through the form: redirects to the batch page at once, the lines are computed in the background", async () => {
      const batchId = batchIdOf(await prepare("both", { jurisdictionCode: COUNTY, period: P1 }));
      ids.batch = batchId;
      const row = await preparedBatch(batchId);
      expect(row).toMatchObject({ lineCount: 3, payableCount: 2, excludedCount: 1, totalFen: (40 + 12) * RATE, provisional: false });
      const view = await page("rev", batchId);
      expect(view.status).toBe(200);
      const body = view.body as Awaited<ReturnType<typeof batchPage.loader>>;
      expect(body.batch).toMatchObject({ status: "prepared", preparedBy: "both" });
      expect(body.reasons).toEqual([{ reason: "subsidy.inclusive", count: 1 }]);
      expect(body.lines?.items.map((l) => l.facilityName)).toEqual(["A禾苗", "B小星星", "D民办"]);
      // account numbers reach the page masked
      expect(body.lines?.items[0]?.accountMasked).toBe("************5678");
      expect(JSON.stringify(body)).not.toContain("6228480012345678");
      const excluded = (await page("rev", batchId, "?filter=excluded")).body as typeof body;
      expect(excluded.lines?.items.map((l) => [l.facilityName, l.reasons])).toEqual([["D民办", ["subsidy.inclusive"]]]);
      const search = (await page("rev", batchId, "?q=小星")).body as typeof body;
      expect(search.lines?.items.map((l) => l.facilityName)).toEqual(["B小星星"]);
    });

    it("every batch page refuses the wrong role and the wrong jurisdiction; unknown ids are not found", async () => {
      const batchId = ids.batch ?? "";
      const [first] = await t.db.select().from(subsidyLines).where(eq(subsidyLines.batchId, batchId));
      const lineId = first?.id ?? "";
      for (const who of ["rev", "fin", "both"]) {
        expect((await page(who, batchId)).status, who).toBe(200);
        expect((await line(who, batchId, lineId)).status, who).toBe(200);
        expect((await summary(who, batchId)).status, who).toBe(200);
      }
      for (const who of ["op", "union", "price", "fin-wh", "rev-wh"]) {
        expect((await page(who, batchId)).status, who).toBe(403);
        expect((await line(who, batchId, lineId)).status, who).toBe(403);
        expect((await summary(who, batchId)).status, who).toBe(403);
        expect((await payment(who, batchId)).status, who).toBe(403);
        for (const intent of ["approve", "prepare"]) expect((await act(who, batchId, { intent })).status, `${who} ${intent}`).toBe(403);
        expect((await act(who, batchId, { intent: "paid", paymentReference: "X-1", paidOn: P2 + "-01" })).status, who).toBe(403);
      }
      // a reviewer sees the batch but neither approves, pays nor downloads the bank file
      expect((await act("rev", batchId, { intent: "approve" })).status).toBe(403);
      expect((await payment("rev", batchId)).status).toBe(403);
      for (const [name, run] of [
        ["page", () => page("fin", UNKNOWN)],
        ["page, not an id", () => page("fin", "not-an-id")],
        ["line", () => line("fin", batchId, UNKNOWN)],
        ["line of another batch", () => line("fin", UNKNOWN, lineId)],
        ["summary", () => summary("fin", UNKNOWN)],
        ["payment", () => payment("fin", UNKNOWN)],
        ["approve", () => act("fin", UNKNOWN, { intent: "approve" })],
        ["statement", () => statement("op", UNKNOWN)],
      ] as const) {
        expect((await run()).status, name).toBe(404);
      }
      // before approval there is no payment file
      expect((await payment("fin", batchId)).status).toBe(409);
    });

    it("four eyes through the action: whoever prepared the batch is refused its approval, whatever roles they hold", async () => {
      const batchId = ids.batch ?? "";
      const before = await auditCount();
      const refused = await act("both", batchId, { intent: "approve" });
      expect(refused.status).toBe(403);
      expect(refused.body).toMatchObject({ ok: false, formError: "batches.fourEyes" });
      expect((await batchRow(batchId)).status).toBe("prepared");
      expect(await auditCount()).toBe(before);
      const approved = await act("fin", batchId, { intent: "approve" });
      expect(approved.status).toBe(302);
      expect(approved.response?.headers.get("location")).toBe(`/finance/batches/${batchId}?flash=approved`);
      expect(await batchRow(batchId)).toMatchObject({ status: "approved" });
      // approved: nothing is recomputed, and approving again is a conflict said on the page
      expect((await act("rev", batchId, { intent: "prepare" })).body).toMatchObject({ formError: "batches.alreadyApproved" });
      expect((await act("fin", batchId, { intent: "approve" })).status).toBe(409);
    });

    it("the payment file: CSV and XLSX with the right type, an attachment name and the documented header row", async () => {
      const batchId = ids.batch ?? "";
      const csv = await payment("fin", batchId);
      expect(csv.status).toBe(200);
      expect(csv.response?.headers.get("content-type")).toBe("text/csv; charset=utf-8");
      expect(csv.response?.headers.get("content-disposition")).toBe(`attachment; filename="subsidy-${COUNTY}-${P1}.csv"`);
      const text = await csv.response?.text();
      const [header, ...rows] = (text ?? "").replace(/^\uFEFF/, "").trimEnd().split("\r\n");
      expect(header).toBe(PAYMENT_COLUMNS.map((c) => `${c.zh} ${c.en}`).join(","));
      expect(header?.startsWith("序号 No.,批次号 Batch,明细编号 Line ID,区县代码 County code")).toBe(true);
      expect(rows).toHaveLength(2);
      expect(rows.every((r) => r.includes("6228480012345678"))).toBe(true);
      const xlsx = await payment("both", batchId, "xlsx");
      expect(xlsx.status).toBe(200);
      expect(xlsx.response?.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
      expect(xlsx.response?.headers.get("content-disposition")).toBe(`attachment; filename="subsidy-${COUNTY}-${P1}.xlsx"`);
      const bytes = new Uint8Array(await (xlsx.response as Response).arrayBuffer());
      expect(String.fromCharCode(bytes[0] ?? 0, bytes[1] ?? 0)).toBe("PK");
    });

    it("marking paid with bad input is a 400 with field errors and changes nothing", async () => {
      const batchId = ids.batch ?? "";
      const before = { audit: await auditCount(), batch: await batchRow(batchId) };
      const cases: Array<[Record<string, string>, Record<string, string>]> = [
        [{ paymentReference: "", paidOn: "" }, { paymentReference: "batches.referenceRequired", paidOn: "batches.dateInvalid" }],
        [{ paymentReference: "HY-1", paidOn: "2026-02-30" }, { paidOn: "batches.dateInvalid" }],
        [{ paymentReference: "HY-1", paidOn: "2999-01-01" }, { paidOn: "batches.paidInFuture" }],
        [{ paymentReference: "x".repeat(101), paidOn: `${P2}-01` }, { paymentReference: "batches.referenceTooLong" }],
      ];
      for (const [form, fieldErrors] of cases) {
        const o = await act("fin", batchId, { intent: "paid", ...form });
        expect(o.status, JSON.stringify(form)).toBe(400);
        expect((o.body as { fieldErrors: Record<string, string> }).fieldErrors).toEqual(fieldErrors);
      }
      expect((await act("rev", batchId, { intent: "paid", paymentReference: "HY-1", paidOn: `${P2}-01` })).status).toBe(403);
      expect(await auditCount()).toBe(before.audit);
      expect(await batchRow(batchId)).toEqual(before.batch);
    });

    it("marking paid records the payment; the operator's statement shows it; others are refused the statement", async () => {
      const batchId = ids.batch ?? "";
      const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(new Date());
      const paid = await act("fin", batchId, { intent: "paid", paymentReference: "HY-PAY-0001", paidOn: today });
      expect(paid.status).toBe(302);
      expect(await batchRow(batchId)).toMatchObject({ status: "paid", paymentReference: "HY-PAY-0001", paidOn: today });
      expect((await act("fin", batchId, { intent: "paid", paymentReference: "HY-PAY-0002", paidOn: today })).status).toBe(409);
      const own = await statement("op", ids.small ?? "");
      expect(own.status).toBe(200);
      const body = own.body as Awaited<ReturnType<typeof statementRoute.loader>>;
      expect(body.isOwner).toBe(true);
      expect(body.paidFen).toBe(12 * RATE);
      expect(body.lines[0]).toMatchObject({ period: P1, kind: "original", amountFen: 12 * RATE, countedChildren: 12, rateFen: RATE, slotsSource: "certifiedSlots", paymentReference: "HY-PAY-0001", batchStatus: "paid" });
      // the clause: B§7, and the county standard the rate came from
      expect(body.legalBasis[0]?.clause).toBe("三、第7条");
      expect(body.lines[0]?.rateReference).toEqual({ document: "怀远县普惠托育机构运营补贴实施办法", clause: "第五条" });
      for (const who of ["rev", "fin"]) expect((await statement(who, ids.small ?? "")).status, who).toBe(200);
      for (const who of ["op-wh", "union", "price", "fin-wh", "rev-wh"]) expect((await statement(who, ids.small ?? "")).status, who).toBe(403);
      expect((await statement("op", "not-an-id")).status).toBe(404);
      // paid: spend shows it
      const spend = (await home("fin", `?year=${P1.slice(0, 4)}`)).body as { spend: Array<{ period: string; paidFen: number }> };
      expect(spend.spend.filter((r) => r.period === P1).reduce((s, r) => s + r.paidFen, 0)).toBe((40 + 12) * RATE);
    });

    it("an amendment approved after payment becomes a correction line in the next batch, both decisions viewable", async () => {
      await approveReport(t.db, ids.small ?? "", P1, 15, 2);
      const batchId = batchIdOf(await prepare("rev", { jurisdictionCode: COUNTY, period: P2 }));
      await preparedBatch(batchId);
      const deltas = (await page("fin", batchId, "?filter=delta")).body as Awaited<ReturnType<typeof batchPage.loader>>;
      expect(deltas.deltas).toEqual({ count: 1, topUpFen: 3 * RATE, recoveryFen: 0 });
      expect(deltas.lines?.items).toHaveLength(1);
      const delta = deltas.lines?.items[0];
      expect(delta).toMatchObject({ facilityName: "B小星星", period: P1, kind: "delta", amountFen: 3 * RATE });
      const view = await line("fin", batchId, delta?.id ?? "");
      expect(view.status).toBe(200);
      const body = view.body as Awaited<ReturnType<typeof lineRoute.loader>>;
      expect(body.replayMatches).toBe(true);
      expect(body.line).toMatchObject({ kind: "delta", amountFen: 3 * RATE, entitledFen: 15 * RATE, details: { children: 15, countedChildren: 15, rateFen: RATE } });
      expect(body.corrects?.line).toMatchObject({ kind: "original", amountFen: 12 * RATE, batch: { id: ids.batch, status: "paid" } });
      expect(body.corrects?.replayMatches).toBe(true);
      expect(body.titles["subsidy.inclusive"]?.zh).toContain("普惠");
    });
  });
}
