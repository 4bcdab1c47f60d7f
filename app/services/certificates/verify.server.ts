// The public check of a verification code (../certificates.server.ts, /verify/<code>): the document's
// state, what it certifies and who holds it — nothing personal.
import { eq } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { certificates, facilities, jurisdictions } from "../../../db/schema";
import { todayInShanghai } from "../../utils/format";
import { normaliseVerificationCode } from "./codes.server";
import { isPublicLine, printed, type CertificateKind, type CertificateLine } from "./payload.server";
import { certificateState, publicReason, type CertificateState, type CertificateStatusReason } from "./status.server";

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
