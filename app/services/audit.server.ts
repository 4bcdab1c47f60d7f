// The audit log: written inside the caller's transaction, hash-chained, append-only (a trigger refuses
// UPDATE/DELETE/TRUNCATE). See DESIGN.md "Audit".
import { createHash } from "node:crypto";
import { and, desc, eq, gt, ilike, lt, or, sql, type SQL, asc, gte, isNull } from "drizzle-orm";
import type { Db } from "../../db/client";
import { auditEvents, jurisdictions } from "../../db/schema";
import { withinJurisdiction } from "../auth/scope.server";
import { clockNow } from "../utils/format";

export const AUDIT_GENESIS = "0".repeat(64);

// Serialises writers so each row's prev_hash is the row before it, on PostgreSQL as on PGlite.
const AUDIT_CHAIN_LOCK = 730_000_001;

export type AuditContext = {
  actorUserId: string | null;
  actorLabel: string | null;
  ip: string | null;
  userAgent: string | null;
};

export type AuditInput = {
  action: string; // entity.verb
  entityType: string;
  entityId?: string | null;
  jurisdictionCode?: string | null;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
};

const SECRET_KEY = /password|hash|secret|token|session/i;

/** Removes secrets and turns values into plain JSON (dates → ISO strings). */
export function redact(value: Record<string, unknown> | null | undefined): Record<string, unknown> | null {
  if (!value) return null;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (v === undefined) continue;
    out[k] = SECRET_KEY.test(k) ? "[redacted]" : v instanceof Date ? v.toISOString() : v;
  }
  return JSON.parse(JSON.stringify(out)) as Record<string, unknown>;
}

/** Only the fields that changed, for a readable before/after. */
export function changedFields(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): { before: Record<string, unknown>; after: Record<string, unknown> } {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      b[key] = before[key];
      a[key] = after[key];
    }
  }
  return { before: b, after: a };
}

/** JSON with sorted keys: jsonb does not keep key order, and the hash must survive a round trip. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

type HashedFields = {
  at: Date;
  actorUserId: string | null;
  actorLabel: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  jurisdictionCode: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
  userAgent: string | null;
};

export function auditRowHash(prevHash: string, row: HashedFields): string {
  const payload = canonicalJson({ ...row, at: row.at.toISOString() });
  return createHash("sha256").update(prevHash).update("\n").update(payload).digest("hex");
}

/** Appends one event. Call it with the transaction that makes the change it records. */
export async function recordAudit(tx: Db, ctx: AuditContext, input: AuditInput): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`);
  const [last] = await tx.select({ hash: auditEvents.hash }).from(auditEvents).orderBy(desc(auditEvents.id)).limit(1);
  const prevHash = last?.hash ?? AUDIT_GENESIS;
  const row: HashedFields = {
    at: clockNow(),
    actorUserId: ctx.actorUserId,
    actorLabel: ctx.actorLabel,
    action: input.action,
    entityType: input.entityType,
    entityId: input.entityId ?? null,
    jurisdictionCode: input.jurisdictionCode ?? null,
    before: redact(input.before),
    after: redact(input.after),
    ip: ctx.ip,
    userAgent: ctx.userAgent ? ctx.userAgent.slice(0, 300) : null,
  };
  await tx.insert(auditEvents).values({ ...row, prevHash, hash: auditRowHash(prevHash, row) });
}

export type ChainReport = { ok: boolean; checked: number; firstBreak: { id: number; reason: string } | null };

/** Recomputes the chain in id order and reports the first row whose link or hash does not hold. */
export async function verifyAuditChain(db: Db): Promise<ChainReport> {
  let prev = AUDIT_GENESIS;
  let afterId = 0;
  let checked = 0;
  for (;;) {
    const rows = await db.select().from(auditEvents).where(gt(auditEvents.id, afterId)).orderBy(asc(auditEvents.id)).limit(1000);
    if (rows.length === 0) break;
    for (const r of rows) {
      if (r.prevHash !== prev) return { ok: false, checked, firstBreak: { id: r.id, reason: "prev_hash does not match the previous row" } };
      const expected = auditRowHash(prev, {
        at: r.at,
        actorUserId: r.actorUserId,
        actorLabel: r.actorLabel,
        action: r.action,
        entityType: r.entityType,
        entityId: r.entityId,
        jurisdictionCode: r.jurisdictionCode,
        before: r.before,
        after: r.after,
        ip: r.ip,
        userAgent: r.userAgent,
      });
      if (expected !== r.hash) return { ok: false, checked, firstBreak: { id: r.id, reason: "row content does not match its hash" } };
      prev = r.hash;
      checked += 1;
      afterId = r.id;
    }
  }
  return { ok: true, checked, firstBreak: null };
}

export type AuditFilter = {
  action?: string;
  actor?: string;
  entity?: string;
  from?: string; // YYYY-MM-DD
  to?: string;
  page: number;
  pageSize: number;
};

/**
 * Events an auditor may read: those within their jurisdiction, plus — for city-level or higher
 * auditors — events without a jurisdiction (e.g. sign-in attempts for unknown accounts).
 */
export async function listAuditEvents(db: Db, scopeCode: string, filter: AuditFilter) {
  const [scope] = await db.select({ level: jurisdictions.level }).from(jurisdictions).where(eq(jurisdictions.code, scopeCode));
  const seesUnscoped = scope ? ["country", "province", "city"].includes(scope.level) : false;
  const conditions: SQL[] = [
    seesUnscoped
      ? (or(withinJurisdiction(auditEvents.jurisdictionCode, scopeCode), isNull(auditEvents.jurisdictionCode)) as SQL)
      : withinJurisdiction(auditEvents.jurisdictionCode, scopeCode),
  ];
  if (filter.action) conditions.push(ilike(auditEvents.action, `${escapeLike(filter.action)}%`));
  if (filter.actor) conditions.push(ilike(auditEvents.actorLabel, `%${escapeLike(filter.actor)}%`));
  if (filter.entity) conditions.push(or(eq(auditEvents.entityId, filter.entity), eq(auditEvents.entityType, filter.entity)) as SQL);
  if (filter.from) conditions.push(gte(auditEvents.at, shanghaiDayStart(filter.from)));
  if (filter.to) conditions.push(lt(auditEvents.at, shanghaiDayStart(filter.to, 1)));
  const where = and(...conditions);
  const rows = await db
    .select()
    .from(auditEvents)
    .where(where)
    .orderBy(desc(auditEvents.id))
    .limit(filter.pageSize + 1)
    .offset((filter.page - 1) * filter.pageSize);
  return { rows: rows.slice(0, filter.pageSize), hasMore: rows.length > filter.pageSize };
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Midnight in Asia/Shanghai (UTC+8, no DST) of a YYYY-MM-DD day, plus `addDays`. */
export function shanghaiDayStart(day: string, addDays = 0): Date {
  const d = new Date(`${day}T00:00:00+08:00`);
  d.setUTCDate(d.getUTCDate() + addDays);
  return d;
}

