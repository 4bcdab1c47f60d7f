// The real server entry (`npm start`): serves /healthz and the Chinese sign-in page, and shuts down
// cleanly on SIGTERM and SIGINT — the embedded database closed so it reopens, PostgreSQL's pool ended.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { migrateDb, openPostgres } from "../../db/client";
import { seedReferenceData } from "../../db/seed";
import { createEmptyPostgresDb } from "../db/harness";

let nextPort = 3300 + Math.floor(Math.random() * 500);

function startServer(env: Record<string, string>): { child: ChildProcess; port: number; output: () => string } {
  const port = nextPort++;
  let out = "";
  const child = spawn(process.execPath, ["node_modules/tsx/dist/cli.mjs", "app/server/start.ts"], {
    env: { ...process.env, VITEST: "", PORT: String(port), ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (out += d.toString()));
  return { child, port, output: () => out };
}

async function waitHealthy(port: number, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited early: ${output()}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`server not healthy: ${output()}`);
}

function exitOf(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.once("exit", (code) => resolve(code)));
}

describe("server entry", () => {
  it("serves the embedded default and stops cleanly on SIGTERM, then SIGINT", async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), "tuoyu-srv-")), "data");
    const first = startServer({ DATA_DIR: dataDir, DATABASE_URL: "" });
    await waitHealthy(first.port, first.child, first.output);
    const page = await fetch(`http://127.0.0.1:${first.port}/login`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain("登录");
    const exited = exitOf(first.child);
    first.child.kill("SIGTERM");
    expect(await exited).toBe(0);

    // the data directory reopens: PGlite was closed properly
    const second = startServer({ DATA_DIR: dataDir, DATABASE_URL: "" });
    await waitHealthy(second.port, second.child, second.output);
    const exited2 = exitOf(second.child);
    second.child.kill("SIGINT");
    expect(await exited2).toBe(0);
  }, 240_000);

  // defined only where a PostgreSQL server is configured (CI sets DATABASE_URL)
  if (process.env.DATABASE_URL) it(
    "runs on PostgreSQL with secrets from the environment and ends its pool on SIGTERM",
    async () => {
      const { url, drop } = await createEmptyPostgresDb();
      try {
        const setup = openPostgres(url, { max: 1 });
        await migrateDb(setup);
        await seedReferenceData(setup.db);
        await setup.close();
        const server = startServer({ DATABASE_URL: url, SESSION_SECRET: "s".repeat(40), DATA_ENCRYPTION_KEY: "cd".repeat(32) });
        await waitHealthy(server.port, server.child, server.output);
        expect(server.output()).toContain("database: PostgreSQL");
        const exited = exitOf(server.child);
        server.child.kill("SIGTERM");
        expect(await exited).toBe(0);
      } finally {
        await drop();
      }
    },
    240_000,
  );

  it("refuses to start with an invalid configuration and says why", async () => {
    const server = startServer({ PORT: "not-a-port" });
    const code = await exitOf(server.child);
    expect(code).toBe(1);
    expect(server.output()).toContain("PORT");
    expect(server.output()).not.toMatch(/at .*\.ts:\d+/); // a message, not a stack trace
  }, 60_000);
});
