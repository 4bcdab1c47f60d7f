import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { eq, and } from "drizzle-orm";
import { auditEvents, sessions, users } from "../../db/schema";
import { validateSession } from "../../app/auth/session.server";
import { changeOwnPassword, login, logout, resetPassword, setUserActive } from "../../app/services/users.server";
import { ValidationError } from "../../app/services/errors";
import { createTestDb, DB_KINDS, type TestDb } from "../db/harness";
import { actorFor, browserRequest, cookieFor, makeOrganisation, makeUser, PASSWORD } from "./fixtures";

const MINUTE = 60_000;

describe.each(DB_KINDS)("sign-in and sessions on %s", (kind) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(kind);
    const org = await makeOrganisation(t.db, "340321");
    await makeUser(t.db, { username: "alice", roles: ["reviewer"], jurisdictionCode: "340321" });
    await makeUser(t.db, { username: "locky", roles: ["reviewer"], jurisdictionCode: "340321" });
    await makeUser(t.db, { username: "idle", roles: ["reviewer"], jurisdictionCode: "340321" });
    await makeUser(t.db, { username: "ops", roles: ["operator"], organisationId: org });
    await makeUser(t.db, { username: "admin", roles: ["admin"], jurisdictionCode: "340300" });
    await makeUser(t.db, { username: "gone", roles: ["auditor"], jurisdictionCode: "340321" });
  });
  afterAll(async () => t.close());
  afterEach(() => vi.useRealTimers());

  async function signIn(username: string, password = PASSWORD, ip = "198.51.100.1", cookie?: string) {
    return login(t.db, browserRequest("/login", { ip, cookie }), { username, password });
  }

  it("signs in with the right password, creates a session and audits it", async () => {
    const result = await signIn("alice");
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const actor = await actorFor(t.db, result.sessionId);
    expect(actor.username).toBe("alice");
    expect(actor.roles).toEqual(["reviewer"]);
    const rows = await t.db.select().from(auditEvents).where(and(eq(auditEvents.action, "auth.login"), eq(auditEvents.entityId, result.userId)));
    expect(rows).toHaveLength(1);
    expect(rows[0]?.jurisdictionCode).toBe("340321");
    expect(rows[0]?.ip).toBe("198.51.100.1");
  });

  it("refuses a wrong password and audits the failure without the password", async () => {
    const result = await signIn("alice", "wrong-password-1");
    expect(result).toMatchObject({ ok: false, error: "invalid" });
    const [row] = await t.db.select().from(auditEvents).where(eq(auditEvents.action, "auth.login_failed"));
    expect(row?.after).toMatchObject({ username: "alice", reason: "wrong_password" });
    expect(JSON.stringify(row)).not.toContain("wrong-password-1");
  });

  it("refuses empty fields with field-level messages", async () => {
    const result = await login(t.db, browserRequest(), { username: "", password: "" });
    expect(result).toMatchObject({ ok: false, fieldErrors: { username: "validation.required", password: "validation.required" } });
  });

  it("issues a new session id on every login and ends the one the browser presented", async () => {
    const first = await signIn("alice");
    const second = await signIn("alice", PASSWORD, "198.51.100.1", first.ok ? cookieFor(first.sessionId) : undefined);
    expect(first.ok && second.ok).toBe(true);
    if (!first.ok || !second.ok) return;
    expect(second.sessionId).not.toBe(first.sessionId);
    expect(await validateSession(t.db, browserRequest("/", { cookie: cookieFor(first.sessionId) }))).toBeNull();
    expect(await validateSession(t.db, browserRequest("/", { cookie: cookieFor(second.sessionId) }))).not.toBeNull();
  });

  it("locks the account for 15 minutes after 5 failed attempts, refusing even the right password", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const start = new Date("2026-11-23T02:00:00Z");
    vi.setSystemTime(start);
    for (let i = 0; i < 4; i += 1) expect(await signIn("locky", "bad-password-x")).toMatchObject({ ok: false, error: "invalid" });
    expect(await signIn("locky", "bad-password-x")).toMatchObject({ ok: false, error: "locked" });
    expect(await signIn("locky")).toMatchObject({ ok: false, error: "locked" });
    vi.setSystemTime(new Date(start.getTime() + 14 * MINUTE));
    expect(await signIn("locky")).toMatchObject({ ok: false, error: "locked" });
    vi.setSystemTime(new Date(start.getTime() + 15 * MINUTE + 1000));
    expect(await signIn("locky")).toMatchObject({ ok: true });
    const refused = await t.db.select().from(auditEvents).where(eq(auditEvents.action, "auth.login_refused_locked"));
    expect(refused.length).toBeGreaterThanOrEqual(2);
  });

  it("limits failures per address across accounts", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-11-23T04:00:00Z"));
    const ip = "192.0.2.99";
    let last;
    for (let i = 0; i < 30; i += 1) last = await signIn(`nobody${i}`, "whatever-123", ip);
    expect(last).toMatchObject({ ok: false, error: "locked" });
    // a real account from the same address is refused too while the address is blocked
    expect(await signIn("alice", PASSWORD, ip)).toMatchObject({ ok: false, error: "locked" });
    expect(await signIn("alice", PASSWORD, "192.0.2.100")).toMatchObject({ ok: true });
  });

  it("ends a session idle for 30 minutes", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const start = new Date("2026-11-23T06:00:00Z");
    vi.setSystemTime(start);
    const r = await signIn("idle");
    if (!r.ok) throw new Error("login failed");
    const req = () => browserRequest("/", { cookie: cookieFor(r.sessionId) });
    vi.setSystemTime(new Date(start.getTime() + 29 * MINUTE));
    expect(await validateSession(t.db, req())).not.toBeNull();
    vi.setSystemTime(new Date(start.getTime() + 29 * MINUTE + 30 * MINUTE + 1000));
    expect(await validateSession(t.db, req())).toBeNull();
    const [row] = await t.db.select().from(sessions).where(eq(sessions.id, r.sessionId));
    expect(row).toBeUndefined();
  });

  it("ends a session after 12 hours even when it is used every 20 minutes", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const start = new Date("2026-11-24T00:00:00Z");
    vi.setSystemTime(start);
    const r = await signIn("idle");
    if (!r.ok) throw new Error("login failed");
    const req = () => browserRequest("/", { cookie: cookieFor(r.sessionId) });
    for (let m = 20; m < 12 * 60; m += 20) {
      vi.setSystemTime(new Date(start.getTime() + m * MINUTE));
      expect(await validateSession(t.db, req())).not.toBeNull();
    }
    vi.setSystemTime(new Date(start.getTime() + 12 * 60 * MINUTE));
    expect(await validateSession(t.db, req())).toBeNull();
  });

  it("logout invalidates the session and is audited", async () => {
    const r = await signIn("alice");
    if (!r.ok) throw new Error("login failed");
    const actor = await actorFor(t.db, r.sessionId);
    await logout(t.db, actor);
    expect(await validateSession(t.db, browserRequest("/", { cookie: cookieFor(r.sessionId) }))).toBeNull();
    const rows = await t.db.select().from(auditEvents).where(and(eq(auditEvents.action, "auth.logout"), eq(auditEvents.entityId, actor.userId)));
    expect(rows.length).toBeGreaterThanOrEqual(1);
  });

  it("an operator's events carry the organisation's jurisdiction", async () => {
    const r = await signIn("ops");
    if (!r.ok) throw new Error("login failed");
    const [row] = await t.db.select().from(auditEvents).where(and(eq(auditEvents.action, "auth.login"), eq(auditEvents.entityId, r.userId)));
    expect(row?.jurisdictionCode).toBe("340321");
  });

  it("a reset forces a new password at next sign-in, and deactivation ends every session", async () => {
    const adminLogin = await signIn("admin");
    const userLogin = await signIn("gone");
    if (!adminLogin.ok || !userLogin.ok) throw new Error("login failed");
    const admin = await actorFor(t.db, adminLogin.sessionId);
    await resetPassword(t.db, admin, userLogin.userId, { password: "Another-Strong-77" });
    expect(await validateSession(t.db, browserRequest("/", { cookie: cookieFor(userLogin.sessionId) }))).toBeNull();
    const again = await signIn("gone", "Another-Strong-77");
    expect(again).toMatchObject({ ok: true, mustChangePassword: true });
    if (!again.ok) return;
    const self = await actorFor(t.db, again.sessionId);
    await expect(changeOwnPassword(t.db, self, { currentPassword: "Another-Strong-77", newPassword: "short-1", confirmPassword: "short-1" })).rejects.toMatchObject({
      fieldErrors: { newPassword: "password.tooShort" },
    });
    await expect(changeOwnPassword(t.db, self, { currentPassword: "Another-Strong-77", newPassword: "1234567890", confirmPassword: "1234567890" })).rejects.toMatchObject({
      fieldErrors: { newPassword: "password.common" },
    });
    await changeOwnPassword(t.db, self, { currentPassword: "Another-Strong-77", newPassword: "My-Own-Secret-2026", confirmPassword: "My-Own-Secret-2026" });
    const [u] = await t.db.select().from(users).where(eq(users.id, userLogin.userId));
    expect(u?.mustChangePassword).toBe(false);

    await setUserActive(t.db, admin, userLogin.userId, false);
    expect(await validateSession(t.db, browserRequest("/", { cookie: cookieFor(again.sessionId) }))).toBeNull();
    expect(await signIn("gone", "My-Own-Secret-2026")).toMatchObject({ ok: false });
    const actions = (await t.db.select({ a: auditEvents.action }).from(auditEvents).where(eq(auditEvents.entityId, userLogin.userId))).map((r) => r.a);
    expect(actions).toEqual(expect.arrayContaining(["user.password_reset", "user.password_changed", "user.deactivated"]));
  });

  it("rejects a password change whose confirmation differs", async () => {
    const r = await signIn("alice");
    if (!r.ok) throw new Error("login failed");
    const actor = await actorFor(t.db, r.sessionId);
    const error = await changeOwnPassword(t.db, actor, { currentPassword: PASSWORD, newPassword: "Brand-New-Pass-1", confirmPassword: "Brand-New-Pass-2" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fieldErrors).toEqual({ confirmPassword: "password.mismatch" });
  });
});

describe("session cookie", () => {
  it("is httpOnly and SameSite=Lax, Secure only over HTTPS", async () => {
    const { sessionCookie } = await import("../../app/auth/session.server");
    const plain = sessionCookie(browserRequest("/"), "abc");
    expect(plain).toContain("HttpOnly");
    expect(plain).toContain("SameSite=Lax");
    expect(plain).not.toContain("Secure");
    expect(sessionCookie(browserRequest("/", { https: true }), "abc")).toContain("Secure");
  });

  it("only redirects back to same-site paths", async () => {
    const { safeRedirect } = await import("../../app/auth/session.server");
    expect(safeRedirect("/review?x=1")).toBe("/review?x=1");
    expect(safeRedirect("//evil.example")).toBe("/home");
    expect(safeRedirect("https://evil.example")).toBe("/home");
    expect(safeRedirect("/\\evil.example")).toBe("/home");
    expect(safeRedirect(null)).toBe("/home");
  });
});
