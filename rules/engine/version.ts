// The rules version: a hash of the built-in parameter table, the measures' declarative definitions, the
// logic fingerprint (a hash of every source file the evaluator is built from, rules/engine/fingerprint.ts,
// written by `npm run rules -- release`) and the package version. It changes whenever a measure's code or a
// parameter changes — no manual bump. Stored with every decision; rules/releases keeps each version loadable.

import packageJson from "../../package.json" with { type: "json" };
import { LOGIC_FINGERPRINT } from "./fingerprint";
import { canonicalJson, sha256Hex } from "./hash";
import { describeMeasure, type MeasureDefinition } from "./measure";
import type { ParameterTable } from "./parameters";

export const PACKAGE_VERSION: string = packageJson.version;

export function computeRulesVersion(
  table: ParameterTable,
  measures: readonly MeasureDefinition[],
  packageVersion: string = PACKAGE_VERSION,
  fingerprint: string = LOGIC_FINGERPRINT,
): string {
  const definitions = [...table.definitions.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
  const values = table.values.map((v) => canonicalJson(v)).sort();
  const body = canonicalJson({
    package: packageVersion,
    logic: fingerprint,
    definitions,
    values,
    measures: measures.map((m) => describeMeasure(m)),
  });
  return sha256Hex(body);
}
