// A facility's classes (托小班, 托大班, 混龄班…): saving one (within the facility's 托位), removing one,
// and listing them. Scope (own, editable working copy) → zod parse → one transaction → write → audit row.
import { and, asc, eq } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { facilityClasses } from "../../../db/schema";
import type { Actor } from "../../auth/session.server";
import { clockNow } from "../../utils/format";
import { changedFields, recordAudit } from "../audit.server";
import { NotFoundError, ValidationError } from "../errors";
import { classSchema } from "../facilities.schemas";
import { actorContext } from "../users.server";
import { loadOwnFacility } from "./access.server";
import { parse, pick } from "./shared.server";

export async function saveClass(db: Db, actor: Actor, facilityId: string, classId: string | null, input: unknown): Promise<string> {
  const facility = await loadOwnFacility(db, actor, facilityId, { editable: true });
  const v = parse(classSchema, input);
  const others = await db.select().from(facilityClasses).where(eq(facilityClasses.facilityId, facilityId));
  const existing = classId ? others.find((c) => c.id === classId) : undefined;
  if (classId && !existing) throw new NotFoundError("class");
  const capacity = others.filter((c) => c.id !== classId).reduce((sum, c) => sum + c.capacity, 0) + v.capacity;
  if (facility.totalSlots !== null && capacity > facility.totalSlots) throw new ValidationError({ capacity: "filing.class.capacityAboveSlots" });
  const values = { name: v.name ?? null, type: v.type, capacity: v.capacity, enrolled: v.enrolled, caregivers: v.caregivers, youngestAgeMonths: v.youngestAgeMonths ?? null };
  return db.transaction(async (tx) => {
    let id = classId;
    if (existing && classId) {
      await tx.update(facilityClasses).set({ ...values, updatedAt: clockNow() }).where(eq(facilityClasses.id, classId));
    } else {
      const [row] = await tx.insert(facilityClasses).values({ ...values, facilityId }).returning({ id: facilityClasses.id });
      id = row?.id ?? null;
    }
    await recordAudit(tx, actorContext(actor), {
      action: existing ? "class.updated" : "class.created",
      entityType: "facility_class",
      entityId: id,
      jurisdictionCode: facility.jurisdictionCode,
      ...(existing ? changedFields(pick(existing, Object.keys(values)), values) : { after: { facilityId, ...values } }),
    });
    return id ?? "";
  });
}

export async function removeClass(db: Db, actor: Actor, facilityId: string, classId: string): Promise<void> {
  const facility = await loadOwnFacility(db, actor, facilityId, { editable: true });
  const [existing] = await db.select().from(facilityClasses).where(and(eq(facilityClasses.id, classId), eq(facilityClasses.facilityId, facilityId)));
  if (!existing) throw new NotFoundError("class");
  await db.transaction(async (tx) => {
    await tx.delete(facilityClasses).where(eq(facilityClasses.id, classId));
    await recordAudit(tx, actorContext(actor), { action: "class.removed", entityType: "facility_class", entityId: classId, jurisdictionCode: facility.jurisdictionCode, before: existing });
  });
}

export async function listClasses(db: Db, facilityId: string) {
  return db.select().from(facilityClasses).where(eq(facilityClasses.facilityId, facilityId)).orderBy(asc(facilityClasses.createdAt));
}
