import { readFileSync } from "node:fs";
import { chromium, type Page } from "@playwright/test";
const ids = JSON.parse(readFileSync("/tmp/shots-ids.json", "utf8")) as Record<string, string>;
const BASE = "http://localhost:3203";
const OUT = "/tmp/shots-batches";
const only = process.argv[2];
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
async function session(username: string, lang: "zh-CN" | "en") {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "zh-CN", timezoneId: "Asia/Shanghai" });
  const page = await context.newPage();
  page.on("console", (m) => { if (m.type() === "error") console.log(`[console ${username}] ${m.text()}`); });
  page.on("pageerror", (e) => console.log(`[pageerror ${username}] ${e.message}`));
  await page.goto(`${BASE}/login`);
  await page.getByLabel("用户名").fill(username);
  await page.getByLabel("密码").fill("Tuoyu-Demo-2026");
  await page.getByRole("button", { name: "登录" }).click();
  await page.waitForURL((u) => !u.pathname.startsWith("/login"));
  if (lang === "en") await context.addCookies([{ name: "lang", value: "en", url: BASE }]);
  return page;
}
async function shot(page: Page, path: string, name: string) {
  if (only && !name.includes(only)) return;
  await page.goto(`${BASE}${path}`);
  await page.waitForLoadState("networkidle").catch(() => {});
  await page.screenshot({ path: `${OUT}/${name}.png`, fullPage: true });
  console.log(name, page.url());
}
for (const lang of ["zh-CN", "en"] as const) {
  const fin = await session("bb-finance", lang);
  await shot(fin, "/finance", `${lang}-finance-home`);
  await shot(fin, `/finance/batches/${ids.preparing}`, `${lang}-batch-preparing`);
  await shot(fin, `/finance/batches/${ids.b4}`, `${lang}-batch-prepared`);
  await shot(fin, `/finance/batches/${ids.wh}`, `${lang}-batch-provisional`);
  await shot(fin, `/finance/batches/${ids.b3}`, `${lang}-batch-paid`);
  await fin.goto(`${BASE}/finance/batches/${ids.b3}?filter=delta`);
  const href = await fin.getByRole("link", { name: /明细|line of/ }).first().getAttribute("href");
  if (href) await shot(fin, href, `${lang}-line-delta`);
  await shot(fin, `/finance/batches/${ids.b3}/summary`, `${lang}-summary`);
  if (!only || `${lang}-summary-print`.includes(only)) {
    await fin.emulateMedia({ media: "print" });
    await fin.screenshot({ path: `${OUT}/${lang}-summary-print.png`, fullPage: true });
    await fin.emulateMedia({ media: "screen" });
  }
  const op = await session("hy-operator", lang);
  await shot(op, `/operator/facilities/${ids.star}/subsidy`, `${lang}-statement`);
  const staff = await session("hy-staff", lang);
  if (!only || `${lang}-four-eyes`.includes(only)) {
    await staff.goto(`${BASE}/finance/batches/${ids.b4}`);
    await staff.waitForFunction(() => (window as unknown as { __remixRouter?: { state?: { initialized?: boolean } } }).__remixRouter?.state?.initialized === true);
    await staff.getByRole("button", { name: /审批通过|Approve/ }).click();
    await staff.waitForTimeout(1500);
    await staff.screenshot({ path: `${OUT}/${lang}-four-eyes.png`, fullPage: true });
  }
  const rev = await session("hy-reviewer", lang);
  await shot(rev, "/finance", `${lang}-finance-reviewer`);
}
await browser.close();
