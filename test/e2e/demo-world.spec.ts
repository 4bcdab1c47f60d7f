// The demo world as a newcomer meets it (issue #12): a server started like `npm start` (embedded, first
// start, demo world on), every demo account signs in and finds its home with work waiting, and the
// README's acceptance checks hold — 40+ facilities in the directory, 3+ filings for hy-reviewer, 3+
// batches for bb-finance, 3+ programmes for bb-union, and seeded codes that verify as valid and revoked.
import type { ChildProcess } from "node:child_process";
import { DEMO_USERS } from "../../db/demo-accounts";
import { zhCN } from "../../app/i18n/zh-CN";
import { ROLE_HOME } from "../../app/auth/permissions";
import { expect, test } from "./fixtures";
import { ownServer } from "./own-server";

const site = ownServer(3300, "demo", { demoWorld: true });
let server: ChildProcess;

test.describe.configure({ mode: "serial" });
test.beforeAll(async () => {
  test.setTimeout(180_000);
  server = await site.start();
});
test.afterAll(async () => {
  await site.stop(server);
});

/** The home's "what waits for you" panel has at least one non-zero count, or a statement in its place. */
async function expectWorkWaiting(page: import("@playwright/test").Page, who: string) {
  const panel = page.getByRole("region", { name: zhCN.work.title });
  await expect(panel, who).toBeVisible();
  await expect(panel.getByText(zhCN.work.nothing), who).toHaveCount(0);
  const texts = await panel.getByRole("listitem").allInnerTexts();
  expect(texts.some((t) => /^[1-9]\d*\s/.test(t.trim()) || t.includes(zhCN.work.finance.notInForce.label)), `${who}: ${texts.join(" | ")}`).toBe(true);
}

test("every demo account finds its home with work waiting", async ({ page, consoleErrors }) => {
  test.setTimeout(180_000);
  for (const user of DEMO_USERS) {
    await site.signIn(page, user.username);
    for (const role of user.roles) {
      await site.ready(page, ROLE_HOME[role]);
      await expectWorkWaiting(page, `${user.username} as ${role}`);
    }
    await site.signOut(page);
  }
  expect(consoleErrors).toEqual([]);
});

test("the acceptance checks: directory, reviewer queue, batches, programmes", async ({ page, consoleErrors }) => {
  // 20 rows a page: a full second page means at least 40 filed facilities
  await site.ready(page, "/directory?page=2");
  await expect(page.getByRole("table").getByRole("row")).toHaveCount(21);

  await site.signIn(page, "hy-reviewer");
  await site.ready(page, "/review");
  const queue = page.getByRole("region", { name: zhCN.filing.review.queue });
  await expect(queue.getByRole("row").nth(3)).toBeVisible(); // a header and at least three filings
  await expect(queue.getByText(zhCN.filing.review.overdue).first()).toBeVisible();
  await page.screenshot({ path: "test-results/demo-review.png", fullPage: true });
  await site.signOut(page);

  await site.signIn(page, "bb-finance");
  const batches = page.getByRole("region", { name: zhCN.batches.list.title });
  await expect(batches.getByRole("row").nth(3)).toBeVisible();
  await page.screenshot({ path: "test-results/demo-finance.png", fullPage: true });
  await site.signOut(page);

  await site.signIn(page, "bb-union");
  await expect(page.getByRole("table").first().getByRole("row").nth(3)).toBeVisible();
  await site.signOut(page);

  await site.signIn(page, "hy-operator");
  await expect(page.getByRole("link", { name: "禾苗托育中心（禹王路园）", exact: true })).toBeVisible();
  await page.screenshot({ path: "test-results/demo-operator.png", fullPage: true });
  await site.signOut(page);
  expect(consoleErrors).toEqual([]);
});

test("the README's seeded verification codes show as valid and as revoked", async ({ page, consoleErrors }) => {
  await site.ready(page, "/verify/VWPQ-3Q7G-KAAA");
  await expect(page.getByText("小星星托育中心（东海大道园）").first()).toBeVisible();
  await expect(page.getByText(zhCN.certificates.states.valid).first()).toBeVisible();
  await site.ready(page, "/verify/YSAW-PGG5-2MVR");
  await expect(page.getByText("木木托育中心（延安路园）").first()).toBeVisible();
  await expect(page.getByText(zhCN.certificates.states.revoked).first()).toBeVisible();
  expect(consoleErrors).toEqual([]);
});
