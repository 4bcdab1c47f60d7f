// 1. filing.complete — 备案条件与材料齐全. National: 登记和备案办法 第五、八条; 设置标准; 未成年人保护法 第六十二条;
// A§17 restates the duty to prove staff qualifications at filing.

import { addDays, addMonths, monthsCovered } from "../engine/dates";
import type { Context, Facts, LeafDefinition, MeasureDefinition, Outcome } from "../engine/measure";
import type { Result, Text } from "../engine/types";
import { REF } from "../parameters/references";
import type { StaffMember } from "../snapshot";
import { allOf, holdsQualification, listParam, numberParam, operatorRegistered, staffLabel, staffPath, unknown } from "./common";
import { backgroundChecks, caregiverQualifications, healthCertificates, homeCarers } from "./staff-records";

const DOCUMENT_NAMES: Record<string, Text> = {
  business_license: { zh: "营业执照（或其他法人登记证书）", en: "business licence (or other legal-person certificate)" },
  site_proof: { zh: "场地证明", en: "site proof" },
  health_evaluation: { zh: "托幼机构卫生评价报告（合格）", en: "health evaluation report (passed)" },
  fire_safety: { zh: "消防安全检查合格证明", en: "fire-safety certificate" },
  food_license: { zh: "食品经营许可证", en: "food business licence" },
};

const premisesTerm: LeafDefinition = {
  kind: "leaf",
  id: "premises.term",
  title: { zh: "场地自有，或租赁/无偿使用期限不少于3年", en: "Premises owned, or leased / free use for at least 3 years" },
  references: [REF.site],
  parameters: ["filing.lease_min_months"],
  test(ctx) {
    const premises = ctx.snapshot.facility.premises;
    if (premises == null) return unknown({ tenure: null }, ["facility.premises"]);
    const { tenure, leaseStartsOn: start, leaseEndsOn: end } = premises;
    if (tenure == null) return unknown({ tenure: null }, ["facility.premises.tenure"]);
    if (tenure === "owned") return { result: "met", facts: { tenure } };
    // leaseEndsOn null = open-ended: no term to fall short.
    if (end === null) return { result: "met", facts: { tenure, leaseStartsOn: start ?? null, leaseEndsOn: null, openEnded: true } };
    const required = numberParam(ctx, "filing.lease_min_months");
    const missing: string[] = [];
    if (start == null) missing.push("facility.premises.leaseStartsOn");
    if (end === undefined) missing.push("facility.premises.leaseEndsOn");
    if (required === undefined) missing.push("parameters.filing.lease_min_months");
    if (start == null || end === undefined || required === undefined) return unknown({ tenure, leaseStartsOn: start ?? null, leaseEndsOn: end ?? null }, missing);
    const facts: Facts = { tenure, leaseStartsOn: start, leaseEndsOn: end, requiredMonths: required };
    // Both ends included: start + N months − 1 day must be on or before the end.
    if (end >= addDays(addMonths(start, required), -1)) return { result: "met", facts };
    const months = monthsCovered(start, end);
    facts.months = months;
    return {
      result: "unmet",
      facts,
      fix: {
        zh: `租期 ${months} 个月（${start} 至 ${end}），需至少 ${required} 个月；请续签或延长租赁合同`,
        en: `lease runs ${months} months; ${required} required (${start} to ${end}) — extend the lease`,
      },
    };
  },
};

function documentLeaf(kind: string, id: string, title: Text, appliesWhen?: LeafDefinition["appliesWhen"]): LeafDefinition {
  const name = DOCUMENT_NAMES[kind];
  const needsPass = kind === "health_evaluation";
  return {
    kind: "leaf",
    id,
    title,
    references: [REF.filingMaterials],
    parameters: [],
    appliesWhen,
    applicabilityFacts: appliesWhen ? ["facility.mealsProvided"] : undefined,
    test(ctx) {
      const documents = ctx.snapshot.documents;
      if (documents == null) return unknown({ kind }, ["documents"]);
      const date = ctx.date;
      const missing: string[] = [];
      let expiredOn: string | null = null;
      let notYetIssued: string | null = null;
      let failed = false;
      let candidates = 0;
      for (let i = 0; i < documents.length; i++) {
        const doc = documents[i];
        if (doc.kind == null) {
          missing.push(`documents[${i}].kind`);
          continue;
        }
        if (doc.kind !== kind) continue;
        candidates++;
        // issuedOn is informative: only a known future issue date disqualifies (decision noted in the report).
        if (doc.issuedOn != null && doc.issuedOn > date) {
          notYetIssued = doc.issuedOn;
          continue;
        }
        if (doc.validUntil != null && doc.validUntil < date) {
          if (expiredOn === null || doc.validUntil > expiredOn) expiredOn = doc.validUntil;
          continue;
        }
        if (needsPass && doc.passed === false) {
          failed = true;
          continue;
        }
        let known = true;
        if (doc.validUntil === undefined) {
          missing.push(`documents[${i}].validUntil`);
          known = false;
        }
        if (needsPass && doc.passed == null) {
          missing.push(`documents[${i}].passed`);
          known = false;
        }
        if (known) return { result: "met", facts: { kind, document: i } };
      }
      const facts: Facts = { kind, onFile: candidates };
      if (missing.length) return unknown(facts, missing);
      let fix: Text;
      if (expiredOn) fix = { zh: `${name.zh}已于 ${expiredOn} 过期，请上传有效文件`, en: `The ${name.en} expired on ${expiredOn}; upload a valid one` };
      else if (failed) fix = { zh: `${name.zh}结论为不合格，需整改后重新评价`, en: `The ${name.en} did not pass; correct and have it re-evaluated` };
      else if (notYetIssued) fix = { zh: `${name.zh}签发日期 ${notYetIssued} 晚于 ${date}`, en: `The ${name.en} is issued only on ${notYetIssued}, after ${date}` };
      else fix = { zh: `缺少${name.zh}，请上传`, en: `No ${name.en} on file; upload one` };
      return { result: "unmet", facts, fix };
    },
  };
}

/** At least one staff member of `role` passes `check`; a member of unknown role may be the one. */
function someStaff(
  ctx: Context,
  role: string,
  check: (member: StaffMember, index: number, reasons: Text[], missing: string[]) => Result,
  none: Text,
): Outcome {
  const staff = ctx.snapshot.staff;
  if (staff == null) return unknown({ staff: null }, ["staff"]);
  const missing: string[] = [];
  const reasons: Text[] = [];
  let holders = 0;
  let open = false;
  for (let i = 0; i < staff.length; i++) {
    const m = staff[i];
    if (m.role != null && m.role !== role) continue;
    const local: string[] = [];
    const localReasons: Text[] = [];
    const r = check(m, i, localReasons, local);
    if (m.role == null) {
      if (r !== "unmet") {
        open = true;
        missing.push(`${staffPath(m, i)}.role`, ...local);
      }
      continue;
    }
    holders++;
    if (r === "met") return { result: "met", facts: { role, staff: staffLabel(m, i) } };
    if (r === "unknown") {
      open = true;
      missing.push(...local);
    } else reasons.push(...localReasons);
  }
  const facts: Facts = { role, holders };
  if (open) return unknown(facts, missing);
  if (holders === 0 || reasons.length === 0) return { result: "unmet", facts, fix: none };
  return { result: "unmet", facts, fix: { zh: reasons.map((r) => r.zh).join("；"), en: reasons.map((r) => r.en).join("; ") } };
}

function notHomeBased(ctx: Context): boolean | undefined {
  const kind = ctx.snapshot.facility.kind;
  return kind == null ? undefined : kind !== "home_based";
}

const director: LeafDefinition = {
  kind: "leaf",
  id: "staff.director",
  title: { zh: "负责人具有大专及以上学历、3年以上相关工作经历并经岗位培训合格", en: "A director with junior college or higher, 3+ years' relevant experience and director training" },
  references: [REF.director],
  parameters: ["filing.director_education_levels", "filing.director_min_years_experience"],
  appliesWhen: notHomeBased,
  applicabilityFacts: ["facility.kind"],
  test(ctx) {
    const levels = listParam(ctx, "filing.director_education_levels");
    const years = numberParam(ctx, "filing.director_min_years_experience");
    if (!levels || years === undefined) return unknown({}, ["parameters.filing.director_education_levels"]);
    return someStaff(
      ctx,
      "director",
      (m, i, reasons, missing) => {
        const who = staffLabel(m, i);
        const path = staffPath(m, i);
        let r: Result = "met";
        if (m.education == null) {
          missing.push(`${path}.education`);
          r = allOf(r, "unknown");
        } else if (!levels.includes(m.education)) {
          reasons.push({ zh: `负责人 ${who} 学历需大专及以上`, en: `director ${who} needs junior-college education or higher` });
          r = "unmet";
        }
        const experience = m.yearsOfRelevantExperience;
        if (experience == null) {
          missing.push(`${path}.yearsOfRelevantExperience`);
          r = allOf(r, "unknown");
        } else if (experience < years) {
          reasons.push({ zh: `负责人 ${who} 相关工作经历 ${experience} 年，需满 ${years} 年`, en: `director ${who} has ${experience} years' relevant experience; ${years} required` });
          r = "unmet";
        }
        const training = holdsQualification(m, i, ["director_training"], ctx.date, missing);
        if (training === "unmet") reasons.push({ zh: `负责人 ${who} 需取得负责人岗位培训合格证明`, en: `director ${who} needs a valid director-training certificate` });
        return allOf(r, training);
      },
      { zh: "未登记负责人；需配备符合条件的负责人", en: "No director on the staff list; a qualified director is required" },
    );
  },
};

const healthWorker: LeafDefinition = {
  kind: "leaf",
  id: "staff.health_worker",
  title: { zh: "至少一名经妇幼保健机构培训的保健人员", en: "At least one health worker with health-care training" },
  references: [REF.healthWorker],
  parameters: [],
  appliesWhen: notHomeBased,
  applicabilityFacts: ["facility.kind"],
  test: (ctx) =>
    someStaff(
      ctx,
      "health_worker",
      (m, i, reasons, missing) => {
        const r = holdsQualification(m, i, ["health_care_training"], ctx.date, missing);
        if (r === "unmet") reasons.push({ zh: `保健人员 ${staffLabel(m, i)} 需取得保健人员培训合格证明`, en: `health worker ${staffLabel(m, i)} needs a valid health-care training certificate` });
        return r;
      },
      { zh: "未配备保健人员；需至少一名经培训的保健人员", en: "No health worker; at least one trained health worker is required" },
    ),
};

const securityGuard: LeafDefinition = {
  kind: "leaf",
  id: "staff.security_guard",
  title: { zh: "独立设置的托育机构至少一名持证保安人员", en: "A standalone facility has at least one certified security guard" },
  references: [REF.securityGuard],
  parameters: [],
  appliesWhen(ctx) {
    const kind = ctx.snapshot.facility.kind;
    return kind == null ? undefined : kind === "standalone";
  },
  applicabilityFacts: ["facility.kind"],
  test: (ctx) =>
    someStaff(
      ctx,
      "security_guard",
      (m, i, reasons, missing) => {
        const r = holdsQualification(m, i, ["security_guard_certificate"], ctx.date, missing);
        if (r === "unmet") reasons.push({ zh: `保安人员 ${staffLabel(m, i)} 需持有效保安员证`, en: `security guard ${staffLabel(m, i)} needs a valid guard certificate` });
        return r;
      },
      { zh: "未配备保安人员；独立设置的机构需至少一名持证保安", en: "No security guard; a standalone facility needs at least one certified guard" },
    ),
};

export const filingComplete: MeasureDefinition = {
  id: "filing.complete",
  title: { zh: "备案条件与材料齐全", en: "Filing conditions and documents complete" },
  legalBasis: [REF.filingConditions, REF.filingMaterials, REF.site, REF.backgroundCheck, REF.yearlyBackgroundCheck, REF.yearlyHealthCheck, REF.homeBasedCarers, REF.alar17],
  monetary: false,
  inForce: { parameter: "measure.filing.complete.enabled", when: "flag" },
  tree: {
    kind: "all",
    id: "all",
    children: [
      operatorRegistered([REF.filingConditions]),
      premisesTerm,
      documentLeaf("business_license", "documents.business_license", { zh: "营业执照（或法人登记证书）在有效期内", en: "Valid business licence (or legal-person certificate)" }),
      documentLeaf("site_proof", "documents.site_proof", { zh: "场地证明在有效期内", en: "Valid site proof" }),
      documentLeaf("health_evaluation", "documents.health_evaluation", { zh: "托幼机构卫生评价报告合格且有效", en: "Health evaluation report passed and valid" }),
      documentLeaf("fire_safety", "documents.fire_safety", { zh: "消防安全检查合格证明有效", en: "Valid fire-safety certificate" }),
      documentLeaf("food_license", "documents.food_license", { zh: "提供餐食的，食品经营许可证有效", en: "Valid food business licence where meals are provided" }, (ctx) => {
        const meals = ctx.snapshot.facility.mealsProvided;
        return meals == null ? undefined : meals;
      }),
      healthCertificates,
      backgroundChecks,
      caregiverQualifications,
      homeCarers,
      director,
      healthWorker,
      securityGuard,
    ],
  },
};
