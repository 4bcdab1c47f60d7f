// Dated, cited parameter values and their resolution along a jurisdiction chain (RULES.md "Parameter").
// Loading validates the whole table once: a value without a reference, or two values of one parameter
// and one jurisdiction whose date ranges overlap, make loading throw — so a bad table never evaluates.

import { jurisdictionChain, findJurisdiction } from "../jurisdictions";
import { isValidDate } from "./dates";
import { canonicalJson, sha256Hex } from "./hash";
import type { Reference, Text } from "./types";

export const PARAMETER_KINDS = ["number", "boolean", "string_list", "schedule"] as const;
export type ParameterKind = (typeof PARAMETER_KINDS)[number];

/** One entry of a published guided-price schedule (`pricing.schedule`). */
export type ScheduleEntry = { classType: string; serviceType: string; capFen: number };

export type ParameterScalar = number | boolean | string[] | ScheduleEntry[];

export type ParameterDefinition = {
  id: string;
  kind: ParameterKind;
  unit: string;
  description: Text;
};

/** One dated value of one parameter in one jurisdiction; `effectiveTo` is inclusive, absent = open. */
export type ParameterValue = {
  parameter: string;
  jurisdiction: string;
  effectiveFrom: string;
  effectiveTo?: string | null;
  value: ParameterScalar;
  reference: Reference;
  provisional?: boolean;
  /** Free note (e.g. "demo value"); not used by the rules. */
  note?: string;
};

/** A value in force, as reported in an Evaluation's `parameters`. */
export type ResolvedParameter = {
  id: string;
  jurisdiction: string;
  value: ParameterScalar;
  effectiveFrom: string;
  effectiveTo: string | null;
  provisional: boolean;
  reference: Reference;
  /** True when the value came from a local parameter set passed in at evaluation time. */
  local: boolean;
};

export class ParameterTableError extends Error {
  override name = "ParameterTableError";
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`Invalid parameter table:\n${problems.join("\n")}`);
    this.problems = problems;
  }
}

export type ParameterTable = {
  definitions: ReadonlyMap<string, ParameterDefinition>;
  /** parameter id → jurisdiction → values sorted by effectiveFrom. */
  index: ReadonlyMap<string, ReadonlyMap<string, readonly ParameterValue[]>>;
  values: readonly ParameterValue[];
};

function valueMatchesKind(kind: ParameterKind, value: unknown): boolean {
  switch (kind) {
    case "number":
      return typeof value === "number" && Number.isFinite(value);
    case "boolean":
      return typeof value === "boolean";
    case "string_list":
      return Array.isArray(value) && value.every((v) => typeof v === "string");
    case "schedule":
      return (
        Array.isArray(value) &&
        value.every(
          (v: unknown) =>
            typeof v === "object" &&
            v !== null &&
            typeof (v as Record<string, unknown>).classType === "string" &&
            typeof (v as Record<string, unknown>).serviceType === "string" &&
            Number.isInteger((v as Record<string, unknown>).capFen) &&
            ((v as Record<string, unknown>).capFen as number) >= 0,
        )
      );
  }
}

function hasReference(value: ParameterValue): boolean {
  const ref: unknown = value.reference;
  if (typeof ref !== "object" || ref === null) return false;
  const { document, clause } = ref as Record<string, unknown>;
  return typeof document === "string" && document.trim() !== "" && typeof clause === "string" && clause.trim() !== "";
}

function describe(value: ParameterValue): string {
  return `${value.parameter}@${value.jurisdiction} from ${value.effectiveFrom}`;
}

/** Problems with a list of values (reference, dates, kind, jurisdiction, overlaps); empty when fine. */
export function checkParameterValues(
  definitions: ReadonlyMap<string, ParameterDefinition>,
  values: readonly ParameterValue[],
): string[] {
  const problems: string[] = [];
  const groups = new Map<string, ParameterValue[]>();
  for (const value of values) {
    const definition = definitions.get(value.parameter);
    if (!definition) {
      problems.push(`${describe(value)}: unknown parameter`);
      continue;
    }
    if (!hasReference(value)) problems.push(`${describe(value)}: no reference (document and clause)`);
    if (!findJurisdiction(value.jurisdiction)) problems.push(`${describe(value)}: unknown jurisdiction`);
    if (typeof value.effectiveFrom !== "string" || !isValidDate(value.effectiveFrom)) problems.push(`${describe(value)}: effectiveFrom is not a date`);
    if (value.effectiveTo != null && (typeof value.effectiveTo !== "string" || !isValidDate(value.effectiveTo))) problems.push(`${describe(value)}: effectiveTo is not a date`);
    if (value.effectiveTo != null && value.effectiveTo < value.effectiveFrom) problems.push(`${describe(value)}: effectiveTo before effectiveFrom`);
    if (!valueMatchesKind(definition.kind, value.value)) problems.push(`${describe(value)}: value is not a ${definition.kind}`);
    const key = `${value.parameter}\u0000${value.jurisdiction}`;
    const group = groups.get(key);
    if (group) group.push(value);
    else groups.set(key, [value]);
  }
  for (const group of groups.values()) {
    const sorted = [...group].sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : a.effectiveFrom > b.effectiveFrom ? 1 : 0));
    for (let i = 1; i < sorted.length; i++) {
      const previous = sorted[i - 1];
      if (previous.effectiveTo == null || previous.effectiveTo >= sorted[i].effectiveFrom) {
        problems.push(`${describe(previous)} overlaps ${describe(sorted[i])}`);
      }
    }
  }
  return problems;
}

function buildIndex(values: readonly ParameterValue[]): Map<string, Map<string, ParameterValue[]>> {
  const index = new Map<string, Map<string, ParameterValue[]>>();
  for (const value of values) {
    let byJurisdiction = index.get(value.parameter);
    if (!byJurisdiction) index.set(value.parameter, (byJurisdiction = new Map()));
    const list = byJurisdiction.get(value.jurisdiction);
    if (list) list.push(value);
    else byJurisdiction.set(value.jurisdiction, [value]);
  }
  for (const byJurisdiction of index.values()) {
    for (const list of byJurisdiction.values()) list.sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : 1));
  }
  return index;
}

/** Validates and indexes a parameter table; throws ParameterTableError listing every problem. */
export function loadParameterTable(definitions: readonly ParameterDefinition[], values: readonly ParameterValue[]): ParameterTable {
  const problems: string[] = [];
  const byId = new Map<string, ParameterDefinition>();
  for (const definition of definitions) {
    if (byId.has(definition.id)) problems.push(`${definition.id}: defined twice`);
    byId.set(definition.id, definition);
  }
  problems.push(...checkParameterValues(byId, values));
  if (problems.length) throw new ParameterTableError(problems);
  return { definitions: byId, index: buildIndex(values), values };
}

/** A validated local parameter set (values entered by administrators) with its stable hash. */
export type LocalParameterSet = {
  version: string;
  index: ReadonlyMap<string, ReadonlyMap<string, readonly ParameterValue[]>>;
  values: readonly ParameterValue[];
};

/** Validates local values against the table's definitions; throws ParameterTableError on any problem. */
export function loadLocalParameters(table: ParameterTable, values: readonly ParameterValue[]): LocalParameterSet {
  const problems = checkParameterValues(table.definitions, values);
  if (problems.length) throw new ParameterTableError(problems);
  const canonical = values.map((v) => canonicalJson(v)).sort();
  return { version: sha256Hex(`[${canonical.join(",")}]`), index: buildIndex(values), values };
}

function valueOn(list: readonly ParameterValue[] | undefined, date: string): ParameterValue | undefined {
  if (!list) return undefined;
  for (const value of list) {
    if (value.effectiveFrom <= date && (value.effectiveTo == null || value.effectiveTo >= date)) return value;
  }
  return undefined;
}

function toResolved(value: ParameterValue, local: boolean): ResolvedParameter {
  return Object.freeze({
    id: value.parameter,
    jurisdiction: value.jurisdiction,
    value: value.value,
    effectiveFrom: value.effectiveFrom,
    effectiveTo: value.effectiveTo ?? null,
    provisional: value.provisional === true,
    reference: value.reference,
    local,
  });
}

/**
 * Every parameter in force for `jurisdiction` on `date`: for each jurisdiction of the chain, most
 * specific first, a local value wins over a built-in one; the first jurisdiction with a value decides.
 */
export function resolveParameters(
  table: ParameterTable,
  jurisdiction: string,
  date: string,
  local?: LocalParameterSet,
): Map<string, ResolvedParameter> {
  const chain = jurisdictionChain(jurisdiction);
  const resolved = new Map<string, ResolvedParameter>();
  for (const id of table.definitions.keys()) {
    const builtIn = table.index.get(id);
    const localValues = local?.index.get(id);
    for (const code of chain) {
      const fromLocal = valueOn(localValues?.get(code), date);
      if (fromLocal) {
        resolved.set(id, toResolved(fromLocal, true));
        break;
      }
      const fromTable = valueOn(builtIn?.get(code), date);
      if (fromTable) {
        resolved.set(id, toResolved(fromTable, false));
        break;
      }
    }
  }
  return resolved;
}
