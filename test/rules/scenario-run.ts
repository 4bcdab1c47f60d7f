// Runs one scenario through the public path the app uses: parseSnapshot, then evaluate.

import { evaluate, type Determination } from "../../rules/engine/evaluate";
import { parseSnapshot } from "../../rules/snapshot";
import type { Scenario } from "./scenario-loader";

export function runScenario(scenario: Scenario): Determination {
  const parsed = parseSnapshot(scenario.snapshot);
  if (!parsed.ok) throw new Error(`${scenario.file}: "${scenario.statement}": snapshot refused: ${JSON.stringify(parsed.errors)}`);
  const evaluation = evaluate(parsed.snapshot, { asOf: scenario.date, localParameters: scenario.localParameters });
  const determination = evaluation.determinations.find((d) => d.measure === scenario.measure);
  if (!determination) throw new Error(`${scenario.measure} missing from the evaluation`);
  return determination;
}
