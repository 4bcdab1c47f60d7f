// The public verification page, the code form and the PDF download, called as Remix would call them.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../app/auth/session.server";
import { LIMITS } from "../../app/services/rate-limit.server";
import { actorContext, login } from "../../app/services/users.server";
import { issueCertificate, setCertificateStatus } from "../../app/services/certificates.server";
import type { CertificateRow } from "../../db/schema";
import * as verifyRoute from "../../app/routes/verify.$code";
import * as verifyFormRoute from "../../app/routes/verify._index";
import * as pdfRoute from "../../app/routes/certificates.$certificateId[.]pdf";
import { createTestDb, type TestDb } from "../db/harness";
import { actorFor, browserRequest, makeOrganisation, makeUser, PASSWORD } from "./fixtures";
import { completeFacility } from "./filing-fixtures";
import { args, closeAppDbQuietly, routeRequest, statusOf, useAsAppDb } from "./route-helpers";

type VerifyData = Exclude<Awaited<ReturnType<typeof verifyRoute.loader>>, Response>;

/** A public request from a given address (the server entry sets x-tuoyu-client-ip from the socket). */
function fromIp(path: string, ip: string): Request {
  return new Request(`http://localhost:3000${path}`, { headers: { "x-tuoyu-client-ip": ip, "user-agent": "vitest" } });
}

async function verify(code: string, ip = "198.51.100.1") {
  const result = (await verifyRoute.loader(args(fromIp(`/verify/${code}`, ip), { code }))) as VerifyData;
  return { status: result.init?.status ?? 200, body: result.data, headers: new Headers(result.init?.headers) };
}

describe("the verification routes", () => {
  let t: TestDb;
  let reviewer: Actor;
  let valid: CertificateRow;
  let revoked: CertificateRow;
  const sessions: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestDb("pglite");
    await useAsAppDb(t);
    const org = await makeOrganisation(t.db, "340321", "怀远县禾苗托育服务有限公司");
    const other = await makeOrganisation(t.db, "340322", "五河县某托育");
    await makeUser(t.db, { username: "op", roles: ["operator"], organisationId: org });
    await makeUser(t.db, { username: "op2", roles: ["operator"], organisationId: other });
    await makeUser(t.db, { username: "hy", roles: ["reviewer"], jurisdictionCode: "340321" });
    await makeUser(t.db, { username: "wh", roles: ["reviewer"], jurisdictionCode: "340322" });
    for (const u of ["op", "op2", "hy", "wh"]) {
      const r = await login(t.db, browserRequest(), { username: u, password: PASSWORD });
      if (!r.ok) throw new Error(`login ${u}`);
      sessions[u] = r.sessionId;
    }
    reviewer = await actorFor(t.db, sessions.hy ?? "");
    const facilityId = await completeFacility(t.db, await actorFor(t.db, sessions.op ?? ""));
    const base = {
      kind: "inclusive_certificate" as const,
      facilityId,
      issuedOn: "2026-03-01",
      validFrom: "2026-03-01",
      validUntil: null,
      issuedBy: reviewer.userId,
      jurisdictionCode: "340321",
      payload: { lines: [{ label: "普惠托位数", value: "40" }] },
    };
    valid = await t.db.transaction((tx) => issueCertificate(tx, actorContext(reviewer), { ...base, number: "340321-PH-2026-0001" }));
    revoked = await t.db.transaction(async (tx) => {
      const c = await issueCertificate(tx, actorContext(reviewer), { ...base, number: "340321-PH-2026-0002" });
      return setCertificateStatus(tx, actorContext(reviewer), c.id, "revoked", "conditions_not_met", "340321");
    });
  }, 120_000);

  afterAll(async () => {
    await closeAppDbQuietly();
    await t.close();
  });

  it("a valid code: 200 with the state and what the document certifies, not cached", async () => {
    const r = await verify(valid.code);
    expect(r.status).toBe(200);
    expect(r.headers.get("Cache-Control")).toBe("no-store");
    if (r.body.kind !== "found") throw new Error(`expected found, got ${r.body.kind}`);
    expect(r.body.result).toMatchObject({ state: "valid", number: "340321-PH-2026-0001", facilityName: "禾苗托育中心", kind: "inclusive_certificate" });
    expect(r.body.result.lines).toEqual([{ label: "普惠托位数", value: "40" }]);
    // typed in lower case without dashes, it is the same document
    const typed = await verify(valid.code.replace(/-/g, "").toLowerCase());
    expect(typed.body.kind === "found" && typed.body.result.number).toBe("340321-PH-2026-0001");
  });

  it("a revoked code: 200 with state revoked and the reason category", async () => {
    const r = await verify(revoked.code);
    expect(r.status).toBe(200);
    expect(r.body.kind === "found" && r.body.result).toMatchObject({ state: "revoked", statusReason: "conditions_not_met" });
  });

  it("an unknown or malformed code: 404", async () => {
    const unknown = await verify("2345-6789-ABCD");
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual({ kind: "not_found", code: "2345-6789-ABCD" });
    expect((await verify("<script>")).status).toBe(404);
  });

  it("429 once an address has made too many look-ups; other addresses are not affected", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < LIMITS.publicApi.limit + 2; i += 1) statuses.push((await verify(valid.code, "198.51.100.99")).status);
    expect(statuses.slice(0, 10).every((s) => s === 200)).toBe(true);
    const limited = statuses.indexOf(429);
    expect(limited).toBeGreaterThan(LIMITS.publicApi.limit - 3);
    expect(statuses.slice(limited).every((s) => s === 429)).toBe(true);
    const last = await verify(valid.code, "198.51.100.99");
    expect(last.status).toBe(429);
    expect(Number(last.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(last.body).toMatchObject({ kind: "rate_limited" });
    expect((await verify(valid.code, "198.51.100.100")).status).toBe(200);
  });

  it("the /verify form redirects a well-formed code and explains a malformed one", async () => {
    const typed = valid.code.toLowerCase().replace(/-/g, " ");
    let redirect: Response | null = null;
    try {
      await verifyFormRoute.loader(args(fromIp(`/verify?code=${encodeURIComponent(typed)}`, "198.51.100.2")));
    } catch (thrown) {
      if (thrown instanceof Response) redirect = thrown;
    }
    expect(redirect?.status).toBe(302);
    expect(redirect?.headers.get("Location")).toBe(`/verify/${valid.code}`);
    expect(await statusOf(() => verifyFormRoute.loader(args(fromIp("/verify?code=OOPS", "198.51.100.2"))))).toBe(400);
    expect(await statusOf(() => verifyFormRoute.loader(args(fromIp("/verify", "198.51.100.2"))))).toBe(200);
  });

  it("the PDF: inline for the operator and the reviewer in scope; 403 for the others; 404 for an unknown id", async () => {
    const get = (who: string, id = valid.id) => pdfRoute.loader(args(routeRequest(`/certificates/${id}.pdf`, { sessionId: sessions[who] }), { certificateId: id }));
    for (const who of ["op", "hy"]) {
      const res = await get(who);
      expect(res.status).toBe(200);
      expect(res.headers.get("Content-Type")).toBe("application/pdf");
      expect(res.headers.get("Content-Disposition")).toMatch(/^inline; filename="certificate-340321-PH-2026-0001\.pdf"; filename\*=UTF-8''%E6%99%AE/);
      const bytes = new Uint8Array(await res.arrayBuffer());
      expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe("%PDF-");
    }
    for (const who of ["op2", "wh"]) {
      const res = await get(who);
      expect(res.status).toBe(403);
      expect(res.headers.get("Content-Type")).toMatch(/^text\/plain/);
    }
    expect((await get("op", "00000000-0000-4000-8000-000000000000")).status).toBe(404);
    // not signed in: to the sign-in page
    expect(await statusOf(() => pdfRoute.loader(args(routeRequest(`/certificates/${valid.id}.pdf`), { certificateId: valid.id })))).toBe(302);
  });
});
