// A document's status and state (../certificates.server.ts): revoking or voiding it inside the caller's
// transaction, the public category of the reason, and its state on a day.
import { and, eq } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { certificates, type CertificateRow } from "../../../db/schema";
import { isUuid } from "../../utils/ids";
import { clockNow } from "../../utils/format";
import { recordAudit, type AuditContext } from "../audit.server";
import { ConflictError, NotFoundError, ValidationError } from "../errors";

export type CertificateState = "valid" | "expired" | "revoked" | "void" | "not_yet_valid";


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
/** The state on `today` (YYYY-MM-DD, Asia/Shanghai). validUntil is inclusive: valid on that day, expired the next. */
export function certificateState(cert: Pick<CertificateRow, "status" | "validFrom" | "validUntil">, today: string): CertificateState {
  if (cert.status === "revoked") return "revoked";
  if (cert.status === "void") return "void";
  if (today < cert.validFrom) return "not_yet_valid";
  if (cert.validUntil !== null && today > cert.validUntil) return "expired";
  return "valid";
}
