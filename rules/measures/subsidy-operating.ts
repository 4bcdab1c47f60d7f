// 9. subsidy.operating — 普惠托育机构运营补贴. In force where a per-child rate is in force (B§7: each county
// and district sets its own; 蚌埠's seven carry provisional demo values; A states no amount, so none in
// 阿拉尔). Rate, caps and in-force status are resolved on the LAST DAY of `enrolment.period`, and the
// conditions are judged on that day.
//
// Amount = min(fullDayChildren, slots) × rate; slots = certifiedSlots when certified, else totalSlots;
// rate = the kindergarten-class rate for a kindergarten class.
// details: { period, judgedOn, rateFen, rateKind, slots, slotsSource, children, countedChildren }

import { lastDayOfMonth } from "../engine/dates";
import type { Context, LeafDefinition, MeasureDefinition } from "../engine/measure";
import type { Result } from "../engine/types";
import { REF } from "../parameters/references";
import type { Snapshot } from "../snapshot";
import { certifiedOnDate, filingFiled, inclusiveKindergartenClass, numberParam, unknown } from "./common";
import { kindergartenInclusiveToddlerClass } from "./kindergarten-inclusive-toddler-class";

const RATE = "subsidy.operating.per_child_month_fen";
const KINDERGARTEN_RATE = "subsidy.operating.per_child_month_kindergarten_class_fen";
const MAX_MONTHS = "subsidy.operating.max_months_per_year";

const subject: LeafDefinition = {
  kind: "leaf",
  id: "subject.not_home_based",
  title: { zh: "托育机构（家庭托育点除外）", en: "A childcare facility other than a home-based point" },
  references: [REF.bengbu7],
  parameters: [],
  test(ctx) {
    const kind = ctx.snapshot.facility.kind;
    if (kind == null) return unknown({ kind: null }, ["facility.kind"]);
    if (kind !== "home_based") return { result: "met", facts: { kind } };
    return { result: "unmet", facts: { kind }, fix: { zh: "运营补贴不适用于家庭托育点", en: "The operating subsidy does not cover home-based points" } };
  },
};

const inclusive: LeafDefinition = {
  kind: "leaf",
  id: "subsidy.inclusive",
  title: { zh: "补贴月末为普惠性托育机构（已认定且在有效期内、公办或普惠托班）", en: "Inclusive on the period's last day (certified and valid, public, or an inclusive kindergarten class)" },
  references: [REF.bengbu7, REF.inclusiveProviders],
  parameters: [kindergartenInclusiveToddlerClass.inForce.parameter],
  test(ctx) {
    const missing: string[] = [];
    const certified = certifiedOnDate(ctx, missing);
    const facts = { inclusiveStatus: ctx.snapshot.inclusive?.status ?? null, ownership: ctx.snapshot.operator.ownership ?? null, on: ctx.date };
    if (certified === "met") return { result: "met", facts: { ...facts, via: "certified" } };
    const ownership = ctx.snapshot.operator.ownership;
    if (ownership === "public") return { result: "met", facts: { ...facts, via: "public" } };
    const kindergarten = inclusiveKindergartenClass(ctx, kindergartenInclusiveToddlerClass, missing);
    if (kindergarten === "met") return { result: "met", facts: { ...facts, via: "kindergarten_class" } };
    if (ownership == null) missing.push("operator.ownership");
    if (certified === "unknown" || kindergarten === "unknown" || ownership == null) return unknown(facts, missing);
    const status = ctx.snapshot.inclusive?.status;
    return {
      result: "unmet",
      facts,
      fix:
        status === "certified"
          ? { zh: `普惠认定在 ${ctx.date} 不在有效期内，需续期`, en: `The inclusive certificate is not valid on ${ctx.date}; renew it` }
          : { zh: "需先取得普惠性托育机构认定", en: "The facility must first be certified as inclusive" },
    };
  },
};

const approved: LeafDefinition = {
  kind: "leaf",
  id: "enrolment.approved",
  title: { zh: "当期在托人数报告已审核通过", en: "The period's enrolment report is approved" },
  references: [REF.bengbu7],
  parameters: [],
  test(ctx) {
    const enrolment = ctx.snapshot.enrolment;
    if (enrolment == null) return unknown({ enrolment: null }, ["enrolment"]);
    const missing: string[] = [];
    if (enrolment.period == null) missing.push("enrolment.period");
    if (enrolment.approved === false) {
      return { result: "unmet", facts: { period: enrolment.period ?? null, approved: false }, fix: { zh: "当期在托人数报告尚未审核通过", en: "The enrolment report for the period is not approved yet" } };
    }
    if (enrolment.approved == null) missing.push("enrolment.approved");
    if (missing.length) return unknown({ period: enrolment.period ?? null, approved: enrolment.approved ?? null }, missing);
    return { result: "met", facts: { period: enrolment.period, approved: true } };
  },
};

const monthsCap: LeafDefinition = {
  kind: "leaf",
  id: "subsidy.months_cap",
  title: { zh: "本年度已补贴月数未达上限", en: "Subsidised months this year below the yearly cap" },
  references: [REF.bengbu7],
  parameters: [MAX_MONTHS],
  test(ctx) {
    const months = ctx.snapshot.enrolment?.subsidisedMonthsThisYear;
    const max = numberParam(ctx, MAX_MONTHS);
    const missing: string[] = [];
    if (months == null) missing.push("enrolment.subsidisedMonthsThisYear");
    if (max === undefined) missing.push(`parameters.${MAX_MONTHS}`);
    if (months == null || max === undefined) return unknown({ subsidisedMonthsThisYear: months ?? null }, missing);
    const facts = { subsidisedMonthsThisYear: months, maxMonthsPerYear: max };
    if (months < max) return { result: "met", facts };
    return { result: "unmet", facts, fix: { zh: `本年度已补贴 ${months} 个月，每年最多 ${max} 个月`, en: `Already subsidised ${months} months this year; at most ${max} a year` } };
  },
};

/** Slots that bound the subsidy: certified slots when certified on the day, else total slots. */
function slotsOf(ctx: Context): { slots: number | null; source: string; missing: string | null } {
  const scratch: string[] = [];
  const certified: Result = certifiedOnDate(ctx, scratch);
  const inclusive = ctx.snapshot.inclusive;
  if (certified === "met") {
    const slots = inclusive?.certifiedSlots;
    return slots == null ? { slots: null, source: "certifiedSlots", missing: "inclusive.certifiedSlots" } : { slots, source: "certifiedSlots", missing: null };
  }
  const total = ctx.snapshot.facility.totalSlots;
  return total == null ? { slots: null, source: "totalSlots", missing: "facility.totalSlots" } : { slots: total, source: "totalSlots", missing: null };
}

function rateOf(ctx: Context): { rate: number | undefined; kind: string } {
  const kindergarten = ctx.snapshot.facility.kind === "kindergarten_class";
  return kindergarten ? { rate: numberParam(ctx, KINDERGARTEN_RATE), kind: KINDERGARTEN_RATE } : { rate: numberParam(ctx, RATE), kind: RATE };
}

const children: LeafDefinition = {
  kind: "leaf",
  id: "enrolment.full_day_children",
  title: { zh: "当期有全日托在托婴幼儿，且托位数、补贴标准明确", en: "Full-day children enrolled in the period, with known slots and rate" },
  references: [REF.bengbu7],
  parameters: [RATE, KINDERGARTEN_RATE],
  test(ctx) {
    const count = ctx.snapshot.enrolment?.fullDayChildren;
    const { slots, source, missing: slotsMissing } = slotsOf(ctx);
    const { rate, kind } = rateOf(ctx);
    const facts = { fullDayChildren: count ?? null, slots, slotsSource: source, rateFen: rate ?? null };
    if (count === 0 || slots === 0) {
      return {
        result: "unmet",
        facts,
        fix: count === 0 ? { zh: "当期无全日托在托婴幼儿，无补贴可计", en: "No full-day children in the period; nothing to subsidise" } : { zh: "托位数为 0，无补贴可计", en: "No slots; nothing to subsidise" },
      };
    }
    const missing: string[] = [];
    if (count == null) missing.push("enrolment.fullDayChildren");
    if (slotsMissing) missing.push(slotsMissing);
    if (rate === undefined) missing.push(`parameters.${kind}`);
    if (missing.length) return unknown(facts, missing);
    return { result: "met", facts };
  },
};

function judgedOn(snapshot: Snapshot): string | undefined {
  const period = snapshot.enrolment?.period;
  return period == null ? undefined : lastDayOfMonth(period);
}

export const subsidyOperating: MeasureDefinition = {
  id: "subsidy.operating",
  revision: 1,
  title: { zh: "普惠托育机构运营补贴", en: "Operating subsidy for inclusive facilities" },
  legalBasis: [REF.bengbu7],
  monetary: true,
  inForce: { parameter: RATE, when: "present" },
  judgedOn,
  subject,
  tree: { kind: "all", id: "all", children: [inclusive, filingFiled, approved, monthsCap, children] },
  parameters: [KINDERGARTEN_RATE],
  outcome(ctx, tree) {
    const count = ctx.snapshot.enrolment?.fullDayChildren ?? null;
    const { slots, source } = slotsOf(ctx);
    const { rate, kind } = rateOf(ctx);
    const counted = count !== null && slots !== null ? Math.min(count, slots) : null;
    const amount = tree.result === "met" && counted !== null && rate !== undefined ? counted * rate : null;
    return {
      amountFen: amount,
      details: {
        period: ctx.snapshot.enrolment?.period ?? null,
        judgedOn: ctx.date,
        rateFen: rate ?? null,
        rateKind: kind,
        slots,
        slotsSource: source,
        children: count,
        countedChildren: counted,
      },
    };
  },
};
