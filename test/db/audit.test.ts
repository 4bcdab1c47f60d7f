import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { queryRows } from "../../db/client";
import { auditEvents } from "../../db/schema";
import { changedFields, recordAudit, redact, verifyAuditChain } from "../../app/services/audit.server";
import { createTestDb, DB_KINDS, type TestDb } from "./harness";

/** The database's own message for a refused statement (drizzle wraps it as the error's cause). */
async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : "";
    return `${error instanceof Error ? error.message : String(error)} ${cause}`;
  }
  return "not refused";
}

const ctx = { actorUserId: "u1", actorLabel: "tester", ip: "127.0.0.1", userAgent: "vitest" };

describe.each(DB_KINDS)("audit log on %s", (kind) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(kind);
    for (let i = 0; i < 3; i += 1) {
      await t.db.transaction(async (tx) => {
        await recordAudit(tx, ctx, {
          action: "user.updated",
          entityType: "user",
          entityId: `u${i}`,
          jurisdictionCode: "340321",
          before: { displayName: "旧", n: i },
          after: { displayName: "新", n: i + 1, passwordHash: "secret!" },
        });
      });
    }
  });
  afterAll(async () => t.close());

  it("chains every row to the previous one and verifies clean", async () => {
    const report = await verifyAuditChain(t.db);
    expect(report).toEqual({ ok: true, checked: 3, firstBreak: null });
    const rows = await t.db.select().from(auditEvents).orderBy(auditEvents.id);
    expect(rows[1]?.prevHash).toBe(rows[0]?.hash);
    expect(rows[2]?.prevHash).toBe(rows[1]?.hash);
  });

  it("never stores secrets", async () => {
    const rows = await t.db.select().from(auditEvents);
    expect(JSON.stringify(rows.map((r) => r.after))).not.toContain("secret!");
    expect(rows[0]?.after).toMatchObject({ passwordHash: "[redacted]" });
  });

  it("refuses UPDATE at the database level", async () => {
    expect(await refusal(t.db.execute(sql`UPDATE audit_events SET action = 'x'`))).toMatch(/append-only/);
  });

  it("refuses DELETE at the database level", async () => {
    expect(await refusal(t.db.execute(sql`DELETE FROM audit_events`))).toMatch(/append-only/);
  });

  it("refuses TRUNCATE at the database level", async () => {
    expect(await refusal(t.db.execute(sql`TRUNCATE audit_events`))).toMatch(/append-only/);
    const [n] = await queryRows<{ n: number }>(t.db, sql`SELECT count(*)::int AS n FROM audit_events`);
    expect(Number(n?.n)).toBe(3);
  });

  it("a rolled-back change leaves no audit row", async () => {
    await t.db
      .transaction(async (tx) => {
        await recordAudit(tx, ctx, { action: "user.created", entityType: "user", entityId: "rollback" });
        throw new Error("abort");
      })
      .catch(() => undefined);
    const [n] = await queryRows<{ n: number }>(t.db, sql`SELECT count(*)::int AS n FROM audit_events WHERE entity_id = 'rollback'`);
    expect(Number(n?.n)).toBe(0);
  });

  it("reports the first broken link when a row is altered behind the trigger's back", async () => {
    // only a superuser can switch the trigger off; the chain check still notices
    await t.db.execute(sql`ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update_delete`);
    const rows = await t.db.select().from(auditEvents).orderBy(auditEvents.id);
    await t.db.execute(sql`UPDATE audit_events SET action = 'user.tampered' WHERE id = ${rows[1]?.id}`);
    await t.db.execute(sql`ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_update_delete`);
    const report = await verifyAuditChain(t.db);
    expect(report.ok).toBe(false);
    expect(report.firstBreak?.id).toBe(rows[1]?.id);
  });
});

describe("audit digests", () => {
  it("keeps only changed fields", () => {
    expect(changedFields({ a: 1, b: 2, c: 3 }, { a: 1, b: 5, c: 3 })).toEqual({ before: { b: 2 }, after: { b: 5 } });
  });
  it("removes secrets and turns dates into strings", () => {
    expect(redact({ password: "x", sessionId: "y", when: new Date("2026-01-01T00:00:00Z"), name: "n" })).toEqual({
      password: "[redacted]",
      sessionId: "[redacted]",
      when: "2026-01-01T00:00:00.000Z",
      name: "n",
    });
  });
});
