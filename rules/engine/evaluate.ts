// evaluate(): one snapshot, one date → a determination for every measure (RULES.md "Evaluation").
// Parameter resolution is the expensive, input-independent part, so it is memoised per
// (jurisdiction, date, local-parameters version); the per-measure `parameters` lists are memoised with it.

import { findJurisdiction } from "../jurisdictions";
import { MEASURES } from "../measures/list";
import { BUILT_IN_PARAMETERS } from "../parameters/table";
import type { Snapshot } from "../snapshot";
import {
  evaluateLeaf,
  evaluateTree,
  measureParameterIds,
  type ConditionTrace,
  type Context,
  type Facts,
  type GroupTrace,
  type MeasureDefinition,
} from "./measure";
import { loadLocalParameters, resolveParameters, type LocalParameterSet, type ParameterTable, type ParameterValue, type ResolvedParameter } from "./parameters";
import type { NotApplicableReason, Reference, Status, Text } from "./types";
import { computeRulesVersion } from "./version";

export type Determination = {
  measure: string;
  title: Text;
  status: Status;
  reason: NotApplicableReason | null;
  /** The day the measure was judged on (the evaluation date, or e.g. the last day of the subsidy period). */
  judgedOn: string;
  conditions: ConditionTrace[];
  /** The condition tree's groups, so a reader can rebuild `all`/`any` structure from `conditions[].group`. */
  groups: GroupTrace[];
  /** Fact paths whose absence keeps the determination open (union over unknown conditions). */
  missing: string[];
  amountFen: number | null;
  details: Facts;
  parameters: readonly ResolvedParameter[];
  /** True when any parameter used is provisional (示例值，以当地正式文件为准): e.g. a subsidy batch must not be approved on it. */
  provisional: boolean;
  legalBasis: readonly Reference[];
};

export type Evaluation = {
  rulesVersion: string;
  localParametersVersion: string | null;
  asOf: string;
  jurisdiction: string;
  determinations: Determination[];
};

export type EvaluateOptions = {
  /** The date; defaults to the snapshot's `asOf`. */
  asOf?: string;
  /** Local values entered by administrators; they take precedence at their jurisdiction. */
  localParameters?: readonly ParameterValue[] | LocalParameterSet;
  /** Evaluate only these measures (in the standard order); all twelve by default. */
  measures?: readonly string[];
};

export const RULES_VERSION: string = computeRulesVersion(BUILT_IN_PARAMETERS, MEASURES);

type Resolution = {
  params: Record<string, ResolvedParameter | undefined>;
  measureParameters: Map<string, readonly ResolvedParameter[]>;
  shared: Record<string, unknown>;
};

const MEMO_LIMIT = 4096;
// local version ("" for none) → jurisdiction → date → resolution; nested Maps avoid building a key string.
const resolutions = new Map<string, Map<string, Map<string, Resolution>>>();
let resolutionCount = 0;
const localSets = new WeakMap<readonly ParameterValue[], LocalParameterSet>();
const measureParameterIdCache = new Map<MeasureDefinition, string[]>();
const selections = new WeakMap<readonly string[], readonly MeasureDefinition[]>();

function selectMeasures(ids: readonly string[]): readonly MeasureDefinition[] {
  let selected = selections.get(ids);
  if (!selected) {
    selected = MEASURES.filter((m) => ids.includes(m.id));
    selections.set(ids, selected);
  }
  return selected;
}

function isLocalSet(value: readonly ParameterValue[] | LocalParameterSet): value is LocalParameterSet {
  return !Array.isArray(value);
}

/** Validates local values once per array (throws ParameterTableError when one is invalid). */
export function prepareLocalParameters(values: readonly ParameterValue[], table: ParameterTable = BUILT_IN_PARAMETERS): LocalParameterSet {
  const cached = localSets.get(values);
  if (cached) return cached;
  const set = loadLocalParameters(table, values);
  localSets.set(values, set);
  return set;
}

function resolutionFor(jurisdiction: string, date: string, local: LocalParameterSet | undefined): Resolution {
  const version = local ? local.version : "";
  let byJurisdiction = resolutions.get(version);
  if (!byJurisdiction) resolutions.set(version, (byJurisdiction = new Map()));
  let byDate = byJurisdiction.get(jurisdiction);
  if (!byDate) byJurisdiction.set(jurisdiction, (byDate = new Map()));
  let resolution = byDate.get(date);
  if (resolution) return resolution;
  const resolved = resolveParameters(BUILT_IN_PARAMETERS, jurisdiction, date, local);
  const params: Record<string, ResolvedParameter | undefined> = {};
  for (const [id, value] of resolved) params[id] = value;
  resolution = { params, measureParameters: new Map(), shared: {} };
  // A plain bound rather than LRU: the working set is a few jurisdictions × a few dates.
  if (resolutionCount >= MEMO_LIMIT) {
    resolutions.clear();
    resolutionCount = 0;
    byJurisdiction = new Map();
    byDate = new Map();
    resolutions.set(version, byJurisdiction);
    byJurisdiction.set(jurisdiction, byDate);
  }
  byDate.set(date, resolution);
  resolutionCount++;
  return resolution;
}

function parametersOf(resolution: Resolution, measure: MeasureDefinition): readonly ResolvedParameter[] {
  let list = resolution.measureParameters.get(measure.id);
  if (list) return list;
  let ids = measureParameterIdCache.get(measure);
  if (!ids) measureParameterIdCache.set(measure, (ids = measureParameterIds(measure)));
  const out: ResolvedParameter[] = [];
  for (const id of ids) {
    const p = resolution.params[id];
    if (p) out.push(p);
  }
  list = Object.freeze(out);
  resolution.measureParameters.set(measure.id, list);
  return list;
}

function isProvisional(resolution: Resolution, measure: MeasureDefinition, parameters: readonly ResolvedParameter[]): boolean {
  const key = `provisional:${measure.id}`;
  let value = resolution.shared[key] as boolean | undefined;
  if (value === undefined) resolution.shared[key] = value = parameters.some((p) => p.provisional);
  return value;
}

function inForce(resolution: Resolution, measure: MeasureDefinition): boolean {
  const p = resolution.params[measure.inForce.parameter];
  return measure.inForce.when === "present" ? p !== undefined : p?.value === true;
}

const NO_CONDITIONS: readonly ConditionTrace[] = Object.freeze([]);

function notApplicable(measure: MeasureDefinition, reason: NotApplicableReason, judgedOn: string, conditions: ConditionTrace[], parameters: readonly ResolvedParameter[]): Determination {
  return {
    measure: measure.id,
    title: measure.title,
    status: "not_applicable",
    reason,
    judgedOn,
    conditions,
    groups: [],
    missing: [],
    amountFen: null,
    details: {},
    parameters,
    provisional: parameters.some((p) => p.provisional),
    legalBasis: measure.legalBasis,
  };
}

/**
 * Evaluates the snapshot on `options.asOf` (else the snapshot's `asOf`). Pure and deterministic.
 * Throws when there is no date or the local parameters are invalid — callers parse input first
 * (`parseSnapshot`, `evaluateRequest`), so these are programming errors, not user errors.
 */
export function evaluate(snapshot: Snapshot, options: EvaluateOptions = {}): Evaluation {
  const asOf = options.asOf ?? snapshot.asOf;
  if (!asOf) throw new Error("evaluate: no date (pass options.asOf or set snapshot.asOf)");
  if (!findJurisdiction(snapshot.jurisdiction)) throw new Error(`evaluate: unknown jurisdiction ${snapshot.jurisdiction}`);
  const local = options.localParameters
    ? isLocalSet(options.localParameters)
      ? options.localParameters
      : options.localParameters.length
        ? prepareLocalParameters(options.localParameters)
        : undefined
    : undefined;
  const jurisdiction = snapshot.jurisdiction;
  // One context per judgement date: the evaluation date, plus at most one other (the subsidy period's
  // last day). Plain variables rather than a Map of closures: this runs 20,000+ times a second.
  const baseResolution = resolutionFor(jurisdiction, asOf, local);
  const baseCtx: Context = { snapshot, date: asOf, jurisdiction, params: baseResolution.params, trees: {}, memo: {}, shared: baseResolution.shared };
  let otherResolution: Resolution | null = null;
  let otherCtx: Context | null = null;
  const selected = options.measures ? selectMeasures(options.measures) : MEASURES;
  const determinations: Determination[] = [];
  for (const measure of selected) {
    const judged: string | undefined = measure.judgedOn ? measure.judgedOn(snapshot, asOf) : undefined;
    const date: string = judged ?? asOf;
    let ctx = baseCtx;
    let resolution = baseResolution;
    if (date !== asOf) {
      if (!otherCtx || otherCtx.date !== date) {
        otherResolution = resolutionFor(jurisdiction, date, local);
        otherCtx = { snapshot, date, jurisdiction, params: otherResolution.params, trees: {}, memo: {}, shared: otherResolution.shared };
      }
      ctx = otherCtx;
      resolution = otherResolution as Resolution;
    }
    const parameters = parametersOf(resolution, measure);
    if (!inForce(resolution, measure)) {
      const p = resolution.params[measure.inForce.parameter];
      determinations.push(notApplicable(measure, "not_in_force", date, NO_CONDITIONS as ConditionTrace[], p ? [p] : []));
      continue;
    }
    let subjectTrace: ConditionTrace | null = null;
    if (measure.subject) {
      subjectTrace = evaluateLeaf(measure.subject, ctx, "subject");
      if (subjectTrace && subjectTrace.result === "unmet") {
        determinations.push(notApplicable(measure, "outside_subject", date, [subjectTrace], parameters));
        continue;
      }
    }
    const tree = evaluateTree(ctx, measure);
    let status: Status;
    let conditions = tree.conditions;
    let missing = tree.missing;
    if (subjectTrace && subjectTrace.result === "unknown") {
      status = "needs_info";
      conditions = [subjectTrace, ...tree.conditions];
      missing = [...subjectTrace.missing, ...tree.missing.filter((p) => !subjectTrace.missing.includes(p))];
    } else {
      if (subjectTrace) conditions = [subjectTrace, ...tree.conditions];
      status = tree.result === "met" ? "eligible" : tree.result === "unmet" ? "ineligible" : "needs_info";
    }
    const outcome = measure.outcome ? measure.outcome(ctx, tree) : null;
    determinations.push({
      measure: measure.id,
      title: measure.title,
      status,
      reason: null,
      judgedOn: date,
      conditions,
      groups: tree.groups,
      missing,
      amountFen: status === "eligible" && outcome ? outcome.amountFen : null,
      details: outcome ? outcome.details : {},
      parameters,
      provisional: isProvisional(resolution, measure, parameters),
      legalBasis: measure.legalBasis,
    });
  }
  return { rulesVersion: RULES_VERSION, localParametersVersion: local ? local.version : null, asOf, jurisdiction, determinations };
}

/** Parameters in force for a jurisdiction on a date (built-in plus optional local values), by id. */
export function resolvedParameters(jurisdiction: string, date: string, localParameters?: readonly ParameterValue[]): ResolvedParameter[] {
  const local = localParameters && localParameters.length ? prepareLocalParameters(localParameters) : undefined;
  return [...resolveParameters(BUILT_IN_PARAMETERS, jurisdiction, date, local).values()];
}
