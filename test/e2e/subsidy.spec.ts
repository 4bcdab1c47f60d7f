// The operating subsidy acceptance flow (issue #7) on its own server and embedded database: an admin
// enters 怀远县's standard; once the month has ended (the server restarted with the evaluation mode's
// test clock on the first day of next month) the operator reports its enrolment and a reviewer approves
// it; hy-staff, who holds both roles, prepares the batch and is refused its approval (four eyes); a finance
// officer approves, records the payment and downloads the payment file; the operator sees the statement;
// an amendment approved after payment becomes a top-up line in the next month's batch, both decisions
// viewable. The facility is filed over HTTP through the operator's forms (as measures.spec.ts does); it
// is run by a public institution, so it counts as inclusive without certification.
import { readFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import { expect, RECENT_CHECK, test } from "./fixtures";
import { idNumber, ownServer, pdf, todayInShanghai } from "./own-server";

const site = ownServer(Number(process.env.E2E_PORT ?? 3100) + 80, "subsidy");
const { ready, signIn, signOut, api } = site;
const FACILITY = "禾苗托育城关园";
const COUNTY = "340321";

function addMonths(period: string, n: number): string {
  const [y, m] = period.split("-").map(Number) as [number, number];
  const index = y * 12 + (m - 1) + n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;
}

/** Days from today (Asia/Shanghai) to the first day of the month `ahead` months on. */
function daysToFirstOf(ahead: number): number {
  const [y, m, d] = todayInShanghai().split("-").map(Number) as [number, number, number];
  return Math.round((Date.UTC(y, m - 1 + ahead, 1) - Date.UTC(y, m - 1, d)) / 86_400_000);
}

function zhMonth(period: string): string {
  const [y, m] = period.split("-").map(Number) as [number, number];
  return `${y}年${m}月`;
}

/** A filed 怀远县 facility of hy-operator's organisation (a public institution), with its bank account. */
async function filedFacility(): Promise<string> {
  const op = await api("hy-operator");
  const organisation = await op.post("/operator/organisation", {
    form: { name: "怀远县禾苗托育服务有限公司", uscc: "91340321MA2R3K5L1R", legalForm: "public_institution", ownership: "public", businessScopeIncludesChildcare: "true", jurisdictionCode: COUNTY },
    maxRedirects: 0,
  });
  expect(organisation.status()).toBe(302);
  const created = await op.post("/operator/facilities/new", {
    form: { name: FACILITY, jurisdictionCode: COUNTY, kind: "standalone", serviceTypes: "full_day", totalSlots: "40", openedOn: "2025-03-01", mealsProvided: "false", premisesTenure: "owned" },
    maxRedirects: 0,
  });
  const facilityId = /facilities\/([0-9a-f-]{36})/.exec(created.headers().location ?? "")?.[1] ?? "";
  expect(facilityId).not.toBe("");
  const base = `/operator/facilities/${facilityId}`;
  for (const [type, capacity, enrolled] of [
    ["toddler", "15", "10"],
    ["older_toddler", "20", "12"],
  ] as const) {
    expect((await op.post(`${base}/classes`, { form: { type, capacity, enrolled, caregivers: "3" }, maxRedirects: 0 })).status()).toBe(302);
  }
  for (const kind of ["business_license", "site_proof", "health_evaluation", "fire_safety"]) {
    const res = await op.post(`${base}/documents`, { multipart: { kind, issuedOn: "2025-02-01", passed: "true", file: pdf(kind) }, maxRedirects: 0 });
    expect(res.status(), kind).toBe(302);
  }
  const roster: Array<[string, string | null, string | null]> = [
    ["director", "director_training", null],
    ["health_worker", "health_care_training", null],
    ["security_guard", "security_guard_certificate", null],
    ...Array.from({ length: 6 }, (): [string, string, string] => ["caregiver", "childcare_worker", "4"]),
  ];
  let i = 0;
  for (const [role, qualification, level] of roster) {
    i += 1;
    const res = await op.post(`${base}/staff`, {
      form: { name: `员工${i}`, idNumber: idNumber("34032119900505", 600 + i), role, education: "junior_college", yearsOfExperience: "5", healthCertificateValidUntil: "2030-12-31", backgroundCheckOn: RECENT_CHECK, laborContract: "true", socialInsurance: "true" },
      maxRedirects: 0,
    });
    const staffPath = res.headers().location?.split("?")[0] ?? "";
    expect(staffPath).toContain("/staff/");
    if (qualification) {
      const q = await op.post(staffPath, { multipart: { kind: qualification, level: level ?? "", number: `Q-${i}`, proof: pdf(`q${i}`) }, maxRedirects: 0 });
      expect(q.status()).toBe(302);
    }
  }
  const bank = await op.post(`${base}/bank`, { form: { accountName: "怀远县禾苗托育服务有限公司", bankName: "中国农业银行怀远支行", accountNumber: "6228 4800 1234 5678" }, maxRedirects: 0 });
  expect(bank.status()).toBe(302);
  expect((await op.post(base, { form: { explanation: "" }, maxRedirects: 0 })).status()).toBe(302);
  await op.dispose();
  const reviewer = await api("hy-reviewer");
  const queue = await (await reviewer.get("/review")).text();
  const filingId = /\/review\/filings\/([0-9a-f-]{36})/.exec(queue)?.[1] ?? "";
  expect(filingId).not.toBe("");
  expect((await reviewer.post(`/review/filings/${filingId}`, { form: { intent: "accept" }, maxRedirects: 0 })).status()).toBe(302);
  await reviewer.dispose();
  return facilityId;
}

/** The operator saves the month's full-day counts and submits the report. */
async function report(page: Page, facilityId: string, period: string, toddlers: number, olderToddlers: number) {
  await ready(page, `/operator/facilities/${facilityId}/enrolment?period=${period}`);
  await page.getByLabel("托小班（12–24 个月） · 全日托").fill(String(toddlers));
  await page.getByLabel("托大班（24–36 个月） · 全日托").fill(String(olderToddlers));
  await page.getByLabel("开园天数").fill("21");
  await page.getByRole("button", { name: "保存草稿" }).click();
  await expect(page.getByText("草稿已保存。")).toBeVisible();
  await page.getByRole("button", { name: "提交审核" }).click();
  await expect(page.getByText("报告已提交，等待卫健委审核。")).toBeVisible();
}

async function approveReport(page: Page, period: string) {
  await ready(page, "/review/enrolment");
  await page.getByRole("button", { name: `通过 ${FACILITY} ${zhMonth(period)} 的报告` }).click();
  await expect(page.getByText("报告已审核通过。")).toBeVisible();
}

/** Prepares the batch from the finance page and waits on the batch page until it is computed. */
async function prepare(page: Page, period: string) {
  await ready(page, "/finance");
  await page.getByLabel("区县", { exact: true }).selectOption(COUNTY);
  await page.getByLabel("补贴月份").fill(period);
  await page.getByRole("button", { name: "开始编制" }).click();
  await page.waitForURL(/\/finance\/batches\/[0-9a-f-]{36}/);
  // the page revalidates every second until the lines are computed
  await expect(page.getByRole("listitem").filter({ hasText: "编制完成" })).toHaveAttribute("aria-current", "step", { timeout: 30_000 });
}

test.setTimeout(420_000);

test("standard → enrolment → batch → four eyes → approve → paid → payment file → statement → amendment → top-up line", async ({ page, consoleErrors }) => {
  const M = todayInShanghai().slice(0, 7);
  const next = addMonths(M, 1);
  // filed on the 1st of this month: 怀远's standard pays whole months filed from the 1st
  let server = await site.start(daysToFirstOf(0));
  try {
    const facilityId = await filedFacility();

    // the administrator enters 怀远县's published standard (300 元 per child per month)
    await signIn(page, "bb-admin");
    await ready(page, "/admin/standards");
    await page.getByLabel("县区", { exact: true }).selectOption(COUNTY);
    await page.getByLabel("生效日期").fill(`${M}-01`);
    await page.getByLabel("托育机构补贴标准（元/人·月）").fill("300");
    await page.getByLabel("幼儿园托班补贴标准（元/人·月）").fill("150");
    await page.getByLabel("每年最多补贴月数").fill("10");
    await page.getByLabel("补贴月份计算方式").selectOption("whole_month_if_filed_on_first");
    await page.getByLabel("文件名称及文号").fill("怀远县托育服务机构补助实施细则（怀卫〔2026〕1号）");
    await page.getByLabel("条款", { exact: true }).fill("第五条");
    await page.getByRole("button", { name: "录入标准" }).click();
    await expect(page.getByText("标准已录入，即日起用于补贴计算。")).toBeVisible();
    await signOut(page);
    // leave the app before its server stops, so the page does not fetch route manifests from a dead server
    await page.goto("about:blank");
    await site.stop(server);

    // the first day of next month: the month has ended
    server = await site.start(daysToFirstOf(1));
    await page.context().clearCookies();
    await signIn(page, "hy-operator");
    await report(page, facilityId, M, 10, 12);
    await signOut(page);
    await signIn(page, "hy-reviewer");
    await approveReport(page, M);
    await signOut(page);

    // hy-staff (reviewer and finance officer) prepares the batch …
    await signIn(page, "hy-staff");
    await prepare(page, M);
    const batchUrl = new URL(page.url()).pathname;
    await expect(page.getByRole("heading", { level: 1, name: `怀远县 ${zhMonth(M)} 运营补贴批次` })).toBeVisible();
    await expect(page.getByText("¥6,600.00").first()).toBeVisible(); // 22 children × 300 元
    await expect(page.getByRole("cell", { name: new RegExp(`^${FACILITY} 备案回执号 ${COUNTY}-`) })).toBeVisible();
    // … and cannot approve it: four eyes, per person
    await page.getByRole("button", { name: "审批通过" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "您编制了该批次，不能审批（四眼原则）" })).toBeVisible();
    await signOut(page);

    // a finance officer approves, records the payment and downloads the payment file
    await signIn(page, "bb-finance");
    await ready(page, "/finance");
    await page.getByRole("link", { name: `查看批次 ${COUNTY}-${M}` }).click();
    await page.waitForURL(new RegExp(batchUrl));
    await ready(page, batchUrl);
    await page.getByRole("button", { name: "审批通过" }).click();
    await expect(page.getByText("批次已审批。")).toBeVisible();
    await page.getByLabel("支付凭证号").fill("HY-PAY-0001");
    await page.getByRole("button", { name: "登记拨付" }).click();
    await expect(page.getByText("已登记拨付。")).toBeVisible();
    await expect(page.getByRole("listitem").filter({ hasText: "登记拨付" })).toContainText("已完成");
    const [csv] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "下载 CSV" }).click()]);
    expect(csv.suggestedFilename()).toBe(`subsidy-${COUNTY}-${M}.csv`);
    const text = readFileSync((await csv.path()) ?? "", "utf8").replace(/^\uFEFF/, "");
    const [header, row] = text.split("\r\n");
    expect(header).toMatch(/^序号 No\.,批次号 Batch,明细编号 Line ID,区县代码 County code,补贴月份 Month,类型 Kind,/);
    expect(row).toContain(FACILITY);
    expect(row).toContain("6228480012345678");
    expect(row).toContain("6600.00");
    const [xlsx] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "下载 Excel（XLSX）" }).click()]);
    expect(xlsx.suggestedFilename()).toBe(`subsidy-${COUNTY}-${M}.xlsx`);
    expect(readFileSync((await xlsx.path()) ?? "").subarray(0, 2).toString()).toBe("PK");
    await signOut(page);

    // the operator's statement: the month, the amount, how it was computed, the clause, the payment
    await signIn(page, "hy-operator");
    await ready(page, `/operator/facilities/${facilityId}/subsidy`);
    const line = page.getByRole("row").filter({ hasText: zhMonth(M) });
    await expect(line).toContainText("¥6,600.00");
    await expect(line).toContainText("计 22 人 × ¥300.00");
    await expect(line).toContainText("三、第7条");
    await expect(line).toContainText("第五条");
    await expect(line).toContainText("HY-PAY-0001");
    // an amendment after payment: 14 + 12 children
    await report(page, facilityId, M, 14, 12);
    await signOut(page);
    await signIn(page, "hy-reviewer");
    await approveReport(page, M);
    await signOut(page);
    // leave the app before its server stops, so the page does not fetch route manifests from a dead server
    await page.goto("about:blank");
    await site.stop(server);

    // a month later the next batch carries the correction, pointing at the paid line
    server = await site.start(daysToFirstOf(2));
    await page.context().clearCookies();
    await signIn(page, "hy-reviewer");
    await prepare(page, next);
    await page.getByRole("link", { name: "更正（1）" }).click();
    const delta = page.getByRole("row").filter({ hasText: "补发" });
    await expect(delta).toContainText(FACILITY);
    await expect(delta).toContainText("¥1,200.00"); // 4 more children × 300 元
    await delta.getByRole("link", { name: `查看 ${FACILITY} 的明细` }).click();
    await expect(page.getByRole("heading", { name: "本更正明细" })).toBeVisible();
    await expect(page.getByRole("heading", { name: `原始明细（批次 ${COUNTY}-${M}，已拨付）` })).toBeVisible();
    await expect(page.getByText(/结果相同 ✓/)).toHaveCount(2);
  } finally {
    // leave the app before its server stops, so the page does not fetch route manifests from a dead server
    await page.goto("about:blank");
    await site.stop(server);
  }
  void consoleErrors;
});
