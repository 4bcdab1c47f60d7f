import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { auditEvents, certificates, directoryEntries, facilities, inclusiveApplications, objections, priceSchedules } from "../../db/schema";
import type { Actor } from "../../app/auth/session.server";
import { login } from "../../app/services/users.server";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "../../app/services/errors";
import { capTableFor, declareFee, localParameters, publishSchedule, scheduleParameters } from "../../app/services/pricing.server";
import {
  applyForInclusive,
  certificationQueue,
  certify,
  currentNotices,
  lodgeObjection,
  recordInspection,
  revokeCertification,
  ruleOnObjection,
  startNotice,
  takeApplication,
  validUntilFor,
} from "../../app/services/certification.server";
import { snapshotInclusive } from "../../app/services/inclusive-status.server";
import { acceptFiling, buildSnapshot, cancelFiling, directoryEntry, searchDirectory, submitFiling } from "../../app/services/filing.server";
import { verifyCertificate } from "../../app/services/certificates.server";
import { todayInShanghai } from "../../app/utils/format";
import { addDays } from "../../rules/engine/dates";
import { createTestDb, DB_KINDS, type TestDb } from "../db/harness";
import { actorFor, browserRequest, makeOrganisation, makeUser, PASSWORD } from "./fixtures";
import { completeFacility } from "./filing-fixtures";

const SCHEDULE = { referenceDocument: "蚌埠市托育服务政府指导价（示例）", referenceClause: "第二条" };

describe.each(DB_KINDS)("guided prices and inclusive certification on %s", (kind) => {
  let t: TestDb;
  let operator: Actor;
  let stranger: Actor;
  let reviewer: Actor;
  let outsider: Actor;
  let priceOfficer: Actor;
  let alarPrice: Actor;
  let facilityId: string;
  let otherOrg: string;

  async function signedIn(username: string): Promise<Actor> {
    const r = await login(t.db, browserRequest(), { username, password: PASSWORD });
    if (!r.ok) throw new Error(username);
    return actorFor(t.db, r.sessionId);
  }
  async function facility() {
    const [f] = await t.db.select().from(facilities).where(eq(facilities.id, facilityId));
    if (!f) throw new Error("facility");
    return f;
  }
  async function audits(action: string) {
    return t.db.select().from(auditEvents).where(eq(auditEvents.action, action));
  }

  beforeAll(async () => {
    t = await createTestDb(kind);
    const org = await makeOrganisation(t.db, "340321", "怀远县禾苗托育服务有限公司");
    const other = await makeOrganisation(t.db, "340321", "别家");
    otherOrg = other;
    await makeUser(t.db, { username: "op", roles: ["operator"], organisationId: org });
    await makeUser(t.db, { username: "op2", roles: ["operator"], organisationId: other });
    await makeUser(t.db, { username: "hy", roles: ["reviewer"], jurisdictionCode: "340321" });
    await makeUser(t.db, { username: "wh", roles: ["reviewer"], jurisdictionCode: "340322" });
    await makeUser(t.db, { username: "price", roles: ["price_officer"], jurisdictionCode: "340300" });
    await makeUser(t.db, { username: "alprice", roles: ["price_officer"], jurisdictionCode: "659002" });
    operator = await signedIn("op");
    stranger = await signedIn("op2");
    reviewer = await signedIn("hy");
    outsider = await signedIn("wh");
    priceOfficer = await signedIn("price");
    alarPrice = await signedIn("alprice");
    facilityId = await completeFacility(t.db, operator);
    const filingId = await submitFiling(t.db, operator, facilityId, {});
    await acceptFiling(t.db, reviewer, filingId);
  }, 120_000);
  afterAll(async () => t.close());

  it("a price officer publishes schedules only within scope, with references and sane values", async () => {
    await expect(publishSchedule(t.db, operator, { jurisdictionCode: "340321", effectiveFrom: "2026-01-01", mode: "formula", referenceMonthlyIncome: "4000", ...SCHEDULE })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(publishSchedule(t.db, alarPrice, { jurisdictionCode: "340321", effectiveFrom: "2026-01-01", mode: "formula", referenceMonthlyIncome: "4000", ...SCHEDULE })).rejects.toMatchObject({ fieldErrors: { jurisdictionCode: "user.scopeOutside" } });
    await expect(publishSchedule(t.db, priceOfficer, { jurisdictionCode: "340321", effectiveFrom: "2026-02-30", mode: "caps", caps: [], referenceDocument: "", referenceClause: "x" })).rejects.toMatchObject({
      fieldErrors: { effectiveFrom: "filing.validation.date", referenceDocument: "validation.required" },
    });
    await expect(
      publishSchedule(t.db, priceOfficer, { jurisdictionCode: "340321", effectiveFrom: "2026-01-01", mode: "caps", caps: [{ classType: "toddler", serviceType: "full_day", capFen: "-5" }], ...SCHEDULE }),
    ).rejects.toBeInstanceOf(ValidationError);
    await publishSchedule(t.db, priceOfficer, { jurisdictionCode: "340321", effectiveFrom: "2026-01-01", mode: "caps", caps: [{ classType: "toddler", serviceType: "full_day", capFen: "2000" }, { classType: "older_toddler", serviceType: "full_day", capFen: "1800" }], ...SCHEDULE });
    await expect(publishSchedule(t.db, priceOfficer, { jurisdictionCode: "340321", effectiveFrom: "2026-01-01", mode: "formula", referenceMonthlyIncome: "4000", ...SCHEDULE })).rejects.toMatchObject({ fieldErrors: { effectiveFrom: "pricing.dateTaken" } });
    expect((await audits("price_schedule.published")).length).toBe(1);
  });

  it("a superseding schedule changes caps only from its own date", async () => {
    await publishSchedule(t.db, priceOfficer, { jurisdictionCode: "340321", effectiveFrom: "2026-07-01", mode: "caps", caps: [{ classType: "toddler", serviceType: "full_day", capFen: "1500" }], ...SCHEDULE });
    const snapshot = await buildSnapshot(t.db, await facility(), "2026-06-30");
    const local = await localParameters(t.db);
    const cap = (date: string) => capTableFor(snapshot, date, local).find((c) => c.classType === "toddler" && c.serviceType === "full_day")?.capFen;
    expect(cap("2026-06-30")).toBe(200000);
    expect(cap("2026-07-01")).toBe(150000);
    expect(cap("2025-12-31")).not.toBe(200000); // before any schedule: the formula's built-in cap
    // published schedules are never edited: both stay, the earlier one ends the day before the later one
    const params = scheduleParameters(await t.db.select().from(priceSchedules)).filter((p) => p.parameter === "pricing.schedule" && p.jurisdiction === "340321");
    expect(params.map((p) => [p.effectiveFrom, p.effectiveTo])).toEqual([
      ["2026-01-01", "2026-06-30"],
      ["2026-07-01", null],
    ]);
  });

  it("fees: an applying facility cannot declare a basic fee above its cap; the refusal names the cap", async () => {
    await declareFee(t.db, operator, await facility(), await buildSnapshot(t.db, await facility()), false, { kind: "basic", classType: "toddler", serviceType: "full_day", amount: "1400" });
    await declareFee(t.db, operator, await facility(), await buildSnapshot(t.db, await facility()), false, { kind: "other", name: "伙食费", amount: "300" });
    await expect(declareFee(t.db, operator, await facility(), await buildSnapshot(t.db, await facility()), true, { kind: "basic", classType: "toddler", serviceType: "full_day", amount: "9999" })).rejects.toMatchObject({
      fieldErrors: { amount: expect.stringMatching(/^pricing\.overCap\|\{"cap":"¥1,500\.00"\}$/) },
    });
    await expect(declareFee(t.db, operator, await facility(), await buildSnapshot(t.db, await facility()), false, { kind: "basic", classType: "toddler", serviceType: "full_day", amount: "-1" })).rejects.toBeInstanceOf(ValidationError);
    await expect(declareFee(t.db, stranger, await facility(), await buildSnapshot(t.db, await facility()), false, { kind: "other", name: "x", amount: "1" })).rejects.toBeInstanceOf(ForbiddenError);
    expect((await audits("fee.declared")).length).toBe(2);
  });

  it("apply → take → inspect → notice → objection → rule → certify, refusing the wrong role, scope and state", async () => {
    await expect(applyForInclusive(t.db, reviewer, facilityId, {})).rejects.toBeInstanceOf(ForbiddenError);
    await expect(applyForInclusive(t.db, stranger, facilityId, {})).rejects.toBeInstanceOf(ForbiddenError);
    await expect(applyForInclusive(t.db, operator, facilityId, { requestedSlots: "999" })).rejects.toMatchObject({ fieldErrors: { requestedSlots: "certification.slotsAboveTotal" } });
    const appId = await applyForInclusive(t.db, operator, facilityId, { requestedSlots: "30" });
    await expect(applyForInclusive(t.db, operator, facilityId, {})).rejects.toBeInstanceOf(ConflictError);
    const [app] = await t.db.select().from(inclusiveApplications).where(eq(inclusiveApplications.id, appId));
    expect((app?.precheck as { rulesVersion?: string }).rulesVersion).toBeTruthy();

    await expect(takeApplication(t.db, outsider, appId)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(takeApplication(t.db, operator, appId)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(startNotice(t.db, reviewer, appId)).rejects.toBeInstanceOf(ConflictError);
    await takeApplication(t.db, reviewer, appId);
    await expect(recordInspection(t.db, reviewer, appId, { inspectionOn: "2026-13-01", findings: "", passed: "maybe" })).rejects.toBeInstanceOf(ValidationError);
    await expect(startNotice(t.db, reviewer, appId)).rejects.toMatchObject({ messageKey: "certification.inspectionFirst" });
    await recordInspection(t.db, reviewer, appId, { inspectionOn: todayInShanghai(), findings: "现场核查：场地、人员与备案一致", passed: "true" });
    await startNotice(t.db, reviewer, appId);
    expect((await currentNotices(t.db)).map((n) => n.applicationId)).toContain(appId);

    const request = browserRequest("/notices", { ip: "198.51.100.77" });
    await expect(lodgeObjection(t.db, request, appId, { content: "短" })).rejects.toMatchObject({ fieldErrors: { content: "certification.objectionTooShort" } });
    await lodgeObjection(t.db, request, appId, { content: "该机构实际收费高于公示价格，请核实。", contact: "" });
    await expect(certify(t.db, reviewer, appId, { certifiedSlots: "20" })).rejects.toMatchObject({ messageKey: "certification.noticeRunning" });
    // the notice period ends (moved back in time for the test)
    await t.db.update(inclusiveApplications).set({ noticeEndsOn: addDays(todayInShanghai(), -1) }).where(eq(inclusiveApplications.id, appId));
    await expect(certify(t.db, reviewer, appId, { certifiedSlots: "20" })).rejects.toMatchObject({ messageKey: "certification.objectionsPending" });
    const [objection] = await t.db.select().from(objections).where(eq(objections.applicationId, appId));
    await expect(ruleOnObjection(t.db, outsider, objection?.id ?? "", { ruling: "dismissed", note: "x" })).rejects.toBeInstanceOf(ForbiddenError);
    await ruleOnObjection(t.db, reviewer, objection?.id ?? "", { ruling: "dismissed", note: "经核实收费与公示一致" });

    await expect(certify(t.db, reviewer, appId, { certifiedSlots: "61" })).rejects.toMatchObject({ fieldErrors: { certifiedSlots: "certification.slotsAboveTotal" } });
    await expect(certify(t.db, outsider, appId, { certifiedSlots: "20" })).rejects.toBeInstanceOf(ForbiddenError);
    const { number, certificateId } = await certify(t.db, reviewer, appId, { certifiedSlots: "20" });
    expect(number).toMatch(/^340321-PH-20\d\d-0001$/);
    const [certified] = await t.db.select().from(inclusiveApplications).where(eq(inclusiveApplications.id, appId));
    expect(certified?.status).toBe("certified");
    expect(certified?.decisionRulesVersion).toBeTruthy();
    expect(certified?.validUntil).toBe(validUntilFor(todayInShanghai(), 3));
    const [cert] = await t.db.select().from(certificates).where(eq(certificates.id, certificateId));
    expect(cert?.kind).toBe("inclusive_certificate");
    const verified = await verifyCertificate(t.db, cert?.code ?? "", todayInShanghai());
    expect(verified?.state).toBe("valid");
    for (const action of ["inclusive.applied", "inclusive.taken", "inclusive.inspected", "inclusive.notice_started", "objection.lodged", "objection.ruled", "inclusive.certified"]) {
      expect((await audits(action)).length, action).toBeGreaterThan(0);
    }
    // the public directory shows it as 普惠 with its published fees
    const listed = await searchDirectory(t.db, { q: "禾苗", page: 1, pageSize: 10 });
    expect(listed.rows[0]?.inclusive).toBe(true);
    const entry = await directoryEntry(t.db, facilityId);
    expect(entry).toMatchObject({ inclusive: true, certifiedSlots: 20 });
    expect(entry.fees.map((f) => f.amountFen)).toEqual(expect.arrayContaining([140000, 30000]));
    // the rules now see a certified facility, and the guided price binds it
    const snapshot = await buildSnapshot(t.db, await facility());
    expect(snapshot.inclusive).toMatchObject({ status: "certified", certifiedSlots: 20 });
  });

  it("the directory marks only the inclusive facilities as 普惠, page by page", async () => {
    const [plain] = await t.db
      .insert(facilities)
      .values({ organisationId: otherOrg, name: "禾苗二园", jurisdictionCode: "340321", kind: "standalone", filingState: "filed" })
      .returning({ id: facilities.id });
    if (!plain) throw new Error("facility");
    await t.db.insert(directoryEntries).values({ facilityId: plain.id, name: "禾苗二园", jurisdictionCode: "340321", kind: "standalone", serviceTypes: ["full_day"], receiptNumber: "340321-2026-09999", filedOn: todayInShanghai(), organisationName: "别家" });
    const flags = async (pageSize: number, page: number) => (await searchDirectory(t.db, { q: "禾苗", page, pageSize })).rows.map((r) => [r.facilityId, r.inclusive]);
    const both = await flags(10, 1);
    expect(both).toHaveLength(2);
    expect(Object.fromEntries(both)).toEqual({ [facilityId]: true, [plain.id]: false });
    // one row a page: each page works out its own rows' status
    expect([...(await flags(1, 1)), ...(await flags(1, 2))]).toEqual(both);
    expect(await directoryEntry(t.db, plain.id)).toMatchObject({ inclusive: false });
    await t.db.delete(directoryEntries).where(eq(directoryEntries.facilityId, plain.id));
  });

  it("a certification is valid on its last day and expired the day after", () => {
    expect(validUntilFor("2026-03-01", 3)).toBe("2029-02-28");
    expect(validUntilFor("2024-02-29", 1)).toBe("2025-02-27");
    const app = { status: "certified", certifiedSlots: 20, validFrom: "2026-03-01", validUntil: "2029-02-28" } as never;
    expect(snapshotInclusive(app, "2029-02-28").status).toBe("certified");
    expect(snapshotInclusive(app, "2029-03-01").status).toBe("expired");
  });

  it("revocation needs a reason, a reviewer in scope, and revokes the certificate", async () => {
    const [app] = await t.db.select().from(inclusiveApplications).where(and(eq(inclusiveApplications.facilityId, facilityId), eq(inclusiveApplications.status, "certified")));
    await expect(revokeCertification(t.db, reviewer, app?.id ?? "", { reason: "" })).rejects.toBeInstanceOf(ValidationError);
    await expect(revokeCertification(t.db, outsider, app?.id ?? "", { reason: "x" })).rejects.toBeInstanceOf(ForbiddenError);
    await revokeCertification(t.db, reviewer, app?.id ?? "", { reason: "收费超过指导价" });
    const [cert] = await t.db.select().from(certificates).where(eq(certificates.id, app?.certificateId ?? ""));
    expect(cert?.status).toBe("revoked");
    expect((await verifyCertificate(t.db, cert?.code ?? "", todayInShanghai()))?.state).toBe("revoked");
    expect((await certificationQueue(t.db, reviewer)).map((q) => q.app.id)).not.toContain(app?.id);
    await expect(lodgeObjection(t.db, browserRequest(), app?.id ?? "", { content: "这是一条足够长的异议内容" })).rejects.toBeInstanceOf(NotFoundError);
  });

  it("cancelling the filing ends inclusive status", async () => {
    const appId = await applyForInclusive(t.db, operator, facilityId, {});
    await cancelFiling(t.db, operator, facilityId, { reason: "停业" });
    const [app] = await t.db.select().from(inclusiveApplications).where(eq(inclusiveApplications.id, appId));
    expect(app?.status).toBe("rejected");
    expect(app?.reasons).toContain("filing cancelled");
  });
});
