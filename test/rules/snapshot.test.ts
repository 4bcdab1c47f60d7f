import { describe, expect, it } from "vitest";
import { parseSnapshot, parseSnapshotJson } from "../../rules/snapshot";

const minimal = { jurisdiction: "340321", operator: {}, facility: {}, filing: {} };

function errorsOf(input: unknown): { path: string; message: { zh: string; en: string } }[] {
  const result = parseSnapshot(input);
  if (result.ok) throw new Error("expected a refusal");
  return result.errors;
}

describe("snapshot schema", () => {
  it("accepts the minimal snapshot: everything else is unknown", () => {
    const result = parseSnapshot(minimal);
    expect(result.ok).toBe(true);
  });

  it("ignores unknown extra fields", () => {
    const result = parseSnapshot({ ...minimal, somethingElse: 1, operator: { colour: "red" } });
    expect(result.ok && result.snapshot).toEqual(minimal);
  });

  it("keeps null where null has a meaning (open-ended lease, no expiry)", () => {
    const result = parseSnapshot({ ...minimal, facility: { premises: { tenure: "leased", leaseStartsOn: "2024-01-01", leaseEndsOn: null } } });
    expect(result.ok && result.snapshot.facility.premises?.leaseEndsOn).toBeNull();
  });

  it.each(["jurisdiction", "operator", "facility", "filing"])("refuses a snapshot without %s", (key) => {
    const input: Record<string, unknown> = { ...minimal };
    delete input[key];
    expect(errorsOf(input)).toEqual([{ path: key, message: { zh: `缺少必填项：${key}`, en: `Required: ${key}` } }]);
  });

  it("refuses an unknown jurisdiction code", () => {
    expect(errorsOf({ ...minimal, jurisdiction: "110105" })[0]).toMatchObject({ path: "jurisdiction", message: { en: "Unknown jurisdiction code: 110105" } });
  });

  it("refuses an enum value not listed, naming the item by index", () => {
    const errors = errorsOf({ ...minimal, staff: [{}, {}, {}, { role: "principal" }] });
    expect(errors[0].path).toBe("staff[3].role");
    expect(errors[0].message.en).toMatch(/Not an allowed value: principal; allowed: director/);
    expect(errors[0].message.zh).toMatch(/取值无效：principal/);
  });

  it("refuses an impossible date with a human message in both languages", () => {
    expect(errorsOf({ ...minimal, facility: { openedOn: "2026-02-30" } })).toEqual([
      { path: "facility.openedOn", message: { zh: "日期不存在：2026-02-30", en: "No such date: 2026-02-30" } },
    ]);
    expect(errorsOf({ ...minimal, asOf: "01/03/2026" })[0].message.en).toMatch(/YYYY-MM-DD/);
    expect(errorsOf({ ...minimal, enrolment: { period: "2026-13" } })[0].path).toBe("enrolment.period");
  });

  it("refuses negative counts and amounts", () => {
    const errors = errorsOf({ ...minimal, classes: [{ type: "toddler", enrolled: -1, caregivers: 1 }], fees: [{ amountFen: -5 }], facility: { totalSlots: -3 } });
    expect(errors.map((e) => e.path).sort()).toEqual(["classes[0].enrolled", "facility.totalSlots", "fees[0].amountFen"]);
    expect(errors[0].message.zh).toMatch(/不能为负数/);
  });

  it("refuses a value of the wrong type and a fractional count", () => {
    const errors = errorsOf({ ...minimal, facility: { mealsProvided: "yes", totalSlots: 2.5 } });
    expect(errors.map((e) => e.path)).toEqual(["facility.totalSlots", "facility.mealsProvided"]);
    expect(errors[1].message.en).toBe("Expected true or false, got string");
  });

  it("refuses a USCC of the wrong shape but accepts a wrong check character (the conditions judge that)", () => {
    expect(errorsOf({ ...minimal, operator: { uscc: "91310000631696382" } })[0].path).toBe("operator.uscc");
    expect(parseSnapshot({ ...minimal, operator: { uscc: "91310000631696382D" } }).ok).toBe(true);
  });

  it("refuses malformed JSON and a body that is not an object", () => {
    const result = parseSnapshotJson("{oops");
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0].message.en).toMatch(/^Malformed JSON/);
    expect(errorsOf([1, 2])[0].message.en).toBe("A snapshot must be a JSON object");
  });
});
