// Every policy scenario in test/rules/scenarios/*.yaml, one test per statement.

import { describe, expect, it } from "vitest";
import { loadScenarios } from "./scenario-loader";
import { runScenario } from "./scenario-run";

const scenarios = loadScenarios();
const files = [...new Set(scenarios.map((s) => s.file))];

for (const file of files) {
  describe(file, () => {
    for (const scenario of scenarios.filter((s) => s.file === file)) {
      it(scenario.statement, () => {
        const d = runScenario(scenario);
        const { expect: want } = scenario;
        const trace = d.conditions.map((c) => `${c.id}=${c.result}`).join(", ");
        if (want.status !== undefined) expect(d.status, `conditions: ${trace}; missing: ${d.missing.join(", ")}`).toBe(want.status);
        if (want.reason !== undefined) expect(d.reason).toBe(want.reason);
        if (want.amountFen !== undefined) expect(d.amountFen).toBe(want.amountFen);
        for (const [id, result] of Object.entries(want.conditions ?? {})) {
          const condition = d.conditions.find((c) => c.id === id);
          expect(condition, `condition ${id} in ${trace}`).toBeDefined();
          expect(condition?.result, `condition ${id}: ${JSON.stringify(condition?.facts)} ${condition?.missing.join(", ")}`).toBe(result);
        }
        const fixes = d.conditions.flatMap((c) => (c.fix ? [c.fix.zh, c.fix.en] : []));
        for (const fragment of want.fix ?? []) {
          expect(fixes.some((f) => f.includes(fragment)), `fix containing "${fragment}" among ${JSON.stringify(fixes)}`).toBe(true);
        }
        for (const path of want.missing ?? []) expect(d.missing).toContain(path);
        if (want.details !== undefined) expect(d.details).toMatchObject(want.details as Record<string, unknown>);
        // Contract invariants, for every scenario.
        for (const c of d.conditions) {
          expect(c.references.length).toBeGreaterThan(0);
          if (c.result === "unmet") expect(c.fix?.zh && c.fix.en).toBeTruthy();
          if (c.result === "unknown") expect(c.missing.length).toBeGreaterThan(0);
        }
        if (d.status !== "eligible") expect(d.amountFen).toBeNull();
      });
    }
  });
}
