// Inclusive status as the rules and the filing see it, kept apart from the certification workflow so
// the filing service (snapshot, cancellation) can use it without a circular import.
import { and, desc, eq, inArray } from "drizzle-orm";
import type { Db } from "../../db/client";
import { certificates, inclusiveApplications, type FacilityRow, type InclusiveApplicationRow } from "../../db/schema";
import type { Snapshot } from "../../rules/snapshot";
import { recordAudit, type AuditContext } from "./audit.server";
import { setCertificateStatus } from "./certificates.server";
import { clockNow } from "../utils/format";

export const OPEN_STATUSES = ["applied", "under_review", "public_notice"] as const;

/** The application status the rules see (RULES.md: under review or in notice → applied; rejected → none). */
export function snapshotInclusive(app: InclusiveApplicationRow | undefined, today: string): NonNullable<Snapshot["inclusive"]> {
  if (!app) return { status: "none" };
  if ((OPEN_STATUSES as readonly string[]).includes(app.status)) return { status: "applied" };
  if (app.status === "certified" || app.status === "expired") {
    const expired = app.status === "expired" || (app.validUntil !== null && app.validUntil < today);
    return { status: expired ? "expired" : "certified", certifiedSlots: app.certifiedSlots, validFrom: app.validFrom, validUntil: app.validUntil };
  }
  if (app.status === "revoked") return { status: "revoked" };
  return { status: "none" };
}

export async function latestApplication(db: Db, facilityId: string): Promise<InclusiveApplicationRow | undefined> {
  const [app] = await db.select().from(inclusiveApplications).where(eq(inclusiveApplications.facilityId, facilityId)).orderBy(desc(inclusiveApplications.appliedAt)).limit(1);
  return app;
}

export async function endCertificate(tx: Db, ctx: AuditContext, certificateId: string | null, reason: string, jurisdictionCode: string) {
  if (certificateId) await setCertificateStatus(tx, ctx, certificateId, "revoked", reason, jurisdictionCode);
}

/** A filing cancellation ends inclusive status (revoked, "filing cancelled") and its certificate. */
export async function endInclusiveOnCancellation(tx: Db, ctx: AuditContext, facility: FacilityRow): Promise<void> {
  const open = await tx
    .select()
    .from(inclusiveApplications)
    .where(and(eq(inclusiveApplications.facilityId, facility.id), inArray(inclusiveApplications.status, ["applied", "under_review", "public_notice", "certified"])));
  for (const app of open) {
    await tx.update(inclusiveApplications).set({ status: app.status === "certified" ? "revoked" : "rejected", reasons: "备案已注销 / filing cancelled", updatedAt: clockNow() }).where(eq(inclusiveApplications.id, app.id));
    await endCertificate(tx, ctx, app.certificateId, "备案已注销 / filing cancelled", facility.jurisdictionCode);
    await recordAudit(tx, ctx, { action: "inclusive.ended_by_cancellation", entityType: "inclusive_application", entityId: app.id, jurisdictionCode: facility.jurisdictionCode, before: { status: app.status } });
  }
  // any other certificate of the facility (e.g. a utility certificate) is void from now on
  const others = await tx.select({ id: certificates.id }).from(certificates).where(and(eq(certificates.facilityId, facility.id), eq(certificates.status, "valid")));
  for (const c of others) await setCertificateStatus(tx, ctx, c.id, "void", "备案已注销 / filing cancelled", facility.jurisdictionCode);
}
