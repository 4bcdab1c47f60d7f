// The per-person staff checks of `filing.complete` (RULES.md measure 1): health certificates, background
// checks, caregiver qualifications, and the carers of a home-based point. Each says what it checks and
// from which text, with the dated parameter behind every period.

import { addMonths } from "../engine/dates";
import type { Context, LeafDefinition, Outcome } from "../engine/measure";
import type { Result, Text } from "../engine/types";
import { REF } from "../parameters/references";
import type { StaffMember } from "../snapshot";
import { holdsQualification, listParam, numberParam, staffLabel, staffPath, unknown } from "./common";

const HEALTH_INTERVAL = "staff.health_check_interval_months";
const BACKGROUND_VALID = "staff.background_check_valid_months";

/** Why one member fails: who, and a short code the fix groups by. */
export type Reason = { who: string; why: string };

function whoFailed(reasons: readonly Reason[], why: string): string[] {
  return reasons.filter((r) => r.why === why).map((r) => r.who);
}

/** Every staff member passes `check`; the fix names the ones who do not (with a reason each, if given). */
export function everyStaff(
  ctx: Context,
  check: (member: StaffMember, index: number, missing: string[], reasons: Reason[]) => Result,
  fix: (labels: string[], reasons: Reason[]) => Text,
): Outcome {
  const staff = ctx.snapshot.staff;
  if (staff == null) return unknown({ staff: null }, ["staff"]);
  // Lists are allocated only when something fails or is missing: this runs for every staff member.
  let failing: string[] | null = null;
  const reasons: Reason[] = [];
  const missing: string[] = [];
  for (let i = 0; i < staff.length; i++) {
    const r = check(staff[i], i, missing, reasons);
    if (r === "unmet") (failing ??= []).push(staffLabel(staff[i], i));
  }
  if (failing) return { result: "unmet", facts: { staff: staff.length, failing }, fix: fix(failing, reasons) };
  if (missing.length) return unknown({ staff: staff.length }, missing);
  return { result: "met", facts: { staff: staff.length } };
}

/** The earliest day a dated record may carry and still count on `date`: date − N months (RULES.md "within"). */
function notBefore(date: string, months: number): string {
  return addMonths(date, -months);
}

// 托儿所幼儿园卫生保健管理办法: a 健康合格证 before starting, and a health check every year on duty. A certificate
// counts on the date when its own end date is not past, and — where its issue date is known — it was issued
// within `staff.health_check_interval_months` (so a certificate printed "valid 3 years" still needs the yearly check).
export const healthCertificates: LeafDefinition = {
  kind: "leaf",
  id: "staff.health_certificates",
  title: {
    zh: "全部工作人员持有效的托幼机构工作人员健康合格证（未过有效期，且为近12个月内体检所发）",
    en: "Every staff member holds a valid staff health certificate (not past its end date, and from a health check within the last 12 months)",
  },
  references: [REF.yearlyHealthCheck, REF.healthCertificates, REF.filingMaterials],
  parameters: [HEALTH_INTERVAL],
  test(ctx) {
    const interval = numberParam(ctx, HEALTH_INTERVAL);
    const earliest = interval === undefined ? null : notBefore(ctx.date, interval);
    return everyStaff(
      ctx,
      (m, i, missing, reasons) => {
        const until = m.healthCertificateValidUntil;
        if (until == null) {
          missing.push(`${staffPath(m, i)}.healthCertificateValidUntil`);
          return "unknown";
        }
        const who = staffLabel(m, i);
        if (until < ctx.date) {
          reasons.push({ who, why: "expired" });
          return "unmet";
        }
        const issued = m.healthCertificateIssuedOn;
        if (issued != null && earliest !== null && issued < earliest) {
          reasons.push({ who, why: "stale" });
          return "unmet";
        }
        return "met";
      },
      (labels, reasons) => {
        const expired = whoFailed(reasons, "expired");
        const stale = whoFailed(reasons, "stale");
        const zh: string[] = [];
        const en: string[] = [];
        if (expired.length) {
          zh.push(`${expired.length} 名工作人员的健康合格证已过期：${expired.join("、")}`);
          en.push(`Health certificate expired for ${expired.length} staff: ${expired.join(", ")}`);
        }
        if (stale.length) {
          zh.push(`${stale.length} 名工作人员的健康检查已超过 ${interval} 个月，需重新体检：${stale.join("、")}`);
          en.push(`Health check older than ${interval} months for ${stale.length} staff (a yearly check is due): ${stale.join(", ")}`);
        }
        if (!zh.length) return { zh: `健康合格证不符合要求：${labels.join("、")}`, en: `Health certificate not valid: ${labels.join(", ")}` };
        return { zh: zh.join("；"), en: en.join("; ") };
      },
    );
  },
};

// 未成年人保护法 第六十二条: a record check before hiring, and (第二款) every year after. The last check must be
// on or before the date and, where the yearly duty is in force, within `staff.background_check_valid_months`.
export const backgroundChecks: LeafDefinition = {
  kind: "leaf",
  id: "staff.background_checks",
  title: { zh: "全部工作人员近12个月内完成违法犯罪记录查询（每年定期查询）", en: "Every staff member has a background check within the last 12 months (repeated yearly)" },
  references: [REF.backgroundCheck, REF.yearlyBackgroundCheck],
  parameters: [BACKGROUND_VALID],
  test(ctx) {
    const months = numberParam(ctx, BACKGROUND_VALID);
    const earliest = months === undefined ? null : notBefore(ctx.date, months);
    return everyStaff(
      ctx,
      (m, i, missing, reasons) => {
        const on = m.backgroundCheckOn;
        if (on == null) {
          missing.push(`${staffPath(m, i)}.backgroundCheckOn`);
          return "unknown";
        }
        const who = staffLabel(m, i);
        if (on > ctx.date) {
          reasons.push({ who, why: "future" });
          return "unmet";
        }
        if (earliest !== null && on < earliest) {
          reasons.push({ who, why: "stale" });
          return "unmet";
        }
        return "met";
      },
      (_labels, reasons) => {
        const future = whoFailed(reasons, "future");
        const stale = whoFailed(reasons, "stale");
        const zh: string[] = [];
        const en: string[] = [];
        if (stale.length) {
          zh.push(`${stale.length} 名工作人员的违法犯罪记录查询已超过 ${months} 个月（须每年查询，最早 ${earliest}）：${stale.join("、")}`);
          en.push(`Background check older than ${months} months for ${stale.length} staff (yearly check due; earliest ${earliest}): ${stale.join(", ")}`);
        }
        if (future.length) {
          zh.push(`${future.length} 名工作人员的违法犯罪记录查询日期晚于评估日：${future.join("、")}`);
          en.push(`Background check dated after the date for ${future.length} staff: ${future.join(", ")}`);
        }
        return { zh: zh.join("；"), en: en.join("; ") };
      },
    );
  },
};

function facilityKind(ctx: Context): string | null | undefined {
  return ctx.snapshot.facility.kind;
}

/** Caregivers of a facility (not a home-based point): a counting professional qualification each. */
export const caregiverQualifications: LeafDefinition = {
  kind: "leaf",
  id: "staff.caregiver_qualifications",
  title: { zh: "每名保育人员持有效的专业资格证明", en: "Every caregiver holds a counting qualification" },
  references: [REF.caregivers, REF.filingMaterials, REF.alar17],
  parameters: ["staff.caregiver_qualifications"],
  appliesWhen: (ctx) => {
    const kind = facilityKind(ctx);
    return kind == null ? undefined : kind !== "home_based";
  },
  applicabilityFacts: ["facility.kind"],
  test(ctx) {
    const kinds = listParam(ctx, "staff.caregiver_qualifications");
    if (!kinds) return unknown({}, ["parameters.staff.caregiver_qualifications"]);
    return everyStaff(
      ctx,
      (m, i, missing) => {
        if (m.role != null && m.role !== "caregiver") return "met";
        const local: string[] = [];
        const r = holdsQualification(m, i, kinds, ctx.date, local);
        if (m.role == null) {
          // Not known to be a caregiver: only a counting qualification settles it.
          if (r === "met") return "met";
          missing.push(`${staffPath(m, i)}.role`, ...local);
          return "unknown";
        }
        missing.push(...local);
        return r;
      },
      (labels) => ({
        zh: `保育人员 ${labels.join("、")} 无有效专业资格证明（保育师、婴幼儿发展引导员、幼儿园教师资格或护士）`,
        en: `Caregivers ${labels.join(", ")} have no counting qualification (childcare worker, infant development guide, kindergarten teacher or nurse)`,
      }),
    );
  },
};

// 家庭托育点管理办法: a carer has childcare experience or a related professional background, and has been
// trained (保育、心理健康、食品安全、急救和消防) — no certificate is required.
export const homeCarers: LeafDefinition = {
  kind: "leaf",
  id: "staff.home_carers",
  title: {
    zh: "家庭托育点每名照护人员具有婴幼儿照护经验或相关专业背景，并受过保育、安全等培训",
    en: "Every carer of a home-based point has childcare experience or a related background, and has been trained",
  },
  references: [REF.homeBasedCarers],
  parameters: ["home_based.caregiver_min_years_experience", "home_based.caregiver_training_kinds", "staff.caregiver_qualifications"],
  appliesWhen: (ctx) => {
    const kind = facilityKind(ctx);
    return kind == null ? undefined : kind === "home_based";
  },
  applicabilityFacts: ["facility.kind"],
  test(ctx) {
    const years = numberParam(ctx, "home_based.caregiver_min_years_experience");
    const training = listParam(ctx, "home_based.caregiver_training_kinds");
    const background = listParam(ctx, "staff.caregiver_qualifications") ?? [];
    if (years === undefined || !training) return unknown({}, ["parameters.home_based.caregiver_training_kinds"]);
    return everyStaff(
      ctx,
      (m, i, missing, reasons) => {
        if (m.role != null && m.role !== "caregiver") return "met";
        const who = staffLabel(m, i);
        const path = staffPath(m, i);
        const local: string[] = [];
        const trained = holdsQualification(m, i, training, ctx.date, local);
        const relatedMissing: string[] = [];
        const related = holdsQualification(m, i, background, ctx.date, relatedMissing);
        const experience = m.yearsOfRelevantExperience;
        const grounded: Result = related === "met" ? "met" : experience == null ? "unknown" : experience >= years ? "met" : related === "unknown" ? "unknown" : "unmet";
        if (grounded === "unknown") {
          if (experience == null) local.push(`${path}.yearsOfRelevantExperience`);
          // a related qualification whose proof or expiry is unknown may still settle it
          if (related === "unknown") local.push(...relatedMissing);
        }
        if (m.role == null && (trained !== "met" || grounded !== "met")) {
          missing.push(`${path}.role`, ...local);
          return "unknown";
        }
        if (trained === "unmet") reasons.push({ who, why: "training" });
        if (grounded === "unmet") reasons.push({ who, why: "experience" });
        if (trained === "unmet" || grounded === "unmet") return "unmet";
        if (trained === "unknown" || grounded === "unknown") {
          missing.push(...local);
          return "unknown";
        }
        return "met";
      },
      (_labels, reasons) => {
        const untrained = whoFailed(reasons, "training");
        const inexperienced = whoFailed(reasons, "experience");
        const zh: string[] = [];
        const en: string[] = [];
        if (untrained.length) {
          zh.push(`照护人员 ${untrained.join("、")} 需提供婴幼儿照护培训合格证明`);
          en.push(`carers ${untrained.join(", ")} need a record of childcare training`);
        }
        if (inexperienced.length) {
          zh.push(`照护人员 ${inexperienced.join("、")} 需有 ${years} 年以上婴幼儿照护经验或相关专业资格`);
          en.push(`carers ${inexperienced.join(", ")} need ${years}+ years' childcare experience or a related qualification`);
        }
        return { zh: zh.join("；"), en: en.join("; ") };
      },
    );
  },
};
