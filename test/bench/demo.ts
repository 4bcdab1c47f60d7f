// `npm run bench -- demo [runs]`: how long the demo world takes to seed (issue #12: ≤ 15 s on this
// machine) — on a fresh embedded database (what `npm start` does on first start) and, with DATABASE_URL,
// on a fresh PostgreSQL database. Accounts (one argon2 hash) and the world are timed apart. Prints JSON.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { localDiskStorage } from "../../app/services/storage.server";
import { queryRows, type DbKind } from "../../db/client";
import { seedDemoWorld } from "../../db/demo/build";
import { seedDemoData } from "../../db/seed";
import { createTestDb } from "../db/harness";

process.env.SESSION_SECRET ??= "bench-session-secret-bench-session-secret-01";
process.env.DATA_ENCRYPTION_KEY ??= "5e".repeat(32);
process.env.DATA_DIR ??= mkdtempSync(join(tmpdir(), "tuoyu-bench-demo-"));

async function once(kind: DbKind) {
  const handle = await createTestDb(kind);
  try {
    const t0 = performance.now();
    await seedDemoData(handle.db);
    const accountsMs = performance.now() - t0;
    const result = await seedDemoWorld(handle.db, { storage: localDiskStorage(mkdtempSync(join(tmpdir(), "tuoyu-bench-up-"))) });
    const [rows] = await queryRows<{ facilities: number | string; audit: number | string }>(handle.db, sql`SELECT (SELECT count(*) FROM facilities) AS facilities, (SELECT count(*) FROM audit_events) AS audit`);
    return { accountsMs: Math.round(accountsMs), worldMs: result.ms, totalMs: Math.round(accountsMs + result.ms), steps: result.steps, facilities: Number(rows?.facilities ?? 0), auditEvents: Number(rows?.audit ?? 0) };
  } finally {
    await handle.close();
  }
}

export async function main(args: string[]): Promise<void> {
  const runs = Math.max(1, Number(args[0] ?? 3));
  const kinds: DbKind[] = process.env.DATABASE_URL ? ["pglite", "postgres"] : ["pglite"];
  const out: Record<string, unknown> = { bench: "demo", runs, budgetMs: 15_000 };
  for (const kind of kinds) {
    const samples = [];
    for (let i = 0; i < runs; i += 1) samples.push(await once(kind));
    const totals = samples.map((s) => s.totalMs).sort((a, b) => a - b);
    out[kind] = { medianTotalMs: totals[Math.floor(totals.length / 2)], maxTotalMs: totals[totals.length - 1], withinBudget: (totals[totals.length - 1] ?? Infinity) <= 15_000, samples };
  }
  process.stdout.write(`${JSON.stringify(out)}\n`);
}
