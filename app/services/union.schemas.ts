// Forms of the union's work on employer-run childcare (用人单位办托): nominations for 全国爱心托育用人单位
// and union grants — shared by react-hook-form in the browser and the service on the server. Messages are
// i18n keys (with "|{json}" parameters where the message names a bound). The programme profile itself is a
// facility form (facilities.schemas.ts, programmeProfileSchema).
import { z } from "zod";
import { isValidDate } from "../../rules/engine/dates";
import { todayInShanghai } from "../utils/format";

/** 全国爱心托育用人单位 has been awarded since 2022 (DOMAIN.md); the database refuses earlier years too. */
export const FIRST_NOMINATION_YEAR = 2022;
/** Union grants recorded from 2000 on (older ones are not administered here). */
export const FIRST_GRANT_YEAR = 2000;
/** 10,000,000 元: far above any union grant (10万–15万 per unit); a larger figure is a typing error. */
export const MAX_GRANT_FEN = 1_000_000_000;

/** The latest year that can be typed: next year (a grant or nomination for the coming round). */
export function latestYear(today: string = todayInShanghai()): number {
  return Number(today.slice(0, 4)) + 1;
}

const blank = (v: unknown) => v === undefined || v === null || (typeof v === "string" && v.trim() === "");

const text = (max: number) =>
  z.preprocess(
    (v) => (typeof v === "string" ? v.trim() : v),
    z.string({ error: "validation.required" }).min(1, { error: "validation.required" }).max(max, { error: "validation.tooLong" }),
  );

const optionalText = (max: number) =>
  z.preprocess((v) => (blank(v) ? undefined : typeof v === "string" ? v.trim() : v), z.string().max(max, { error: "validation.tooLong" }).optional());

/** A year between `min` and next year; anything else (2019, 2100, "20x6") names the allowed range. */
const yearMessage = (min: number) => `union.validation.year|${JSON.stringify({ min, max: latestYear() })}`;
const year = (min: number) =>
  z.preprocess(
    (v) => (blank(v) ? undefined : typeof v === "string" ? (/^\d{1,4}$/.test(v.trim()) ? Number(v.trim()) : Number.NaN) : v),
    z
      .number({ error: (issue) => (issue.input === undefined ? "validation.required" : yearMessage(min)) })
      .int({ error: () => yearMessage(min) })
      .superRefine((value, ctx) => {
        if (value < min || value > latestYear()) ctx.addIssue({ code: "custom", message: yearMessage(min) });
      }),
  );

/** Money typed in yuan ("10000", "1,500.50") → integer fen; NaN for anything else (a minus sign too). */
export function yuanToFen(v: unknown): unknown {
  if (typeof v === "number") return Number.isFinite(v) ? Math.round(v * 100) : Number.NaN;
  if (blank(v)) return undefined;
  if (typeof v !== "string") return Number.NaN;
  const s = v.trim().replace(/[,，\s]/g, "");
  if (!/^\d{1,9}(\.\d{1,2})?$/.test(s)) return Number.NaN;
  const [whole = "0", frac = ""] = s.split(".");
  return Number(whole) * 100 + Number(frac.padEnd(2, "0"));
}

const fen = (min: number, message: string) =>
  z
    .number({ error: (issue) => (issue.input === undefined ? "validation.required" : message) })
    .int({ error: message })
    .min(min, { error: message })
    .max(MAX_GRANT_FEN, { error: message });

/** A calendar date, not in the future: what happened (a decision, a payment) has a date that has passed. */
const pastDate = z.preprocess(
  (v) => (blank(v) ? undefined : v),
  z
    .string({ error: "validation.required" })
    .refine(isValidDate, { error: "union.validation.date" })
    .refine((v) => v <= todayInShanghai(), { error: "union.validation.futureDate" }),
);

/** The union directory's openness filter (the page's select and the service's WHERE clause). */
export const OPENNESS_FILTERS = ["own_only", "other_employers", "residents"] as const;

export const nominationSchema = z.object({
  year: year(FIRST_NOMINATION_YEAR),
  notes: optionalText(2000),
});

/** The steps after a nomination: the province recommends it, then the award is decided. */
// (the status list lives in db/schema/union.ts; it is repeated here so the browser bundle stays free of drizzle)
export const DECISION_STATUSES = ["recommended", "awarded", "not_awarded"] as const;

export const nominationDecisionSchema = z.object({
  status: z.enum(DECISION_STATUSES, { error: "union.validation.choice" }),
  on: pastDate,
  notes: optionalText(2000),
});

export const grantSchema = z.object({
  programmeName: text(100),
  year: year(FIRST_GRANT_YEAR),
  amount: z.preprocess(yuanToFen, fen(1, "union.validation.amount")),
  matching: z.preprocess(yuanToFen, fen(0, "union.validation.matching").optional()),
  grantedOn: pastDate,
  reference: text(100),
});

export type NominationInput = z.output<typeof nominationSchema>;
export type NominationDecisionInput = z.output<typeof nominationDecisionSchema>;
export type GrantInput = z.output<typeof grantSchema>;
