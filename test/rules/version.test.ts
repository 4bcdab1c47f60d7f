import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { RULES_VERSION } from "../../rules/engine/evaluate";
import { loadParameterTable } from "../../rules/engine/parameters";
import { LOGIC_FINGERPRINT } from "../../rules/engine/fingerprint";
import { computeRulesVersion, PACKAGE_VERSION } from "../../rules/engine/version";
import { logicFingerprint } from "../../rules/archive";
import { RELEASES } from "../../rules/releases/index";
import { MEASURES } from "../../rules/measures/list";
import { PARAMETER_DEFINITIONS } from "../../rules/parameters/definitions";
import { BUILT_IN_PARAMETERS } from "../../rules/parameters/table";

describe("rules version", () => {
  it("is a stable sha-256 of the built-in rules", () => {
    expect(RULES_VERSION).toMatch(/^[0-9a-f]{64}$/);
    expect(computeRulesVersion(BUILT_IN_PARAMETERS, MEASURES)).toBe(RULES_VERSION);
  });

  it("is the same in a separate process (another runner, another transform)", () => {
    const script = 'import("./rules/engine/evaluate.ts").then((m) => process.stdout.write(m.RULES_VERSION))';
    const out = spawnSync("node_modules/.bin/tsx", ["-e", script], { encoding: "utf8", timeout: 60_000 });
    expect(out.stdout.trim()).toBe(RULES_VERSION);
  });

  it("changes when any parameter value changes", () => {
    const values = BUILT_IN_PARAMETERS.values.map((v) => (v.parameter === "staffing.max_class_size.toddler" ? { ...v, value: 16 } : v));
    expect(computeRulesVersion(loadParameterTable(PARAMETER_DEFINITIONS, values), MEASURES)).not.toBe(RULES_VERSION);
  });

  it("changes when a reference or a provisional flag changes", () => {
    const values = BUILT_IN_PARAMETERS.values.map((v, i) => (i === 0 ? { ...v, provisional: !v.provisional } : v));
    expect(computeRulesVersion(loadParameterTable(PARAMETER_DEFINITIONS, values), MEASURES)).not.toBe(RULES_VERSION);
  });

  it("changes when a measure's definition, its logic fingerprint or the package version changes", () => {
    const retitled = MEASURES.map((m, i) => (i === 1 ? { ...m, title: { ...m.title, en: "x" } } : m));
    expect(computeRulesVersion(BUILT_IN_PARAMETERS, retitled)).not.toBe(RULES_VERSION);
    expect(computeRulesVersion(BUILT_IN_PARAMETERS, MEASURES, "9.9.9")).not.toBe(RULES_VERSION);
    expect(computeRulesVersion(BUILT_IN_PARAMETERS, MEASURES, PACKAGE_VERSION, "0".repeat(64))).not.toBe(RULES_VERSION);
  });

  // The version follows the code without a manual bump: the fingerprint is a hash of every source file the
  // evaluator is built from, and this test fails until it is regenerated after any change to them.
  it("carries the fingerprint of the current source (run `npm run rules -- release` after changing rules/)", async () => {
    const { fingerprint, files } = await logicFingerprint();
    expect(files).toContain("rules/measures/filing-complete.ts");
    expect(files).toContain("rules/parameters/national.ts");
    expect(files).not.toContain("rules/engine/fingerprint.ts");
    expect(LOGIC_FINGERPRINT, "rules/ changed since the last `npm run rules -- release`").toBe(fingerprint);
  });

  it("is archived, so that a decision made now still replays after the next change", () => {
    expect(Object.keys(RELEASES)).toContain(RULES_VERSION);
  });

  it("does not depend on the order values are listed in", () => {
    const reversed = loadParameterTable(PARAMETER_DEFINITIONS, [...BUILT_IN_PARAMETERS.values].reverse());
    expect(computeRulesVersion(reversed, MEASURES)).toBe(RULES_VERSION);
  });
});
