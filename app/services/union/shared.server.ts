// What the union's services share: the measure they apply (`employer.union_support`), the filing states
// a union officer sees (never drafts), the nomination steps, the officer's scope check, loading one
// employer-run programme within it, and the rules' determination with the 普惠 label as unions read it.
import { eq, sql } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { facilities, type FacilityRow, type NominationStatus } from "../../../db/schema";
import { evaluate, type Determination } from "../../../rules/engine/evaluate";
import type { Snapshot } from "../../../rules/snapshot";
import type { Permission } from "../../auth/permissions";
import type { Actor } from "../../auth/session.server";
import { assertPermission } from "../../auth/session.server";
import { isWithinJurisdiction, staffScope } from "../../auth/scope.server";
import { isUuid } from "../../utils/ids";
import { ForbiddenError, NotFoundError, ValidationError } from "../errors";
import { buildSnapshots } from "../overview.server";
import { localParameters } from "../pricing.server";
import { fieldErrorsOf } from "../users.server";
import type { z } from "zod";

export const UNION_MEASURE = "employer.union_support";

/** Filing states a union officer sees: everything the operator has submitted at least once. */
export const VISIBLE_STATES: FacilityRow["filingState"][] = ["submitted", "returned", "filed", "change_submitted", "cancelled"];

/** Allowed nomination steps: the province recommends (or not), then the award is decided. */
export const NEXT_STATUSES: Record<NominationStatus, readonly NominationStatus[]> = {
  nominated: ["recommended", "not_awarded"],
  recommended: ["awarded", "not_awarded"],
  awarded: [],
  not_awarded: [],
};

export function nextNominationStatuses(status: NominationStatus): readonly NominationStatus[] {
  return NEXT_STATUSES[status];
}

export function parse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new ValidationError(fieldErrorsOf(parsed.error));
  return parsed.data;
}

export function unionScope(actor: Actor, permission: Permission): string {
  assertPermission(actor, permission);
  return staffScope(actor);
}

/** An employer-run programme within the union officer's jurisdiction (404 if not one, 403 if outside). */
export async function loadProgramme(db: Db, actor: Actor, facilityId: string, permission: Permission): Promise<FacilityRow> {
  const scope = unionScope(actor, permission);
  if (!isUuid(facilityId)) throw new NotFoundError("programme");
  const [facility] = await db.select().from(facilities).where(eq(facilities.id, facilityId));
  if (!facility || facility.kind !== "employer_run" || !VISIBLE_STATES.includes(facility.filingState)) throw new NotFoundError("programme");
  if (!(await isWithinJurisdiction(db, facility.jurisdictionCode, scope))) throw new ForbiddenError("facility", "scope");
  return facility;
}

// ---- the rules' determination ----------------------------------------------------------------------

export type InclusiveLabel = "public" | "certified" | "applied" | "none";

/** 普惠 as a union officer reads it: a public operator, a valid certification, an application, or none. */
export function inclusiveLabel(snapshot: Snapshot | undefined): InclusiveLabel {
  if (!snapshot) return "none";
  if (snapshot.operator.ownership === "public") return "public";
  const status = snapshot.inclusive?.status;
  return status === "certified" ? "certified" : status === "applied" ? "applied" : "none";
}

/** `employer.union_support` for each facility on `asOf`, from the set-based snapshots (one evaluation each). */
export async function determinations(db: Db, facilityIds: readonly string[], asOf: string) {
  const snapshots = await buildSnapshots(db, facilityIds, asOf);
  const local = snapshots.size ? await localParameters(db) : [];
  const out = new Map<string, { snapshot: Snapshot; determination: Determination; rulesVersion: string; localParametersVersion: string | null }>();
  for (const [id, snapshot] of snapshots) {
    const evaluation = evaluate(snapshot, { asOf, localParameters: local, measures: [UNION_MEASURE] });
    const determination = evaluation.determinations.find((d) => d.measure === UNION_MEASURE);
    if (determination) out.set(id, { snapshot, determination, rulesVersion: evaluation.rulesVersion, localParametersVersion: evaluation.localParametersVersion });
  }
  return out;
}

/** A programme that has been awarded 全国爱心托育用人单位 in any year (directory filter, headline count). */
export const awardedSql = sql`EXISTS (SELECT 1 FROM union_nominations n WHERE n.facility_id = ${facilities.id} AND n.status = 'awarded')`;
