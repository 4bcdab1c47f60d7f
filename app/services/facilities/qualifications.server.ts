// A staff member's qualifications (保育师, 育婴员, teacher's certificate…) with an optional uploaded proof:
// adding one (proof stored by SHA-256 before the transaction) and removing one. Scope (own, editable
// working copy) → zod parse → one transaction → writes → audit row.
import { and, eq } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { documents, staffMembers, staffQualifications } from "../../../db/schema";
import type { Actor } from "../../auth/session.server";
import { recordAudit } from "../audit.server";
import { NotFoundError } from "../errors";
import { qualificationSchema } from "../facilities.schemas";
import { defaultStorage, type FileStorage } from "../storage.server";
import { actorContext } from "../users.server";
import { loadOwnFacility } from "./access.server";
import { parse, storeUpload } from "./shared.server";

export async function addQualification(
  db: Db,
  actor: Actor,
  facilityId: string,
  staffId: string,
  input: unknown,
  proof: { bytes: Uint8Array; name: string } | null,
  storage: FileStorage = defaultStorage(),
): Promise<string> {
  const facility = await loadOwnFacility(db, actor, facilityId, { editable: true });
  const v = parse(qualificationSchema, input);
  const [staff] = await db.select().from(staffMembers).where(and(eq(staffMembers.id, staffId), eq(staffMembers.facilityId, facilityId)));
  if (!staff) throw new NotFoundError("staff");
  const stored = proof ? await storeUpload(storage, proof, "proof") : null;
  return db.transaction(async (tx) => {
    let proofDocumentId: string | null = null;
    if (stored && proof) {
      const [doc] = await tx
        .insert(documents)
        .values({ facilityId, kind: "qualification_proof", ...stored, originalName: proof.name.slice(0, 200), issuedOn: v.issuedOn ?? null, validUntil: v.validUntil ?? null, uploadedBy: actor.userId })
        .returning({ id: documents.id });
      proofDocumentId = doc?.id ?? null;
    }
    const values = {
      staffId,
      kind: v.kind,
      level: v.level ?? null,
      number: v.number ?? null,
      issuer: v.issuer ?? null,
      issuedOn: v.issuedOn ?? null,
      validUntil: v.validUntil ?? null,
      proofDocumentId,
    };
    const [row] = await tx.insert(staffQualifications).values(values).returning({ id: staffQualifications.id });
    await recordAudit(tx, actorContext(actor), {
      action: "qualification.created",
      entityType: "staff_qualification",
      entityId: row?.id ?? null,
      jurisdictionCode: facility.jurisdictionCode,
      after: values,
    });
    return row?.id ?? "";
  });
}

export async function removeQualification(db: Db, actor: Actor, facilityId: string, qualificationId: string): Promise<void> {
  const facility = await loadOwnFacility(db, actor, facilityId, { editable: true });
  const [q] = await db
    .select({ q: staffQualifications })
    .from(staffQualifications)
    .innerJoin(staffMembers, eq(staffMembers.id, staffQualifications.staffId))
    .where(and(eq(staffQualifications.id, qualificationId), eq(staffMembers.facilityId, facilityId)));
  if (!q) throw new NotFoundError("qualification");
  await db.transaction(async (tx) => {
    await tx.delete(staffQualifications).where(eq(staffQualifications.id, qualificationId));
    await recordAudit(tx, actorContext(actor), { action: "qualification.removed", entityType: "staff_qualification", entityId: qualificationId, jurisdictionCode: facility.jurisdictionCode, before: q.q });
  });
}
