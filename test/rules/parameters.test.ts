import { describe, expect, it } from "vitest";
import { evaluate } from "../../rules/engine/evaluate";
import { loadLocalParameters, loadParameterTable, ParameterTableError, resolveParameters, type ParameterDefinition, type ParameterValue } from "../../rules/engine/parameters";
import { JURISDICTIONS, isWithin } from "../../rules/jurisdictions";
import { feeCap } from "../../rules/measures/common";
import { BUILT_IN_PARAMETERS } from "../../rules/parameters/table";
import { CLASS_TYPES, SERVICE_TYPES, parseSnapshot, type Snapshot } from "../../rules/snapshot";
import type { Context } from "../../rules/engine/measure";

const definitions: ParameterDefinition[] = [{ id: "x.rate", kind: "number", unit: "fen", description: { zh: "测试", en: "test" } }];
const reference = { document: "测试文件", clause: "第一条" };

function value(overrides: Partial<ParameterValue>): ParameterValue {
  return { parameter: "x.rate", jurisdiction: "340300", effectiveFrom: "2026-01-01", value: 1, reference, ...overrides };
}

function problemsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (error) {
    if (error instanceof ParameterTableError) return error.problems;
    throw error;
  }
  return [];
}

describe("loading a parameter table", () => {
  it("refuses a value without a reference", () => {
    const problems = problemsOf(() => loadParameterTable(definitions, [value({ reference: undefined as never })]));
    expect(problems.join("\n")).toMatch(/no reference/);
  });

  it("refuses a value whose reference has an empty clause", () => {
    expect(problemsOf(() => loadParameterTable(definitions, [value({ reference: { document: "文件", clause: " " } })]))).toHaveLength(1);
  });

  it("refuses two values of one parameter and jurisdiction whose date ranges overlap", () => {
    const problems = problemsOf(() =>
      loadParameterTable(definitions, [value({ effectiveFrom: "2026-01-01", effectiveTo: "2026-06-30" }), value({ effectiveFrom: "2026-06-30", value: 2 })]),
    );
    expect(problems.join("\n")).toMatch(/overlaps/);
  });

  it("refuses an open-ended value followed by a later one", () => {
    expect(problemsOf(() => loadParameterTable(definitions, [value({}), value({ effectiveFrom: "2027-01-01" })])).join()).toMatch(/overlaps/);
  });

  it("accepts adjacent ranges and the same dates in different jurisdictions", () => {
    const table = loadParameterTable(definitions, [
      value({ effectiveTo: "2026-06-30" }),
      value({ effectiveFrom: "2026-07-01", value: 2 }),
      value({ jurisdiction: "340321" }),
    ]);
    expect(resolveParameters(table, "340302", "2026-06-30").get("x.rate")?.value).toBe(1);
    expect(resolveParameters(table, "340302", "2026-07-01").get("x.rate")?.value).toBe(2);
  });

  it("refuses a value of the wrong kind, an unknown parameter, an unknown jurisdiction and an impossible date", () => {
    const problems = problemsOf(() =>
      loadParameterTable(definitions, [value({ value: "1" as never }), value({ parameter: "y", jurisdiction: "340302" }), value({ jurisdiction: "999999" }), value({ jurisdiction: "340303", effectiveFrom: "2026-02-30" })]),
    );
    expect(problems).toHaveLength(4);
  });

  it("loads the built-in table, every value cited", () => {
    expect(BUILT_IN_PARAMETERS.values.length).toBeGreaterThan(40);
    for (const v of BUILT_IN_PARAMETERS.values) expect(v.reference.document && v.reference.clause).toBeTruthy();
  });
});

describe("resolution along the jurisdiction chain", () => {
  it("takes the most specific jurisdiction's value in force on the date", () => {
    const table = loadParameterTable(definitions, [value({ jurisdiction: "CN", value: 1 }), value({ jurisdiction: "340300", value: 2 }), value({ jurisdiction: "340321", value: 3 })]);
    expect(resolveParameters(table, "340321", "2026-03-01").get("x.rate")?.value).toBe(3);
    expect(resolveParameters(table, "340302", "2026-03-01").get("x.rate")?.value).toBe(2);
    expect(resolveParameters(table, "659002", "2026-03-01").get("x.rate")?.value).toBe(1);
    expect(resolveParameters(table, "659002", "2025-12-31").get("x.rate")).toBeUndefined();
  });

  it("gives every jurisdiction of both cities a guided-price cap for every class × service pair", () => {
    const codes = JURISDICTIONS.filter((j) => isWithin(j.code, "340300") || isWithin(j.code, "659002")).map((j) => j.code);
    expect(codes.length).toBe(12);
    for (const code of codes) {
      const params = Object.fromEntries(resolveParameters(BUILT_IN_PARAMETERS, code, "2026-03-01"));
      const ctx = { snapshot: { operator: { ownership: "private" } }, params, shared: {}, memo: {}, trees: {} } as unknown as Context;
      for (const c of CLASS_TYPES) for (const s of SERVICE_TYPES) expect(feeCap(ctx, c, s)?.capFen, `${code} ${c} ${s}`).toBeGreaterThan(0);
    }
  });

  it("marks every city value provisional (the city texts state no effective dates)", () => {
    const city = BUILT_IN_PARAMETERS.values.filter((v) => v.jurisdiction !== "CN");
    expect(city.length).toBeGreaterThan(0);
    for (const v of city) expect(v.provisional, `${v.parameter}@${v.jurisdiction}`).toBe(true);
  });
});

const snapshot = (() => {
  const parsed = parseSnapshot({
    jurisdiction: "340321",
    asOf: "2026-05-01",
    operator: { ownership: "public" },
    facility: { kind: "standalone", totalSlots: 40 },
    filing: { status: "filed", filedOn: "2024-01-01" },
    inclusive: { status: "none" },
    staff: [],
    classes: [],
    enrolment: { period: "2026-04", approved: true, fullDayChildren: 10, subsidisedMonthsThisYear: 0 },
  });
  if (!parsed.ok) throw new Error("bad fixture");
  return parsed.snapshot as Snapshot;
})();

const localRate: ParameterValue = {
  parameter: "subsidy.operating.per_child_month_fen",
  jurisdiction: "340321",
  effectiveFrom: "2026-01-01",
  value: 25_000,
  reference: { document: "怀远县托育机构补助方案（示例）", clause: "第四条" },
};

describe("local parameters", () => {
  it("take precedence over built-in values at their jurisdiction", () => {
    const subsidy = (e: ReturnType<typeof evaluate>) => e.determinations.find((d) => d.measure === "subsidy.operating");
    const builtIn = subsidy(evaluate(snapshot));
    const local = subsidy(evaluate(snapshot, { localParameters: [localRate] }));
    expect(builtIn?.amountFen).toBe(200_000);
    expect(local?.amountFen).toBe(250_000);
    const used = local?.parameters.find((p) => p.id === "subsidy.operating.per_child_month_fen");
    expect(used).toMatchObject({ value: 25_000, jurisdiction: "340321", local: true, provisional: false });
  });

  it("set localParametersVersion, stable for the same values in any order and different when a value changes", () => {
    const other: ParameterValue = { ...localRate, parameter: "subsidy.operating.max_months_per_year", value: 12 };
    expect(evaluate(snapshot).localParametersVersion).toBeNull();
    const a = evaluate(snapshot, { localParameters: [localRate, other] }).localParametersVersion;
    const b = evaluate(snapshot, { localParameters: [{ ...other }, { ...localRate }] }).localParametersVersion;
    const c = evaluate(snapshot, { localParameters: [{ ...localRate, value: 25_001 }, other] }).localParametersVersion;
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(b).toBe(a);
    expect(c).not.toBe(a);
  });

  it("are refused without a reference or with overlapping ranges", () => {
    expect(problemsOf(() => loadLocalParameters(BUILT_IN_PARAMETERS, [{ ...localRate, reference: { document: "", clause: "" } }])).join()).toMatch(/reference/);
    expect(problemsOf(() => loadLocalParameters(BUILT_IN_PARAMETERS, [localRate, { ...localRate, effectiveFrom: "2026-03-01" }])).join()).toMatch(/overlaps/);
  });
});

// Issue #13 item 6: `provisional` says honestly how sure we are (DOMAIN.md's [text]/[reported]/[unverified]).
describe("honest provisional flags", () => {
  const values = BUILT_IN_PARAMETERS.values;
  const at = (id: string, from?: string) => values.filter((v) => v.parameter === id && v.jurisdiction === "CN" && (from === undefined || v.effectiveFrom === from));

  it("marks every value whose clause is not checked (条款号待核) provisional", () => {
    const unchecked = values.filter((v) => v.reference.clause.includes("条款号待核"));
    expect(unchecked.length).toBeGreaterThan(10);
    for (const v of unchecked) expect(v.provisional, `${v.parameter}@${v.jurisdiction} from ${v.effectiveFrom}`).toBe(true);
  });

  it("gives every provisional value a note saying why (a DOMAIN-style certainty tag, or demo)", () => {
    for (const v of values.filter((x) => x.provisional)) {
      expect(v.note, `${v.parameter}@${v.jurisdiction} from ${v.effectiveFrom}`).toMatch(/^(\[(text|reported|unverified|text\/reported)\]|demo$)/);
    }
  });

  it("flags the dates and conversions no text states", () => {
    for (const id of ["measure.filing.complete.enabled", "measure.utility.residential_price.enabled", "measure.employer.union_support.enabled", "pricing.days_per_month", "workforce.target_level"]) {
      expect(at(id).length, id).toBeGreaterThan(0);
      for (const v of at(id)) expect(v.provisional, id).toBe(true);
    }
  });

  it("makes the tax relief's two periods final: 76号 to 2025-12-31, extended by 2026年第7号 to 2027-12-31", () => {
    const periods = at("measure.tax.community_childcare_relief.enabled").map((v) => [v.effectiveFrom, v.effectiveTo, v.provisional === true, v.reference.document]);
    expect(periods).toEqual([
      ["2019-06-01", "2025-12-31", false, expect.stringContaining("2019年第76号")],
      ["2026-01-01", "2027-12-31", false, expect.stringContaining("2026年第7号")],
    ]);
  });

  it("lists heat with water, electricity and gas nationally, as 国办发〔2019〕15号 does, and no city narrows it without a text", () => {
    expect(at("utility.kinds")[0]?.value).toEqual(["water", "electricity", "gas", "heat"]);
    const bengbu = values.filter((v) => v.parameter === "utility.kinds" && v.jurisdiction === "340300");
    expect(bengbu).toEqual([]);
  });

  it("keeps the union amounts of different bases apart: the ACFTU's 2022 share, a per-unit minimum from 2023", () => {
    expect(values.some((v) => v.parameter === "union.caring_employer_award_fen")).toBe(false);
    expect(at("union.caring_employer_acftu_award_fen").map((v) => [v.effectiveFrom, v.effectiveTo, v.value])).toEqual([["2022-01-01", "2022-12-31", 10_000_000]]);
    expect(at("union.caring_employer_min_award_fen").map((v) => [v.effectiveFrom, v.effectiveTo ?? null, v.value, v.provisional === true])).toEqual([
      ["2023-01-01", "2023-12-31", 15_000_000, false],
      ["2024-01-01", null, 15_000_000, true],
    ]);
  });

  it("cites 未成年人保护法 第六十二条 for the yearly background check, in force with the 2021 revision", () => {
    expect(at("staff.background_check_valid_months")).toMatchObject([{ effectiveFrom: "2021-06-01", value: 12, reference: { clause: expect.stringContaining("第六十二条") } }]);
    expect(at("staff.background_check_valid_months")[0]?.provisional ?? false).toBe(false);
    expect(at("staff.health_check_interval_months")).toMatchObject([{ value: 12, provisional: true }]);
  });
});
