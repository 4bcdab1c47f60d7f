// Local subsidy standards (地方运营补贴标准, issue #7 part 1). An administrator enters a county's operating
// subsidy standard — per child per month for standalone facilities and for kindergarten classes, the
// months-per-year cap, and how a month counts (the period rule, with its attendance minimum where that is
// the rule) — as dated, cited local parameter values. They are validated with the rules'
// own check (reference required, no overlaps) against the live values in the database, never edited (a
// replacement supersedes the rows it replaces, which stay as history), and reach the rules layer through
// `localParameters(db)` (pricing.server.ts), where a local value wins over a built-in one at its
// jurisdiction. The built-in provisional demo values (rules/parameters/bengbu.ts) are left alone: entering
// the published standard is what replaces them.
import { randomUUID } from "node:crypto";
import { and, asc, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { jurisdictions, localParameterValues, users, type LocalParameterValueRow } from "../../db/schema";
import { addDays } from "../../rules/engine/dates";
import { resolvedParameters } from "../../rules/engine/evaluate";
import { checkParameterValues, type ParameterValue } from "../../rules/engine/parameters";
import { BUILT_IN_PARAMETERS } from "../../rules/parameters/table";
import { SUBSIDY_PERIOD_RULES } from "../../rules/vocabulary";
import type { Actor } from "../auth/session.server";
import { assertPermission } from "../auth/session.server";
import { isWithinJurisdiction, staffScope, withinJurisdiction } from "../auth/scope.server";
import { recordAudit } from "./audit.server";
import { ConflictError, ForbiddenError, ValidationError, type FieldErrors } from "./errors";
import { localParameters } from "./pricing.server";
import { standardSchema, type Standard } from "./subsidy.schemas";
import { actorContext, fieldErrorsOf } from "./users.server";
import { clockNow } from "../utils/format";

export const SUBSIDY_PARAMETERS = {
  perChildMonthFen: "subsidy.operating.per_child_month_fen",
  perChildMonthKindergartenClassFen: "subsidy.operating.per_child_month_kindergarten_class_fen",
  maxMonthsPerYear: "subsidy.operating.max_months_per_year",
  periodRule: "subsidy.operating.period_rule",
  minAttendanceDays: "subsidy.operating.min_attendance_days",
} as const;

const PARAMETER_IDS: readonly string[] = Object.values(SUBSIDY_PARAMETERS);

export type SubsidyPeriodRule = (typeof SUBSIDY_PERIOD_RULES)[number];

function periodRuleOf(value: unknown): SubsidyPeriodRule | null {
  const first = Array.isArray(value) ? value[0] : null;
  return (SUBSIDY_PERIOD_RULES as readonly unknown[]).includes(first) ? (first as SubsidyPeriodRule) : null;
}

// Serialises writers of one jurisdiction's standards, so two administrators entering overlapping values at
// the same moment cannot both pass the overlap check (the unique index only catches equal start dates).
const STANDARD_LOCK = 730_000_007;

/** A stored local value in the rules layer's shape (as localParameters(db) maps it): cited, not provisional. */
export function parameterValueOf(row: LocalParameterValueRow): ParameterValue {
  return {
    parameter: row.parameter,
    jurisdiction: row.jurisdictionCode,
    effectiveFrom: row.effectiveFrom,
    effectiveTo: row.effectiveTo,
    value: row.value as ParameterValue["value"],
    reference: { document: row.referenceDocument, clause: row.referenceClause, ...(row.referenceUrl ? { url: row.referenceUrl } : {}) },
    provisional: false,
  };
}

// ---- where a standard can be set ---------------------------------------------------------------------

/**
 * SQL: the jurisdiction sets its own subsidy standard — a county or district, or a city with no county
 * below it (阿拉尔市, whose 团镇 are towns). B§7 leaves amounts to each county; a city with counties
 * has none of its own to enter (its counties' values would win anyway).
 */
function setsStandard() {
  return sql`(${jurisdictions.level} = 'county' OR (${jurisdictions.level} = 'city' AND NOT EXISTS (
    SELECT 1 FROM ${jurisdictions} c WHERE c.parent_code = ${jurisdictions.code} AND c.level = 'county')))`;
}

export type StandardJurisdiction = { code: string; nameZh: string; nameEn: string };

/** The jurisdictions within the administrator's scope that set a standard, in administrative order. */
export async function standardJurisdictions(db: Db, actor: Actor): Promise<StandardJurisdiction[]> {
  assertPermission(actor, "manage:parameter:jurisdiction");
  return db
    .select({ code: jurisdictions.code, nameZh: jurisdictions.nameZh, nameEn: jurisdictions.nameEn })
    .from(jurisdictions)
    .where(and(withinJurisdiction(jurisdictions.code, staffScope(actor)), setsStandard()))
    .orderBy(asc(jurisdictions.path));
}

async function assertStandardJurisdiction(db: Db, actor: Actor, code: string): Promise<void> {
  const [known] = await db.select({ code: jurisdictions.code }).from(jurisdictions).where(eq(jurisdictions.code, code));
  if (!known) throw new ValidationError({ jurisdictionCode: "subsidy.standards.errors.jurisdiction" });
  // a code outside the administrator's scope is not offered by the form: a guessed one is refused outright
  if (!(await isWithinJurisdiction(db, code, staffScope(actor)))) throw new ForbiddenError(code, "scope");
  const [ok] = await db.select({ code: jurisdictions.code }).from(jurisdictions).where(and(eq(jurisdictions.code, code), setsStandard()));
  if (!ok) throw new ValidationError({ jurisdictionCode: "subsidy.standards.errors.notCounty" });
}

// ---- entering and replacing --------------------------------------------------------------------------

export type StandardKey = { jurisdictionCode: string; effectiveFrom: string };

function valuesOf(v: Standard): ParameterValue[] {
  const reference = { document: v.referenceDocument, clause: v.referenceClause, ...(v.referenceUrl ? { url: v.referenceUrl } : {}) };
  const base = { jurisdiction: v.jurisdictionCode, effectiveFrom: v.effectiveFrom, effectiveTo: v.effectiveTo ?? null, reference, provisional: false };
  return [
    { ...base, parameter: SUBSIDY_PARAMETERS.perChildMonthFen, value: v.perChildMonth },
    { ...base, parameter: SUBSIDY_PARAMETERS.perChildMonthKindergartenClassFen, value: v.perChildMonthKindergartenClass },
    { ...base, parameter: SUBSIDY_PARAMETERS.maxMonthsPerYear, value: v.maxMonthsPerYear },
    { ...base, parameter: SUBSIDY_PARAMETERS.periodRule, value: [v.periodRule] },
    ...(v.periodRule === "minimum_attendance_days" && v.minAttendanceDays !== undefined
      ? [{ ...base, parameter: SUBSIDY_PARAMETERS.minAttendanceDays, value: v.minAttendanceDays }]
      : []),
  ];
}

function overlaps(a: ParameterValue, b: ParameterValue): boolean {
  const aEnd = a.effectiveTo ?? "9999-12-31";
  const bEnd = b.effectiveTo ?? "9999-12-31";
  return a.effectiveFrom <= bEnd && b.effectiveFrom <= aEnd;
}

/**
 * The rules' own check (rules/engine/parameters.ts checkParameterValues) over the jurisdiction's live
 * values plus the new ones, its problems turned into field errors: an overlap names the start date of
 * the standard it clashes with; a missing reference points at the reference fields.
 */
function checkAgainst(existing: readonly ParameterValue[], added: readonly ParameterValue[]): FieldErrors {
  const problems = checkParameterValues(BUILT_IN_PARAMETERS.definitions, [...existing, ...added]);
  if (problems.length === 0) return {};
  const errors: FieldErrors = {};
  for (const problem of problems) {
    if (problem.includes(" overlaps ")) {
      const clash = existing.find((e) => added.some((a) => a.parameter === e.parameter && overlaps(a, e)));
      errors.effectiveFrom ??= clash
        ? clash.effectiveTo
          ? `subsidy.standards.errors.overlapUntil|${JSON.stringify({ date: clash.effectiveFrom, to: clash.effectiveTo })}`
          : `subsidy.standards.errors.overlap|${JSON.stringify({ date: clash.effectiveFrom })}`
        : "subsidy.standards.errors.overlapNew";
    } else if (problem.includes("no reference")) {
      errors.referenceDocument ??= "subsidy.errors.required";
      errors.referenceClause ??= "subsidy.errors.required";
    } else if (problem.includes("effectiveTo")) {
      errors.effectiveTo ??= "subsidy.errors.endBeforeStart";
    } else if (problem.includes("effectiveFrom")) {
      errors.effectiveFrom ??= "subsidy.errors.date";
    } else if (problem.includes("unknown jurisdiction")) {
      errors.jurisdictionCode ??= "subsidy.standards.errors.jurisdiction";
    } else {
      errors._form ??= "subsidy.standards.errors.invalid";
    }
  }
  return errors;
}

function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error; e && typeof e === "object"; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === "23505") return true;
  }
  return false;
}

function summaryOf(values: readonly ParameterValue[]) {
  return values.map((v) => ({ parameter: v.parameter, effectiveFrom: v.effectiveFrom, effectiveTo: v.effectiveTo ?? null, value: v.value, reference: v.reference }));
}

type WriteOptions = { replaces?: StandardKey; endPrevious?: boolean };

async function writeStandard(db: Db, actor: Actor, input: unknown, options: WriteOptions): Promise<StandardKey> {
  assertPermission(actor, "manage:parameter:jurisdiction");
  const parsed = standardSchema.safeParse(input);
  if (!parsed.success) throw new ValidationError(fieldErrorsOf(parsed.error));
  const v = parsed.data;
  if (options.replaces) {
    await assertStandardJurisdiction(db, actor, options.replaces.jurisdictionCode);
    if (options.replaces.jurisdictionCode !== v.jurisdictionCode) throw new ValidationError({ jurisdictionCode: "subsidy.standards.errors.replaceSameJurisdiction" });
  }
  await assertStandardJurisdiction(db, actor, v.jurisdictionCode);
  const added = valuesOf(v);
  const now = clockNow();
  try {
    return await db.transaction(async (tx) => {
      await tx.execute(sql`SELECT pg_advisory_xact_lock(${STANDARD_LOCK}, hashtext(${v.jurisdictionCode}))`);
      const live = await tx
        .select()
        .from(localParameterValues)
        .where(and(eq(localParameterValues.jurisdictionCode, v.jurisdictionCode), inArray(localParameterValues.parameter, [...PARAMETER_IDS]), isNull(localParameterValues.supersededAt)));
      const replaced = options.replaces ? live.filter((r) => r.effectiveFrom === options.replaces?.effectiveFrom) : [];
      if (options.replaces && replaced.length === 0) throw new ConflictError("subsidy.standards.errors.alreadyReplaced");
      // "end the standard in force until the day before": each earlier live value still running on the new
      // start date is superseded by a copy that ends the day before (never edited in place)
      const ended: Array<{ row: LocalParameterValueRow; copy: ParameterValue }> = [];
      if (options.endPrevious) {
        const dayBefore = addDays(v.effectiveFrom, -1);
        for (const row of live) {
          if (replaced.includes(row)) continue;
          if (row.effectiveFrom < v.effectiveFrom && (row.effectiveTo === null || row.effectiveTo >= v.effectiveFrom)) {
            ended.push({ row, copy: { ...parameterValueOf(row), effectiveTo: dayBefore } });
          }
        }
      }
      const gone = new Set([...replaced, ...ended.map((e) => e.row)]);
      const kept = live.filter((r) => !gone.has(r)).map(parameterValueOf);
      const errors = checkAgainst(kept, [...ended.map((e) => e.copy), ...added]);
      if (Object.keys(errors).length) {
        const { _form: formError, ...fieldErrors } = errors;
        throw new ValidationError(fieldErrors, formError);
      }
      const inserts = [...ended.map((e) => ({ copy: e.copy, replaces: e.row })), ...added.map((a) => ({ copy: a, replaces: replaced.find((r) => r.parameter === a.parameter) }))].map((x) => ({
        id: randomUUID(),
        replaces: x.replaces,
        row: {
          parameter: x.copy.parameter,
          jurisdictionCode: x.copy.jurisdiction,
          effectiveFrom: x.copy.effectiveFrom,
          effectiveTo: x.copy.effectiveTo ?? null,
          value: x.copy.value,
          referenceDocument: x.copy.reference.document,
          referenceClause: x.copy.reference.clause,
          referenceUrl: x.copy.reference.url ?? null,
          enteredBy: actor.userId,
          enteredAt: now,
        },
      }));
      // superseded first: the replacement may start on the same day (the live-value index is unique)
      for (const row of gone) {
        const by = inserts.find((i) => i.replaces === row)?.id ?? null;
        await tx.update(localParameterValues).set({ supersededAt: now, supersededBy: by, updatedAt: now }).where(and(eq(localParameterValues.id, row.id), isNull(localParameterValues.supersededAt)));
      }
      await tx.insert(localParameterValues).values(inserts.map((i) => ({ id: i.id, ...i.row })));
      await recordAudit(tx, actorContext(actor), {
        action: options.replaces ? "subsidy_standard.replaced" : "subsidy_standard.entered",
        entityType: "local_parameter_value",
        entityId: inserts.find((i) => i.row.parameter === SUBSIDY_PARAMETERS.perChildMonthFen && i.row.effectiveFrom === v.effectiveFrom)?.id ?? null,
        jurisdictionCode: v.jurisdictionCode,
        before: gone.size ? { superseded: [...gone].map((r) => ({ id: r.id, ...summaryOf([parameterValueOf(r)])[0] })) } : null,
        after: { values: summaryOf(added), ...(ended.length ? { endedPrevious: summaryOf(ended.map((e) => e.copy)) } : {}) },
      });
      return { jurisdictionCode: v.jurisdictionCode, effectiveFrom: v.effectiveFrom };
    });
  } catch (error) {
    // only reachable if the lock were bypassed: report it like the overlap it is
    if (isUniqueViolation(error)) throw new ValidationError({ effectiveFrom: "subsidy.standards.errors.overlapNew" });
    throw error;
  }
}

/**
 * Enters a standard for a jurisdiction within the administrator's scope. `endPrevious` ends the standard
 * running on the new start date the day before (by superseding it with an ended copy); without it such an
 * overlap is refused like the rules refuse one.
 */
export async function enterStandard(db: Db, actor: Actor, input: unknown, options: { endPrevious?: boolean } = {}): Promise<StandardKey> {
  return writeStandard(db, actor, input, { endPrevious: options.endPrevious });
}

/** Replaces the live standard of `target` (a correction): its rows are superseded and stay as history. */
export async function replaceStandard(db: Db, actor: Actor, target: StandardKey, input: unknown): Promise<StandardKey> {
  return writeStandard(db, actor, input, { replaces: target });
}

// ---- the administrator's page ------------------------------------------------------------------------

export type StandardSource = "local" | "provisional" | "built_in" | "none";

export type StandardInForce = {
  code: string;
  nameZh: string;
  nameEn: string;
  source: StandardSource;
  perChildMonthFen: number | null;
  perChildMonthKindergartenClassFen: number | null;
  maxMonthsPerYear: number | null;
  periodRule: SubsidyPeriodRule | null;
  minAttendanceDays: number | null;
  /** the per-child rate's dates and reference (the rate decides whether the measure is in force) */
  effectiveFrom: string | null;
  effectiveTo: string | null;
  reference: { document: string; clause: string; url?: string } | null;
  /** true when any of the three values in force is provisional */
  anyProvisional: boolean;
};

export type StandardHistoryEntry = {
  jurisdictionCode: string;
  effectiveFrom: string;
  effectiveTo: string | null;
  perChildMonthFen: number | null;
  perChildMonthKindergartenClassFen: number | null;
  maxMonthsPerYear: number | null;
  periodRule: SubsidyPeriodRule | null;
  minAttendanceDays: number | null;
  referenceDocument: string;
  referenceClause: string;
  referenceUrl: string | null;
  enteredAt: Date;
  enteredBy: string;
  supersededAt: Date | null;
  live: boolean;
};

/** Per jurisdiction in scope: the standard in force on `today` (as the rules resolve it) and whether it is local or a provisional demo value. */
export async function standardsInForce(db: Db, actor: Actor, today: string): Promise<StandardInForce[]> {
  const places = await standardJurisdictions(db, actor);
  const local = await localParameters(db);
  return places.map((place) => {
    const resolved = new Map(resolvedParameters(place.code, today, local).map((p) => [p.id, p]));
    const rate = resolved.get(SUBSIDY_PARAMETERS.perChildMonthFen);
    const kg = resolved.get(SUBSIDY_PARAMETERS.perChildMonthKindergartenClassFen);
    const months = resolved.get(SUBSIDY_PARAMETERS.maxMonthsPerYear);
    const rule = resolved.get(SUBSIDY_PARAMETERS.periodRule);
    const attendance = resolved.get(SUBSIDY_PARAMETERS.minAttendanceDays);
    const num = (p: typeof rate) => (p && typeof p.value === "number" ? p.value : null);
    const source: StandardSource = !rate ? "none" : rate.local ? "local" : rate.provisional ? "provisional" : "built_in";
    return {
      ...place,
      source,
      perChildMonthFen: num(rate),
      perChildMonthKindergartenClassFen: num(kg),
      maxMonthsPerYear: num(months),
      periodRule: periodRuleOf(rule?.value),
      minAttendanceDays: periodRuleOf(rule?.value) === "minimum_attendance_days" ? num(attendance) : null,
      effectiveFrom: rate?.effectiveFrom ?? null,
      effectiveTo: rate?.effectiveTo ?? null,
      reference: rate ? { ...rate.reference } : null,
      anyProvisional: [rate, kg, months, rule].some((p) => p?.provisional === true),
    };
  });
}

/**
 * Every standard ever entered within scope, newest entry first: the three rows entered together make one
 * entry (same jurisdiction, start date and entry instant); superseded entries stay, marked as such.
 */
export async function standardHistory(db: Db, actor: Actor, limit = 200): Promise<StandardHistoryEntry[]> {
  assertPermission(actor, "manage:parameter:jurisdiction");
  const rows = await db
    .select({ row: localParameterValues, username: users.displayName })
    .from(localParameterValues)
    .leftJoin(users, eq(users.id, localParameterValues.enteredBy))
    .where(and(inArray(localParameterValues.parameter, [...PARAMETER_IDS]), withinJurisdiction(localParameterValues.jurisdictionCode, staffScope(actor))))
    .orderBy(desc(localParameterValues.enteredAt), asc(localParameterValues.jurisdictionCode), desc(localParameterValues.effectiveFrom))
    .limit(limit * PARAMETER_IDS.length);
  const entries = new Map<string, StandardHistoryEntry>();
  for (const { row, username } of rows) {
    const key = `${row.jurisdictionCode}|${row.effectiveFrom}|${row.enteredAt.toISOString()}`;
    let entry = entries.get(key);
    if (!entry) {
      entry = {
        jurisdictionCode: row.jurisdictionCode,
        effectiveFrom: row.effectiveFrom,
        effectiveTo: row.effectiveTo,
        perChildMonthFen: null,
        perChildMonthKindergartenClassFen: null,
        maxMonthsPerYear: null,
        periodRule: null,
        minAttendanceDays: null,
        referenceDocument: row.referenceDocument,
        referenceClause: row.referenceClause,
        referenceUrl: row.referenceUrl,
        enteredAt: row.enteredAt,
        enteredBy: username ?? row.enteredBy,
        supersededAt: row.supersededAt,
        live: row.supersededAt === null,
      };
      entries.set(key, entry);
    }
    const value = typeof row.value === "number" ? row.value : null;
    if (row.parameter === SUBSIDY_PARAMETERS.perChildMonthFen) entry.perChildMonthFen = value;
    if (row.parameter === SUBSIDY_PARAMETERS.perChildMonthKindergartenClassFen) entry.perChildMonthKindergartenClassFen = value;
    if (row.parameter === SUBSIDY_PARAMETERS.maxMonthsPerYear) entry.maxMonthsPerYear = value;
    if (row.parameter === SUBSIDY_PARAMETERS.periodRule) entry.periodRule = periodRuleOf(row.value);
    if (row.parameter === SUBSIDY_PARAMETERS.minAttendanceDays) entry.minAttendanceDays = value;
  }
  return [...entries.values()].slice(0, limit);
}
