// What a verifiable document is and states (../certificates.server.ts): its kind, and the payload it
// prints and publishes.
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
import { z } from "zod";
import { CERTIFICATE_KINDS } from "../../../db/schema";

export type CertificateKind = (typeof CERTIFICATE_KINDS)[number];

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
export function printed(payload: unknown): {
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

export function isPublicLine(line: CertificateLine): boolean {
  return ![line.label, line.value, line.labelEn ?? "", line.valueEn ?? ""].some((s) => PERSONAL_PATTERN.test(s));
}
