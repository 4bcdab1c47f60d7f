// Fixed-window counters with a block period, kept in the database so several app servers share them.
import { eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { rateLimits } from "../../db/schema";

export type LimitRule = { limit: number; windowMs: number; blockMs: number };

export const LIMITS = {
  // issue 1: lockout for 15 min after 5 failed attempts on an account
  loginAccount: { limit: 5, windowMs: 15 * 60_000, blockMs: 15 * 60_000 },
  // many accounts tried from one address: 30 failures in 15 min block the address for 15 min
  loginIp: { limit: 30, windowMs: 15 * 60_000, blockMs: 15 * 60_000 },
  // public, unauthenticated endpoints (rules API, objections): 120 requests a minute per address
  publicApi: { limit: 120, windowMs: 60_000, blockMs: 60_000 },
} satisfies Record<string, LimitRule>;

/** The moment until which `key` is blocked, or null. */
export async function blockedUntil(db: Db, key: string, now = new Date()): Promise<Date | null> {
  const [row] = await db.select({ blockedUntil: rateLimits.blockedUntil }).from(rateLimits).where(eq(rateLimits.key, key));
  return row?.blockedUntil && row.blockedUntil > now ? row.blockedUntil : null;
}

/** Counts one hit; returns the block end when this hit (or an earlier one) reached the limit. */
export async function hit(db: Db, key: string, rule: LimitRule, now = new Date()): Promise<Date | null> {
  const windowStart = new Date(now.getTime() - rule.windowMs);
  const blockEnd = new Date(now.getTime() + rule.blockMs);
  const expired = sql`${rateLimits.windowStartedAt} < ${windowStart.toISOString()}::timestamptz`;
  const nextCount = sql`CASE WHEN ${expired} THEN 1 ELSE ${rateLimits.count} + 1 END`;
  const [row] = await db
    .insert(rateLimits)
    .values({ key, count: 1, windowStartedAt: now, blockedUntil: rule.limit <= 1 ? blockEnd : null, updatedAt: now })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        count: nextCount,
        windowStartedAt: sql`CASE WHEN ${expired} THEN ${now.toISOString()}::timestamptz ELSE ${rateLimits.windowStartedAt} END`,
        blockedUntil: sql`CASE WHEN ${nextCount} >= ${rule.limit} THEN ${blockEnd.toISOString()}::timestamptz ELSE ${rateLimits.blockedUntil} END`,
        updatedAt: now,
      },
    })
    .returning({ blockedUntil: rateLimits.blockedUntil });
  return row?.blockedUntil && row.blockedUntil > now ? row.blockedUntil : null;
}

export async function clearLimit(db: Db, key: string): Promise<void> {
  await db.delete(rateLimits).where(eq(rateLimits.key, key));
}
