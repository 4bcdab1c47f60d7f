// The inclusive-certification acceptance flow (issue [4/7]), on its own server and embedded database so
// the 7-day public notice can pass: the server is restarted with the evaluation mode's test clock
// (CLOCK_OFFSET_DAYS=8) on the same data directory.
import { extractText, getDocumentProxy } from "unpdf";
import { expect, RECENT_CHECK, test } from "./fixtures";
import { idNumber, ownServer, pdf, todayInShanghai } from "./own-server";

const site = ownServer(3250, "inclusive");
const BASE = site.base;
const { ready, signIn, signOut, api } = site;

/** A filed 龙子湖区 facility, set up over HTTP through the same forms the operator pages post. */
async function filedFacility(): Promise<string> {
  const op = await api("bb-operator");
  expect((await op.post("/operator/organisation", { form: { name: "蚌埠市龙子湖区小星星托育有限公司", uscc: "91340302MA2Q6W7E8R", legalForm: "company", ownership: "private", businessScopeIncludesChildcare: "true", jurisdictionCode: "340302" }, maxRedirects: 0 })).status()).toBe(302);
  const created = await op.post("/operator/facilities/new", {
    form: { name: "小星星托育园", jurisdictionCode: "340302", kind: "standalone", serviceTypes: "full_day", totalSlots: "60", openedOn: "2025-03-01", mealsProvided: "false", premisesTenure: "owned" },
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
      form: { name: `员工${i}`, idNumber: idNumber("34030219900303", 300 + i), role, education: "junior_college", yearsOfExperience: "5", healthCertificateValidUntil: "2027-12-31", backgroundCheckOn: RECENT_CHECK, laborContract: "true", socialInsurance: "true" },
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
  const reviewer = await api("bb-reviewer");
  const queue = await (await reviewer.get("/review")).text();
  const filingId = /\/review\/filings\/([0-9a-f-]{36})/.exec(queue)?.[1] ?? "";
  expect((await reviewer.post(`/review/filings/${filingId}`, { form: { intent: "accept" }, maxRedirects: 0 })).status()).toBe(302);
  await reviewer.dispose();
  return facilityId;
}

test.setTimeout(300_000);

test("price → fees → apply → inspect → notice → objection → certify → 普惠 in the directory → PDF → verified, then revoked", async ({ page, consoleErrors }) => {
  let server = await site.start(0);
  try {
    const facilityId = await filedFacility();

    // the price officer publishes a schedule for 龙子湖区
    await signIn(page, "bb-price");
    await ready(page, "/pricing");
    await page.getByLabel("适用地区").selectOption("340302");
    await page.getByLabel("生效日期").fill(todayInShanghai());
    await page.getByLabel("定价方式").selectOption("caps");
    await page.getByLabel("托小班（12–24 个月） · 全日托 上限（元）").fill("1500");
    await page.getByLabel("依据文件").fill("蚌埠市托育服务政府指导价（示例）");
    await page.getByLabel("条款").fill("第二条");
    await page.getByRole("button", { name: "发布价格表" }).click();
    await expect(page.getByText("价格表已发布。")).toBeVisible();
    await signOut(page);

    // the operator declares a fee within the cap and applies; a fee above the cap is refused with the cap shown
    await signIn(page, "bb-operator");
    await ready(page, `/operator/facilities/${facilityId}/fees`);
    await page.getByLabel("收费类别").selectOption("basic");
    await page.getByLabel("班型").selectOption("toddler");
    await page.getByLabel("服务类型").selectOption("full_day");
    await page.getByLabel("金额（元）").fill("1400");
    await page.getByRole("button", { name: "申报收费" }).click();
    await expect(page.getByText("收费已申报。")).toBeVisible();
    await ready(page, `/operator/facilities/${facilityId}/inclusive`);
    await page.getByRole("button", { name: "申请普惠认定" }).click();
    await expect(page.getByText("已提交普惠认定申请。")).toBeVisible();
    await ready(page, `/operator/facilities/${facilityId}/fees`);
    await page.getByLabel("收费类别").selectOption("basic");
    await page.getByLabel("班型").selectOption("toddler");
    await page.getByLabel("服务类型").selectOption("full_day");
    await page.getByLabel("金额（元）").fill("2000");
    await page.getByRole("button", { name: "申报收费" }).click();
    await expect(page.getByText("普惠性托育机构的保育费不得高于政府指导价上限 ¥1,500.00")).toBeVisible();
    await signOut(page);

    // the reviewer takes it, inspects and starts the notice
    await signIn(page, "bb-reviewer");
    await ready(page, "/review/inclusive");
    await page.getByRole("link", { name: "小星星托育园" }).first().click();
    await page.waitForURL(/\/review\/inclusive\//);
    const applicationPath = new URL(page.url()).pathname;
    await ready(page, applicationPath);
    await page.getByRole("button", { name: "受理" }).click();
    await expect(page.getByRole("button", { name: "记录核查" })).toBeVisible();
    await page.getByLabel("核查结论").selectOption("true");
    await page.getByLabel("核查情况").fill("现场核查：场地、人员、收费与申报一致");
    await page.getByRole("button", { name: "记录核查" }).click();
    await page.getByRole("button", { name: "开始公示" }).click();
    await expect(page.getByRole("button", { name: "延长公示" })).toBeVisible();
    await signOut(page);

    // a member of the public sees the notice and objects
    await ready(page, "/notices");
    await expect(page.getByRole("heading", { name: /小星星托育园/ }).first()).toBeVisible();
    await page.getByLabel("异议内容").fill("该机构实际收取的费用高于公示的保育费，请核实。");
    await page.getByRole("button", { name: "提交异议" }).click();
    await expect(page.getByText("异议已提交")).toBeVisible();

    // the reviewer rules on it during the notice
    await signIn(page, "bb-reviewer");
    await ready(page, applicationPath);
    await page.getByLabel("处理结果").selectOption("dismissed");
    await page.getByLabel("处理说明").fill("经核实，收费与公示一致，异议不成立。");
    await page.getByRole("button", { name: "提交处理结果" }).click();
    await expect(page.getByText("不予采纳").first()).toBeVisible();
    await site.stop(server);

    // eight days later the notice is over: the reviewer certifies
    server = await site.start(8);
    await page.context().clearCookies();
    await signIn(page, "bb-reviewer");
    await ready(page, applicationPath);
    await page.getByLabel("认定普惠托位数").fill("20");
    await page.getByRole("button", { name: "认定为普惠性托育机构" }).click();
    await expect(page.getByText(/340302-PH-20\d\d-0001/).first()).toBeVisible();
    await signOut(page);

    // the public directory shows it as 普惠 with its fees
    await ready(page, "/directory");
    const row = page.getByRole("row").filter({ hasText: "小星星托育园" });
    await expect(row.getByText("普惠")).toBeVisible();
    await row.getByRole("link", { name: "小星星托育园" }).click();
    await expect(page.getByText("¥1,400.00")).toBeVisible();

    // the certificate PDF: its QR code and printed address lead to a "valid" verification page
    const op = await api("bb-operator");
    const inclusivePage = await (await op.get(`/operator/facilities/${facilityId}/inclusive`)).text();
    const pdfPath = /\/certificates\/[0-9a-f-]{36}\.pdf/.exec(inclusivePage)?.[0] ?? "";
    const res = await op.get(pdfPath);
    expect(res.headers()["content-type"]).toContain("application/pdf");
    const bytes = new Uint8Array(await res.body());
    const { text } = await extractText(await getDocumentProxy(bytes), { mergePages: true });
    expect(text).toContain("小星星托育园");
    const verifyUrl = new RegExp(`${BASE}/verify/[A-Z0-9-]{12,}`).exec(text.replace(/\s+/g, ""))?.[0] ?? "";
    expect(verifyUrl).not.toBe("");
    await op.dispose();
    await page.goto(verifyUrl);
    await expect(page.getByText("有效").first()).toBeVisible();
    await expect(page.getByText("小星星托育园").first()).toBeVisible();

    // after revocation the same page says revoked
    await signIn(page, "bb-reviewer");
    await ready(page, applicationPath);
    await page.getByLabel("理由").last().fill("年度复核发现收费超过指导价");
    await page.getByRole("button", { name: "撤销认定" }).click();
    await expect(page.getByText("已撤销").first()).toBeVisible();
    await page.goto(verifyUrl);
    await expect(page.getByText("已撤销").first()).toBeVisible();
  } finally {
    await site.stop(server);
  }
  void consoleErrors;
});
