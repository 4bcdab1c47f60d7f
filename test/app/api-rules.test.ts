// POST /api/rules/evaluate: the rules contract over HTTP — JSON in, Evaluation or bilingual refusals out,
// rate-limited per client address in the database, never a stack trace.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeAppDb, setAppDb } from "../../db/client";
import { MEASURE_IDS } from "../../rules/measures/list";
import { action, loader } from "../../app/routes/api.rules.evaluate";
import { LIMITS } from "../../app/services/rate-limit.server";
import { createTestDb } from "../db/harness";

const SNAPSHOT = {
  jurisdiction: "340321",
  asOf: "2026-03-01",
  operator: { name: "怀远县示例托育有限公司", uscc: "91310000631696382C", legalForm: "company", ownership: "private", businessScopeIncludesChildcare: true },
  facility: {
    kind: "community_embedded",
    openedOn: "2025-03-01",
    serviceTypes: ["full_day"],
    totalSlots: 30,
    mealsProvided: false,
    premises: { tenure: "owned", leaseStartsOn: null, leaseEndsOn: null, stateOwned: false },
    employer: null,
    kindergarten: null,
  },
  filing: { status: "submitted", filedOn: null },
  documents: [{ kind: "business_license", issuedOn: "2025-01-10", validUntil: null, passed: true }],
  staff: [],
  classes: [{ type: "toddler", enrolled: 8, caregivers: 2 }],
  fees: [],
  inclusive: { status: "none", certifiedSlots: null, validFrom: null, validUntil: null },
  safetyIncidents: [],
  enrolment: null,
};

let ipCounter = 0;
/** Each test calls from its own address so that the rate limit of one does not leak into another. */
function freshIp(): string {
  ipCounter += 1;
  return `198.51.100.${ipCounter}`;
}

function post(body: string, ip: string): Request {
  return new Request("http://localhost:3000/api/rules/evaluate", {
    method: "POST",
    headers: { "content-type": "application/json", "x-tuoyu-client-ip": ip },
    body,
  });
}

async function call(body: unknown, ip = freshIp()): Promise<{ status: number; text: string; json: unknown; type: string | null }> {
  const request = post(typeof body === "string" ? body : JSON.stringify(body), ip);
  const response = await action({ request, params: {}, context: {} });
  const text = await response.text();
  return { status: response.status, text, json: JSON.parse(text) as unknown, type: response.headers.get("content-type") };
}

type Refusal = { errors: { path: string; message: { zh: string; en: string } }[] };

function expectRefusal(result: { status: number; text: string; json: unknown }, path: string | RegExp): Refusal {
  expect(result.status).toBe(400);
  expect(result.text).not.toMatch(/\n\s+at .+:\d+:\d+/);
  const body = result.json as Refusal;
  expect(Object.keys(body)).toEqual(["errors"]);
  expect(body.errors.length).toBeGreaterThan(0);
  for (const e of body.errors) {
    expect(typeof e.path).toBe("string");
    expect(e.message.zh).toMatch(/[\u4e00-\u9fff]/);
    expect(e.message.en).toMatch(/[a-z]/i);
  }
  const paths = body.errors.map((e) => e.path);
  expect(paths.some((p) => (typeof path === "string" ? p === path : path.test(p))), `paths ${paths.join(", ")}`).toBe(true);
  return body;
}

beforeAll(async () => {
  await setAppDb(() => createTestDb("pglite"));
});

afterAll(async () => {
  await closeAppDb();
});

describe("POST /api/rules/evaluate", () => {
  it("evaluates a valid snapshot: 200 with every measure and the rules version", async () => {
    const result = await call(SNAPSHOT);
    expect(result.status).toBe(200);
    expect(result.type).toMatch(/^application\/json/);
    const body = result.json as { rulesVersion: string; asOf: string; jurisdiction: string; determinations: { measure: string; status: string }[] };
    expect(body.rulesVersion).toMatch(/\S{8,}/);
    expect(body.asOf).toBe("2026-03-01");
    expect(body.jurisdiction).toBe("340321");
    expect(body.determinations.map((d) => d.measure)).toEqual([...MEASURE_IDS]);
    expect(body.determinations).toHaveLength(12);
  });

  it("refuses malformed JSON with a bilingual error and no stack trace", async () => {
    expectRefusal(await call("{oops"), /.*/);
  });

  it("refuses a snapshot without a facility, naming the path", async () => {
    const { facility: _facility, ...rest } = SNAPSHOT;
    expectRefusal(await call(rest), "facility");
  });

  it("refuses an unknown jurisdiction code", async () => {
    expectRefusal(await call({ ...SNAPSHOT, jurisdiction: "999999" }), "jurisdiction");
  });

  it("refuses an impossible date (2026-02-30)", async () => {
    expectRefusal(await call({ ...SNAPSHOT, asOf: "2026-02-30" }), "asOf");
  });

  it("refuses a negative count", async () => {
    expectRefusal(await call({ ...SNAPSHOT, classes: [{ type: "toddler", enrolled: -1, caregivers: 1 }] }), "classes[0].enrolled");
  });

  it("answers 429 with a bilingual error once an address reaches the limit, other addresses unaffected", async () => {
    const ip = freshIp();
    const statuses: number[] = [];
    for (let i = 0; i < LIMITS.publicApi.limit + 1; i++) statuses.push((await call("{}", ip)).status);
    expect(statuses[0]).toBe(400);
    const first429 = statuses.indexOf(429);
    expect(first429).toBeGreaterThan(LIMITS.publicApi.limit - 5);
    expect(statuses.slice(first429).every((s) => s === 429)).toBe(true);
    const blocked = await call(SNAPSHOT, ip);
    expect(blocked.status).toBe(429);
    const body = blocked.json as Refusal;
    expect(body.errors[0].message.zh).toContain("频繁");
    expect(body.errors[0].message.en).toMatch(/too many/i);
    expect((await call(SNAPSHOT)).status).toBe(200);
  });

  it("answers GET with 405 and a JSON hint", async () => {
    const response = await loader();
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("POST");
    const body = (await response.json()) as Refusal;
    expect(body.errors[0].message.en).toMatch(/POST/);
  });
});
