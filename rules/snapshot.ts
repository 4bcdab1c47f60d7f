// The snapshot: the facts about one facility that the rules read (RULES.md "Snapshot (input)").
// Shapes only: business validity (a wrong USCC check character, a class of 16) is the conditions' job.
// Absent or null means unknown, except where RULES.md gives null a meaning (validUntil: null = does not
// expire; leaseEndsOn: null = open-ended; level: null = no levels; employer/kindergarten: null = not that
// kind). A present list is complete. Unknown extra fields are stripped.

import { z } from "zod";
import { findJurisdiction } from "./jurisdictions";
import { isValidDate, isValidMonth } from "./engine/dates";
import { isUsccShape } from "./identifiers";
import type { Text } from "./engine/types";
import {
  LEGAL_FORMS,
  OWNERSHIPS,
  FACILITY_KINDS,
  SERVICE_TYPES,
  TENURES,
  KINDERGARTEN_OWNERSHIPS,
  FILING_STATUSES,
  DOCUMENT_KINDS,
  STAFF_ROLES,
  EDUCATION_LEVELS,
  QUALIFICATION_KINDS,
  CLASS_TYPES,
  INCLUSIVE_STATUSES,
  SEVERITIES,
} from "./vocabulary";

// The vocabularies stay importable from here, where the snapshot is described.
export * from "./vocabulary";

function bilingual(zh: string, en: string): { params: Text } {
  return { params: { zh, en } };
}

const date = z.string().superRefine((value, ctx) => {
  if (isValidDate(value)) return;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) ctx.addIssue({ code: "custom", ...bilingual(`日期不存在：${value}`, `No such date: ${value}`) });
  else ctx.addIssue({ code: "custom", ...bilingual(`日期格式应为 YYYY-MM-DD：${value}`, `A date must be YYYY-MM-DD: ${value}`) });
});

const month = z.string().superRefine((value, ctx) => {
  if (!isValidMonth(value)) ctx.addIssue({ code: "custom", ...bilingual(`月份格式应为 YYYY-MM：${value}`, `A month must be YYYY-MM: ${value}`) });
});

const count = z.number().int().nonnegative();
const fen = z.number().int().nonnegative();

const uscc = z.string().superRefine((value, ctx) => {
  if (!isUsccShape(value)) {
    ctx.addIssue({
      code: "custom",
      ...bilingual(
        `统一社会信用代码应为 18 位（数字及大写字母，不含 I、O、S、V、Z）：${value}`,
        `A unified social credit code is 18 characters (digits and capitals except I, O, S, V, Z): ${value}`,
      ),
    });
  }
});

const jurisdiction = z.string().superRefine((value, ctx) => {
  if (!findJurisdiction(value)) ctx.addIssue({ code: "custom", ...bilingual(`未知的行政区划代码：${value}`, `Unknown jurisdiction code: ${value}`) });
});

const operatorSchema = z.object({
  name: z.string().nullish(),
  uscc: uscc.nullish(),
  legalForm: z.enum(LEGAL_FORMS).nullish(),
  ownership: z.enum(OWNERSHIPS).nullish(),
  businessScopeIncludesChildcare: z.boolean().nullish(),
});

const facilitySchema = z.object({
  kind: z.enum(FACILITY_KINDS).nullish(),
  openedOn: date.nullish(),
  serviceTypes: z.array(z.enum(SERVICE_TYPES)).nullish(),
  totalSlots: count.nullish(),
  mealsProvided: z.boolean().nullish(),
  premises: z
    .object({
      tenure: z.enum(TENURES).nullish(),
      leaseStartsOn: date.nullish(),
      leaseEndsOn: date.nullish(),
      stateOwned: z.boolean().nullish(),
    })
    .nullish(),
  employer: z
    .object({
      name: z.string().nullish(),
      mainlyForOwnEmployees: z.boolean().nullish(),
      openToOtherEmployers: z.boolean().nullish(),
    })
    .nullish(),
  kindergarten: z.object({ ownership: z.enum(KINDERGARTEN_OWNERSHIPS).nullish() }).nullish(),
});

const qualificationSchema = z.object({
  kind: z.enum(QUALIFICATION_KINDS).nullish(),
  level: z.number().int().min(1).max(5).nullish(),
  validUntil: date.nullish(),
  proofDocument: z.boolean().nullish(),
});

const staffSchema = z.object({
  id: z.string().nullish(),
  role: z.enum(STAFF_ROLES).nullish(),
  education: z.enum(EDUCATION_LEVELS).nullish(),
  yearsOfRelevantExperience: z.number().nonnegative().nullish(),
  qualifications: z.array(qualificationSchema).nullish(),
  healthCertificateValidUntil: date.nullish(),
  healthCertificateIssuedOn: date.nullish(),
  backgroundCheckOn: date.nullish(),
  laborContract: z.boolean().nullish(),
  socialInsurance: z.boolean().nullish(),
});

export const snapshotSchema = z.object({
  jurisdiction,
  asOf: date.nullish(),
  operator: operatorSchema,
  facility: facilitySchema,
  filing: z.object({ status: z.enum(FILING_STATUSES).nullish(), filedOn: date.nullish(), cancelledOn: date.nullish() }),
  documents: z
    .array(z.object({ kind: z.enum(DOCUMENT_KINDS).nullish(), issuedOn: date.nullish(), validUntil: date.nullish(), passed: z.boolean().nullish() }))
    .nullish(),
  staff: z.array(staffSchema).nullish(),
  classes: z
    .array(z.object({ type: z.enum(CLASS_TYPES).nullish(), enrolled: count.nullish(), caregivers: count.nullish(), youngestAgeMonths: count.nullish() }))
    .nullish(),
  fees: z.array(z.object({ classType: z.enum(CLASS_TYPES).nullish(), serviceType: z.enum(SERVICE_TYPES).nullish(), amountFen: fen.nullish() })).nullish(),
  inclusive: z
    .object({
      status: z.enum(INCLUSIVE_STATUSES).nullish(),
      certifiedSlots: count.nullish(),
      validFrom: date.nullish(),
      validUntil: date.nullish(),
    })
    .nullish(),
  safetyIncidents: z.array(z.object({ on: date.nullish(), severity: z.enum(SEVERITIES).nullish() })).nullish(),
  enrolment: z
    .object({
      period: month.nullish(),
      approved: z.boolean().nullish(),
      fullDayChildren: count.nullish(),
      attendingFullDayChildren: count.nullish(),
      subsidisedMonthsThisYear: count.nullish(),
    })
    .nullish(),
});

export type Snapshot = z.infer<typeof snapshotSchema>;
export type StaffMember = NonNullable<Snapshot["staff"]>[number];
export type Qualification = NonNullable<StaffMember["qualifications"]>[number];

export type InputError = { path: string; message: Text };

export type ParseResult = { ok: true; snapshot: Snapshot } | { ok: false; errors: InputError[] };

/** `["staff", 3, "role"]` → `staff[3].role`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out;
}

const TYPE_NAMES: Record<string, Text> = {
  string: { zh: "文本", en: "a string" },
  number: { zh: "数字", en: "a number" },
  int: { zh: "整数", en: "an integer" },
  boolean: { zh: "是/否（true/false）", en: "true or false" },
  object: { zh: "对象", en: "an object" },
  array: { zh: "列表", en: "a list" },
};

function describeInput(input: unknown): string {
  if (input === null) return "null";
  if (Array.isArray(input)) return "list";
  return typeof input;
}

type Issue = z.core.$ZodIssue;

function messageFor(issue: Issue, path: string): Text {
  const params = (issue as { params?: unknown }).params;
  if (issue.code === "custom" && typeof params === "object" && params !== null) {
    const { zh, en } = params as Record<string, unknown>;
    if (typeof zh === "string" && typeof en === "string") return { zh, en };
  }
  const input = (issue as { input?: unknown }).input;
  switch (issue.code) {
    case "invalid_type": {
      if (input === undefined) return { zh: `缺少必填项：${path}`, en: `Required: ${path}` };
      const expected = TYPE_NAMES[issue.expected] ?? { zh: issue.expected, en: issue.expected };
      return { zh: `应为${expected.zh}，收到 ${describeInput(input)}`, en: `Expected ${expected.en}, got ${describeInput(input)}` };
    }
    case "invalid_value": {
      const allowed = issue.values.map((v) => String(v)).join(", ");
      return { zh: `取值无效：${String(input)}；可选值：${allowed}`, en: `Not an allowed value: ${String(input)}; allowed: ${allowed}` };
    }
    case "too_small": {
      if (Number(issue.minimum) === 0) return { zh: `不能为负数：${String(input)}`, en: `Must not be negative: ${String(input)}` };
      return { zh: `不能小于 ${String(issue.minimum)}：${String(input)}`, en: `Must be at least ${String(issue.minimum)}: ${String(input)}` };
    }
    case "too_big":
      return { zh: `不能大于 ${String(issue.maximum)}：${String(input)}`, en: `Must be at most ${String(issue.maximum)}: ${String(input)}` };
    default:
      return { zh: `取值无效（${issue.code}）`, en: `Invalid value (${issue.code})` };
  }
}

/** Refusal errors for a value that is not a snapshot; the same body as HTTP 400 and CLI exit 2. */
export function parseSnapshot(input: unknown): ParseResult {
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    return { ok: false, errors: [{ path: "", message: { zh: "快照应为 JSON 对象", en: "A snapshot must be a JSON object" } }] };
  }
  const parsed = snapshotSchema.safeParse(input, { reportInput: true });
  if (parsed.success) return { ok: true, snapshot: parsed.data };
  const errors = parsed.error.issues.map((issue) => {
    const path = formatPath(issue.path);
    return { path, message: messageFor(issue, path) };
  });
  return { ok: false, errors };
}

/** As parseSnapshot, from JSON text: malformed JSON is a refusal, not an exception. */
export function parseSnapshotJson(text: string): ParseResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { ok: false, errors: [{ path: "", message: { zh: `JSON 格式错误：${detail}`, en: `Malformed JSON: ${detail}` } }] };
  }
  return parseSnapshot(value);
}
