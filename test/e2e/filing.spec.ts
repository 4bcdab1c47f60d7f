// The filing acceptance flow (issue [3/7]): an operator registers an organisation and a facility with
// classes, 10 staff with proofs and every document, watches the checklist turn green and submits; the
// 怀远县 reviewer returns it with a reason; the operator fixes and resubmits; the reviewer accepts; the
// public directory lists the facility with its receipt number.
import type { Page } from "@playwright/test";
import { expect, gotoReady, RECENT_CHECK, signInOk, signOut, test } from "./fixtures";

const SHOTS = process.env.E2E_SCREENSHOTS;

function pdf(name: string) {
  return { name: `${name}.pdf`, mimeType: "application/pdf", buffer: Buffer.from(`%PDF-1.4\n% ${name}\n%%EOF\n`) };
}

function idNumber(i: number): string {
  const first17 = `34032119880202${String(200 + i).padStart(3, "0")}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((acc, c, k) => acc + Number(c) * (weights[k] ?? 0), 0);
  return first17 + "10X98765432"[sum % 11];
}

async function shot(page: Page, name: string) {
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

function measure(page: Page, title: string) {
  return page.getByRole("article", { name: title });
}

test.setTimeout(240_000);

test("an operator files a facility; the 怀远县 reviewer returns it, then accepts it; the directory lists it", async ({ page, consoleErrors }) => {
  await signInOk(page, "hy-operator");
  await expect(page.getByRole("heading", { level: 1, name: "机构工作台" })).toBeVisible();

  // organisation: a wrong check character is explained, then corrected
  await gotoReady(page, "/operator/organisation");
  await page.getByLabel("统一社会信用代码").fill("91340321MA2R3K5L1A");
  await page.getByRole("button", { name: "保存举办者信息" }).click();
  await expect(page.getByText("统一社会信用代码校验位不正确")).toBeVisible();
  await page.getByLabel("统一社会信用代码").fill("91340321MA2R3K5L1R");
  await page.getByLabel("登记类型").selectOption("company");
  await page.getByLabel("举办性质").selectOption("private");
  await page.getByLabel("经营（业务）范围包含托育服务").selectOption("true");
  await page.getByRole("button", { name: "保存举办者信息" }).click();
  await expect(page).toHaveURL(/\/operator\?/);

  // the facility
  await page.getByRole("link", { name: "新增托育机构" }).click();
  await page.waitForURL(/facilities\/new/);
  await gotoReady(page, "/operator/facilities/new");
  await page.getByLabel("机构名称").fill("禾苗托育中心");
  await page.getByLabel("机构类型").selectOption("standalone");
  await page.getByLabel("托位总数").fill("60");
  await page.getByLabel("全日托").check();
  await page.getByLabel("开业日期").fill("2025-03-01");
  await page.getByLabel("提供膳食").selectOption("false");
  await page.getByLabel("场地性质").selectOption("owned");
  await page.getByRole("button", { name: "保存" }).click();
  await expect(page.getByText("托育机构已创建")).toBeVisible();
  const facilityUrl = new URL(page.url()).pathname;
  await expect(measure(page, "备案条件与材料齐全").getByText("不符合").first()).toBeVisible();
  await shot(page, "filing-1-checklist-red");

  // classes
  await gotoReady(page, `${facilityUrl}/classes`);
  for (const [type, capacity, enrolled, caregivers] of [
    ["toddler", "15", "10", "2"],
    ["older_toddler", "20", "14", "2"],
  ] as const) {
    await page.getByLabel("班级类型").selectOption(type);
    await page.getByLabel("额定人数").fill(capacity);
    await page.getByLabel("在托人数").fill(enrolled);
    await page.getByLabel("保育人员数").fill(caregivers);
    await page.getByRole("button", { name: "添加班级" }).click();
    await expect(page.getByRole("cell", { name: capacity, exact: true })).toBeVisible();
  }

  // documents: a disguised file is refused, the real ones accepted
  await gotoReady(page, `${facilityUrl}/documents`);
  await page.getByLabel("材料类型").selectOption("site_proof");
  await page.getByLabel("文件（PDF/JPG/PNG，≤ 10 MB）").setInputFiles({ name: "site.pdf", mimeType: "application/pdf", buffer: Buffer.from("MZ not a pdf") });
  await page.getByRole("button", { name: "上传" }).click();
  await expect(page.getByText("只接受 PDF、JPEG 或 PNG 文件")).toBeVisible();
  for (const kind of ["business_license", "site_proof", "health_evaluation", "fire_safety"]) {
    await page.getByLabel("材料类型").selectOption(kind);
    await page.getByLabel("文件（PDF/JPG/PNG，≤ 10 MB）").setInputFiles(pdf(kind));
    await page.getByLabel("出具日期").fill("2025-02-01");
    if (kind === "health_evaluation") await page.getByLabel("评价结果").selectOption("true");
    await page.getByRole("button", { name: "上传" }).click();
    await expect(page.getByText("材料已上传。")).toBeVisible();
  }
  await shot(page, "filing-2-documents");

  // ten staff, each with a proof where the role needs one
  const roster: Array<[string, string, string | null, string | null]> = [
    ["director", "张园长", "director_training", null],
    ["health_worker", "李保健", "health_care_training", null],
    ["security_guard", "王保安", "security_guard_certificate", null],
    ["caregiver", "赵保育", "childcare_worker", "4"],
    ["caregiver", "钱保育", "childcare_worker", "4"],
    ["caregiver", "孙保育", "childcare_worker", "3"],
    ["caregiver", "周保育", "infant_development_guide", "4"],
    ["caregiver", "吴保育", "childcare_worker", "5"],
    ["caregiver", "郑保育", "childcare_worker", "4"],
    ["cook", "冯厨师", null, null],
  ];
  let i = 0;
  for (const [role, name, qualification, level] of roster) {
    i += 1;
    await gotoReady(page, `${facilityUrl}/staff`);
    if (i === 1) {
      // a wrong check digit is explained in the browser before anything is sent
      await page.getByLabel("姓名").fill(name);
      await page.getByLabel("居民身份证号码").fill("340321198802022001");
      await page.getByLabel("岗位").selectOption(role);
      await page.getByRole("button", { name: "添加人员" }).click();
      await expect(page.getByText("身份证号码校验位不正确")).toBeVisible();
    }
    await page.getByLabel("姓名").fill(name);
    await page.getByLabel("居民身份证号码").fill(idNumber(i));
    await page.getByLabel("岗位").selectOption(role);
    await page.getByLabel("学历").selectOption("junior_college");
    await page.getByLabel("相关工作年限").fill("5");
    await page.getByLabel("健康合格证有效期至").fill("2027-12-31");
    await page.getByLabel("无犯罪记录查询日期").fill(RECENT_CHECK);
    await page.getByLabel("已签订劳动合同").selectOption("true");
    await page.getByLabel("已缴纳社会保险").selectOption("true");
    await page.getByRole("button", { name: "添加人员" }).click();
    await expect(page.getByText("人员信息已保存。")).toBeVisible();
    if (qualification) {
      await page.getByLabel("证书类型").selectOption(qualification);
      if (level) await page.getByLabel("等级").selectOption(level);
      await page.getByLabel("证书编号").fill(`Q-${i}`);
      await page.getByLabel("证书扫描件（PDF/JPG/PNG，≤ 10 MB）").setInputFiles(pdf(`q${i}`));
      await page.getByRole("button", { name: "添加资格证书" }).click();
      await expect(page.getByRole("cell", { name: `Q-${i}` })).toBeVisible();
    }
  }
  await gotoReady(page, `${facilityUrl}/staff`);
  await expect(page.getByRole("row")).toHaveCount(11);
  // masked in the list
  await expect(page.getByText(idNumber(1))).toHaveCount(0);
  await expect(page.getByText(/^3403\*{10}\d{3}[\dX]$/).first()).toBeVisible();
  await shot(page, "filing-3-staff");

  // the checklist is green; submit
  await gotoReady(page, facilityUrl);
  await expect(measure(page, "备案条件与材料齐全").getByText(/(^|\s)符合$/).first()).toBeVisible();
  await expect(measure(page, "班额与师幼比").getByText(/(^|\s)符合$/).first()).toBeVisible();
  await shot(page, "filing-4-checklist-green");
  await page.getByRole("button", { name: "提交备案" }).click();
  await expect(page.getByText("已提交，审核期限为 5 个工作日。")).toBeVisible();
  await signOut(page);

  // the 怀远县 reviewer returns it with a reason
  await signInOk(page, "hy-reviewer");
  await expect(page.getByRole("link", { name: "禾苗托育中心" })).toBeVisible();
  await shot(page, "filing-5-review-queue");
  await page.getByRole("link", { name: "禾苗托育中心" }).click();
  await page.waitForURL(/\/review\/filings\//);
  const filingUrl = new URL(page.url()).pathname;
  await gotoReady(page, filingUrl);
  await shot(page, "filing-6-review-detail");
  await page.getByLabel("理由").first().fill("消防安全检查合格证明扫描件不清晰，请重新上传");
  await page.getByRole("button", { name: "退回补正" }).click();
  await expect(page.getByText("已退回，运营方将收到通知。")).toBeVisible();
  await signOut(page);

  // the operator sees why, fixes and resubmits
  await signInOk(page, "hy-operator");
  await expect(page.getByText("备案被退回补正")).toBeVisible();
  await gotoReady(page, facilityUrl);
  await expect(page.getByText("消防安全检查合格证明扫描件不清晰")).toBeVisible();
  await gotoReady(page, `${facilityUrl}/documents`);
  await page.getByLabel("材料类型").selectOption("fire_safety");
  await page.getByLabel("文件（PDF/JPG/PNG，≤ 10 MB）").setInputFiles(pdf("fire-safety-clear"));
  await page.getByRole("button", { name: "上传" }).click();
  await expect(page.getByText("材料已上传。")).toBeVisible();
  await gotoReady(page, facilityUrl);
  await page.getByRole("button", { name: "提交备案" }).click();
  await expect(page.getByText("已提交，审核期限为 5 个工作日。")).toBeVisible();
  await signOut(page);

  // the reviewer accepts
  await signInOk(page, "hy-reviewer");
  await page.getByRole("link", { name: "禾苗托育中心" }).click();
  await page.waitForURL(/\/review\/filings\//);
  await gotoReady(page, new URL(page.url()).pathname);
  await page.getByRole("button", { name: "通过备案" }).click();
  const receipt = page.getByText(/340321-20\d\d-\d{5}/).first();
  await expect(receipt).toBeVisible();
  const receiptNumber = (await receipt.textContent())?.match(/340321-20\d\d-\d{5}/)?.[0] ?? "";
  await signOut(page);

  // the public directory
  await gotoReady(page, "/directory");
  await page.getByLabel("机构名称").fill("禾苗");
  await page.getByRole("button", { name: "查询" }).click();
  await expect(page.getByRole("link", { name: "禾苗托育中心" })).toBeVisible();
  await expect(page.getByText(receiptNumber)).toBeVisible();
  await shot(page, "filing-7-directory");
  await page.getByRole("link", { name: "禾苗托育中心" }).click();
  await expect(page.getByText(receiptNumber)).toBeVisible();
  await expect(page.getByText("张园长")).toHaveCount(0);
  void consoleErrors;
});
