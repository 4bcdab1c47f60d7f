import { describe, expect, it } from "vitest";
import { evaluateRequest, parametersRequest } from "../../rules/request";
import { MEASURE_IDS } from "../../rules/measures/list";

const body = { jurisdiction: "659002", operator: {}, facility: {}, filing: {} };

describe("evaluateRequest (the HTTP route's one-liner)", () => {
  it("returns 200 with every measure, dated today when neither option nor snapshot gives a date", () => {
    const response = evaluateRequest(body, { today: "2026-03-01" });
    expect(response.status).toBe(200);
    if (response.status !== 200) return;
    expect(response.body.asOf).toBe("2026-03-01");
    expect(response.body.determinations.map((d) => d.measure)).toEqual(MEASURE_IDS);
    expect(response.body.localParametersVersion).toBeNull();
  });

  it("prefers the asOf option, then the snapshot's asOf, then today", () => {
    const a = evaluateRequest({ ...body, asOf: "2026-04-01" }, { today: "2026-03-01" });
    const b = evaluateRequest({ ...body, asOf: "2026-04-01" }, { today: "2026-03-01", asOf: "2026-05-01" });
    expect(a.status === 200 && a.body.asOf).toBe("2026-04-01");
    expect(b.status === 200 && b.body.asOf).toBe("2026-05-01");
  });

  it("returns 400 with errors for malformed JSON text, a bad snapshot and a bad date", () => {
    expect(evaluateRequest("{oops", { today: "2026-03-01" }).status).toBe(400);
    const bad = evaluateRequest({ ...body, classes: [{ enrolled: -1 }] }, { today: "2026-03-01" });
    expect(bad).toMatchObject({ status: 400, body: { errors: [{ path: "classes[0].enrolled" }] } });
    expect(evaluateRequest(body, { today: "2026-03-01", asOf: "2026-02-30" })).toMatchObject({ status: 400, body: { errors: [{ path: "asOf" }] } });
  });

  it("returns 400 for local parameters without a reference", () => {
    const response = evaluateRequest(body, {
      today: "2026-03-01",
      localParameters: [{ parameter: "soe.exemption_years", jurisdiction: "659002", effectiveFrom: "2026-01-01", value: 8 } as never],
    });
    expect(response.status).toBe(400);
    if (response.status === 400) expect(response.body.errors[0].message.en).toMatch(/reference/);
  });

  it("is deterministic: the same request gives the same Evaluation", () => {
    const a = evaluateRequest({ ...body, asOf: "2026-04-01" }, { today: "2026-03-01" });
    const b = evaluateRequest(JSON.stringify({ ...body, asOf: "2026-04-01" }), { today: "2030-01-01" });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });
});

describe("parametersRequest", () => {
  it("lists the parameters in force with their jurisdiction and reference", () => {
    const response = parametersRequest("659002101", { today: "2026-03-01" });
    expect(response.status).toBe(200);
    if (response.status !== 200) return;
    const soe = response.body.parameters.find((p) => p.id === "soe.exemption_years");
    expect(soe).toMatchObject({ value: 7, jurisdiction: "659002", provisional: true });
  });

  it("refuses an unknown jurisdiction", () => {
    expect(parametersRequest("000000", { today: "2026-03-01" }).status).toBe(400);
  });
});
