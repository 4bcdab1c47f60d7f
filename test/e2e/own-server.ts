// For E2E flows that need their own server: started on its own port and embedded data directory, and
// restartable on that directory with the evaluation mode's test clock (CLOCK_OFFSET_DAYS) so dated
// workflows (a 7-day notice, a certificate starting next month) can be stepped through.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, request as playwrightRequest, type APIRequestContext, type Page } from "@playwright/test";
import { DEMO_PASSWORD } from "../../db/demo-accounts";

export function ownServer(port: number, name: string, options: { demoWorld?: boolean } = {}) {
  const base = `http://localhost:${port}`;
  const dataDir = join(mkdtempSync(join(tmpdir(), `tuoyu-e2e-${name}-`)), "data");

  async function start(clockOffsetDays = 0): Promise<ChildProcess> {
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(process.env)) if (v !== undefined) env[k] = v;
    Object.assign(env, { PORT: String(port), DATA_DIR: dataDir, DATABASE_URL: "", PUBLIC_BASE_URL: base, CLOCK_OFFSET_DAYS: String(clockOffsetDays), DEMO_WORLD: options.demoWorld ? "1" : "0" });
    const child = spawn(process.execPath, ["node_modules/tsx/dist/cli.mjs", "app/server/start.ts"], { env: env as NodeJS.ProcessEnv, stdio: "ignore" });
    for (let i = 0; i < 300; i += 1) {
      try {
        if ((await fetch(`${base}/healthz`)).ok) return child;
      } catch {
        // not up yet
      }
      await new Promise((r) => setTimeout(r, 300));
    }
    throw new Error("server did not start");
  }

  async function stop(child: ChildProcess): Promise<void> {
    if (child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    await exited;
  }

  async function ready(page: Page, path: string) {
    await page.goto(`${base}${path}`);
    await page.waitForFunction(() => (window as unknown as { __remixRouter?: { state?: { initialized?: boolean } } }).__remixRouter?.state?.initialized === true);
  }

  async function signIn(page: Page, username: string) {
    await ready(page, "/login");
    await page.getByLabel("用户名").fill(username);
    await page.getByLabel("密码").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "登录" }).click();
    await page.waitForURL((url) => !url.pathname.startsWith("/login"));
  }

  async function signOut(page: Page) {
    await page.getByRole("button", { name: "退出登录" }).click();
    await page.waitForURL(/\/login/);
  }

  /** A signed-in HTTP client posting the same forms the pages post (same-site Origin). */
  async function api(username: string): Promise<APIRequestContext> {
    const ctx = await playwrightRequest.newContext({ baseURL: base, extraHTTPHeaders: { Origin: base } });
    const res = await ctx.post("/login", { form: { username, password: DEMO_PASSWORD }, maxRedirects: 0 });
    expect(res.status()).toBe(302);
    return ctx;
  }

  return { base, start, stop, ready, signIn, signOut, api };
}

export function pdf(name: string) {
  return { name: `${name}.pdf`, mimeType: "application/pdf", buffer: Buffer.from(`%PDF-1.4\n% ${name}\n%%EOF\n`) };
}

/** A valid resident ID number (GB 11643 check character) from a 14-digit prefix and a running number. */
export function idNumber(prefix14: string, i: number): string {
  const first17 = `${prefix14}${String(i).padStart(3, "0")}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((acc, c, k) => acc + Number(c) * (weights[k] ?? 0), 0);
  return first17 + "10X98765432"[sum % 11];
}

export function todayInShanghai(): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date());
}
