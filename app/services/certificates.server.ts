// One mechanism for every verifiable document — the inclusive certificate (普惠性托育机构认定证书), the
// utility price certificate (水电气热居民价格执行证明) and eligibility letters (政策享受资格告知书):
// a random verification code (DESIGN.md "Numbers and codes"), validity dates, a status that can be
// revoked or voided, a public check at /verify/<code>, and a printable PDF with a QR code.
//
// The services that decide (certification, utility requests…) call `issueCertificate` and
// `setCertificateStatus` inside their own transaction, so the document and the decision commit together.
//
// Payload convention (certificates.payload, jsonb) — what the document states, as printed:
//   facilityName  the facility's name at issue (filled in from the facility when the issuer omits it)
//   issuer        the issuing authority as printed, e.g. 怀远县卫生健康委员会 (default: the
//                 jurisdiction's health commission); issuerEn for the English rendering
//   lines         Array<{ label, value, labelEn?, valueEn? }> — the facts the document certifies
//                 (认定托位数: 60, 执行项目: 水、电、气、热…). Printed on the PDF AND shown on the public
//                 verification page: never put personal data here (names of staff, ID or phone numbers).
//   clauses       string[] — the policy clauses the document cites (政策依据), printed and public
//   anything else is the issuer's own bookkeeping: stored, never printed, never published.
import { randomInt } from "node:crypto";
import { createRequire } from "node:module";
import { readFile } from "node:fs/promises";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import fontkit from "@pdf-lib/fontkit";
import { degrees, PDFDocument, rgb, type PDFFont, type PDFPage, type PDFPageDrawTextOptions, type RGB } from "pdf-lib";
import QRCode from "qrcode";
import type { Db } from "../../db/client";
import { isUuid } from "../utils/ids";
import { certificates, facilities, jurisdictions, CERTIFICATE_KINDS, type CertificateRow } from "../../db/schema";
import type { Actor } from "../auth/session.server";
import { translator, type Lang } from "../i18n/i18n";
import { clockNow, formatDate, todayInShanghai } from "../utils/format";
import { recordAudit, type AuditContext } from "./audit.server";
import { ConflictError, NotFoundError, ValidationError } from "./errors";
import { loadFacility } from "./facilities.server";
import { fieldErrorsOf } from "./users.server";

export type CertificateKind = (typeof CERTIFICATE_KINDS)[number];
export type CertificateState = "valid" | "expired" | "revoked" | "void" | "not_yet_valid";

// ---- verification codes ----------------------------------------------------------------------------

/** 30 symbols that cannot be confused when read aloud or retyped: no 0/O, 1/I/L, nor U (looks like V). */
export const CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ";
/** 12 symbols of 30 ≈ 58.9 bits: guessing a live code among a million issued takes ~2^39 tries. */
export const CODE_LENGTH = 12;

function formatCode(raw: string): string {
  return `${raw.slice(0, 4)}-${raw.slice(4, 8)}-${raw.slice(8, 12)}`;
}

/**
 * Where codes come from: crypto-random, except while the demo world is seeded, whose codes come from its
 * fixed seed so that the README can list working ones (the demo world's codes are public anyway).
 */
let codeSource: ((max: number) => number) | null = null;

/** Draw codes from `source` (returns an integer in [0, max)) until `null` restores crypto randomness. */
export function setDemoCodeSource(source: ((max: number) => number) | null): void {
  codeSource = source;
}

/** A fresh verification code, e.g. `7KQ4-XMPB-2HZT`: crypto-random and uniform (randomInt rejects bias). */
export function newVerificationCode(): string {
  let raw = "";
  for (let i = 0; i < CODE_LENGTH; i += 1) raw += CODE_ALPHABET[codeSource ? codeSource(CODE_ALPHABET.length) : randomInt(CODE_ALPHABET.length)];
  return formatCode(raw);
}

/** The stored form of a typed code (any case, with or without dashes and spaces), or null if it cannot be one. */
export function normaliseVerificationCode(input: string): string | null {
  const raw = input.toUpperCase().replace(/[\s\-–—_.]/g, "");
  if (raw.length !== CODE_LENGTH) return null;
  for (const c of raw) if (!CODE_ALPHABET.includes(c)) return null;
  return formatCode(raw);
}

// ---- payload ---------------------------------------------------------------------------------------

const lineSchema = z.object({
  label: z.string().trim().min(1).max(100),
  value: z.string().trim().max(500),
  labelEn: z.string().trim().max(200).optional(),
  valueEn: z.string().trim().max(500).optional(),
});
export type CertificateLine = z.output<typeof lineSchema>;

export const certificatePayloadSchema = z.looseObject({
  facilityName: z.string().trim().min(1).max(200).optional(),
  issuer: z.string().trim().min(1).max(200).optional(),
  issuerEn: z.string().trim().min(1).max(200).optional(),
  lines: z.array(lineSchema).max(30).optional(),
  clauses: z.array(z.string().trim().min(1).max(500)).max(20).optional(),
});
export type CertificatePayload = z.input<typeof certificatePayloadSchema>;

/** The printed parts of a stored payload; tolerant of rows written before a field existed. */
function printed(payload: unknown): {
  facilityName: string | null;
  issuer: string | null;
  issuerEn: string | null;
  lines: CertificateLine[];
  clauses: string[];
} {
  const parsed = certificatePayloadSchema.safeParse(payload ?? {});
  const p = parsed.success ? parsed.data : {};
  return {
    facilityName: p.facilityName ?? null,
    issuer: p.issuer ?? null,
    issuerEn: p.issuerEn ?? null,
    lines: p.lines ?? [],
    clauses: p.clauses ?? [],
  };
}

// A line that looks like a resident ID number (15 or 18 characters) or a mainland mobile number is never
// published, even if an issuer put one there by mistake.
const PERSONAL_PATTERN = /(?<![0-9A-Za-z])(\d{17}[\dXx]|\d{15})(?![0-9A-Za-z])|(?<!\d)1[3-9]\d{9}(?!\d)/;

function isPublicLine(line: CertificateLine): boolean {
  return ![line.label, line.value, line.labelEn ?? "", line.valueEn ?? ""].some((s) => PERSONAL_PATTERN.test(s));
}

// ---- issue and change ------------------------------------------------------------------------------

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const day = z.string().regex(DAY, "certificates.errors.date");

const issueSchema = z
  .object({
    kind: z.enum(CERTIFICATE_KINDS),
    number: z.string().trim().min(1).max(64),
    facilityId: z.string().refine(isUuid),
    issuedOn: day,
    validFrom: day,
    validUntil: day.nullable(),
    payload: certificatePayloadSchema,
    issuedBy: z.string().min(1),
    jurisdictionCode: z.string().min(1),
  })
  .refine((v) => v.validUntil === null || v.validUntil >= v.validFrom, { path: ["validUntil"], message: "certificates.errors.validUntilBeforeFrom" });

export type IssueCertificateInput = {
  kind: CertificateKind;
  /** the printed number, unique per kind (e.g. 怀远普惠〔2026〕3号) */
  number: string;
  facilityId: string;
  issuedOn: string;
  validFrom: string;
  /** inclusive: the document is valid on this day and expired the day after; null = no end date */
  validUntil: string | null;
  payload: CertificatePayload;
  /** user id of the issuing officer */
  issuedBy: string;
  /** the issuing authority's jurisdiction (audit scope, default issuer name) */
  jurisdictionCode: string;
};

const MAX_CODE_ATTEMPTS = 5;

/**
 * Issues a document inside the caller's transaction and records `certificate.issued`. The code is
 * random; on the (astronomically unlikely) clash with an existing code a new one is drawn.
 */
export async function issueCertificate(tx: Db, ctx: AuditContext, input: IssueCertificateInput): Promise<CertificateRow> {
  const parsed = issueSchema.safeParse(input);
  if (!parsed.success) throw new ValidationError(fieldErrorsOf(parsed.error));
  const v = parsed.data;

  const [facility] = await tx.select({ name: facilities.name }).from(facilities).where(eq(facilities.id, v.facilityId));
  if (!facility) throw new NotFoundError("facility");
  const [taken] = await tx
    .select({ id: certificates.id })
    .from(certificates)
    .where(and(eq(certificates.kind, v.kind), eq(certificates.number, v.number)));
  if (taken) throw new ConflictError("certificates.errors.numberTaken");

  const payload = { ...v.payload, facilityName: v.payload.facilityName ?? facility.name };
  if (!payload.issuer) {
    const [place] = await tx
      .select({ zh: jurisdictions.nameZh, en: jurisdictions.nameEn })
      .from(jurisdictions)
      .where(eq(jurisdictions.code, v.jurisdictionCode));
    if (!place) throw new ValidationError({ jurisdictionCode: "filing.facility.jurisdictionUnknown" });
    payload.issuer = translator("zh-CN")("certificates.pdf.defaultIssuer", { place: place.zh });
    payload.issuerEn ??= translator("en")("certificates.pdf.defaultIssuer", { place: place.en });
  }

  for (let attempt = 0; attempt < MAX_CODE_ATTEMPTS; attempt += 1) {
    const [row] = await tx
      .insert(certificates)
      .values({
        kind: v.kind,
        code: newVerificationCode(),
        number: v.number,
        facilityId: v.facilityId,
        status: "valid",
        issuedOn: v.issuedOn,
        validFrom: v.validFrom,
        validUntil: v.validUntil,
        payload,
        issuedBy: v.issuedBy,
      })
      .onConflictDoNothing({ target: certificates.code })
      .returning();
    if (!row) continue; // the code existed already: draw again
    await recordAudit(tx, ctx, {
      action: "certificate.issued",
      entityType: "certificate",
      entityId: row.id,
      jurisdictionCode: v.jurisdictionCode,
      after: {
        kind: row.kind,
        number: row.number,
        code: row.code,
        facilityId: row.facilityId,
        issuedOn: row.issuedOn,
        validFrom: row.validFrom,
        validUntil: row.validUntil,
      },
    });
    return row;
  }
  throw new Error("could not draw an unused verification code");
}

/**
 * Why a document stopped being valid, as the public may see it: a category only. Callers should pass one
 * of these codes; a free-text reason (a reviewer's note) is accepted and kept for staff and the audit
 * log, but the public page then shows only the category it maps to (`publicReason`).
 */
export const CERTIFICATE_STATUS_REASONS = [
  "filing_cancelled",
  "annual_review_failed",
  "conditions_not_met",
  "issued_in_error",
  "superseded",
  "facility_request",
  "other",
] as const;
export type CertificateStatusReason = (typeof CERTIFICATE_STATUS_REASONS)[number];

/** The public category of a stored reason: the code itself, a cancelled filing, or "other". */
export function publicReason(stored: string | null): CertificateStatusReason {
  if (stored && (CERTIFICATE_STATUS_REASONS as readonly string[]).includes(stored)) return stored as CertificateStatusReason;
  if (stored && /备案已注销|注销备案|filing (was )?cancel/i.test(stored)) return "filing_cancelled";
  return "other";
}

/**
 * Revokes (the authority withdraws it) or voids (it no longer has effect, e.g. the filing was cancelled)
 * a valid document, inside the caller's transaction; records `certificate.revoked` / `certificate.voided`.
 */
export async function setCertificateStatus(
  tx: Db,
  ctx: AuditContext,
  certificateId: string,
  status: "revoked" | "void",
  reason: CertificateStatusReason | (string & {}),
  jurisdictionCode: string,
): Promise<CertificateRow> {
  const statusReason = reason.trim().slice(0, 2000);
  if (!statusReason) throw new ValidationError({ reason: "certificates.errors.reason" });
  if (!isUuid(certificateId)) throw new NotFoundError("certificate");
  const [current] = await tx.select().from(certificates).where(eq(certificates.id, certificateId)).for("update");
  if (!current) throw new NotFoundError("certificate");
  if (current.status !== "valid") throw new ConflictError("certificates.errors.notValid");
  const now = clockNow();
  const [row] = await tx
    .update(certificates)
    .set({ status, statusReason, statusChangedAt: now, updatedAt: now })
    .where(and(eq(certificates.id, certificateId), eq(certificates.status, "valid")))
    .returning();
  if (!row) throw new ConflictError("certificates.errors.notValid");
  await recordAudit(tx, ctx, {
    action: status === "revoked" ? "certificate.revoked" : "certificate.voided",
    entityType: "certificate",
    entityId: row.id,
    jurisdictionCode,
    before: { status: current.status },
    after: { status: row.status, statusReason },
  });
  return row;
}

// ---- state and public verification -----------------------------------------------------------------

/** The state on `today` (YYYY-MM-DD, Asia/Shanghai). validUntil is inclusive: valid on that day, expired the next. */
export function certificateState(cert: Pick<CertificateRow, "status" | "validFrom" | "validUntil">, today: string): CertificateState {
  if (cert.status === "revoked") return "revoked";
  if (cert.status === "void") return "void";
  if (today < cert.validFrom) return "not_yet_valid";
  if (cert.validUntil !== null && today > cert.validUntil) return "expired";
  return "valid";
}

export type CertificateVerification = {
  code: string;
  state: CertificateState;
  kind: CertificateKind;
  number: string;
  facilityName: string;
  jurisdictionCode: string;
  jurisdictionNameZh: string;
  jurisdictionNameEn: string;
  issuer: string | null;
  issuerEn: string | null;
  issuedOn: string;
  validFrom: string;
  validUntil: string | null;
  /** for revoked and void documents: the day (Asia/Shanghai) the status changed, and the reason category */
  statusChangedOn: string | null;
  statusReason: CertificateStatusReason | null;
  /** what the document certifies: the printed lines (minus anything that looks personal) and clauses */
  lines: CertificateLine[];
  clauses: string[];
};

/**
 * What anyone may learn from a verification code: the document's state, what it certifies and who holds
 * it — nothing personal (no staff, no ID numbers, no operator contact). Null for an unknown code.
 */
export async function verifyCertificate(db: Db, code: string, today: string): Promise<CertificateVerification | null> {
  const normalised = normaliseVerificationCode(code);
  if (!normalised) return null;
  const [row] = await db
    .select({
      code: certificates.code,
      kind: certificates.kind,
      number: certificates.number,
      status: certificates.status,
      issuedOn: certificates.issuedOn,
      validFrom: certificates.validFrom,
      validUntil: certificates.validUntil,
      payload: certificates.payload,
      statusReason: certificates.statusReason,
      statusChangedAt: certificates.statusChangedAt,
      facilityName: facilities.name,
      jurisdictionCode: facilities.jurisdictionCode,
      jurisdictionNameZh: jurisdictions.nameZh,
      jurisdictionNameEn: jurisdictions.nameEn,
    })
    .from(certificates)
    .innerJoin(facilities, eq(facilities.id, certificates.facilityId))
    .innerJoin(jurisdictions, eq(jurisdictions.code, facilities.jurisdictionCode))
    .where(eq(certificates.code, normalised));
  if (!row) return null;
  const p = printed(row.payload);
  const changed = row.status !== "valid";
  return {
    code: row.code,
    state: certificateState(row, today),
    kind: row.kind,
    number: row.number,
    facilityName: p.facilityName ?? row.facilityName,
    jurisdictionCode: row.jurisdictionCode,
    jurisdictionNameZh: row.jurisdictionNameZh,
    jurisdictionNameEn: row.jurisdictionNameEn,
    issuer: p.issuer,
    issuerEn: p.issuerEn,
    issuedOn: row.issuedOn,
    validFrom: row.validFrom,
    validUntil: row.validUntil,
    statusChangedOn: changed && row.statusChangedAt ? todayInShanghai(row.statusChangedAt) : null,
    statusReason: changed ? publicReason(row.statusReason) : null,
    lines: p.lines.filter(isPublicLine).map((l) => ({ label: l.label, value: l.value, labelEn: l.labelEn, valueEn: l.valueEn })),
    clauses: p.clauses,
  };
}

// ---- download --------------------------------------------------------------------------------------

/**
 * A document for its holder's operators or a reviewer whose scope contains the facility (else
 * ForbiddenError): the row and the facility name to print.
 */
export async function certificateForDownload(db: Db, actor: Actor, certificateId: string): Promise<{ certificate: CertificateRow; facilityName: string }> {
  if (!isUuid(certificateId)) throw new NotFoundError("certificate");
  const [certificate] = await db.select().from(certificates).where(eq(certificates.id, certificateId));
  if (!certificate) throw new NotFoundError("certificate");
  const facility = await loadFacility(db, actor, certificate.facilityId);
  return { certificate, facilityName: printed(certificate.payload).facilityName ?? facility.name };
}

/** The PDF's file name: `<title>-<number>.pdf`, e.g. 普惠性托育机构认定证书-怀远普惠〔2026〕3号.pdf. */
export function certificateFileName(cert: Pick<CertificateRow, "kind" | "number">, lang: Lang = "zh-CN"): string {
  const title = translator(lang)(`certificates.kinds.${cert.kind}`);
  return `${title}-${cert.number}.pdf`.replace(/[/\\:*?"<>|\r\n]+/g, "_");
}

// ---- QR code -----------------------------------------------------------------------------------------

export function verificationUrl(publicBaseUrl: string, code: string): string {
  return `${publicBaseUrl.replace(/\/+$/, "")}/verify/${code}`;
}

export type QrMatrix = { size: number; isDark: (row: number, col: number) => boolean };

/** The QR symbol printed on a document (error correction M: survives a crease or a stamp's edge). */
export function verificationQr(url: string): QrMatrix {
  const qr = QRCode.create(url, { errorCorrectionLevel: "M" });
  return { size: qr.modules.size, isDark: (row, col) => qr.modules.get(row, col) === 1 };
}

// ---- PDF -------------------------------------------------------------------------------------------

// Noto Sans SC (SIL OFL 1.1) from the @expo-google-fonts/noto-sans-sc package: whole static TrueType
// fonts (STACK.md trap 13). pdf-lib's own subsetting (`embedFont(bytes, { subset: true })`, through
// @pdf-lib/fontkit) drops glyphs of this font — the text extracts fine but half the characters render
// blank — so each document's subset is cut by HarfBuzz (subset-font, WebAssembly) from exactly the
// characters it prints, without GSUB/GPOS (fontkit's layout is then a plain cmap look-up: what is
// measured is what is drawn), and pdf-lib embeds that small font as is.
const requireFromHere = createRequire(import.meta.url);
type SubsetFont = (font: Buffer, text: string, options: { targetFormat: "sfnt"; noHinting?: boolean; noLayoutClosure?: boolean; dropTables?: string[] }) => Promise<Buffer>;
const subsetFont = requireFromHere("subset-font") as SubsetFont;

const FONT_FILES = {
  regular: "@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf",
  bold: "@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf",
} as const;
type Weight = keyof typeof FONT_FILES;
const fontBytes = new Map<Weight, Promise<Buffer>>();

function loadFont(weight: Weight): Promise<Buffer> {
  let bytes = fontBytes.get(weight);
  if (!bytes) {
    bytes = readFile(requireFromHere.resolve(FONT_FILES[weight]));
    bytes.catch(() => fontBytes.delete(weight));
    fontBytes.set(weight, bytes);
  }
  return bytes;
}

async function fontSubset(weight: Weight, characters: string): Promise<Buffer> {
  return subsetFont(await loadFont(weight), characters, {
    targetFormat: "sfnt",
    noHinting: true,
    noLayoutClosure: true,
    dropTables: ["GSUB", "GPOS", "GDEF", "vhea", "vmtx", "VORG"],
  });
}

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 72;
const INK = rgb(0.12, 0.16, 0.2);
const MUTED = rgb(0.35, 0.4, 0.45);
const ACCENT = rgb(0.62, 0.1, 0.1);
const RULE = rgb(0.82, 0.85, 0.88);
const FOOTER_TOP = 250; // the bottom block (QR code, issuer) sits below this line on the last page

// Punctuation that must not start a line (避头点).
const NO_LINE_START = new Set([..."，。、；：！？）》」』”’〉】,.;:!?)"]);

/** Greedy line breaking: CJK characters break anywhere, Latin words stay whole unless wider than a line. */
export function wrapText(text: string, font: PDFFont, size: number, maxWidth: number): string[] {
  const out: string[] = [];
  for (const paragraph of text.split("\n")) {
    const tokens = paragraph.match(/[!-~]+\s*|\s+|[^\s!-~]\s*/gu) ?? [""];
    let line = "";
    for (const token of tokens) {
      const candidate = line + token;
      if (line === "" || font.widthOfTextAtSize(candidate.trimEnd(), size) <= maxWidth || NO_LINE_START.has(token.trim()[0] ?? "")) {
        line = candidate;
        continue;
      }
      out.push(line.trimEnd());
      line = token.trimStart();
    }
    out.push(line.trimEnd());
  }
  // a single Latin run wider than the line (a URL) is cut by characters
  return out.flatMap((l) => splitLong(l, font, size, maxWidth));
}

function splitLong(line: string, font: PDFFont, size: number, maxWidth: number): string[] {
  if (font.widthOfTextAtSize(line, size) <= maxWidth) return [line];
  const parts: string[] = [];
  let current = "";
  for (const ch of line) {
    if (current && font.widthOfTextAtSize(current + ch, size) > maxWidth && !NO_LINE_START.has(ch)) {
      parts.push(current);
      current = ch;
    } else current += ch;
  }
  if (current) parts.push(current);
  return parts;
}

function drawFrame(page: PDFPage) {
  const [w, h] = A4;
  page.drawRectangle({ x: 28, y: 28, width: w - 56, height: h - 56, borderColor: ACCENT, borderWidth: 2.5 });
  page.drawRectangle({ x: 35, y: 35, width: w - 70, height: h - 70, borderColor: ACCENT, borderWidth: 0.75 });
}

function drawQr(page: PDFPage, qr: QrMatrix, x: number, y: number, size: number) {
  const quiet = 4; // modules of white margin the scanners need
  const cell = size / (qr.size + 2 * quiet);
  page.drawRectangle({ x, y, width: size, height: size, color: rgb(1, 1, 1) });
  for (let r = 0; r < qr.size; r += 1) {
    let c = 0;
    while (c < qr.size) {
      if (!qr.isDark(r, c)) {
        c += 1;
        continue;
      }
      const start = c;
      while (c < qr.size && qr.isDark(r, c)) c += 1;
      // one rectangle per horizontal run; a hair of overlap avoids seams between rows in viewers
      page.drawRectangle({
        x: x + (quiet + start) * cell,
        y: y + size - (quiet + r + 1) * cell - 0.05,
        width: (c - start) * cell,
        height: cell + 0.1,
        color: rgb(0, 0, 0),
      });
    }
  }
}

export type RenderOptions = { publicBaseUrl: string; lang?: Lang };

/**
 * An A4 page (more if the payload is long): title by kind, the statement naming the facility, number,
 * validity, the payload's lines and clauses, the issuing authority, and the verification code with a QR
 * code for `${publicBaseUrl}/verify/${code}`. Chinese is drawn with an embedded subset of Noto Sans SC.
 * A revoked or void document carries a watermark saying so.
 */
export async function renderCertificatePdf(
  cert: Pick<CertificateRow, "kind" | "code" | "number" | "status" | "issuedOn" | "validFrom" | "validUntil" | "payload">,
  facilityName: string,
  options: RenderOptions,
): Promise<Uint8Array> {
  const lang = options.lang ?? "zh-CN";
  const t = translator(lang);
  const p = printed(cert.payload);
  const url = verificationUrl(options.publicBaseUrl, cert.code);

  // Everything the document prints, decided before any drawing: the font subsets are cut from it.
  const title = t(`certificates.kinds.${cert.kind}`);
  const numberLine = t("certificates.pdf.labelled", { label: t("certificates.pdf.number"), value: cert.number });
  const statement = t(`certificates.pdf.statement.${cert.kind}`, { facility: facilityName });
  const validity =
    cert.validUntil === null
      ? t("certificates.pdf.validOpenEnded", { from: formatDate(cert.validFrom, lang) })
      : t("certificates.pdf.validRange", { from: formatDate(cert.validFrom, lang), until: formatDate(cert.validUntil, lang) });
  const facts: Array<[string, string]> = [
    [t("certificates.pdf.facility"), facilityName],
    [t("certificates.pdf.number"), cert.number],
    [t("certificates.pdf.validity"), validity],
    ...p.lines.map((l): [string, string] => (lang === "en" ? [l.labelEn ?? l.label, l.valueEn ?? l.value] : [l.label, l.value])),
  ].map(([label, value]): [string, string] => [label, value || "—"]);
  const clausesTitle = t("certificates.pdf.clauses");
  const bullet = "·";
  const issuer = (lang === "en" ? (p.issuerEn ?? p.issuer) : p.issuer) ?? "";
  const issuedOn = formatDate(cert.issuedOn, lang);
  const codeLine = t("certificates.pdf.labelled", { label: t("certificates.pdf.code"), value: cert.code });
  const caption = t("certificates.pdf.verifyCaption");
  const watermark = cert.status === "revoked" || cert.status === "void" ? t(`certificates.pdf.watermark.${cert.status}`) : null;
  const regularText = [numberLine, statement, ...facts.flat(), ...p.clauses, bullet, issuedOn, caption, url].join("");
  const boldText = [title, clausesTitle, issuer, codeLine, watermark ?? ""].join("");

  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const [regularSubset, boldSubset] = await Promise.all([fontSubset("regular", regularText), fontSubset("bold", boldText)]);
  const regular = await doc.embedFont(regularSubset);
  const bold = await doc.embedFont(boldSubset);
  const characters = new Map<PDFFont, Set<string>>([
    [regular, new Set(regularText)],
    [bold, new Set(boldText)],
  ]);
  doc.setTitle(`${title} ${cert.number}`);
  doc.setSubject(facilityName);
  doc.setCreator("Tuoyu");
  doc.setProducer("Tuoyu");
  doc.setLanguage(lang);

  // every string drawn must be in its font's subset, or it would print as blank boxes: checked here
  const missing = new Set<string>();
  const text = (pg: PDFPage, s: string, o: PDFPageDrawTextOptions) => {
    const available = o.font ? characters.get(o.font) : undefined;
    for (const ch of s) if (!available?.has(ch) && ch.trim() !== "") missing.add(ch);
    pg.drawText(s, { color: INK, ...o });
  };

  const contentWidth = A4[0] - 2 * MARGIN;
  let page = doc.addPage(A4);
  drawFrame(page);
  let y = A4[1] - 120;

  /** Starts a new page when the next line would fall below the frame. */
  const room = (height = 0) => {
    if (y - height < 80) {
      page = doc.addPage(A4);
      drawFrame(page);
      y = A4[1] - 90;
    }
  };
  const centered = (s: string, size: number, font: PDFFont, color: RGB) => text(page, s, { x: (A4[0] - font.widthOfTextAtSize(s, size)) / 2, y, size, font, color });

  // title and number
  const titleSize = title.length > 16 ? 22 : 26;
  for (const line of wrapText(title, bold, titleSize, contentWidth)) {
    centered(line, titleSize, bold, ACCENT);
    y -= titleSize * 1.4;
  }
  y -= 4;
  centered(numberLine, 11, regular, MUTED);
  y -= 44;

  // the statement
  for (const line of wrapText(statement, regular, 14, contentWidth)) {
    room();
    text(page, line, { x: MARGIN, y, size: 14, font: regular });
    y -= 14 * 1.8;
  }
  y -= 12;

  // the facts, as a ruled table
  const labelWidth = Math.min(150, Math.max(...facts.map(([label]) => regular.widthOfTextAtSize(label, 11.5))) + 16);
  const valueWidth = contentWidth - labelWidth;
  const rule = () => page.drawLine({ start: { x: MARGIN, y: y + 17 }, end: { x: MARGIN + contentWidth, y: y + 17 }, thickness: 0.4, color: RULE });
  for (const [label, value] of facts) {
    const lines = wrapText(value, regular, 12, valueWidth);
    room(18 * (lines.length - 1));
    rule();
    text(page, label, { x: MARGIN, y, size: 11.5, font: regular, color: MUTED });
    lines.forEach((line, i) => {
      if (i > 0) y -= 18;
      text(page, line, { x: MARGIN + labelWidth, y, size: 12, font: regular });
    });
    y -= 26;
  }
  rule();

  // the policy clauses
  if (p.clauses.length > 0) {
    y -= 12;
    room(20);
    text(page, clausesTitle, { x: MARGIN, y, size: 12, font: bold });
    y -= 20;
    for (const clause of p.clauses) {
      wrapText(clause, regular, 10.5, contentWidth - 14).forEach((line, i) => {
        room();
        if (i === 0) text(page, bullet, { x: MARGIN + 2, y, size: 10.5, font: regular, color: MUTED });
        text(page, line, { x: MARGIN + 14, y, size: 10.5, font: regular });
        y -= 16;
      });
    }
  }

  // the bottom block goes on a page of its own if the text reaches it
  if (y < FOOTER_TOP + 10) {
    page = doc.addPage(A4);
    drawFrame(page);
  }

  // issuing authority and date, bottom right
  const right = A4[0] - MARGIN;
  let issuerY = 214;
  for (const line of wrapText(issuer, bold, 13, 260)) {
    text(page, line, { x: right - bold.widthOfTextAtSize(line, 13), y: issuerY, size: 13, font: bold });
    issuerY -= 18;
  }
  text(page, issuedOn, { x: right - regular.widthOfTextAtSize(issuedOn, 12), y: issuerY - 2, size: 12, font: regular });

  // verification: QR code bottom left, the code and the address beside it
  const qrSize = 104;
  const qrX = MARGIN - 10;
  const qrY = 56;
  drawQr(page, verificationQr(url), qrX, qrY, qrSize);
  const textX = qrX + qrSize + 6;
  text(page, codeLine, { x: textX, y: qrY + qrSize - 28, size: 13, font: bold });
  let captionY = qrY + qrSize - 48;
  for (const line of [...wrapText(caption, regular, 9, 250).map((l) => [l, MUTED] as const), ...wrapText(url, regular, 9, 250).map((l) => [l, INK] as const)]) {
    text(page, line[0], { x: textX, y: captionY, size: 9, font: regular, color: line[1] });
    captionY -= 13;
  }

  // revoked or void: say so across every page
  if (watermark) {
    const size = 96;
    const width = bold.widthOfTextAtSize(watermark, size);
    const rad = (30 * Math.PI) / 180;
    for (const pg of doc.getPages()) {
      text(pg, watermark, {
        x: A4[0] / 2 - (width / 2) * Math.cos(rad) + (size / 3) * Math.sin(rad),
        y: A4[1] / 2 - (width / 2) * Math.sin(rad) - (size / 3) * Math.cos(rad),
        size,
        font: bold,
        color: rgb(0.8, 0.1, 0.1),
        opacity: 0.22,
        rotate: degrees(30),
      });
    }
  }

  if (missing.size > 0) throw new Error(`certificate PDF: characters drawn but not in the font subset: ${[...missing].join("")}`);
  return doc.save();
}
