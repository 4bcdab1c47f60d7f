import { mkdtempSync, existsSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { count, eq } from "drizzle-orm";
import { loadConfig, ConfigError } from "../../app/config.server";
import { bootDatabase } from "../../app/server/boot.server";
import { auditEvents, documents, facilities, jurisdictions, users } from "../../db/schema";
import { DEMO_USERS } from "../../db/seed";
import { migrateDb, openPostgres } from "../../db/client";
import { seedDemoData, seedReferenceData } from "../../db/seed";
import { createEmptyPostgresDb } from "../db/harness";

const SECRETS = { SESSION_SECRET: "x".repeat(40), DATA_ENCRYPTION_KEY: "ab".repeat(32) };

describe("configuration", () => {
  it("defaults to the embedded database in ./data on port 3000 and generates secrets there", () => {
    const dir = mkdtempSync(join(tmpdir(), "tuoyu-cfg-"));
    const cfg = loadConfig({ DATA_DIR: dir });
    expect(cfg.databaseUrl).toBeNull();
    expect(cfg.port).toBe(3000);
    expect(cfg.uploadDir).toBe(join(dir, "uploads"));
    expect(cfg.publicBaseUrl).toBe("http://localhost:3000");
    expect(existsSync(join(dir, "secrets.json"))).toBe(true);
    // the same secrets on the next start
    expect(loadConfig({ DATA_DIR: dir }).sessionSecret).toBe(cfg.sessionSecret);
    expect(JSON.parse(readFileSync(join(dir, "secrets.json"), "utf8")).dataEncryptionKey).toMatch(/^[0-9a-f]{64}$/);
  });

  it("explains each invalid variable", () => {
    expect(() => loadConfig({ PORT: "eighty", PUBLIC_BASE_URL: "not a url", DATABASE_URL: "mysql://x" })).toThrow(ConfigError);
    try {
      loadConfig({ PORT: "eighty", PUBLIC_BASE_URL: "not a url", DATABASE_URL: "mysql://x" });
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toContain("PORT");
      expect(message).toContain("PUBLIC_BASE_URL");
      expect(message).toContain("DATABASE_URL: must start with postgres://");
    }
  });

  it("allows the test clock only in the embedded mode, and shifts business dates by it", async () => {
    expect(() => loadConfig({ DATABASE_URL: "postgres://h/db", ...SECRETS, CLOCK_OFFSET_DAYS: "8" })).toThrow(/CLOCK_OFFSET_DAYS/);
    expect(loadConfig({ DATA_DIR: mkdtempSync(join(tmpdir(), "tuoyu-clk-")), CLOCK_OFFSET_DAYS: "8" }).clockOffsetDays).toBe(8);
    const { todayInShanghai } = await import("../../app/utils/format");
    const g = globalThis as { __tuoyuClockOffsetDays?: number };
    const before = todayInShanghai();
    g.__tuoyuClockOffsetDays = 8;
    try {
      const shifted = todayInShanghai();
      expect((Date.parse(shifted) - Date.parse(before)) / 86_400_000).toBe(8);
    } finally {
      delete g.__tuoyuClockOffsetDays;
    }
  });

  it("requires secrets from the environment on PostgreSQL", () => {
    expect(() => loadConfig({ DATABASE_URL: "postgres://h/db" })).toThrow(/SESSION_SECRET[\s\S]*DATA_ENCRYPTION_KEY/);
    expect(loadConfig({ DATABASE_URL: "postgres://h/db", ...SECRETS }).sessionSecret).toBe(SECRETS.SESSION_SECRET);
  });
});

describe("embedded boot", () => {
  it("migrates, seeds the demo accounts once, and keeps them on reopen (DEMO_WORLD=0: accounts only)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tuoyu-boot-"));
    const cfg = loadConfig({ DATA_DIR: join(dir, "nested", "data"), DEMO_WORLD: "0" });
    const first = await bootDatabase(cfg);
    const [a] = await first.db.select({ n: count() }).from(users);
    expect(a?.n).toBe(DEMO_USERS.length);
    const [j] = await first.db.select().from(jurisdictions).where(eq(jurisdictions.code, "340321"));
    expect(j?.path).toBe("/CN/340000/340300/340321/");
    await first.close();
    await first.close(); // idempotent
    const second = await bootDatabase(cfg);
    const [b] = await second.db.select({ n: count() }).from(users);
    expect(b?.n).toBe(DEMO_USERS.length);
    await seedDemoData(second.db); // the seed itself is idempotent too
    const [c] = await second.db.select({ n: count() }).from(users);
    expect(c?.n).toBe(DEMO_USERS.length);
    await second.close();
  });
});

// defined only where a PostgreSQL server is configured (CI sets DATABASE_URL)
if (process.env.DATABASE_URL) describe("PostgreSQL boot", () => {
  it("refuses an unmigrated schema, then demo passwords unless ALLOW_DEMO=1", async () => {
    const { url, drop } = await createEmptyPostgresDb();
    try {
      await expect(bootDatabase(loadConfig({ DATABASE_URL: url, ...SECRETS }))).rejects.toThrow(/db:migrate/);
      const setup = openPostgres(url, { max: 1 });
      await migrateDb(setup);
      await seedReferenceData(setup.db);
      await seedDemoData(setup.db);
      await setup.close();
      await expect(bootDatabase(loadConfig({ DATABASE_URL: url, ...SECRETS }))).rejects.toThrow(/ALLOW_DEMO=1/);
      const handle = await bootDatabase(loadConfig({ DATABASE_URL: url, ALLOW_DEMO: "1", ...SECRETS }));
      await handle.close();
    } finally {
      await drop();
    }
  });
});

describe("embedded boot with the demo world (the default)", () => {
  it("seeds the demo world on first start, with its proofs in the upload directory, and not again on reopen", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tuoyu-boot-world-"));
    const cfg = loadConfig({ DATA_DIR: join(dir, "data") });
    expect(cfg.demoWorld).toBe(true);
    const first = await bootDatabase(cfg);
    const [a] = await first.db.select({ n: count() }).from(facilities);
    expect(a?.n).toBeGreaterThanOrEqual(50);
    const [doc] = await first.db.select({ hash: documents.sha256 }).from(documents).limit(1);
    const hash = doc?.hash ?? "";
    expect(existsSync(join(cfg.uploadDir, hash.slice(0, 2), hash.slice(2, 4), hash))).toBe(true);
    await first.close();
    const second = await bootDatabase(cfg);
    const [b] = await second.db.select({ n: count() }).from(facilities);
    expect(b?.n).toBe(a?.n);
    const [seededEvents] = await second.db.select({ n: count() }).from(auditEvents).where(eq(auditEvents.action, "demo_world.seeded"));
    expect(seededEvents?.n).toBe(1);
    await second.close();
  }, 120_000);
});
