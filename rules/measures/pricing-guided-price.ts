// 4. pricing.guided_price — 政府指导价. National (1477号), A§15. Inclusive facilities keep every declared
// fee within its cap: a published schedule entry (local parameter `pricing.schedule`) wins for the pairs
// it covers; other pairs use the formula (reference income × 0.8 full-day; 60 % half-day; daily rate =
// full-day ÷ 21.75; hourly = 20 % of the daily rate; temporary = the daily rate). A public facility's
// fees are capped by a published schedule only, unless `pricing.formula_applies_to_public` says otherwise.
//
// details: { caps: [{ index, classType, serviceType, amountFen, capFen, source }] for each declared fee,
//            excesses: [{ index, classType, serviceType, amountFen, capFen, excessFen }],
//            capTable: [{ classType, serviceType, capFen, source }] for every class × service pair }

import type { Context, LeafDefinition, MeasureDefinition } from "../engine/measure";
import type { Result } from "../engine/types";
import { REF } from "../parameters/references";
import { CLASS_TYPES, SERVICE_TYPES } from "../vocabulary";
import { certifiedOnDate, checkFees, feeCap, feesWithinCaps, formulaApplies, inclusiveKindergartenClass, PRICING_PARAMETERS, unknown, type FeeCap } from "./common";
import { kindergartenInclusiveToddlerClass } from "./kindergarten-inclusive-toddler-class";

/** Inclusive standing for pricing: certified and valid, applied, public, or an inclusive kindergarten class. */
function inclusiveForPricing(ctx: Context, missing: string[]): { result: Result; via: string | null } {
  const local: string[] = [];
  const certified = certifiedOnDate(ctx, local);
  if (certified === "met") return { result: "met", via: "certified" };
  if (ctx.snapshot.inclusive?.status === "applied") return { result: "met", via: "applied" };
  const ownership = ctx.snapshot.operator.ownership;
  if (ownership === "public") return { result: "met", via: "public" };
  const kindergarten = inclusiveKindergartenClass(ctx, kindergartenInclusiveToddlerClass, local);
  if (kindergarten === "met") return { result: "met", via: "kindergarten_class" };
  if (ownership == null) local.push("operator.ownership");
  if (certified === "unknown" || kindergarten === "unknown" || ownership == null) {
    for (const p of local) if (!missing.includes(p)) missing.push(p);
    return { result: "unknown", via: null };
  }
  return { result: "unmet", via: null };
}

const subject: LeafDefinition = {
  kind: "leaf",
  id: "subject.inclusive",
  title: { zh: "普惠性托育机构（已认定、申请中、公办或普惠托班）", en: "An inclusive facility (certified, applied, public, or an inclusive kindergarten class)" },
  references: [REF.pricing, REF.alar15],
  parameters: [],
  test(ctx) {
    const missing: string[] = [];
    const { result, via } = inclusiveForPricing(ctx, missing);
    const facts = { inclusiveStatus: ctx.snapshot.inclusive?.status ?? null, via };
    if (result === "unknown") return unknown(facts, missing);
    if (result === "met") return { result, facts };
    return { result, facts, fix: { zh: "政府指导价仅约束普惠性托育机构", en: "The guided price binds inclusive facilities only" } };
  },
};

/** Every class × service cap in force; shared by all evaluations with the same parameters. */
function capTable(ctx: Context): readonly (FeeCap | { classType: string; serviceType: string; capFen: null; source: null })[] {
  const key = formulaApplies(ctx) ? "capTable" : "capTableScheduleOnly";
  const cached = ctx.shared[key] as readonly FeeCap[] | undefined;
  if (cached) return cached;
  const rows = [];
  for (const classType of CLASS_TYPES) {
    for (const serviceType of SERVICE_TYPES) rows.push(feeCap(ctx, classType, serviceType) ?? { classType, serviceType, capFen: null, source: null });
  }
  ctx.shared[key] = Object.freeze(rows);
  return rows;
}

export const pricingGuidedPrice: MeasureDefinition = {
  id: "pricing.guided_price",
  title: { zh: "政府指导价", en: "Guided price" },
  legalBasis: [REF.pricing, REF.alar15],
  monetary: false,
  inForce: { parameter: "measure.pricing.guided_price.enabled", when: "flag" },
  subject,
  tree: { kind: "all", id: "all", children: [feesWithinCaps([REF.pricing, REF.alar15])] },
  parameters: PRICING_PARAMETERS,
  outcome(ctx) {
    const check = checkFees(ctx);
    return { amountFen: null, details: { caps: check.caps, excesses: check.excesses, capTable: capTable(ctx) } };
  },
};
