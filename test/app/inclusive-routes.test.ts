// The guided-price, fee and inclusive-certification pages: each refuses the wrong role and the wrong
// organisation or county, publishes and declares through its action, and the public notice page takes
// objections without a session.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { feeDeclarations, inclusiveApplications, objections, priceSchedules } from "../../db/schema";
import { login } from "../../app/services/users.server";
import { acceptFiling, submitFiling } from "../../app/services/filing.server";
import * as pricing from "../../app/routes/pricing._index";
import * as fees from "../../app/routes/operator.facilities.$facilityId.fees";
import * as inclusive from "../../app/routes/operator.facilities.$facilityId.inclusive";
import * as queue from "../../app/routes/review.inclusive._index";
import * as application from "../../app/routes/review.inclusive.$applicationId";
import * as notices from "../../app/routes/notices._index";
import { createTestDb, type TestDb } from "../db/harness";
import { actorFor, browserRequest, makeOrganisation, makeUser, PASSWORD } from "./fixtures";
import { completeFacility } from "./filing-fixtures";
import { args, closeAppDbQuietly, routeRequest, statusOf, useAsAppDb } from "./route-helpers";

const REFERENCE = { referenceDocument: "蚌埠市托育服务政府指导价（示例）", referenceClause: "第二条" };

describe("guided price and inclusive certification routes", () => {
  let t: TestDb;
  let facilityId: string;
  let applicationId: string;
  const sessions: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestDb("pglite");
    await useAsAppDb(t);
    const org = await makeOrganisation(t.db, "340321", "怀远县禾苗托育服务有限公司");
    const other = await makeOrganisation(t.db, "340322", "五河机构");
    await makeUser(t.db, { username: "owner", roles: ["operator"], organisationId: org });
    await makeUser(t.db, { username: "stranger", roles: ["operator"], organisationId: other });
    await makeUser(t.db, { username: "hy", roles: ["reviewer"], jurisdictionCode: "340321" });
    await makeUser(t.db, { username: "wh", roles: ["reviewer"], jurisdictionCode: "340322" });
    await makeUser(t.db, { username: "price", roles: ["price_officer"], jurisdictionCode: "340300" });
    for (const name of ["owner", "stranger", "hy", "wh", "price"]) {
      const r = await login(t.db, browserRequest(), { username: name, password: PASSWORD });
      if (!r.ok) throw new Error(name);
      sessions[name] = r.sessionId;
    }
    const owner = await actorFor(t.db, sessions.owner ?? "");
    facilityId = await completeFacility(t.db, owner);
    await acceptFiling(t.db, await actorFor(t.db, sessions.hy ?? ""), await submitFiling(t.db, owner, facilityId, {}));
  }, 120_000);
  afterAll(async () => {
    await closeAppDbQuietly();
    await t.close();
  });

  const get = (path: string, session?: string) => routeRequest(path, { sessionId: session ? sessions[session] : undefined });
  const post = (path: string, session: string | undefined, form: Record<string, string>) => routeRequest(path, { sessionId: session ? sessions[session] : undefined, form });

  it("the price officer's page opens for the price officer only", async () => {
    expect(await statusOf(() => pricing.loader(args(get("/pricing", "price"))))).toBe(200);
    expect(await statusOf(() => pricing.loader(args(get("/pricing", "owner"))))).toBe(403);
    expect(await statusOf(() => pricing.loader(args(get("/pricing", "hy"))))).toBe(403);
    expect(await statusOf(() => pricing.action(args(post("/pricing", "hy", { jurisdictionCode: "340321" }))))).toBe(403);
  });

  it("publishing through the form creates a schedule; a bad one comes back as field messages", async () => {
    const bad = await pricing.action(
      args(post("/pricing", "price", { jurisdictionCode: "340321", effectiveFrom: "2025-02-30", mode: "caps", "cap.toddler.full_day": "-1", referenceDocument: "", referenceClause: "x" }))
    );
    expect(await statusOf(() => bad)).toBe(400);
    expect(JSON.stringify(bad)).toContain("cap.toddler.full_day");
    expect(await t.db.select().from(priceSchedules)).toHaveLength(0);

    const status = await statusOf(() =>
      pricing.action(
        args(
          post("/pricing", "price", { jurisdictionCode: "340321", effectiveFrom: "2025-01-01", mode: "caps", "cap.toddler.full_day": "2000", "cap.older_toddler.full_day": "1800.50", ...REFERENCE })
        )
      )
    );
    expect(status).toBe(302);
    const [schedule] = await t.db.select().from(priceSchedules);
    expect(schedule?.caps).toEqual([
      { classType: "toddler", serviceType: "full_day", capFen: 200000 },
      { classType: "older_toddler", serviceType: "full_day", capFen: 180050 },
    ]);
    const page = (await pricing.loader(args(get("/pricing", "price")))) as { schedules: Array<{ status: string }> };
    expect(page.schedules.map((s) => s.status)).toEqual(["current"]);
  });

  it("the fees and inclusive pages refuse another organisation's operator and a reviewer", async () => {
    for (const route of [fees, inclusive]) {
      expect(await statusOf(() => route.loader(args(get(`/operator/facilities/${facilityId}/x`, "owner"), { facilityId })))).toBe(200);
      expect(await statusOf(() => route.loader(args(get(`/operator/facilities/${facilityId}/x`, "stranger"), { facilityId })))).toBe(403);
      expect(await statusOf(() => route.loader(args(get(`/operator/facilities/${facilityId}/x`, "hy"), { facilityId })))).toBe(403);
    }
    expect(await statusOf(() => fees.action(args(post(`/operator/facilities/${facilityId}/fees`, "stranger", { kind: "other", name: "伙食费", amount: "300" }), { facilityId })))).toBe(403);
    expect(await statusOf(() => inclusive.action(args(post(`/operator/facilities/${facilityId}/inclusive`, "stranger", {}), { facilityId })))).toBe(403);
    expect(await t.db.select().from(feeDeclarations)).toHaveLength(0);
  });

  it("the operator applies; an inclusive facility's fee above the cap is refused with the cap named", async () => {
    expect(await statusOf(() => inclusive.action(args(post(`/operator/facilities/${facilityId}/inclusive`, "owner", { requestedSlots: "40" }), { facilityId })))).toBe(302);
    const [app] = await t.db.select().from(inclusiveApplications).where(eq(inclusiveApplications.facilityId, facilityId));
    expect(app?.status).toBe("applied");
    applicationId = app?.id ?? "";

    const over = await fees.action(args(post(`/operator/facilities/${facilityId}/fees`, "owner", { kind: "basic", classType: "toddler", serviceType: "full_day", amount: "2100" }), { facilityId }));
    expect(await statusOf(() => over)).toBe(400);
    expect(JSON.stringify(over)).toContain("¥2,000.00");
    expect(
      await statusOf(() =>
        fees.action(args(post(`/operator/facilities/${facilityId}/fees`, "owner", { kind: "basic", classType: "toddler", serviceType: "full_day", amount: "1900" }), { facilityId }))
      )
    ).toBe(302);
    const page = (await fees.loader(args(get(`/operator/facilities/${facilityId}/fees`, "owner"), { facilityId }))) as { basic: Array<{ amountFen: number; capFen: number | null }> };
    expect(page.basic).toEqual([expect.objectContaining({ amountFen: 190000, capFen: 200000 })]);
  });

  it("the reviewer's application page opens in scope only, and the steps move the application into public notice", async () => {
    const path = `/review/inclusive/${applicationId}`;
    expect(await statusOf(() => queue.loader(args(get("/review/inclusive", "hy"))))).toBe(200);
    expect(await statusOf(() => application.loader(args(get(path, "hy"), { applicationId })))).toBe(200);
    expect(await statusOf(() => application.loader(args(get(path, "wh"), { applicationId })))).toBe(403);
    expect(await statusOf(() => application.action(args(post(path, "wh", { intent: "take" }), { applicationId })))).toBe(403);
    expect(await statusOf(() => application.loader(args(get(path, "owner"), { applicationId })))).toBe(403);

    // out of order: a conflict shown on the form, not an error page
    expect(await statusOf(() => application.action(args(post(path, "hy", { intent: "notice" }), { applicationId })))).toBe(409);
    expect(await statusOf(() => application.action(args(post(path, "hy", { intent: "take" }), { applicationId })))).toBe(302);
    expect(await statusOf(() => application.action(args(post(path, "hy", { intent: "inspect", inspectionOn: "", findings: "", passed: "" }), { applicationId })))).toBe(400);
    expect(
      await statusOf(() => application.action(args(post(path, "hy", { intent: "inspect", inspectionOn: "2025-06-01", findings: "场地、人员与备案一致", passed: "true" }), { applicationId })))
    ).toBe(302);
    expect(await statusOf(() => application.action(args(post(path, "hy", { intent: "notice" }), { applicationId })))).toBe(302);
    const [app] = await t.db.select().from(inclusiveApplications).where(eq(inclusiveApplications.id, applicationId));
    expect(app?.status).toBe("public_notice");
  });

  it("the public notice page opens without a session and records an objection; a too-short one is refused", async () => {
    const page = (await notices.loader(args(get("/notices")))) as { notices: Array<{ applicationId: string }> };
    expect(page.notices.map((n) => n.applicationId)).toEqual([applicationId]);

    const short = await notices.action(args(post("/notices", undefined, { applicationId, content: "太贵" })));
    expect(await statusOf(() => short)).toBe(400);
    expect(JSON.stringify(short)).toContain("certification.objectionTooShort");
    expect(await statusOf(() => notices.action(args(post("/notices", undefined, { applicationId, content: "该机构实际收费高于公示的保育费标准，请核实。", contact: "" }))))).toBe(302);
    const rows = await t.db.select().from(objections).where(eq(objections.applicationId, applicationId));
    expect(rows).toHaveLength(1);
    expect(rows[0]?.ruling).toBe("pending");

    // an application that is not in notice cannot be objected to
    expect(await statusOf(() => notices.action(args(post("/notices", undefined, { applicationId: "00000000-0000-4000-8000-000000000000", content: "这是一条足够长的异议内容，用于测试。" }))))).toBe(
      404
    );

    // the reviewer sees it and rules on it
    const path = `/review/inclusive/${applicationId}`;
    const objectionId = rows[0]?.id ?? "";
    expect(await statusOf(() => application.action(args(post(path, "hy", { intent: "rule", objectionId, ruling: "dismissed", note: "" }), { applicationId })))).toBe(400);
    expect(await statusOf(() => application.action(args(post(path, "hy", { intent: "rule", objectionId, ruling: "dismissed", note: "经核实，收费与公示一致。" }), { applicationId })))).toBe(302);
    // the notice is still running: certifying now is a conflict
    expect(await statusOf(() => application.action(args(post(path, "hy", { intent: "certify", certifiedSlots: "40" }), { applicationId })))).toBe(409);
  });
});
