// The employer-run childcare acceptance flow (issue [7/7]): an operator marks a filed 蚌埠 facility as
// employer-run for its own staff and fills in the programme profile (a wrong USCC check character is
// refused on the field), files the change; the 蚌埠 union officer finds the programme by employer name,
// nominates it for 全国爱心托育用人单位, records the recommendation and the award with a paper, and a 1万 元
// project grant; the operator sees the grant; the public directory lists it under "employer-run".
// With SHOTS_DIR set, screenshots of the new pages (zh and en) are written there.
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { request as playwrightRequest, type APIRequestContext, type Page } from "@playwright/test";
import { DEMO_PASSWORD } from "../../db/demo-accounts";
import { expect, gotoReady, RECENT_CHECK, signInOk, signOut, test } from "./fixtures";
import { idNumber, pdf, todayInShanghai } from "./own-server";

const FACILITY = "示例玻璃职工托育园";
const EMPLOYER = "蚌埠示例玻璃新材料有限公司";
const USCC = "91340300MA2NBK7Q12";
const YEAR = Number(todayInShanghai().slice(0, 4));
const SHOTS = process.env.SHOTS_DIR;

async function api(baseURL: string, username: string): Promise<APIRequestContext> {
  const ctx = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { Origin: baseURL } });
  const res = await ctx.post("/login", { form: { username, password: DEMO_PASSWORD }, maxRedirects: 0 });
  expect(res.status()).toBe(302);
  return ctx;
}

/** A filed 龙子湖区 standalone facility, set up over HTTP through the same forms the operator pages post. */
async function filedFacility(baseURL: string): Promise<string> {
  const op = await api(baseURL, "bb-operator");
  expect((await op.post("/operator/organisation", { form: { name: "蚌埠市龙子湖区小星星托育有限公司", uscc: "91340302MA2Q6W7E8R", legalForm: "company", ownership: "private", businessScopeIncludesChildcare: "true", jurisdictionCode: "340302" }, maxRedirects: 0 })).status()).toBe(302);
  const created = await op.post("/operator/facilities/new", {
    form: { name: FACILITY, address: "蚌埠市龙子湖区示例路 1 号", jurisdictionCode: "340302", kind: "standalone", serviceTypes: "full_day", totalSlots: "60", openedOn: "2025-03-01", mealsProvided: "false", premisesTenure: "owned" },
    maxRedirects: 0,
  });
  const facilityId = /facilities\/([0-9a-f-]{36})/.exec(created.headers().location ?? "")?.[1] ?? "";
  expect(facilityId).not.toBe("");
  const base = `/operator/facilities/${facilityId}`;
  await op.post(`${base}/classes`, { form: { type: "toddler", capacity: "15", enrolled: "10", caregivers: "2" }, maxRedirects: 0 });
  await op.post(`${base}/fees`, { form: { kind: "basic", classType: "toddler", serviceType: "full_day", amount: "1200" }, maxRedirects: 0 });
  for (const kind of ["business_license", "site_proof", "health_evaluation", "fire_safety"]) {
    const res = await op.post(`${base}/documents`, { multipart: { kind, issuedOn: "2025-02-01", passed: "true", file: pdf(kind) }, maxRedirects: 0 });
    expect(res.status(), kind).toBe(302);
  }
  const roster: Array<[string, string, string | null]> = [
    ["director", "director_training", null],
    ["health_worker", "health_care_training", null],
    ["security_guard", "security_guard_certificate", null],
    ["caregiver", "childcare_worker", "4"],
    ["caregiver", "childcare_worker", "4"],
  ];
  let i = 0;
  for (const [role, qualification, level] of roster) {
    i += 1;
    const res = await op.post(`${base}/staff`, {
      form: { name: `员工${i}`, idNumber: idNumber("34030219900707", 700 + i), role, education: "junior_college", yearsOfExperience: "5", healthCertificateValidUntil: "2027-12-31", backgroundCheckOn: RECENT_CHECK, laborContract: "true", socialInsurance: "true" },
      maxRedirects: 0,
    });
    const staffPath = res.headers().location?.split("?")[0] ?? "";
    expect(staffPath).toContain("/staff/");
    const q = await op.post(staffPath, { multipart: { kind: qualification, level: level ?? "", number: `Q-${i}`, proof: pdf(`q${i}`) }, maxRedirects: 0 });
    expect(q.status()).toBe(302);
  }
  expect((await op.post(base, { form: { explanation: "" }, maxRedirects: 0 })).status()).toBe(302);
  await op.dispose();
  await acceptPending(baseURL);
  return facilityId;
}

/** The 蚌埠 reviewer accepts this facility's filing (or change) from the queue (other tests may leave theirs). */
async function acceptPending(baseURL: string): Promise<void> {
  const reviewer = await api(baseURL, "bb-reviewer");
  const queue = await (await reviewer.get("/review")).text();
  const row = queue.split("<tr").find((r) => r.includes(FACILITY)) ?? "";
  const filingId = /\/review\/filings\/([0-9a-f-]{36})/.exec(row)?.[1] ?? "";
  expect(filingId).not.toBe("");
  expect((await reviewer.post(`/review/filings/${filingId}`, { form: { intent: "accept" }, maxRedirects: 0 })).status()).toBe(302);
  await reviewer.dispose();
}

/** Screenshots in Chinese, then the same page in English (the language switch is remembered). */
async function shoot(page: Page, name: string) {
  if (!SHOTS) return;
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}-zh.png`), fullPage: true });
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("button", { name: "中文" })).toBeVisible();
  await page.waitForLoadState("networkidle");
  await page.screenshot({ path: join(SHOTS, `${name}-en.png`), fullPage: true });
  await page.getByRole("button", { name: "中文" }).click();
  await expect(page.getByRole("button", { name: "English" })).toBeVisible();
  await page.waitForLoadState("networkidle");
}

test.setTimeout(300_000);

test("operator marks an employer-run programme → union finds, nominates, awards and grants 1万 元 → public directory lists it under employer-run", async ({ page, baseURL, consoleErrors }) => {
  const facilityId = await filedFacility(baseURL ?? "");
  const base = `/operator/facilities/${facilityId}`;

  // the operator marks the facility as employer-run, mainly for its own staff
  await signInOk(page, "bb-operator");
  await gotoReady(page, `${base}/details`);
  await expect(page.getByRole("link", { name: "用人单位办托" })).toHaveCount(0);
  await page.getByLabel("机构类型", { exact: true }).selectOption("employer_run");
  await page.getByLabel("举办单位（用人单位或园区）").fill(EMPLOYER);
  await page.getByLabel("主要服务本单位职工子女").selectOption("true");
  await page.getByLabel("向其他单位职工开放", { exact: true }).selectOption("false");
  await page.getByRole("button", { name: "保存", exact: true }).click();
  await expect(page.getByRole("heading", { name: "用人单位办托", exact: true })).toBeVisible();

  // …and fills in the programme profile on its tab; a wrong USCC check character is refused on the field
  await page.getByRole("link", { name: "用人单位办托", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`${base}/programme$`));
  await expect(page.getByLabel("举办单位（用人单位）名称")).toHaveValue(EMPLOYER);
  await page.getByLabel("用人单位统一社会信用代码").fill("91340300MA2NBK7Q13");
  await page.getByLabel("所在产业园区").fill("蚌埠高新技术产业开发区");
  await page.getByLabel("是否主要面向本单位职工子女").selectOption("true");
  await page.getByLabel("是否向其他单位职工开放").selectOption("false");
  await page.getByLabel("是否向周边居民开放").selectOption("false");
  await page.getByLabel("为本单位职工预留的托位数").fill("40");
  await page.getByLabel("办托联系人").fill("王示例");
  await page.getByLabel("联系电话").fill("0552-3100000");
  await page.getByRole("button", { name: "保存办托信息" }).click();
  await expect(page.getByText("统一社会信用代码校验码不正确，请核对")).toBeVisible();
  await page.getByLabel("用人单位统一社会信用代码").fill(USCC);
  await page.getByRole("button", { name: "保存办托信息" }).click();
  await expect(page.getByText("办托信息已保存。")).toBeVisible();
  await shoot(page, "operator-programme");

  // the change is filed: the overview shows the profile with the facility
  await page.getByRole("link", { name: "概况", exact: true }).click();
  await expect(page.locator("dd").filter({ hasText: EMPLOYER })).toBeVisible();
  await page.getByRole("button", { name: "提交变更" }).click();
  await expect(page.getByText("已提交，审核期限为 5 个工作日。")).toBeVisible();
  await signOut(page);
  await acceptPending(baseURL ?? "");

  // the union officer finds it by employer name
  await signInOk(page, "bb-union");
  await expect(page).toHaveURL(/\/union$/);
  await page.getByLabel("用人单位或机构名称").fill("示例玻璃新材料");
  await page.getByRole("button", { name: "查询" }).click();
  await expect(page.getByText(EMPLOYER)).toBeVisible();
  await page.getByRole("link", { name: FACILITY }).click();
  await expect(page.getByRole("heading", { level: 1, name: EMPLOYER })).toBeVisible();
  await expect(page.getByText("0552-3100000")).toBeVisible();
  await expect(page.getByRole("heading", { name: "用人单位办托 工会支持", exact: true })).toBeVisible();
  await expect(page.getByRole("article", { name: "用人单位办托 工会支持" }).getByText(/^✓\s*符合$/).first()).toBeVisible();

  // nominates it, records the provincial recommendation and the award with its paper
  await expect(page.getByLabel("推荐年度")).toHaveValue(String(YEAR));
  await page.getByRole("button", { name: "登记推荐" }).click();
  await expect(page.getByText("已登记推荐。")).toBeVisible();
  await expect(page.getByRole("heading", { name: `${YEAR}年度推荐 已推荐` })).toBeVisible();
  await page.getByLabel("下一步").selectOption("recommended");
  await page.getByLabel("说明").fill("省总工会推荐上报");
  await page.getByRole("button", { name: "登记进度" }).click();
  await expect(page.getByText("推荐进度已更新。")).toBeVisible();
  await expect(page.getByRole("heading", { name: `${YEAR}年度推荐 省总工会已推荐` })).toBeVisible();
  await page.getByLabel("下一步").selectOption("awarded");
  await page.getByRole("button", { name: "登记进度" }).click();
  await expect(page.getByRole("heading", { name: `${YEAR}年度推荐 获评` })).toBeVisible();
  await expect(page.getByText(`全国爱心托育用人单位（${YEAR}年）`).first()).toBeVisible();
  await page.getByLabel("材料文件（PDF、JPG 或 PNG，不超过 10 MB）").setInputFiles(pdf("获评通知"));
  await page.getByRole("button", { name: "上传材料", exact: true }).click();
  await expect(page.getByText("材料已上传。")).toBeVisible();
  await expect(page.getByRole("link", { name: "获评通知.pdf" })).toBeVisible();

  // records the 1万 元 project grant (a negative amount is refused on the field first)
  await page.getByLabel("资助项目名称").fill("全总用人单位托育服务项目补助");
  await page.getByLabel("资助金额（元）").fill("-10000");
  await page.getByLabel("文号或凭证号").fill("总工发〔2025〕示例号");
  await page.getByRole("button", { name: "登记资助" }).click();
  await expect(page.getByText("资助金额应在 0.01 元至 10,000,000 元之间，最多两位小数")).toBeVisible();
  await page.getByLabel("资助金额（元）").fill("10000");
  await page.getByRole("button", { name: "登记资助" }).click();
  await expect(page.getByText("已登记工会资助。")).toBeVisible();
  await expect(page.getByRole("cell", { name: "全总用人单位托育服务项目补助" })).toBeVisible();
  await expect(page.getByRole("cell", { name: "¥10,000.00" }).first()).toBeVisible();
  await shoot(page, "union-programme");

  // the directory: awarded, with the grant in the totals, and the export
  await page.getByRole("link", { name: `← 用人单位办托项目` }).click();
  await expect(page.getByRole("heading", { level: 1, name: "用人单位办托" })).toBeVisible();
  await page.getByLabel("全国爱心托育用人单位").selectOption("yes");
  await page.getByRole("button", { name: "查询" }).click();
  await expect(page.getByRole("link", { name: FACILITY })).toBeVisible();
  await expect(page.getByRole("heading", { name: "工会资助统计" })).toBeVisible();
  await expect(page.getByRole("row", { name: new RegExp(`${YEAR}年 1 ¥10,000.00`) })).toBeVisible();
  await expect(page.getByRole("row", { name: /龙子湖区 1 ¥10,000.00/ })).toBeVisible();
  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "导出 Excel" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^union-programmes-\d{4}-\d{2}-\d{2}\.xlsx$/);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(readFileSync((await download.path()) ?? "") as never);
  const cells = JSON.stringify((workbook.worksheets[0]?.getRow(2).values as unknown[]) ?? []);
  expect(cells).toContain(EMPLOYER);
  expect(cells).toContain(`全国爱心托育用人单位（${YEAR}年）`);
  expect(cells).not.toContain("0552-3100000");
  await page.getByRole("link", { name: "清除条件" }).click();
  await page.waitForURL(/\/union$/);
  await shoot(page, "union-directory");
  await signOut(page);

  // the operator sees the award and the grant, read-only
  await signInOk(page, "bb-operator");
  await gotoReady(page, `${base}/programme`);
  await expect(page.getByText(`全国爱心托育用人单位（${YEAR}年）`)).toBeVisible();
  await expect(page.getByRole("cell", { name: "获评" })).toBeVisible();
  await expect(page.getByRole("cell", { name: "¥10,000.00" }).first()).toBeVisible();
  await expect(page.getByRole("button", { name: "登记资助" })).toHaveCount(0);
  await signOut(page);

  // the public directory lists it under "employer-run", without the contact person or phone
  await gotoReady(page, "/directory");
  await page.getByLabel("机构类型").selectOption("employer_run");
  await page.getByRole("button", { name: "查询" }).click();
  await expect(page).toHaveURL(/kind=employer_run/);
  await expect(page.getByText(`举办单位：${EMPLOYER}`)).toBeVisible();
  await shoot(page, "public-directory");
  await page.getByRole("link", { name: FACILITY }).click();
  await expect(page.getByRole("heading", { name: /用人单位办托/ })).toBeVisible();
  await expect(page.locator("dd").filter({ hasText: EMPLOYER })).toBeVisible();
  await expect(page.locator("dd").filter({ hasText: "蚌埠高新技术产业开发区" })).toBeVisible();
  await expect(page.getByText(`全国爱心托育用人单位（${YEAR}年）`)).toBeVisible();
  await expect(page.getByText("0552-3100000")).toHaveCount(0);
  await expect(page.getByText("王示例")).toHaveCount(0);
  await expect(page.getByText(USCC)).toHaveCount(0);
  await shoot(page, "public-entry");
  void consoleErrors;
});
