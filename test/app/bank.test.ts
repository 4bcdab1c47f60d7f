// Bank details for the operating subsidy (issue #7 part 2): the facility's operator enters and changes
// them (format check only: digits, 8–30), every change audited with before and after, shown masked but
// for the last four digits; finance sees "changed since last payment" against the latest paid batch that
// paid the facility.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { auditEvents, facilityBankAccounts, subsidyBatches, subsidyLines } from "../../db/schema";
import type { Actor } from "../../app/auth/session.server";
import { login } from "../../app/services/users.server";
import { ForbiddenError, ValidationError } from "../../app/services/errors";
import { bankAccountOf, bankAccountsOf, bankChangedSinceLastPayment, saveBankAccount } from "../../app/services/bank.server";
import { maskAccountNumber } from "../../app/services/subsidy.schemas";
import * as bankRoute from "../../app/routes/operator.facilities.$facilityId.bank";
import { createTestDb, DB_KINDS, type TestDb } from "../db/harness";
import { actorFor, browserRequest, makeOrganisation, makeUser, PASSWORD } from "./fixtures";
import { completeFacility } from "./filing-fixtures";
import { args, closeAppDbQuietly, routeRequest, statusOf, useAsAppDb } from "./route-helpers";

const ACCOUNT = { accountName: "怀远县禾苗托育服务有限公司", bankName: "中国农业银行怀远县支行", accountNumber: "6228 4801 2345 6789 012" };

describe("masking", () => {
  it("shows only the last four digits", () => {
    expect(maskAccountNumber("6228480123456789012")).toBe("***************9012");
    expect(maskAccountNumber("1234")).toBe("****");
  });
});

describe.each(DB_KINDS)("bank details on %s", (kind) => {
  let t: TestDb;
  let operator: Actor;
  let stranger: Actor;
  let reviewer: Actor;
  let facilityId: string;
  let otherFacilityId: string;
  const sessions: Record<string, string> = {};
  const counts = async () => ({
    accounts: (await t.db.select({ n: sql<number>`count(*)::int` }).from(facilityBankAccounts))[0]?.n ?? 0,
    audit: (await t.db.select({ n: sql<number>`count(*)::int` }).from(auditEvents))[0]?.n ?? 0,
  });
  const pause = () => new Promise((r) => setTimeout(r, 15));

  beforeAll(async () => {
    t = await createTestDb(kind);
    await useAsAppDb(t);
    const org = await makeOrganisation(t.db, "340321");
    const other = await makeOrganisation(t.db, "340321", "别家");
    await makeUser(t.db, { username: "op", roles: ["operator"], organisationId: org });
    await makeUser(t.db, { username: "op2", roles: ["operator"], organisationId: other });
    await makeUser(t.db, { username: "hy", roles: ["reviewer"], jurisdictionCode: "340321" });
    for (const name of ["op", "op2", "hy"]) {
      const r = await login(t.db, browserRequest(), { username: name, password: PASSWORD });
      if (!r.ok) throw new Error(name);
      sessions[name] = r.sessionId;
    }
    operator = await actorFor(t.db, sessions.op ?? "");
    stranger = await actorFor(t.db, sessions.op2 ?? "");
    reviewer = await actorFor(t.db, sessions.hy ?? "");
    facilityId = await completeFacility(t.db, operator);
    otherFacilityId = await completeFacility(t.db, operator, "第二托育点");
  }, 180_000);
  afterAll(async () => {
    await closeAppDbQuietly();
    await t.close();
  });

  it("refuses bad account details with field errors and changes nothing", async () => {
    const before = await counts();
    const cases: Array<[Record<string, string>, string, string]> = [
      [{ accountNumber: "1234567" }, "accountNumber", "subsidy.errors.accountNumber"],
      [{ accountNumber: "1".repeat(31) }, "accountNumber", "subsidy.errors.accountNumber"],
      [{ accountNumber: "6228-4801-2345" }, "accountNumber", "subsidy.errors.accountNumber"],
      [{ accountNumber: "62284801234A" }, "accountNumber", "subsidy.errors.accountNumber"],
      [{ accountNumber: "" }, "accountNumber", "subsidy.errors.required"],
      [{ accountName: "  " }, "accountName", "subsidy.errors.required"],
      [{ bankName: "" }, "bankName", "subsidy.errors.required"],
      [{ bankName: "银".repeat(101) }, "bankName", "subsidy.errors.tooLong"],
    ];
    for (const [overrides, field, key] of cases) {
      const error = await saveBankAccount(t.db, operator, facilityId, { ...ACCOUNT, ...overrides }).catch((e: unknown) => e);
      expect(error, JSON.stringify(overrides)).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).fieldErrors[field]).toBe(key);
    }
    expect(await counts()).toEqual(before);
  });

  it("refuses another organisation's operator and a reviewer, and changes nothing", async () => {
    const before = await counts();
    await expect(saveBankAccount(t.db, stranger, facilityId, ACCOUNT)).rejects.toMatchObject({ status: 403, reason: "scope" });
    await expect(saveBankAccount(t.db, reviewer, facilityId, ACCOUNT)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(saveBankAccount(t.db, operator, "00000000-0000-4000-8000-000000000000", ACCOUNT)).rejects.toMatchObject({ status: 404 });
    expect(await counts()).toEqual(before);
  });

  it("saves the details (spaces taken out of the number) and audits the entry", async () => {
    const before = await counts();
    expect(await saveBankAccount(t.db, operator, facilityId, ACCOUNT)).toEqual({ changed: true });
    const account = await bankAccountOf(t.db, facilityId);
    expect(account).toMatchObject({ accountName: ACCOUNT.accountName, bankName: ACCOUNT.bankName, accountNumber: "6228480123456789012", updatedBy: operator.userId, updatedByName: "op" });
    expect(await counts()).toEqual({ accounts: before.accounts + 1, audit: before.audit + 1 });
    const [event] = await t.db.select().from(auditEvents).where(eq(auditEvents.action, "bank_account.entered"));
    expect(event).toMatchObject({ entityId: facilityId, jurisdictionCode: "340321", actorUserId: operator.userId });
    expect(event?.after).toMatchObject({ accountNumber: "6228480123456789012" });
  });

  it("saving the same details again changes nothing; a change is audited with only the changed fields", async () => {
    const before = await counts();
    const stamp = (await bankAccountOf(t.db, facilityId))?.updatedAt;
    expect(await saveBankAccount(t.db, operator, facilityId, { ...ACCOUNT, accountNumber: "6228480123456789012" })).toEqual({ changed: false });
    expect(await counts()).toEqual(before);
    expect((await bankAccountOf(t.db, facilityId))?.updatedAt.getTime()).toBe(stamp?.getTime());
    await pause();
    expect(await saveBankAccount(t.db, operator, facilityId, { ...ACCOUNT, accountNumber: "6228480123450000" })).toEqual({ changed: true });
    expect(await counts()).toEqual({ accounts: before.accounts, audit: before.audit + 1 });
    const [event] = await t.db.select().from(auditEvents).where(eq(auditEvents.action, "bank_account.changed"));
    expect(event?.before).toEqual({ accountNumber: "6228480123456789012" });
    expect(event?.after).toEqual({ accountNumber: "6228480123450000" });
  });

  it("changed since last payment: never paid is not changed; a change after the latest paid batch is", async () => {
    await saveBankAccount(t.db, operator, otherFacilityId, { ...ACCOUNT, accountNumber: "622848000011112222" });
    expect(await bankChangedSinceLastPayment(t.db, [facilityId, otherFacilityId])).toEqual(new Set());
    expect(await bankChangedSinceLastPayment(t.db, [])).toEqual(new Set());

    let n = 0;
    const batch = async (status: "approved" | "paid", paidAt: Date | null) => {
      n += 1;
      const [row] = await t.db
        .insert(subsidyBatches)
        .values({
          jurisdictionCode: "340321",
          period: `2026-0${n}`,
          number: `340321-2026-0${n}`,
          status,
          preparedBy: reviewer.userId,
          approvedBy: stranger.userId,
          paidBy: paidAt ? stranger.userId : null,
          paidAt,
          paidOn: paidAt ? "2026-05-10" : null,
          paymentReference: paidAt ? `PAY-${n}` : null,
        })
        .returning({ id: subsidyBatches.id });
      return row?.id ?? "";
    };
    const line = async (batchId: string, facility: string, period: string, payable: boolean) =>
      t.db.insert(subsidyLines).values({
        batchId,
        facilityId: facility,
        facilityName: "测试机构",
        jurisdictionCode: "340321",
        period,
        kind: "original",
        payable,
        amountFen: payable ? 600_000 : 0,
        entitledFen: payable ? 600_000 : 0,
        status: payable ? "eligible" : "ineligible",
        reasons: payable ? [] : ["subsidy.inclusive"],
        decision: {},
        rulesVersion: "test",
        provisional: false,
      });

    await pause();
    // a paid batch paying the first facility, after its last change: nothing changed since
    const paid = await batch("paid", new Date());
    await line(paid, facilityId, "2026-01", true);
    // the second facility only has an excluded line in it: never paid
    await line(paid, otherFacilityId, "2026-01", false);
    expect(await bankChangedSinceLastPayment(t.db, [facilityId, otherFacilityId])).toEqual(new Set());

    await pause();
    await saveBankAccount(t.db, operator, facilityId, { ...ACCOUNT, accountNumber: "6228480999999999" });
    await saveBankAccount(t.db, operator, otherFacilityId, { ...ACCOUNT, accountNumber: "6228480888888888" });
    expect(await bankChangedSinceLastPayment(t.db, [facilityId, otherFacilityId])).toEqual(new Set([facilityId]));

    // an approved (not yet paid) batch does not count as a payment
    await pause();
    const approved = await batch("approved", null);
    await line(approved, facilityId, "2026-02", true);
    expect(await bankChangedSinceLastPayment(t.db, [facilityId])).toEqual(new Set([facilityId]));

    // a later paid batch is the new reference point
    await pause();
    const paidAgain = await batch("paid", new Date());
    await line(paidAgain, facilityId, "2026-03", true);
    expect(await bankChangedSinceLastPayment(t.db, [facilityId, otherFacilityId])).toEqual(new Set());
    expect((await bankAccountsOf(t.db, [facilityId, otherFacilityId])).size).toBe(2);
  });

  it("the page: its operator sees it masked and saves; others get a 403; bad input a 400 with nothing changed", async () => {
    const path = `/operator/facilities/${facilityId}/bank`;
    const page = (await bankRoute.loader(args(routeRequest(path, { sessionId: sessions.op }), { facilityId }))) as { account: { masked: string } };
    expect(page.account.masked).toBe("************9999");
    expect(await statusOf(() => bankRoute.loader(args(routeRequest(path, { sessionId: sessions.op2 }), { facilityId })))).toBe(403);
    expect(await statusOf(() => bankRoute.loader(args(routeRequest(path, { sessionId: sessions.hy }), { facilityId })))).toBe(403);
    const before = await counts();
    expect(await statusOf(() => bankRoute.action(args(routeRequest(path, { sessionId: sessions.op2, form: ACCOUNT }), { facilityId })))).toBe(403);
    expect(await statusOf(() => bankRoute.action(args(routeRequest(path, { sessionId: sessions.hy, form: ACCOUNT }), { facilityId })))).toBe(403);
    const bad = await bankRoute.action(args(routeRequest(path, { sessionId: sessions.op, form: { ...ACCOUNT, accountNumber: "12ab" } }), { facilityId }));
    expect(await statusOf(() => bad)).toBe(400);
    expect(JSON.stringify(bad)).toContain("subsidy.errors.accountNumber");
    expect(await counts()).toEqual(before);
    const ok = await bankRoute.action(args(routeRequest(path, { sessionId: sessions.op, form: ACCOUNT }), { facilityId }));
    expect(ok instanceof Response && ok.headers.get("location")).toBe(`${path}?flash=saved`);
    expect((await bankAccountOf(t.db, facilityId))?.accountNumber).toBe("6228480123456789012");
  });
});
