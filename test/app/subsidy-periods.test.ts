// Issue #13 in the subsidy batches: money follows the policy fixes end to end. A public facility whose
// roster cannot staff its classes is not paid; each county's period rule decides the months a filing starts
// and ends (怀远 whole months, 龙子湖 pro rata by days, 五河 children meeting the attendance minimum); the
// period rule is part of a county's standard, and a demo (provisional) rule blocks approval.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../app/auth/session.server";
import { ConflictError } from "../../app/services/errors";
import { approveBatch, prepareBatch, type StoredDecision } from "../../app/services/subsidy.server";
import type { Db } from "../../db/client";
import { organisations, subsidyLines } from "../../db/schema";
import { daysInMonth } from "../../rules/engine/dates";
import { createTestDb, DB_KINDS, type TestDb } from "../db/harness";
import { makeOrganisation } from "./fixtures";
import { actor, enterStandard, makeFacility, P1 } from "./subsidy-fixtures";

const HUAIYUAN = "340321"; // whole months (the city default, and the county's standard below)
const LONGZIHU = "340302"; // pro rata by the days filed
const WUHE = "340322"; // children attending at least 10 days
const DAYS = daysInMonth(Number(P1.slice(0, 4)), Number(P1.slice(5, 7)));
const RATE = 30_000;

for (const kind of DB_KINDS) {
  describe(`subsidy period rules and standards in batches (${kind})`, () => {
    let t: TestDb;
    let db: Db;
    const ids = {} as Record<string, string>;
    const people = {} as Record<"huaiyuan" | "longzihu" | "wuhe" | "finance", Actor>;

    async function linesOf(jurisdictionCode: string, who: Actor) {
      const { batchId } = await prepareBatch(db, who, { jurisdictionCode, period: P1 });
      const lines = await db.select().from(subsidyLines).where(eq(subsidyLines.batchId, batchId));
      return { batchId, byFacility: new Map(lines.map((l) => [l.facilityId, l])) };
    }

    beforeAll(async () => {
      t = await createTestDb(kind);
      db = t.db;
      const publicOrg = await makeOrganisation(db, HUAIYUAN, "怀远县机关幼儿托育中心");
      await db.update(organisations).set({ ownership: "public" }).where(eq(organisations.id, publicOrg));
      const privateOrg = await makeOrganisation(db, LONGZIHU, "龙子湖禾苗托育");
      const wuheOrg = await makeOrganisation(db, WUHE, "五河托育");
      people.huaiyuan = await actor(db, "hy-rev", ["reviewer"], { jurisdictionCode: HUAIYUAN });
      people.longzihu = await actor(db, "lzh-rev", ["reviewer"], { jurisdictionCode: LONGZIHU });
      people.wuhe = await actor(db, "wh-rev", ["reviewer"], { jurisdictionCode: WUHE });
      people.finance = await actor(db, "fin", ["finance_officer"], { jurisdictionCode: "340300" });
      const toddlers = [{ type: "toddler" as const, enrolled: 15, caregivers: 3 }];
      // public, so inclusive without applying: 3 caregivers needed by ratio, 3 declared
      ids.publicStaffed = await makeFacility(db, publicOrg, { name: "公办达标", slots: 20, ownership: "public", classes: toddlers, rosterCaregivers: 3, children: { [P1]: 15 } });
      ids.publicShort = await makeFacility(db, publicOrg, { name: "公办缺人", slots: 20, ownership: "public", classes: toddlers, rosterCaregivers: 1, children: { [P1]: 15 } });
      // filed on the 28th of the month: no whole month in 怀远
      ids.lateHuaiyuan = await makeFacility(db, publicOrg, { name: "怀远月末备案", slots: 20, ownership: "public", filedOn: `${P1}-28`, children: { [P1]: 10 } });
      // 龙子湖区: filed on the 28th, and cancelled on the 15th — both paid by their days
      ids.lateLongzihu = await makeFacility(db, privateOrg, { name: "龙子湖月末备案", jurisdiction: LONGZIHU, slots: 20, certifiedSlots: 20, filedOn: `${P1}-28`, children: { [P1]: 10 } });
      ids.cancelledLongzihu = await makeFacility(db, privateOrg, {
        name: "龙子湖月中注销",
        jurisdiction: LONGZIHU,
        slots: 20,
        certifiedSlots: 20,
        filingState: "cancelled",
        cancelledOn: `${P1}-15`,
        children: { [P1]: 10 },
      });
      // 五河县: 12 full-day children, 9 of them attended the minimum days
      ids.attendance = await makeFacility(db, wuheOrg, { name: "五河出勤", jurisdiction: WUHE, slots: 20, certifiedSlots: 20, children: { [P1]: 12 }, attending: { [P1]: 9 } });
      ids.noAttendance = await makeFacility(db, wuheOrg, { name: "五河未报出勤", jurisdiction: WUHE, slots: 20, certifiedSlots: 20, children: { [P1]: 12 } });
    }, 120_000);

    afterAll(async () => {
      await t?.close();
    });

    it("pays a public facility only while its roster staffs its classes by ratio", async () => {
      await enterStandard(db, HUAIYUAN, "2025-01-01", RATE, 15_000);
      const { byFacility } = await linesOf(HUAIYUAN, people.huaiyuan);
      expect(byFacility.get(ids.publicStaffed)).toMatchObject({ payable: true, amountFen: 15 * RATE });
      const short = byFacility.get(ids.publicShort);
      expect(short).toMatchObject({ payable: false, amountFen: 0, reasons: ["subsidy.meets_standards"] });
      const standards = (short?.decision as StoredDecision).conditions.find(([id]) => id === "subsidy.meets_standards");
      expect(standards).toEqual(["subsidy.meets_standards", "unmet", { staffing: "unmet", failing: ["staff.roster_covers_ratio"] }]);
    });

    it("under 怀远's whole-month rule a facility filed on the 28th is not paid for that month", async () => {
      const { byFacility } = await linesOf(HUAIYUAN, people.huaiyuan);
      expect(byFacility.get(ids.lateHuaiyuan)).toMatchObject({ payable: false, amountFen: 0, reasons: ["subsidy.period_rule"] });
    });

    it("under 龙子湖's pro-rata rule the month a filing starts and the month it ends are paid by their days", async () => {
      await enterStandard(db, LONGZIHU, "2025-01-01", RATE, 15_000, 10, "pro_rata_days");
      const { byFacility } = await linesOf(LONGZIHU, people.longzihu);
      const late = DAYS - 28 + 1;
      expect(byFacility.get(ids.lateLongzihu)).toMatchObject({ payable: true, amountFen: Math.round((10 * RATE * late) / DAYS) });
      expect(byFacility.get(ids.cancelledLongzihu)).toMatchObject({ payable: true, amountFen: Math.round((10 * RATE * 14) / DAYS) });
      const decision = byFacility.get(ids.cancelledLongzihu)?.decision as StoredDecision;
      expect(decision.details).toMatchObject({ periodRule: "pro_rata_days", filedDays: 14, judgedOn: `${P1}-14` });
    });

    it("under 五河's attendance rule only the children meeting the minimum are paid; a demo rule blocks approval until the county enters its own", async () => {
      const demo = await linesOf(WUHE, people.wuhe);
      // the built-in 五河 values are demo (provisional): 200 元, attendance minimum 10 days
      expect(demo.byFacility.get(ids.attendance)).toMatchObject({ payable: true, amountFen: 9 * 20_000, provisional: true });
      expect(demo.byFacility.get(ids.noAttendance)).toMatchObject({ payable: false, reasons: ["missing:enrolment.attendingFullDayChildren"] });
      await expect(approveBatch(db, people.finance, demo.batchId)).rejects.toBeInstanceOf(ConflictError);
    });
  });
}
