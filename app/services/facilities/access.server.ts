// Who may see or edit which facility: the operator's own organisation (`update:facility:own`), a
// facility the actor may see (the operator's own, or one in a reviewer's jurisdiction), and the
// operator's own facility, optionally only while its working copy is editable.
import { eq } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { facilities, type FacilityRow } from "../../../db/schema";
import type { Actor } from "../../auth/session.server";
import { assertPermission } from "../../auth/session.server";
import { isWithinJurisdiction } from "../../auth/scope.server";
import { isUuid } from "../../utils/ids";
import { ConflictError, ForbiddenError, NotFoundError } from "../errors";

/** Facility states in which the operator may edit the working copy. */
const EDITABLE = new Set<FacilityRow["filingState"]>(["draft", "returned", "filed"]);

export function operatorOrganisation(actor: Actor): string {
  assertPermission(actor, "update:facility:own");
  if (!actor.organisationId) throw new ForbiddenError("organisation", "scope");
  return actor.organisationId;
}

/** A facility the actor may see: the operator's own, or one in a staff member's jurisdiction. */
export async function loadFacility(db: Db, actor: Actor, facilityId: string): Promise<FacilityRow> {
  if (!isUuid(facilityId)) throw new NotFoundError("facility");
  const [facility] = await db.select().from(facilities).where(eq(facilities.id, facilityId));
  if (!facility) throw new NotFoundError("facility");
  if (actor.organisationId && facility.organisationId === actor.organisationId && actor.roles.includes("operator")) return facility;
  if (actor.jurisdictionCode && actor.roles.includes("reviewer") && (await isWithinJurisdiction(db, facility.jurisdictionCode, actor.jurisdictionCode))) {
    return facility;
  }
  throw new ForbiddenError("facility", "scope");
}

export async function loadOwnFacility(db: Db, actor: Actor, facilityId: string, options: { editable?: boolean } = {}): Promise<FacilityRow> {
  const orgId = operatorOrganisation(actor);
  const facility = await loadFacility(db, actor, facilityId);
  if (facility.organisationId !== orgId) throw new ForbiddenError("facility", "scope");
  if (options.editable && !EDITABLE.has(facility.filingState)) throw new ConflictError("filing.facility.notEditable");
  return facility;
}
