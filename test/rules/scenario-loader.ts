// Loads the policy scenarios in test/rules/scenarios/*.yaml. A scenario names a base snapshot (from
// _bases.yaml or its file's own `bases:`) and a deep-merge patch `with:`:
//   - objects merge key by key; arrays and scalars replace;
//   - an object patch on an array patches items by index: `staff: { 2: { role: cook } }`;
//   - the string "$absent" deletes the key (absent = unknown in the rules).

import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import type { ParameterValue } from "../../rules/engine/parameters";

export const SCENARIO_DIR = join(dirname(fileURLToPath(import.meta.url)), "scenarios");
const ABSENT = "$absent";

export type Expectation = {
  status?: string;
  reason?: string | null;
  amountFen?: number | null;
  conditions?: Record<string, string>;
  fix?: string[];
  missing?: string[];
  details?: unknown;
};

export type Scenario = {
  file: string;
  measure: string;
  statement: string;
  snapshot: unknown;
  date?: string;
  localParameters?: ParameterValue[];
  expect: Expectation;
  boundary?: string;
};

type RawScenario = {
  statement: string;
  base?: string;
  with?: unknown;
  date?: string;
  localParameters?: ParameterValue[];
  expect: Expectation;
  boundary?: string;
};

type RawFile = { measure: string; bases?: Record<string, unknown>; scenarios: RawScenario[] };

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function deepMerge(target: unknown, patch: unknown): unknown {
  if (patch === ABSENT) return undefined;
  if (Array.isArray(target) && isObject(patch)) {
    const out = target.slice();
    for (const [key, value] of Object.entries(patch)) {
      const index = Number(key);
      if (!Number.isInteger(index)) throw new Error(`array patch with non-index key ${key}`);
      out[index] = deepMerge(out[index], value);
    }
    return out.filter((item) => item !== undefined);
  }
  if (isObject(target) && isObject(patch)) {
    const out: Record<string, unknown> = { ...target };
    for (const [key, value] of Object.entries(patch)) {
      const merged = deepMerge(out[key], value);
      if (merged === undefined) delete out[key];
      else out[key] = merged;
    }
    return out;
  }
  return clean(patch);
}

/** A patch value used as is, minus any "$absent" keys inside it. */
function clean(value: unknown): unknown {
  if (Array.isArray(value)) return value.filter((item) => item !== ABSENT).map(clean);
  if (isObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) if (item !== ABSENT) out[key] = clean(item);
    return out;
  }
  return value;
}

function resolveBase(name: string, bases: Record<string, unknown>, seen: string[] = []): unknown {
  if (seen.includes(name)) throw new Error(`base cycle: ${[...seen, name].join(" → ")}`);
  const base = bases[name];
  if (base === undefined) throw new Error(`unknown base ${name}`);
  if (isObject(base) && typeof base.base === "string" && "with" in base) {
    return deepMerge(resolveBase(base.base, bases, [...seen, name]), base.with);
  }
  return base;
}

/** Loads every scenario file of `dir` (default: this folder's scenarios/). No test framework: the CLI uses it too. */
export function loadScenarios(dir: string = SCENARIO_DIR): Scenario[] {
  const shared = parse(readFileSync(join(dir, "_bases.yaml"), "utf8")) as Record<string, unknown>;
  const scenarios: Scenario[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".yaml") && !f.startsWith("_")).sort()) {
    const raw = parse(readFileSync(join(dir, file), "utf8")) as RawFile;
    const bases = { ...shared, ...(raw.bases ?? {}) };
    for (const s of raw.scenarios) {
      const base = s.base ? resolveBase(s.base, bases) : {};
      scenarios.push({
        file,
        measure: raw.measure,
        statement: s.statement,
        snapshot: s.with === undefined ? structuredClone(base) : deepMerge(base, s.with),
        date: s.date,
        localParameters: s.localParameters,
        expect: s.expect,
        boundary: s.boundary,
      });
    }
  }
  return scenarios;
}
