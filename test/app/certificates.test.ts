// Verifiable documents: codes, issue/verify/revoke/void, the validity boundary, what the public sees,
// the PDF (Chinese text extracted back out, QR decoded) and who may download it — on each database.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import jsQR from "jsqr";
import { PNG } from "pngjs";
import { extractText, getDocumentProxy } from "unpdf";
import { auditEvents, type CertificateRow } from "../../db/schema";
import type { Actor } from "../../app/auth/session.server";
import { actorContext, login } from "../../app/services/users.server";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "../../app/services/errors";
import { saveOrganisation } from "../../app/services/facilities.server";
import {
  certificateForDownload,
  certificateState,
  CODE_ALPHABET,
  CODE_LENGTH,
  issueCertificate,
  newVerificationCode,
  normaliseVerificationCode,
  renderCertificatePdf,
  setCertificateStatus,
  verificationQr,
  verificationUrl,
  verifyCertificate,
  type IssueCertificateInput,
  type QrMatrix,
} from "../../app/services/certificates.server";
import { createTestDb, DB_KINDS, type TestDb } from "../db/harness";
import { actorFor, browserRequest, makeOrganisation, makeUser, PASSWORD } from "./fixtures";
import { completeFacility, idNumber, ORGANISATION } from "./filing-fixtures";

const BASE_URL = "https://tuoyu.example.gov.cn";

/** A QR matrix drawn as a PNG (4 px a module, 4 modules of quiet zone), as pdf-lib draws it on the page. */
function qrPng(qr: QrMatrix, scale = 4, quiet = 4): Buffer {
  const side = (qr.size + 2 * quiet) * scale;
  const png = new PNG({ width: side, height: side });
  for (let y = 0; y < side; y += 1) {
    for (let x = 0; x < side; x += 1) {
      const r = Math.floor(y / scale) - quiet;
      const c = Math.floor(x / scale) - quiet;
      const dark = r >= 0 && c >= 0 && r < qr.size && c < qr.size && qr.isDark(r, c);
      const i = (y * side + x) * 4;
      png.data[i] = png.data[i + 1] = png.data[i + 2] = dark ? 0 : 255;
      png.data[i + 3] = 255;
    }
  }
  return PNG.sync.write(png);
}

function decodePng(bytes: Buffer): string | null {
  const png = PNG.sync.read(bytes);
  return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data ?? null;
}

function hasPdftoppm(): boolean {
  try {
    execFileSync("pdftoppm", ["-v"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

describe("verification codes", () => {
  it("are ≥ 10 symbols of an unambiguous alphabet, ≥ 50 bits, unique over 10,000 draws and not sequential", () => {
    expect(CODE_LENGTH).toBeGreaterThanOrEqual(10);
    expect(CODE_LENGTH * Math.log2(CODE_ALPHABET.length)).toBeGreaterThanOrEqual(50);
    for (const ambiguous of "01ILOU") expect(CODE_ALPHABET).not.toContain(ambiguous);

    const draws = Array.from({ length: 10_000 }, () => newVerificationCode());
    expect(new Set(draws).size).toBe(draws.length);
    const seen = Array.from({ length: CODE_LENGTH }, () => new Set<string>());
    for (const code of draws) {
      expect(code).toMatch(/^[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{4}$/);
      const raw = code.replace(/-/g, "");
      expect(raw).toHaveLength(CODE_LENGTH);
      [...raw].forEach((c, i) => seen[i]?.add(c));
    }
    // every symbol turns up in every position: the draw is spread over the whole space
    for (const position of seen) expect(position.size).toBe(CODE_ALPHABET.length);

    // not sequential: as base-30 numbers, successive codes go up about half the time and never by one
    const value = (code: string) => [...code.replace(/-/g, "")].reduce((n, c) => n * 30n + BigInt(CODE_ALPHABET.indexOf(c)), 0n);
    const values = draws.map(value);
    let ascending = 0;
    for (let i = 1; i < values.length; i += 1) {
      const [a, b] = [values[i - 1] ?? 0n, values[i] ?? 0n];
      if (b > a) ascending += 1;
      expect(b - a === 1n || a - b === 1n).toBe(false);
    }
    expect(ascending / (values.length - 1)).toBeGreaterThan(0.45);
    expect(ascending / (values.length - 1)).toBeLessThan(0.55);
  });

  it("are read back whatever the case, dashes or spaces; anything else is not a code", () => {
    const code = newVerificationCode();
    expect(normaliseVerificationCode(code)).toBe(code);
    expect(normaliseVerificationCode(code.toLowerCase().replace(/-/g, ""))).toBe(code);
    expect(normaliseVerificationCode(` ${code.slice(0, 4)} ${code.slice(5).toLowerCase()} `)).toBe(code);
    expect(normaliseVerificationCode("ABCD-EFGH-JKM")).toBeNull();
    expect(normaliseVerificationCode("ABCD-EFGH-JKM0")).toBeNull();
    expect(normaliseVerificationCode("ABCD-EFGH-JKMO")).toBeNull();
    expect(normaliseVerificationCode("ABCD-EFGH-JKMNP")).toBeNull();
    expect(normaliseVerificationCode("' OR 1=1 --")).toBeNull();
  });
});

describe("certificateState", () => {
  const cert = { status: "valid" as const, validFrom: "2026-03-01", validUntil: "2029-02-28" };
  it("is valid from validFrom through validUntil inclusive, expired the day after, not yet valid the day before", () => {
    expect(certificateState(cert, "2026-02-28")).toBe("not_yet_valid");
    expect(certificateState(cert, "2026-03-01")).toBe("valid");
    expect(certificateState(cert, "2029-02-28")).toBe("valid");
    expect(certificateState(cert, "2029-03-01")).toBe("expired");
    expect(certificateState({ ...cert, validUntil: null }, "2099-12-31")).toBe("valid");
  });
  it("revoked and void win over the dates", () => {
    expect(certificateState({ ...cert, status: "revoked" }, "2027-01-01")).toBe("revoked");
    expect(certificateState({ ...cert, status: "void" }, "2030-01-01")).toBe("void");
    expect(certificateState({ ...cert, status: "void" }, "2020-01-01")).toBe("void");
  });
});

describe("QR code", () => {
  it("decodes to PUBLIC_BASE_URL/verify/<code>", () => {
    const code = newVerificationCode();
    const url = verificationUrl(`${BASE_URL}/`, code);
    expect(url).toBe(`${BASE_URL}/verify/${code}`);
    expect(decodePng(qrPng(verificationQr(url)))).toBe(url);
  });
});

describe.each(DB_KINDS)("certificates on %s", (kind) => {
  let t: TestDb;
  let operator: Actor;
  let otherOperator: Actor;
  let huaiyuan: Actor;
  let wuhe: Actor;
  let city: Actor;
  let facilityId: string;
  let serial = 0;

  async function signedIn(username: string): Promise<Actor> {
    const r = await login(t.db, browserRequest(), { username, password: PASSWORD });
    if (!r.ok) throw new Error(`login ${username}`);
    return actorFor(t.db, r.sessionId);
  }

  function input(overrides: Partial<IssueCertificateInput> = {}): IssueCertificateInput {
    serial += 1;
    return {
      kind: "inclusive_certificate",
      number: `340321-PH-2026-${String(serial).padStart(4, "0")}`,
      facilityId,
      issuedOn: "2026-03-01",
      validFrom: "2026-03-01",
      validUntil: "2029-02-28",
      issuedBy: huaiyuan.userId,
      jurisdictionCode: "340321",
      payload: {
        lines: [
          { label: "普惠托位数", value: "40", labelEn: "Inclusive places", valueEn: "40" },
          { label: "托位总数", value: "60" },
        ],
        clauses: ["蚌埠市进一步完善和落实积极生育支持政策的若干举措 第七条", "发改价格〔2024〕1477号"],
      },
      ...overrides,
    };
  }

  const issue = (overrides: Partial<IssueCertificateInput> = {}) => t.db.transaction((tx) => issueCertificate(tx, actorContext(huaiyuan), input(overrides)));
  const change = (id: string, status: "revoked" | "void", reason: string) =>
    t.db.transaction((tx) => setCertificateStatus(tx, actorContext(huaiyuan), id, status, reason, "340321"));

  beforeAll(async () => {
    t = await createTestDb(kind);
    const org = await makeOrganisation(t.db, "340321", ORGANISATION.name);
    const other = await makeOrganisation(t.db, "340322", "五河县某托育");
    await makeUser(t.db, { username: "op", roles: ["operator"], organisationId: org });
    await makeUser(t.db, { username: "op2", roles: ["operator"], organisationId: other });
    await makeUser(t.db, { username: "hy", roles: ["reviewer"], jurisdictionCode: "340321" });
    await makeUser(t.db, { username: "wh", roles: ["reviewer"], jurisdictionCode: "340322" });
    await makeUser(t.db, { username: "bb", roles: ["reviewer"], jurisdictionCode: "340300" });
    operator = await signedIn("op");
    otherOperator = await signedIn("op2");
    huaiyuan = await signedIn("hy");
    wuhe = await signedIn("wh");
    city = await signedIn("bb");
    facilityId = await completeFacility(t.db, operator);
    // the operator's contact details: personal, never on the public page
    await saveOrganisation(t.db, operator, { ...ORGANISATION, contactName: "李秀英", contactPhone: "13912345678", address: "怀远县荆山路 8 号" });
  }, 120_000);
  afterAll(async () => t.close());

  it("issue → verify says valid, with what the document certifies", async () => {
    const cert = await issue();
    expect(cert.code).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}$/);
    expect(cert.payload).toMatchObject({ facilityName: "禾苗托育中心", issuer: "怀远县卫生健康委员会" });
    const v = await verifyCertificate(t.db, cert.code.toLowerCase(), "2026-06-01");
    expect(v).toMatchObject({
      state: "valid",
      kind: "inclusive_certificate",
      number: cert.number,
      facilityName: "禾苗托育中心",
      jurisdictionCode: "340321",
      jurisdictionNameZh: "怀远县",
      issuer: "怀远县卫生健康委员会",
      issuedOn: "2026-03-01",
      validFrom: "2026-03-01",
      validUntil: "2029-02-28",
      statusChangedOn: null,
      statusReason: null,
    });
    expect(v?.lines.map((l) => `${l.label}:${l.value}`)).toEqual(["普惠托位数:40", "托位总数:60"]);
    expect(v?.clauses).toHaveLength(2);
    expect(await verifyCertificate(t.db, newVerificationCode(), "2026-06-01")).toBeNull();
    expect(await verifyCertificate(t.db, "not a code", "2026-06-01")).toBeNull();
  });

  it("validUntil is inclusive: valid on its last day, expired the next; not yet valid before validFrom", async () => {
    const cert = await issue({ validFrom: "2026-04-01", validUntil: "2026-12-31" });
    expect((await verifyCertificate(t.db, cert.code, "2026-03-31"))?.state).toBe("not_yet_valid");
    expect((await verifyCertificate(t.db, cert.code, "2026-04-01"))?.state).toBe("valid");
    expect((await verifyCertificate(t.db, cert.code, "2026-12-31"))?.state).toBe("valid");
    expect((await verifyCertificate(t.db, cert.code, "2027-01-01"))?.state).toBe("expired");
    const open = await issue({ kind: "utility_certificate", validFrom: "2026-04-01", validUntil: null });
    expect((await verifyCertificate(t.db, open.code, "2040-01-01"))?.state).toBe("valid");
  });

  it("refuses bad input and a number already used for that kind", async () => {
    await expect(issue({ validFrom: "2026-05-01", validUntil: "2026-04-30" })).rejects.toBeInstanceOf(ValidationError);
    await expect(issue({ issuedOn: "1 March 2026" })).rejects.toBeInstanceOf(ValidationError);
    await expect(issue({ facilityId: "00000000-0000-4000-8000-000000000000" })).rejects.toBeInstanceOf(NotFoundError);
    const first = await issue();
    await expect(issue({ number: first.number })).rejects.toBeInstanceOf(ConflictError);
    // the same number for another kind is fine
    await expect(issue({ number: first.number, kind: "eligibility_letter" })).resolves.toMatchObject({ number: first.number });
  });

  it("revoke → revoked, void → void, with the day and the reason category; a changed document cannot change again", async () => {
    const a = await issue();
    const revoked = await change(a.id, "revoked", "annual_review_failed");
    expect(revoked.status).toBe("revoked");
    const va = await verifyCertificate(t.db, a.code, "2026-06-01");
    expect(va).toMatchObject({ state: "revoked", statusReason: "annual_review_failed" });
    expect(va?.statusChangedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await expect(change(a.id, "void", "other")).rejects.toBeInstanceOf(ConflictError);

    const b = await issue({ kind: "utility_certificate" });
    await change(b.id, "void", "备案已注销 / filing cancelled");
    expect(await verifyCertificate(t.db, b.code, "2026-06-01")).toMatchObject({ state: "void", statusReason: "filing_cancelled" });

    // a reviewer's free-text note stays with the staff: the public sees only a category
    const c = await issue();
    await change(c.id, "revoked", "检查发现保育员李秀英无证上岗（身份证 340321199001011234）");
    const vc = await verifyCertificate(t.db, c.code, "2026-06-01");
    expect(vc?.statusReason).toBe("other");
    expect(JSON.stringify(vc)).not.toContain("李秀英");
    await expect(change(c.id, "revoked", "other")).rejects.toBeInstanceOf(ConflictError);
    await expect(change(newIdLike(), "revoked", "other")).rejects.toBeInstanceOf(NotFoundError);
    await expect(change(b.id, "revoked", "  ")).rejects.toBeInstanceOf(ValidationError);
  });

  it("writes audit rows for issue, revoke and void", async () => {
    const cert = await issue();
    await change(cert.id, "revoked", "issued_in_error");
    const other = await issue();
    await change(other.id, "void", "superseded");
    const rows = await t.db.select().from(auditEvents).where(eq(auditEvents.entityType, "certificate"));
    const byAction = (action: string, id: string) => rows.filter((r) => r.action === action && r.entityId === id);
    expect(byAction("certificate.issued", cert.id)).toHaveLength(1);
    expect(byAction("certificate.issued", cert.id)[0]).toMatchObject({ actorLabel: "hy", jurisdictionCode: "340321" });
    expect(byAction("certificate.issued", cert.id)[0]?.after).toMatchObject({ number: cert.number, code: cert.code, kind: "inclusive_certificate" });
    expect(byAction("certificate.revoked", cert.id)).toHaveLength(1);
    expect(byAction("certificate.revoked", cert.id)[0]).toMatchObject({ before: { status: "valid" }, after: { status: "revoked", statusReason: "issued_in_error" } });
    expect(byAction("certificate.voided", other.id)).toHaveLength(1);
  });

  it("the public result never carries staff, ID numbers or the operator's contact", async () => {
    const cert = await issue({
      payload: {
        lines: [
          { label: "普惠托位数", value: "40" },
          // an issuer's mistake: personal numbers in printed lines are held back from the public page
          { label: "负责人身份证号", value: idNumber(1) },
          { label: "联系电话", value: "13912345678" },
        ],
        clauses: ["阿拉尔市实施方案 第十五条"],
        // issuer's own bookkeeping: stored, never published
        staff: [{ name: "员工1", idNumber: idNumber(1) }],
        reviewerNote: "李秀英 13912345678",
      },
    });
    const v = await verifyCertificate(t.db, cert.code, "2026-06-01");
    expect(v?.lines.map((l) => l.label)).toEqual(["普惠托位数"]);
    const json = JSON.stringify(v);
    for (let i = 1; i <= 10; i += 1) {
      expect(json).not.toContain(`员工${i}`);
      expect(json).not.toContain(idNumber(i));
      expect(json).not.toContain(idNumber(i).slice(6, 14)); // the birth date inside an ID number
    }
    expect(json).not.toMatch(/\d{15,}/);
    for (const personal of ["李秀英", "13912345678", "荆山路", "staff", "reviewerNote", ORGANISATION.uscc]) expect(json).not.toContain(personal);
    expect(Object.keys(v ?? {}).sort()).toEqual(
      [
        "code",
        "state",
        "kind",
        "number",
        "facilityName",
        "jurisdictionCode",
        "jurisdictionNameZh",
        "jurisdictionNameEn",
        "issuer",
        "issuerEn",
        "issuedOn",
        "validFrom",
        "validUntil",
        "statusChangedOn",
        "statusReason",
        "lines",
        "clauses",
      ].sort(),
    );
  });

  it("download: the facility's operator and reviewers in scope; not another organisation's operator nor a reviewer out of scope", async () => {
    const cert = await issue();
    await expect(certificateForDownload(t.db, operator, cert.id)).resolves.toMatchObject({ facilityName: "禾苗托育中心", certificate: { id: cert.id } });
    await expect(certificateForDownload(t.db, huaiyuan, cert.id)).resolves.toMatchObject({ certificate: { id: cert.id } });
    await expect(certificateForDownload(t.db, city, cert.id)).resolves.toMatchObject({ certificate: { id: cert.id } });
    await expect(certificateForDownload(t.db, otherOperator, cert.id)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(certificateForDownload(t.db, wuhe, cert.id)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(certificateForDownload(t.db, operator, newIdLike())).rejects.toBeInstanceOf(NotFoundError);
    await expect(certificateForDownload(t.db, operator, "../etc/passwd")).rejects.toBeInstanceOf(NotFoundError);
  });

  describe("the PDF", () => {
    let cert: CertificateRow;
    let bytes: Uint8Array;
    let renderMs = 0;

    beforeAll(async () => {
      cert = await issue();
      await renderCertificatePdf(cert, "禾苗托育中心", { publicBaseUrl: BASE_URL }); // warm the font cache
      const started = performance.now();
      bytes = await renderCertificatePdf(cert, "禾苗托育中心", { publicBaseUrl: BASE_URL });
      renderMs = performance.now() - started;
      console.info(`certificate PDF on ${kind}: ${bytes.byteLength} bytes, rendered in ${renderMs.toFixed(0)} ms`);
    });

    it("is a small PDF with a subset font", () => {
      expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe("%PDF-");
      // two subset weights of Noto Sans SC; the whole fonts are ~10 MB each
      expect(bytes.byteLength).toBeLessThan(150_000);
    });

    it("carries the facility name, title, number, validity, lines, clauses, issuer and verification code as text", async () => {
      const { text } = await extractText(await getDocumentProxy(new Uint8Array(bytes)), { mergePages: true });
      const flat = text.replace(/\s+/g, "");
      for (const expected of [
        "普惠性托育机构认定证书",
        "禾苗托育中心",
        cert.number,
        "2026年3月1日至2029年2月28日",
        "普惠托位数",
        "蚌埠市进一步完善和落实积极生育支持政策的若干举措第七条",
        "怀远县卫生健康委员会",
        cert.code,
        `${BASE_URL}/verify/${cert.code}`,
      ]) {
        expect(flat).toContain(expected.replace(/\s+/g, ""));
      }
    });

    it("renders in English on request, and marks a revoked document across the page", async () => {
      const en = await renderCertificatePdf(cert, "禾苗托育中心", { publicBaseUrl: BASE_URL, lang: "en" });
      const enText = (await extractText(await getDocumentProxy(new Uint8Array(en)), { mergePages: true })).text;
      expect(enText).toContain("Certificate of Inclusive Childcare Facility");
      expect(enText).toContain("Inclusive places");
      expect(enText).toContain("禾苗托育中心");
      const revoked = await renderCertificatePdf({ ...cert, status: "revoked" }, "禾苗托育中心", { publicBaseUrl: BASE_URL });
      const revokedText = (await extractText(await getDocumentProxy(new Uint8Array(revoked)), { mergePages: true })).text;
      expect(revokedText).toContain("已撤销");
    });

    it("a long payload flows onto a second page and keeps the verification block", async () => {
      const long = await issue({
        kind: "eligibility_letter",
        payload: {
          lines: Array.from({ length: 30 }, (_, i) => ({ label: `措施 ${i + 1}`, value: "托育机构运营补贴，按实际收托人数每人每月 200 元，按季度拨付。".repeat(2) })),
          clauses: Array.from({ length: 6 }, (_, i) => `政策依据条款 ${i + 1}：${"全面落实托育服务支持政策。".repeat(4)}`),
        },
      });
      const pdf = await renderCertificatePdf(long, "禾苗托育中心", { publicBaseUrl: BASE_URL });
      const doc = await getDocumentProxy(new Uint8Array(pdf));
      expect(doc.numPages).toBeGreaterThan(1);
      const { text } = await extractText(doc, { mergePages: true });
      expect(text).toContain("措施 30");
      expect(text).toContain(long.code);
    });

    it.skipIf(!hasPdftoppm())("its printed QR code decodes to the verification address (needs pdftoppm)", () => {
      const dir = mkdtempSync(join(tmpdir(), "tuoyu-pdf-"));
      writeFileSync(join(dir, "c.pdf"), bytes);
      execFileSync("pdftoppm", ["-png", "-r", "150", "-f", "1", "-l", "1", join(dir, "c.pdf"), join(dir, "page")]);
      const page = readdirSync(dir).find((f) => f.endsWith(".png"));
      expect(page).toBeDefined();
      expect(decodePng(readFileSync(join(dir, page ?? "")))).toBe(`${BASE_URL}/verify/${cert.code}`);
    });
  });
});

function newIdLike(): string {
  return "7d0c3c1e-5b0a-4c7e-9d7a-1f2e3d4c5b6a";
}
