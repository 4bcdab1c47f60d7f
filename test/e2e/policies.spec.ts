// The public policy browser: the list of measures, a measure page with its parameters for a chosen place
// and date, and the try-it page with the rules checklist — in Chinese and in English, without console errors.
import { expect, gotoReady, test } from "./fixtures";

test("the policy list renders in Chinese and in English", async ({ page, consoleErrors }) => {
  await gotoReady(page, "/policies");
  await expect(page.getByRole("heading", { level: 1, name: "政策查询" })).toBeVisible();
  await expect(page.getByRole("link", { name: "普惠托育机构运营补贴" })).toBeVisible();
  await expect(page.getByRole("link", { name: "在线试算" })).toBeVisible();
  await expect(page.getByRole("table").getByRole("columnheader", { name: "阿拉尔市" })).toBeVisible();
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Policies" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Operating subsidy for inclusive facilities" })).toBeVisible();
  await expect(page.getByRole("table").getByRole("columnheader", { name: "Aral City" })).toBeVisible();
  await page.getByRole("button", { name: "中文" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "政策查询" })).toBeVisible();
  void consoleErrors;
});

test("the home page links to the policy browser", async ({ page, consoleErrors }) => {
  await gotoReady(page, "/");
  await page.getByRole("link", { name: "查询支持政策" }).click();
  await expect(page).toHaveURL(/\/policies$/);
  await expect(page.getByRole("heading", { level: 1, name: "政策查询" })).toBeVisible();
  void consoleErrors;
});

test("a 蚌埠 county's subsidy rate is shown as provisional, with its reference", async ({ page, consoleErrors }) => {
  await gotoReady(page, "/policies");
  await page.getByRole("link", { name: "普惠托育机构运营补贴" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "普惠托育机构运营补贴" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "判断条件" })).toBeVisible();
  await page.getByLabel("地区", { exact: true }).selectOption("340321");
  await page.getByLabel("日期", { exact: true }).fill("2026-03-01");
  await page.getByRole("button", { name: "查看" }).click();
  await expect(page).toHaveURL(/jurisdiction=340321/);
  await expect(page.getByText("本措施在怀远县于 2026年3月1日 施行。")).toBeVisible();
  const rate = page.getByRole("row", { name: /普惠托育机构运营补贴标准/ }).first();
  await expect(rate).toContainText("¥200.00");
  await expect(rate).toContainText("示例值，以当地正式文件为准");
  await expect(rate).toContainText("蚌埠市托育服务机构补助办法");
  await expect(rate).toContainText("怀远县");

  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Operating subsidy for inclusive facilities" })).toBeVisible();
  const rateEn = page.getByRole("row", { name: /Operating subsidy per child per month/ }).first();
  await expect(rateEn).toContainText("Provisional — local official documents prevail");
  await expect(rateEn).toContainText("Huaiyuan County");
  void consoleErrors;
});

test("a bad date or place in a measure page's query gets a field message", async ({ page, consoleErrors }) => {
  await gotoReady(page, "/policies/filing.complete?jurisdiction=999999&date=2026-02-30");
  await expect(page.getByText("未知的行政区划代码：“999999”。请从列表中选择。")).toBeVisible();
  await expect(page.getByText("日期无效：“2026-02-30”。请填写存在的日期（YYYY-MM-DD）。")).toBeVisible();
  await expect(page.getByLabel("日期", { exact: true })).toHaveAttribute("aria-invalid", "true");
  void consoleErrors;
});

test("an unknown measure is a 404 page", async ({ page, consoleErrors }) => {
  const response = await page.goto("/policies/no.such.measure");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  void consoleErrors;
});

test("the try-it page evaluates the example and shows the checklist", async ({ page, consoleErrors }) => {
  await gotoReady(page, "/policies/try");
  await expect(page.getByRole("heading", { level: 1, name: "在线试算" })).toBeVisible();
  await expect(page.getByLabel("机构快照（JSON）")).toHaveValue(/怀远县禾苗托育/);
  await page.getByRole("button", { name: "开始核对" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "核对结果" })).toBeVisible();
  const checklist = page.getByRole("list", { name: "政策核对清单" });
  await expect(checklist.getByRole("heading", { level: 3 })).toHaveCount(12);
  // the class over its maximum holds back the subsidy too: money follows the standards
  const subsidy = checklist.getByRole("article", { name: "普惠托育机构运营补贴" });
  await expect(subsidy).toContainText("不符合");
  await expect(subsidy).toContainText("不符合班额与师幼比标准，暂不予补贴");
  const staffing = checklist.getByRole("article", { name: "班额与师幼比" });
  await expect(staffing).toContainText("不符合");
  await expect(staffing).toContainText("需减少 1 名");
  const filing = checklist.getByRole("article", { name: "备案条件与材料齐全" });
  await expect(filing).toContainText("待补充信息");
  await expect(filing).toContainText("staff[k1].backgroundCheckOn");
  await expect(page.getByRole("list", { name: "核对结果统计" })).toBeVisible();

  await page.getByRole("link", { name: "载入阿拉尔示例" }).click();
  await expect(page.getByLabel("机构快照（JSON）")).toHaveValue(/"659002"/);
  await page.getByRole("button", { name: "开始核对" }).click();
  await expect(page.getByRole("article", { name: "国企办托营收七年内不纳入领导班子考核" })).toContainText("符合");
  void consoleErrors;
});

test("a bad snapshot shows each error with its path", async ({ page, consoleErrors }) => {
  await gotoReady(page, "/policies/try");
  await page.getByLabel("机构快照（JSON）").fill(JSON.stringify({ jurisdiction: "340321", operator: {}, filing: {}, classes: [{ type: "toddler", enrolled: -3 }] }));
  await page.getByRole("button", { name: "开始核对" }).click();
  const alert = page.getByRole("alert");
  await expect(alert).toContainText("facility");
  await expect(alert).toContainText("classes[0].enrolled");
  await expect(page.getByLabel("机构快照（JSON）")).toHaveValue(/-3/);

  await page.getByRole("button", { name: "English" }).click();
  await page.getByLabel("Facility snapshot (JSON)").fill("{oops");
  await page.getByRole("button", { name: "Check" }).click();
  await expect(page.getByRole("alert")).toContainText(/JSON/);
  void consoleErrors;
});

test("other systems get plain JSON from POST /api/rules/evaluate, and a 405 hint on GET", async ({ request }) => {
  const res = await request.post("/api/rules/evaluate", {
    data: { jurisdiction: "659002", asOf: "2026-03-01", operator: {}, facility: { kind: "standalone" }, filing: { status: "filed" } },
  });
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toMatch(/^application\/json/);
  const body = (await res.json()) as { determinations: { measure: string; status: string }[] };
  expect(body.determinations).toHaveLength(12);
  const bad = await request.post("/api/rules/evaluate", { data: "{oops", headers: { "content-type": "application/json" } });
  expect(bad.status()).toBe(400);
  expect(await bad.text()).not.toMatch(/\n\s+at .+:\d+:\d+/);
  const get = await request.get("/api/rules/evaluate");
  expect(get.status()).toBe(405);
  expect(((await get.json()) as { errors: unknown[] }).errors).toHaveLength(1);
});
