// Issuing a verifiable document (../certificates.server.ts) inside the deciding service's transaction, so
// the document and the decision commit together; records `certificate.issued`.
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../../db/client";
import { certificates, facilities, jurisdictions, CERTIFICATE_KINDS, type CertificateRow } from "../../../db/schema";
import { translator } from "../../i18n/i18n";
import { isUuid } from "../../utils/ids";
import { recordAudit, type AuditContext } from "../audit.server";
import { ConflictError, NotFoundError, ValidationError } from "../errors";
import { fieldErrorsOf } from "../users.server";
import { newVerificationCode } from "./codes.server";
import { certificatePayloadSchema, type CertificateKind, type CertificatePayload } from "./payload.server";

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
