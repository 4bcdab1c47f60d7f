import { describe, expect, it } from "vitest";
import { addDays, addMonths, addYears, firstDayOfNextMonth, isValidDate, isValidMonth, lastDayOfMonth, monthsCovered } from "../../rules/engine/dates";
import { roundHalfUp } from "../../rules/engine/numbers";

describe("calendar arithmetic on YYYY-MM-DD", () => {
  it("adds months clamped to the month's end: 08-31 + 6 months = 02-28 or 02-29", () => {
    expect(addMonths("2025-08-31", 6)).toBe("2026-02-28");
    expect(addMonths("2023-08-31", 6)).toBe("2024-02-29");
    expect(addMonths("2026-01-31", 1)).toBe("2026-02-28");
    expect(addMonths("2026-03-31", -1)).toBe("2026-02-28");
    expect(addMonths("2026-05-01", -36)).toBe("2023-05-01");
  });

  it("adds years: 02-29 + 7 years = 02-28", () => {
    expect(addYears("2020-02-29", 7)).toBe("2027-02-28");
    expect(addYears("2020-02-29", 4)).toBe("2024-02-29");
  });

  it("adds and subtracts days across months and years", () => {
    expect(addDays("2026-01-01", -1)).toBe("2025-12-31");
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addDays("2025-02-28", 1)).toBe("2025-03-01");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2026-03-01", 400)).toBe("2027-04-05");
  });

  it("knows the last day of a month and the first of the next", () => {
    expect(lastDayOfMonth("2026-02")).toBe("2026-02-28");
    expect(lastDayOfMonth("2028-02")).toBe("2028-02-29");
    expect(lastDayOfMonth("2026-04")).toBe("2026-04-30");
    expect(firstDayOfNextMonth("2026-12-31")).toBe("2027-01-01");
    expect(firstDayOfNextMonth("2026-05-01")).toBe("2026-06-01");
  });

  it("refuses impossible dates and months", () => {
    expect(isValidDate("2026-02-30")).toBe(false);
    expect(isValidDate("2026-13-01")).toBe(false);
    expect(isValidDate("2024-02-29")).toBe(true);
    expect(isValidDate("2100-02-29")).toBe(false);
    expect(isValidDate("2026-2-1")).toBe(false);
    expect(isValidMonth("2026-00")).toBe(false);
    expect(isValidMonth("2026-12")).toBe(true);
  });

  it("counts whole months covered by an inclusive range", () => {
    expect(monthsCovered("2023-01-01", "2025-12-31")).toBe(36);
    expect(monthsCovered("2023-01-01", "2025-12-30")).toBe(35);
    // 01-31 + 1 month clamps to 02-29, so 01-31..02-28 is one whole month.
    expect(monthsCovered("2024-01-31", "2024-02-27")).toBe(0);
    expect(monthsCovered("2024-01-31", "2024-02-28")).toBe(1);
  });
});

describe("money", () => {
  it("rounds half up to the fen, immune to binary noise", () => {
    expect(roundHalfUp(0.5)).toBe(1);
    expect(roundHalfUp(2942.6)).toBe(2943);
    expect(roundHalfUp(14712.5)).toBe(14713);
    expect(roundHalfUp(12345 * 0.6)).toBe(7407);
    expect(roundHalfUp(1.005 * 1000)).toBe(1005);
  });
});
