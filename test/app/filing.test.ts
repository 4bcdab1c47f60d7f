import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { queryRows } from "../../db/client";
import { auditEvents, directoryEntries, facilities, facilityClasses, filings, inboxMessages, staffMembers } from "../../db/schema";
import type { Actor } from "../../app/auth/session.server";
import { login } from "../../app/services/users.server";
import { ConflictError, ForbiddenError, ValidationError } from "../../app/services/errors";
import {
  createFacility,
  listStaff,
  readDocument,
  revealStaffIdNumber,
  saveClass,
  saveOrganisation,
  saveStaffMember,
  updateFacility,
  uploadDocument,
} from "../../app/services/facilities.server";
import {
  acceptFiling,
  buildSnapshot,
  cancelFiling,
  checklistIsClear,
  filingChecklist,
  filingHistory,
  returnFiling,
  reviewQueue,
  searchDirectory,
  submitFiling,
} from "../../app/services/filing.server";
import { decryptIdNumber } from "../../app/utils/personal-id.server";
import type { Evaluation } from "../../rules/engine/evaluate";
import { createTestDb, DB_KINDS, type TestDb } from "../db/harness";
import { actorFor, browserRequest, makeOrganisation, makeUser, PASSWORD } from "./fixtures";
import { completeFacility, idNumber, ORGANISATION, pdf, storage } from "./filing-fixtures";

describe.each(DB_KINDS)("filing (备案) on %s", (kind) => {
  let t: TestDb;
  let operator: Actor;
  let otherOperator: Actor;
  let huaiyuan: Actor;
  let wuhe: Actor;
  let city: Actor;
  let facilityId: string;

  async function signedIn(username: string): Promise<Actor> {
    const r = await login(t.db, browserRequest(), { username, password: PASSWORD });
    if (!r.ok) throw new Error(`login ${username}`);
    return actorFor(t.db, r.sessionId);
  }

  async function auditCount(action: string, entityId?: string): Promise<number> {
    const rows = await t.db.select().from(auditEvents).where(entityId ? and(eq(auditEvents.action, action), eq(auditEvents.entityId, entityId)) : eq(auditEvents.action, action));
    return rows.length;
  }

  beforeAll(async () => {
    t = await createTestDb(kind);
    const org = await makeOrganisation(t.db, "340321", "怀远县禾苗托育服务有限公司");
    const other = await makeOrganisation(t.db, "340322", "五河县某托育");
    await makeUser(t.db, { username: "op", roles: ["operator"], organisationId: org });
    await makeUser(t.db, { username: "op2", roles: ["operator"], organisationId: other });
    await makeUser(t.db, { username: "hy", roles: ["reviewer"], jurisdictionCode: "340321" });
    await makeUser(t.db, { username: "wh", roles: ["reviewer"], jurisdictionCode: "340322" });
    await makeUser(t.db, { username: "bb", roles: ["reviewer"], jurisdictionCode: "340300" });
    operator = await signedIn("op");
    otherOperator = await signedIn("op2");
    huaiyuan = await signedIn("hy");
    wuhe = await signedIn("wh");
    city = await signedIn("bb");
    facilityId = await completeFacility(t.db, operator);
  }, 120_000);
  afterAll(async () => t.close());

  it("the checklist of a complete facility is all green", async () => {
    const [facility] = await t.db.select().from(facilities).where(eq(facilities.id, facilityId));
    if (!facility) throw new Error("no facility");
    const evaluation = filingChecklist(await buildSnapshot(t.db, facility));
    const statuses = Object.fromEntries(evaluation.determinations.map((d) => [d.measure, d.status]));
    const unmet = evaluation.determinations.flatMap((d) => d.conditions.filter((c) => c.result !== "met").map((c) => `${d.measure}:${c.id}`));
    expect(unmet).toEqual([]);
    expect(statuses).toEqual({ "filing.complete": "eligible", "staffing.compliant": "eligible" });
  });

  it("a new facility's checklist lists everything missing at once", async () => {
    const id = await createFacility(t.db, operator, { name: "新园", jurisdictionCode: "340321", serviceTypes: [] });
    const [facility] = await t.db.select().from(facilities).where(eq(facilities.id, id));
    if (!facility) throw new Error("no facility");
    const evaluation = filingChecklist(await buildSnapshot(t.db, facility));
    const open = evaluation.determinations.flatMap((d) => d.conditions.filter((c) => c.result !== "met"));
    expect(open.length).toBeGreaterThan(3);
    // and it cannot be submitted without an explanation
    const error = await submitFiling(t.db, operator, id, {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fieldErrors).toEqual({ explanation: "filing.filing.explanationRequired" });
    await submitFiling(t.db, operator, id, { explanation: "场地材料正在办理中，先行提交。" });
    const [f] = await t.db.select().from(filings).where(eq(filings.facilityId, id));
    expect(f?.explanation).toContain("场地材料");
  });

  it("refuses bad input with field messages and changes nothing", async () => {
    const before = await t.db.select().from(facilityClasses).where(eq(facilityClasses.facilityId, facilityId));
    const cases: Array<[() => Promise<unknown>, Record<string, string>]> = [
      [() => saveOrganisation(t.db, operator, { ...ORGANISATION, uscc: "91340321MA2R3K5L1A" }), { uscc: "filing.organisation.usccCheck" }],
      [() => saveOrganisation(t.db, operator, { ...ORGANISATION, uscc: "91340321MA2R3K5L1" }), { uscc: "filing.organisation.usccShape" }],
      [() => saveStaffMember(t.db, operator, facilityId, null, { name: "某", idNumber: "340321199001011231", role: "caregiver" }), { idNumber: "filing.staff.idNumberCheck" }],
      [() => saveStaffMember(t.db, operator, facilityId, null, { name: "某", idNumber: "12345", role: "caregiver" }), { idNumber: "filing.staff.idNumberShape" }],
      [() => saveStaffMember(t.db, operator, facilityId, null, { name: "某", idNumber: idNumber(1), role: "caregiver" }), { idNumber: "filing.staff.idNumberDuplicate" }],
      [() => saveClass(t.db, operator, facilityId, null, { type: "toddler", capacity: "-1", enrolled: "0", caregivers: "1" }), { capacity: "filing.validation.count" }],
      [() => saveClass(t.db, operator, facilityId, null, { type: "toddler", capacity: "10", enrolled: "11", caregivers: "1" }), { enrolled: "filing.class.enrolledAboveCapacity" }],
      [() => saveClass(t.db, operator, facilityId, null, { type: "toddler", capacity: "30", enrolled: "11", caregivers: "1" }), { capacity: "filing.class.capacityAboveSlots" }],
      [() => saveClass(t.db, operator, facilityId, null, { type: "giant", capacity: "3", enrolled: "1", caregivers: "1" }), { type: "filing.validation.choice" }],
      [() => updateFacility(t.db, operator, facilityId, { name: "x", jurisdictionCode: "340321", totalSlots: "10" }), { totalSlots: "filing.facility.slotsBelowCapacity" }],
      [() => updateFacility(t.db, operator, facilityId, { name: "x", jurisdictionCode: "340321", openedOn: "2026-02-30" }), { openedOn: "filing.validation.date" }],
      [() => uploadDocument(t.db, operator, facilityId, { kind: "site_proof" }, { bytes: new Uint8Array(10 * 1024 * 1024 + 1).fill(0x25), name: "big.pdf" }, storage), { file: "filing.upload.tooLarge" }],
      [() => uploadDocument(t.db, operator, facilityId, { kind: "site_proof" }, { bytes: new TextEncoder().encode("MZ\x90\x00 not really a pdf"), name: "virus.pdf" }, storage), { file: "filing.upload.badType" }],
      [() => uploadDocument(t.db, operator, facilityId, { kind: "health_evaluation" }, pdf(), storage), { passed: "filing.document.resultRequired" }],
    ];
    for (const [run, expected] of cases) {
      const error = await run().catch((e: unknown) => e);
      expect(error, JSON.stringify(expected)).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).fieldErrors).toMatchObject(expected);
    }
    const after = await t.db.select().from(facilityClasses).where(eq(facilityClasses.facilityId, facilityId));
    expect(after).toEqual(before);
    const [facility] = await t.db.select().from(facilities).where(eq(facilities.id, facilityId));
    expect(facility?.name).toBe("禾苗托育中心");
  });

  it("accepts a class that breaks the national maximum and lets the checklist report it", async () => {
    const id = await createFacility(t.db, operator, { name: "超额班测试", jurisdictionCode: "340321", kind: "standalone", totalSlots: "40", serviceTypes: ["full_day"] });
    await saveClass(t.db, operator, id, null, { type: "toddler", capacity: "20", enrolled: "16", caregivers: "3" });
    const [facility] = await t.db.select().from(facilities).where(eq(facilities.id, id));
    if (!facility) throw new Error("no facility");
    const staffing = filingChecklist(await buildSnapshot(t.db, facility)).determinations.find((d) => d.measure === "staffing.compliant");
    expect(staffing?.status).toBe("ineligible");
  });

  it("records a class's youngest age (0–36 months) and the snapshot carries it, so a mixed kindergarten class can be judged", async () => {
    const id = await createFacility(t.db, operator, { name: "混合班测试", jurisdictionCode: "340321", kind: "standalone", totalSlots: "40", serviceTypes: ["full_day"] });
    await expect(saveClass(t.db, operator, id, null, { type: "mixed", capacity: "12", enrolled: "10", caregivers: "2", youngestAgeMonths: "37" })).rejects.toMatchObject({
      fieldErrors: { youngestAgeMonths: "filing.class.youngestAgeRange" },
    });
    await expect(saveClass(t.db, operator, id, null, { type: "mixed", capacity: "12", enrolled: "10", caregivers: "2", youngestAgeMonths: "两岁" })).rejects.toMatchObject({
      fieldErrors: { youngestAgeMonths: "filing.validation.count" },
    });
    expect(await t.db.select().from(facilityClasses).where(eq(facilityClasses.facilityId, id))).toHaveLength(0);
    await saveClass(t.db, operator, id, null, { type: "mixed", capacity: "12", enrolled: "10", caregivers: "2", youngestAgeMonths: "18" });
    await saveClass(t.db, operator, id, null, { type: "older_toddler", capacity: "12", enrolled: "10", caregivers: "2", youngestAgeMonths: "" });
    const [facility] = await t.db.select().from(facilities).where(eq(facilities.id, id));
    if (!facility) throw new Error("no facility");
    const snapshot = await buildSnapshot(t.db, facility);
    expect(snapshot.classes?.map((c) => [c.type, c.youngestAgeMonths ?? null]).sort()).toEqual([
      ["mixed", 18],
      ["older_toddler", null],
    ]);
  });

  it("stores ID numbers encrypted, shows them masked, and audits each full view", async () => {
    const rows = await queryRows<Record<string, unknown>>(t.db, sql`SELECT * FROM staff_members`);
    const dump = JSON.stringify(rows);
    expect(dump).not.toContain(idNumber(1));
    expect(dump).not.toContain(idNumber(1).slice(6, 14));
    const [row] = await t.db.select().from(staffMembers).where(eq(staffMembers.facilityId, facilityId)).limit(1);
    expect(() => decryptIdNumber(row?.idNumberEncrypted ?? "", "00".repeat(32))).toThrow();
    const roster = await listStaff(t.db, facilityId);
    expect(roster[0]?.idNumberMasked).toMatch(/^3403\*{10}\d{3}[\dX]$/);
    expect(JSON.stringify(roster)).not.toContain(idNumber(1));
    const audits = JSON.stringify(await t.db.select().from(auditEvents));
    expect(audits).not.toContain(idNumber(1));
    const full = await revealStaffIdNumber(t.db, operator, row?.id ?? "");
    expect(full).toMatch(/^34032119900101\d{3}[\dX]$/);
    expect(await auditCount("staff.id_number_viewed", row?.id)).toBe(1);
    await expect(revealStaffIdNumber(t.db, wuhe, row?.id ?? "")).rejects.toBeInstanceOf(ForbiddenError);
    await expect(revealStaffIdNumber(t.db, otherOperator, row?.id ?? "")).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("documents are readable only by the operator and reviewers in scope", async () => {
    const { listDocuments } = await import("../../app/services/facilities.server");
    const [doc] = await listDocuments(t.db, facilityId);
    const own = await readDocument(t.db, operator, doc?.id ?? "", storage);
    expect(new TextDecoder().decode(own.bytes)).toMatch(/^%PDF-/);
    expect((await readDocument(t.db, huaiyuan, doc?.id ?? "", storage)).doc.id).toBe(doc?.id);
    await expect(readDocument(t.db, wuhe, doc?.id ?? "", storage)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(readDocument(t.db, otherOperator, doc?.id ?? "", storage)).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("other operators and reviewers cannot change a facility", async () => {
    await expect(updateFacility(t.db, otherOperator, facilityId, { name: "x", jurisdictionCode: "340321" })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(updateFacility(t.db, huaiyuan, facilityId, { name: "x", jurisdictionCode: "340321" })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(submitFiling(t.db, otherOperator, facilityId, {})).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("submit → return with reasons → fix → resubmit → accept with a receipt; the directory lists it", async () => {
    const filingId = await submitFiling(t.db, operator, facilityId, {});
    expect(await auditCount("filing.submitted", filingId)).toBe(1);
    const [filing] = await t.db.select().from(filings).where(eq(filings.id, filingId));
    expect(filing?.dueOn && filing.dueOn > filing.submittedAt.toISOString().slice(0, 10)).toBe(true);
    // editing is locked while under review
    await expect(saveClass(t.db, operator, facilityId, null, { type: "infant", capacity: "5", enrolled: "1", caregivers: "1" })).rejects.toBeInstanceOf(ConflictError);

    expect((await reviewQueue(t.db, huaiyuan)).map((q) => q.filingId)).toContain(filingId);
    expect((await reviewQueue(t.db, city)).map((q) => q.filingId)).toContain(filingId);
    expect((await reviewQueue(t.db, wuhe)).map((q) => q.filingId)).not.toContain(filingId);
    // "checklist clear" is answered in SQL from the stored evaluation; it agrees with the rules' reading
    const queued = await reviewQueue(t.db, huaiyuan);
    const stored = new Map((await t.db.select({ id: filings.id, evaluation: filings.evaluation }).from(filings)).map((f) => [f.id, f.evaluation as Evaluation]));
    expect(queued.map((q) => q.checklistClear)).toEqual(queued.map((q) => checklistIsClear(stored.get(q.filingId) as Evaluation)));
    expect(new Set(queued.map((q) => q.checklistClear))).toEqual(new Set([true, false]));
    await expect(acceptFiling(t.db, wuhe, filingId)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(acceptFiling(t.db, operator, filingId)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(returnFiling(t.db, huaiyuan, filingId, { reasons: [] })).rejects.toBeInstanceOf(ValidationError);

    await returnFiling(t.db, huaiyuan, filingId, { reasons: [{ item: "document.fire_safety", reason: "消防证明页面不清晰，请重新上传" }] });
    expect(await auditCount("filing.returned", filingId)).toBe(1);
    const [returned] = await t.db.select().from(facilities).where(eq(facilities.id, facilityId));
    expect(returned?.filingState).toBe("returned");
    const messages = await t.db.select().from(inboxMessages).where(eq(inboxMessages.facilityId, facilityId));
    expect(messages.map((m) => m.kind)).toContain("filingReturned");

    await uploadDocument(t.db, operator, facilityId, { kind: "fire_safety", issuedOn: "2025-05-01" }, pdf("fire-2"), storage);
    const second = await submitFiling(t.db, operator, facilityId, {});
    const { receiptNumber } = await acceptFiling(t.db, huaiyuan, second);
    expect(receiptNumber).toMatch(/^340321-20\d{2}-00001$/);
    expect(await auditCount("filing.accepted", second)).toBe(1);
    const [accepted] = await t.db.select().from(filings).where(eq(filings.id, second));
    expect(accepted?.decisionRulesVersion).toBeTruthy();
    expect(accepted?.snapshot).toMatchObject({ jurisdiction: "340321" });
    await expect(acceptFiling(t.db, huaiyuan, second)).rejects.toBeInstanceOf(ConflictError);

    const { rows } = await searchDirectory(t.db, { q: "禾苗", page: 1, pageSize: 10 });
    expect(rows.map((r) => r.receiptNumber)).toEqual([receiptNumber]);
    expect(JSON.stringify(rows)).not.toMatch(/员工|3403211990/);
    expect((await searchDirectory(t.db, { county: "340322", page: 1, pageSize: 10 })).rows).toHaveLength(0);
    expect((await searchDirectory(t.db, { county: "340300", service: "half_day", kind: "standalone", page: 1, pageSize: 10 })).rows).toHaveLength(1);
    expect((await filingHistory(t.db, operator, facilityId)).map((h) => h.status)).toEqual(["accepted", "returned"]);
  });

  it("a change request leaves the filed data in force until accepted", async () => {
    await updateFacility(t.db, operator, facilityId, { name: "禾苗托育中心（新址）", jurisdictionCode: "340321", kind: "standalone", serviceTypes: ["full_day"], totalSlots: "60", openedOn: "2025-03-01", mealsProvided: "false", premisesTenure: "owned" });
    const change = await submitFiling(t.db, operator, facilityId, {});
    const [pending] = await t.db.select().from(facilities).where(eq(facilities.id, facilityId));
    expect(pending?.filingState).toBe("change_submitted");
    const [entry] = await t.db.select().from(directoryEntries).where(eq(directoryEntries.facilityId, facilityId));
    expect(entry?.name).toBe("禾苗托育中心");
    await returnFiling(t.db, huaiyuan, change, { reasons: [{ item: "general", reason: "请补充新址场地证明" }] });
    const [rejected] = await t.db.select().from(facilities).where(eq(facilities.id, facilityId));
    expect(rejected?.filingState).toBe("filed");
    const again = await submitFiling(t.db, operator, facilityId, { explanation: "" });
    await acceptFiling(t.db, city, again);
    const [updated] = await t.db.select().from(directoryEntries).where(eq(directoryEntries.facilityId, facilityId));
    expect(updated?.name).toBe("禾苗托育中心（新址）");
    expect(updated?.receiptNumber).toMatch(/-00001$/);
  });

  it("cancellation ends the filing and removes the facility from the directory", async () => {
    await expect(cancelFiling(t.db, operator, facilityId, { reason: "" })).rejects.toBeInstanceOf(ValidationError);
    await expect(cancelFiling(t.db, wuhe, facilityId, { reason: "已停业" })).rejects.toBeInstanceOf(ForbiddenError);
    await cancelFiling(t.db, operator, facilityId, { reason: "停止经营" });
    const [f] = await t.db.select().from(facilities).where(eq(facilities.id, facilityId));
    expect(f?.filingState).toBe("cancelled");
    expect(await t.db.select().from(directoryEntries).where(eq(directoryEntries.facilityId, facilityId))).toHaveLength(0);
    const snapshot = await buildSnapshot(t.db, f ?? (undefined as never));
    expect(snapshot.filing?.status).toBe("cancelled");
    expect(await auditCount("filing.cancelled", facilityId)).toBe(1);
    await expect(cancelFiling(t.db, operator, facilityId, { reason: "again" })).rejects.toBeInstanceOf(ConflictError);
  });

  // concurrency only means something on PostgreSQL (PGlite is a single connection): defined there only
  if (kind !== "postgres") return;

  it("two reviewers accepting the same filing at once: one wins, one gets a conflict (PostgreSQL)", async () => {
    const id = await completeFacility(t.db, operator, "并发测试托育");
    const filingId = await submitFiling(t.db, operator, id, {});
    const results = await Promise.allSettled([acceptFiling(t.db, huaiyuan, filingId), acceptFiling(t.db, city, filingId)]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r) => r.status === "rejected");
    expect(rejected && rejected.status === "rejected" ? rejected.reason : null).toBeInstanceOf(ConflictError);
  });

  it("receipt numbers stay unique and gapless under 20 concurrent acceptances (PostgreSQL)", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 20; i += 1) {
      const id = await createFacility(t.db, operator, { name: `批量${i}`, jurisdictionCode: "340321", serviceTypes: [] });
      ids.push(await submitFiling(t.db, operator, id, { explanation: "测试用，材料后补。" }));
    }
    const [{ n: before } = { n: 0 }] = await queryRows<{ n: number }>(t.db, sql`SELECT count(*)::int AS n FROM facilities WHERE receipt_number LIKE '340321-%'`);
    const results = await Promise.all(ids.map((id, i) => acceptFiling(t.db, i % 2 ? huaiyuan : city, id)));
    const numbers = results.map((r) => Number(r.receiptNumber?.split("-")[2])).sort((a, b) => a - b);
    expect(new Set(numbers).size).toBe(20);
    expect(numbers).toEqual(Array.from({ length: 20 }, (_, i) => Number(before) + 1 + i));
  });
});
