// Forms of guided-price schedules and fee declarations (shared by browser and server; messages are keys).
import { z } from "zod";
import { isValidDate } from "../../rules/engine/dates";
import { CLASS_TYPES, SERVICE_TYPES } from "../../rules/snapshot";

/** Money typed in yuan (e.g. "1800" or "1800.50") → integer fen; negative or malformed amounts refused. */
export const yuanToFen = z.preprocess(
  (v) => {
    if (typeof v === "number") return Math.round(v * 100);
    if (typeof v !== "string" || v.trim() === "") return undefined;
    const s = v.trim().replace(/,/g, "");
    if (!/^\d{1,7}(\.\d{1,2})?$/.test(s)) return Number.NaN;
    const [whole, frac = ""] = s.split(".");
    return Number(whole) * 100 + Number(frac.padEnd(2, "0"));
  },
  z.number({ error: "pricing.amount" }).int({ error: "pricing.amount" }).min(0, { error: "pricing.amount" }),
);

const date = z.string({ error: "filing.validation.date" }).refine(isValidDate, { error: "filing.validation.date" });
const text = (max: number) => z.string({ error: "validation.required" }).trim().min(1, { error: "validation.required" }).max(max, { error: "validation.tooLong" });

export const capRowSchema = z.object({
  classType: z.enum(CLASS_TYPES, { error: "filing.validation.choice" }),
  serviceType: z.enum(SERVICE_TYPES, { error: "filing.validation.choice" }),
  capFen: yuanToFen,
});

export const scheduleSchema = z
  .object({
    jurisdictionCode: text(20),
    effectiveFrom: date,
    mode: z.enum(["caps", "formula"], { error: "filing.validation.choice" }),
    caps: z.array(capRowSchema).optional(),
    referenceMonthlyIncome: yuanToFen.optional(),
    fullDaySharePercent: z.preprocess(
      (v) => (v === "" || v === undefined ? undefined : Number(v)),
      z.number({ error: "pricing.share" }).gt(0, { error: "pricing.share" }).max(100, { error: "pricing.share" }).optional(),
    ),
    referenceDocument: text(200),
    referenceClause: text(100),
    referenceUrl: z.preprocess((v) => (v === "" ? undefined : v), z.string().url({ error: "pricing.url" }).optional()),
  })
  .superRefine((v, ctx) => {
    if (v.mode === "caps") {
      if (!v.caps || v.caps.length === 0) ctx.addIssue({ code: "custom", path: ["caps"], message: "pricing.capsRequired" });
      const seen = new Set<string>();
      for (const [i, row] of (v.caps ?? []).entries()) {
        const key = `${row.classType}/${row.serviceType}`;
        if (seen.has(key)) ctx.addIssue({ code: "custom", path: ["caps", i, "serviceType"], message: "pricing.capDuplicate" });
        seen.add(key);
      }
    }
    if (v.mode === "formula" && v.referenceMonthlyIncome === undefined) ctx.addIssue({ code: "custom", path: ["referenceMonthlyIncome"], message: "pricing.incomeRequired" });
  });

export const feeSchema = z
  .object({
    kind: z.enum(["basic", "other"], { error: "filing.validation.choice" }),
    classType: z.preprocess((v) => (v === "" ? undefined : v), z.enum(CLASS_TYPES, { error: "filing.validation.choice" }).optional()),
    serviceType: z.preprocess((v) => (v === "" ? undefined : v), z.enum(SERVICE_TYPES, { error: "filing.validation.choice" }).optional()),
    name: z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), z.string().trim().max(50, { error: "validation.tooLong" }).optional()),
    amount: yuanToFen,
  })
  .superRefine((v, ctx) => {
    if (v.kind === "basic") {
      if (!v.classType) ctx.addIssue({ code: "custom", path: ["classType"], message: "filing.validation.choice" });
      if (!v.serviceType) ctx.addIssue({ code: "custom", path: ["serviceType"], message: "filing.validation.choice" });
    } else if (!v.name) ctx.addIssue({ code: "custom", path: ["name"], message: "validation.required" });
  });
