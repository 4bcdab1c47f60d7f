// Sign-in, sign-out and user administration. Every state change: permission and scope → zod parse →
// one transaction → writes → audit event in the same transaction.
import { randomBytes } from "node:crypto";
import { and, asc, eq, ilike, or, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../db/client";
import { jurisdictions, organisations, userRoles, users, type Role } from "../../db/schema";
import { hashPassword, isCommonPassword, verifyAgainstDummy, verifyPassword } from "../auth/password.server";
import { changePasswordSchema, createUserSchema, loginSchema, resetPasswordSchema } from "./users.schemas";
import { assertPermission, createSession, invalidateSession, invalidateUserSessions, readSessionId, requestIp, type Actor } from "../auth/session.server";
import { isWithinJurisdiction, staffScope, withinJurisdiction } from "../auth/scope.server";
import { recordAudit, type AuditContext } from "./audit.server";
import { ForbiddenError, NotFoundError, ValidationError, type FieldErrors } from "./errors";
import { blockedUntil, clearLimit, hit, LIMITS } from "./rate-limit.server";
import { clockNow } from "../utils/format";

export function actorContext(actor: Actor): AuditContext {
  return { actorUserId: actor.userId, actorLabel: actor.username, ip: actor.ip, userAgent: actor.userAgent };
}

function requestContext(request: Request, label: string | null): AuditContext {
  return { actorUserId: null, actorLabel: label, ip: requestIp(request), userAgent: request.headers.get("user-agent") };
}

/** zod issues → field → i18n key (the first issue of each field). */
export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "_form";
    out[key] ??= issue.message;
  }
  return out;
}

// ---- passwords -------------------------------------------------------------------------------------

function checkPasswordStrength(password: string, username: string): string | null {
  if (isCommonPassword(password)) return "password.common";
  if (password.toLowerCase().includes(username.toLowerCase())) return "password.containsUsername";
  return null;
}

// ---- sign-in -----------------------------------------------------------------------------------------

export type LoginResult =
  | { ok: true; sessionId: string; userId: string; mustChangePassword: boolean }
  | { ok: false; error: "invalid" | "locked" | "inactive"; fieldErrors?: FieldErrors; lockedUntil?: Date };

export async function login(db: Db, request: Request, input: unknown): Promise<LoginResult> {
  const parsed = loginSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: "invalid", fieldErrors: fieldErrorsOf(parsed.error) };
  const username = parsed.data.username.toLowerCase();
  const ip = requestIp(request) ?? "unknown";
  const accountKey = `login:account:${username}`;
  const ipKey = `login:ip:${ip}`;
  const ctx = requestContext(request, username);

  const [user] = await db.select().from(users).where(eq(users.username, username));
  const jurisdictionCode = user ? await userAuditJurisdiction(db, user.jurisdictionCode, user.organisationId) : null;

  const locked = (await blockedUntil(db, accountKey)) ?? (await blockedUntil(db, ipKey));
  if (locked) {
    await db.transaction(async (tx) => {
      await recordAudit(tx, { ...ctx, actorUserId: user?.id ?? null }, {
        action: "auth.login_refused_locked",
        entityType: "user",
        entityId: user?.id ?? null,
        jurisdictionCode,
        after: { username, lockedUntil: locked },
      });
    });
    return { ok: false, error: "locked", lockedUntil: locked };
  }

  const passwordOk = user ? await verifyPassword(user.passwordHash, parsed.data.password) : (await verifyAgainstDummy(parsed.data.password), false);
  if (!user || !passwordOk || !user.active) {
    const lockedNow = await db.transaction(async (tx) => {
      const accountBlock = await hit(tx, accountKey, LIMITS.loginAccount);
      const ipBlock = await hit(tx, ipKey, LIMITS.loginIp);
      await recordAudit(tx, { ...ctx, actorUserId: user?.id ?? null }, {
        action: "auth.login_failed",
        entityType: "user",
        entityId: user?.id ?? null,
        jurisdictionCode,
        after: { username, reason: !user ? "unknown_user" : !passwordOk ? "wrong_password" : "inactive", locked: Boolean(accountBlock ?? ipBlock) },
      });
      return accountBlock ?? ipBlock;
    });
    if (lockedNow) return { ok: false, error: "locked", lockedUntil: lockedNow };
    return { ok: false, error: user && passwordOk && !user.active ? "inactive" : "invalid" };
  }

  return db.transaction(async (tx) => {
    await clearLimit(tx, accountKey);
    // a new session on every login: whatever session the browser presented ends (no fixation)
    const presented = readSessionId(request);
    if (presented) await invalidateSession(tx, presented);
    const sessionId = await createSession(tx, request, user.id);
    await recordAudit(tx, { ...ctx, actorUserId: user.id }, {
      action: "auth.login",
      entityType: "user",
      entityId: user.id,
      jurisdictionCode,
      after: { username },
    });
    return { ok: true as const, sessionId, userId: user.id, mustChangePassword: user.mustChangePassword };
  });
}

async function userAuditJurisdiction(db: Db, jurisdictionCode: string | null, organisationId: string | null): Promise<string | null> {
  if (jurisdictionCode) return jurisdictionCode;
  if (!organisationId) return null;
  const [org] = await db.select({ code: organisations.jurisdictionCode }).from(organisations).where(eq(organisations.id, organisationId));
  return org?.code ?? null;
}

export async function logout(db: Db, actor: Actor): Promise<void> {
  await db.transaction(async (tx) => {
    await invalidateSession(tx, actor.sessionId);
    await recordAudit(tx, actorContext(actor), {
      action: "auth.logout",
      entityType: "user",
      entityId: actor.userId,
      jurisdictionCode: actor.jurisdictionCode ?? actor.organisationJurisdictionCode,
    });
  });
}

/** The signed-in user changes their own password (also how a forced change after a reset is done). */
export async function changeOwnPassword(db: Db, actor: Actor, input: unknown): Promise<void> {
  const parsed = changePasswordSchema.safeParse(input);
  if (!parsed.success) throw new ValidationError(fieldErrorsOf(parsed.error));
  const strength = checkPasswordStrength(parsed.data.newPassword, actor.username);
  if (strength) throw new ValidationError({ newPassword: strength });
  const [user] = await db.select().from(users).where(eq(users.id, actor.userId));
  if (!user) throw new NotFoundError("user");
  if (!(await verifyPassword(user.passwordHash, parsed.data.currentPassword))) {
    throw new ValidationError({ currentPassword: "password.currentWrong" });
  }
  const passwordHash = await hashPassword(parsed.data.newPassword);
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ passwordHash, mustChangePassword: false, isDemo: false, passwordChangedAt: clockNow(), updatedAt: clockNow() })
      .where(eq(users.id, actor.userId));
    // other sessions of this user end; this one continues
    await tx.execute(sql`DELETE FROM sessions WHERE user_id = ${actor.userId} AND id <> ${actor.sessionId}`);
    await recordAudit(tx, actorContext(actor), {
      action: "user.password_changed",
      entityType: "user",
      entityId: actor.userId,
      jurisdictionCode: actor.jurisdictionCode ?? actor.organisationJurisdictionCode,
    });
  });
}

// ---- administration --------------------------------------------------------------------------------

async function assertUserInAdminScope(db: Db, actor: Actor, target: { jurisdictionCode: string | null; organisationId: string | null }) {
  const scope = staffScope(actor);
  const code = await userAuditJurisdiction(db, target.jurisdictionCode, target.organisationId);
  if (!code || !(await isWithinJurisdiction(db, code, scope))) throw new ForbiddenError(code ?? "jurisdiction", "scope");
  return code;
}

export async function createUser(db: Db, actor: Actor, input: unknown): Promise<string> {
  assertPermission(actor, "manage:user:jurisdiction");
  const parsed = createUserSchema.safeParse(input);
  if (!parsed.success) throw new ValidationError(fieldErrorsOf(parsed.error));
  const v = parsed.data;
  const jurisdictionCode = v.roles.some((r) => r !== "operator") ? (v.jurisdictionCode ?? null) : null;
  const organisationId = v.roles.includes("operator") ? (v.organisationId ?? null) : null;
  if (organisationId && !z.uuid().safeParse(organisationId).success) throw new ValidationError({ organisationId: "user.organisationUnknown" });
  const scopeCode = staffScope(actor);
  if (jurisdictionCode && !(await isWithinJurisdiction(db, jurisdictionCode, scopeCode))) {
    throw new ValidationError({ jurisdictionCode: "user.scopeOutside" });
  }
  if (organisationId) {
    const [org] = await db.select().from(organisations).where(and(eq(organisations.id, organisationId), withinJurisdiction(organisations.jurisdictionCode, scopeCode)));
    if (!org) throw new ValidationError({ organisationId: "user.organisationUnknown" });
  }
  const strength = checkPasswordStrength(v.password, v.username);
  if (strength) throw new ValidationError({ password: strength });
  const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.username, v.username));
  if (existing) throw new ValidationError({ username: "user.usernameTaken" });
  const passwordHash = await hashPassword(v.password);
  const id = newUserId();
  await db.transaction(async (tx) => {
    await tx.insert(users).values({
      id,
      username: v.username,
      displayName: v.displayName,
      passwordHash,
      jurisdictionCode,
      organisationId,
      // an administrator chose this password: the user replaces it at first sign-in
      mustChangePassword: true,
    });
    await tx.insert(userRoles).values(v.roles.map((role) => ({ userId: id, role })));
    await recordAudit(tx, actorContext(actor), {
      action: "user.created",
      entityType: "user",
      entityId: id,
      jurisdictionCode: await userAuditJurisdiction(tx, jurisdictionCode, organisationId),
      after: { username: v.username, displayName: v.displayName, roles: v.roles, jurisdictionCode, organisationId },
    });
  });
  return id;
}

export async function resetPassword(db: Db, actor: Actor, userId: string, input: unknown): Promise<void> {
  assertPermission(actor, "manage:user:jurisdiction");
  const target = await loadUser(db, userId);
  const code = await assertUserInAdminScope(db, actor, target);
  const parsed = resetPasswordSchema.safeParse(input);
  if (!parsed.success) throw new ValidationError(fieldErrorsOf(parsed.error));
  const strength = checkPasswordStrength(parsed.data.password, target.username);
  if (strength) throw new ValidationError({ password: strength });
  const passwordHash = await hashPassword(parsed.data.password);
  await db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash, mustChangePassword: true, isDemo: false, updatedAt: clockNow() }).where(eq(users.id, userId));
    await invalidateUserSessions(tx, userId);
    await recordAudit(tx, actorContext(actor), {
      action: "user.password_reset",
      entityType: "user",
      entityId: userId,
      jurisdictionCode: code,
      after: { mustChangePassword: true },
    });
  });
}

export async function setUserActive(db: Db, actor: Actor, userId: string, active: boolean): Promise<void> {
  assertPermission(actor, "manage:user:jurisdiction");
  const target = await loadUser(db, userId);
  const code = await assertUserInAdminScope(db, actor, target);
  if (userId === actor.userId && !active) throw new ValidationError({ _form: "user.cannotDeactivateSelf" });
  await db.transaction(async (tx) => {
    await tx.update(users).set({ active, updatedAt: clockNow() }).where(eq(users.id, userId));
    if (!active) await invalidateUserSessions(tx, userId);
    await recordAudit(tx, actorContext(actor), {
      action: active ? "user.reactivated" : "user.deactivated",
      entityType: "user",
      entityId: userId,
      jurisdictionCode: code,
      before: { active: target.active },
      after: { active },
    });
  });
}

async function loadUser(db: Db, userId: string) {
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  if (!user) throw new NotFoundError("user");
  return user;
}

export type UserListItem = {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  jurisdictionCode: string | null;
  organisationName: string | null;
  active: boolean;
  mustChangePassword: boolean;
};

/** Users an administrator may manage: staff within their scope and operators of organisations in it. */
export async function listUsers(db: Db, actor: Actor, options: { q?: string; page: number; pageSize: number }) {
  assertPermission(actor, "manage:user:jurisdiction");
  const scope = staffScope(actor);
  const conditions: SQL[] = [
    or(withinJurisdiction(users.jurisdictionCode, scope), withinJurisdiction(organisations.jurisdictionCode, scope)) as SQL,
  ];
  if (options.q) {
    const q = `%${options.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(or(ilike(users.username, q), ilike(users.displayName, q)) as SQL);
  }
  const rows = await db
    .select({
      id: users.id,
      username: users.username,
      displayName: users.displayName,
      jurisdictionCode: users.jurisdictionCode,
      organisationName: organisations.name,
      active: users.active,
      mustChangePassword: users.mustChangePassword,
      roles: sql<Role[]>`coalesce((SELECT array_agg(r.role ORDER BY r.role) FROM user_roles r WHERE r.user_id = ${users.id}), '{}')`,
    })
    .from(users)
    .leftJoin(organisations, eq(organisations.id, users.organisationId))
    .where(and(...conditions))
    .orderBy(asc(users.username))
    .limit(options.pageSize + 1)
    .offset((options.page - 1) * options.pageSize);
  return { rows: rows.slice(0, options.pageSize) as UserListItem[], hasMore: rows.length > options.pageSize };
}

export function newUserId(): string {
  return randomBytes(15).toString("base64url");
}

/** Jurisdictions and organisations an administrator may assign (for the user form). */
export async function userFormOptions(db: Db, actor: Actor) {
  assertPermission(actor, "manage:user:jurisdiction");
  const scope = staffScope(actor);
  const js = await db
    .select({ code: jurisdictions.code, nameZh: jurisdictions.nameZh, nameEn: jurisdictions.nameEn, path: jurisdictions.path })
    .from(jurisdictions)
    .where(withinJurisdiction(jurisdictions.code, scope))
    .orderBy(asc(jurisdictions.path));
  const orgs = await db
    .select({ id: organisations.id, name: organisations.name })
    .from(organisations)
    .where(withinJurisdiction(organisations.jurisdictionCode, scope))
    .orderBy(asc(organisations.name));
  return { jurisdictions: js, organisations: orgs };
}

/** One user, only when within the administrator's scope (a guessed id outside it is a 403). */
export async function getUserForAdmin(db: Db, actor: Actor, userId: string) {
  assertPermission(actor, "manage:user:jurisdiction");
  const user = await loadUser(db, userId);
  await assertUserInAdminScope(db, actor, user);
  const roles = await db.select({ role: userRoles.role }).from(userRoles).where(eq(userRoles.userId, userId));
  let organisationName: string | null = null;
  if (user.organisationId) {
    const [o] = await db.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, user.organisationId));
    organisationName = o?.name ?? null;
  }
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    roles: roles.map((r) => r.role).sort(),
    jurisdictionCode: user.jurisdictionCode,
    organisationName,
    active: user.active,
    mustChangePassword: user.mustChangePassword,
    isSelf: user.id === actor.userId,
  };
}
