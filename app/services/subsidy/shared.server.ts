// What every use case of the operating subsidy (../subsidy.server.ts) shares: the measure evaluated, the
// period helpers, who sees batches and the scoped batch load, and the local parameter sets kept by version
// so that a stored decision replays with exactly its values.
import { eq } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { parameterSets, subsidyBatches, type SubsidyBatchRow } from "../../../db/schema";
import { prepareLocalParameters } from "../../../rules/engine/evaluate";
import type { LocalParameterSet, ParameterValue } from "../../../rules/engine/parameters";
import { can } from "../../auth/permissions";
import type { Actor } from "../../auth/session.server";
import { isWithinJurisdiction, staffScope } from "../../auth/scope.server";
import { ForbiddenError, NotFoundError } from "../errors";
import { localParameters } from "../pricing.server";

export const SUBSIDY_MEASURE = "subsidy.operating";
export const MEASURES_EVALUATED = [SUBSIDY_MEASURE] as const;

// ---- periods -----------------------------------------------------------------------------------------

/** The month a date falls in (YYYY-MM). */
export function monthOf(day: string): string {
  return day.slice(0, 7);
}

export function firstDayOf(period: string): string {
  return `${period}-01`;
}

// ---- access ------------------------------------------------------------------------------------------

/** Reviewers (who prepare) and finance officers (who approve and pay) see batches in their jurisdiction. */
export function canSeeSubsidy(actor: Actor): boolean {
  return Boolean(actor.jurisdictionCode) && can(actor.roles, "view:subsidy:jurisdiction");
}

export function assertSeesSubsidy(actor: Actor): void {
  if (!canSeeSubsidy(actor)) throw new ForbiddenError("view:subsidy:jurisdiction");
}

export async function loadBatchInScope(db: Db, actor: Actor, batchId: string): Promise<SubsidyBatchRow> {
  assertSeesSubsidy(actor);
  if (!/^[0-9a-f-]{36}$/i.test(batchId)) throw new NotFoundError("batch");
  const [batch] = await db.select().from(subsidyBatches).where(eq(subsidyBatches.id, batchId));
  if (!batch) throw new NotFoundError("batch");
  if (!(await isWithinJurisdiction(db, batch.jurisdictionCode, staffScope(actor)))) throw new ForbiddenError("view:subsidy:jurisdiction", "scope");
  return batch;
}

// ---- local parameters, versioned -------------------------------------------------------------------------

/** The local parameter set in force now, validated, with its version (null when there is none). */
export async function currentParameterSet(db: Db): Promise<{ values: ParameterValue[]; set: LocalParameterSet | undefined }> {
  const values = await localParameters(db);
  return { values, set: values.length ? prepareLocalParameters(values) : undefined };
}

/** Keeps a parameter set by version so every stored decision can be replayed with exactly its values. */
export async function storeParameterSet(tx: Db, local: { values: ParameterValue[]; set: LocalParameterSet | undefined }): Promise<void> {
  if (!local.set) return;
  await tx.insert(parameterSets).values({ version: local.set.version, values: local.values }).onConflictDoNothing();
}

/** The local parameter values of a stored version ([] for none). */
export async function parameterSetValues(db: Db, version: string | null): Promise<ParameterValue[]> {
  if (!version) return [];
  const [row] = await db.select().from(parameterSets).where(eq(parameterSets.version, version));
  if (!row) throw new Error(`parameter set ${version} is missing`);
  return row.values as ParameterValue[];
}
