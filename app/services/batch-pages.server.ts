// What the subsidy batch pages need beyond the batch service (subsidy.server.ts): starting a preparation
// in the background, the names of the people on a batch, the jurisdictions a reviewer may prepare for,
// the clause behind each statement line's rate, and the titles of the measure's conditions. Reads only;
// the one state change (beginPreparation, then runPreparation) stays in the batch service.
import { and, asc, inArray, or, eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { jurisdictions, subsidyLines, users } from "../../db/schema";
import type { GroupDefinition, LeafDefinition } from "../../rules/engine/measure";
import type { ParameterValue } from "../../rules/engine/parameters";
import type { Reference, Text } from "../../rules/engine/types";
import { subsidyOperating } from "../../rules/measures/subsidy-operating";
import { BUILT_IN_PARAMETERS } from "../../rules/parameters/table";
import { can } from "../auth/permissions";
import { staffScope, withinJurisdiction } from "../auth/scope.server";
import type { Actor } from "../auth/session.server";
import { beginPreparation, parameterSetValues, PreparationSuperseded, runPreparation, type StoredDecision } from "./subsidy.server";
import { actorContext } from "./users.server";
import { clockNow } from "../utils/format";

/** A batch still 'preparing' with no progress for this long is shown as interrupted (the run died with its server). */
export const PREPARATION_STALE_MS = 5 * 60_000;

export function isInterrupted(batch: { status: string; updatedAt: Date | string }, now: number = clockNow().getTime()): boolean {
  return batch.status === "preparing" && now - new Date(batch.updatedAt).getTime() > PREPARATION_STALE_MS;
}

/**
 * Starts (or restarts) a batch's preparation and returns at once: the lines are computed in the
 * background, committing progress per chunk, while the batch page shows it. A newer run supersedes an
 * older one (PreparationSuperseded is how the older one stops: not an error).
 */
export async function startPreparation(db: Db, actor: Actor, input: unknown): Promise<{ batchId: string; done: Promise<void> }> {
  const { batchId, token } = await beginPreparation(db, actor, input);
  const done = runPreparation(db, actorContext(actor), batchId, token).catch((error: unknown) => {
    if (error instanceof PreparationSuperseded) return;
    console.error(`subsidy batch ${batchId}: preparation failed`, error instanceof Error ? error.message : error);
  });
  return { batchId, done };
}

/** Display names of users by id (the preparer, approver and payer of batches). */
export async function userNames(db: Db, ids: ReadonlyArray<string | null | undefined>): Promise<Record<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => typeof id === "string" && id !== ""))];
  if (wanted.length === 0) return {};
  const rows = await db.select({ id: users.id, displayName: users.displayName }).from(users).where(inArray(users.id, wanted));
  return Object.fromEntries(rows.map((r) => [r.id, r.displayName]));
}

export type BatchJurisdiction = { code: string; nameZh: string; nameEn: string; level: string };

/** The counties (and city) within the reviewer's scope a batch can be prepared for; [] for anyone else. */
export async function preparableJurisdictions(db: Db, actor: Actor): Promise<BatchJurisdiction[]> {
  if (!can(actor.roles, "prepare:batch:jurisdiction") || !actor.jurisdictionCode) return [];
  return db
    .select({ code: jurisdictions.code, nameZh: jurisdictions.nameZh, nameEn: jurisdictions.nameEn, level: jurisdictions.level })
    .from(jurisdictions)
    .where(and(withinJurisdiction(jurisdictions.code, staffScope(actor)), or(eq(jurisdictions.level, "county"), eq(jurisdictions.level, "city"))))
    .orderBy(asc(jurisdictions.path));
}

export type LineExplanation = { rateReference: Reference | null; slotsSource: string | null; entitledFen: number };

/**
 * What a statement says beyond the line's numbers: the clause behind the rate — the reference of the
 * parameter value the stored decision used (a county's entered standard from the line's stored parameter
 * set, or the built-in value) — where the slots came from (certified or total slots), and for a correction
 * what the month is worth now (its amount is that less what was settled before). Call it only
 * with lines the actor was allowed to see.
 */
export async function lineExplanations(db: Db, lineIds: readonly string[]): Promise<Record<string, LineExplanation>> {
  if (lineIds.length === 0) return {};
  const rows = await db
    .select({ id: subsidyLines.id, decision: subsidyLines.decision, version: subsidyLines.localParametersVersion, entitledFen: subsidyLines.entitledFen })
    .from(subsidyLines)
    .where(inArray(subsidyLines.id, [...lineIds]));
  const sets = new Map<string, ParameterValue[]>();
  for (const version of new Set(rows.map((r) => r.version))) {
    if (version) sets.set(version, await parameterSetValues(db, version));
  }
  const out: Record<string, LineExplanation> = {};
  for (const row of rows) {
    const decision = row.decision as StoredDecision;
    const details = decision.details as { rateKind?: unknown; slotsSource?: unknown };
    const slotsSource = typeof details.slotsSource === "string" ? details.slotsSource : null;
    const used = decision.parameters.find(([id]) => id === details.rateKind);
    let rateReference: Reference | null = null;
    if (used) {
      const [id, jurisdiction, effectiveFrom] = used;
      const same = (v: ParameterValue) => v.parameter === id && v.jurisdiction === jurisdiction && v.effectiveFrom === effectiveFrom;
      const value = (row.version ? sets.get(row.version)?.find(same) : undefined) ?? BUILT_IN_PARAMETERS.values.find(same);
      rateReference = value?.reference ?? null;
    }
    out[row.id] = { rateReference, slotsSource, entitledFen: row.entitledFen };
  }
  return out;
}

/** The measure's legal basis (B§7), for statements and summaries. */
export function subsidyLegalBasis(): readonly Reference[] {
  return subsidyOperating.legalBasis;
}

/** Every condition of the measure by id → its title, for a stored decision whose replay is unavailable. */
export function subsidyConditionTitles(): Record<string, Text> {
  const titles: Record<string, Text> = {};
  const visit = (node: LeafDefinition | GroupDefinition): void => {
    if (node.kind === "leaf") titles[node.id] = node.title;
    else node.children.forEach(visit);
  };
  if (subsidyOperating.subject) visit(subsidyOperating.subject);
  visit(subsidyOperating.tree);
  return titles;
}
