// The holiday calendar page: city administrators edit it; county administrators see it but cannot
// change it; other roles are refused; bad input comes back as field messages.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { calendarDays } from "../../db/schema";
import { login } from "../../app/services/users.server";
import * as page from "../../app/routes/admin.calendar";
import { createTestDb, type TestDb } from "../db/harness";
import { browserRequest, makeUser, PASSWORD } from "./fixtures";
import { args, closeAppDbQuietly, routeRequest, statusOf, useAsAppDb } from "./route-helpers";

describe("admin holiday calendar page", () => {
  let t: TestDb;
  const sessions: Record<string, string> = {};
  beforeAll(async () => {
    t = await createTestDb("pglite");
    await useAsAppDb(t);
    await makeUser(t.db, { username: "city", roles: ["admin"], jurisdictionCode: "340300" });
    await makeUser(t.db, { username: "county", roles: ["admin"], jurisdictionCode: "340321" });
    await makeUser(t.db, { username: "rev", roles: ["reviewer"], jurisdictionCode: "340300" });
    for (const name of ["city", "county", "rev"]) {
      const r = await login(t.db, browserRequest(), { username: name, password: PASSWORD });
      if (!r.ok) throw new Error(name);
      sessions[name] = r.sessionId;
    }
  });
  afterAll(async () => {
    await closeAppDbQuietly();
    await t.close();
  });

  const day = { day: "2027-01-01", kind: "holiday", nameZh: "元旦", nameEn: "New Year's Day", reference: "国务院办公厅关于2027年部分节假日安排的通知" };

  it("lists the seeded 2026 calendar for an administrator", async () => {
    const data = (await page.loader(args(routeRequest("/admin/calendar?year=2026", { sessionId: sessions.city })))) as { days: unknown[] };
    expect(data.days.length).toBe(39);
  });

  it("a city administrator adds a day; a county administrator and a reviewer cannot", async () => {
    expect(await statusOf(() => page.action(args(routeRequest("/admin/calendar", { sessionId: sessions.county, form: day }))))).toBe(403);
    expect(await statusOf(() => page.action(args(routeRequest("/admin/calendar", { sessionId: sessions.rev, form: day }))))).toBe(403);
    expect(await statusOf(() => page.loader(args(routeRequest("/admin/calendar", { sessionId: sessions.rev }))))).toBe(403);
    expect(await t.db.select().from(calendarDays).where(eq(calendarDays.day, "2027-01-01"))).toHaveLength(0);
    expect(await statusOf(() => page.action(args(routeRequest("/admin/calendar", { sessionId: sessions.city, form: day }))))).toBe(302);
    expect(await t.db.select().from(calendarDays).where(eq(calendarDays.day, "2027-01-01"))).toHaveLength(1);
  });

  it("refuses an impossible date and a weekday 调休 with field messages", async () => {
    expect(await statusOf(() => page.action(args(routeRequest("/admin/calendar", { sessionId: sessions.city, form: { ...day, day: "2027-02-30" } }))))).toBe(400);
    expect(await statusOf(() => page.action(args(routeRequest("/admin/calendar", { sessionId: sessions.city, form: { ...day, day: "2027-01-05", kind: "workday" } }))))).toBe(400);
  });
});
