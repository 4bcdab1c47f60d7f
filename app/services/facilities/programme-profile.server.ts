// The operator's side of an employer-run programme (用人单位办托): saving its profile — employer, park,
// openness, reserved slots, the employer's contact. The union's side lives in ../union/*.server.ts.
import { and, eq } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { facilities } from "../../../db/schema";
import type { Actor } from "../../auth/session.server";
import { clockNow } from "../../utils/format";
import { changedFields, recordAudit } from "../audit.server";
import { ConflictError, ValidationError } from "../errors";
import { programmeProfileSchema } from "../facilities.schemas";
import { actorContext } from "../users.server";
import { loadOwnFacility } from "./access.server";
import { parse, pick } from "./shared.server";

/**
 * The operator's programme profile of an employer_run facility (用人单位办托). It is part of the working
 * copy, so it follows the working copy's rule: locked while a filing or change is under review.
 */
export async function saveProgrammeProfile(db: Db, actor: Actor, facilityId: string, input: unknown): Promise<void> {
  const facility = await loadOwnFacility(db, actor, facilityId, { editable: true });
  if (facility.kind !== "employer_run") throw new ConflictError("union.profile.notEmployerRun");
  const v = parse(programmeProfileSchema, input);
  if (v.employerReservedSlots !== undefined && facility.totalSlots !== null && v.employerReservedSlots > facility.totalSlots) {
    throw new ValidationError({ employerReservedSlots: "union.validation.reservedAboveSlots" });
  }
  const values = {
    employerName: v.employerName,
    employerUscc: v.employerUscc,
    employerParkName: v.employerParkName ?? null,
    employerMainlyForOwnEmployees: v.employerMainlyForOwnEmployees ?? null,
    employerOpenToOtherEmployers: v.employerOpenToOtherEmployers ?? null,
    employerOpenToResidents: v.employerOpenToResidents ?? null,
    employerReservedSlots: v.employerReservedSlots ?? null,
    employerContactName: v.employerContactName ?? null,
    employerContactPhone: v.employerContactPhone ?? null,
  };
  await db.transaction(async (tx) => {
    const updated = await tx
      .update(facilities)
      .set({ ...values, updatedAt: clockNow() })
      .where(and(eq(facilities.id, facilityId), eq(facilities.filingState, facility.filingState), eq(facilities.kind, "employer_run")))
      .returning({ id: facilities.id });
    if (updated.length === 0) throw new ConflictError("filing.filing.changedMeanwhile");
    await recordAudit(tx, actorContext(actor), {
      action: "programme.profile_updated",
      entityType: "facility",
      entityId: facilityId,
      jurisdictionCode: facility.jurisdictionCode,
      ...changedFields(pick(facility, Object.keys(values)), values),
    });
  });
}
