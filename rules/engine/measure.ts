// Measures as data plus small test functions: a condition tree of `all`/`any`/`not` groups over leaves,
// evaluated with the three-valued logic of RULES.md. Each leaf reports what it read (facts), the
// parameters and references behind it, a concrete fix when unmet and the missing fact paths when unknown.

import type { Snapshot } from "../snapshot";
import type { ResolvedParameter } from "./parameters";
import type { Reference, Result, Text } from "./types";

export type Facts = Record<string, unknown>;

/** What a leaf's test returns. `fix` matters when unmet, `missing` when unknown. */
export type Outcome = { result: Result; facts: Facts; fix?: Text; missing?: string[] };

/** Everything a leaf may read: the snapshot, the date it is judged on, and the parameters in force then. */
export type Context = {
  snapshot: Snapshot;
  date: string;
  jurisdiction: string;
  params: Readonly<Record<string, ResolvedParameter | undefined>>;
  /** Trees already evaluated in this context (a measure's tree is shared with measures that depend on it). */
  trees: Record<string, TreeEvaluation | undefined>;
  /** Derived values shared between measures within one evaluation (fee caps, inclusive standing). */
  memo: Record<string, unknown>;
  /**
   * Values that depend only on the parameters and the date (not on the snapshot), shared by every
   * evaluation with the same resolution — e.g. the guided-price cap table. Treat entries as immutable.
   */
  shared: Record<string, unknown>;
};

export type LeafDefinition = {
  kind: "leaf";
  id: string;
  title: Text;
  references: readonly Reference[];
  /** Parameter ids the test reads, reported in the determination's `parameters`. */
  parameters: readonly string[];
  /**
   * Whether the leaf applies to this facility: false → left out of the trace and of the combination;
   * undefined (a fact deciding it is unknown) → the leaf counts only if met, else it is unknown.
   */
  appliesWhen?: (ctx: Context) => boolean | undefined;
  /** Fact paths that decide applicability, reported as missing when it is unknown. */
  applicabilityFacts?: readonly string[];
  test: (ctx: Context) => Outcome;
};

export type GroupOperator = "all" | "any" | "not";

export type GroupDefinition = {
  kind: GroupOperator;
  id: string;
  children: readonly (LeafDefinition | GroupDefinition)[];
};

export type ConditionTrace = {
  id: string;
  group: string;
  title: Text;
  result: Result;
  facts: Facts;
  fix: Text | null;
  missing: string[];
  references: readonly Reference[];
};

export type GroupTrace = { id: string; op: GroupOperator; parent: string | null; result: Result };

export type TreeEvaluation = {
  result: Result;
  conditions: ConditionTrace[];
  groups: GroupTrace[];
  missing: string[];
};

export type MeasureOutcome = { amountFen: number | null; details: Facts };

export type MeasureDefinition = {
  id: string;
  title: Text;
  legalBasis: readonly Reference[];
  monetary: boolean;
  /** In force when this parameter resolves to `true` ("flag") or resolves at all ("present"). */
  inForce: { parameter: string; when: "flag" | "present" };
  /** The day the measure is judged on when it is not the evaluation date (subsidy: end of the period). */
  judgedOn?: (snapshot: Snapshot, asOf: string) => string | undefined;
  subject?: LeafDefinition;
  tree: GroupDefinition;
  /** Parameters read by `outcome` (amounts and details) beyond the leaves'. */
  parameters?: readonly string[];
  /** Amount and details; called when the measure is in force and the facility not outside its subject. */
  outcome?: (ctx: Context, tree: TreeEvaluation) => MeasureOutcome;
};

const SKIP = 0;

// Shared empty list for conditions with nothing missing: most leaves, and allocation showed in profiles.
const NONE: string[] = Object.freeze([]) as unknown as string[];

function pushMissing(target: string[], paths: readonly string[] | undefined): void {
  if (!paths) return;
  for (const path of paths) if (!target.includes(path)) target.push(path);
}

/** Evaluates one leaf into a trace entry; null when the leaf does not apply. */
export function evaluateLeaf(leaf: LeafDefinition, ctx: Context, group: string): ConditionTrace | null {
  const applies = leaf.appliesWhen ? leaf.appliesWhen(ctx) : true;
  if (applies === false) return null;
  const outcome = leaf.test(ctx);
  let result = outcome.result;
  let missing = outcome.missing ?? NONE;
  let fix = result === "unmet" ? (outcome.fix ?? null) : null;
  if (applies === undefined && result !== "met") {
    // We cannot tell whether this requirement binds the facility, and it is not met: unknown.
    result = "unknown";
    fix = null;
    missing = missing.slice();
    pushMissing(missing, leaf.applicabilityFacts);
  }
  return { id: leaf.id, group, title: leaf.title, result, facts: outcome.facts, fix, missing, references: leaf.references };
}

function evaluateNode(
  node: LeafDefinition | GroupDefinition,
  ctx: Context,
  parent: string | null,
  out: TreeEvaluation,
): Result | typeof SKIP {
  if (node.kind === "leaf") {
    const trace = evaluateLeaf(node, ctx, parent ?? "all");
    if (!trace) return SKIP;
    out.conditions.push(trace);
    if (trace.result === "unknown") pushMissing(out.missing, trace.missing);
    return trace.result;
  }
  const groupTrace: GroupTrace = { id: node.id, op: node.kind, parent, result: "met" };
  out.groups.push(groupTrace);
  let met = 0;
  let unmet = 0;
  let unknown = 0;
  for (const child of node.children) {
    const r = evaluateNode(child, ctx, node.id, out);
    if (r === "met") met++;
    else if (r === "unmet") unmet++;
    else if (r === "unknown") unknown++;
  }
  let result: Result;
  if (node.kind === "all") result = unmet ? "unmet" : unknown ? "unknown" : "met";
  else if (node.kind === "any") result = met ? "met" : unknown ? "unknown" : "unmet";
  else result = unknown ? "unknown" : met ? "unmet" : "met";
  groupTrace.result = result;
  return result;
}

/** Evaluates a measure's condition tree once per context (measures that depend on it reuse the result). */
export function evaluateTree(ctx: Context, measure: MeasureDefinition): TreeEvaluation {
  const cached = ctx.trees[measure.id];
  if (cached) return cached;
  const out: TreeEvaluation = { result: "met", conditions: [], groups: [], missing: [] };
  const r = evaluateNode(measure.tree, ctx, null, out);
  out.result = r === SKIP ? "met" : r;
  ctx.trees[measure.id] = out;
  return out;
}

/** All parameter ids a measure may read (leaves, subject, outcome, in-force switch), in a stable order. */
export function measureParameterIds(measure: MeasureDefinition): string[] {
  const ids: string[] = [measure.inForce.parameter];
  const visit = (node: LeafDefinition | GroupDefinition): void => {
    if (node.kind === "leaf") {
      for (const id of node.parameters) if (!ids.includes(id)) ids.push(id);
      return;
    }
    for (const child of node.children) visit(child);
  };
  if (measure.subject) visit(measure.subject);
  visit(measure.tree);
  for (const id of measure.parameters ?? []) if (!ids.includes(id)) ids.push(id);
  return ids;
}

/** The declarative part of a measure (no functions), as hashed into the rules version. */
export function describeMeasure(measure: MeasureDefinition): unknown {
  const describeNode = (node: LeafDefinition | GroupDefinition): unknown =>
    node.kind === "leaf"
      ? { leaf: node.id, title: node.title, references: node.references, parameters: node.parameters, applicabilityFacts: node.applicabilityFacts ?? [] }
      : { op: node.kind, id: node.id, children: node.children.map(describeNode) };
  return {
    id: measure.id,
    title: measure.title,
    legalBasis: measure.legalBasis,
    monetary: measure.monetary,
    inForce: measure.inForce,
    judgedOnOtherDay: Boolean(measure.judgedOn),
    subject: measure.subject ? describeNode(measure.subject) : null,
    tree: describeNode(measure.tree),
    parameters: measure.parameters ?? [],
  };
}
