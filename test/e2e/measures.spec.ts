// The measures acceptance flow (issue [5/7]) on its own server and embedded database: an operator of a
// filed 阿拉尔 facility sees its measures, requests and downloads the utility price certificate; the
// certificate takes effect on the first day of next month, so the server is restarted with the
// evaluation mode's test clock (CLOCK_OFFSET_DAYS) on that day, where the public verification page says
// valid; a reviewer exports the list of valid certificates; the filing is cancelled and the page says void.
import { readFileSync } from "node:fs";
import { extractText, getDocumentProxy } from "unpdf";
import { expect, RECENT_CHECK, test } from "./fixtures";
import { idNumber, ownServer, pdf, todayInShanghai } from "./own-server";

const site = ownServer(3260, "measures");
const BASE = site.base;
const { ready, signIn, signOut, api } = site;
const FACILITY = "幸福里托育中心";

/** Days from today (Asia/Shanghai) to the first day of next month. */
function daysToNextMonth(): number {
  const [y, m, d] = todayInShanghai().split("-").map(Number) as [number, number, number];
  return Math.round((Date.UTC(y, m, 1) - Date.UTC(y, m - 1, d)) / 86_400_000);
}

/** A filed 阿拉尔 facility, set up over HTTP through the same forms the operator pages post. */
async function filedFacility(): Promise<string> {
  const op = await api("al-operator");
  expect(
    (
      await op.post("/operator/organisation", {
        form: { name: "阿拉尔市幸福里托育中心", uscc: "52659002MJ0A1B2C3K", legalForm: "social_service_org", ownership: "private", businessScopeIncludesChildcare: "true", jurisdictionCode: "659002" },
        maxRedirects: 0,
      })
    ).status(),
  ).toBe(302);
  const created = await op.post("/operator/facilities/new", {
    form: { name: FACILITY, jurisdictionCode: "659002", kind: "standalone", serviceTypes: "full_day", totalSlots: "60", openedOn: "2025-03-01", mealsProvided: "false", premisesTenure: "owned" },
    maxRedirects: 0,
  });
  const facilityId = /facilities\/([0-9a-f-]{36})/.exec(created.headers().location ?? "")?.[1] ?? "";
  expect(facilityId).not.toBe("");
  const base = `/operator/facilities/${facilityId}`;
  await op.post(`${base}/classes`, { form: { type: "toddler", capacity: "15", enrolled: "10", caregivers: "2" }, maxRedirects: 0 });
  for (const kind of ["business_license", "site_proof", "health_evaluation", "fire_safety"]) {
    const res = await op.post(`${base}/documents`, { multipart: { kind, issuedOn: "2025-02-01", passed: "true", file: pdf(kind) }, maxRedirects: 0 });
    expect(res.status(), kind).toBe(302);
  }
  const roster: Array<[string, string | null, string | null]> = [
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
      form: { name: `员工${i}`, idNumber: idNumber("65900219900505", 500 + i), role, education: "junior_college", yearsOfExperience: "5", healthCertificateValidUntil: "2027-12-31", backgroundCheckOn: RECENT_CHECK, laborContract: "true", socialInsurance: "true" },
      maxRedirects: 0,
    });
    const staffPath = res.headers().location?.split("?")[0] ?? "";
    expect(staffPath).toContain("/staff/");
    if (qualification) {
      const q = await op.post(staffPath, { multipart: { kind: qualification, level: level ?? "", number: `Q-${i}`, proof: pdf(`q${i}`) }, maxRedirects: 0 });
      expect(q.status()).toBe(302);
    }
  }
  expect((await op.post(base, { form: { explanation: "" }, maxRedirects: 0 })).status()).toBe(302);
  await op.dispose();
  const reviewer = await api("al-reviewer");
  const queue = await (await reviewer.get("/review")).text();
  const filingId = /\/review\/filings\/([0-9a-f-]{36})/.exec(queue)?.[1] ?? "";
  expect(filingId).not.toBe("");
  expect((await reviewer.post(`/review/filings/${filingId}`, { form: { intent: "accept" }, maxRedirects: 0 })).status()).toBe(302);
  await reviewer.dispose();
  return facilityId;
}

test.setTimeout(300_000);

test("measures → utility certificate → PDF → verified valid → exported by the reviewer → filing cancelled → void", async ({ page, consoleErrors }) => {
  let server = await site.start(0);
  try {
    const facilityId = await filedFacility();
    const measuresPath = `/operator/facilities/${facilityId}/measures`;

    // the operator sees its measures at a glance, grouped, and requests the certificate
    await signIn(page, "al-operator");
    await ready(page, measuresPath);
    await expect(page.getByRole("heading", { name: /您可享受 \d+ 项措施；\d+ 项待补充信息/ })).toBeVisible();
    await expect(page.getByRole("heading", { name: /可以享受/ })).toBeVisible();
    await expect(page.getByRole("heading", { name: "水电气热按居民生活类价格执行" })).toBeVisible();
    await expect(page.getByRole("link", { name: "可享受政策" })).toBeVisible();
    await page.getByRole("button", { name: "申请居民价格执行证明" }).click();
    await expect(page.getByText(/已签发居民价格执行证明 659002-SDQR-\d{4}-0001/)).toBeVisible();
    await expect(page.locator("dd").filter({ hasText: /^水、电、气、热$/ })).toBeVisible();
    await expect(page.getByRole("button", { name: "申请居民价格执行证明" })).toHaveCount(0);

    // the PDF download: its printed address leads to the verification page
    const pdfPath = (await page.getByRole("link", { name: "下载证明（PDF）" }).getAttribute("href")) ?? "";
    expect(pdfPath).toMatch(/^\/certificates\/[0-9a-f-]{36}\.pdf$/);
    const res = await page.request.get(`${BASE}${pdfPath}`);
    expect(res.status()).toBe(200);
    expect(res.headers()["content-type"]).toContain("application/pdf");
    const { text } = await extractText(await getDocumentProxy(new Uint8Array(await res.body())), { mergePages: true });
    expect(text.replace(/\s+/g, "")).toContain(FACILITY);
    expect(text.replace(/\s+/g, "")).toContain("水、电、气、热");
    const verifyUrl = new RegExp(`${BASE}/verify/[A-Z0-9-]{12,}`).exec(text.replace(/\s+/g, ""))?.[0] ?? "";
    expect(verifyUrl).not.toBe("");
    // before the first day of next month it is issued but not yet in effect
    await page.goto(verifyUrl);
    await expect(page.getByText("尚未生效").first()).toBeVisible();
    await site.stop(server);

    // on the first day of next month the public verification page says valid
    server = await site.start(daysToNextMonth());
    await page.context().clearCookies();
    await page.goto(verifyUrl);
    await expect(page.getByText("有效").first()).toBeVisible();
    await expect(page.getByText(FACILITY).first()).toBeVisible();

    // the reviewer sees it in the list and exports it for the utility companies
    // a second facility, filed with information still missing, for the overview's drill-down
    const op2 = await api("al-operator");
    const created = await op2.post("/operator/facilities/new", { form: { name: "阿拉尔待补充机构", jurisdictionCode: "659002" }, maxRedirects: 0 });
    const secondId = /facilities\/([0-9a-f-]{36})/.exec(created.headers().location ?? "")?.[1] ?? "";
    expect((await op2.post(`/operator/facilities/${secondId}`, { form: { explanation: "部分材料正在办理，先行提交备案。" }, maxRedirects: 0 })).status()).toBe(302);
    await op2.dispose();
    const rev2 = await api("al-reviewer");
    const queue2 = await (await rev2.get("/review")).text();
    const secondFiling = /\/review\/filings\/([0-9a-f-]{36})/.exec(queue2)?.[1] ?? "";
    expect((await rev2.post(`/review/filings/${secondFiling}`, { form: { intent: "accept" }, maxRedirects: 0 })).status()).toBe(302);
    await rev2.dispose();

    // the reviewer opens the overview and drills into "needs information"
    await signIn(page, "al-reviewer");
    await ready(page, "/review/overview");
    await page.getByRole("link", { name: /：待补充信息 [1-9]\d* 家，查看名单/ }).first().click();
    await expect(page.getByRole("heading", { name: /· 待补充信息/ })).toBeVisible();
    await expect(page.getByRole("link", { name: "阿拉尔待补充机构" }).first()).toBeVisible();
    await ready(page, "/review/utility-certificates");
    await expect(page.getByRole("link", { name: FACILITY })).toBeVisible();
    const downloading = page.waitForEvent("download");
    await page.getByRole("link", { name: "导出 CSV" }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^utility-certificates-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = readFileSync((await download.path()) ?? "", "utf8");
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv).toContain(FACILITY);
    expect(csv).toContain("水、电、气、热");
    await page.getByRole("link", { name: FACILITY }).click();
    await expect(page.getByRole("heading", { name: /该机构可享受 \d+ 项措施/ })).toBeVisible();
    await signOut(page);

    // the operator cancels the filing: the same verification page now says void
    await signIn(page, "al-operator");
    await ready(page, `/operator/facilities/${facilityId}`);
    await page.getByLabel("注销原因").fill("停止办托");
    await page.getByRole("button", { name: "注销备案" }).click();
    await expect(page.getByText("已注销。依赖备案的各项支持措施随之终止。")).toBeVisible();
    await page.goto(verifyUrl);
    await expect(page.getByText("已作废").first()).toBeVisible();
  } finally {
    await site.stop(server);
  }
  void consoleErrors;
});
