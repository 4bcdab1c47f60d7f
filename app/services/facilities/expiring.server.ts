// Expiring proofs: staff health certificates and qualifications that lapse within 30 days (or already
// have), for an operator's organisation or for the facilities within a reviewer's jurisdiction (scope in
// the WHERE clause).
import { and, eq, inArray, isNotNull, lte, sql } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { facilities, staffMembers, staffQualifications } from "../../../db/schema";
import { addDays } from "../../../rules/engine/dates";
import type { Actor } from "../../auth/session.server";
import { withinJurisdiction } from "../../auth/scope.server";
import { todayInShanghai } from "../../utils/format";

export const EXPIRY_WARNING_DAYS = 30;

export type ExpiringProof = {
  facilityId: string;
  facilityName: string;
  staffId: string;
  staffName: string;
  what: "health_certificate" | "qualification";
  kind: string | null;
  validUntil: string;
};

/**
 * Health certificates and qualifications that expire within 30 days (or already have) — for an
 * operator's organisation, or for every facility within a reviewer's jurisdiction.
 */
export async function expiringProofs(db: Db, actor: Actor, today = todayInShanghai()): Promise<ExpiringProof[]> {
  const horizon = addDays(today, EXPIRY_WARNING_DAYS);
  const scope = actor.roles.includes("operator") && actor.organisationId
    ? eq(facilities.organisationId, actor.organisationId)
    : actor.jurisdictionCode
      ? and(withinJurisdiction(facilities.jurisdictionCode, actor.jurisdictionCode), inArray(facilities.filingState, ["submitted", "filed", "change_submitted", "returned"]))
      : sql`false`;
  const [health, quals] = await Promise.all([
    db
      .select({ facilityId: facilities.id, facilityName: facilities.name, staffId: staffMembers.id, staffName: staffMembers.name, validUntil: staffMembers.healthCertificateValidUntil })
      .from(staffMembers)
      .innerJoin(facilities, eq(facilities.id, staffMembers.facilityId))
      .where(and(scope, isNotNull(staffMembers.healthCertificateValidUntil), lte(staffMembers.healthCertificateValidUntil, horizon)))
      .limit(500),
    db
      .select({ facilityId: facilities.id, facilityName: facilities.name, staffId: staffMembers.id, staffName: staffMembers.name, kind: staffQualifications.kind, validUntil: staffQualifications.validUntil })
      .from(staffQualifications)
      .innerJoin(staffMembers, eq(staffMembers.id, staffQualifications.staffId))
      .innerJoin(facilities, eq(facilities.id, staffMembers.facilityId))
      .where(and(scope, isNotNull(staffQualifications.validUntil), lte(staffQualifications.validUntil, horizon)))
      .limit(500),
  ]);
  return [
    ...health.map((h) => ({ ...h, what: "health_certificate" as const, kind: null, validUntil: h.validUntil ?? "" })),
    ...quals.map((q) => ({ ...q, what: "qualification" as const, validUntil: q.validUntil ?? "" })),
  ].sort((a, b) => a.validUntil.localeCompare(b.validUntil));
}
