// The clause traceability table (`npm run rules -- trace-clauses`, output in rules/trace-clauses.md):
// for every listed clause, the measures whose legal basis cites it, the conditions (leaves) and
// parameter values that cite it, and the scenarios that exercise those conditions or values.
// Pure: the scenarios come in as data (the CLI reads the YAML files); evaluating them is evaluate().
//
// A scenario exercises:
//   - condition `measure/leaf` when that leaf appears, with any result, in the `conditions` of the
//     determination of the scenario's own measure (a leaf that does not apply is left out of the trace,
//     and a measure not in force or outside its subject evaluates none of its tree);
//   - a built-in parameter value (id, jurisdiction, effectiveFrom) when the determination resolved that
//     value and something evaluated reads it: the in-force switch always; a leaf's declared parameters
//     when the leaf is in the trace; the amount/details parameters when the measure is in force and the
//     facility inside its subject.
// Status: covered = some scenario exercises one of the clause's conditions or values; cited, no
// scenario = cited (legal basis, condition or value) but never exercised; not cited = nothing cites it.

import { evaluate, type Determination } from "./engine/evaluate";
import type { GroupDefinition, LeafDefinition, MeasureDefinition } from "./engine/measure";
import type { ParameterValue } from "./engine/parameters";
import type { Reference, Text } from "./engine/types";
import { MEASURES } from "./measures/list";
import { CLAUSES, DOCUMENT_NAMES_EN, type Clause, type ClauseKind } from "./parameters/clauses";
import { BUILT_IN_PARAMETERS } from "./parameters/table";
import { parseSnapshot } from "./snapshot";

export type TraceStatus = "covered" | "cited, no scenario" | "not cited";

export type TraceRow = {
  document: string;
  clause: string;
  title?: Text;
  kind: ClauseKind;
  /** Measure ids whose legalBasis cites the clause. */
  measures: string[];
  /** "measure/leafId" of the leaves (subject included) whose references cite it. */
  conditions: string[];
  /** "parameter@jurisdiction" of the built-in values citing it ("…@CN from 2026-01-01" when one has several values there). */
  parameters: string[];
  /** Names of the scenarios exercising any of those conditions or values, in scenario order. */
  scenarios: string[];
  /** The same scenarios counted by the measure whose file they are in. */
  scenariosByMeasure: { measure: string; count: number }[];
  status: TraceStatus;
};

export type ClauseTrace = {
  summary: { clauses: number; covered: number; citedNoScenario: number; notCited: number; unlisted: number };
  rows: TraceRow[];
  /** References the rules cite that are not in the clause list (kind "national" unless a city text's). */
  unlisted: TraceRow[];
};

/** What one scenario exercised (see the header for the definition). */
export type ScenarioExercise = {
  name: string;
  measure: string;
  conditions: readonly string[];
  parameters: readonly { id: string; jurisdiction: string; effectiveFrom: string }[];
};

/** A scenario as the loader gives it (test/rules/scenario-loader.ts). */
export type ScenarioInput = { measure: string; statement: string; snapshot: unknown; date?: string; localParameters?: ParameterValue[] };

function leavesOf(measure: MeasureDefinition): LeafDefinition[] {
  const out: LeafDefinition[] = measure.subject ? [measure.subject] : [];
  const visit = (node: LeafDefinition | GroupDefinition): void => {
    if (node.kind === "leaf") out.push(node);
    else node.children.forEach(visit);
  };
  visit(measure.tree);
  return out;
}

/** Parameter ids the evaluation of `measure` actually read, given its determination. */
function parametersRead(measure: MeasureDefinition, d: Determination): Set<string> {
  const ids = new Set([measure.inForce.parameter]);
  if (d.status === "not_applicable" && d.reason === "not_in_force") return ids;
  const leaves = new Map(leavesOf(measure).map((leaf) => [leaf.id, leaf]));
  for (const c of d.conditions) for (const id of leaves.get(c.id)?.parameters ?? []) ids.add(id);
  if (d.status !== "not_applicable") for (const id of measure.parameters ?? []) ids.add(id);
  return ids;
}

/** Evaluates each scenario (as the scenario runner does) and records what it exercised. Throws on a refused snapshot. */
export function exerciseScenarios(scenarios: readonly ScenarioInput[], measures: readonly MeasureDefinition[] = MEASURES): ScenarioExercise[] {
  const seen = new Map<string, number>();
  return scenarios.map((s) => {
    const base = `${s.measure}: ${s.statement}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    const name = n === 1 ? base : `${base} (${n})`;
    const measure = measures.find((m) => m.id === s.measure);
    if (!measure) throw new Error(`${name}: unknown measure ${s.measure}`);
    const parsed = parseSnapshot(s.snapshot);
    if (!parsed.ok) throw new Error(`${name}: snapshot refused: ${JSON.stringify(parsed.errors)}`);
    const evaluation = evaluate(parsed.snapshot, { asOf: s.date, localParameters: s.localParameters });
    const d = evaluation.determinations.find((x) => x.measure === s.measure);
    if (!d) throw new Error(`${name}: ${s.measure} missing from the evaluation`);
    const read = parametersRead(measure, d);
    return {
      name,
      measure: s.measure,
      conditions: d.conditions.map((c) => c.id),
      parameters: d.parameters.filter((p) => !p.local && read.has(p.id)).map((p) => ({ id: p.id, jurisdiction: p.jurisdiction, effectiveFrom: p.effectiveFrom })),
    };
  });
}

const keyOf = (ref: Reference): string => `${ref.document}\u0000${ref.clause}`;
const valueKey = (id: string, jurisdiction: string, from: string): string => `${id}@${jurisdiction}@${from}`;

type Citations = { document: string; clause: string; measures: string[]; conditions: string[]; parameters: string[]; valueKeys: string[] };

function push(list: string[], item: string): void {
  if (!list.includes(item)) list.push(item);
}

export function traceClauses(input: {
  clauses: readonly Clause[];
  measures: readonly MeasureDefinition[];
  parameterValues: readonly ParameterValue[];
  scenarios: readonly ScenarioExercise[];
}): ClauseTrace {
  const cited = new Map<string, Citations>();
  const at = (ref: Reference): Citations => {
    let c = cited.get(keyOf(ref));
    if (!c) cited.set(keyOf(ref), (c = { document: ref.document, clause: ref.clause, measures: [], conditions: [], parameters: [], valueKeys: [] }));
    return c;
  };
  for (const measure of input.measures) {
    for (const ref of measure.legalBasis) push(at(ref).measures, measure.id);
    for (const leaf of leavesOf(measure)) for (const ref of leaf.references) push(at(ref).conditions, `${measure.id}/${leaf.id}`);
  }
  const perSlot = new Map<string, number>();
  for (const v of input.parameterValues) perSlot.set(`${v.parameter}@${v.jurisdiction}`, (perSlot.get(`${v.parameter}@${v.jurisdiction}`) ?? 0) + 1);
  for (const v of input.parameterValues) {
    const slot = `${v.parameter}@${v.jurisdiction}`;
    const c = at(v.reference);
    push(c.parameters, (perSlot.get(slot) ?? 0) > 1 ? `${slot} from ${v.effectiveFrom}` : slot);
    push(c.valueKeys, valueKey(v.parameter, v.jurisdiction, v.effectiveFrom));
  }

  // Which scenarios exercise each condition and each value.
  const byCondition = new Map<string, Set<number>>();
  const byValue = new Map<string, Set<number>>();
  const add = (map: Map<string, Set<number>>, key: string, i: number): void => {
    let set = map.get(key);
    if (!set) map.set(key, (set = new Set()));
    set.add(i);
  };
  input.scenarios.forEach((s, i) => {
    for (const id of s.conditions) add(byCondition, `${s.measure}/${id}`, i);
    for (const p of s.parameters) add(byValue, valueKey(p.id, p.jurisdiction, p.effectiveFrom), i);
  });

  const row = (document: string, clause: string, kind: ClauseKind, title: Text | undefined, c: Citations | undefined): TraceRow => {
    const hits = new Set<number>();
    for (const id of c?.conditions ?? []) for (const i of byCondition.get(id) ?? []) hits.add(i);
    for (const key of c?.valueKeys ?? []) for (const i of byValue.get(key) ?? []) hits.add(i);
    const chosen = [...hits].sort((a, b) => a - b).map((i) => input.scenarios[i]);
    const counts = new Map<string, number>();
    for (const s of chosen) counts.set(s.measure, (counts.get(s.measure) ?? 0) + 1);
    const isCited = Boolean(c && (c.measures.length || c.conditions.length || c.parameters.length));
    return {
      document,
      clause,
      ...(title ? { title } : {}),
      kind,
      measures: c?.measures ?? [],
      conditions: c?.conditions ?? [],
      parameters: c?.parameters ?? [],
      scenarios: chosen.map((s) => s.name),
      scenariosByMeasure: [...counts].map(([measure, count]) => ({ measure, count })),
      status: chosen.length ? "covered" : isCited ? "cited, no scenario" : "not cited",
    };
  };

  const listed = new Set(input.clauses.map(keyOf));
  const cityDocuments = new Set(input.clauses.filter((c) => c.kind === "city").map((c) => c.document));
  const rows = input.clauses.map((c) => row(c.document, c.clause, c.kind, c.title, cited.get(keyOf(c))));
  const unlisted = [...cited.entries()]
    .filter(([key]) => !listed.has(key))
    .map(([, c]) => row(c.document, c.clause, cityDocuments.has(c.document) ? "city" : "national", undefined, c));
  const count = (status: TraceStatus): number => rows.filter((r) => r.status === status).length;
  return {
    summary: { clauses: rows.length, covered: count("covered"), citedNoScenario: count("cited, no scenario"), notCited: count("not cited"), unlisted: unlisted.length },
    rows,
    unlisted,
  };
}

/** The table for the built-in clauses, measures and parameters over the given scenarios. */
export function buildClauseTrace(scenarios: readonly ScenarioInput[]): ClauseTrace {
  return traceClauses({ clauses: CLAUSES, measures: MEASURES, parameterValues: BUILT_IN_PARAMETERS.values, scenarios: exerciseScenarios(scenarios) });
}

const STATUS_LABEL: Record<TraceStatus, string> = {
  covered: "有情景覆盖 (covered)",
  "cited, no scenario": "有引用、无情景 (cited, no scenario)",
  "not cited": "未引用 (not cited)",
};

function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

function codes(items: readonly string[]): string {
  return items.length ? items.map((i) => `\`${cell(i)}\``).join("<br>") : "—";
}

function tableOf(rows: readonly TraceRow[], withTitle: boolean): string[] {
  const head = withTitle
    ? ["| 条款 (Clause) | 标题 (Title) | 状态 (Status) | 措施 (Measures) | 条件 (Conditions) | 参数 (Parameters) | 情景 (Scenarios) |", "|---|---|---|---|---|---|---|"]
    : ["| 条款 (Clause) | 状态 (Status) | 措施 (Measures) | 条件 (Conditions) | 参数 (Parameters) | 情景 (Scenarios) |", "|---|---|---|---|---|---|"];
  return [
    ...head,
    ...rows.map((r) => {
      const scenarios = r.scenarios.length ? `${r.scenarios.length}: ${r.scenariosByMeasure.map((s) => `\`${s.measure}\` ×${s.count}`).join(", ")}` : "—";
      const title = r.title ? `${cell(r.title.zh)} (${cell(r.title.en)})` : "";
      const cells = [cell(r.clause), ...(withTitle ? [title] : []), STATUS_LABEL[r.status], codes(r.measures), codes(r.conditions), codes(r.parameters), scenarios];
      return `| ${cells.join(" | ")} |`;
    }),
  ];
}

function documentHeading(level: string, document: string): string {
  const en = DOCUMENT_NAMES_EN[document];
  return `${level} ${document}${en ? ` (${en})` : ""}`;
}

export function summaryLine(trace: ClauseTrace): string {
  const s = trace.summary;
  return `${s.clauses} clauses: ${s.covered} covered, ${s.citedNoScenario} cited without a scenario, ${s.notCited} not cited; ${s.unlisted} unlisted references.`;
}

/** Markdown for rules/trace-clauses.md: a summary, then one table per document (city texts first). */
export function formatTraceMarkdown(trace: ClauseTrace): string {
  const s = trace.summary;
  const lines: string[] = [
    "# 条款追溯表 (Clause traceability)",
    "",
    "<!-- Generated: npm run -s rules -- trace-clauses > rules/trace-clauses.md — do not edit by hand. -->",
    "",
    `**${summaryLine(trace)}**`,
    "",
    `共 ${s.clauses} 条：有情景覆盖 ${s.covered} 条，有引用、无情景 ${s.citedNoScenario} 条，未引用 ${s.notCited} 条；未列入清单的引用 ${s.unlisted} 条。`,
    "",
    "Clauses: every numbered clause of the two city texts and every national clause the rules cite (`rules/parameters/clauses.ts`).",
    "Measures cite a clause in their legal basis; conditions (`measure/leaf`) and built-in parameter values (`parameter@jurisdiction`) in their references.",
    "A scenario (`test/rules/scenarios/*.yaml`) exercises a condition when the leaf is in its measure's evaluated trace (any result),",
    "and a parameter value when its evaluation resolved that value and read it (in-force switch, a traced leaf's parameters, or the amount/details).",
    "Scenario counts are by scenario file; `npm run rules -- trace-clauses --format json` names every scenario.",
  ];
  const kinds: { kind: ClauseKind; heading: string }[] = [
    { kind: "city", heading: "" },
    { kind: "national", heading: "## 国家及其他文件 (National and other texts)" },
  ];
  for (const { kind, heading } of kinds) {
    const rows = trace.rows.filter((r) => r.kind === kind);
    if (heading) lines.push("", heading);
    const documents = [...new Set(rows.map((r) => r.document))];
    for (const document of documents) {
      lines.push("", documentHeading(kind === "city" ? "##" : "###", document), "", ...tableOf(rows.filter((r) => r.document === document), true));
    }
  }
  lines.push("", "## 未列入清单的引用 (Unlisted references)", "");
  if (trace.unlisted.length === 0) lines.push("None: every reference the rules cite is a listed clause.");
  else {
    lines.push("References the rules cite that are not clauses in the list (placeholders such as 示例值, or a clause string that does not match the list).");
    for (const document of [...new Set(trace.unlisted.map((r) => r.document))]) {
      lines.push("", documentHeading("###", document), "", ...tableOf(trace.unlisted.filter((r) => r.document === document), false));
    }
  }
  return `${lines.join("\n")}\n`;
}
