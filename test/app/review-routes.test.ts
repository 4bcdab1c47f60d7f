// The reviewer's pages, the document download and the public directory, called as Remix would call
// them: real Requests with a session cookie, against a PGlite database made the app's database.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { closeAppDb, setAppDb } from "../../db/client";
import { addDays } from "../../rules/engine/dates";
import { auditEvents, documents, facilities, filings, staffMembers } from "../../db/schema";
import type { Actor } from "../../app/auth/session.server";
import { login } from "../../app/services/users.server";
import { submitFiling } from "../../app/services/filing.server";
import { defaultStorage } from "../../app/services/storage.server";
import { todayInShanghai } from "../../app/utils/format";
import * as queueRoute from "../../app/routes/review._index";
import * as filingRoute from "../../app/routes/review.filings.$filingId";
import * as documentRoute from "../../app/routes/documents.$documentId";
import * as directoryRoute from "../../app/routes/directory._index";
import * as directoryEntryRoute from "../../app/routes/directory.$facilityId";
import { createTestDb, type TestDb } from "../db/harness";
import { actorFor, browserRequest, makeOrganisation, makeUser, PASSWORD } from "./fixtures";
import { completeFacility, idNumber, pdf } from "./filing-fixtures";

type Outcome = { status: number; body: unknown; response: Response | null };

function isDataWithInit(value: unknown): value is { type: "DataWithResponseInit"; data: unknown; init: { status?: number } | null } {
  return typeof value === "object" && value !== null && "type" in value && value.type === "DataWithResponseInit";
}

/** A loader's or action's result — returned or thrown — as a status and a body. */
async function outcome(run: () => Promise<unknown>): Promise<Outcome> {
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

function request(path: string, sessionId: string | null, form?: Record<string, string>): Request {
  const headers = new Headers({ "user-agent": "vitest", "x-tuoyu-client-ip": "203.0.113.20" });
  if (sessionId) headers.set("cookie", `tuoyu_session=${sessionId}`);
  if (!form) return new Request(`http://localhost:3000${path}`, { headers });
  const body = new FormData();
  for (const [k, v] of Object.entries(form)) body.set(k, v);
  headers.set("origin", "http://localhost:3000");
  return new Request(`http://localhost:3000${path}`, { method: "POST", headers, body });
}

describe("review routes, document download and the public directory", () => {
  let t: TestDb;
  const sessions: Record<string, string> = {};
  let operator: Actor;
  let facilityId: string;
  let filingId: string;
  let documentId: string;

  async function signIn(username: string): Promise<string> {
    const r = await login(t.db, browserRequest(), { username, password: PASSWORD });
    if (!r.ok) throw new Error(`login ${username}`);
    return r.sessionId;
  }

  const queue = (who: string) => outcome(() => queueRoute.loader({ request: request("/review", sessions[who] ?? null), params: {}, context: {} }));
  const filingPage = (who: string, id = filingId) =>
    outcome(() => filingRoute.loader({ request: request(`/review/filings/${id}`, sessions[who] ?? null), params: { filingId: id }, context: {} }));
  const post = (who: string, form: Record<string, string>, id = filingId) =>
    outcome(() => filingRoute.action({ request: request(`/review/filings/${id}`, sessions[who] ?? null, form), params: { filingId: id }, context: {} }));
  const download = (who: string | null, id = documentId) =>
    outcome(() => documentRoute.loader({ request: request(`/documents/${id}`, who ? (sessions[who] ?? null) : null), params: { documentId: id }, context: {} }));
  const directory = (query = "") => outcome(() => directoryRoute.loader({ request: request(`/directory${query}`, null), params: {}, context: {} }));

  async function filingStatus(): Promise<string | undefined> {
    const [row] = await t.db.select({ status: filings.status }).from(filings).where(eq(filings.id, filingId));
    return row?.status;
  }

  beforeAll(async () => {
    t = await createTestDb("pglite");
    await setAppDb(async () => t);
    const org = await makeOrganisation(t.db, "340321", "怀远县禾苗托育服务有限公司");
    await makeUser(t.db, { username: "op", roles: ["operator"], organisationId: org });
    await makeUser(t.db, { username: "hy", roles: ["reviewer"], jurisdictionCode: "340321" });
    await makeUser(t.db, { username: "wh", roles: ["reviewer"], jurisdictionCode: "340322" });
    await makeUser(t.db, { username: "bb", roles: ["reviewer"], jurisdictionCode: "340300" });
    for (const u of ["op", "hy", "wh", "bb"]) sessions[u] = await signIn(u);
    operator = await actorFor(t.db, sessions.op ?? "");
    facilityId = await completeFacility(t.db, operator);
    // the fixtures store files in their own directory; the route reads the app's default storage
    await defaultStorage().put(pdf("business_license").bytes);
    const [doc] = await t.db.select().from(documents).where(and(eq(documents.facilityId, facilityId), eq(documents.kind, "business_license")));
    documentId = doc?.id ?? "";
    filingId = await submitFiling(t.db, operator, facilityId, {});
  }, 120_000);

  afterAll(async () => {
    // closes the test database too
    await closeAppDb();
  });

  it("the 怀远县 reviewer sees the filing in the queue and opens it", async () => {
    const q = await queue("hy");
    expect(q.status).toBe(200);
    const body = q.body as Awaited<ReturnType<typeof queueRoute.loader>>;
    expect(body.queue.map((r) => r.filingId)).toEqual([filingId]);
    expect(body.queue[0]).toMatchObject({ facilityName: "禾苗托育中心", jurisdictionCode: "340321", kind: "initial", overdue: false, checklistClear: true });
    const page = await filingPage("hy");
    expect(page.status).toBe(200);
    const data = page.body as Awaited<ReturnType<typeof filingRoute.loader>>;
    expect(data.filing.status).toBe("submitted");
    expect(data.filing.evaluation.determinations.map((d) => d.measure)).toEqual(["filing.complete", "staffing.compliant"]);
    expect(data.snapshot.facility.totalSlots).toBe(60);
    expect(data.documents.length).toBeGreaterThanOrEqual(4);
    // the roster is masked: no full ID number anywhere in what the page receives
    expect(data.staff).toHaveLength(10);
    expect(JSON.stringify(data)).not.toContain(idNumber(1));
    expect(data.staff[0]?.idNumberMasked).toMatch(/^3403\*+\d{3}[\dX]$/);
  });

  it("the desk lists proofs expiring within 30 days in the jurisdiction only", async () => {
    const [first] = await t.db.select({ id: staffMembers.id, name: staffMembers.name }).from(staffMembers).where(eq(staffMembers.facilityId, facilityId)).limit(1);
    const soon = addDays(todayInShanghai(), 10);
    await t.db.update(staffMembers).set({ healthCertificateValidUntil: soon }).where(eq(staffMembers.id, first?.id ?? ""));
    try {
      const hy = (await queue("hy")).body as Awaited<ReturnType<typeof queueRoute.loader>>;
      expect(hy.expiring).toEqual([expect.objectContaining({ facilityId, staffId: first?.id, staffName: first?.name, what: "health_certificate", validUntil: soon })]);
      const wh = (await queue("wh")).body as Awaited<ReturnType<typeof queueRoute.loader>>;
      expect(wh.expiring).toEqual([]);
    } finally {
      await t.db.update(staffMembers).set({ healthCertificateValidUntil: "2027-12-31" }).where(eq(staffMembers.id, first?.id ?? ""));
    }
  });

  it("a city (蚌埠市) reviewer sees the 怀远县 filing too", async () => {
    const q = await queue("bb");
    expect((q.body as Awaited<ReturnType<typeof queueRoute.loader>>).queue.map((r) => r.filingId)).toEqual([filingId]);
    expect((await filingPage("bb")).status).toBe(200);
  });

  it("a 五河县 reviewer gets an empty queue and 403 on the filing, its documents and its decision", async () => {
    const q = await queue("wh");
    expect(q.status).toBe(200);
    expect((q.body as Awaited<ReturnType<typeof queueRoute.loader>>).queue).toEqual([]);
    expect((await filingPage("wh")).status).toBe(403);
    expect((await download("wh")).status).toBe(403);
    const accept = await post("wh", { intent: "accept" });
    expect(accept.status).toBe(403);
    expect((await post("wh", { intent: "return", "reasons.0.item": "general", "reasons.0.reason": "不在本辖区" })).status).toBe(403);
    const [staff] = await t.db.select({ id: staffMembers.id }).from(staffMembers).where(eq(staffMembers.facilityId, facilityId));
    expect((await post("wh", { intent: "reveal", staffId: staff?.id ?? "" })).status).toBe(403);
    expect(await filingStatus()).toBe("submitted");
  });

  it("an operator gets 403 on the review pages", async () => {
    expect((await queue("op")).status).toBe(403);
    expect((await filingPage("op")).status).toBe(403);
    expect((await post("op", { intent: "accept" })).status).toBe(403);
    expect(await filingStatus()).toBe("submitted");
  });

  it("without a session the review pages and downloads send the visitor to sign in", async () => {
    const q = await queue("nobody");
    expect(q.status).toBe(302);
    expect(q.response?.headers.get("location")).toMatch(/^\/login\?redirectTo=%2Freview/);
    expect((await download(null)).status).toBe(302);
  });

  it("the owning operator downloads a document as an attachment with its original name", async () => {
    const d = await download("op");
    expect(d.status).toBe(200);
    const headers = d.response?.headers;
    expect(headers?.get("content-type")).toBe("application/pdf");
    expect(headers?.get("content-disposition")).toMatch(/^attachment; .*filename\*=UTF-8''business_license\.pdf$/);
    expect(headers?.get("cache-control")).toBe("private, no-store");
    expect(headers?.get("x-content-type-options")).toBe("nosniff");
    const bytes = new Uint8Array(await (d.response as Response).arrayBuffer());
    expect(bytes).toEqual(pdf("business_license").bytes);
    // the reviewer in scope may download it too; an unknown id is a plain 404, never a stack
    expect((await download("hy")).status).toBe(200);
    const missing = await download("op", "00000000-0000-4000-8000-000000000000");
    expect(missing.status).toBe(404);
    const text = await (missing.response as Response).text();
    expect(text).not.toMatch(/\bat .+:\d+:\d+/);
    expect(missing.response?.headers.get("content-type")).toMatch(/^text\/plain/);
  });

  it("the reviewer reveals one full ID number on request, and the view is audited", async () => {
    const [staff] = await t.db.select({ id: staffMembers.id, masked: staffMembers.idNumberMasked }).from(staffMembers).where(eq(staffMembers.facilityId, facilityId)).limit(1);
    const r = await post("hy", { intent: "reveal", staffId: staff?.id ?? "" });
    expect(r.status).toBe(200);
    const revealed = (r.body as filingRoute.RevealedId).revealed;
    expect(revealed.idNumber).toMatch(/^\d{17}[\dX]$/);
    expect(revealed.idNumber.slice(-4)).toBe(staff?.masked.slice(-4));
    const audits = await t.db.select().from(auditEvents).where(and(eq(auditEvents.action, "staff.id_number_viewed"), eq(auditEvents.entityId, staff?.id ?? "")));
    expect(audits).toHaveLength(1);
    // a staff member of another facility cannot be revealed through this filing
    expect((await post("hy", { intent: "reveal", staffId: "00000000-0000-4000-8000-000000000000" })).status).toBe(404);
  });

  it("a return without any reason is refused with a field message and changes nothing", async () => {
    const r = await post("hy", { intent: "return", "reasons.0.item": "", "reasons.0.reason": "", "reasons.1.item": "", "reasons.1.reason": "" });
    expect(r.status).toBe(400);
    expect((r.body as { fieldErrors: Record<string, string> }).fieldErrors).toEqual({ reasons: "filing.filing.reasonRequired" });
    // a chosen item needs its reason (a reason without an item is fine: it counts as 其他)
    const half = await post("hy", { intent: "return", "reasons.0.item": "document.fire_safety", "reasons.0.reason": "", "reasons.2.item": "", "reasons.2.reason": "请补充" });
    expect(half.status).toBe(400);
    expect((half.body as { fieldErrors: Record<string, string> }).fieldErrors).toEqual({ "reasons.0.reason": "filing.review.reasonTextRequired" });
    const unknownItem = await post("hy", { intent: "return", "reasons.0.item": "made.up", "reasons.0.reason": "x" });
    expect((unknownItem.body as { fieldErrors: Record<string, string> }).fieldErrors).toEqual({ "reasons.0.item": "filing.validation.choice" });
    expect(await filingStatus()).toBe("submitted");
  });

  it("the directory does not list the facility before acceptance", async () => {
    const d = await directory();
    expect(d.status).toBe(200);
    expect((d.body as Awaited<ReturnType<typeof directoryRoute.loader>>).rows).toEqual([]);
    expect((await outcome(() => directoryEntryRoute.loader({ request: request(`/directory/${facilityId}`, null), params: { facilityId }, context: {} }))).status).toBe(404);
  });

  it("accepting issues the receipt number and redirects with a flash; a second decision is a conflict", async () => {
    const r = await post("hy", { intent: "accept" });
    expect(r.status).toBe(302);
    expect(r.response?.headers.get("location")).toBe(`/review/filings/${filingId}?flash=accepted`);
    const page = await filingPage("hy");
    const data = page.body as Awaited<ReturnType<typeof filingRoute.loader>>;
    expect(data.filing.status).toBe("accepted");
    expect(data.filing.receiptNumber).toMatch(/^340321-\d{4}-00001$/);
    const [facility] = await t.db.select().from(facilities).where(eq(facilities.id, facilityId));
    expect(facility?.filingState).toBe("filed");
    // another reviewer (or a second click) decides after it was decided: 409 with the form message
    const again = await post("bb", { intent: "accept" });
    expect(again.status).toBe(409);
    expect((again.body as { formError?: string }).formError).toBe("filing.filing.alreadyDecided");
    const late = await post("bb", { intent: "return", "reasons.0.item": "general", "reasons.0.reason": "太迟了" });
    expect(late.status).toBe(409);
    // the queue is empty now
    expect((((await queue("hy")).body as Awaited<ReturnType<typeof queueRoute.loader>>).queue)).toEqual([]);
  });

  it("after acceptance the directory lists the facility without any personal data", async () => {
    const all = await directory();
    const rows = (all.body as Awaited<ReturnType<typeof directoryRoute.loader>>).rows;
    expect(rows.map((r) => r.name)).toEqual(["禾苗托育中心"]);
    expect(rows[0]?.receiptNumber).toMatch(/^340321-/);
    // "within": choosing the city lists its counties' facilities; another county and other filters do not
    const names = async (query: string) => ((await directory(query)).body as Awaited<ReturnType<typeof directoryRoute.loader>>).rows.map((r) => r.name);
    expect(await names("?county=340300")).toEqual(["禾苗托育中心"]);
    expect(await names("?county=340322")).toEqual([]);
    expect(await names("?q=禾苗&kind=standalone&service=full_day")).toEqual(["禾苗托育中心"]);
    expect(await names("?service=hourly")).toEqual([]);
    expect(await names("?county=999999")).toEqual(["禾苗托育中心"]); // an unknown place is ignored, not an error
    const entry = await outcome(() => directoryEntryRoute.loader({ request: request(`/directory/${facilityId}`, null), params: { facilityId }, context: {} }));
    expect(entry.status).toBe(200);
    expect(entry.body).toMatchObject({ name: "禾苗托育中心", organisationName: "怀远县禾苗托育服务有限公司", totalSlots: 60 });
    const staff = await t.db.select().from(staffMembers).where(eq(staffMembers.facilityId, facilityId));
    const published = JSON.stringify([all.body, entry.body]);
    for (const s of staff) {
      expect(published).not.toContain(s.name);
      expect(published).not.toContain(s.idNumberMasked);
    }
    for (let i = 1; i <= 10; i++) expect(published).not.toContain(idNumber(i));
    expect((await outcome(() => directoryEntryRoute.loader({ request: request("/directory/x", null), params: { facilityId: "not-a-uuid" }, context: {} }))).status).toBe(404);
  });

  it("a reviewer cancels the filed facility with a reason; an empty reason gets a field message", async () => {
    const empty = await post("hy", { intent: "cancel", reason: " " });
    expect(empty.status).toBe(400);
    expect((empty.body as { fieldErrors: Record<string, string> }).fieldErrors).toEqual({ reason: "validation.required" });
    const r = await post("hy", { intent: "cancel", reason: "机构已停办" });
    expect(r.status).toBe(302);
    const [facility] = await t.db.select().from(facilities).where(eq(facilities.id, facilityId));
    expect(facility?.filingState).toBe("cancelled");
    expect(((await directory()).body as Awaited<ReturnType<typeof directoryRoute.loader>>).rows).toEqual([]);
  });
});

describe("returning a filing through the page", () => {
  // a separate database: the main suite above accepts its filing
  it("stores per-item reasons, ignores empty rows, files a reason without an item under 其他 and redirects with a flash", async () => {
    const t = await createTestDb("pglite");
    await closeAppDb();
    await setAppDb(async () => t);
    try {
      const org = await makeOrganisation(t.db, "340321", "怀远县禾苗托育服务有限公司");
      await makeUser(t.db, { username: "op", roles: ["operator"], organisationId: org });
      await makeUser(t.db, { username: "hy", roles: ["reviewer"], jurisdictionCode: "340321" });
      const op = await login(t.db, browserRequest(), { username: "op", password: PASSWORD });
      const hy = await login(t.db, browserRequest(), { username: "hy", password: PASSWORD });
      if (!op.ok || !hy.ok) throw new Error("login");
      const facilityId = await completeFacility(t.db, await actorFor(t.db, op.sessionId));
      const filingId = await submitFiling(t.db, await actorFor(t.db, op.sessionId), facilityId, {});
      const r = await outcome(() =>
        filingRoute.action({
          request: request(`/review/filings/${filingId}`, hy.sessionId, {
            intent: "return",
            "reasons.0.item": "document.fire_safety",
            "reasons.0.reason": "消防证明页面不清晰，请重新上传",
            "reasons.1.item": "",
            "reasons.1.reason": "",
            "reasons.2.item": "",
            "reasons.2.reason": "请补充营业执照副本",
          }),
          params: { filingId },
          context: {},
        }),
      );
      expect(r.status).toBe(302);
      expect(r.response?.headers.get("location")).toBe(`/review/filings/${filingId}?flash=returned`);
      const [row] = await t.db.select().from(filings).where(eq(filings.id, filingId));
      expect(row?.status).toBe("returned");
      expect(row?.returnReasons).toEqual([
        { item: "document.fire_safety", reason: "消防证明页面不清晰，请重新上传" },
        { item: "general", reason: "请补充营业执照副本" },
      ]);
    } finally {
      await closeAppDb();
    }
  }, 120_000);
});
