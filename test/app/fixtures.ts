// Test fixtures: users with roles and scopes, and requests as a browser would send them.
import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { organisations, userRoles, users, type Role } from "../../db/schema";
import { hashPassword } from "../../app/auth/password.server";
import { validateSession, type Actor } from "../../app/auth/session.server";
import { newUserId } from "../../app/services/users.server";

export const PASSWORD = "Correct-Horse-42";

let cachedHash: Promise<string> | null = null;

export async function makeOrganisation(db: Db, jurisdictionCode: string, name = `机构 ${jurisdictionCode}`): Promise<string> {
  const [row] = await db.insert(organisations).values({ name, jurisdictionCode }).returning({ id: organisations.id });
  if (!row) throw new Error("no organisation");
  return row.id;
}

export async function makeUser(
  db: Db,
  options: { username: string; roles: Role[]; jurisdictionCode?: string; organisationId?: string; active?: boolean },
): Promise<string> {
  cachedHash ??= hashPassword(PASSWORD);
  const id = newUserId();
  await db.insert(users).values({
    id,
    username: options.username,
    displayName: options.username,
    passwordHash: await cachedHash,
    jurisdictionCode: options.jurisdictionCode ?? null,
    organisationId: options.organisationId ?? null,
    active: options.active ?? true,
  });
  await db.insert(userRoles).values(options.roles.map((role) => ({ userId: id, role })));
  return id;
}

export function browserRequest(path = "/login", options: { cookie?: string; ip?: string; https?: boolean } = {}): Request {
  const headers = new Headers({ "user-agent": "vitest", "x-tuoyu-client-ip": options.ip ?? "203.0.113.7" });
  if (options.cookie) headers.set("cookie", options.cookie);
  return new Request(`${options.https ? "https" : "http"}://localhost:3000${path}`, { headers });
}

export function cookieFor(sessionId: string): string {
  return `tuoyu_session=${sessionId}`;
}

/** Signs in directly through the service and returns the actor of the new session. */
export async function actorFor(db: Db, sessionId: string): Promise<Actor> {
  const actor = await validateSession(db, browserRequest("/", { cookie: cookieFor(sessionId) }));
  if (!actor) throw new Error("session not valid");
  return actor;
}

export async function userIdByName(db: Db, username: string): Promise<string> {
  const [u] = await db.select({ id: users.id }).from(users).where(eq(users.username, username));
  if (!u) throw new Error(`no user ${username}`);
  return u.id;
}
