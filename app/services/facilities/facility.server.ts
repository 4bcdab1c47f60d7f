// The operator's facilities (working copy): listing the organisation's own, creating one and updating
// its details. Scope (own organisation, editable state) → zod parse → one transaction → write → audit row.
import { asc, eq } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { facilities, facilityClasses } from "../../../db/schema";
import type { Actor } from "../../auth/session.server";
import { clockNow } from "../../utils/format";
import { changedFields, recordAudit } from "../audit.server";
import { ValidationError } from "../errors";
import { facilitySchema } from "../facilities.schemas";
import { actorContext } from "../users.server";
import { loadOwnFacility, operatorOrganisation } from "./access.server";
import { assertKnownJurisdiction, parse, pick } from "./shared.server";
import type { z } from "zod";

export async function listOwnFacilities(db: Db, actor: Actor) {
  const orgId = operatorOrganisation(actor);
  return db.select().from(facilities).where(eq(facilities.organisationId, orgId)).orderBy(asc(facilities.createdAt));
}

function facilityValues(v: z.output<typeof facilitySchema>) {
  return {
    name: v.name,
    address: v.address ?? null,
    jurisdictionCode: v.jurisdictionCode,
    kind: v.kind ?? null,
    serviceTypes: v.serviceTypes,
    totalSlots: v.totalSlots ?? null,
    openedOn: v.openedOn ?? null,
    mealsProvided: v.mealsProvided ?? null,
    premisesTenure: v.premisesTenure ?? null,
    leaseStartsOn: v.premisesTenure === "owned" ? null : (v.leaseStartsOn ?? null),
    leaseEndsOn: v.premisesTenure === "owned" ? null : (v.leaseEndsOn ?? null),
    premisesStateOwned: v.premisesStateOwned ?? null,
    employerName: v.kind === "employer_run" ? (v.employerName ?? null) : null,
    employerMainlyForOwnEmployees: v.kind === "employer_run" ? (v.employerMainlyForOwnEmployees ?? null) : null,
    employerOpenToOtherEmployers: v.kind === "employer_run" ? (v.employerOpenToOtherEmployers ?? null) : null,
    // the rest of the programme profile is edited on its own page; a facility that stops being
    // employer-run loses it (absent keys leave the stored profile alone)
    ...(v.kind === "employer_run" ? {} : CLEARED_PROGRAMME_PROFILE),
    kindergartenOwnership: v.kind === "kindergarten_class" ? (v.kindergartenOwnership ?? null) : null,
  };
}

const CLEARED_PROGRAMME_PROFILE = {
  employerUscc: null,
  employerParkName: null,
  employerOpenToResidents: null,
  employerReservedSlots: null,
  employerContactName: null,
  employerContactPhone: null,
};

export async function createFacility(db: Db, actor: Actor, input: unknown): Promise<string> {
  const orgId = operatorOrganisation(actor);
  const v = parse(facilitySchema, input);
  await assertKnownJurisdiction(db, v.jurisdictionCode, "jurisdictionCode");
  const values = facilityValues(v);
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(facilities).values({ ...values, organisationId: orgId }).returning({ id: facilities.id });
    if (!row) throw new Error("insert failed");
    await recordAudit(tx, actorContext(actor), {
      action: "facility.created",
      entityType: "facility",
      entityId: row.id,
      jurisdictionCode: v.jurisdictionCode,
      after: values,
    });
    return row.id;
  });
}

export async function updateFacility(db: Db, actor: Actor, facilityId: string, input: unknown): Promise<void> {
  const facility = await loadOwnFacility(db, actor, facilityId, { editable: true });
  const v = parse(facilitySchema, input);
  await assertKnownJurisdiction(db, v.jurisdictionCode, "jurisdictionCode");
  // a filed facility stays with its health commission; moving county means cancelling and filing anew
  if (facility.filingState === "filed" && v.jurisdictionCode !== facility.jurisdictionCode) {
    throw new ValidationError({ jurisdictionCode: "filing.facility.jurisdictionFixed" });
  }
  const values = facilityValues(v);
  const classes = await db.select().from(facilityClasses).where(eq(facilityClasses.facilityId, facilityId));
  const capacity = classes.reduce((sum, c) => sum + c.capacity, 0);
  if (values.totalSlots !== null && capacity > values.totalSlots) throw new ValidationError({ totalSlots: "filing.facility.slotsBelowCapacity" });
  await db.transaction(async (tx) => {
    await tx.update(facilities).set({ ...values, updatedAt: clockNow() }).where(eq(facilities.id, facilityId));
    await recordAudit(tx, actorContext(actor), {
      action: "facility.updated",
      entityType: "facility",
      entityId: facilityId,
      jurisdictionCode: v.jurisdictionCode,
      ...changedFields(pick(facility, Object.keys(values)), values),
    });
  });
}
