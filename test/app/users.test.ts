import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { auditEvents, userRoles, users } from "../../db/schema";
import { createUser, login, setUserActive } from "../../app/services/users.server";
import { ForbiddenError, ValidationError } from "../../app/services/errors";
import { createTestDb, DB_KINDS, type TestDb } from "../db/harness";
import { actorFor, browserRequest, makeOrganisation, makeUser, PASSWORD } from "./fixtures";
import type { Actor } from "../../app/auth/session.server";

describe.each(DB_KINDS)("user administration on %s", (kind) => {
  let t: TestDb;
  let admin: Actor;
  let reviewer: Actor;
  let org: string;
  beforeAll(async () => {
    t = await createTestDb(kind);
    org = await makeOrganisation(t.db, "340302");
    await makeUser(t.db, { username: "city-admin", roles: ["admin"], jurisdictionCode: "340300" });
    await makeUser(t.db, { username: "rev", roles: ["reviewer"], jurisdictionCode: "340300" });
    for (const name of ["city-admin", "rev"]) {
      const r = await login(t.db, browserRequest(), { username: name, password: PASSWORD });
      if (!r.ok) throw new Error("login failed");
      if (name === "city-admin") admin = await actorFor(t.db, r.sessionId);
      else reviewer = await actorFor(t.db, r.sessionId);
    }
  });
  afterAll(async () => t.close());

  it("creates a user holding several roles, forced to change the password, and audits it", async () => {
    const id = await createUser(t.db, admin, {
      username: "GZ-Both",
      displayName: "固镇兼岗",
      roles: ["reviewer", "finance_officer"],
      jurisdictionCode: "340323",
      password: "Initial-Pass-2026",
    });
    const [u] = await t.db.select().from(users).where(eq(users.id, id));
    expect(u?.username).toBe("gz-both");
    expect(u?.mustChangePassword).toBe(true);
    const roles = await t.db.select().from(userRoles).where(eq(userRoles.userId, id));
    expect(roles.map((r) => r.role).sort()).toEqual(["finance_officer", "reviewer"]);
    const [row] = await t.db.select().from(auditEvents).where(and(eq(auditEvents.action, "user.created"), eq(auditEvents.entityId, id)));
    expect(row?.actorUserId).toBe(admin.userId);
    expect(row?.jurisdictionCode).toBe("340323");
    expect(JSON.stringify(row?.after)).not.toContain("Initial-Pass-2026");
  });

  it("creates an operator tied to an organisation", async () => {
    const id = await createUser(t.db, admin, { username: "op-new", displayName: "运营", roles: ["operator"], organisationId: org, password: "Initial-Pass-2026" });
    const [u] = await t.db.select().from(users).where(eq(users.id, id));
    expect(u?.organisationId).toBe(org);
    expect(u?.jurisdictionCode).toBeNull();
  });

  it.each([
    [{ username: "a", displayName: "x", roles: ["reviewer"], jurisdictionCode: "340300", password: "Initial-Pass-2026" }, { username: "user.usernameFormat" }],
    [{ username: "abc", displayName: "", roles: ["reviewer"], jurisdictionCode: "340300", password: "Initial-Pass-2026" }, { displayName: "validation.required" }],
    [{ username: "abc", displayName: "x", roles: [], jurisdictionCode: "340300", password: "Initial-Pass-2026" }, { roles: "user.rolesRequired" }],
    [{ username: "abc", displayName: "x", roles: ["king"], jurisdictionCode: "340300", password: "Initial-Pass-2026" }, { "roles.0": "user.roleUnknown" }],
    [{ username: "abc", displayName: "x", roles: ["reviewer"], password: "Initial-Pass-2026" }, { jurisdictionCode: "user.scopeRequired" }],
    [{ username: "abc", displayName: "x", roles: ["operator"], password: "Initial-Pass-2026" }, { organisationId: "user.organisationRequired" }],
    [{ username: "abc", displayName: "x", roles: ["reviewer"], jurisdictionCode: "340300", password: "short" }, { password: "password.tooShort" }],
    [{ username: "abc", displayName: "x", roles: ["reviewer"], jurisdictionCode: "340300", password: "qwertyuiop" }, { password: "password.common" }],
    [{ username: "abc", displayName: "x", roles: ["reviewer"], jurisdictionCode: "340300", password: "abc-abc-abc-1" }, { password: "password.containsUsername" }],
    [{ username: "city-admin", displayName: "x", roles: ["reviewer"], jurisdictionCode: "340300", password: "Initial-Pass-2026" }, { username: "user.usernameTaken" }],
    [{ username: "abc", displayName: "x", roles: ["operator"], organisationId: "not-a-uuid", password: "Initial-Pass-2026" }, { organisationId: "user.organisationUnknown" }],
  ])("refuses bad input %# with a field message and changes nothing", async (input, expected) => {
    const before = (await t.db.select().from(users)).length;
    const error = await createUser(t.db, admin, input).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fieldErrors).toMatchObject(expected);
    expect((await t.db.select().from(users)).length).toBe(before);
  });

  it("refuses an actor without the permission", async () => {
    await expect(createUser(t.db, reviewer, { username: "zzz", displayName: "z", roles: ["reviewer"], jurisdictionCode: "340300", password: "Initial-Pass-2026" })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    await expect(setUserActive(t.db, reviewer, admin.userId, false)).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("an admin cannot deactivate themself", async () => {
    await expect(setUserActive(t.db, admin, admin.userId, false)).rejects.toMatchObject({ fieldErrors: { _form: "user.cannotDeactivateSelf" } });
  });
});
