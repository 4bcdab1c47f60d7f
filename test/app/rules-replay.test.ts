// Versioned replay (issue #13): a stored decision replays under the rules version that made it, even after
// the rules changed. The first archived release (r-9c31a38f…) is the rules as they stood before the
// clause-by-clause review: it accepted a 2019 background check in 2026; the current rules do not.
import { describe, expect, it } from "vitest";
import { evaluate, RULES_VERSION, type Determination } from "../../rules/engine/evaluate";
import { RELEASES } from "../../rules/releases/index";
import { parseSnapshot, type Snapshot } from "../../rules/snapshot";
import { loadScenarios } from "../rules/scenario-loader";
import { archivedRulesVersions, evaluatorFor } from "../../app/services/rules-releases.server";

const BEFORE_REVIEW = "9c31a38f271612324281bdff8f70b7040d181503bc084e72a36a7bf6dcb3d68b";

function scenarioSnapshot(statement: string): { snapshot: Snapshot; date: string } {
  const scenario = loadScenarios().find((s) => s.statement.startsWith(statement));
  if (!scenario) throw new Error(`no scenario ${statement}`);
  const parsed = parseSnapshot(scenario.snapshot);
  if (!parsed.ok) throw new Error("bad scenario snapshot");
  return { snapshot: parsed.snapshot, date: scenario.date ?? parsed.snapshot.asOf ?? "2026-05-01" };
}

/** What a service stores: the determination as JSON, with the version that made it. */
function store(version: string, determination: Determination | undefined): { rulesVersion: string; determination: unknown } {
  return { rulesVersion: version, determination: JSON.parse(JSON.stringify(determination)) };
}

describe("replaying stored decisions under their own rules version", () => {
  it("keeps the rules from before the review loadable, and each archive computes its own version", async () => {
    expect(archivedRulesVersions()).toContain(BEFORE_REVIEW);
    expect(archivedRulesVersions()).toContain(RULES_VERSION);
    for (const version of archivedRulesVersions()) {
      const module = await RELEASES[version]();
      expect(module.RULES_VERSION).toBe(version);
    }
  });

  it("replays an old decision exactly although the rule behind it has changed since", async () => {
    const { snapshot, date } = scenarioSnapshot("a background check from 2019 no longer counts");
    const old = await evaluatorFor(BEFORE_REVIEW);
    expect(old).not.toBeNull();
    // Made in the past, under the old rules: the 2019 check passed.
    const made = old!(snapshot, { asOf: date, measures: ["filing.complete"] });
    expect(made.rulesVersion).toBe(BEFORE_REVIEW);
    const stored = store(made.rulesVersion, made.determinations[0]);
    expect((stored.determination as Determination).status).toBe("eligible");
    // Today's rules answer differently (the check must be repeated yearly) …
    const now = evaluate(snapshot, { asOf: date, measures: ["filing.complete"] });
    expect(now.rulesVersion).not.toBe(BEFORE_REVIEW);
    expect(now.determinations[0].status).toBe("ineligible");
    expect(now.determinations[0].conditions.find((c) => c.id === "staff.background_checks")?.result).toBe("unmet");
    // … and the stored decision still replays to exactly what was stored.
    const replayer = await evaluatorFor(stored.rulesVersion);
    const replayed = replayer!(snapshot, { asOf: date, measures: ["filing.complete"] });
    expect(JSON.parse(JSON.stringify(replayed.determinations[0]))).toEqual(stored.determination);
  });

  it("replays a subsidy decision made under the old rules with its old amount (the whole-month rule did not exist)", async () => {
    const { snapshot, date } = scenarioSnapshot("under 怀远县's whole-month rule a facility filed on 28 April");
    const old = await evaluatorFor(BEFORE_REVIEW);
    const made = old!(snapshot, { asOf: date, measures: ["subsidy.operating"] }).determinations[0];
    expect(made.amountFen).toBe(600_000);
    const now = evaluate(snapshot, { asOf: date, measures: ["subsidy.operating"] }).determinations[0];
    expect(now.amountFen).toBeNull();
    const replayed = (await evaluatorFor(BEFORE_REVIEW))!(snapshot, { asOf: date, measures: ["subsidy.operating"] }).determinations[0];
    expect(replayed).toEqual(made);
  });

  it("uses the in-process evaluator for the current version, and gives nothing for a version never archived", async () => {
    expect(await evaluatorFor(RULES_VERSION)).toBe(evaluate);
    expect(await evaluatorFor("f".repeat(64))).toBeNull();
  });

  it("archives the current version faithfully: the archive answers every scenario as the code does", async () => {
    const archived = await evaluatorFor(RULES_VERSION);
    const module = await RELEASES[RULES_VERSION]();
    for (const scenario of loadScenarios()) {
      const parsed = parseSnapshot(scenario.snapshot);
      if (!parsed.ok) continue;
      const options = { asOf: scenario.date ?? parsed.snapshot.asOf ?? "2026-05-01", localParameters: scenario.localParameters };
      expect(JSON.stringify(module.evaluate(parsed.snapshot, options)), scenario.statement).toBe(JSON.stringify(evaluate(parsed.snapshot, options)));
    }
    expect(archived).toBe(evaluate);
  });
});
