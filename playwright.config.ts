import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defineConfig } from "@playwright/test";

// End-to-end tests run the built app (`npm start`'s entry) on its own port and a fresh embedded
// database, so they never touch ./data. Debian's Chromium when present (npx playwright install cannot
// download here); elsewhere Playwright's own browser.
const PORT = Number(process.env.E2E_PORT ?? 3100);
const BASE_URL = `http://localhost:${PORT}`;
process.env.E2E_DATA_DIR ??= join(tmpdir(), `tuoyu-e2e-${Date.now()}`);
const chromium = "/usr/bin/chromium";

const serverEnv: Record<string, string> = {};
for (const [k, v] of Object.entries(process.env)) if (v !== undefined) serverEnv[k] = v;
// the shared server starts with the demo accounts only: these tests build their own facilities and count
// what they make (test/e2e/demo-world.spec.ts runs its own server with the whole demo world)
Object.assign(serverEnv, { PORT: String(PORT), DATA_DIR: process.env.E2E_DATA_DIR, DATABASE_URL: "", PUBLIC_BASE_URL: BASE_URL, DEMO_WORLD: "0" });

export default defineConfig({
  testDir: "test/e2e",
  outputDir: "test-results",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? [["list"], ["json"]] : [["list"]],
  use: {
    baseURL: BASE_URL,
    locale: "zh-CN",
    timezoneId: "Asia/Shanghai",
    trace: "off",
    launchOptions: {
      executablePath: existsSync(chromium) ? chromium : undefined,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
    },
  },
  projects: [{ name: "chromium", use: { browserName: "chromium" } }],
  webServer: {
    command: "node node_modules/tsx/dist/cli.mjs app/server/start.ts",
    url: `${BASE_URL}/healthz`,
    env: serverEnv,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: "ignore",
    stderr: "pipe",
  },
});
