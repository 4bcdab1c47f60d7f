// 9. subsidy.operating — 普惠托育机构运营补贴. In force where a per-child rate is in force (B§7: each county
// and district sets its own; 蚌埠's seven carry provisional demo values; A states no amount, so none in
// 阿拉尔). Rate, caps and in-force status are resolved on the LAST DAY of `enrolment.period`, and the
// conditions are judged on that day.
//
// A facility cancelled within the period is judged on the day before its cancellation (its last filed day).
// Every route to inclusive status — certified, public, or a kindergarten class — must also meet the class
// size and ratio standards that day (staffing.compliant): a public facility is inclusive without applying,
// but it is not paid while it falls short of the standards.
//
// How a month counts is the county scheme's choice (`subsidy.operating.period_rule`, applied to both ends
// of a filing alike): whole_month_if_filed_on_first — only a month filed from its 1st to its last day;
// pro_rata_days — the month's amount × days filed ÷ days in the month; minimum_attendance_days — the
// children who attended at least `subsidy.operating.min_attendance_days` (the report's attendingFullDayChildren).
//
// Amount = min(children counted, slots) × rate [× days filed ÷ days in month], rounded half-up to the fen;
// slots = certifiedSlots when certified, else totalSlots; rate = the kindergarten-class rate for a
// kindergarten class.
// details: { period, judgedOn, rateFen, rateKind, slots, slotsSource, children, countedChildren, periodRule,
//            filedDays, daysInPeriod, attendingChildren, minAttendanceDays }

import { addDays, daysInclusive, lastDayOfMonth } from "../engine/dates";
import { evaluateTree, type Context, type LeafDefinition, type MeasureDefinition } from "../engine/measure";
import { roundHalfUp } from "../engine/numbers";
import type { Result } from "../engine/types";
import { REF } from "../parameters/references";
import type { Snapshot } from "../snapshot";
import { certifiedOnDate, inclusiveKindergartenClass, listParam, numberParam, unknown } from "./common";
import { kindergartenInclusiveToddlerClass } from "./kindergarten-inclusive-toddler-class";
import { staffingCompliant } from "./staffing-compliant";

const RATE = "subsidy.operating.per_child_month_fen";
const KINDERGARTEN_RATE = "subsidy.operating.per_child_month_kindergarten_class_fen";
const MAX_MONTHS = "subsidy.operating.max_months_per_year";
const PERIOD_RULE = "subsidy.operating.period_rule";
const MIN_ATTENDANCE = "subsidy.operating.min_attendance_days";

type PeriodRule = "whole_month_if_filed_on_first" | "pro_rata_days" | "minimum_attendance_days";

function periodRule(ctx: Context): PeriodRule | undefined {
  const value = listParam(ctx, PERIOD_RULE)?.[0];
  return value === "whole_month_if_filed_on_first" || value === "pro_rata_days" || value === "minimum_attendance_days" ? value : undefined;
}

/** The period's first and last day, and the days of it the facility was filed (null when a date is unknown). */
function filedDays(snapshot: Snapshot): { first: string; last: string; days: number | null; total: number } | null {
  const period = snapshot.enrolment?.period;
  if (period == null) return null;
  const first = `${period}-01`;
  const last = lastDayOfMonth(period);
  const total = daysInclusive(first, last);
  const { filedOn, cancelledOn } = snapshot.filing;
  if (filedOn == null) return { first, last, days: null, total };
  const from = filedOn > first ? filedOn : first;
  // A cancellation takes effect on its day: the facility was filed until the day before.
  const until = cancelledOn != null && cancelledOn <= last ? addDays(cancelledOn, -1) : last;
  return { first, last, days: daysInclusive(from, until), total };
}

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

const filedInPeriod: LeafDefinition = {
  kind: "leaf",
  id: "filing.filed",
  title: { zh: "补贴期内已备案（注销的，以注销前一日为准）", en: "Filed in the period (for a cancelled facility, on the day before the cancellation)" },
  references: [REF.filingMaterials, REF.bengbu7],
  parameters: [],
  test(ctx) {
    const { status, filedOn, cancelledOn } = ctx.snapshot.filing;
    const facts = { status: status ?? null, filedOn: filedOn ?? null, cancelledOn: cancelledOn ?? null, on: ctx.date };
    if (status == null) return unknown(facts, ["filing.status"]);
    const filedThen = status === "filed" || (status === "cancelled" && cancelledOn != null && cancelledOn > ctx.date);
    if (filedThen && filedOn != null && filedOn <= ctx.date) return { result: "met", facts };
    if (filedThen && filedOn == null) return unknown(facts, ["filing.filedOn"]);
    return {
      result: "unmet",
      facts,
      fix: filedThen
        ? { zh: `备案日期 ${filedOn} 晚于补贴期`, en: `Filed only on ${filedOn}, after the period` }
        : { zh: "补贴期内未处于已备案状态，需先完成备案", en: "The facility was not filed in the period; it must be filed first" },
    };
  },
};

const meetsStandards: LeafDefinition = {
  kind: "leaf",
  id: "subsidy.meets_standards",
  title: { zh: "当日班额与师幼比符合标准（公办、托班同样适用）", en: "Class sizes and caregiver ratios meet the standards that day (public facilities and kindergarten classes too)" },
  references: [REF.bengbu7, REF.classSizes, REF.ratios],
  parameters: [],
  test(ctx) {
    const tree = evaluateTree(ctx, staffingCompliant);
    const failing = tree.conditions.filter((c) => c.result === "unmet");
    const facts = { staffing: tree.result, failing: failing.map((c) => c.id) };
    if (tree.result === "met") return { result: "met", facts };
    if (tree.result === "unknown") return unknown(facts, tree.missing);
    const zh = failing.map((c) => c.fix?.zh).filter(Boolean).join("；");
    const en = failing.map((c) => c.fix?.en).filter(Boolean).join("; ");
    return { result: "unmet", facts, fix: { zh: `不符合班额与师幼比标准，暂不予补贴：${zh}`, en: `Below the class size and ratio standards; no subsidy until corrected: ${en}` } };
  },
};

const periodCounts: LeafDefinition = {
  kind: "leaf",
  id: "subsidy.period_rule",
  title: { zh: "按本县区补贴月份计算方式，当月可计补贴", en: "The month counts under the county's period rule" },
  references: [REF.bengbu7],
  parameters: [PERIOD_RULE, MIN_ATTENDANCE],
  test(ctx) {
    const rule = periodRule(ctx);
    const span = filedDays(ctx.snapshot);
    const facts = { periodRule: rule ?? null, filedDays: span?.days ?? null, daysInPeriod: span?.total ?? null };
    const missing: string[] = [];
    if (rule === undefined) missing.push(`parameters.${PERIOD_RULE}`);
    if (span == null) missing.push("enrolment.period");
    else if (span.days === null) missing.push("filing.filedOn");
    if (rule === "minimum_attendance_days") {
      if (numberParam(ctx, MIN_ATTENDANCE) === undefined) missing.push(`parameters.${MIN_ATTENDANCE}`);
      if (ctx.snapshot.enrolment?.attendingFullDayChildren == null) missing.push("enrolment.attendingFullDayChildren");
    }
    if (span && span.days === 0) {
      return { result: "unmet", facts, fix: { zh: "当月无备案天数，无补贴可计", en: "Not filed on any day of the month; nothing to subsidise" } };
    }
    if (rule === "whole_month_if_filed_on_first" && span && span.days !== null && span.days < span.total) {
      return {
        result: "unmet",
        facts,
        fix: {
          zh: `本县区按整月计补贴：须当月1日前已备案且整月未注销，本月备案 ${span.days}/${span.total} 天`,
          en: `This county pays whole months only (filed from the 1st, not cancelled in the month); filed ${span.days} of ${span.total} days`,
        },
      };
    }
    if (missing.length) return unknown(facts, missing);
    return { result: "met", facts };
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

/** Children the rule counts: full-day children, or those attending the minimum days under that rule. */
function countedChildrenOf(ctx: Context): number | null | undefined {
  const enrolment = ctx.snapshot.enrolment;
  return periodRule(ctx) === "minimum_attendance_days" ? enrolment?.attendingFullDayChildren : enrolment?.fullDayChildren;
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
    const count = countedChildrenOf(ctx);
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
    if (count == null) missing.push(periodRule(ctx) === "minimum_attendance_days" ? "enrolment.attendingFullDayChildren" : "enrolment.fullDayChildren");
    if (slotsMissing) missing.push(slotsMissing);
    if (rate === undefined) missing.push(`parameters.${kind}`);
    if (missing.length) return unknown(facts, missing);
    return { result: "met", facts };
  },
};

/** The period's last day, or — cancelled within the period — the day before the cancellation. */
function judgedOn(snapshot: Snapshot): string | undefined {
  const period = snapshot.enrolment?.period;
  if (period == null) return undefined;
  const first = `${period}-01`;
  const last = lastDayOfMonth(period);
  const cancelledOn = snapshot.filing.cancelledOn;
  if (cancelledOn != null && cancelledOn > first && cancelledOn <= last) return addDays(cancelledOn, -1);
  return last;
}

export const subsidyOperating: MeasureDefinition = {
  id: "subsidy.operating",
  title: { zh: "普惠托育机构运营补贴", en: "Operating subsidy for inclusive facilities" },
  legalBasis: [REF.bengbu7],
  monetary: true,
  inForce: { parameter: RATE, when: "present" },
  judgedOn,
  subject,
  tree: { kind: "all", id: "all", children: [inclusive, filedInPeriod, meetsStandards, approved, periodCounts, monthsCap, children] },
  parameters: [KINDERGARTEN_RATE, PERIOD_RULE, MIN_ATTENDANCE],
  outcome(ctx, tree) {
    const count = ctx.snapshot.enrolment?.fullDayChildren ?? null;
    const rule = periodRule(ctx) ?? null;
    const countable = countedChildrenOf(ctx) ?? null;
    const { slots, source } = slotsOf(ctx);
    const { rate, kind } = rateOf(ctx);
    const span = filedDays(ctx.snapshot);
    const counted = countable !== null && slots !== null ? Math.min(countable, slots) : null;
    let amount: number | null = null;
    if (tree.result === "met" && counted !== null && rate !== undefined) {
      amount = counted * rate;
      if (rule === "pro_rata_days" && span && span.days !== null) amount = roundHalfUp((amount * span.days) / span.total);
    }
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
        periodRule: rule,
        filedDays: span?.days ?? null,
        daysInPeriod: span?.total ?? null,
        attendingChildren: ctx.snapshot.enrolment?.attendingFullDayChildren ?? null,
        minAttendanceDays: rule === "minimum_attendance_days" ? (numberParam(ctx, MIN_ATTENDANCE) ?? null) : null,
      },
    };
  },
};
