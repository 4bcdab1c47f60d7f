// The printable PDF of a document (../certificates.server.ts): an A4 page (more if the payload is long)
// with the statement, the certified facts and clauses, the issuing authority, and the verification code
// with its QR code; Chinese drawn with a per-document subset of Noto Sans SC (fonts.server.ts).
import fontkit from "@pdf-lib/fontkit";
import { degrees, PDFDocument, rgb, type PDFFont, type PDFPage, type PDFPageDrawTextOptions, type RGB } from "pdf-lib";
import type { CertificateRow } from "../../../db/schema";
import { translator, type Lang } from "../../i18n/i18n";
import { formatDate } from "../../utils/format";
import { fontSubset } from "./fonts.server";
import { printed } from "./payload.server";
import { verificationQr, verificationUrl, type QrMatrix } from "./qr.server";

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
