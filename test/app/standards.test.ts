// Local subsidy standards (issue #7 part 1): an administrator enters a county's operating subsidy standard
// as three dated, cited local parameter values; the rules' own check refuses overlaps and values without
// a reference; a replacement supersedes and keeps history; the local value wins over the built-in
// provisional demo value in a rules evaluation; scope and roles on the service and the page.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, isNull, sql } from "drizzle-orm";
import { auditEvents, localParameterValues, priceSchedules } from "../../db/schema";
import type { Actor } from "../../app/auth/session.server";
import { login } from "../../app/services/users.server";
import { ConflictError, ForbiddenError, ValidationError } from "../../app/services/errors";
import { localParameters } from "../../app/services/pricing.server";
import { enterStandard, replaceStandard, standardHistory, standardJurisdictions, standardsInForce, SUBSIDY_PARAMETERS } from "../../app/services/standards.server";
import * as standardsRoute from "../../app/routes/admin.standards";
import { evaluate } from "../../rules/engine/evaluate";
import type { Snapshot } from "../../rules/snapshot";
import { createTestDb, DB_KINDS, type TestDb } from "../db/harness";
import { actorFor, browserRequest, makeOrganisation, makeUser, PASSWORD } from "./fixtures";
import { args, closeAppDbQuietly, routeRequest, statusOf, useAsAppDb } from "./route-helpers";

const REFERENCE = { referenceDocument: "怀远县托育服务机构补助实施细则（怀卫〔2026〕1号）", referenceClause: "第五条" };

function standard(overrides: Record<string, string> = {}) {
  return {
    jurisdictionCode: "340321",
    effectiveFrom: "2026-01-01",
    effectiveTo: "",
    perChildMonth: "500",
    perChildMonthKindergartenClass: "300",
    maxMonthsPerYear: "10",
    periodRule: "whole_month_if_filed_on_first",
    minAttendanceDays: "",
    ...REFERENCE,
    referenceUrl: "",
    ...overrides,
  };
}

/** An inclusive (public), filed standalone facility with an approved report of 30 full-day children. */
function snapshot(jurisdiction: string, period = "2026-03"): Snapshot {
  return {
    jurisdiction,
    operator: { name: "公办托育中心", ownership: "public", legalForm: "public_institution", uscc: "12340321MB0000001X", businessScopeIncludesChildcare: true },
    facility: { kind: "standalone", totalSlots: 60, serviceTypes: ["full_day"] },
    filing: { status: "filed", filedOn: "2025-01-10" },
    classes: [],
    staff: [],
    enrolment: { period, approved: true, fullDayChildren: 30, attendingFullDayChildren: 30, subsidisedMonthsThisYear: 0 },
  };
}

describe.each(DB_KINDS)("local subsidy standards on %s", (kind) => {
  let t: TestDb;
  let cityAdmin: Actor;
  let countyAdmin: Actor;
  let alarAdmin: Actor;
  let reviewer: Actor;
  const sessions: Record<string, string> = {};
  const counts = async () => ({
    values: (await t.db.select({ n: sql<number>`count(*)::int` }).from(localParameterValues))[0]?.n ?? 0,
    audit: (await t.db.select({ n: sql<number>`count(*)::int` }).from(auditEvents))[0]?.n ?? 0,
  });
  const get = (path: string, session: string) => routeRequest(path, { sessionId: sessions[session] });
  const post = (path: string, session: string, form: Record<string, string>) => routeRequest(path, { sessionId: sessions[session], form });

  beforeAll(async () => {
    t = await createTestDb(kind);
    await useAsAppDb(t);
    const org = await makeOrganisation(t.db, "340321");
    await makeUser(t.db, { username: "bb-admin", roles: ["admin"], jurisdictionCode: "340300" });
    await makeUser(t.db, { username: "hy-admin", roles: ["admin"], jurisdictionCode: "340321" });
    await makeUser(t.db, { username: "al-admin", roles: ["admin"], jurisdictionCode: "659002" });
    await makeUser(t.db, { username: "bb-reviewer", roles: ["reviewer"], jurisdictionCode: "340300" });
    await makeUser(t.db, { username: "op", roles: ["operator"], organisationId: org });
    for (const name of ["bb-admin", "hy-admin", "al-admin", "bb-reviewer", "op"]) {
      const r = await login(t.db, browserRequest(), { username: name, password: PASSWORD });
      if (!r.ok) throw new Error(name);
      sessions[name] = r.sessionId;
    }
    cityAdmin = await actorFor(t.db, sessions["bb-admin"] ?? "");
    countyAdmin = await actorFor(t.db, sessions["hy-admin"] ?? "");
    alarAdmin = await actorFor(t.db, sessions["al-admin"] ?? "");
    reviewer = await actorFor(t.db, sessions["bb-reviewer"] ?? "");
  }, 120_000);
  afterAll(async () => {
    await closeAppDbQuietly();
    await t.close();
  });

  it("offers the counties in scope, and a city only when no county lies below it", async () => {
    expect((await standardJurisdictions(t.db, cityAdmin)).map((j) => j.code)).toEqual(["340302", "340303", "340304", "340311", "340321", "340322", "340323"]);
    expect((await standardJurisdictions(t.db, countyAdmin)).map((j) => j.code)).toEqual(["340321"]);
    expect((await standardJurisdictions(t.db, alarAdmin)).map((j) => j.code)).toEqual(["659002"]);
  });

  it("before anything is entered, 蚌埠's counties run on the provisional demo values and 阿拉尔 has none", async () => {
    const bengbu = await standardsInForce(t.db, cityAdmin, "2026-03-01");
    expect(bengbu.every((s) => s.source === "provisional" && s.perChildMonthFen === 20_000 && s.anyProvisional)).toBe(true);
    const [alar] = await standardsInForce(t.db, alarAdmin, "2026-03-01");
    expect(alar).toMatchObject({ code: "659002", source: "none", perChildMonthFen: null });
  });

  it("refuses bad input with field errors in both languages' keys, and changes nothing", async () => {
    const before = await counts();
    const cases: Array<[Record<string, string>, string, string]> = [
      [{ referenceDocument: "" }, "referenceDocument", "subsidy.errors.required"],
      [{ referenceClause: "  " }, "referenceClause", "subsidy.errors.required"],
      [{ perChildMonth: "-5" }, "perChildMonth", "subsidy.errors.amount"],
      [{ perChildMonth: "0" }, "perChildMonth", "subsidy.errors.amountPositive"],
      [{ perChildMonthKindergartenClass: "3OO" }, "perChildMonthKindergartenClass", "subsidy.errors.amount"],
      [{ maxMonthsPerYear: "13" }, "maxMonthsPerYear", "subsidy.errors.months"],
      [{ maxMonthsPerYear: "0" }, "maxMonthsPerYear", "subsidy.errors.months"],
      [{ periodRule: "" }, "periodRule", "subsidy.errors.periodRule"],
      [{ periodRule: "every_other_month" }, "periodRule", "subsidy.errors.periodRule"],
      [{ periodRule: "minimum_attendance_days" }, "minAttendanceDays", "subsidy.errors.attendanceDays"],
      [{ periodRule: "minimum_attendance_days", minAttendanceDays: "40" }, "minAttendanceDays", "subsidy.errors.attendanceDays"],
      [{ effectiveFrom: "2026-02-30" }, "effectiveFrom", "subsidy.errors.date"],
      [{ effectiveTo: "2025-12-31" }, "effectiveTo", "subsidy.errors.endBeforeStart"],
      [{ referenceUrl: "javascript:alert(1)" }, "referenceUrl", "subsidy.errors.url"],
      [{ jurisdictionCode: "340300" }, "jurisdictionCode", "subsidy.standards.errors.notCounty"],
      [{ jurisdictionCode: "999999" }, "jurisdictionCode", "subsidy.standards.errors.jurisdiction"],
    ];
    for (const [overrides, field, key] of cases) {
      const error = await enterStandard(t.db, cityAdmin, standard(overrides)).catch((e: unknown) => e);
      expect(error, JSON.stringify(overrides)).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).fieldErrors[field], JSON.stringify(overrides)).toBe(key);
    }
    // 阿拉尔's demo towns are not where standards are set
    await expect(enterStandard(t.db, alarAdmin, standard({ jurisdictionCode: "659002101" }))).rejects.toMatchObject({ fieldErrors: { jurisdictionCode: "subsidy.standards.errors.notCounty" } });
    expect(await counts()).toEqual(before);
  });

  it("refuses an actor without the permission, and a jurisdiction outside the administrator's scope", async () => {
    const before = await counts();
    await expect(enterStandard(t.db, reviewer, standard())).rejects.toBeInstanceOf(ForbiddenError);
    await expect(enterStandard(t.db, countyAdmin, standard({ jurisdictionCode: "340322" }))).rejects.toMatchObject({ status: 403, reason: "scope" });
    await expect(enterStandard(t.db, alarAdmin, standard())).rejects.toMatchObject({ status: 403, reason: "scope" });
    await expect(standardHistory(t.db, reviewer)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(replaceStandard(t.db, countyAdmin, { jurisdictionCode: "340322", effectiveFrom: "2026-01-01" }, standard({ jurisdictionCode: "340322" }))).rejects.toMatchObject({ status: 403 });
    expect(await counts()).toEqual(before);
  });

  it("enters a county's standard as four cited rows (rates, month cap, period rule) with their effective and entry dates, audited", async () => {
    const before = await counts();
    const startedAt = Date.now();
    await enterStandard(t.db, countyAdmin, standard({ perChildMonth: "500.50", referenceUrl: "https://www.huaiyuan.gov.cn/doc/1.html" }));
    const rows = await t.db.select().from(localParameterValues).where(eq(localParameterValues.jurisdictionCode, "340321"));
    expect(rows.map((r) => [r.parameter, r.value]).sort()).toEqual(
      [
        [SUBSIDY_PARAMETERS.maxMonthsPerYear, 10],
        [SUBSIDY_PARAMETERS.perChildMonthKindergartenClassFen, 30_000],
        [SUBSIDY_PARAMETERS.perChildMonthFen, 50_050],
        [SUBSIDY_PARAMETERS.periodRule, ["whole_month_if_filed_on_first"]],
      ].sort(),
    );
    for (const r of rows) {
      expect(r).toMatchObject({ effectiveFrom: "2026-01-01", effectiveTo: null, ...REFERENCE, referenceUrl: "https://www.huaiyuan.gov.cn/doc/1.html", enteredBy: countyAdmin.userId, supersededAt: null });
      expect(r.enteredAt.getTime()).toBeGreaterThanOrEqual(startedAt - 1000);
    }
    const after = await counts();
    expect(after).toEqual({ values: before.values + 4, audit: before.audit + 1 });
    const [event] = await t.db.select().from(auditEvents).where(eq(auditEvents.action, "subsidy_standard.entered"));
    expect(event).toMatchObject({ actorUserId: countyAdmin.userId, jurisdictionCode: "340321", entityType: "local_parameter_value" });
    expect(JSON.stringify(event?.after)).toContain("50050");
  });

  it("the local value wins over the provisional demo value in a rules evaluation, and is not provisional", async () => {
    const local = await localParameters(t.db);
    expect(local.filter((v) => v.jurisdiction === "340321")).toHaveLength(4);
    expect(local.every((v) => v.provisional === false)).toBe(true);
    const [huaiyuan] = evaluate(snapshot("340321"), { asOf: "2026-04-01", localParameters: local, measures: ["subsidy.operating"] }).determinations;
    const rate = huaiyuan?.parameters.find((p) => p.id === SUBSIDY_PARAMETERS.perChildMonthFen);
    expect(rate).toMatchObject({ value: 50_050, provisional: false, local: true, jurisdiction: "340321", reference: { document: REFERENCE.referenceDocument, clause: "第五条" } });
    expect(huaiyuan?.parameters.find((p) => p.id === SUBSIDY_PARAMETERS.maxMonthsPerYear)).toMatchObject({ value: 10, provisional: false, local: true });
    expect(huaiyuan?.status).toBe("eligible");
    expect(huaiyuan?.amountFen).toBe(30 * 50_050);
    // every subsidy.operating.* value used is the local, published one. (The determination's own
    // `provisional` flag also covers measure.kindergarten.inclusive_toddler_class.enabled, whose national
    // start date is provisional in the built-in table — not a subsidy standard an administrator enters.)
    const subsidyValues = huaiyuan?.parameters.filter((p) => p.id.startsWith("subsidy.operating.")) ?? [];
    expect(subsidyValues).toHaveLength(4);
    expect(subsidyValues.every((p) => p.provisional === false && p.local)).toBe(true);
    // 五河县 still runs on the demo value, marked provisional
    const [wuhe] = evaluate(snapshot("340322"), { asOf: "2026-04-01", localParameters: local, measures: ["subsidy.operating"] }).determinations;
    expect(wuhe?.parameters.find((p) => p.id === SUBSIDY_PARAMETERS.perChildMonthFen)).toMatchObject({ value: 20_000, provisional: true, local: false });
    expect(wuhe?.provisional).toBe(true);
    expect(wuhe?.amountFen).toBe(30 * 20_000);
    // before the local standard starts, the demo value still answers for 怀远
    const [earlier] = evaluate(snapshot("340321", "2025-11"), { asOf: "2025-12-01", localParameters: local, measures: ["subsidy.operating"] }).determinations;
    expect(earlier?.parameters.find((p) => p.id === SUBSIDY_PARAMETERS.perChildMonthFen)).toMatchObject({ value: 20_000, provisional: true });
    // the built-in demo rows are untouched: the administrator's page shows which one is in force where
    const inForce = await standardsInForce(t.db, cityAdmin, "2026-04-01");
    expect(inForce.find((s) => s.code === "340321")).toMatchObject({ source: "local", perChildMonthFen: 50_050, anyProvisional: false });
    expect(inForce.find((s) => s.code === "340322")).toMatchObject({ source: "provisional", perChildMonthFen: 20_000 });
  });

  it("local values sit beside published price schedules in localParameters", async () => {
    await t.db.insert(priceSchedules).values({
      jurisdictionCode: "340321",
      effectiveFrom: "2026-01-01",
      mode: "formula",
      referenceMonthlyIncomeFen: 420_000,
      referenceDocument: "怀远县发改委通知",
      referenceClause: "一",
      publishedBy: cityAdmin.userId,
      publishedAt: new Date(),
    });
    const local = await localParameters(t.db);
    expect(local.map((v) => v.parameter)).toEqual(expect.arrayContaining(["pricing.schedule", "pricing.reference_monthly_income_fen", SUBSIDY_PARAMETERS.perChildMonthFen]));
    expect(() => evaluate(snapshot("340321"), { asOf: "2026-04-01", localParameters: local })).not.toThrow();
  });

  it("refuses an overlapping standard with a field error naming the clashing standard's date, and changes nothing", async () => {
    const before = await counts();
    const later = await enterStandard(t.db, countyAdmin, standard({ effectiveFrom: "2026-07-01", perChildMonth: "600" })).catch((e: unknown) => e);
    expect(later).toBeInstanceOf(ValidationError);
    expect((later as ValidationError).fieldErrors.effectiveFrom).toBe('subsidy.standards.errors.overlap|{"date":"2026-01-01"}');
    // an earlier one that runs into it overlaps too
    const earlier = await enterStandard(t.db, countyAdmin, standard({ effectiveFrom: "2025-06-01", effectiveTo: "2026-01-31" })).catch((e: unknown) => e);
    expect((earlier as ValidationError).fieldErrors.effectiveFrom).toContain("2026-01-01");
    // the same start date
    await expect(enterStandard(t.db, countyAdmin, standard())).rejects.toBeInstanceOf(ValidationError);
    expect(await counts()).toEqual(before);
    // an earlier one that ends the day before is fine (and another county is independent)
    await enterStandard(t.db, countyAdmin, standard({ effectiveFrom: "2025-06-01", effectiveTo: "2025-12-31", perChildMonth: "450" }));
    await enterStandard(t.db, cityAdmin, standard({ jurisdictionCode: "340322" }));
    expect((await counts()).values).toBe(before.values + 8);
  });

  it("ends the earlier standard the day before a new one when asked, superseding it with an ended copy", async () => {
    const before = await counts();
    await enterStandard(t.db, countyAdmin, standard({ effectiveFrom: "2027-01-01", perChildMonth: "650", perChildMonthKindergartenClass: "350", maxMonthsPerYear: "12" }), { endPrevious: true });
    const live = await t.db
      .select()
      .from(localParameterValues)
      .where(and(eq(localParameterValues.jurisdictionCode, "340321"), eq(localParameterValues.parameter, SUBSIDY_PARAMETERS.perChildMonthFen), isNull(localParameterValues.supersededAt)));
    expect(live.map((r) => [r.effectiveFrom, r.effectiveTo, r.value]).sort()).toEqual([
      ["2025-06-01", "2025-12-31", 45_000],
      ["2026-01-01", "2026-12-31", 50_050],
      ["2027-01-01", null, 65_000],
    ]);
    const after = await counts();
    // 4 new + 4 ended copies; the 4 open-ended rows stay, superseded
    expect(after).toEqual({ values: before.values + 8, audit: before.audit + 1 });
    const superseded = await t.db.select().from(localParameterValues).where(and(eq(localParameterValues.jurisdictionCode, "340321"), eq(localParameterValues.effectiveFrom, "2026-01-01")));
    expect(superseded.filter((r) => r.supersededAt !== null)).toHaveLength(4);
    const local = await localParameters(t.db);
    const rateOn = (date: string, period: string) =>
      evaluate(snapshot("340321", period), { asOf: date, localParameters: local, measures: ["subsidy.operating"] }).determinations[0]?.parameters.find((p) => p.id === SUBSIDY_PARAMETERS.perChildMonthFen)?.value;
    expect(rateOn("2026-12-31", "2026-12")).toBe(50_050);
    expect(rateOn("2027-01-31", "2027-01")).toBe(65_000);
  });

  it("a replacement supersedes the live standard and keeps it as history", async () => {
    const before = await counts();
    await replaceStandard(t.db, countyAdmin, { jurisdictionCode: "340321", effectiveFrom: "2026-01-01" }, standard({ effectiveTo: "2026-12-31", perChildMonth: "520", referenceClause: "第五条（更正）" }));
    const rows = await t.db
      .select()
      .from(localParameterValues)
      .where(and(eq(localParameterValues.jurisdictionCode, "340321"), eq(localParameterValues.parameter, SUBSIDY_PARAMETERS.perChildMonthFen), eq(localParameterValues.effectiveFrom, "2026-01-01")));
    // the original open-ended row, the ended copy (both superseded) and the replacement
    expect(rows).toHaveLength(3);
    const liveRow = rows.find((r) => r.supersededAt === null);
    expect(liveRow).toMatchObject({ value: 52_000, effectiveTo: "2026-12-31", referenceClause: "第五条（更正）" });
    const replacedRow = rows.find((r) => r.supersededBy === liveRow?.id);
    expect(replacedRow).toMatchObject({ value: 50_050 });
    expect(await counts()).toEqual({ values: before.values + 4, audit: before.audit + 1 });
    const [event] = await t.db.select().from(auditEvents).where(eq(auditEvents.action, "subsidy_standard.replaced"));
    expect(JSON.stringify(event?.before)).toContain("50050");
    expect(JSON.stringify(event?.after)).toContain("52000");
    // the history lists the replaced entry as superseded, newest entry first
    const history = await standardHistory(t.db, countyAdmin);
    expect(history[0]).toMatchObject({ jurisdictionCode: "340321", effectiveFrom: "2026-01-01", perChildMonthFen: 52_000, live: true });
    expect(history.filter((h) => h.effectiveFrom === "2026-01-01" && !h.live)).toHaveLength(2);
    expect(history.every((h) => h.jurisdictionCode === "340321")).toBe(true);
    // a standard no longer live cannot be replaced again, and nothing changes
    const again = await counts();
    await expect(replaceStandard(t.db, countyAdmin, { jurisdictionCode: "340321", effectiveFrom: "2024-01-01" }, standard())).rejects.toBeInstanceOf(ConflictError);
    await expect(replaceStandard(t.db, countyAdmin, { jurisdictionCode: "340321", effectiveFrom: "2026-01-01" }, standard({ effectiveFrom: "2026-06-01", effectiveTo: "2026-12-31" }))).resolves.toMatchObject({ effectiveFrom: "2026-06-01" });
    expect((await counts()).audit).toBe(again.audit + 1);
  });

  it("a replacement is validated like an entry: overlap with another standard, and the county cannot change", async () => {
    const before = await counts();
    const overlap = await replaceStandard(t.db, countyAdmin, { jurisdictionCode: "340321", effectiveFrom: "2026-06-01" }, standard({ effectiveFrom: "2026-06-01", effectiveTo: "2027-02-01" })).catch((e: unknown) => e);
    expect((overlap as ValidationError).fieldErrors.effectiveFrom).toBe('subsidy.standards.errors.overlap|{"date":"2027-01-01"}');
    await expect(replaceStandard(t.db, cityAdmin, { jurisdictionCode: "340321", effectiveFrom: "2026-06-01" }, standard({ jurisdictionCode: "340322", effectiveFrom: "2026-06-01" }))).rejects.toMatchObject({
      fieldErrors: { jurisdictionCode: "subsidy.standards.errors.replaceSameJurisdiction" },
    });
    expect(await counts()).toEqual(before);
  });

  it("two administrators entering overlapping standards at the same moment: exactly one wins", async () => {
    const before = await counts();
    const results = await Promise.allSettled([
      enterStandard(t.db, cityAdmin, standard({ jurisdictionCode: "340304", effectiveFrom: "2026-01-01" })),
      enterStandard(t.db, cityAdmin, standard({ jurisdictionCode: "340304", effectiveFrom: "2026-03-01" })),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((r) => r.status === "rejected");
    expect(refused?.status === "rejected" && refused.reason).toBeInstanceOf(ValidationError);
    expect(await counts()).toEqual({ values: before.values + 4, audit: before.audit + 1 });
  });

  it("阿拉尔's administrator sets 阿拉尔's own standard", async () => {
    await enterStandard(t.db, alarAdmin, standard({ jurisdictionCode: "659002", referenceDocument: "阿拉尔市托育机构运营补贴办法", referenceClause: "第三条" }));
    const [alar] = await standardsInForce(t.db, alarAdmin, "2026-03-01");
    expect(alar).toMatchObject({ source: "local", perChildMonthFen: 50_000 });
  });

  it("the page: administrators only; bad input is a 400 with field errors; out of scope is a 403; a good entry redirects", async () => {
    expect(await statusOf(() => standardsRoute.loader(args(get("/admin/standards", "bb-admin"))))).toBe(200);
    expect(await statusOf(() => standardsRoute.loader(args(get("/admin/standards", "bb-reviewer"))))).toBe(403);
    expect(await statusOf(() => standardsRoute.loader(args(get("/admin/standards", "op"))))).toBe(403);
    const page = (await standardsRoute.loader(args(get("/admin/standards?replace=340321:2027-01-01", "hy-admin")))) as { replace: unknown; defaults: Record<string, string>; inForce: unknown[] };
    expect(page.replace).toEqual({ jurisdictionCode: "340321", effectiveFrom: "2027-01-01" });
    expect(page.defaults).toMatchObject({ perChildMonth: "650", maxMonthsPerYear: "12" });
    expect(page.inForce).toHaveLength(1);

    const before = await counts();
    expect(await statusOf(() => standardsRoute.action(args(post("/admin/standards", "bb-reviewer", standard({ jurisdictionCode: "340323" })))))).toBe(403);
    expect(await statusOf(() => standardsRoute.action(args(post("/admin/standards", "op", standard({ jurisdictionCode: "340323" })))))).toBe(403);
    expect(await statusOf(() => standardsRoute.action(args(post("/admin/standards", "hy-admin", standard({ jurisdictionCode: "340323" })))))).toBe(403);
    const bad = await standardsRoute.action(args(post("/admin/standards", "bb-admin", standard({ jurisdictionCode: "340323", referenceDocument: "", maxMonthsPerYear: "20" }))));
    expect(await statusOf(() => bad)).toBe(400);
    expect(JSON.stringify(bad)).toContain("subsidy.errors.required");
    expect(JSON.stringify(bad)).toContain("subsidy.errors.months");
    expect(await statusOf(() => standardsRoute.action(args(post("/admin/standards", "hy-admin", { ...standard({ effectiveFrom: "2027-01-01" }), intent: "replace", replaceJurisdiction: "340322", replaceFrom: "2026-01-01" }))))).toBe(403);
    expect(await counts()).toEqual(before);

    const ok = await standardsRoute.action(args(post("/admin/standards", "bb-admin", standard({ jurisdictionCode: "340323" }))));
    expect(ok instanceof Response && ok.status).toBe(302);
    const replaced = await standardsRoute.action(
      args(post("/admin/standards", "bb-admin", { ...standard({ jurisdictionCode: "340323", perChildMonth: "510" }), intent: "replace", replaceJurisdiction: "340323", replaceFrom: "2026-01-01" })),
    );
    expect(replaced instanceof Response && replaced.headers.get("location")).toBe("/admin/standards?flash=replaced");
    expect((await counts()).values).toBe(before.values + 8);
  });
});
