// A facility's staff roster: saving a member (ID number encrypted, keyed by HMAC for the duplicate
// check, shown masked), removing one, the masked roster with qualifications, and the audited reveal of a
// full ID number. Scope (own, editable working copy) → zod parse → one transaction → write → audit row.
import { and, asc, eq, inArray } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { staffMembers, staffQualifications } from "../../../db/schema";
import type { Actor } from "../../auth/session.server";
import { isUuid } from "../../utils/ids";
import { maskIdNumber } from "../../utils/mask";
import { decryptIdNumber, encryptIdNumber, idNumberHmac } from "../../utils/personal-id.server";
import { clockNow } from "../../utils/format";
import { changedFields, recordAudit } from "../audit.server";
import { NotFoundError, ValidationError } from "../errors";
import { staffSchema, staffUpdateSchema } from "../facilities.schemas";
import { actorContext } from "../users.server";
import { loadFacility, loadOwnFacility } from "./access.server";
import { parse, pick } from "./shared.server";
import type { z } from "zod";

function staffValues(v: z.output<typeof staffUpdateSchema>) {
  return {
    name: v.name,
    role: v.role,
    education: v.education ?? null,
    yearsOfExperience: v.yearsOfExperience ?? null,
    healthCertificateValidUntil: v.healthCertificateValidUntil ?? null,
    backgroundCheckOn: v.backgroundCheckOn ?? null,
    laborContract: v.laborContract ?? null,
    socialInsurance: v.socialInsurance ?? null,
  };
}

export async function saveStaffMember(db: Db, actor: Actor, facilityId: string, staffId: string | null, input: unknown): Promise<string> {
  const facility = await loadOwnFacility(db, actor, facilityId, { editable: true });
  const v = staffId ? parse(staffUpdateSchema, input) : parse(staffSchema, input);
  const values = staffValues(v);
  let existing: typeof staffMembers.$inferSelect | undefined;
  if (staffId) {
    [existing] = await db.select().from(staffMembers).where(and(eq(staffMembers.id, staffId), eq(staffMembers.facilityId, facilityId)));
    if (!existing) throw new NotFoundError("staff");
  }
  const idFields = v.idNumber
    ? { idNumberEncrypted: encryptIdNumber(v.idNumber), idNumberHmac: idNumberHmac(v.idNumber), idNumberMasked: maskIdNumber(v.idNumber) }
    : existing
      ? { idNumberEncrypted: existing.idNumberEncrypted, idNumberHmac: existing.idNumberHmac, idNumberMasked: existing.idNumberMasked }
      : null;
  if (!idFields) throw new ValidationError({ idNumber: "validation.required" });
  const [duplicate] = await db
    .select({ id: staffMembers.id })
    .from(staffMembers)
    .where(and(eq(staffMembers.facilityId, facilityId), eq(staffMembers.idNumberHmac, idFields.idNumberHmac)));
  if (duplicate && duplicate.id !== staffId) throw new ValidationError({ idNumber: "filing.staff.idNumberDuplicate" });
  return db.transaction(async (tx) => {
    let id = staffId;
    if (existing && staffId) {
      await tx.update(staffMembers).set({ ...values, ...idFields, updatedAt: clockNow() }).where(eq(staffMembers.id, staffId));
    } else {
      const [row] = await tx.insert(staffMembers).values({ ...values, ...idFields, facilityId }).returning({ id: staffMembers.id });
      id = row?.id ?? null;
    }
    // the audit row shows the masked number only, and whether it changed
    const auditBefore = existing ? { ...pick(existing, Object.keys(values)), idNumber: existing.idNumberMasked } : null;
    const auditAfter = { ...values, idNumber: idFields.idNumberMasked };
    await recordAudit(tx, actorContext(actor), {
      action: existing ? "staff.updated" : "staff.created",
      entityType: "staff_member",
      entityId: id,
      jurisdictionCode: facility.jurisdictionCode,
      ...(auditBefore ? changedFields(auditBefore, auditAfter) : { after: auditAfter }),
    });
    return id ?? "";
  });
}

export async function removeStaffMember(db: Db, actor: Actor, facilityId: string, staffId: string): Promise<void> {
  const facility = await loadOwnFacility(db, actor, facilityId, { editable: true });
  const [existing] = await db.select().from(staffMembers).where(and(eq(staffMembers.id, staffId), eq(staffMembers.facilityId, facilityId)));
  if (!existing) throw new NotFoundError("staff");
  await db.transaction(async (tx) => {
    await tx.delete(staffMembers).where(eq(staffMembers.id, staffId));
    await recordAudit(tx, actorContext(actor), {
      action: "staff.removed",
      entityType: "staff_member",
      entityId: staffId,
      jurisdictionCode: facility.jurisdictionCode,
      before: { name: existing.name, idNumber: existing.idNumberMasked, role: existing.role },
    });
  });
}

export type StaffListItem = Awaited<ReturnType<typeof listStaff>>[number];

/** The roster with qualifications; ID numbers masked. */
export async function listStaff(db: Db, facilityId: string) {
  const staff = await db.select().from(staffMembers).where(eq(staffMembers.facilityId, facilityId)).orderBy(asc(staffMembers.createdAt));
  const quals = staff.length
    ? await db.select().from(staffQualifications).where(inArray(staffQualifications.staffId, staff.map((s) => s.id))).orderBy(asc(staffQualifications.createdAt))
    : [];
  return staff.map(({ idNumberEncrypted: _e, idNumberHmac: _h, ...s }) => ({ ...s, qualifications: quals.filter((q) => q.staffId === s.id) }));
}

/**
 * The full ID number, for the operator's own edit form or the responsible reviewer's detail view.
 * Every full view is audited.
 */
export async function revealStaffIdNumber(db: Db, actor: Actor, staffId: string): Promise<string> {
  if (!isUuid(staffId)) throw new NotFoundError("staff");
  const [staff] = await db.select().from(staffMembers).where(eq(staffMembers.id, staffId));
  if (!staff) throw new NotFoundError("staff");
  const facility = await loadFacility(db, actor, staff.facilityId);
  const plain = decryptIdNumber(staff.idNumberEncrypted);
  await db.transaction(async (tx) => {
    await recordAudit(tx, actorContext(actor), {
      action: "staff.id_number_viewed",
      entityType: "staff_member",
      entityId: staffId,
      jurisdictionCode: facility.jurisdictionCode,
      after: { idNumber: staff.idNumberMasked },
    });
  });
  return plain;
}
