import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { evaluateTree, type Context, type GroupDefinition, type LeafDefinition, type MeasureDefinition } from "../../rules/engine/measure";
import type { Result } from "../../rules/engine/types";

function leaf(id: string, result: Result): LeafDefinition {
  return {
    kind: "leaf",
    id,
    title: { zh: id, en: id },
    references: [{ document: "测试", clause: "一" }],
    parameters: [],
    test: () => (result === "unknown" ? { result, facts: {}, missing: [id] } : result === "unmet" ? { result, facts: {}, fix: { zh: "改", en: "fix" } } : { result, facts: {} }),
  };
}

function measureOf(tree: GroupDefinition): MeasureDefinition {
  return { id: "t", title: { zh: "测试", en: "test" }, legalBasis: [], monetary: false, inForce: { parameter: "x", when: "flag" }, tree };
}

function run(tree: GroupDefinition): Result {
  const measure = measureOf(tree);
  const ctx = { trees: {}, memo: {}, shared: {} } as unknown as Context;
  return evaluateTree(ctx, measure).result;
}

const results: Result[] = ["met", "unmet", "unknown"];

describe("three-valued combination (RULES.md)", () => {
  for (const a of results) {
    for (const b of results) {
      const all: Result = a === "unmet" || b === "unmet" ? "unmet" : a === "unknown" || b === "unknown" ? "unknown" : "met";
      const any: Result = a === "met" || b === "met" ? "met" : a === "unknown" || b === "unknown" ? "unknown" : "unmet";
      it(`all(${a}, ${b}) = ${all}; any(${a}, ${b}) = ${any}`, () => {
        expect(run({ kind: "all", id: "g", children: [leaf("a", a), leaf("b", b)] })).toBe(all);
        expect(run({ kind: "any", id: "g", children: [leaf("a", a), leaf("b", b)] })).toBe(any);
      });
    }
    it(`not(${a}) swaps met and unmet`, () => {
      expect(run({ kind: "not", id: "g", children: [leaf("a", a)] })).toBe(a === "met" ? "unmet" : a === "unmet" ? "met" : "unknown");
    });
  }

  it("lists leaves flat in evaluation order with their group", () => {
    const measure = measureOf({ kind: "all", id: "all", children: [leaf("a", "met"), { kind: "any", id: "route", children: [leaf("b", "unmet"), leaf("c", "unknown")] }] });
    const tree = evaluateTree({ trees: {}, memo: {}, shared: {} } as unknown as Context, measure);
    expect(tree.conditions.map((c) => [c.id, c.group, c.result])).toEqual([["a", "all", "met"], ["b", "route", "unmet"], ["c", "route", "unknown"]]);
    expect(tree.missing).toEqual(["c"]);
  });
});

describe("purity of rules/", () => {
  function files(dir: string): string[] {
    return readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? files(path) : path.endsWith(".ts") ? [path] : [];
    });
  }

  it("has no clock, environment, I/O or app/db imports outside the CLI adapter and the release tool", () => {
    const offenders: string[] = [];
    for (const path of files("rules")) {
      // cli.ts reads files; archive.ts (`npm run rules -- release`) bundles and writes releases at development time
      if (path === join("rules", "cli.ts") || path === join("rules", "archive.ts")) continue;
      const text = readFileSync(path, "utf8");
      if (/Date\.now\(|new Date\(\s*\)|process\.env|from "node:(fs|child_process|net|http)|from "(\.\.\/)+(app|db)\//.test(text)) offenders.push(path);
    }
    expect(offenders).toEqual([]);
  });
});
