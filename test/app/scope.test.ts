import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asc, sql, type SQL, type AnyColumn } from "drizzle-orm";
import { JURISDICTIONS, isWithin } from "../../rules/jurisdictions";
import { codesWithin, isWithinJurisdiction, requireWithinScope, withinJurisdiction } from "../../app/auth/scope.server";
import { jurisdictions, organisations } from "../../db/schema";
import { recordAudit, listAuditEvents } from "../../app/services/audit.server";
import { createUser, getUserForAdmin, listUsers, login, resetPassword, setUserActive, userFormOptions } from "../../app/services/users.server";
import { ForbiddenError } from "../../app/services/errors";
import { createTestDb, DB_KINDS, type TestDb } from "../db/harness";
import { actorFor, browserRequest, makeOrganisation, makeUser, PASSWORD } from "./fixtures";
import type { Actor } from "../../app/auth/session.server";

describe("jurisdiction chains (reference data)", () => {
  it("a county is within its city, province and the nation, not within a sibling", () => {
    expect(isWithin("340321", "340300")).toBe(true);
    expect(isWithin("340321", "340000")).toBe(true);
    expect(isWithin("340321", "CN")).toBe(true);
    expect(isWithin("340321", "340321")).toBe(true);
    expect(isWithin("340321", "340322")).toBe(false);
    expect(isWithin("340300", "340321")).toBe(false);
    expect(isWithin("659002101", "659002")).toBe(true);
    expect(isWithin("659002101", "340300")).toBe(false);
  });

  it("the codes within a scope: the scope itself and everything below it", () => {
    expect(codesWithin("340300")).toEqual(["340300", "340302", "340303", "340304", "340311", "340321", "340322", "340323"]);
    expect(codesWithin("340321")).toEqual(["340321"]);
    expect(codesWithin("659002101")).toEqual(["659002101"]);
    expect(codesWithin("CN")).toHaveLength(JURISDICTIONS.length);
    expect(codesWithin("nope")).toBeUndefined();
    for (const scope of JURISDICTIONS) {
      expect([...(codesWithin(scope.code) ?? [])].sort()).toEqual(JURISDICTIONS.filter((j) => isWithin(j.code, scope.code)).map((j) => j.code).sort());
    }
  });
});

/** The condition withinJurisdiction had before it listed the codes: a match on the materialised path. */
function byPath(column: AnyColumn | SQL, scopeCode: string): SQL {
  return sql`${column} IN (SELECT j.code FROM ${jurisdictions} j WHERE j.path LIKE (SELECT s.path FROM ${jurisdictions} s WHERE s.code = ${scopeCode}) || '%')`;
}

describe.each(DB_KINDS)("scope checks in SQL on %s", (kind) => {
  let t: TestDb;
  let huaiyuanReviewer: Actor;
  let huaiyuanAdmin: Actor;
  let cityAdmin: Actor;
  let huaiyuanAuditor: Actor;
  let cityAuditor: Actor;
  let wuheUserId: string;
  let huaiyuanOrg: string;
  let wuheOrg: string;

  async function signedIn(username: string): Promise<Actor> {
    const r = await login(t.db, browserRequest(), { username, password: PASSWORD });
    if (!r.ok) throw new Error(`login ${username} failed`);
    return actorFor(t.db, r.sessionId);
  }

  beforeAll(async () => {
    t = await createTestDb(kind);
    huaiyuanOrg = await makeOrganisation(t.db, "340321", "怀远机构");
    wuheOrg = await makeOrganisation(t.db, "340322", "五河机构");
    await makeUser(t.db, { username: "hy-rev", roles: ["reviewer"], jurisdictionCode: "340321" });
    await makeUser(t.db, { username: "hy-adm", roles: ["admin"], jurisdictionCode: "340321" });
    await makeUser(t.db, { username: "bb-adm", roles: ["admin"], jurisdictionCode: "340300" });
    await makeUser(t.db, { username: "hy-aud", roles: ["auditor"], jurisdictionCode: "340321" });
    await makeUser(t.db, { username: "bb-aud", roles: ["auditor"], jurisdictionCode: "340300" });
    wuheUserId = await makeUser(t.db, { username: "wh-rev", roles: ["reviewer"], jurisdictionCode: "340322" });
    await makeUser(t.db, { username: "wh-ops", roles: ["operator"], organisationId: wuheOrg });
    huaiyuanReviewer = await signedIn("hy-rev");
    huaiyuanAdmin = await signedIn("hy-adm");
    cityAdmin = await signedIn("bb-adm");
    huaiyuanAuditor = await signedIn("hy-aud");
    cityAuditor = await signedIn("bb-aud");
    await signedIn("wh-rev");
  });
  afterAll(async () => t.close());

  it("answers 'is X within Y' from the database", async () => {
    expect(await isWithinJurisdiction(t.db, "340321", "340300")).toBe(true);
    expect(await isWithinJurisdiction(t.db, "340322", "340321")).toBe(false);
    expect(await isWithinJurisdiction(t.db, "nope", "CN")).toBe(false);
  });

  it("a 怀远县 reviewer cannot act on anything scoped to 五河县", async () => {
    await expect(requireWithinScope(t.db, huaiyuanReviewer, "340322")).rejects.toBeInstanceOf(ForbiddenError);
    await expect(requireWithinScope(t.db, huaiyuanReviewer, "340321")).resolves.toBeUndefined();
    // and reviewers do not manage users at all
    await expect(listUsers(t.db, huaiyuanReviewer, { page: 1, pageSize: 10 })).rejects.toMatchObject({ reason: "permission" });
  });

  it("a 怀远县 admin sees and manages only 怀远县 users; a guessed 五河县 id is refused", async () => {
    const { rows } = await listUsers(t.db, huaiyuanAdmin, { page: 1, pageSize: 50 });
    const names = rows.map((r) => r.username);
    expect(names).toContain("hy-rev");
    expect(names).not.toContain("wh-rev");
    expect(names).not.toContain("wh-ops");
    await expect(getUserForAdmin(t.db, huaiyuanAdmin, wuheUserId)).rejects.toMatchObject({ reason: "scope" });
    await expect(resetPassword(t.db, huaiyuanAdmin, wuheUserId, { password: "Some-Strong-Pass-9" })).rejects.toMatchObject({ reason: "scope" });
    await expect(setUserActive(t.db, huaiyuanAdmin, wuheUserId, false)).rejects.toMatchObject({ reason: "scope" });
    const options = await userFormOptions(t.db, huaiyuanAdmin);
    expect(options.jurisdictions.map((j) => j.code)).toEqual(["340321"]);
    expect(options.organisations.map((o) => o.id)).toEqual([huaiyuanOrg]);
  });

  it("an admin cannot create users outside their scope", async () => {
    await expect(
      createUser(t.db, huaiyuanAdmin, { username: "x-wh", displayName: "x", roles: ["reviewer"], jurisdictionCode: "340322", password: "Some-Strong-Pass-9" }),
    ).rejects.toMatchObject({ fieldErrors: { jurisdictionCode: "user.scopeOutside" } });
    await expect(
      createUser(t.db, huaiyuanAdmin, { username: "x-op", displayName: "x", roles: ["operator"], organisationId: wuheOrg, password: "Some-Strong-Pass-9" }),
    ).rejects.toMatchObject({ fieldErrors: { organisationId: "user.organisationUnknown" } });
  });

  it("a city admin sees every county's users", async () => {
    const { rows } = await listUsers(t.db, cityAdmin, { page: 1, pageSize: 50 });
    expect(rows.map((r) => r.username)).toEqual(expect.arrayContaining(["hy-rev", "wh-rev", "wh-ops"]));
  });

  it("auditors read events within their scope; unscoped events only at city level", async () => {
    await t.db.transaction(async (tx) => {
      await recordAudit(tx, { actorUserId: null, actorLabel: "ghost", ip: null, userAgent: null }, { action: "auth.login_failed", entityType: "user", after: { username: "ghost" } });
    });
    const county = await listAuditEvents(t.db, huaiyuanAuditor.jurisdictionCode ?? "", { page: 1, pageSize: 200 });
    expect(county.rows.length).toBeGreaterThan(0);
    expect(county.rows.every((r) => r.jurisdictionCode === "340321")).toBe(true);
    const city = await listAuditEvents(t.db, cityAuditor.jurisdictionCode ?? "", { page: 1, pageSize: 200 });
    const codes = new Set(city.rows.map((r) => r.jurisdictionCode));
    expect(codes.has("340322")).toBe(true);
    expect(codes.has(null)).toBe(true);
    const filtered = await listAuditEvents(t.db, "340300", { action: "auth.login_failed", page: 1, pageSize: 50 });
    expect(filtered.rows.every((r) => r.action === "auth.login_failed")).toBe(true);
    expect(filtered.rows.length).toBeGreaterThan(0);
  });

  it("withinJurisdiction selects the same rows as the path match, for the nation, provinces, cities, counties and towns", async () => {
    await makeOrganisation(t.db, "340300", "蚌埠市本级机构");
    await makeOrganisation(t.db, "659002101", "金银川镇机构");
    await makeOrganisation(t.db, "659002", "阿拉尔市本级机构");
    const scopes = [...JURISDICTIONS.map((j) => j.code), "nope", ""];
    for (const scope of scopes) {
      const codes = async (condition: SQL) => (await t.db.select({ code: jurisdictions.code }).from(jurisdictions).where(condition).orderBy(asc(jurisdictions.code))).map((r) => r.code);
      const orgs = async (condition: SQL) => (await t.db.select({ id: organisations.id }).from(organisations).where(condition).orderBy(asc(organisations.id))).map((r) => r.id);
      expect(await codes(withinJurisdiction(jurisdictions.code, scope)), scope).toEqual(await codes(byPath(jurisdictions.code, scope)));
      expect(await orgs(withinJurisdiction(organisations.jurisdictionCode, scope)), scope).toEqual(await orgs(byPath(organisations.jurisdictionCode, scope)));
    }
    // and the sizes are what the tree says: a city covers its counties, a county and a town only themselves
    const count = async (scope: string) => (await t.db.select({ code: jurisdictions.code }).from(jurisdictions).where(withinJurisdiction(jurisdictions.code, scope))).length;
    expect([await count("CN"), await count("340300"), await count("340321"), await count("659002101"), await count("nope")]).toEqual([JURISDICTIONS.length, 8, 1, 1, 0]);
  });

  // last: it adds a jurisdiction row the reference data does not know
  it("a scope code only the database knows falls back to the path match", async () => {
    await t.db.insert(jurisdictions).values({ code: "340399", parentCode: "340300", level: "county", nameZh: "测试区", nameEn: "Test District", path: "/CN/340000/340300/340399/" });
    const codes = async (scope: string) => (await t.db.select({ code: jurisdictions.code }).from(jurisdictions).where(withinJurisdiction(jurisdictions.code, scope))).map((r) => r.code);
    expect(await codes("340399")).toEqual(["340399"]);
    expect(await isWithinJurisdiction(t.db, "340399", "340399")).toBe(true);
    // a known scope lists the codes of the reference data, which the seed keeps the table in step with
    expect((await codes("340300")).sort()).toEqual([...(codesWithin("340300") ?? [])].sort());
  });
});
