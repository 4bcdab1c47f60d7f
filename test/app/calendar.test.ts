import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { auditEvents, calendarDays } from "../../db/schema";
import { CALENDAR_2026 } from "../../db/calendar-2026";
import {
  dueDateFor,
  listCalendarDays,
  loadWorkCalendar,
  removeCalendarDay,
  seedCalendar,
  setCalendarDay,
} from "../../app/services/calendar.server";
import { login } from "../../app/services/users.server";
import { ForbiddenError, NotFoundError, ValidationError } from "../../app/services/errors";
import { verifyAuditChain } from "../../app/services/audit.server";
import type { Actor } from "../../app/auth/session.server";
import { createTestDb, DB_KINDS, type TestDb } from "../db/harness";
import { actorFor, browserRequest, makeOrganisation, makeUser, PASSWORD } from "./fixtures";

describe("the 2026 calendar data", () => {
  it("lists the seven periods of the State Council notice: 33 days off, 6 make-up workdays", () => {
    const holidays = CALENDAR_2026.filter((d) => d.kind === "holiday");
    const workdays = CALENDAR_2026.filter((d) => d.kind === "workday").map((d) => d.day);
    expect(holidays).toHaveLength(3 + 9 + 3 + 5 + 3 + 3 + 7);
    expect(workdays).toEqual(["2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"]);
    expect(new Set(CALENDAR_2026.map((d) => d.day)).size).toBe(CALENDAR_2026.length);
    expect(holidays.filter((d) => d.nameZh === "春节").map((d) => d.day)).toEqual([
      "2026-02-15",
      "2026-02-16",
      "2026-02-17",
      "2026-02-18",
      "2026-02-19",
      "2026-02-20",
      "2026-02-21",
      "2026-02-22",
      "2026-02-23",
    ]);
    for (const d of CALENDAR_2026) expect(d.reference).toContain("国务院办公厅关于2026年部分节假日安排的通知");
  });
});

describe.each(DB_KINDS)("the holiday calendar on %s", (kind) => {
  let t: TestDb;
  let cityAdmin: Actor;
  let provinceAdmin: Actor;
  let countyAdmin: Actor;
  let reviewer: Actor;
  let operator: Actor;

  async function signIn(username: string): Promise<Actor> {
    const r = await login(t.db, browserRequest(), { username, password: PASSWORD });
    if (!r.ok) throw new Error(`login failed for ${username}`);
    return actorFor(t.db, r.sessionId);
  }

  async function calendarRows() {
    return t.db.select().from(calendarDays).orderBy(calendarDays.day);
  }

  async function auditCount(): Promise<number> {
    return (await t.db.select().from(auditEvents)).length;
  }

  beforeAll(async () => {
    t = await createTestDb(kind);
    const org = await makeOrganisation(t.db, "340302");
    await makeUser(t.db, { username: "city-admin", roles: ["admin"], jurisdictionCode: "340300" });
    await makeUser(t.db, { username: "prov-admin", roles: ["admin"], jurisdictionCode: "340000" });
    await makeUser(t.db, { username: "county-admin", roles: ["admin"], jurisdictionCode: "340302" });
    await makeUser(t.db, { username: "city-rev", roles: ["reviewer"], jurisdictionCode: "340300" });
    await makeUser(t.db, { username: "op", roles: ["operator"], organisationId: org });
    cityAdmin = await signIn("city-admin");
    provinceAdmin = await signIn("prov-admin");
    countyAdmin = await signIn("county-admin");
    reviewer = await signIn("city-rev");
    operator = await signIn("op");
  });
  afterAll(async () => t.close());

  it("seeding writes the 2026 days once; seeding again changes nothing", async () => {
    // the reference-data seed (part of every test database) already wrote them; start from empty
    await t.db.execute(sql`DELETE FROM calendar_days`);
    expect(await seedCalendar(t.db)).toEqual({ written: CALENDAR_2026.length });
    const first = await calendarRows();
    expect(first).toHaveLength(CALENDAR_2026.length);
    expect(await seedCalendar(t.db)).toEqual({ written: 0 });
    const second = await calendarRows();
    expect(second).toEqual(first); // updated_at included: not even touched
    const cal = await loadWorkCalendar(t.db);
    expect(cal.holidays.size).toBe(33);
    expect(cal.workdays.size).toBe(6);
    expect(cal.holidays.has("2026-10-01")).toBe(true);
    expect(cal.workdays.has("2026-10-10")).toBe(true);
  });

  it("a filing submitted just before National Day 2026 is due after the holiday", async () => {
    expect(await dueDateFor(t.db, "2026-09-30")).toBe("2026-10-13");
    expect(await dueDateFor(t.db, "2026-09-29")).toBe("2026-10-12");
    expect(await dueDateFor(t.db, "2026-09-30", 1)).toBe("2026-10-08");
  });

  it("a filing submitted on the Friday before the Spring Festival counts the working Saturday", async () => {
    expect(await dueDateFor(t.db, "2026-02-13")).toBe("2026-02-27");
  });

  it("a city admin adds a day for next year; it is audited and used at once", async () => {
    const before = await auditCount();
    await setCalendarDay(t.db, cityAdmin, {
      day: "2027-01-01",
      kind: "holiday",
      nameZh: " 元旦 ",
      nameEn: "New Year's Day",
      reference: "国务院办公厅关于2027年部分节假日安排的通知",
    });
    const [row] = await t.db.select().from(calendarDays).where(eq(calendarDays.day, "2027-01-01"));
    expect(row).toMatchObject({ kind: "holiday", nameZh: "元旦", nameEn: "New Year's Day" });
    const [audit] = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "calendar.day_set"), eq(auditEvents.entityId, "2027-01-01")));
    expect(audit).toMatchObject({ actorUserId: cityAdmin.userId, entityType: "calendar_day", jurisdictionCode: null, before: null });
    expect(audit?.after).toMatchObject({ kind: "holiday", nameZh: "元旦" });
    expect(await auditCount()).toBe(before + 1);
    // Thu 2026-12-31 + 1 working day: Fri 2027-01-01 is now off → Mon 2027-01-04
    expect(await dueDateFor(t.db, "2026-12-31", 1)).toBe("2027-01-04");
    expect((await listCalendarDays(t.db, 2027)).map((d) => d.day)).toEqual(["2027-01-01"]);
    expect((await verifyAuditChain(t.db)).ok).toBe(true);
  });

  it("a province admin corrects a seeded day; the audit shows only what changed; a re-seed keeps the correction", async () => {
    await setCalendarDay(t.db, provinceAdmin, {
      day: "2026-06-19",
      kind: "holiday",
      nameZh: "端午节",
      nameEn: "Dragon Boat Festival (Duanwu)",
      reference: "省政府办公厅转发通知（更正英文名）",
    });
    const [audit] = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "calendar.day_set"), eq(auditEvents.entityId, "2026-06-19")));
    expect(Object.keys(audit?.before ?? {}).sort()).toEqual(["nameEn", "reference"]);
    expect(audit?.after).toMatchObject({ nameEn: "Dragon Boat Festival (Duanwu)" });
    await seedCalendar(t.db);
    const [row] = await t.db.select().from(calendarDays).where(eq(calendarDays.day, "2026-06-19"));
    expect(row?.nameEn).toBe("Dragon Boat Festival (Duanwu)");
  });

  it("setting a day to what it already is writes nothing", async () => {
    const [seeded] = await t.db.select().from(calendarDays).where(eq(calendarDays.day, "2026-05-09"));
    if (!seeded) throw new Error("not seeded");
    const before = await auditCount();
    await setCalendarDay(t.db, cityAdmin, { day: seeded.day, kind: seeded.kind, nameZh: seeded.nameZh, nameEn: seeded.nameEn, reference: seeded.reference });
    expect(await auditCount()).toBe(before);
  });

  it("removes a day with an audit row holding what was removed", async () => {
    await removeCalendarDay(t.db, cityAdmin, "2027-01-01");
    expect(await t.db.select().from(calendarDays).where(eq(calendarDays.day, "2027-01-01"))).toHaveLength(0);
    const [audit] = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "calendar.day_removed"), eq(auditEvents.entityId, "2027-01-01")));
    expect(audit?.before).toMatchObject({ kind: "holiday", nameZh: "元旦" });
    expect(audit?.after).toBeNull();
    await expect(removeCalendarDay(t.db, cityAdmin, "2027-01-01")).rejects.toBeInstanceOf(NotFoundError);
    await expect(removeCalendarDay(t.db, cityAdmin, "2027-02-30")).rejects.toBeInstanceOf(ValidationError);
  });

  it("refuses actors without the permission and a county admin, changing nothing", async () => {
    const rows = await calendarRows();
    const audits = await auditCount();
    const input = { day: "2026-03-02", kind: "holiday", nameZh: "假", nameEn: "Fake", reference: "none" };
    for (const actor of [reviewer, operator]) {
      const error = await setCalendarDay(t.db, actor, input).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ForbiddenError);
      expect((error as ForbiddenError).reason).toBe("permission");
      await expect(removeCalendarDay(t.db, actor, "2026-10-01")).rejects.toBeInstanceOf(ForbiddenError);
    }
    const error = await setCalendarDay(t.db, countyAdmin, input).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ForbiddenError);
    expect((error as ForbiddenError).reason).toBe("scope");
    await expect(removeCalendarDay(t.db, countyAdmin, "2026-10-01")).rejects.toBeInstanceOf(ForbiddenError);
    expect(await calendarRows()).toEqual(rows);
    expect(await auditCount()).toBe(audits);
  });

  const good = { day: "2027-02-06", kind: "holiday", nameZh: "春节", nameEn: "Spring Festival", reference: "通知" };
  it.each([
    [{ ...good, day: "2026-02-30" }, { day: "calendar.dayInvalid" }],
    [{ ...good, day: "2026-2-3" }, { day: "calendar.dayInvalid" }],
    [{ ...good, day: "1899-12-31" }, { day: "calendar.dayInvalid" }],
    [{ ...good, day: undefined }, { day: "calendar.dayInvalid" }],
    [{ ...good, kind: "vacation" }, { kind: "calendar.kindInvalid" }],
    [{ ...good, nameZh: "" }, { nameZh: "validation.required" }],
    [{ ...good, nameEn: "   " }, { nameEn: "validation.required" }],
    [{ ...good, reference: "" }, { reference: "validation.required" }],
    [{ ...good, nameZh: "节".repeat(101) }, { nameZh: "validation.tooLong" }],
    [{ ...good, day: "2027-02-03", kind: "workday" }, { kind: "calendar.workdayNotWeekend" }], // a Wednesday
  ])("refuses bad input %# with a field key and changes nothing", async (input, expected) => {
    const rows = await calendarRows();
    const audits = await auditCount();
    const error = await setCalendarDay(t.db, cityAdmin, input).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fieldErrors).toMatchObject(expected);
    expect(await calendarRows()).toEqual(rows);
    expect(await auditCount()).toBe(audits);
  });
});
