// The OpenAPI 3.1 description of the public rules endpoints (RULES.md "Contract"), generated from zod
// schemas so that it cannot drift: the request body is `snapshotSchema` itself; the responses are the zod
// schemas below, tied to the engine's TypeScript types by compile-time checks. Pure: no I/O, no clock.

import { z } from "zod";
import { RULES_VERSION, type Determination, type Evaluation } from "./engine/evaluate";
import type { ConditionTrace, GroupOperator, GroupTrace } from "./engine/measure";
import type { ResolvedParameter, ScheduleEntry } from "./engine/parameters";
import type { NotApplicableReason, Reference, Result, Status, Text } from "./engine/types";
import { PACKAGE_VERSION } from "./engine/version";
import { USCC_ALPHABET } from "./identifiers";
import { JURISDICTIONS } from "./jurisdictions";
import { snapshotSchema, type InputError } from "./snapshot";

// The engine's unions have no runtime lists; these are checked against them below (both directions).
export const STATUSES = ["eligible", "ineligible", "needs_info", "not_applicable"] as const;
export const NOT_APPLICABLE_REASONS = ["not_in_force", "outside_subject"] as const;
export const RESULTS = ["met", "unmet", "unknown"] as const;
export const GROUP_OPERATORS = ["all", "any", "not"] as const;

const DATE_PATTERN = "^\\d{4}-\\d{2}-\\d{2}$";
const MONTH_PATTERN = "^\\d{4}-\\d{2}$";
const JURISDICTION_CODES = JURISDICTIONS.map((j) => j.code) as [string, ...string[]];

type Meta = { id?: string; description?: string; [key: string]: unknown };
const registry = z.registry<Meta>();

function bi(zh: string, en: string): string {
  return `${zh} / ${en}`;
}

/** Registers a schema as a component (`id`) and/or with a bilingual description. */
function doc<T extends z.ZodType>(schema: T, zh: string, en: string, id?: string): T {
  registry.add(schema, id ? { id, description: bi(zh, en) } : { description: bi(zh, en) });
  return schema;
}

const dateString = () => doc(z.string().regex(new RegExp(DATE_PATTERN)), "日期（YYYY-MM-DD）", "A date (YYYY-MM-DD)");

export const textSchema = doc(z.object({ zh: z.string(), en: z.string() }), "中英双语文本", "Text in Chinese and English", "Text");

export const referenceSchema = doc(
  z.object({ document: z.string(), clause: z.string(), url: z.string().optional() }),
  "出处：文件名称与条款",
  "Where a rule or number comes from: a document and its clause",
  "Reference",
);

const scheduleEntrySchema = z.object({ classType: z.string(), serviceType: z.string(), capFen: z.number().int().nonnegative() });

export const resolvedParameterSchema = doc(
  z.object({
    id: z.string(),
    jurisdiction: z.string(),
    value: z.union([z.number(), z.boolean(), z.array(z.string()), z.array(scheduleEntrySchema)]),
    effectiveFrom: dateString(),
    effectiveTo: dateString().nullable(),
    provisional: z.boolean(),
    reference: referenceSchema,
    local: z.boolean(),
  }),
  "在用的参数值（provisional 为示例值，以当地正式文件为准）",
  "A parameter value in force (provisional = a demo value, pending the local official document)",
  "ResolvedParameter",
);

const factsSchema = z.record(z.string(), z.unknown());

export const conditionSchema = doc(
  z.object({
    id: z.string(),
    group: z.string(),
    title: textSchema,
    result: z.enum(RESULTS),
    facts: factsSchema,
    fix: textSchema.nullable(),
    missing: z.array(z.string()),
    references: z.array(referenceSchema),
  }),
  "一个条件（叶子）的判定结果：读取的事实、整改建议、缺少的信息",
  "One condition (leaf): the facts it read, a fix when unmet, the missing fact paths when unknown",
  "Condition",
);

export const groupSchema = doc(
  z.object({ id: z.string(), op: z.enum(GROUP_OPERATORS), parent: z.string().nullable(), result: z.enum(RESULTS) }),
  "条件树中的一个分组（all / any / not）",
  "A group of the condition tree (all / any / not)",
  "Group",
);

export const determinationSchema = doc(
  z.object({
    measure: z.string(),
    title: textSchema,
    status: z.enum(STATUSES),
    reason: z.enum(NOT_APPLICABLE_REASONS).nullable(),
    judgedOn: dateString(),
    conditions: z.array(conditionSchema),
    groups: z.array(groupSchema),
    missing: z.array(z.string()),
    amountFen: z.number().int().nullable(),
    details: factsSchema,
    parameters: z.array(resolvedParameterSchema),
    provisional: z.boolean(),
    legalBasis: z.array(referenceSchema),
  }),
  "一项政策措施的判定（金额单位：分）",
  "The determination of one measure (amounts in fen)",
  "Determination",
);

export const evaluationSchema = doc(
  z.object({
    rulesVersion: z.string(),
    localParametersVersion: z.string().nullable(),
    asOf: dateString(),
    jurisdiction: z.string(),
    determinations: z.array(determinationSchema),
  }),
  "评估结果：每项措施一条判定（可能增加字段）",
  "An evaluation: one determination per measure (fields may be added)",
  "Evaluation",
);

const inputErrorSchema = z.object({ path: z.string(), message: textSchema });

export const errorsSchema = doc(
  z.object({ errors: z.array(inputErrorSchema) }),
  "拒绝请求的原因（path 指出字段，如 staff[3].role；从不包含堆栈）",
  "Why a request was refused (path names the field, e.g. staff[3].role; never a stack trace)",
  "Errors",
);

export const parameterListSchema = doc(
  z.object({ jurisdiction: z.string(), asOf: dateString(), parameters: z.array(resolvedParameterSchema) }),
  "某行政区划某日在用的参数",
  "The parameters in force for a jurisdiction on a date",
  "ParameterList",
);

// ---- compile-time ties to the engine's types: a field added, removed or retyped there fails tsc here ----
type Mutable<T> = T extends readonly (infer U)[] ? Mutable<U>[] : T extends object ? { -readonly [K in keyof T]: Mutable<T[K]> } : T;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;
type Matches<TS, Schema extends z.ZodType> = Same<Mutable<TS>, z.infer<Schema>> extends true ? Same<keyof TS, keyof z.infer<Schema>> : false;
export type _SchemaChecks = [
  Assert<Matches<Evaluation, typeof evaluationSchema>>,
  Assert<Matches<Determination, typeof determinationSchema>>,
  Assert<Matches<ConditionTrace, typeof conditionSchema>>,
  Assert<Matches<GroupTrace, typeof groupSchema>>,
  Assert<Matches<ResolvedParameter, typeof resolvedParameterSchema>>,
  Assert<Matches<Reference, typeof referenceSchema>>,
  Assert<Matches<Text, typeof textSchema>>,
  Assert<Matches<ScheduleEntry, typeof scheduleEntrySchema>>,
  Assert<Matches<{ errors: InputError[] }, typeof errorsSchema>>,
  Assert<Matches<InputError, typeof inputErrorSchema>>,
  Assert<Same<Status, (typeof STATUSES)[number]>>,
  Assert<Same<NotApplicableReason, (typeof NOT_APPLICABLE_REASONS)[number]>>,
  Assert<Same<Result, (typeof RESULTS)[number]>>,
  Assert<Same<GroupOperator, (typeof GROUP_OPERATORS)[number]>>,
];

// ---- the snapshot: its shared date/month/USCC/jurisdiction schemas carry refinements JSON Schema cannot
// express; found by walking the schema (not retyped), they are annotated where they occur ----
type Walkable = { _zod: { def: { type: string; innerType?: Walkable; element?: Walkable; shape?: Record<string, Walkable> } } };
const WRAPPERS = new Set(["optional", "nullable", "default", "prefault", "readonly", "nonoptional", "catch"]);

function unwrap(schema: Walkable | undefined): Walkable | undefined {
  let current = schema;
  while (current && WRAPPERS.has(current._zod.def.type)) current = current._zod.def.innerType;
  return current;
}

/** The string schema at `path` in the snapshot schema (array items are stepped through), if any. */
function stringSchemaAt(path: readonly string[]): z.ZodType | undefined {
  let current = unwrap(snapshotSchema as unknown as Walkable);
  for (const key of path) {
    if (current?._zod.def.type === "array") current = unwrap(current._zod.def.element);
    current = unwrap(current?._zod.def.shape?.[key]);
  }
  return current?._zod.def.type === "string" ? (current as unknown as z.ZodType) : undefined;
}

function annotate(path: readonly string[], meta: Meta): void {
  const schema = stringSchemaAt(path);
  if (schema && !registry.has(schema)) registry.add(schema, meta);
}

annotate(["asOf"], { format: "date", pattern: DATE_PATTERN, description: bi("日期（YYYY-MM-DD，须为存在的日期）", "A date (YYYY-MM-DD that exists)") });
annotate(["enrolment", "period"], { pattern: MONTH_PATTERN, description: bi("月份（YYYY-MM）", "A month (YYYY-MM)") });
annotate(["operator", "uscc"], {
  pattern: `^[${USCC_ALPHABET}]{18}$`,
  description: bi("统一社会信用代码（校验位错误时照常受理，由 filing.complete 判为不满足）", "Unified social credit code (a wrong check character is accepted and fails filing.complete)"),
});
annotate(["jurisdiction"], { enum: JURISDICTION_CODES, description: bi("行政区划代码（GB/T 2260）", "Administrative division code (GB/T 2260)") });
registry.add(snapshotSchema, {
  id: "Snapshot",
  description: bi(
    "机构快照：日期 YYYY-MM-DD，金额为整数分；缺失或 null 表示未知；未知字段被忽略",
    "A facility snapshot: dates YYYY-MM-DD, money in integer fen; absent or null means unknown; unknown fields are ignored",
  ),
});

// ---- the document ----
type JsonSchema = Record<string, unknown>;
export type OpenApiDocument = {
  openapi: "3.1.0";
  info: { title: string; version: string; description: string; "x-rules-version": string };
  paths: Record<string, Record<string, unknown>>;
  components: { schemas: Record<string, JsonSchema> };
};

const COMPONENT_PREFIX = "#/components/schemas/";

function componentSchemas(): Record<string, JsonSchema> {
  const { schemas } = z.toJSONSchema(registry, {
    metadata: registry,
    target: "draft-2020-12",
    io: "input",
    unrepresentable: "any",
    uri: (id) => `${COMPONENT_PREFIX}${id}`,
    // keep descriptions that other modules attach with `.describe()` / `.meta()` (the global registry)
    override: ({ zodSchema, jsonSchema }) => {
      const global = z.globalRegistry.get(zodSchema);
      if (global?.description && jsonSchema.description === undefined) jsonSchema.description = global.description;
    },
  });
  const out: Record<string, JsonSchema> = {};
  for (const [id, schema] of Object.entries(schemas)) {
    const { $schema: _dialect, $id: _id, ...rest } = schema as JsonSchema;
    out[id] = rest;
  }
  return out;
}

const ref = (id: string) => ({ $ref: `${COMPONENT_PREFIX}${id}` });
const json = (id: string) => ({ "application/json": { schema: ref(id) } });
const refusal = (zh: string, en: string, headers?: Record<string, unknown>) => ({ description: bi(zh, en), content: json("Errors"), ...(headers ? { headers } : {}) });

const RATE_LIMITED = refusal("请求过于频繁（每个地址每分钟有上限）", "Too many requests (a per-address limit per minute)", {
  "Retry-After": { description: bi("几秒后可重试", "Seconds until a retry is accepted"), schema: { type: "integer", minimum: 1 } },
});
const INTERNAL = refusal("服务器内部错误（不含堆栈）", "Internal error (no stack trace)");
const wrongMethod = (allow: string) =>
  refusal("不支持的请求方法", "Method not allowed", { Allow: { description: bi("允许的方法", "The allowed method"), schema: { type: "string", const: allow } } });

/** The OpenAPI 3.1.0 document served at `/api/rules/openapi.json`. A fresh object on each call. */
export function rulesOpenApi(): OpenApiDocument {
  return {
    openapi: "3.1.0",
    info: {
      title: "Tuoyu rules API",
      version: PACKAGE_VERSION,
      description: bi(
        "托育政策规则的公开接口：无需登录，按地址限流；请求与响应字段见 RULES.md「Contract」，可能增加字段",
        "The public childcare-policy rules endpoints: no login, rate-limited per address; fields as in RULES.md \"Contract\", fields may be added",
      ),
      "x-rules-version": RULES_VERSION,
    },
    paths: {
      "/api/rules/evaluate": {
        post: {
          operationId: "evaluateSnapshot",
          summary: bi("评估机构快照", "Evaluate a facility snapshot"),
          description: bi("评估日期取快照的 asOf，缺省为上海时间的今天；每项措施都会出现在结果中", "The date is the snapshot's asOf, else today in Asia/Shanghai; every measure appears"),
          requestBody: { required: true, content: json("Snapshot") },
          responses: {
            "200": { description: bi("评估结果", "The evaluation"), content: json("Evaluation") },
            "400": refusal(
              "请求被拒绝：JSON 格式错误、缺少必填项、未知行政区划、类型或取值错误、日期不存在、负数",
              "Refused: malformed JSON, a missing required part, an unknown jurisdiction, a wrong type or value, an impossible date, a negative number",
            ),
            "405": wrongMethod("POST"),
            "413": refusal("请求体过大（上限 1 MB）", "The request body is too large (1 MB at most)"),
            "429": RATE_LIMITED,
            "500": INTERNAL,
          },
        },
      },
      "/api/rules/parameters": {
        get: {
          operationId: "getParameters",
          summary: bi("某行政区划某日在用的参数", "Parameters in force for a jurisdiction on a date"),
          parameters: [
            { name: "jurisdiction", in: "query", required: true, description: bi("行政区划代码", "Administrative division code"), schema: { type: "string", enum: JURISDICTION_CODES } },
            { name: "asOf", in: "query", required: false, description: bi("日期，缺省为上海时间的今天", "The date; today in Asia/Shanghai by default"), schema: { type: "string", format: "date", pattern: DATE_PATTERN } },
          ],
          responses: {
            "200": { description: bi("在用的参数", "The parameters in force"), content: json("ParameterList") },
            "400": refusal("请求被拒绝：缺少或未知的行政区划代码、日期无效", "Refused: a missing or unknown jurisdiction code, an invalid date"),
            "405": wrongMethod("GET"),
            "429": RATE_LIMITED,
            "500": INTERNAL,
          },
        },
      },
      "/api/rules/openapi.json": {
        get: {
          operationId: "getOpenApi",
          summary: bi("本接口说明（OpenAPI 3.1）", "This description (OpenAPI 3.1)"),
          responses: {
            "200": { description: bi("OpenAPI 文档", "The OpenAPI document"), content: { "application/json": { schema: { type: "object" } } } },
            "405": wrongMethod("GET"),
          },
        },
      },
    },
    components: { schemas: componentSchemas() },
  };
}
