// Forms of the operating subsidy's inputs (issue #7): a county's subsidy standard (administrator), a
// facility's bank details and its monthly enrolment report (operator), and a reviewer's return reason.
// Shared by react-hook-form in the browser and the service functions; messages are i18n keys. The
// services add the checks that need the database (scope, overlaps, class capacities, the month's days).
import { z } from "zod";
import { isValidDate, isValidMonth } from "../../rules/engine/dates";
import { SUBSIDY_PERIOD_RULES } from "../../rules/vocabulary";

const blank = (v: unknown) => v === undefined || v === null || (typeof v === "string" && v.trim() === "");

const requiredText = (max: number) =>
  z.preprocess(
    (v) => (typeof v === "string" ? v.trim() : v),
    z.string({ error: "subsidy.errors.required" }).min(1, { error: "subsidy.errors.required" }).max(max, { error: "subsidy.errors.tooLong" }),
  );

const optionalText = (max: number) =>
  z.preprocess((v) => (blank(v) ? undefined : typeof v === "string" ? v.trim() : v), z.string().max(max, { error: "subsidy.errors.tooLong" }).optional());

const requiredDate = z.preprocess(
  (v) => (typeof v === "string" ? v.trim() : v),
  z.string({ error: "subsidy.errors.date" }).refine(isValidDate, { error: "subsidy.errors.date" }),
);

const optionalDate = z.preprocess(
  (v) => (blank(v) ? undefined : typeof v === "string" ? v.trim() : v),
  z.string({ error: "subsidy.errors.date" }).refine(isValidDate, { error: "subsidy.errors.date" }).optional(),
);

/**
 * A per-child monthly amount typed in yuan ("500", "500.5", "1,200.00") → integer fen. Positive: a county
 * that pays nothing enters no standard (or ends one with an end date) rather than a rate of zero, which
 * would put the measure in force and make every line worth ¥0.00.
 */
export const yuanAmount = z.preprocess(
  (v) => {
    if (typeof v === "number") return Number.isFinite(v) ? Math.round(v * 100) : Number.NaN;
    if (typeof v !== "string" || v.trim() === "") return undefined;
    const s = v.trim().replace(/,/g, "");
    if (!/^\d{1,6}(\.\d{1,2})?$/.test(s)) return Number.NaN;
    const [whole = "0", frac = ""] = s.split(".");
    return Number(whole) * 100 + Number(frac.padEnd(2, "0"));
  },
  z
    .number({ error: "subsidy.errors.amount" })
    .int({ error: "subsidy.errors.amount" })
    .positive({ error: "subsidy.errors.amountPositive" })
    .max(10_000_000, { error: "subsidy.errors.amount" }),
);

const whole = (message: string, min: number, max: number) =>
  z.preprocess(
    (v) => (typeof v === "string" ? (v.trim() === "" ? undefined : /^-?\d+$/.test(v.trim()) ? Number(v.trim()) : Number.NaN) : v),
    z.number({ error: message }).int({ error: message }).min(min, { error: message }).max(max, { error: message }),
  );

// ---- local subsidy standard --------------------------------------------------------------------------

export const standardSchema = z
  .object({
    jurisdictionCode: requiredText(20),
    effectiveFrom: requiredDate,
    effectiveTo: optionalDate,
    perChildMonth: yuanAmount,
    perChildMonthKindergartenClass: yuanAmount,
    maxMonthsPerYear: whole("subsidy.errors.months", 1, 12),
    // how a month counts (subsidy.operating.period_rule), and the attendance minimum where that is the rule
    periodRule: z.enum(SUBSIDY_PERIOD_RULES, { error: "subsidy.errors.periodRule" }),
    minAttendanceDays: z.preprocess((v) => (blank(v) ? undefined : v), whole("subsidy.errors.attendanceDays", 1, 31).optional()),
    referenceDocument: requiredText(200),
    referenceClause: requiredText(100),
    referenceUrl: z.preprocess(
      (v) => (blank(v) ? undefined : typeof v === "string" ? v.trim() : v),
      z
        .string()
        .max(500, { error: "subsidy.errors.tooLong" })
        .refine((s) => /^https?:\/\/\S+$/i.test(s), { error: "subsidy.errors.url" })
        .optional(),
    ),
  })
  .superRefine((v, ctx) => {
    if (v.effectiveTo !== undefined && v.effectiveTo < v.effectiveFrom) ctx.addIssue({ code: "custom", path: ["effectiveTo"], message: "subsidy.errors.endBeforeStart" });
    if (v.periodRule === "minimum_attendance_days" && v.minAttendanceDays === undefined) ctx.addIssue({ code: "custom", path: ["minAttendanceDays"], message: "subsidy.errors.attendanceDays" });
  });

export type StandardInput = z.input<typeof standardSchema>;
export type Standard = z.output<typeof standardSchema>;

// ---- bank details ------------------------------------------------------------------------------------

/** Digits only, 8–30, once spaces are taken out (a number copied as "6222 0212 3456 7890" is fine). */
export const ACCOUNT_NUMBER = /^[0-9]{8,30}$/;

export const bankAccountSchema = z.object({
  accountName: requiredText(100),
  bankName: requiredText(100),
  accountNumber: z.preprocess(
    (v) => (typeof v === "string" ? v.replace(/[\s\u3000]+/g, "") : v),
    z.string({ error: "subsidy.errors.required" }).min(1, { error: "subsidy.errors.required" }).regex(ACCOUNT_NUMBER, { error: "subsidy.errors.accountNumber" }),
  ),
});

export type BankAccountInput = z.input<typeof bankAccountSchema>;

/** An account number shown in lists: stars for every digit but the last four. Browser-safe. */
export function maskAccountNumber(accountNumber: string): string {
  const digits = accountNumber.trim();
  if (digits.length <= 4) return "*".repeat(digits.length);
  return `${"*".repeat(digits.length - 4)}${digits.slice(-4)}`;
}

// ---- enrolment reports -------------------------------------------------------------------------------

/** A month of a report: `YYYY-MM`. */
export const periodSchema = z.string({ error: "subsidy.enrolment.errors.period" }).trim().refine(isValidMonth, { error: "subsidy.enrolment.errors.period" });

export const ENROLMENT_COUNT_FIELDS = [
  "fullDayInfant",
  "fullDayToddler",
  "fullDayOlderToddler",
  "fullDayMixed",
  "otherInfant",
  "otherToddler",
  "otherOlderToddler",
  "otherMixed",
  "kindergartenClassChildren",
] as const;
export type EnrolmentCountField = (typeof ENROLMENT_COUNT_FIELDS)[number];

/** The full-day and other (half-day, hourly, temporary) fields of each class type. */
export const CLASS_TYPE_FIELDS = {
  infant: { fullDay: "fullDayInfant", other: "otherInfant" },
  toddler: { fullDay: "fullDayToddler", other: "otherToddler" },
  older_toddler: { fullDay: "fullDayOlderToddler", other: "otherOlderToddler" },
  mixed: { fullDay: "fullDayMixed", other: "otherMixed" },
} as const satisfies Record<string, { fullDay: EnrolmentCountField; other: EnrolmentCountField }>;

// a blank count is 0 (a class type the facility does not run); a negative or fractional one is refused
const count = z.preprocess(
  (v) => (blank(v) ? 0 : typeof v === "string" ? (/^-?\d+$/.test(v.trim()) ? Number(v.trim()) : Number.NaN) : v),
  z.number({ error: "subsidy.enrolment.errors.count" }).int({ error: "subsidy.enrolment.errors.count" }).min(0, { error: "subsidy.enrolment.errors.count" }).max(100_000, { error: "subsidy.enrolment.errors.count" }),
);

export const enrolmentSchema = z.object({
  fullDayInfant: count,
  fullDayToddler: count,
  fullDayOlderToddler: count,
  fullDayMixed: count,
  otherInfant: count,
  otherToddler: count,
  otherOlderToddler: count,
  otherMixed: count,
  kindergartenClassChildren: count,
  // the month's own length is checked by the service (it knows the period)
  daysOpen: whole("subsidy.enrolment.errors.daysOpen", 0, 31),
  // full-day children who attended at least the county's minimum days; blank = not reported (only a
  // minimum_attendance_days scheme needs it)
  fullDayAttending: z.preprocess((v) => (blank(v) ? undefined : v), whole("subsidy.enrolment.errors.count", 0, 100_000).optional()),
  note: optionalText(500),
});

export type EnrolmentInput = z.input<typeof enrolmentSchema>;
export type EnrolmentContent = z.output<typeof enrolmentSchema>;

/** Full-day children of a report (what the subsidy counts): every class type's full-day count plus the 托班. */
export function fullDayChildrenOf(content: Pick<EnrolmentContent, EnrolmentCountField>): number {
  return content.fullDayInfant + content.fullDayToddler + content.fullDayOlderToddler + content.fullDayMixed + content.kindergartenClassChildren;
}

export const returnEnrolmentSchema = z.object({ reason: requiredText(500) });
