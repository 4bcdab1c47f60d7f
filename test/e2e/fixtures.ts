// Shared end-to-end helpers: a page that fails the test on any console error, hydration-aware
// navigation, and sign-in through the real form.
import { expect, test as base, type Page } from "@playwright/test";
import { DEMO_PASSWORD } from "../../db/demo-accounts";

export const test = base.extend<{ consoleErrors: string[] }>({
  consoleErrors: async ({ page }, provide) => {
    const errors: string[] = [];
    page.on("console", (msg) => {
      if (msg.type() === "error") errors.push(msg.text());
    });
    page.on("pageerror", (error) => errors.push(error.message));
    await provide(errors);
    // pages answered with an intended 4xx log "Failed to load resource"; everything else is a defect
    expect(errors.filter((e) => !/status of (40[01349]|429)/.test(e))).toEqual([]);
  },
});

export { expect };

/** A background check a month ago (it is repeated yearly, 未成年人保护法 第六十二条), in Asia/Shanghai. */
export const RECENT_CHECK = new Date(Date.now() + 8 * 3_600_000 - 30 * 86_400_000).toISOString().slice(0, 10);

export async function gotoReady(page: Page, url: string) {
  await page.goto(url);
  await page.waitForFunction(() => (window as unknown as { __remixRouter?: { state?: { initialized?: boolean } } }).__remixRouter?.state?.initialized === true);
}

export async function signIn(page: Page, username: string, password = DEMO_PASSWORD) {
  await gotoReady(page, "/login");
  await page.getByLabel("用户名").fill(username);
  await page.getByLabel("密码").fill(password);
  await page.getByRole("button", { name: "登录" }).click();
}

/** Signs in and waits until the app has left the sign-in page. */
export async function signInOk(page: Page, username: string, password = DEMO_PASSWORD) {
  await signIn(page, username, password);
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
}

export async function signOut(page: Page) {
  await page.getByRole("button", { name: /退出登录|Sign out/ }).click();
  await expect(page).toHaveURL(/\/login/);
}
