import { DEMO_USERS } from "../../db/demo-accounts";
import { zhCN } from "../../app/i18n/zh-CN";
import { ROLE_HOME } from "../../app/auth/permissions";
import type { Role } from "../../db/schema/enums";
import { expect, gotoReady, signIn, signOut, test } from "./fixtures";

const HEADING: Record<Role, string> = {
  operator: zhCN.home.operator.title,
  reviewer: zhCN.home.reviewer.title,
  price_officer: zhCN.pricing.title,
  finance_officer: zhCN.home.finance_officer.title,
  union_officer: zhCN.home.union_officer.title,
  admin: zhCN.admin.users,
  auditor: zhCN.audit.title,
};

test.describe("every demo account signs in and lands on its home", () => {
  for (const user of DEMO_USERS) {
    test(`${user.username} (${user.roles.join(", ")})`, async ({ page, consoleErrors }) => {
      await signIn(page, user.username);
      const [only] = user.roles;
      if (user.roles.length === 1 && only) {
        await expect(page).toHaveURL(new RegExp(`${ROLE_HOME[only]}$`));
        await expect(page.getByRole("heading", { level: 1, name: HEADING[only] })).toBeVisible();
      } else {
        await expect(page).toHaveURL(/\/home$/);
        await expect(page.getByRole("heading", { level: 1, name: "我的工作台" })).toBeVisible();
        for (const role of user.roles) await expect(page.getByRole("link", { name: new RegExp(zhCN.home[role].title) }).first()).toBeVisible();
      }
      await expect(page.getByText(`当前用户：${user.displayName}`)).toBeVisible();
      await signOut(page);
      await expect(page.getByText("您已安全退出。")).toBeVisible();
      expect(consoleErrors).toEqual([]);
    });
  }
});

test("the sign-in page is Chinese by default", async ({ page, consoleErrors }) => {
  await gotoReady(page, "/login");
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await expect(page).toHaveTitle(/登录/);
  await expect(page.getByRole("heading", { level: 1, name: "登录" })).toBeVisible();
  expect(consoleErrors).toEqual([]);
});

test("a wrong password shows a clear message and keeps the user on the form", async ({ page, consoleErrors }) => {
  await signIn(page, "bb-reviewer", "not-the-password");
  await expect(page.getByRole("alert").filter({ hasText: "用户名或密码不正确。" })).toBeVisible();
  await expect(page.getByLabel("用户名")).toHaveValue("bb-reviewer");
  void consoleErrors;
});

test("empty fields get field-level messages before anything is sent", async ({ page, consoleErrors }) => {
  await gotoReady(page, "/login");
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.getByText("此项为必填项")).toHaveCount(2);
  void consoleErrors;
});

test("a protected page sends the visitor to sign in and back again", async ({ page, consoleErrors }) => {
  await page.goto("/audit?action=auth");
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Faudit%3Faction%3Dauth/);
  await page.waitForFunction(() => (window as unknown as { __remixRouter?: { state?: { initialized?: boolean } } }).__remixRouter?.state?.initialized === true);
  await page.getByLabel("用户名").fill("bb-auditor");
  await page.getByLabel("密码").fill("Tuoyu-Demo-2026");
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page).toHaveURL(/\/audit\?action=auth$/);
  void consoleErrors;
});

test("the language switch turns the whole page English and is remembered", async ({ page, consoleErrors }) => {
  await gotoReady(page, "/");
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { level: 1, name: "Tuoyu Childcare Administration" })).toBeVisible();
  await page.goto("/login");
  await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
  await expect(page.getByLabel("Username")).toBeVisible();
  await page.getByRole("button", { name: "中文" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await expect(page.getByRole("heading", { level: 1, name: "登录" })).toBeVisible();
  expect(consoleErrors).toEqual([]);
});
