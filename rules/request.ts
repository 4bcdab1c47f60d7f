// The pure request adapter shared by the HTTP route (`POST /api/rules/evaluate`) and the CLI:
// body in → { status: 200, body: Evaluation } or { status: 400, body: { errors } }. The clock is the
// caller's: it passes `today` (Asia/Shanghai), used only when neither `asOf` option nor snapshot gives a date.

import { z } from "zod";
import { isValidDate } from "./engine/dates";
import { evaluate, prepareLocalParameters, resolvedParameters, type Evaluation } from "./engine/evaluate";
import { checkParameterValues, type ParameterValue, type ResolvedParameter } from "./engine/parameters";
import { findJurisdiction } from "./jurisdictions";
import { BUILT_IN_PARAMETERS } from "./parameters/table";
import { formatPath, parseSnapshot, parseSnapshotJson, type InputError } from "./snapshot";

export type RequestOptions = {
  /** Today in Asia/Shanghai (`YYYY-MM-DD`), supplied by the adapter. */
  today: string;
  /** An explicit date (`--as-of`) that wins over the snapshot's `asOf`. */
  asOf?: string;
  localParameters?: readonly ParameterValue[];
};

export type EvaluateResponse = { status: 200; body: Evaluation } | { status: 400; body: { errors: InputError[] } };

function refusal(errors: InputError[]): { status: 400; body: { errors: InputError[] } } {
  return { status: 400, body: { errors } };
}

function dateError(path: string, value: string): InputError {
  return { path, message: { zh: `日期无效（应为存在的 YYYY-MM-DD）：${value}`, en: `Not a valid date (YYYY-MM-DD that exists): ${value}` } };
}

const parameterValueSchema = z.object({
  parameter: z.string(),
  jurisdiction: z.string(),
  effectiveFrom: z.string(),
  effectiveTo: z.string().nullish(),
  value: z.union([
    z.number(),
    z.boolean(),
    z.array(z.string()),
    z.array(z.object({ classType: z.string(), serviceType: z.string(), capFen: z.number().int().nonnegative() })),
  ]),
  reference: z.object({ document: z.string(), clause: z.string(), url: z.string().optional() }),
  provisional: z.boolean().optional(),
  note: z.string().optional(),
});

/** Validates local parameter values (shape, reference, dates, kind, overlaps) into refusal errors. */
export function parseLocalParameters(input: unknown): { ok: true; values: ParameterValue[] } | { ok: false; errors: InputError[] } {
  const parsed = z.array(parameterValueSchema).safeParse(input);
  if (!parsed.success) {
    return {
      ok: false,
      errors: parsed.error.issues.map((issue) => {
        const path = `parameters${formatPath(issue.path).replace(/^(?=[^[])/, ".")}`;
        const missingReference = issue.path.includes("reference");
        return {
          path,
          message: missingReference
            ? { zh: "参数值必须注明出处（文件名称与条款）", en: "A parameter value needs a reference (document and clause)" }
            : { zh: `本地参数格式错误：${issue.message}`, en: `Malformed local parameter: ${issue.message}` },
        };
      }),
    };
  }
  const values: ParameterValue[] = parsed.data.map((v) => ({ ...v, effectiveTo: v.effectiveTo ?? null }));
  const problems = checkParameterValues(BUILT_IN_PARAMETERS.definitions, values);
  if (problems.length) {
    return { ok: false, errors: problems.map((p) => ({ path: "parameters", message: { zh: `本地参数无效：${p}`, en: `Invalid local parameter: ${p}` } })) };
  }
  return { ok: true, values };
}

/**
 * Evaluates a request body (a parsed JSON value, or JSON text). Malformed JSON, a bad snapshot, a bad
 * date or bad local parameters → 400 with `{ errors }`; otherwise 200 with the Evaluation.
 */
export function evaluateRequest(body: unknown, options: RequestOptions): EvaluateResponse {
  const parsed = typeof body === "string" ? parseSnapshotJson(body) : parseSnapshot(body);
  if (!parsed.ok) return refusal(parsed.errors);
  if (options.asOf !== undefined && !isValidDate(options.asOf)) return refusal([dateError("asOf", options.asOf)]);
  const asOf = options.asOf ?? parsed.snapshot.asOf ?? options.today;
  if (!isValidDate(asOf)) return refusal([dateError("asOf", asOf)]);
  let localParameters = options.localParameters;
  if (localParameters && localParameters.length) {
    const checked = parseLocalParameters(localParameters);
    if (!checked.ok) return refusal(checked.errors);
    // Keep the caller's array: validated sets are memoised by identity.
    prepareLocalParameters(localParameters);
  } else localParameters = undefined;
  return { status: 200, body: evaluate(parsed.snapshot, { asOf, localParameters }) };
}

export type ParametersResponse =
  | { status: 200; body: { jurisdiction: string; asOf: string; parameters: ResolvedParameter[] } }
  | { status: 400; body: { errors: InputError[] } };

/** Parameters in force for a jurisdiction on a date (`npm run rules -- params`). */
export function parametersRequest(jurisdiction: string | undefined, options: RequestOptions): ParametersResponse {
  if (!jurisdiction) return refusal([{ path: "jurisdiction", message: { zh: "缺少行政区划代码（jurisdiction 参数，命令行为 --jurisdiction）", en: "Missing jurisdiction code (the jurisdiction parameter; --jurisdiction on the command line)" } }]);
  if (!findJurisdiction(jurisdiction)) return refusal([{ path: "jurisdiction", message: { zh: `未知的行政区划代码：${jurisdiction}`, en: `Unknown jurisdiction code: ${jurisdiction}` } }]);
  const asOf = options.asOf ?? options.today;
  if (!isValidDate(asOf)) return refusal([dateError("asOf", asOf)]);
  return { status: 200, body: { jurisdiction, asOf, parameters: resolvedParameters(jurisdiction, asOf, options.localParameters) } };
}
