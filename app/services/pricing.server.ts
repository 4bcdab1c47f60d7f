// Guided-price schedules (price officer) and fee declarations (operator). Published schedules are never
// edited: each one is in force from its own date until the next schedule of the same jurisdiction starts,
// and reaches the rules layer as local parameter values (pricing.schedule, or the formula inputs).
import { and, asc, desc, eq, isNull } from "drizzle-orm";
import type { Db } from "../../db/client";
import { feeDeclarations, facilities, jurisdictions, localParameterValues, priceSchedules, type FacilityRow, type PriceScheduleRow } from "../../db/schema";
import { addDays } from "../../rules/engine/dates";
import { evaluate } from "../../rules/engine/evaluate";
import type { ParameterValue } from "../../rules/engine/parameters";
import type { Snapshot } from "../../rules/snapshot";
import type { Actor } from "../auth/session.server";
import { assertPermission } from "../auth/session.server";
import { isWithinJurisdiction, staffScope, withinJurisdiction } from "../auth/scope.server";
import { clockNow, formatMoney, todayInShanghai } from "../utils/format";
import { recordAudit } from "./audit.server";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "./errors";
import { feeSchema, scheduleSchema } from "./pricing.schemas";
import { actorContext, fieldErrorsOf } from "./users.server";

// ---- schedules ---------------------------------------------------------------------------------------

export async function publishSchedule(db: Db, actor: Actor, input: unknown): Promise<string> {
  assertPermission(actor, "publish:price:jurisdiction");
  const parsed = scheduleSchema.safeParse(input);
  if (!parsed.success) throw new ValidationError(fieldErrorsOf(parsed.error));
  const v = parsed.data;
  if (!(await isWithinJurisdiction(db, v.jurisdictionCode, staffScope(actor)))) throw new ValidationError({ jurisdictionCode: "user.scopeOutside" });
  const [clash] = await db
    .select({ id: priceSchedules.id })
    .from(priceSchedules)
    .where(and(eq(priceSchedules.jurisdictionCode, v.jurisdictionCode), eq(priceSchedules.effectiveFrom, v.effectiveFrom)));
  if (clash) throw new ValidationError({ effectiveFrom: "pricing.dateTaken" });
  const values = {
    jurisdictionCode: v.jurisdictionCode,
    effectiveFrom: v.effectiveFrom,
    mode: v.mode,
    caps: v.mode === "caps" ? (v.caps ?? []) : null,
    referenceMonthlyIncomeFen: v.mode === "formula" ? (v.referenceMonthlyIncome ?? null) : null,
    fullDayShareBp: v.mode === "formula" && v.fullDaySharePercent !== undefined ? Math.round(v.fullDaySharePercent * 100) : null,
    referenceDocument: v.referenceDocument,
    referenceClause: v.referenceClause,
    referenceUrl: v.referenceUrl ?? null,
    publishedBy: actor.userId,
    publishedAt: clockNow(),
  };
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(priceSchedules).values(values).returning({ id: priceSchedules.id });
    await recordAudit(tx, actorContext(actor), { action: "price_schedule.published", entityType: "price_schedule", entityId: row?.id ?? null, jurisdictionCode: v.jurisdictionCode, after: values });
    return row?.id ?? "";
  });
}

/** Schedules of the price officer's jurisdiction (and below), newest first: the visible history. */
export async function listSchedules(db: Db, actor: Actor) {
  assertPermission(actor, "publish:price:jurisdiction");
  return db
    .select({ schedule: priceSchedules, nameZh: jurisdictions.nameZh, nameEn: jurisdictions.nameEn })
    .from(priceSchedules)
    .innerJoin(jurisdictions, eq(jurisdictions.code, priceSchedules.jurisdictionCode))
    .where(withinJurisdiction(priceSchedules.jurisdictionCode, staffScope(actor)))
    .orderBy(asc(priceSchedules.jurisdictionCode), desc(priceSchedules.effectiveFrom));
}

/**
 * Published schedules as the rules layer's local parameters. Each schedule runs until the day before the
 * next one of the same jurisdiction, so values never overlap and a superseded schedule still answers
 * for its own period.
 */
export function scheduleParameters(rows: readonly PriceScheduleRow[]): ParameterValue[] {
  const out: ParameterValue[] = [];
  const byJurisdiction = new Map<string, PriceScheduleRow[]>();
  for (const r of rows) byJurisdiction.set(r.jurisdictionCode, [...(byJurisdiction.get(r.jurisdictionCode) ?? []), r]);
  for (const list of byJurisdiction.values()) {
    list.sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));
    list.forEach((r, i) => {
      const next = list[i + 1];
      const base = {
        jurisdiction: r.jurisdictionCode,
        effectiveFrom: r.effectiveFrom,
        effectiveTo: next ? addDays(next.effectiveFrom, -1) : null,
        reference: { document: r.referenceDocument, clause: r.referenceClause, ...(r.referenceUrl ? { url: r.referenceUrl } : {}) },
      };
      if (r.mode === "caps") {
        out.push({ ...base, parameter: "pricing.schedule", value: (r.caps ?? []) as never });
      } else {
        // a formula schedule replaces any earlier explicit caps for its period
        out.push({ ...base, parameter: "pricing.schedule", value: [] as never });
        if (r.referenceMonthlyIncomeFen !== null) out.push({ ...base, parameter: "pricing.reference_monthly_income_fen", value: r.referenceMonthlyIncomeFen });
        if (r.fullDayShareBp !== null) out.push({ ...base, parameter: "pricing.full_day_share", value: r.fullDayShareBp / 10000 });
      }
    });
  }
  return out;
}

/**
 * Every local parameter value the database holds: the published price schedules, and the live (not
 * superseded) values administrators entered — a county's subsidy standard — cited and not provisional.
 */
export async function localParameters(db: Db): Promise<ParameterValue[]> {
  const schedules = scheduleParameters(await db.select().from(priceSchedules));
  const entered = await db
    .select()
    .from(localParameterValues)
    .where(isNull(localParameterValues.supersededAt))
    .orderBy(asc(localParameterValues.parameter), asc(localParameterValues.jurisdictionCode), asc(localParameterValues.effectiveFrom));
  return [
    ...schedules,
    ...entered.map(
      (r): ParameterValue => ({
        parameter: r.parameter,
        jurisdiction: r.jurisdictionCode,
        effectiveFrom: r.effectiveFrom,
        effectiveTo: r.effectiveTo,
        value: r.value as ParameterValue["value"],
        reference: { document: r.referenceDocument, clause: r.referenceClause, ...(r.referenceUrl ? { url: r.referenceUrl } : {}) },
        provisional: false,
      }),
    ),
  ];
}

export type CapRow = { classType: string; serviceType: string; capFen: number | null; source: string | null };

/**
 * The caps that bind the facility as an inclusive facility on `asOf` (whether or not it is one yet):
 * the rules' own cap table, so the page and the decision agree.
 */
export function capTableFor(snapshot: Snapshot, asOf: string, local: readonly ParameterValue[]): CapRow[] {
  const hypothetical = { ...snapshot, inclusive: { ...(snapshot.inclusive ?? {}), status: "applied" as const } };
  const [determination] = evaluate(hypothetical, { asOf, localParameters: local, measures: ["pricing.guided_price"] }).determinations;
  const table = (determination?.details as { capTable?: CapRow[] } | undefined)?.capTable ?? [];
  return table.map((r) => ({ ...r }));
}

// ---- fees ----------------------------------------------------------------------------------------------

export async function listFees(db: Db, facilityId: string) {
  return db.select().from(feeDeclarations).where(eq(feeDeclarations.facilityId, facilityId)).orderBy(asc(feeDeclarations.kind), asc(feeDeclarations.classType), asc(feeDeclarations.serviceType));
}

/**
 * Declares (or replaces) a fee. An inclusive facility — certified, applying, public, or an inclusive
 * kindergarten class — cannot publish a basic fee above its cap; the refusal names the cap.
 */
export async function declareFee(
  db: Db,
  actor: Actor,
  facility: FacilityRow,
  snapshot: Snapshot,
  inclusive: boolean,
  input: unknown,
): Promise<void> {
  assertPermission(actor, "update:facility:own");
  if (facility.organisationId !== actor.organisationId) throw new ForbiddenError("facility", "scope");
  if (facility.filingState === "cancelled") throw new ConflictError("filing.facility.notEditable");
  const parsed = feeSchema.safeParse(input);
  if (!parsed.success) throw new ValidationError(fieldErrorsOf(parsed.error));
  const v = parsed.data;
  const today = todayInShanghai();
  if (v.kind === "basic" && inclusive) {
    const cap = capTableFor(snapshot, today, await localParameters(db)).find((c) => c.classType === v.classType && c.serviceType === v.serviceType);
    if (cap?.capFen !== null && cap?.capFen !== undefined && v.amount > cap.capFen) {
      throw new ValidationError({ amount: `pricing.overCap|${JSON.stringify({ cap: formatMoney(cap.capFen) })}` });
    }
  }
  const values = {
    facilityId: facility.id,
    kind: v.kind,
    classType: v.kind === "basic" ? (v.classType ?? null) : null,
    serviceType: v.kind === "basic" ? (v.serviceType ?? null) : null,
    name: v.kind === "other" ? (v.name ?? null) : null,
    amountFen: v.amount,
    voluntary: v.kind === "other",
  };
  await db.transaction(async (tx) => {
    let before: Record<string, unknown> | null = null;
    if (v.kind === "basic") {
      const [existing] = await tx
        .select()
        .from(feeDeclarations)
        .where(and(eq(feeDeclarations.facilityId, facility.id), eq(feeDeclarations.kind, "basic"), eq(feeDeclarations.classType, values.classType as never), eq(feeDeclarations.serviceType, values.serviceType as never)));
      if (existing) {
        before = { amountFen: existing.amountFen };
        await tx.delete(feeDeclarations).where(eq(feeDeclarations.id, existing.id));
      }
    }
    const [row] = await tx.insert(feeDeclarations).values(values).returning({ id: feeDeclarations.id });
    await recordAudit(tx, actorContext(actor), { action: "fee.declared", entityType: "fee_declaration", entityId: row?.id ?? null, jurisdictionCode: facility.jurisdictionCode, before, after: values });
  });
}

export async function removeFee(db: Db, actor: Actor, facility: FacilityRow, feeId: string): Promise<void> {
  assertPermission(actor, "update:facility:own");
  if (facility.organisationId !== actor.organisationId) throw new ForbiddenError("facility", "scope");
  const [fee] = await db.select().from(feeDeclarations).where(and(eq(feeDeclarations.id, feeId), eq(feeDeclarations.facilityId, facility.id)));
  if (!fee) throw new NotFoundError("fee");
  await db.transaction(async (tx) => {
    await tx.delete(feeDeclarations).where(eq(feeDeclarations.id, feeId));
    await recordAudit(tx, actorContext(actor), { action: "fee.removed", entityType: "fee_declaration", entityId: feeId, jurisdictionCode: facility.jurisdictionCode, before: fee });
  });
}

/** Published fees of a filed facility, for the public directory. */
export async function publicFees(db: Db, facilityId: string) {
  const [f] = await db.select({ state: facilities.filingState }).from(facilities).where(eq(facilities.id, facilityId));
  if (!f || !["filed", "change_submitted"].includes(f.state)) return [];
  return listFees(db, facilityId);
}

/**
 * Inclusive for pricing: certified or applying, a public operator, or the toddler class of a public or
 * inclusive-private kindergarten (DESIGN.md: these count as inclusive without applying).
 */
export function countsAsInclusive(snapshot: Snapshot): boolean {
  const status = snapshot.inclusive?.status;
  if (status === "certified" || status === "applied") return true;
  if (snapshot.operator.ownership === "public") return true;
  const kg = snapshot.facility.kindergarten?.ownership;
  return snapshot.facility.kind === "kindergarten_class" && (kg === "public" || kg === "inclusive_private");
}
