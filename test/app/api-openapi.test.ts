// The OpenAPI description of the public rules endpoints (issue #13 item 9) and GET /api/rules/parameters:
// the document is generated from the zod schemas, so it follows the snapshot schema and matches what the
// endpoints really answer.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeAppDb, setAppDb } from "../../db/client";
import { RULES_VERSION } from "../../rules/engine/evaluate";
import { PACKAGE_VERSION } from "../../rules/engine/version";
import { errorsSchema, evaluationSchema, parameterListSchema, rulesOpenApi, type OpenApiDocument } from "../../rules/openapi";
import { evaluateRequest } from "../../rules/request";
import { FACILITY_KINDS, STAFF_ROLES, snapshotSchema } from "../../rules/snapshot";
import { action as evaluateAction } from "../../app/routes/api.rules.evaluate";
import { action as openApiAction, loader as openApiLoader } from "../../app/routes/api.rules.openapi[.]json";
import { action as parametersAction, loader as parametersLoader } from "../../app/routes/api.rules.parameters";
import { LIMITS } from "../../app/services/rate-limit.server";
import { todayInShanghai } from "../../app/utils/format";
import { createTestDb } from "../db/harness";
import { loadScenarios, SCENARIO_DIR } from "../rules/scenario-loader";

type Schema = Record<string, unknown> & { $ref?: string; anyOf?: Schema[]; items?: Schema; properties?: Record<string, Schema>; enum?: unknown[] };
type Refusal = { errors: { path: string; message: { zh: string; en: string } }[] };

const SNAPSHOT = (parse(readFileSync(join(SCENARIO_DIR, "_bases.yaml"), "utf8")) as Record<string, unknown>).bengbu_standalone;

let ipCounter = 0;
/** Each test calls from its own address so that the rate limit of one does not leak into another. */
function freshIp(): string {
  ipCounter += 1;
  return `203.0.113.${ipCounter}`;
}

function resolve(doc: OpenApiDocument, schema: Schema): Schema {
  let current = schema;
  while (current.$ref) current = doc.components.schemas[current.$ref.replace("#/components/schemas/", "")] as Schema;
  return current;
}

/** The non-null branch of a `nullish()` field's schema. */
function present(doc: OpenApiDocument, schema: Schema): Schema {
  const resolved = resolve(doc, schema);
  const branch = resolved.anyOf?.find((s) => s.type !== "null");
  return branch ? resolve(doc, branch) : resolved;
}

function collectRefs(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) collectRefs(v, out);
  else if (typeof value === "object" && value !== null) {
    for (const [key, v] of Object.entries(value)) {
      if (key === "$ref" && typeof v === "string") out.push(v);
      else collectRefs(v, out);
    }
  }
  return out;
}

/** Paths of object keys in `value` that the schema does not list (objects with `properties` only). */
function unlisted(doc: OpenApiDocument, value: unknown, schema: Schema, path = ""): string[] {
  const s = resolve(doc, schema);
  if (s.anyOf) {
    const tries = s.anyOf.map((branch) => unlisted(doc, value, branch, path));
    return tries.find((t) => t.length === 0) ?? tries[0];
  }
  if (Array.isArray(value) && s.items) return value.flatMap((v, i) => unlisted(doc, v, s.items as Schema, `${path}[${i}]`));
  if (typeof value === "object" && value !== null && !Array.isArray(value) && s.properties) {
    const properties = s.properties;
    return Object.entries(value).flatMap(([key, v]) =>
      key in properties ? unlisted(doc, v, properties[key], `${path}.${key}`) : [`${path}.${key}`],
    );
  }
  return [];
}

function expectRefusal(status: number, body: unknown, path: string): void {
  expect(status).toBe(400);
  const refusal = errorsSchema.parse(body) as Refusal;
  expect(refusal.errors[0].path).toBe(path);
  expect(refusal.errors[0].message.zh).toMatch(/[\u4e00-\u9fff]/);
  expect(refusal.errors[0].message.en).toMatch(/[a-z]/i);
}

async function getParameters(query: string, ip = freshIp()): Promise<{ status: number; body: unknown; type: string | null }> {
  const request = new Request(`http://localhost:3000/api/rules/parameters${query}`, { headers: { "x-tuoyu-client-ip": ip } });
  const response = await parametersLoader({ request, params: {}, context: {} });
  return { status: response.status, body: (await response.json()) as unknown, type: response.headers.get("content-type") };
}

beforeAll(async () => {
  await setAppDb(() => createTestDb("pglite"));
});

afterAll(async () => {
  await closeAppDb();
});

describe("the OpenAPI document", () => {
  const doc = rulesOpenApi();

  it("is OpenAPI 3.1.0 with both rules endpoints, their methods and the versions", () => {
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.info.title).toBe("Tuoyu rules API");
    expect(doc.info.version).toBe(PACKAGE_VERSION);
    expect(doc.info["x-rules-version"]).toBe(RULES_VERSION);
    expect(Object.keys(doc.paths["/api/rules/evaluate"])).toEqual(["post"]);
    expect(Object.keys(doc.paths["/api/rules/parameters"])).toEqual(["get"]);
    expect(Object.keys(doc.paths["/api/rules/openapi.json"])).toEqual(["get"]);
    const evaluate = doc.paths["/api/rules/evaluate"].post as { responses: Record<string, { headers?: Record<string, unknown> }> };
    expect(Object.keys(evaluate.responses).sort()).toEqual(["200", "400", "405", "413", "429", "500"]);
    expect(evaluate.responses["429"].headers).toHaveProperty("Retry-After");
    const parameters = doc.paths["/api/rules/parameters"].get as { parameters: { name: string; required: boolean; schema: Schema }[]; responses: object };
    expect(parameters.parameters.map((p) => [p.name, p.required])).toEqual([["jurisdiction", true], ["asOf", false]]);
    expect(parameters.parameters[1].schema.pattern).toBe("^\\d{4}-\\d{2}-\\d{2}$");
    expect(Object.keys(parameters.responses).sort()).toEqual(["200", "400", "405", "429", "500"]);
  });

  it("has the named components, and every $ref resolves to one", () => {
    const names = Object.keys(doc.components.schemas);
    for (const name of ["Snapshot", "Evaluation", "Determination", "Condition", "Group", "ResolvedParameter", "Reference", "Text", "Errors"]) {
      expect(names).toContain(name);
    }
    const refs = collectRefs(doc);
    expect(refs.length).toBeGreaterThan(10);
    for (const ref of refs) {
      expect(ref).toMatch(/^#\/components\/schemas\//);
      expect(names, ref).toContain(ref.replace("#/components/schemas/", ""));
    }
    expect(JSON.stringify(doc)).not.toContain("$schema");
  });

  it("describes the snapshot from snapshotSchema itself: every field, nested ones, enums from the const arrays", () => {
    const snapshot = doc.components.schemas.Snapshot as Schema;
    expect(Object.keys(snapshot.properties ?? {})).toEqual(Object.keys(snapshotSchema.shape));
    expect(snapshot.required).toEqual(expect.arrayContaining(["jurisdiction", "operator", "facility", "filing"]));
    const staff = present(doc, (snapshot.properties as Record<string, Schema>).staff);
    const member = present(doc, staff.items as Schema);
    expect(Object.keys(member.properties ?? {})).toContain("backgroundCheckOn");
    expect(present(doc, (member.properties as Record<string, Schema>).role).enum).toEqual([...STAFF_ROLES]);
    expect(present(doc, (member.properties as Record<string, Schema>).backgroundCheckOn)).toMatchObject({ type: "string", format: "date" });
    const facility = present(doc, (snapshot.properties as Record<string, Schema>).facility);
    expect(present(doc, (facility.properties as Record<string, Schema>).kind).enum).toEqual([...FACILITY_KINDS]);
    expect((snapshot.properties as Record<string, Schema>).jurisdiction.enum).toContain("340321");
  });

  it("lists the four determination statuses", () => {
    const determination = doc.components.schemas.Determination as Schema;
    expect((determination.properties as Record<string, Schema>).status.enum).toEqual(["eligible", "ineligible", "needs_info", "not_applicable"]);
  });
});

describe("the document against real answers", () => {
  const doc = rulesOpenApi();

  it("a real POST /api/rules/evaluate answer validates against the Evaluation schema, with no unlisted key", async () => {
    const request = new Request("http://localhost:3000/api/rules/evaluate", {
      method: "POST",
      headers: { "content-type": "application/json", "x-tuoyu-client-ip": freshIp() },
      body: JSON.stringify(SNAPSHOT),
    });
    const response = await evaluateAction({ request, params: {}, context: {} });
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expect(() => evaluationSchema.parse(body)).not.toThrow();
    const component = doc.components.schemas.Evaluation as Schema;
    for (const key of Object.keys(body)) expect(Object.keys(component.properties ?? {}), key).toContain(key);
    expect(unlisted(doc, body, component)).toEqual([]);
    // the walker does see a key the document does not list, at any depth
    const [first, ...rest] = body.determinations as Record<string, unknown>[];
    expect(unlisted(doc, { ...body, extra: 1, determinations: [{ ...first, extra: 2 }, ...rest] }, component).sort()).toEqual([
      ".determinations[0].extra",
      ".extra",
    ]);
    expect((body.determinations as { status: string }[]).some((d) => d.status === "eligible")).toBe(true);
  });

  it("every scenario's evaluation validates too (all measures, all statuses)", () => {
    const component = doc.components.schemas.Evaluation as Schema;
    const statuses = new Set<string>();
    let evaluated = 0;
    for (const scenario of loadScenarios()) {
      const result = evaluateRequest(scenario.snapshot, { today: "2026-05-01", asOf: scenario.date, localParameters: scenario.localParameters });
      if (result.status !== 200) continue;
      evaluated += 1;
      const body = JSON.parse(JSON.stringify(result.body)) as unknown;
      const parsed = evaluationSchema.safeParse(body);
      expect(parsed.success, `${scenario.file}: ${scenario.statement}: ${parsed.error?.message}`).toBe(true);
      expect(unlisted(doc, body, component), scenario.statement).toEqual([]);
      for (const d of result.body.determinations) statuses.add(d.status);
    }
    expect(evaluated).toBeGreaterThan(100);
    expect([...statuses].sort()).toEqual(["eligible", "ineligible", "needs_info", "not_applicable"]);
  });
});

describe("GET /api/rules/openapi.json", () => {
  it("serves the same document as JSON, cacheable, without login", async () => {
    const response = await openApiLoader();
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(response.headers.get("cache-control")).toBe("public, max-age=300");
    expect(await response.json()).toEqual(JSON.parse(JSON.stringify(rulesOpenApi())));
  });

  it("answers other methods with 405", async () => {
    const response = await openApiAction();
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("GET");
  });
});

describe("GET /api/rules/parameters", () => {
  it("returns the parameters in force for 340321 on a given date", async () => {
    const { status, body, type } = await getParameters("?jurisdiction=340321&asOf=2026-03-01");
    expect(status).toBe(200);
    expect(type).toMatch(/^application\/json/);
    const list = parameterListSchema.parse(body);
    expect(list.jurisdiction).toBe("340321");
    expect(list.asOf).toBe("2026-03-01");
    expect(list.parameters.length).toBeGreaterThan(0);
    expect(unlisted(rulesOpenApi(), body, { $ref: "#/components/schemas/ParameterList" })).toEqual([]);
  });

  it("defaults asOf to today in Asia/Shanghai", async () => {
    const { status, body } = await getParameters("?jurisdiction=340321");
    expect(status).toBe(200);
    expect((body as { asOf: string }).asOf).toBe(todayInShanghai());
  });

  it("refuses an unknown jurisdiction, a bad date and a missing jurisdiction with bilingual errors", async () => {
    const unknown = await getParameters("?jurisdiction=999999&asOf=2026-03-01");
    expectRefusal(unknown.status, unknown.body, "jurisdiction");
    const impossible = await getParameters("?jurisdiction=340321&asOf=2026-02-30");
    expectRefusal(impossible.status, impossible.body, "asOf");
    const malformed = await getParameters("?jurisdiction=340321&asOf=yesterday");
    expectRefusal(malformed.status, malformed.body, "asOf");
    const missing = await getParameters("?asOf=2026-03-01");
    expectRefusal(missing.status, missing.body, "jurisdiction");
  });

  it("answers POST with 405", async () => {
    const response = await parametersAction();
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("GET");
    errorsSchema.parse(await response.json());
  });

  it("shares the per-address rate limit with POST /api/rules/evaluate (429 with Retry-After)", async () => {
    const ip = freshIp();
    let last = 0;
    for (let i = 0; i < LIMITS.publicApi.limit; i++) last = (await getParameters("?jurisdiction=340321&asOf=2026-03-01", ip)).status;
    expect(last).toBe(429);
    const request = new Request("http://localhost:3000/api/rules/evaluate", {
      method: "POST",
      headers: { "content-type": "application/json", "x-tuoyu-client-ip": ip },
      body: JSON.stringify(SNAPSHOT),
    });
    const blocked = await evaluateAction({ request, params: {}, context: {} });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await getParameters("?jurisdiction=340321&asOf=2026-03-01")).status).toBe(200);
  });
});
