// `npm test`: every test — vitest (unit, rules scenarios, DB tests on PGlite and, with DATABASE_URL,
// PostgreSQL) then Playwright in Chromium against the built app — and one summary line at the end:
// `N passed, N failed`.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const dir = mkdtempSync(join(tmpdir(), "tuoyu-test-"));
const vitestJson = join(dir, "vitest.json");
const playwrightJson = join(dir, "playwright.json");
const node = process.execPath;

function run(args: string[], env: Record<string, string> = {}) {
  return spawnSync(node, args, { stdio: "inherit", env: { ...process.env, ...env } });
}

const vitest = run(["node_modules/vitest/vitest.mjs", "run", "--reporter=default", "--reporter=json", `--outputFile.json=${vitestJson}`]);
const playwright = run(["node_modules/@playwright/test/cli.js", "test"], { PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightJson });

let passed = 0;
let failed = 0;
const problems: string[] = [];

if (existsSync(vitestJson)) {
  const v = JSON.parse(readFileSync(vitestJson, "utf8")) as { numPassedTests: number; numFailedTests: number; numFailedTestSuites?: number };
  passed += v.numPassedTests;
  failed += v.numFailedTests + (v.numFailedTestSuites ?? 0);
} else problems.push("vitest produced no results");
if (vitest.status !== 0 && !problems.length && failed === 0) problems.push(`vitest exited with ${vitest.status}`);

if (existsSync(playwrightJson)) {
  const p = JSON.parse(readFileSync(playwrightJson, "utf8")) as { stats: { expected: number; unexpected: number; flaky: number }; errors?: unknown[] };
  passed += p.stats.expected;
  failed += p.stats.unexpected + p.stats.flaky + (p.errors?.length ?? 0);
} else problems.push("playwright produced no results");
if (playwright.status !== 0 && failed === 0) problems.push(`playwright exited with ${playwright.status}`);

for (const problem of problems) console.error(problem);
if (problems.length > 0) failed += problems.length;
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
