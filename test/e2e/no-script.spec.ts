// Without JavaScript the forms still work and still explain: the server's field errors are rendered next
// to their fields in the HTML (react-hook-form starts with them), not only after hydration.
import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD } from "../../db/demo-accounts";

test.use({ javaScriptEnabled: false });

test("a form posted without JavaScript shows each field's error in the page", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("用户名").fill("bb-admin");
  await page.getByLabel("密码").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "登录" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));

  await page.goto("/admin/standards");
  // nothing filled in: the server refuses with field-level messages
  const answer = page.waitForResponse((r) => r.request().method() === "POST" && r.url().includes("/admin/standards"));
  await page.getByRole("button", { name: "录入标准" }).click();
  expect((await answer).status()).toBe(400);
  const form = page.locator("form", { has: page.getByRole("button", { name: "录入标准" }) });
  await expect(form.getByText("此项为必填项").first()).toBeVisible();
  // the message belongs to its field (aria-describedby points at it)
  const reference = form.getByLabel("文件名称", { exact: false }).first();
  await expect(reference).toHaveAttribute("aria-invalid", "true");
});
