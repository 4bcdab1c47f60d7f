// The measures page and the utility price certificate (issue [5/7]): every measure for a filed facility,
// certificate dates on month and year boundaries, the rules refusing an unfiled facility, one certificate
// at a time with a renewal window, scope on the service, the pages and the export, and the certificate
// voided (publicly) when the filing is cancelled.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import { certificates, facilities } from "../../db/schema";
import type { Actor } from "../../app/auth/session.server";
import { login } from "../../app/services/users.server";
import { ConflictError, ForbiddenError } from "../../app/services/errors";
import { acceptFiling, cancelFiling, submitFiling } from "../../app/services/filing.server";
import { verifyCertificate } from "../../app/services/certificates.server";
import { facilityMeasures, requestUtilityCertificate, utilityExport, utilityValidity, validUtilityCertificates } from "../../app/services/measures.server";
import * as operatorMeasures from "../../app/routes/operator.facilities.$facilityId.measures";
import * as reviewMeasures from "../../app/routes/review.facilities.$facilityId.measures";
import * as utilityList from "../../app/routes/review.utility-certificates";
import * as utilityExportRoute from "../../app/routes/review.utility-certificates_.export";
import * as verifyRoute from "../../app/routes/verify.$code";
import { MEASURES } from "../../rules/measures/list";
import { addDays, firstDayOfNextMonth } from "../../rules/engine/dates";
import { todayInShanghai } from "../../app/utils/format";
import { createTestDb, DB_KINDS, type TestDb } from "../db/harness";
import { actorFor, browserRequest, makeOrganisation, makeUser, PASSWORD } from "./fixtures";
import { completeFacility } from "./filing-fixtures";
import { args, closeAppDbQuietly, routeRequest, statusOf, useAsAppDb } from "./route-helpers";

describe("utility certificate dates", () => {
  it("start on the first day of the next month and last the parameterised months, across month and year ends", () => {
    expect(utilityValidity("2026-01-31", 12)).toEqual({ validFrom: "2026-02-01", validUntil: "2027-01-31" });
    expect(utilityValidity("2026-12-15", 12)).toEqual({ validFrom: "2027-01-01", validUntil: "2027-12-31" });
    expect(utilityValidity("2026-12-31", 12)).toEqual({ validFrom: "2027-01-01", validUntil: "2027-12-31" });
    expect(utilityValidity("2026-02-01", 12)).toEqual({ validFrom: "2026-03-01", validUntil: "2027-02-28" });
    expect(utilityValidity("2027-01-20", 12)).toEqual({ validFrom: "2027-02-01", validUntil: "2028-01-31" });
    expect(utilityValidity("2027-07-31", 6)).toEqual({ validFrom: "2027-08-01", validUntil: "2028-01-31" });
    expect(utilityValidity("2027-12-31", 2)).toEqual({ validFrom: "2028-01-01", validUntil: "2028-02-29" }); // leap year
  });
  it("a renewal starts the day after the current certificate ends", () => {
    expect(utilityValidity("2027-01-10", 12, "2027-01-31")).toEqual({ validFrom: "2027-02-01", validUntil: "2028-01-31" });
    expect(utilityValidity("2027-12-20", 12, "2027-12-31")).toEqual({ validFrom: "2028-01-01", validUntil: "2028-12-31" });
  });
});

describe.each(DB_KINDS)("measures and the utility price certificate on %s", (kind) => {
  let t: TestDb;
  let operator: Actor;
  let stranger: Actor;
  let reviewer: Actor;
  let outsider: Actor;
  let facilityId: string;
  let wuheFacilityId: string;
  let draftId: string;
  let firstCode = "";
  const sessions: Record<string, string> = {};

  const get = (path: string, session?: string) => routeRequest(path, { sessionId: session ? sessions[session] : undefined });
  const post = (path: string, session: string, form: Record<string, string> = {}) => routeRequest(path, { sessionId: sessions[session], form });

  beforeAll(async () => {
    t = await createTestDb(kind);
    await useAsAppDb(t);
    const org = await makeOrganisation(t.db, "340321", "怀远县禾苗托育服务有限公司");
    const other = await makeOrganisation(t.db, "340321", "别家");
    await makeUser(t.db, { username: "op", roles: ["operator"], organisationId: org });
    await makeUser(t.db, { username: "op2", roles: ["operator"], organisationId: other });
    await makeUser(t.db, { username: "hy", roles: ["reviewer"], jurisdictionCode: "340321" });
    await makeUser(t.db, { username: "wh", roles: ["reviewer"], jurisdictionCode: "340322" });
    for (const name of ["op", "op2", "hy", "wh"]) {
      const r = await login(t.db, browserRequest(), { username: name, password: PASSWORD });
      if (!r.ok) throw new Error(name);
      sessions[name] = r.sessionId;
    }
    operator = await actorFor(t.db, sessions.op ?? "");
    stranger = await actorFor(t.db, sessions.op2 ?? "");
    reviewer = await actorFor(t.db, sessions.hy ?? "");
    outsider = await actorFor(t.db, sessions.wh ?? "");
    facilityId = await completeFacility(t.db, operator);
    await acceptFiling(t.db, reviewer, await submitFiling(t.db, operator, facilityId, {}));
    // a second filed facility of the same operator, moved to 五河县 (outside 怀远's reviewer's scope)
    wuheFacilityId = await completeFacility(t.db, operator, "五河托育点");
    await acceptFiling(t.db, reviewer, await submitFiling(t.db, operator, wuheFacilityId, {}));
    await t.db.update(facilities).set({ jurisdictionCode: "340322" }).where(eq(facilities.id, wuheFacilityId));
    draftId = await completeFacility(t.db, operator, "未备案托育点");
  }, 180_000);
  afterAll(async () => {
    await closeAppDbQuietly();
    await t.close();
  });

  it("all 12 measures are judged for a filed facility, for its operator and for a reviewer in scope", async () => {
    const { evaluation } = await facilityMeasures(t.db, operator, facilityId, todayInShanghai());
    expect(evaluation.determinations.map((d) => d.measure)).toEqual(MEASURES.map((m) => m.id));
    expect(evaluation.determinations).toHaveLength(12);
    const utility = evaluation.determinations.find((d) => d.measure === "utility.residential_price");
    expect(utility?.status).toBe("eligible");
    expect(utility?.details.utilities).toEqual(["water", "electricity", "gas", "heat"]);
    const asReviewer = await facilityMeasures(t.db, reviewer, facilityId, "2026-03-01");
    expect(asReviewer.evaluation.asOf).toBe("2026-03-01");
    expect(asReviewer.evaluation.determinations).toHaveLength(12);
    // the pages
    expect(await statusOf(() => operatorMeasures.loader(args(get(`/operator/facilities/${facilityId}/measures`, "op"), { facilityId })))).toBe(200);
    const page = (await operatorMeasures.loader(args(get(`/operator/facilities/${facilityId}/measures?date=2026-06-30`, "op"), { facilityId }))) as { date: string; canRequest: boolean };
    expect(page.date).toBe("2026-06-30");
    expect(page.canRequest).toBe(true);
    expect(await statusOf(() => reviewMeasures.loader(args(get(`/review/facilities/${facilityId}/measures`, "hy"), { facilityId })))).toBe(200);
  });

  it("other organisations' operators and reviewers out of scope are refused on measures, request and export", async () => {
    await expect(facilityMeasures(t.db, stranger, facilityId)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(facilityMeasures(t.db, outsider, facilityId)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(requestUtilityCertificate(t.db, stranger, facilityId)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(requestUtilityCertificate(t.db, reviewer, facilityId)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(validUtilityCertificates(t.db, operator, todayInShanghai())).rejects.toBeInstanceOf(ForbiddenError);
    expect(await statusOf(() => operatorMeasures.loader(args(get(`/operator/facilities/${facilityId}/measures`, "op2"), { facilityId })))).toBe(403);
    expect(await statusOf(() => operatorMeasures.loader(args(get(`/operator/facilities/${facilityId}/measures`, "hy"), { facilityId })))).toBe(403);
    expect(await statusOf(() => operatorMeasures.action(args(post(`/operator/facilities/${facilityId}/measures`, "op2"), { facilityId })))).toBe(403);
    expect(await statusOf(() => reviewMeasures.loader(args(get(`/review/facilities/${facilityId}/measures`, "wh"), { facilityId })))).toBe(403);
    expect(await statusOf(() => reviewMeasures.loader(args(get(`/review/facilities/${facilityId}/measures`, "op"), { facilityId })))).toBe(403);
    expect(await statusOf(() => utilityList.loader(args(get("/review/utility-certificates?format=csv", "op"))))).toBe(403);
    expect(await statusOf(() => utilityExportRoute.loader(args(get("/review/utility-certificates/export?format=csv", "op"))))).toBe(403);
    expect(await t.db.select().from(certificates)).toHaveLength(0);
  });

  it("the rules refuse a facility that is not filed", async () => {
    await expect(requestUtilityCertificate(t.db, operator, draftId)).rejects.toMatchObject({ messageKey: "measures.errors.notEligible" });
    const res = await operatorMeasures.action(args(post(`/operator/facilities/${draftId}/measures`, "op"), { facilityId: draftId }));
    expect(await statusOf(() => res)).toBe(409);
    expect(JSON.stringify(res)).toContain("measures.errors.notEligible");
    expect(await t.db.select().from(certificates)).toHaveLength(0);
  });

  it("a filed facility's request issues a certificate from next month listing its utilities; one at a time, renewable in the last 30 days", async () => {
    const today = todayInShanghai();
    const res = await operatorMeasures.action(args(post(`/operator/facilities/${facilityId}/measures`, "op"), { facilityId }));
    expect(res instanceof Response && res.status).toBe(302);
    const [first] = await t.db.select().from(certificates).where(eq(certificates.facilityId, facilityId));
    if (!first) throw new Error("no certificate");
    firstCode = first.code;
    expect(first).toMatchObject({ kind: "utility_certificate", status: "valid", issuedOn: today, ...utilityValidity(today, 12) });
    expect(first.validFrom).toBe(firstDayOfNextMonth(today));
    expect(first.number).toMatch(/^340321-SDQR-\d{4}-0001$/);
    const payload = first.payload as { lines: Array<{ label: string; value: string }>; clauses: string[] };
    expect(payload.lines).toContainEqual(expect.objectContaining({ label: "执行项目", value: "水、电、气、热" }));
    expect(payload.clauses.length).toBeGreaterThan(0);
    const verified = await verifyCertificate(t.db, first.code, first.validFrom);
    expect(verified?.state).toBe("valid");

    // a second request while it is valid and far from its end is refused
    await expect(requestUtilityCertificate(t.db, operator, facilityId)).rejects.toBeInstanceOf(ConflictError);
    await expect(requestUtilityCertificate(t.db, operator, facilityId)).rejects.toMatchObject({ messageKey: "measures.errors.alreadyValid" });
    // its last 30 days are end−29 … end: the day before them a request is still refused; within them it is
    // a renewal from the day after it ends
    const end31 = addDays(today, 30);
    await t.db.update(certificates).set({ validFrom: addDays(today, -300), validUntil: end31 }).where(eq(certificates.id, first.id));
    await expect(requestUtilityCertificate(t.db, operator, facilityId)).rejects.toMatchObject({ messageKey: "measures.errors.alreadyValid" });
    const end30 = addDays(today, 29);
    await t.db.update(certificates).set({ validUntil: end30 }).where(eq(certificates.id, first.id));
    const renewal = await requestUtilityCertificate(t.db, operator, facilityId);
    expect(renewal.validFrom).toBe(addDays(end30, 1));
    expect(renewal).toMatchObject(utilityValidity(today, 12, end30));
    expect(renewal.number).toMatch(/-0002$/);
    // the renewal is the current one now: no third certificate
    await expect(requestUtilityCertificate(t.db, operator, facilityId)).rejects.toMatchObject({ messageKey: "measures.errors.alreadyValid" });
    const page = (await operatorMeasures.loader(args(get(`/operator/facilities/${facilityId}/measures`, "op"), { facilityId }))) as { certificates: unknown[]; canRequest: boolean };
    expect(page.certificates).toHaveLength(2);
    expect(page.canRequest).toBe(false);
  });

  it("the export lists only the certificates in the reviewer's scope, as CSV with a BOM and as XLSX", async () => {
    await requestUtilityCertificate(t.db, operator, wuheFacilityId);
    const today = todayInShanghai();
    const mine = await validUtilityCertificates(t.db, reviewer, today);
    expect(mine.map((r) => r.facilityId)).toEqual([facilityId, facilityId]);
    expect(mine[0]?.utilities).toEqual(["water", "electricity", "gas", "heat"]);
    const theirs = await validUtilityCertificates(t.db, outsider, today);
    expect(theirs.map((r) => r.facilityName)).toEqual(["五河托育点"]);

    const csv = await utilityExport(mine, "csv");
    expect([...csv.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(csv);
    expect(text).toContain("机构名称,地址,县区,县区代码,证明编号,执行项目,生效日期,截止日期,状态,核验码");
    expect(text).toContain("禾苗托育中心");
    expect(text).toContain("水、电、气、热");
    expect(text).not.toContain("五河托育点");

    const xlsx = await utilityExport(mine, "xlsx");
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(xlsx) as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    expect(sheet?.getRow(1).getCell(1).value).toBe("机构名称");
    expect(sheet?.getRow(2).getCell(1).value).toBe("禾苗托育中心");
    expect(sheet?.rowCount).toBe(3);

    // through the route: a download for the reviewer, scoped the same way
    const res = await utilityList.loader(args(get("/review/utility-certificates?format=csv", "hy")));
    if (!(res instanceof Response)) throw new Error("expected a file");
    expect(res.headers.get("Content-Disposition")).toMatch(/^attachment; filename="utility-certificates-\d{4}-\d{2}-\d{2}\.csv"$/);
    const body = await res.text();
    expect(body).toContain("禾苗托育中心");
    expect(body).not.toContain("五河托育点");
    const wh = await utilityList.loader(args(get("/review/utility-certificates?format=xlsx", "wh")));
    expect(wh instanceof Response && wh.headers.get("Content-Type")).toContain("spreadsheetml");
    const exported = await utilityExportRoute.loader(args(get("/review/utility-certificates/export?format=csv", "wh")));
    if (!(exported instanceof Response)) throw new Error("expected a file");
    const whCsv = await exported.text();
    expect(whCsv).toContain("五河托育点");
    expect(whCsv).not.toContain("禾苗托育中心");
    const listPage = (await utilityList.loader(args(get("/review/utility-certificates", "wh")))) as { rows: Array<{ facilityName: string }> };
    expect(listPage.rows.map((r) => r.facilityName)).toEqual(["五河托育点"]);
  });

  it("cancelling the filing voids the certificate: the public verification says void", async () => {
    await cancelFiling(t.db, operator, facilityId, { reason: "停止办托" });
    const verified = await verifyCertificate(t.db, firstCode, todayInShanghai());
    expect(verified).toMatchObject({ state: "void", statusReason: "filing_cancelled" });
    const rows = await t.db.select().from(certificates).where(eq(certificates.facilityId, facilityId));
    expect(rows.map((r) => r.status)).toEqual(["void", "void"]);
    expect((await validUtilityCertificates(t.db, reviewer, todayInShanghai())).length).toBe(0);
    // and the rules no longer grant a new one
    await expect(requestUtilityCertificate(t.db, operator, facilityId)).rejects.toMatchObject({ messageKey: "measures.errors.notEligible" });
  });

  it("verifying an unknown code reveals nothing but 'not found'", async () => {
    expect(await verifyCertificate(t.db, "2345-6789-ABCD", todayInShanghai())).toBeNull();
    const request = new Request("http://localhost:3000/verify/2345-6789-ABCD", { headers: { "x-tuoyu-client-ip": `198.51.100.${kind === "pglite" ? 61 : 62}`, "user-agent": "vitest" } });
    const result = (await verifyRoute.loader(args(request, { code: "2345-6789-ABCD" }))) as { data: unknown; init: { status?: number } | null };
    expect(result.init?.status).toBe(404);
    expect(result.data).toEqual({ kind: "not_found", code: "2345-6789-ABCD" });
  });
});
