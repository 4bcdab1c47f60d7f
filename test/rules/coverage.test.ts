// Mechanical coverage of the scenario files (RULES.md "Tests"): every condition of every measure is
// seen met, unmet and unknown; every measure is exercised in both cities; every listed boundary has a
// case on each side.

import { describe, expect, it } from "vitest";
import type { GroupDefinition, LeafDefinition } from "../../rules/engine/measure";
import { isWithin } from "../../rules/jurisdictions";
import { MEASURES } from "../../rules/measures/list";
import { loadScenarios } from "./scenario-loader";
import { runScenario } from "./scenario-run";

const scenarios = loadScenarios();
const runs = scenarios.map((scenario) => ({ scenario, determination: runScenario(scenario) }));

function leafIds(node: LeafDefinition | GroupDefinition): string[] {
  return node.kind === "leaf" ? [node.id] : node.children.flatMap(leafIds);
}

const REQUIRED_BOUNDARIES = [
  "class_size.infant",
  "class_size.toddler",
  "class_size.older_toddler",
  "class_size.mixed",
  "ratio.infant",
  "ratio.toddler",
  "ratio.older_toddler",
  "ratio.mixed",
  "home.children",
  "home.ratio",
  "lease.term",
  "incident.window",
  "operating.months",
  "soe.years",
  "tax.first_period",
  "tax.second_period",
  "subsidy.months_cap",
  "fee_cap.full_day",
  "fee_cap.half_day",
  "fee_cap.hourly",
  "fee_cap.temporary",
  "fee_cap.schedule",
  "workforce.level",
];

describe("scenario coverage", () => {
  for (const measure of MEASURES) {
    const ids = [...(measure.subject ? [measure.subject.id] : []), ...leafIds(measure.tree)];
    const mine = runs.filter((r) => r.scenario.measure === measure.id);

    it(`${measure.id}: every condition is seen met, unmet and unknown`, () => {
      const seen = new Map<string, Set<string>>(ids.map((id) => [id, new Set()]));
      for (const { determination } of mine) for (const c of determination.conditions) seen.get(c.id)?.add(c.result);
      const gaps = [...seen].flatMap(([id, results]) => ["met", "unmet", "unknown"].filter((r) => !results.has(r)).map((r) => `${id} never ${r}`));
      expect(gaps).toEqual([]);
    });

    it(`${measure.id}: scenarios cover both 蚌埠 and 阿拉尔`, () => {
      const jurisdictions = mine.map((r) => (r.scenario.snapshot as { jurisdiction: string }).jurisdiction);
      expect(jurisdictions.some((j) => isWithin(j, "340300"))).toBe(true);
      expect(jurisdictions.some((j) => isWithin(j, "659002"))).toBe(true);
    });
  }

  it("every numeric boundary has a case on each side", () => {
    const tags = new Set(scenarios.flatMap((s) => (s.boundary ? [s.boundary] : [])));
    const gaps = REQUIRED_BOUNDARIES.flatMap((b) => ["inside", "outside"].filter((side) => !tags.has(`${b}/${side}`)).map((side) => `${b}/${side}`));
    expect(gaps).toEqual([]);
  });

  it("every scenario file names a known measure", () => {
    const known = new Set(MEASURES.map((m) => m.id));
    expect(scenarios.filter((s) => !known.has(s.measure)).map((s) => s.file)).toEqual([]);
    expect(new Set(scenarios.map((s) => s.measure)).size).toBe(MEASURES.length);
  });
});
