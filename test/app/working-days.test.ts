import { describe, expect, it } from "vitest";
import { CALENDAR_2026 } from "../../db/calendar-2026";
import { addWorkingDays, EMPTY_CALENDAR, isWorkingDay, nextWorkingDayFrom, weekdayOf, workingDaysBetween, type WorkCalendar } from "../../app/utils/working-days";

const CAL_2026: WorkCalendar = {
  holidays: new Set(CALENDAR_2026.filter((d) => d.kind === "holiday").map((d) => d.day)),
  workdays: new Set(CALENDAR_2026.filter((d) => d.kind === "workday").map((d) => d.day)),
};

describe("working days", () => {
  it("knows the weekday of a day whatever the process time zone", () => {
    expect(weekdayOf("2026-01-01")).toBe(4); // 周四, as the notice says
    expect(weekdayOf("2026-02-15")).toBe(0);
    expect(weekdayOf("2026-10-10")).toBe(6);
    expect(weekdayOf("2024-02-29")).toBe(4);
  });

  it("Monday to Friday work, weekends do not, without a calendar", () => {
    expect(isWorkingDay("2026-03-06", EMPTY_CALENDAR)).toBe(true); // Fri
    expect(isWorkingDay("2026-03-07", EMPTY_CALENDAR)).toBe(false); // Sat
    expect(isWorkingDay("2026-03-08", EMPTY_CALENDAR)).toBe(false); // Sun
    expect(isWorkingDay("2026-03-09", EMPTY_CALENDAR)).toBe(true); // Mon
  });

  it("a listed holiday is off even on a weekday; a listed 调休 weekend day is worked", () => {
    expect(isWorkingDay("2026-10-01", CAL_2026)).toBe(false); // Thu, 国庆
    expect(isWorkingDay("2026-02-23", CAL_2026)).toBe(false); // Mon, 春节 正月初七
    expect(isWorkingDay("2026-02-14", CAL_2026)).toBe(true); // Sat, 春节调休
    expect(isWorkingDay("2026-09-20", CAL_2026)).toBe(true); // Sun, 国庆调休
    expect(isWorkingDay("2026-01-04", CAL_2026)).toBe(true); // Sun, 元旦调休
  });

  it("a day listed as both holiday and workday counts as a holiday", () => {
    const cal = { holidays: new Set(["2026-03-07"]), workdays: new Set(["2026-03-07"]) };
    expect(isWorkingDay("2026-03-07", cal)).toBe(false);
  });

  it("submitted on a Friday, 5 working days fall due the next Friday", () => {
    expect(addWorkingDays("2026-03-06", 5, CAL_2026)).toBe("2026-03-13");
  });

  it("submitted on a Monday, 5 working days fall due the next Monday", () => {
    expect(addWorkingDays("2026-03-09", 5, CAL_2026)).toBe("2026-03-16");
  });

  it("a submission on a weekend counts from the next working day", () => {
    expect(addWorkingDays("2026-03-07", 5, CAL_2026)).toBe("2026-03-16"); // Sat → received Mon 03-09
    expect(addWorkingDays("2026-03-08", 5, CAL_2026)).toBe("2026-03-16"); // Sun
    expect(addWorkingDays("2026-03-07", 0, CAL_2026)).toBe("2026-03-09");
    expect(nextWorkingDayFrom("2026-03-09", CAL_2026)).toBe("2026-03-09");
  });

  it("the Spring Festival: the working Saturday before counts, the nine days off do not", () => {
    // Fri 02-13 → Sat 02-14 (调休), then 02-15..23 off → 02-24, 25, 26, 27
    expect(addWorkingDays("2026-02-13", 5, CAL_2026)).toBe("2026-02-27");
    // Thu 02-12 → 02-13, 02-14, 02-24, 02-25, 02-26
    expect(addWorkingDays("2026-02-12", 5, CAL_2026)).toBe("2026-02-26");
    // submitted during the holiday: received Tue 02-24, then 25, 26, 27, Sat 28 (调休), Mon 03-02
    expect(addWorkingDays("2026-02-20", 5, CAL_2026)).toBe("2026-03-02");
    expect(addWorkingDays("2026-02-20", 0, CAL_2026)).toBe("2026-02-24");
    expect(addWorkingDays("2026-02-24", 4, CAL_2026)).toBe("2026-02-28");
  });

  it("National Day 2026: submitted the day before, the due date skips the week off and uses 10-10", () => {
    // Wed 09-30 → 10-08 (Thu), 10-09 (Fri), 10-10 (Sat 调休), 10-12 (Mon), 10-13 (Tue)
    expect(addWorkingDays("2026-09-30", 5, CAL_2026)).toBe("2026-10-13");
    // without the calendar the answer would be 10-07, in the middle of the holiday
    expect(addWorkingDays("2026-09-30", 5, EMPTY_CALENDAR)).toBe("2026-10-07");
  });

  it("the Sunday 调休 before Mid-Autumn counts and Mid-Autumn does not", () => {
    // Fri 09-18 → Sun 09-20 (调休), 09-21, 22, 23, 24
    expect(addWorkingDays("2026-09-18", 5, CAL_2026)).toBe("2026-09-24");
    // Thu 09-24 → 9-25..27 off → 09-28, 29, 30, then 10-01..07 off → 10-08, 10-09
    expect(addWorkingDays("2026-09-24", 5, CAL_2026)).toBe("2026-10-09");
  });

  it("crosses a year end", () => {
    expect(addWorkingDays("2025-12-31", 1, CAL_2026)).toBe("2026-01-04"); // 01-01..03 off, Sun 01-04 worked
    expect(addWorkingDays("2026-12-30", 5, CAL_2026)).toBe("2027-01-06"); // no 2027 data: weekends only
  });

  it("refuses impossible days and counts", () => {
    expect(() => addWorkingDays("2026-02-30", 5, CAL_2026)).toThrow(RangeError);
    expect(() => addWorkingDays("2026-3-1", 5, CAL_2026)).toThrow(RangeError);
    expect(() => addWorkingDays("2026-03-02", -1, CAL_2026)).toThrow(RangeError);
    expect(() => addWorkingDays("2026-03-02", 1.5, CAL_2026)).toThrow(RangeError);
    expect(() => isWorkingDay("not a day", CAL_2026)).toThrow(RangeError);
  });

  it("counts working days between two days, for 'overdue by N working days'", () => {
    expect(workingDaysBetween("2026-03-06", "2026-03-13", CAL_2026)).toBe(5);
    expect(workingDaysBetween("2026-03-06", "2026-03-06", CAL_2026)).toBe(0);
    expect(workingDaysBetween("2026-03-13", "2026-03-06", CAL_2026)).toBe(-5); // due in 5 working days
    expect(workingDaysBetween("2026-09-30", "2026-10-13", CAL_2026)).toBe(5);
    // due Tue 10-13, today Mon 10-19: 14, 15, 16, 19 → overdue by 4
    expect(workingDaysBetween("2026-10-13", "2026-10-19", CAL_2026)).toBe(4);
    // a weekend after the due date is not overdue time
    expect(workingDaysBetween("2026-03-13", "2026-03-15", CAL_2026)).toBe(0);
  });

  it("addWorkingDays and workingDaysBetween agree over the whole of 2026", () => {
    for (let d = "2026-01-01"; d <= "2026-12-31"; d = nextDay(d)) {
      if (!isWorkingDay(d, CAL_2026)) continue;
      expect(workingDaysBetween(d, addWorkingDays(d, 5, CAL_2026), CAL_2026)).toBe(5);
    }
  });
});

function nextDay(day: string): string {
  const t = Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))) + 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}
