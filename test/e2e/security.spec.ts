import { request as playwrightRequest, type APIRequestContext } from "@playwright/test";
import { DEMO_PASSWORD, DEMO_USERS } from "../../db/demo-accounts";
import { ROLE_HOME } from "../../app/auth/permissions";
import { ROLES } from "../../db/schema/enums";
import { expect, gotoReady, signIn, signInOk, test } from "./fixtures";

async function apiSession(baseURL: string, username: string): Promise<APIRequestContext> {
  const ctx = await playwrightRequest.newContext({ baseURL });
  const res = await ctx.post("/login", { form: { username, password: DEMO_PASSWORD }, headers: { Origin: baseURL }, maxRedirects: 0 });
  expect(res.status(), `sign-in of ${username}`).toBe(302);
  return ctx;
}

test("GET /healthz reports the database reachable", async ({ request }) => {
  const res = await request.get("/healthz");
  expect(res.status()).toBe(200);
  expect(await res.json()).toEqual({ status: "ok", database: "reachable" });
});

test("a cross-origin POST to /login is refused with 403", async ({ request }) => {
  const res = await request.post("/login", { form: { username: "bb-admin", password: DEMO_PASSWORD }, headers: { Origin: "https://evil.example" }, maxRedirects: 0 });
  expect(res.status()).toBe(403);
  expect(res.headers()["set-cookie"]).toBeUndefined();
});

test("a signed-in form post without Origin or Referer is refused", async ({ baseURL }) => {
  const ctx = await apiSession(baseURL ?? "", "bb-admin");
  const res = await ctx.post("/logout", { maxRedirects: 0, headers: { Origin: "", Referer: "" } });
  expect(res.status()).toBe(403);
  await ctx.dispose();
});

test("every role home refuses every other role", async ({ baseURL }) => {
  for (const user of DEMO_USERS.filter((u) => u.username.startsWith("bb-") || u.username === "gz-staff")) {
    const ctx = await apiSession(baseURL ?? "", user.username);
    for (const role of ROLES) {
      // the finance home is also the reviewers' way to the subsidy batches they prepare (issue #7)
      const allowed = user.roles.includes(role) || (role === "finance_officer" && user.roles.includes("reviewer"));
      const res = await ctx.get(ROLE_HOME[role], { maxRedirects: 0 });
      expect(res.status(), `${user.username} → ${ROLE_HOME[role]}`).toBe(allowed ? 200 : 403);
      if (!allowed) expect(await res.text()).toContain("无权访问");
    }
    await ctx.dispose();
  }
});

test("an 阿拉尔 administrator cannot open a 蚌埠 user by guessing its address", async ({ page, consoleErrors }) => {
  await signIn(page, "bb-admin");
  await expect(page).toHaveURL(/\/admin$/);
  await page.getByRole("link", { name: "hy-reviewer" }).click();
  await expect(page).toHaveURL(/\/admin\/users\/.+/);
  const path = new URL(page.url()).pathname;
  await page.getByRole("button", { name: "退出登录" }).click();
  await signIn(page, "al-admin");
  await expect(page).toHaveURL(/\/admin$/);
  await expect(page.getByRole("link", { name: "hy-reviewer" })).toHaveCount(0);
  const res = await page.goto(path);
  expect(res?.status()).toBe(403);
  await expect(page.getByText("该记录不在您的管辖范围内。")).toBeVisible();
  void consoleErrors;
});

test("five wrong passwords lock the account for 15 minutes and the auditor sees it", async ({ page, consoleErrors, baseURL }) => {
  // a fresh account, so the demo accounts stay usable for the other tests
  const admin = await apiSession(baseURL ?? "", "al-admin");
  const created = await admin.post("/admin/users/new", {
    form: { username: "al-lockme", displayName: "锁定测试", roles: "price_officer", jurisdictionCode: "659002", password: "Lock-Me-Please-1" },
    headers: { Origin: baseURL ?? "" },
    maxRedirects: 0,
  });
  expect(created.status()).toBe(302);
  await admin.dispose();
  for (let i = 0; i < 4; i += 1) {
    await signIn(page, "al-lockme", `wrong-password-${i}`);
    await expect(page.getByText("用户名或密码不正确。")).toBeVisible();
  }
  await signIn(page, "al-lockme", "wrong-password-5");
  await expect(page.getByText(/已被锁定/)).toBeVisible();
  await signIn(page, "al-lockme", "Lock-Me-Please-1");
  await expect(page.getByText(/已被锁定/)).toBeVisible();
  await expect(page).toHaveURL(/\/login/);

  await signIn(page, "al-auditor");
  await expect(page).toHaveURL(/\/audit$/);
  await expect(page.getByText(/哈希链完整/)).toBeVisible();
  await page.getByLabel("操作类型").fill("auth.login");
  await page.getByRole("button", { name: "筛选" }).click();
  const failures = page.getByRole("row").filter({ hasText: "auth.login_failed" }).filter({ hasText: "al-lockme" });
  await expect(failures).toHaveCount(5);
  await expect(page.getByRole("row").filter({ hasText: "auth.login_refused_locked" }).filter({ hasText: "al-lockme" })).toHaveCount(1);
  // the 阿拉尔 auditor sees nothing of 蚌埠
  await expect(page.getByRole("row").filter({ hasText: "bb-" })).toHaveCount(0);
  void consoleErrors;
});

test("an administrator creates a user; bad input is explained field by field; the user must change the password", async ({ page, consoleErrors }) => {
  await signInOk(page, "bb-admin");
  await gotoReady(page, "/admin/users/new");
  await page.getByLabel("用户名").fill("X");
  await page.getByLabel("初始密码").fill("123");
  await page.getByRole("button", { name: "创建用户" }).click();
  await expect(page.getByText("用户名须为 3–40 位小写字母")).toBeVisible();
  await expect(page.getByText("请至少选择一个角色")).toBeVisible();
  await expect(page.getByText("密码至少需要 10 个字符")).toBeVisible();
  await page.getByLabel("用户名").fill("hy-new-reviewer");
  await page.getByLabel("姓名").fill("怀远县新审核员");
  await page.getByLabel("卫健委审核员").check();
  await page.getByLabel("管辖范围").selectOption("340321");
  await page.getByLabel("初始密码").fill("qwertyuiop");
  await page.getByRole("button", { name: "创建用户" }).click();
  await expect(page.getByText("这是常见密码，容易被猜到，请换一个")).toBeVisible();
  await page.getByLabel("初始密码").fill("Huaiyuan-Start-88");
  await page.getByRole("button", { name: "创建用户" }).click();
  await expect(page.getByText("用户已创建。")).toBeVisible();
  await expect(page.getByRole("link", { name: "hy-new-reviewer" })).toBeVisible();
  await page.getByRole("button", { name: "退出登录" }).click();

  await signIn(page, "hy-new-reviewer", "Huaiyuan-Start-88");
  await expect(page).toHaveURL(/\/account\/password$/);
  await expect(page.getByText("管理员已为您重置密码")).toBeVisible();
  await page.waitForFunction(() => (window as unknown as { __remixRouter?: { state?: { initialized?: boolean } } }).__remixRouter?.state?.initialized === true);
  await page.getByLabel("当前密码").fill("Huaiyuan-Start-88");
  await page.getByLabel("新密码", { exact: true }).fill("Huaiyuan-Own-2026");
  await page.getByLabel("确认新密码").fill("Huaiyuan-Own-2026");
  await page.getByRole("button", { name: "保存新密码" }).click();
  await expect(page).toHaveURL(/\/review$/);
  await expect(page.getByText(/辖区：怀远县/)).toBeVisible();
  void consoleErrors;
});
