// Forms of the subsidy batches (issue #7): preparing a batch (reviewer) and recording its payment
// (finance officer). Shared by react-hook-form in the browser and subsidy.server.ts; messages are i18n
// keys under `batches.`. The service adds what needs the clock or the database (a month that has not
// ended, a date in the future or before the approval, the jurisdiction's level and scope).
import { z } from "zod";
import { isValidMonth } from "../../rules/engine/dates";

/** A batch's month, `YYYY-MM`. */
export const batchPeriodSchema = z
  .string()
  .trim()
  .refine((v) => /^\d{4}-\d{2}$/.test(v) && isValidMonth(v), "batches.periodInvalid");

export const prepareSchema = z.object({
  jurisdictionCode: z.string().trim().min(1, "batches.jurisdictionRequired"),
  period: batchPeriodSchema,
});

export type PrepareInput = z.input<typeof prepareSchema>;

export const paidSchema = z.object({
  paymentReference: z.string().trim().min(3, "batches.referenceRequired").max(100, "batches.referenceTooLong"),
  paidOn: z
    .string()
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "batches.dateInvalid"),
});

export type PaidInput = z.input<typeof paidSchema>;
