// Every operator route refuses other roles (403) and other organisations' facilities (403), and sends
// visitors without a session to sign in.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { login } from "../../app/services/users.server";
import * as overview from "../../app/routes/operator.facilities.$facilityId._index";
import * as details from "../../app/routes/operator.facilities.$facilityId.details";
import * as classes from "../../app/routes/operator.facilities.$facilityId.classes";
import * as staff from "../../app/routes/operator.facilities.$facilityId.staff._index";
import * as documents from "../../app/routes/operator.facilities.$facilityId.documents";
import * as home from "../../app/routes/operator._index";
import * as organisation from "../../app/routes/operator.organisation";
import * as newFacility from "../../app/routes/operator.facilities.new";
import { createTestDb, type TestDb } from "../db/harness";
import { actorFor, browserRequest, makeOrganisation, makeUser, PASSWORD } from "./fixtures";
import { completeFacility } from "./filing-fixtures";
import { args, closeAppDbQuietly, routeRequest, statusOf, useAsAppDb } from "./route-helpers";

describe("operator routes", () => {
  let t: TestDb;
  let facilityId: string;
  const sessions: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestDb("pglite");
    await useAsAppDb(t);
    const org = await makeOrganisation(t.db, "340321", "怀远机构");
    const other = await makeOrganisation(t.db, "340322", "五河机构");
    await makeUser(t.db, { username: "owner", roles: ["operator"], organisationId: org });
    await makeUser(t.db, { username: "stranger", roles: ["operator"], organisationId: other });
    await makeUser(t.db, { username: "reviewer", roles: ["reviewer"], jurisdictionCode: "340321" });
    for (const name of ["owner", "stranger", "reviewer"]) {
      const r = await login(t.db, browserRequest(), { username: name, password: PASSWORD });
      if (!r.ok) throw new Error(name);
      sessions[name] = r.sessionId;
    }
    facilityId = await completeFacility(t.db, await actorFor(t.db, sessions.owner ?? ""));
  }, 120_000);
  afterAll(async () => {
    await closeAppDbQuietly();
    await t.close();
  });

  const facilityRoutes = [
    ["overview", overview.loader],
    ["details", details.loader],
    ["classes", classes.loader],
    ["staff", staff.loader],
    ["documents", documents.loader],
  ] as const;

  it("the owner opens every page of the facility", async () => {
    for (const [name, loader] of facilityRoutes) {
      expect(await statusOf(() => loader(args(routeRequest(`/operator/facilities/${facilityId}/${name}`, { sessionId: sessions.owner }), { facilityId }))), name).toBe(200);
    }
    expect(await statusOf(() => home.loader(args(routeRequest("/operator", { sessionId: sessions.owner }))))).toBe(200);
  });

  it("another organisation's operator is refused on every page and every change", async () => {
    for (const [name, loader] of facilityRoutes) {
      expect(await statusOf(() => loader(args(routeRequest(`/operator/facilities/${facilityId}/${name}`, { sessionId: sessions.stranger }), { facilityId }))), name).toBe(403);
    }
    const post = (form: Record<string, string>) => args(routeRequest(`/operator/facilities/${facilityId}`, { sessionId: sessions.stranger, form }), { facilityId });
    expect(await statusOf(() => overview.action(post({ explanation: "x" })))).toBe(403);
    expect(await statusOf(() => details.action(post({ name: "hijack", jurisdictionCode: "340321" })))).toBe(403);
    expect(await statusOf(() => classes.action(post({ type: "toddler", capacity: "1", enrolled: "0", caregivers: "1" })))).toBe(403);
    expect(await statusOf(() => staff.action(post({ name: "x", idNumber: "11010519491231002X", role: "cook" })))).toBe(403);
  });

  it("a reviewer is refused on operator pages (wrong role)", async () => {
    expect(await statusOf(() => home.loader(args(routeRequest("/operator", { sessionId: sessions.reviewer }))))).toBe(403);
    expect(await statusOf(() => organisation.loader(args(routeRequest("/operator/organisation", { sessionId: sessions.reviewer }))))).toBe(403);
    expect(await statusOf(() => newFacility.action(args(routeRequest("/operator/facilities/new", { sessionId: sessions.reviewer, form: { name: "x", jurisdictionCode: "340321" } }))))).toBe(403);
    expect(await statusOf(() => details.loader(args(routeRequest(`/operator/facilities/${facilityId}/details`, { sessionId: sessions.reviewer }), { facilityId })))).toBe(403);
  });

  it("a visitor without a session is sent to sign in", async () => {
    expect(await statusOf(() => home.loader(args(routeRequest("/operator"))))).toBe(302);
  });

  it("bad input comes back as field messages (400), nothing thrown", async () => {
    const status = await statusOf(() =>
      classes.action(args(routeRequest(`/operator/facilities/${facilityId}/classes`, { sessionId: sessions.owner, form: { type: "toddler", capacity: "5", enrolled: "9", caregivers: "1" } }), { facilityId })),
    );
    expect(status).toBe(400);
  });
});
