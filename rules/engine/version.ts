// The rules version: a hash of the built-in parameter table, the measures' declarative definitions and
// the package version. Stored with every decision so that a decision names the rules that made it.

import packageJson from "../../package.json" with { type: "json" };
import { canonicalJson, sha256Hex } from "./hash";
import { describeMeasure, type MeasureDefinition } from "./measure";
import type { ParameterTable } from "./parameters";

export const PACKAGE_VERSION: string = packageJson.version;

export function computeRulesVersion(table: ParameterTable, measures: readonly MeasureDefinition[], packageVersion: string = PACKAGE_VERSION): string {
  const definitions = [...table.definitions.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
  const values = table.values.map((v) => canonicalJson(v)).sort();
  const body = canonicalJson({
    package: packageVersion,
    definitions,
    values,
    measures: measures.map((m) => describeMeasure(m)),
  });
  return sha256Hex(body);
}
