// What the overview counts and for whom (../overview.server.ts): the statuses and measures, who may see
// it, the counted facilities in the actor's scope, and the walk that evaluates them chunk by chunk
// (local parameters loaded once, so the engine's parameter memo is shared) keeping only what the caller
// collects.
import { and, asc, eq, inArray, type SQL } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { facilities, jurisdictions, type FacilityRow } from "../../../db/schema";
import { isValidDate } from "../../../rules/engine/dates";
import { evaluate } from "../../../rules/engine/evaluate";
import type { ParameterValue } from "../../../rules/engine/parameters";
import type { Status } from "../../../rules/engine/types";
import { MEASURES } from "../../../rules/measures/list";
import { can } from "../../auth/permissions";
import type { Actor } from "../../auth/session.server";
import { staffScope, withinJurisdiction } from "../../auth/scope.server";
import { ForbiddenError, ValidationError } from "../errors";
import { assembleSnapshot } from "./snapshots.server";
import { chunks, loadFactsChunk } from "./facts.server";

export const STATUSES: readonly Status[] = [
  "eligible",
  "ineligible",
  "needs_info",
  "not_applicable",
];
export const MEASURE_IDS: readonly string[] = MEASURES.map((m) => m.id);
/** The filing states the overview counts: filed, and filed with a pending change (still filed). */
const COUNTED_STATES: FacilityRow["filingState"][] = [
  "filed",
  "change_submitted",
];

export function isMeasureId(value: string): boolean {
  return MEASURE_IDS.includes(value);
}

export function isStatus(value: string): value is Status {
  return (STATUSES as readonly string[]).includes(value);
}

// ---- access and scope -------------------------------------------------------------------------------

/**
 * Who may see the overview: reviewers (卫健委) and finance officers (财政局, who fund the measures), each
 * within their own jurisdiction. Anyone else — operators included — is refused.
 */
export function canSeeOverview(actor: Actor): boolean {
  return (
    Boolean(actor.jurisdictionCode) &&
    (can(actor.roles, "review:filing:jurisdiction") ||
      can(actor.roles, "approve:batch:jurisdiction"))
  );
}

export function assertOverviewAccess(actor: Actor): string {
  if (
    !can(actor.roles, "review:filing:jurisdiction") &&
    !can(actor.roles, "approve:batch:jurisdiction")
  ) {
    throw new ForbiddenError("review:filing:jurisdiction");
  }
  return staffScope(actor);
}

export type ScopedFacility = {
  id: string;
  name: string;
  jurisdictionCode: string;
  jurisdictionNameZh: string;
  jurisdictionNameEn: string;
};

/** The counted facilities in scope, by county then name (ids and names only: cheap for 100k rows). */
export async function scopedFacilities(
  db: Db,
  scope: string
): Promise<ScopedFacility[]> {
  const where: SQL | undefined = and(
    inArray(facilities.filingState, COUNTED_STATES),
    withinJurisdiction(facilities.jurisdictionCode, scope)
  );
  return db
    .select({
      id: facilities.id,
      name: facilities.name,
      jurisdictionCode: facilities.jurisdictionCode,
      jurisdictionNameZh: jurisdictions.nameZh,
      jurisdictionNameEn: jurisdictions.nameEn,
    })
    .from(facilities)
    .innerJoin(
      jurisdictions,
      eq(jurisdictions.code, facilities.jurisdictionCode)
    )
    .where(where)
    .orderBy(
      asc(facilities.jurisdictionCode),
      asc(facilities.name),
      asc(facilities.id)
    );
}

export function checkDate(asOf: string) {
  if (!isValidDate(asOf))
    throw new ValidationError({ date: "filing.validation.date" });
}

/**
 * Evaluates every scoped facility chunk by chunk (snapshots are dropped after each chunk) and hands each
 * facility's statuses to `visit`.
 */
export async function evaluateScope(
  db: Db,
  rows: readonly ScopedFacility[],
  asOf: string,
  local: readonly ParameterValue[],
  measures: readonly string[] | undefined,
  visit: (
    row: ScopedFacility,
    determinations: ReadonlyArray<{
      measure: string;
      status: Status;
      missing: string[];
    }>
  ) => void
) {
  for (const chunk of chunks(rows)) {
    const facts = await loadFactsChunk(
      db,
      chunk.map((r) => r.id)
    );
    const byId = new Map(facts.map((f) => [f.facility.id, f]));
    for (const row of chunk) {
      const f = byId.get(row.id);
      if (!f) continue; // deleted meanwhile
      const evaluation = evaluate(assembleSnapshot(f, asOf), {
        asOf,
        localParameters: local,
        ...(measures ? { measures } : {}),
      });
      visit(row, evaluation.determinations);
    }
  }
}
