// `npm run bench -- pages [--seconds 5] [--connections 4] [--port 3300] [--no-build] [--only name,name]`
//
// Page latency at scale: builds the app, starts it as a child process on 127.0.0.1 against the
// PostgreSQL database of DATABASE_URL (filled by `npm run db:synth`, with a batch from
// `npm run bench -- subsidy` for the batch pages), signs in as the demo reviewer, finance officer and
// operator, and loads each key page with autocannon for a bounded time, twice: with one connection (one
// request at a time, so the latency is the server's time per request plus the loopback) and with
// `--connections` (throughput and latency under concurrent load on this 2-core machine, where four
// connections queue behind each other in one Node process).
//
// The page list is data: a page whose parameter cannot be found (no batch yet) or whose route answers
// 404 is reported as skipped, not as a failure. Prints one JSON line {"bench":"pages",…} on stdout and a
// Markdown table for the README on stderr.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { loadavg, tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import postgres from "postgres";
import { DEMO_PASSWORD } from "../../db/demo-accounts";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const CITY = "340300";

type Role = "reviewer" | "finance" | "operator";
const ACCOUNTS: Record<Role, string> = { reviewer: "bb-reviewer", finance: "bb-finance", operator: "bb-operator" };

/** What the pages need from the database: ids found once before the run. */
type Params = { batchId: string | null; batchLines: number; operatorFacilityId: string | null; directoryFacilityId: string | null };

type PageSpec = {
  name: string;
  role: Role | null;
  /** the path, or why there is none */
  path: (p: Params) => string | { skip: string };
};

const noBatch = { skip: "no batch in 蚌埠市 (run `npm run bench -- subsidy` first)" };

const PAGES: PageSpec[] = [
  { name: "directory (first page)", role: null, path: () => "/directory" },
  { name: "directory search q=禾苗", role: null, path: () => `/directory?q=${encodeURIComponent("禾苗")}` },
  { name: "directory county=340321 page 50", role: null, path: () => "/directory?county=340321&page=50" },
  { name: "directory entry", role: null, path: (p) => (p.directoryFacilityId ? `/directory/${p.directoryFacilityId}` : { skip: "no directory entry" }) },
  { name: "reviewer queue /review", role: "reviewer", path: () => "/review" },
  { name: "enrolment queue /review/enrolment", role: "reviewer", path: () => "/review/enrolment" },
  { name: "inclusive queue /review/inclusive", role: "reviewer", path: () => "/review/inclusive" },
  { name: "finance home /finance", role: "finance", path: () => "/finance" },
  { name: "batch lines page 1", role: "finance", path: (p) => (p.batchId ? `/finance/batches/${p.batchId}` : noBatch) },
  {
    name: "batch lines page 200",
    role: "finance",
    path: (p) => (!p.batchId ? noBatch : p.batchLines < 200 * 50 ? { skip: `the batch has ${p.batchLines} lines, fewer than 200 pages` } : `/finance/batches/${p.batchId}?page=200`),
  },
  { name: "operator home /operator", role: "operator", path: () => "/operator" },
  {
    name: "operator subsidy statement",
    role: "operator",
    path: (p) => (p.operatorFacilityId ? `/operator/facilities/${p.operatorFacilityId}/subsidy` : { skip: "bb-operator has no facility (run db:synth)" }),
  },
];

type Args = { seconds: number; connections: number; port: number; build: boolean; only: string[] | null };

function parseArgs(argv: string[]): Args {
  const args: Args = { seconds: 5, connections: 4, port: 3300, build: true, only: null };
  for (let i = 0; i < argv.length; i += 1) {
    const a = argv[i];
    if (a === "--seconds") args.seconds = Number(argv[(i += 1)]);
    else if (a === "--connections") args.connections = Number(argv[(i += 1)]);
    else if (a === "--port") args.port = Number(argv[(i += 1)]);
    else if (a === "--no-build") args.build = false;
    else if (a === "--only") args.only = (argv[(i += 1)] ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  }
  if (!(args.seconds > 0 && args.seconds <= 60)) throw new Error("--seconds must be between 1 and 60");
  if (!(Number.isInteger(args.connections) && args.connections >= 1 && args.connections <= 64)) throw new Error("--connections must be 1–64");
  return args;
}

// ---- autocannon (CommonJS, no type declarations: the part of its result used here) ----

type Histogram = { p50: number; p97_5: number; p99: number; max: number; average: number };
type CannonResult = { latency: Histogram; requests: { total: number; average: number }; non2xx: number; errors: number; timeouts: number; duration: number };
type CannonOptions = { url: string; connections: number; duration: number; headers?: Record<string, string>; timeout?: number };
const autocannon = createRequire(import.meta.url)("autocannon") as (options: CannonOptions) => Promise<CannonResult>;

type Phase = { connections: number; requests: number; rps: number; p50: number; p97_5: number; p99: number; max: number; non2xx: number; errors: number };
type PageResult = { name: string; path: string | null; skipped?: string; firstMs?: number; single?: Phase; loaded?: Phase };

function phaseOf(r: CannonResult, connections: number): Phase {
  const ms = (x: number) => Math.round(x * 10) / 10;
  return {
    connections,
    requests: r.requests.total,
    rps: Math.round((r.requests.total / Math.max(0.001, r.duration)) * 10) / 10,
    p50: ms(r.latency.p50),
    p97_5: ms(r.latency.p97_5),
    p99: ms(r.latency.p99),
    max: ms(r.latency.max),
    non2xx: r.non2xx,
    errors: r.errors + r.timeouts,
  };
}

// ---- the server ----

async function waitForHealth(base: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the app exited (${child.exitCode}) before it was ready:\n${log()}`);
    try {
      const res = await fetch(`${base}/healthz`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the app did not answer /healthz within 90 s:\n${log()}`);
}

async function signIn(base: string, username: string): Promise<string> {
  const res = await fetch(`${base}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", origin: base },
    body: new URLSearchParams({ username, password: DEMO_PASSWORD, redirectTo: "" }),
  });
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0] ?? "")
    .find((c) => c.startsWith("tuoyu_session="));
  if (res.status !== 302 && res.status !== 303) throw new Error(`sign-in as ${username}: HTTP ${res.status} (is the demo account seeded? npm run db:synth seeds it)`);
  if (!cookie) throw new Error(`sign-in as ${username}: no session cookie`);
  return cookie;
}

async function findParams(url: string): Promise<Params> {
  const sql = postgres(url, { max: 1, idle_timeout: 5, onnotice: () => {} });
  try {
    const [batch] = await sql<{ id: string; lines: number }[]>`
      SELECT b.id, b.line_count AS lines FROM subsidy_batches b
       WHERE b.jurisdiction_code IN (SELECT code FROM jurisdictions WHERE path LIKE (SELECT path FROM jurisdictions WHERE code = ${CITY}) || '%')
         AND b.status <> 'preparing'
       ORDER BY b.period DESC, b.line_count DESC LIMIT 1`;
    // bb-operator's facility with the most subsidy lines (its statement), else any of its facilities
    const [facility] = await sql<{ id: string }[]>`
      SELECT f.id FROM facilities f JOIN users u ON u.organisation_id = f.organisation_id AND u.username = ${ACCOUNTS.operator}
       ORDER BY (SELECT count(*) FROM subsidy_lines l WHERE l.facility_id = f.id) DESC, f.id LIMIT 1`;
    const [entry] = await sql<{ id: string }[]>`SELECT facility_id AS id FROM directory_entries ORDER BY facility_id LIMIT 1`;
    return { batchId: batch?.id ?? null, batchLines: Number(batch?.lines ?? 0), operatorFacilityId: facility?.id ?? null, directoryFacilityId: entry?.id ?? null };
  } finally {
    await sql.end({ timeout: 5 });
  }
}

function table(results: PageResult[], args: Args): string {
  const head = [
    `| page | path | first ms | 1 conn: req/s | p50 ms | p97.5 ms | p99 ms | max ms | ${args.connections} conn: req/s | p50 ms | p97.5 ms | p99 ms | max ms | non-2xx |`,
    "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
  ];
  const rows = results.map((r) => {
    if (r.skipped || !r.single || !r.loaded) return `| ${r.name} | ${r.path ?? ""} | skipped: ${r.skipped ?? "?"} ||||||||||||`;
    const cells = (x: Phase) => (x.requests === 0 ? ["0", "none done", "", "", ""] : [x.rps, x.p50, x.p97_5, x.p99, x.max].map(String));
    const [s, l] = [r.single, r.loaded];
    return `| ${r.name} | \`${decodeURIComponent(r.path ?? "")}\` | ${r.firstMs ?? ""} | ${cells(s).join(" | ")} | ${cells(l).join(" | ")} | ${s.non2xx + l.non2xx + s.errors + l.errors} |`;
  });
  return [...head, ...rows].join("\n");
}

export async function main(argv: string[]): Promise<void> {
  const args = parseArgs(argv);
  const url = process.env.DATABASE_URL;
  if (!url || !/^postgres(ql)?:\/\//.test(url)) {
    process.stderr.write("bench pages: set DATABASE_URL to a PostgreSQL database filled by `npm run db:synth`.\n");
    process.exitCode = 2;
    return;
  }
  let buildSeconds: number | null = null;
  if (args.build) {
    const t0 = performance.now();
    const built = spawnSync(process.execPath, [join(ROOT, "node_modules/@remix-run/dev/dist/cli.js"), "vite:build"], { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"] });
    if (built.status !== 0) throw new Error("bench pages: the build failed");
    buildSeconds = Math.round((performance.now() - t0) / 100) / 10;
  }
  const params = await findParams(url);
  const base = `http://127.0.0.1:${args.port}`;
  const dataDir = mkdtempSync(join(tmpdir(), "tuoyu-bench-pages-"));
  let log = "";
  const child = spawn(process.execPath, [join(ROOT, "node_modules/tsx/dist/cli.mjs"), join(ROOT, "app/server/start.ts")], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(args.port),
      HOST: "127.0.0.1",
      DATABASE_URL: url,
      PUBLIC_BASE_URL: base,
      DATA_DIR: dataDir,
      // fresh secrets for the run: nothing here decrypts data written under another key
      SESSION_SECRET: randomBytes(32).toString("hex"),
      DATA_ENCRYPTION_KEY: randomBytes(32).toString("hex"),
      // the demo accounts are how the bench signs in
      ALLOW_DEMO: "1",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString("utf8")).slice(-8000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const results: PageResult[] = [];
  try {
    await waitForHealth(base, child, () => log);
    const cookies = new Map<Role, string>();
    for (const role of Object.keys(ACCOUNTS) as Role[]) cookies.set(role, await signIn(base, ACCOUNTS[role]));

    for (const page of PAGES) {
      if (args.only && !args.only.some((o) => page.name.includes(o))) continue;
      const path = page.path(params);
      if (typeof path !== "string") {
        results.push({ name: page.name, path: null, skipped: path.skip });
        continue;
      }
      const headers: Record<string, string> = page.role ? { cookie: cookies.get(page.role) ?? "" } : {};
      const t0 = performance.now();
      const probe = await fetch(`${base}${path}`, { headers, redirect: "manual" });
      await probe.arrayBuffer();
      const firstMs = Math.round(performance.now() - t0);
      if (probe.status === 404) {
        results.push({ name: page.name, path, skipped: "route missing (404)" });
        continue;
      }
      if (probe.status !== 200) {
        results.push({ name: page.name, path, skipped: `HTTP ${probe.status} on the first request` });
        continue;
      }
      process.stderr.write(`  ${page.name} …\n`);
      const single = await autocannon({ url: `${base}${path}`, connections: 1, duration: args.seconds, headers, timeout: 30 });
      const loaded = await autocannon({ url: `${base}${path}`, connections: args.connections, duration: args.seconds, headers, timeout: 30 });
      results.push({ name: page.name, path, firstMs, single: phaseOf(single, 1), loaded: phaseOf(loaded, args.connections) });
    }
  } finally {
    child.kill("SIGTERM");
    await new Promise<void>((done) => {
      if (child.exitCode !== null) return done();
      const timer = setTimeout(() => {
        child.kill("SIGKILL");
        done();
      }, 15_000);
      child.once("exit", () => {
        clearTimeout(timer);
        done();
      });
    });
    rmSync(dataDir, { recursive: true, force: true });
  }

  const measured = results.filter((r) => r.single);
  process.stdout.write(
    `${JSON.stringify({
      bench: "pages",
      secondsPerPhase: args.seconds,
      connections: args.connections,
      buildSeconds,
      batchLines: params.batchLines,
      // other work on this 2-core machine inflates latencies: the 1-minute load average at the end
      loadAverage: Math.round((loadavg()[0] ?? 0) * 10) / 10,
      slowestP50Ms: Math.max(0, ...measured.map((r) => r.single?.p50 ?? 0)),
      over200msP50: measured.filter((r) => (r.single?.p50 ?? 0) > 200).map((r) => r.name),
      pages: results,
    })}\n`,
  );
  process.stderr.write(`\n${table(results, args)}\n`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await main(process.argv.slice(2));
