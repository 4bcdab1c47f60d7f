// Facts and leaves shared by several measures: filing state, operator registration, service types,
// qualification counting, inclusive standing and guided-price caps. Three-valued throughout: a fact
// that is absent makes the answer unknown unless the answer is already decided without it.

import { evaluateTree, type Context, type Facts, type LeafDefinition, type MeasureDefinition, type Outcome } from "../engine/measure";
import { roundHalfUp } from "../engine/numbers";
import type { ScheduleEntry } from "../engine/parameters";
import type { Reference, Result, Text } from "../engine/types";
import { isValidUscc, usccCheckCharacter } from "../identifiers";
import type { Qualification, StaffMember } from "../snapshot";
import { REF } from "../parameters/references";

export const CLASS_NAMES: Record<string, string> = { infant: "乳儿班", toddler: "托小班", older_toddler: "托大班", mixed: "混合编班" };
export const SERVICE_NAMES: Record<string, Text> = {
  full_day: { zh: "全日托", en: "full-day" },
  half_day: { zh: "半日托", en: "half-day" },
  hourly: { zh: "计时托", en: "hourly" },
  temporary: { zh: "临时托", en: "temporary" },
};
const FILING_NAMES: Record<string, string> = { none: "未备案", draft: "草稿", submitted: "已提交", returned: "已退回", filed: "已备案", cancelled: "已注销" };

export function numberParam(ctx: Context, id: string): number | undefined {
  const p = ctx.params[id];
  return p && typeof p.value === "number" ? p.value : undefined;
}

export function listParam(ctx: Context, id: string): readonly string[] | undefined {
  const p = ctx.params[id];
  return p && Array.isArray(p.value) && (p.value.length === 0 || typeof p.value[0] === "string") ? (p.value as string[]) : undefined;
}

/** `staff[c5]` by id where the item has one, else `staff[3]` by index (RULES.md "missing paths"). */
export function staffPath(member: StaffMember, index: number): string {
  return member.id ? `staff[${member.id}]` : `staff[${index}]`;
}

export function staffLabel(member: StaffMember, index: number): string {
  return member.id ?? `#${index + 1}`;
}

export function yuan(fen: number): string {
  return (fen / 100).toFixed(2);
}

export function unknown(facts: Facts, missing: string[]): Outcome {
  return { result: "unknown", facts, missing };
}

/** Combines results with `all` semantics. */
export function allOf(a: Result, b: Result): Result {
  if (a === "unmet" || b === "unmet") return "unmet";
  if (a === "unknown" || b === "unknown") return "unknown";
  return "met";
}

/**
 * Whether a qualification counts on `date` (RULES.md: proof document present and not expired).
 * validUntil null = does not expire; absent = unknown.
 */
export function qualificationCounts(q: Qualification, date: string): Result {
  if (q.proofDocument === false) return "unmet";
  if (q.validUntil != null && q.validUntil < date) return "unmet";
  if (q.proofDocument == null || q.validUntil === undefined) return "unknown";
  return "met";
}

/** Does the member hold a counting qualification of one of `kinds`? Paths of unknown facts go to `missing`. */
export function holdsQualification(
  member: StaffMember,
  index: number,
  kinds: readonly string[],
  date: string,
  missing: string[],
): Result {
  const quals = member.qualifications;
  if (quals == null) {
    missing.push(`${staffPath(member, index)}.qualifications`);
    return "unknown";
  }
  let result: Result = "unmet";
  const local: string[] = [];
  for (let i = 0; i < quals.length; i++) {
    const q = quals[i];
    if (q.kind == null) {
      local.push(`${staffPath(member, index)}.qualifications[${i}].kind`);
      result = "unknown";
      continue;
    }
    if (!kinds.includes(q.kind)) continue;
    const r = qualificationCounts(q, date);
    if (r === "met") return "met";
    if (r === "unknown") {
      result = "unknown";
      const p = `${staffPath(member, index)}.qualifications[${i}]`;
      local.push(q.proofDocument == null ? `${p}.proofDocument` : `${p}.validUntil`);
    }
  }
  if (result === "unknown") missing.push(...local);
  return result;
}

export const filingFiled: LeafDefinition = {
  kind: "leaf",
  id: "filing.filed",
  title: { zh: "已完成备案（取得备案回执）", en: "Filed (filing receipt issued)" },
  references: [REF.filingMaterials],
  parameters: [],
  test(ctx) {
    const status = ctx.snapshot.filing.status;
    if (status == null) return unknown({ status: null }, ["filing.status"]);
    if (status === "filed") return { result: "met", facts: { status } };
    return {
      result: "unmet",
      facts: { status },
      fix: { zh: `备案状态为“${FILING_NAMES[status]}”，需先完成备案`, en: `Filing status is ${status}; the facility must be filed first` },
    };
  },
};

export const servicesAny: LeafDefinition = {
  kind: "leaf",
  id: "services.any",
  title: { zh: "提供全日托、半日托、计时托或临时托中至少一种服务", en: "Offers at least one of full-day, half-day, hourly or temporary care" },
  references: [REF.tax2019],
  parameters: [],
  test(ctx) {
    const types = ctx.snapshot.facility.serviceTypes;
    if (types == null) return unknown({ serviceTypes: null }, ["facility.serviceTypes"]);
    if (types.length > 0) return { result: "met", facts: { serviceTypes: types } };
    return {
      result: "unmet",
      facts: { serviceTypes: types },
      fix: { zh: "未登记任何托育服务类型；需至少提供一种", en: "No service type declared; at least one is required" },
    };
  },
};

/** Operator registered: legal form known, USCC check character correct, business scope includes childcare. */
export function operatorRegistered(references: readonly Reference[]): LeafDefinition {
  return {
    kind: "leaf",
    id: "operator.registered",
    title: { zh: "举办者已依法登记（统一社会信用代码有效，经营范围含托育服务）", en: "Operator registered (valid USCC, business scope includes childcare)" },
    references,
    parameters: [],
    test(ctx) {
      const op = ctx.snapshot.operator;
      const usccValid = op.uscc == null ? null : isValidUscc(op.uscc);
      const facts: Facts = { legalForm: op.legalForm ?? null, uscc: op.uscc ?? null, usccCheckCorrect: usccValid, businessScopeIncludesChildcare: op.businessScopeIncludesChildcare ?? null };
      const zh: string[] = [];
      const en: string[] = [];
      if (usccValid === false && op.uscc) {
        const expected = usccCheckCharacter(op.uscc) ?? "?";
        zh.push(`统一社会信用代码 ${op.uscc} 校验位错误（应为 ${expected}），请核对`);
        en.push(`USCC ${op.uscc} has a wrong check character (expected ${expected}); check the code`);
      }
      if (op.businessScopeIncludesChildcare === false) {
        zh.push("经营范围需包含“托育服务”");
        en.push("the business scope must include childcare services (托育服务)");
      }
      if (zh.length) return { result: "unmet", facts, fix: { zh: zh.join("；"), en: en.join("; ") } };
      const missing: string[] = [];
      if (op.legalForm == null) missing.push("operator.legalForm");
      if (op.uscc == null) missing.push("operator.uscc");
      if (op.businessScopeIncludesChildcare == null) missing.push("operator.businessScopeIncludesChildcare");
      if (missing.length) return unknown(facts, missing);
      return { result: "met", facts };
    },
  };
}

export const operatorPublic: LeafDefinition = {
  kind: "leaf",
  id: "operator.public",
  title: { zh: "公办托育机构（公办即普惠）", en: "Public facility (public facilities are inclusive)" },
  references: [REF.inclusiveProviders],
  parameters: [],
  test(ctx) {
    const ownership = ctx.snapshot.operator.ownership;
    if (ownership == null) return unknown({ ownership: null }, ["operator.ownership"]);
    if (ownership === "public") return { result: "met", facts: { ownership } };
    return { result: "unmet", facts: { ownership }, fix: { zh: "举办者不是公办性质，需通过其他途径认定", en: "The operator is not public; another route to inclusive status is needed" } };
  },
};

/** Certified inclusive and the certificate valid on the date. */
export function certifiedOnDate(ctx: Context, missing: string[]): Result {
  const inclusive = ctx.snapshot.inclusive;
  if (inclusive == null || inclusive.status == null) {
    missing.push("inclusive.status");
    return "unknown";
  }
  if (inclusive.status !== "certified") return "unmet";
  const { validFrom, validUntil } = inclusive;
  if ((validFrom != null && validFrom > ctx.date) || (validUntil != null && validUntil < ctx.date)) return "unmet";
  let result: Result = "met";
  if (validFrom == null) {
    missing.push("inclusive.validFrom");
    result = "unknown";
  }
  if (validUntil === undefined) {
    missing.push("inclusive.validUntil");
    result = "unknown";
  }
  return result;
}

/** A kindergarten class that counts as inclusive (measure 12 in force and its conditions met). */
export function inclusiveKindergartenClass(ctx: Context, kindergartenMeasure: MeasureDefinition, missing: string[]): Result {
  const kind = ctx.snapshot.facility.kind;
  if (kind != null && kind !== "kindergarten_class") return "unmet";
  if (ctx.params[kindergartenMeasure.inForce.parameter]?.value !== true) return "unmet";
  const tree = evaluateTree(ctx, kindergartenMeasure);
  if (kind == null) {
    if (tree.result === "unmet") return "unmet";
    missing.push("facility.kind");
    for (const p of tree.missing) if (!missing.includes(p)) missing.push(p);
    return "unknown";
  }
  if (tree.result === "unknown") for (const p of tree.missing) if (!missing.includes(p)) missing.push(p);
  return tree.result;
}

export type FeeCap = { classType: string; serviceType: string; capFen: number; source: "schedule" | "formula" };

const FORMULA_PARAMETERS = [
  "pricing.reference_monthly_income_fen",
  "pricing.full_day_share",
  "pricing.half_day_share",
  "pricing.days_per_month",
  "pricing.hourly_share_of_daily",
] as const;
const FORMULA_FOR_PUBLIC = "pricing.formula_applies_to_public";
export const PRICING_PARAMETERS: readonly string[] = ["pricing.schedule", ...FORMULA_PARAMETERS, FORMULA_FOR_PUBLIC];

/**
 * A public facility's basic fee is a government-guided price set by the price authority (1477号): only a
 * published schedule caps it. The reference-income formula is a fallback for socially-run inclusive
 * facilities and applies to public ones only where a local parameter says so.
 */
export function formulaApplies(ctx: Context): boolean {
  return ctx.snapshot.operator.ownership !== "public" || ctx.params[FORMULA_FOR_PUBLIC]?.value === true;
}

/**
 * The guided-price cap for a class × service pair (RULES.md measure 4): a published schedule entry
 * wins; otherwise the formula, each step rounded half-up to the fen as a published cap would be.
 */
export function feeCap(ctx: Context, classType: string, serviceType: string): FeeCap | null {
  let caps = ctx.shared.feeCaps as Map<string, FeeCap | null> | undefined;
  if (!caps) ctx.shared.feeCaps = caps = new Map();
  const formula = formulaApplies(ctx);
  const key = `${formula ? "f" : "s"}|${classType}|${serviceType}`;
  let cap = caps.get(key);
  if (cap === undefined) {
    cap = computeFeeCap(ctx, classType, serviceType, formula);
    caps.set(key, cap);
  }
  return cap;
}

function computeFeeCap(ctx: Context, classType: string, serviceType: string, formula: boolean): FeeCap | null {
  const schedule = ctx.params["pricing.schedule"]?.value as ScheduleEntry[] | undefined;
  if (schedule) {
    for (const entry of schedule) {
      if (entry.classType === classType && entry.serviceType === serviceType) return { classType, serviceType, capFen: entry.capFen, source: "schedule" };
    }
  }
  if (!formula) return null;
  const income = numberParam(ctx, "pricing.reference_monthly_income_fen");
  const share = numberParam(ctx, "pricing.full_day_share");
  if (income === undefined || share === undefined) return null;
  const fullDay = roundHalfUp(income * share);
  if (serviceType === "full_day") return { classType, serviceType, capFen: fullDay, source: "formula" };
  if (serviceType === "half_day") {
    const half = numberParam(ctx, "pricing.half_day_share");
    return half === undefined ? null : { classType, serviceType, capFen: roundHalfUp(fullDay * half), source: "formula" };
  }
  const days = numberParam(ctx, "pricing.days_per_month");
  if (days === undefined || days <= 0) return null;
  const daily = roundHalfUp(fullDay / days);
  if (serviceType === "temporary") return { classType, serviceType, capFen: daily, source: "formula" };
  const hourly = numberParam(ctx, "pricing.hourly_share_of_daily");
  return hourly === undefined ? null : { classType, serviceType, capFen: roundHalfUp(daily * hourly), source: "formula" };
}

export type FeeCheck = {
  outcome: Outcome;
  caps: { index: number; classType: string | null; serviceType: string | null; amountFen: number | null; capFen: number | null; source: string | null }[];
  excesses: { index: number; classType: string; serviceType: string; amountFen: number; capFen: number; excessFen: number }[];
};

/** Every declared fee against its cap; memoised per context (measures 3 and 4 share it). */
export function checkFees(ctx: Context): FeeCheck {
  const cached = ctx.memo.fees as FeeCheck | undefined;
  if (cached) return cached;
  const fees = ctx.snapshot.fees;
  let check: FeeCheck;
  if (fees == null) {
    check = { outcome: unknown({ fees: null }, ["fees"]), caps: [], excesses: [] };
  } else {
    const caps: FeeCheck["caps"] = [];
    const excesses: FeeCheck["excesses"] = [];
    const missing: string[] = [];
    for (let i = 0; i < fees.length; i++) {
      const fee = fees[i];
      const classType = fee.classType ?? null;
      const serviceType = fee.serviceType ?? null;
      const amountFen = fee.amountFen ?? null;
      if (classType === null) missing.push(`fees[${i}].classType`);
      if (serviceType === null) missing.push(`fees[${i}].serviceType`);
      if (amountFen === null) missing.push(`fees[${i}].amountFen`);
      const cap = classType !== null && serviceType !== null ? feeCap(ctx, classType, serviceType) : null;
      if (classType !== null && serviceType !== null && cap === null) {
        const path = formulaApplies(ctx) ? "parameters.pricing.reference_monthly_income_fen" : "parameters.pricing.schedule";
        if (!missing.includes(path)) missing.push(path);
      }
      caps.push({ index: i, classType, serviceType, amountFen, capFen: cap ? cap.capFen : null, source: cap ? cap.source : null });
      if (cap && amountFen !== null && amountFen > cap.capFen) {
        excesses.push({ index: i, classType: cap.classType, serviceType: cap.serviceType, amountFen, capFen: cap.capFen, excessFen: amountFen - cap.capFen });
      }
    }
    const facts: Facts = { fees: fees.length, excesses: excesses.length };
    if (excesses.length) {
      const zh = excesses.map((e) => `${CLASS_NAMES[e.classType]}${SERVICE_NAMES[e.serviceType].zh}收费 ${yuan(e.amountFen)} 元超过上限 ${yuan(e.capFen)} 元（超出 ${yuan(e.excessFen)} 元）`);
      const en = excesses.map((e) => `${CLASS_NAMES[e.classType]} ${SERVICE_NAMES[e.serviceType].en} fee ${yuan(e.amountFen)} yuan exceeds the cap of ${yuan(e.capFen)} yuan by ${yuan(e.excessFen)}`);
      check = { outcome: { result: "unmet", facts, fix: { zh: zh.join("；"), en: en.join("; ") } }, caps, excesses };
    } else if (missing.length) {
      check = { outcome: unknown(facts, missing), caps, excesses };
    } else {
      check = { outcome: { result: "met", facts }, caps, excesses };
    }
  }
  ctx.memo.fees = check;
  return check;
}

export function feesWithinCaps(references: readonly Reference[]): LeafDefinition {
  return {
    kind: "leaf",
    id: "fees.within_caps",
    title: { zh: "每项收费不超过政府指导价上限", en: "Every declared fee is within its guided-price cap" },
    references,
    parameters: PRICING_PARAMETERS,
    test: (ctx) => checkFees(ctx).outcome,
  };
}
