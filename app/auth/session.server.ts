// Sessions: lucia v3 on the drizzle adapter, behind this one module (upstream has frozen v3).
// Idle timeout 30 min (expiresAt slides) and absolute lifetime 12 h (createdAt); a new session id on
// every login; cookie httpOnly, SameSite=Lax, Secure when the request came over HTTPS.
import { DrizzlePostgreSQLAdapter } from "@lucia-auth/adapter-drizzle";
import { Lucia, TimeSpan } from "lucia";
import { redirect } from "@remix-run/node";
import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { getDb } from "../../db/client";
import { organisations, sessions, userRoles, users, type Role } from "../../db/schema";
import { can, type Permission } from "./permissions";
import { ForbiddenError } from "../services/errors";
import { errorResponse } from "../utils/http.server";

export const SESSION_COOKIE = "tuoyu_session";
export const IDLE_TIMEOUT_MS = 30 * 60_000;
export const ABSOLUTE_LIFETIME_MS = 12 * 60 * 60_000;
// write lastSeenAt at most once a minute per session
const TOUCH_EVERY_MS = 60_000;

type UserAttributes = {
  username: string;
  displayName: string;
  jurisdictionCode: string | null;
  organisationId: string | null;
  active: boolean;
  mustChangePassword: boolean;
};
type SessionAttributes = { createdAt: Date; lastSeenAt: Date; ip: string | null; userAgent: string | null };

function makeLucia(db: Db) {
  return new Lucia(new DrizzlePostgreSQLAdapter(db, sessions, users), {
    sessionExpiresIn: new TimeSpan(IDLE_TIMEOUT_MS / 60_000, "m"),
    sessionCookie: { name: SESSION_COOKIE, expires: false, attributes: { sameSite: "lax", secure: false } },
    getUserAttributes: (a: UserAttributes) => a,
    getSessionAttributes: (a: SessionAttributes) => a,
  });
}

declare module "lucia" {
  interface Register {
    Lucia: ReturnType<typeof makeLucia>;
    DatabaseUserAttributes: UserAttributes;
    DatabaseSessionAttributes: SessionAttributes;
  }
}

const instances = new WeakMap<Db, ReturnType<typeof makeLucia>>();
function luciaFor(db: Db) {
  let lucia = instances.get(db);
  if (!lucia) {
    lucia = makeLucia(db);
    instances.set(db, lucia);
  }
  return lucia;
}

export type Actor = {
  userId: string;
  username: string;
  displayName: string;
  roles: Role[];
  /** staff scope */
  jurisdictionCode: string | null;
  organisationId: string | null;
  /** for operators: the organisation's jurisdiction (for audit scoping) */
  organisationJurisdictionCode: string | null;
  mustChangePassword: boolean;
  sessionId: string;
  ip: string | null;
  userAgent: string | null;
};

export function requestIp(request: Request): string | null {
  // set by the server entry from the socket (or the trusted proxy header when TRUST_PROXY=1)
  return request.headers.get("x-tuoyu-client-ip");
}

function isHttps(request: Request): boolean {
  return new URL(request.url).protocol === "https:";
}

export function sessionCookie(request: Request, sessionId: string): string {
  const parts = [`${SESSION_COOKIE}=${sessionId}`, "Path=/", "HttpOnly", "SameSite=Lax", `Max-Age=${ABSOLUTE_LIFETIME_MS / 1000}`];
  if (isHttps(request)) parts.push("Secure");
  return parts.join("; ");
}

export function blankSessionCookie(request: Request): string {
  const parts = [`${SESSION_COOKIE}=`, "Path=/", "HttpOnly", "SameSite=Lax", "Max-Age=0"];
  if (isHttps(request)) parts.push("Secure");
  return parts.join("; ");
}

export function readSessionId(request: Request): string | null {
  const header = request.headers.get("cookie");
  if (!header) return null;
  for (const part of header.split(";")) {
    const [name, ...rest] = part.trim().split("=");
    if (name === SESSION_COOKIE) return rest.join("=") || null;
  }
  return null;
}

export async function createSession(db: Db, request: Request, userId: string, now = new Date()): Promise<string> {
  const session = await luciaFor(db).createSession(userId, {
    createdAt: now,
    lastSeenAt: now,
    ip: requestIp(request),
    userAgent: request.headers.get("user-agent")?.slice(0, 300) ?? null,
  });
  return session.id;
}

export async function invalidateSession(db: Db, sessionId: string): Promise<void> {
  await luciaFor(db).invalidateSession(sessionId);
}

export async function invalidateUserSessions(db: Db, userId: string): Promise<void> {
  await luciaFor(db).invalidateUserSessions(userId);
}

/** The signed-in actor, or null (expired idle or absolute, deactivated, unknown). */
export async function validateSession(db: Db, request: Request, sessionId: string | null = readSessionId(request)): Promise<Actor | null> {
  if (!sessionId) return null;
  const { session, user } = await luciaFor(db).validateSession(sessionId);
  if (!session || !user) return null;
  const now = Date.now();
  const absoluteEnd = session.createdAt.getTime() + ABSOLUTE_LIFETIME_MS;
  if (now >= absoluteEnd || !user.active || now - session.lastSeenAt.getTime() >= IDLE_TIMEOUT_MS) {
    await invalidateSession(db, session.id);
    return null;
  }
  if (now - session.lastSeenAt.getTime() >= TOUCH_EVERY_MS || session.fresh) {
    await db
      .update(sessions)
      .set({ lastSeenAt: new Date(now), expiresAt: new Date(Math.min(now + IDLE_TIMEOUT_MS, absoluteEnd)) })
      .where(eq(sessions.id, session.id));
  }
  const roleRows = await db.select({ role: userRoles.role }).from(userRoles).where(eq(userRoles.userId, user.id));
  let organisationJurisdictionCode: string | null = null;
  if (user.organisationId) {
    const [org] = await db
      .select({ code: organisations.jurisdictionCode })
      .from(organisations)
      .where(eq(organisations.id, user.organisationId));
    organisationJurisdictionCode = org?.code ?? null;
  }
  return {
    userId: user.id,
    username: user.username,
    displayName: user.displayName,
    roles: roleRows.map((r) => r.role).sort(),
    jurisdictionCode: user.jurisdictionCode,
    organisationId: user.organisationId,
    organisationJurisdictionCode,
    mustChangePassword: user.mustChangePassword,
    sessionId: session.id,
    ip: requestIp(request),
    userAgent: request.headers.get("user-agent"),
  };
}

export async function getActor(request: Request): Promise<Actor | null> {
  return validateSession(await getDb(), request);
}

function safeRedirectTarget(request: Request): string {
  const url = new URL(request.url);
  return url.pathname + url.search;
}

/** The actor, or a redirect to /login that comes back here afterwards. */
export async function requireUser(request: Request, options: { allowPasswordChange?: boolean } = {}): Promise<Actor> {
  const actor = await getActor(request);
  if (!actor) {
    const params = new URLSearchParams({ redirectTo: safeRedirectTarget(request) });
    throw redirect(`/login?${params}`, { headers: { "Set-Cookie": blankSessionCookie(request) } });
  }
  if (actor.mustChangePassword && !options.allowPasswordChange) {
    throw redirect("/account/password");
  }
  return actor;
}

/** The actor if they hold `permission`; otherwise a 403 page that names what is missing. */
export async function requirePermission(request: Request, permission: Permission): Promise<Actor> {
  const actor = await requireUser(request);
  if (!can(actor.roles, permission)) throw errorResponse(new ForbiddenError(permission, "permission"));
  return actor;
}

export function assertPermission(actor: Actor, permission: Permission): void {
  if (!can(actor.roles, permission)) throw new ForbiddenError(permission, "permission");
}

/** Only same-site relative paths; anything else lands on the home page (no open redirects). */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/home"): string {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  if (/[\r\n]/.test(to)) return fallback;
  return to;
}
