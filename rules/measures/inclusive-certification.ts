// 3. inclusive.certification — 普惠性托育机构认定: eligible to be, or stay, certified. National (1477号),
// A§15, B§7. Filed, and public, or an inclusive kindergarten class, or the socially-run route.

import { addMonths } from "../engine/dates";
import { evaluateTree, type LeafDefinition, type MeasureDefinition } from "../engine/measure";
import { REF } from "../parameters/references";
import { feesWithinCaps, filingFiled, inclusiveKindergartenClass, numberParam, operatorPublic, staffLabel, staffPath, unknown } from "./common";
import { kindergartenInclusiveToddlerClass } from "./kindergarten-inclusive-toddler-class";
import { staffingCompliant } from "./staffing-compliant";


const kindergartenClass: LeafDefinition = {
  kind: "leaf",
  id: "kindergarten.inclusive_class",
  title: { zh: "公办或普惠性民办幼儿园开设的托班", en: "A toddler class of a public or inclusive-private kindergarten" },
  references: [REF.inclusiveProviders, REF.bengbu8],
  parameters: [kindergartenInclusiveToddlerClass.inForce.parameter],
  test(ctx) {
    const missing: string[] = [];
    const r = inclusiveKindergartenClass(ctx, kindergartenInclusiveToddlerClass, missing);
    const facts = { kind: ctx.snapshot.facility.kind ?? null, kindergartenOwnership: ctx.snapshot.facility.kindergarten?.ownership ?? null };
    if (r === "unknown") return unknown(facts, missing);
    if (r === "met") return { result: "met", facts };
    return { result: "unmet", facts, fix: { zh: "不是公办或普惠性民办幼儿园的普惠托班", en: "Not a toddler class of a public or inclusive-private kindergarten" } };
  },
};

const operatingMonths: LeafDefinition = {
  kind: "leaf",
  id: "operating.months",
  title: { zh: "已开办满规定月数", en: "Operating for the required number of months" },
  references: [REF.inclusiveRecognition],
  parameters: ["inclusive.min_operating_months"],
  test(ctx) {
    const opened = ctx.snapshot.facility.openedOn;
    const months = numberParam(ctx, "inclusive.min_operating_months");
    const missing: string[] = [];
    if (opened == null) missing.push("facility.openedOn");
    if (months === undefined) missing.push("parameters.inclusive.min_operating_months");
    if (opened == null || months === undefined) return unknown({ openedOn: opened ?? null }, missing);
    const from = addMonths(opened, months);
    const facts = { openedOn: opened, requiredMonths: months, eligibleFrom: from };
    if (from <= ctx.date) return { result: "met", facts };
    return { result: "unmet", facts, fix: { zh: `开办未满 ${months} 个月，${from} 起可申请`, en: `Operating for less than ${months} months; eligible from ${from}` } };
  },
};

const staffingLeaf: LeafDefinition = {
  kind: "leaf",
  id: "staffing.compliant",
  title: { zh: "班额与师幼比符合标准", en: "Class sizes and caregiver ratios meet the standards" },
  references: [REF.classSizes, REF.ratios],
  parameters: [],
  test(ctx) {
    const tree = evaluateTree(ctx, staffingCompliant);
    if (tree.result === "met") return { result: "met", facts: { staffing: "met" } };
    if (tree.result === "unknown") return unknown({ staffing: "unknown" }, tree.missing);
    const fixes = tree.conditions.filter((c) => c.result === "unmet" && c.fix);
    return {
      result: "unmet",
      facts: { staffing: "unmet" },
      fix: { zh: fixes.map((c) => c.fix?.zh).join("；"), en: fixes.map((c) => c.fix?.en).join("; ") },
    };
  },
};

const noMajorIncident: LeafDefinition = {
  kind: "leaf",
  id: "safety.no_major_incident",
  title: { zh: "近3年内无重大安全事故", en: "No major safety incident within 36 months" },
  references: [REF.inclusiveRecognition],
  parameters: ["inclusive.incident_window_months"],
  test(ctx) {
    const incidents = ctx.snapshot.safetyIncidents;
    const window = numberParam(ctx, "inclusive.incident_window_months");
    if (window === undefined) return unknown({}, ["parameters.inclusive.incident_window_months"]);
    if (incidents == null) return unknown({ incidents: null }, ["safetyIncidents"]);
    // "Within N months before the date" = on or after date − N months (RULES.md "Dates").
    const since = addMonths(ctx.date, -window);
    const missing: string[] = [];
    let major: string | null = null;
    for (let i = 0; i < incidents.length; i++) {
      const { on, severity } = incidents[i];
      if (on != null && (on < since || on > ctx.date)) continue;
      if (severity === "minor") continue;
      if (on == null) missing.push(`safetyIncidents[${i}].on`);
      if (severity == null) missing.push(`safetyIncidents[${i}].severity`);
      if (on != null && severity === "major" && (major === null || on > major)) major = on;
    }
    const facts = { since, incidents: incidents.length, lastMajor: major };
    if (major) {
      const clearOn = addMonths(major, window);
      return { result: "unmet", facts, fix: { zh: `${major} 发生重大安全事故，${clearOn} 后方满 ${window} 个月`, en: `Major safety incident on ${major}; the ${window}-month window clears after ${clearOn}` } };
    }
    if (missing.length) return unknown(facts, missing);
    return { result: "met", facts };
  },
};

const contractsAndInsurance: LeafDefinition = {
  kind: "leaf",
  id: "staff.contracts_insurance",
  title: { zh: "全部工作人员签订劳动合同并缴纳社会保险", en: "Every staff member has a labour contract and social insurance" },
  references: [REF.inclusiveRecognition],
  parameters: [],
  test(ctx) {
    const staff = ctx.snapshot.staff;
    if (staff == null) return unknown({ staff: null }, ["staff"]);
    const failing: string[] = [];
    const missing: string[] = [];
    for (let i = 0; i < staff.length; i++) {
      const m = staff[i];
      if (m.laborContract === false || m.socialInsurance === false) {
        failing.push(staffLabel(m, i));
        continue;
      }
      if (m.laborContract == null) missing.push(`${staffPath(m, i)}.laborContract`);
      if (m.socialInsurance == null) missing.push(`${staffPath(m, i)}.socialInsurance`);
    }
    const facts = { staff: staff.length, failing };
    if (failing.length) {
      return {
        result: "unmet",
        facts,
        fix: { zh: `${failing.join("、")} 需签订劳动合同并缴纳社会保险`, en: `${failing.join(", ")} need${failing.length === 1 ? "s" : ""} a labour contract and social insurance` },
      };
    }
    if (missing.length) return unknown(facts, missing);
    return { result: "met", facts };
  },
};

export const inclusiveCertification: MeasureDefinition = {
  id: "inclusive.certification",
  title: { zh: "普惠性托育机构认定", en: "Inclusive childcare certification" },
  legalBasis: [REF.inclusiveRecognition, REF.alar15, REF.bengbu7],
  monetary: false,
  inForce: { parameter: "measure.inclusive.certification.enabled", when: "flag" },
  tree: {
    kind: "all",
    id: "all",
    children: [
      filingFiled,
      {
        kind: "any",
        id: "route",
        children: [
          operatorPublic,
          kindergartenClass,
          {
            kind: "all",
            id: "socially_run",
            children: [operatingMonths, staffingLeaf, feesWithinCaps([REF.inclusiveRecognition, REF.pricing]), noMajorIncident, contractsAndInsurance],
          },
        ],
      },
    ],
  },
};
