// The clause traceability table (rules/trace.ts, `npm run rules -- trace-clauses`): the checked-in
// rules/trace-clauses.md is current, the city clauses the rules rest on are listed and cited, and the
// attribution of clauses to conditions, parameter values and scenarios works on synthetic data.

import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { MEASURES } from "../../rules/measures/list";
import { CLAUSES, NATIONAL_TITLES, type Clause } from "../../rules/parameters/clauses";
import { ALAR_PLAN, BENGBU_MEASURES, REF } from "../../rules/parameters/references";
import { BUILT_IN_PARAMETERS } from "../../rules/parameters/table";
import { buildClauseTrace, exerciseScenarios, formatTraceMarkdown, traceClauses, type ScenarioExercise, type TraceRow } from "../../rules/trace";
import { loadScenarios } from "./scenario-loader";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const scenarios = loadScenarios();
const trace = buildClauseTrace(scenarios);

function rowOf(rows: readonly TraceRow[], ref: { document: string; clause: string }): TraceRow | undefined {
  return rows.find((r) => r.document === ref.document && r.clause === ref.clause);
}

function traceWith(exercises: ScenarioExercise[], clauses: readonly Clause[] = CLAUSES) {
  return traceClauses({ clauses, measures: MEASURES, parameterValues: BUILT_IN_PARAMETERS.values, scenarios: exercises });
}

describe("rules/trace-clauses.md", () => {
  it("is the current output of the command", () => {
    const checkedIn = readFileSync(join(ROOT, "rules", "trace-clauses.md"), "utf8");
    expect(formatTraceMarkdown(trace) === checkedIn, "rules/trace-clauses.md is stale: run npm run -s rules -- trace-clauses > rules/trace-clauses.md").toBe(true);
  });

  it("starts with the summary line and counts every clause once", () => {
    const s = trace.summary;
    expect(s.covered + s.citedNoScenario + s.notCited).toBe(s.clauses);
    expect(formatTraceMarkdown(trace)).toContain(`${s.clauses} clauses: ${s.covered} covered, ${s.citedNoScenario} cited without a scenario, ${s.notCited} not cited`);
  });
});

describe("the clause list", () => {
  it("lists every numbered clause of both city texts once", () => {
    const keys = CLAUSES.map((c) => `${c.document}|${c.clause}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(CLAUSES.filter((c) => c.document === ALAR_PLAN).map((c) => Number(/第(\d+)条$/.exec(c.clause)?.[1]))).toEqual(Array.from({ length: 28 }, (_, i) => i + 1));
    expect(CLAUSES.filter((c) => c.document === BENGBU_MEASURES).map((c) => Number(/第(\d+)条$/.exec(c.clause)?.[1]))).toEqual(Array.from({ length: 16 }, (_, i) => i + 1));
    for (const c of CLAUSES.filter((x) => x.kind === "city")) expect(c.title?.zh && c.title.en, `${c.document} ${c.clause}`).toBeTruthy();
  });

  it("has 阿拉尔 15–17 and 蚌埠 6–8 exactly as REF spells them, each cited by a measure", () => {
    for (const ref of [REF.alar15, REF.alar16, REF.alar17, REF.bengbu6, REF.bengbu7, REF.bengbu8]) {
      const row = rowOf(trace.rows, ref);
      expect(row, `${ref.document} ${ref.clause}`).toBeDefined();
      expect(row?.kind).toBe("city");
      expect(row?.measures.length, `${ref.clause} cited by no measure`).toBeGreaterThan(0);
    }
  });

  it("lists every reference in REF except the demo placeholder", () => {
    const missing = Object.entries(REF)
      .filter(([key, ref]) => key !== "demo" && !CLAUSES.some((c) => c.document === ref.document && c.clause === ref.clause))
      .map(([key]) => key);
    expect(missing, "add these REF entries to rules/parameters/clauses.ts").toEqual([]);
  });

  it("titles national clauses only by REF keys that exist", () => {
    expect(Object.keys(NATIONAL_TITLES).filter((key) => !(key in REF))).toEqual([]);
  });

  it("leaves no city reference unlisted (a clause string that does not match the text's numbering)", () => {
    expect(trace.unlisted.filter((r) => r.kind === "city").map((r) => `${r.document} ${r.clause}`)).toEqual([]);
  });
});

describe("traceClauses", () => {
  it("reports a clause nothing cites as not cited", () => {
    const synthetic: Clause = { document: ALAR_PLAN, clause: "九（九）第99条", kind: "city", title: { zh: "虚构条款", en: "A made-up clause" } };
    const row = rowOf(traceWith([], [...CLAUSES, synthetic]).rows, synthetic);
    expect(row).toMatchObject({ status: "not cited", measures: [], conditions: [], parameters: [], scenarios: [] });
  });

  it("reports cited clauses without scenarios as cited, no scenario", () => {
    const row = rowOf(traceWith([]).rows, REF.alar16);
    expect(row?.status).toBe("cited, no scenario");
    expect(row?.conditions).toContain("soe.assessment_exemption/soe.within_years");
  });

  it("attributes a scenario to the clauses of the conditions and parameter values it exercised", () => {
    const days = BUILT_IN_PARAMETERS.values.find((v) => v.parameter === "pricing.days_per_month" && v.jurisdiction === "CN");
    if (!days) throw new Error("pricing.days_per_month@CN missing");
    const exercises: ScenarioExercise[] = [
      { name: "synthetic: SOE within 7 years", measure: "soe.assessment_exemption", conditions: ["soe.within_years"], parameters: [] },
      { name: "synthetic: cap read", measure: "pricing.guided_price", conditions: [], parameters: [{ id: days.parameter, jurisdiction: days.jurisdiction, effectiveFrom: days.effectiveFrom }] },
      // The same leaf id under another measure is another condition.
      { name: "synthetic: other measure", measure: "filing.complete", conditions: ["soe.within_years"], parameters: [] },
    ];
    const { rows } = traceWith(exercises);
    expect(rowOf(rows, REF.alar16)).toMatchObject({ status: "covered", scenarios: ["synthetic: SOE within 7 years"], scenariosByMeasure: [{ measure: "soe.assessment_exemption", count: 1 }] });
    expect(rowOf(rows, REF.workdays)).toMatchObject({ status: "covered", scenarios: ["synthetic: cap read"] });
    expect(rowOf(rows, REF.bengbu7)?.status).toBe("cited, no scenario");
  });

  it("reports a reference the clause list lacks as unlisted", () => {
    const withoutBengbu7 = CLAUSES.filter((c) => !(c.document === REF.bengbu7.document && c.clause === REF.bengbu7.clause));
    const t = traceWith([], withoutBengbu7);
    expect(rowOf(t.unlisted, REF.bengbu7)).toMatchObject({ kind: "city", status: "cited, no scenario" });
    expect(t.summary.clauses).toBe(CLAUSES.length - 1);
  });
});

describe("exerciseScenarios", () => {
  it("records the traced conditions and the parameter values read", () => {
    const scenario = scenarios.find((s) => s.measure === "soe.assessment_exemption" && (s.snapshot as { jurisdiction: string }).jurisdiction === "659002" && s.expect.status === "eligible");
    if (!scenario) throw new Error("no eligible 阿拉尔 SOE scenario");
    const [exercise] = exerciseScenarios([scenario]);
    expect(exercise.name).toBe(`soe.assessment_exemption: ${scenario.statement}`);
    expect(exercise.conditions).toContain("soe.within_years");
    expect(exercise.parameters.map((p) => `${p.id}@${p.jurisdiction}`)).toEqual(expect.arrayContaining(["measure.soe.assessment_exemption.enabled@659002", "soe.exemption_years@659002"]));
  });

  it("records only the in-force switch for a measure not in force", () => {
    const scenario = scenarios.find((s) => s.measure === "soe.assessment_exemption");
    if (!scenario) throw new Error("no SOE scenario");
    const [exercise] = exerciseScenarios([{ ...scenario, snapshot: { ...(scenario.snapshot as object), jurisdiction: "340302" } }]);
    expect(exercise).toMatchObject({ conditions: [], parameters: [] });
  });

  it("names every loaded scenario uniquely", () => {
    const names = exerciseScenarios(scenarios).map((e) => e.name);
    expect(new Set(names).size).toBe(scenarios.length);
  });
});

describe("npm run rules -- trace-clauses", () => {
  const cli = (args: string[]) => spawnSync("node_modules/.bin/tsx", ["rules/cli.ts", ...args], { encoding: "utf8", cwd: ROOT, timeout: 60_000 });

  it("prints the table as JSON with --format json", () => {
    const r = cli(["trace-clauses", "--format", "json"]);
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as { summary: { clauses: number }; rows: TraceRow[]; unlisted: TraceRow[] };
    expect(out.rows.length).toBe(CLAUSES.length);
    expect(out.summary.clauses).toBe(CLAUSES.length);
    expect(out.rows.find((row) => row.clause === REF.alar15.clause)?.measures.length).toBeGreaterThan(0);
  });

  it("refuses an unknown format with the errors JSON", () => {
    const r = cli(["trace-clauses", "--format", "csv"]);
    expect(r.status).toBe(2);
    const body = JSON.parse(r.stdout) as { errors: { message: { zh: string; en: string } }[] };
    expect(body.errors[0].message.en).toContain("--format");
  });

  it("refuses, with the errors JSON, when run where there are no scenario files", () => {
    const r = spawnSync(join(ROOT, "node_modules/.bin/tsx"), [join(ROOT, "rules/cli.ts"), "trace-clauses"], { encoding: "utf8", cwd: tmpdir(), timeout: 60_000 });
    expect(r.status).toBe(2);
    expect(`${r.stdout}${r.stderr}`).not.toMatch(/\n\s+at .+:\d+:\d+/);
    expect((JSON.parse(r.stdout) as { errors: unknown[] }).errors.length).toBeGreaterThan(0);
  });
});
