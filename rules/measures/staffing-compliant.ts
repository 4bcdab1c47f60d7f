// 2. staffing.compliant — 班额与师幼比. National (设置标准; 家庭托育点管理办法 for home-based points).
// Each class's declared caregivers: enrolled ≤ maximum size and caregivers ≥ ceil(enrolled ÷ ratio). The
// declarations must be backed by people: the caregivers on the staff roster must number at least what the
// classes need by ratio (declared counts alone passed six declared against two employed).

import type { Context, Facts, LeafDefinition, MeasureDefinition, Outcome } from "../engine/measure";
import { REF } from "../parameters/references";
import { CLASS_TYPES } from "../vocabulary";
import { CLASS_NAMES, numberParam, staffPath, unknown } from "./common";

// Parameter ids per class type, built once: building them per class in the loop showed in profiles.
const SIZE_PARAMETER: Record<string, string> = {};
const RATIO_PARAMETER: Record<string, string> = {};
for (const type of CLASS_TYPES) {
  SIZE_PARAMETER[type] = `staffing.max_class_size.${type}`;
  RATIO_PARAMETER[type] = `staffing.children_per_caregiver.${type}`;
}
const SIZE_PARAMETERS = Object.values(SIZE_PARAMETER);
const RATIO_PARAMETERS = Object.values(RATIO_PARAMETER);

function kindIs(ctx: Context, homeBased: boolean): boolean | undefined {
  const kind = ctx.snapshot.facility.kind;
  if (kind == null) return undefined;
  return (kind === "home_based") === homeBased;
}

type ClassCheck = (type: string, index: number, enrolled: number, caregivers: number | null | undefined, ctx: Context, missing: string[]) => { zh: string; en: string } | null;

function everyClass(ctx: Context, needsCaregivers: boolean, check: ClassCheck): Outcome {
  const classes = ctx.snapshot.classes;
  if (classes == null) return unknown({ classes: null }, ["classes"]);
  const missing: string[] = [];
  const zh: string[] = [];
  const en: string[] = [];
  for (let i = 0; i < classes.length; i++) {
    const c = classes[i];
    if (c.type == null) missing.push(`classes[${i}].type`);
    if (c.enrolled == null) missing.push(`classes[${i}].enrolled`);
    if (needsCaregivers && c.caregivers == null) missing.push(`classes[${i}].caregivers`);
    if (c.type == null || c.enrolled == null || (needsCaregivers && c.caregivers == null)) continue;
    const problem = check(c.type, i, c.enrolled, c.caregivers, ctx, missing);
    if (problem) {
      zh.push(problem.zh);
      en.push(problem.en);
    }
  }
  const facts: Facts = { classes: classes.length, failing: zh.length };
  if (zh.length) return { result: "unmet", facts, fix: { zh: zh.join("；"), en: en.join("; ") } };
  if (missing.length) return unknown(facts, missing);
  return { result: "met", facts };
}

const classSize: LeafDefinition = {
  kind: "leaf",
  id: "classes.size",
  title: { zh: "每班人数不超过班额上限（乳儿班10、托小班15、托大班20、混合编班18）", en: "Every class within its maximum size (infant 10, toddler 15, older toddler 20, mixed 18)" },
  references: [REF.classSizes],
  parameters: SIZE_PARAMETERS,
  appliesWhen: (ctx) => kindIs(ctx, false),
  applicabilityFacts: ["facility.kind"],
  test: (ctx) =>
    everyClass(ctx, false, (type, i, enrolled, _caregivers, ctx, missing) => {
      const max = numberParam(ctx, SIZE_PARAMETER[type]);
      if (max === undefined) {
        missing.push(`parameters.${SIZE_PARAMETER[type]}`);
        return null;
      }
      if (enrolled <= max) return null;
      const name = CLASS_NAMES[type];
      return {
        zh: `${name}（第${i + 1}班）有 ${enrolled} 名婴幼儿，超过班额上限 ${max} 名，需减少 ${enrolled - max} 名或分班`,
        en: `${name} (class ${i + 1}) has ${enrolled} children, over the maximum of ${max}; ${enrolled - max} too many`,
      };
    }),
};

const classRatio: LeafDefinition = {
  kind: "leaf",
  id: "classes.ratio",
  title: { zh: "每班保育人员配备达到师幼比（乳儿班1:3、托小班1:5、托大班1:7）", en: "Every class meets its caregiver ratio (infant 1:3, toddler 1:5, older toddler 1:7)" },
  references: [REF.ratios],
  parameters: RATIO_PARAMETERS,
  appliesWhen: (ctx) => kindIs(ctx, false),
  applicabilityFacts: ["facility.kind"],
  test: (ctx) =>
    everyClass(ctx, true, (type, i, enrolled, caregivers, ctx, missing) => {
      const ratio = numberParam(ctx, RATIO_PARAMETER[type]);
      if (ratio === undefined) {
        missing.push(`parameters.${RATIO_PARAMETER[type]}`);
        return null;
      }
      const needed = Math.ceil(enrolled / ratio);
      const have = caregivers ?? 0;
      if (have >= needed) return null;
      const short = needed - have;
      const name = CLASS_NAMES[type];
      return {
        zh: `${name}还需 ${short} 名保育人员（第${i + 1}班：${enrolled} 名婴幼儿、${have} 名保育人员，师幼比 1:${ratio}）`,
        en: `${name} needs ${short} more caregiver${short === 1 ? "" : "s"} (class ${i + 1}: ${enrolled} children, ${have} caregiver${have === 1 ? "" : "s"}; ratio 1:${ratio})`,
      };
    }),
};

/** Totals over all classes of a home-based point; null with missing paths when a count is unknown. */
function homeTotals(ctx: Context, missing: string[]): { enrolled: number; caregivers: number } | null {
  const classes = ctx.snapshot.classes;
  if (classes == null) {
    missing.push("classes");
    return null;
  }
  let enrolled = 0;
  let caregivers = 0;
  for (let i = 0; i < classes.length; i++) {
    const c = classes[i];
    if (c.enrolled == null) missing.push(`classes[${i}].enrolled`);
    else enrolled += c.enrolled;
    if (c.caregivers == null) missing.push(`classes[${i}].caregivers`);
    else caregivers += c.caregivers;
  }
  return missing.length ? null : { enrolled, caregivers };
}

const homeEnrolled: LeafDefinition = {
  kind: "leaf",
  id: "home.enrolled",
  title: { zh: "家庭托育点收托不超过5人", en: "A home-based point takes at most 5 children" },
  references: [REF.homeBased],
  parameters: ["home_based.max_children"],
  appliesWhen: (ctx) => kindIs(ctx, true),
  applicabilityFacts: ["facility.kind"],
  test(ctx) {
    const max = numberParam(ctx, "home_based.max_children");
    const classes = ctx.snapshot.classes;
    if (classes == null) return unknown({}, ["classes"]);
    const missing: string[] = [];
    let enrolled = 0;
    for (let i = 0; i < classes.length; i++) {
      const n = classes[i].enrolled;
      if (n == null) missing.push(`classes[${i}].enrolled`);
      else enrolled += n;
    }
    if (max === undefined) missing.push("parameters.home_based.max_children");
    // A known total already over the limit is unmet whatever the unknown classes hold.
    if (max !== undefined && enrolled > max) {
      return {
        result: "unmet",
        facts: { enrolled, max },
        fix: { zh: `家庭托育点收托 ${enrolled} 人，最多 ${max} 人；超过 ${max} 人须按托育机构登记备案`, en: `The home-based point has ${enrolled} children; at most ${max} — above that it must register as a facility` },
      };
    }
    if (missing.length) return unknown({ enrolled }, missing);
    return { result: "met", facts: { enrolled, max } };
  },
};

const homeCaregivers: LeafDefinition = {
  kind: "leaf",
  id: "home.caregivers",
  title: { zh: "家庭托育点每名照护人员最多看护3名婴幼儿", en: "A home-based point has one carer per 3 children" },
  references: [REF.homeBased],
  parameters: ["home_based.children_per_caregiver"],
  appliesWhen: (ctx) => kindIs(ctx, true),
  applicabilityFacts: ["facility.kind"],
  test(ctx) {
    const ratio = numberParam(ctx, "home_based.children_per_caregiver");
    const missing: string[] = [];
    const totals = homeTotals(ctx, missing);
    if (ratio === undefined) missing.push("parameters.home_based.children_per_caregiver");
    if (!totals || ratio === undefined) return unknown({}, missing);
    const needed = Math.ceil(totals.enrolled / ratio);
    const facts: Facts = { enrolled: totals.enrolled, caregivers: totals.caregivers, needed };
    if (totals.caregivers >= needed) return { result: "met", facts };
    const short = needed - totals.caregivers;
    return {
      result: "unmet",
      facts,
      fix: {
        zh: `家庭托育点还需 ${short} 名照护人员（${totals.enrolled} 名婴幼儿、${totals.caregivers} 名照护人员，1:${ratio}）`,
        en: `The home-based point needs ${short} more carer${short === 1 ? "" : "s"} (${totals.enrolled} children, ${totals.caregivers} carers; 1:${ratio})`,
      },
    };
  },
};

/** Caregivers the classes need by ratio (home-based: the carer ratio over all children); null when unknown. */
function caregiversNeeded(ctx: Context, missing: string[]): { needed: number; declared: number } | null {
  const classes = ctx.snapshot.classes;
  if (classes == null) {
    missing.push("classes");
    return null;
  }
  const homeBased = ctx.snapshot.facility.kind === "home_based";
  let needed = 0;
  let declared = 0;
  let enrolledTotal = 0;
  const before = missing.length;
  for (let i = 0; i < classes.length; i++) {
    const c = classes[i];
    declared += c.caregivers ?? 0;
    if (c.enrolled == null) {
      missing.push(`classes[${i}].enrolled`);
      continue;
    }
    enrolledTotal += c.enrolled;
    if (homeBased) continue;
    if (c.type == null) {
      missing.push(`classes[${i}].type`);
      continue;
    }
    const ratio = numberParam(ctx, RATIO_PARAMETER[c.type]);
    if (ratio === undefined) missing.push(`parameters.${RATIO_PARAMETER[c.type]}`);
    else needed += Math.ceil(c.enrolled / ratio);
  }
  if (homeBased) {
    const ratio = numberParam(ctx, "home_based.children_per_caregiver");
    if (ratio === undefined) missing.push("parameters.home_based.children_per_caregiver");
    else needed = Math.ceil(enrolledTotal / ratio);
  }
  return missing.length > before ? null : { needed, declared };
}

const rosterCaregivers: LeafDefinition = {
  kind: "leaf",
  id: "staff.roster_covers_ratio",
  title: { zh: "花名册上的保育人员人数达到各班师幼比所需人数", en: "The caregivers on the staff roster number at least what the classes need by ratio" },
  references: [REF.ratios, REF.homeBased],
  parameters: [...RATIO_PARAMETERS, "home_based.children_per_caregiver"],
  test(ctx) {
    const staff = ctx.snapshot.staff;
    const missing: string[] = [];
    const need = caregiversNeeded(ctx, missing);
    if (staff == null) missing.push("staff");
    if (staff == null || need === null) return unknown({}, missing);
    let onRoster = 0;
    const undetermined: string[] = [];
    for (let i = 0; i < staff.length; i++) {
      const role = staff[i].role;
      if (role === "caregiver") onRoster++;
      else if (role == null) undetermined.push(`${staffPath(staff[i], i)}.role`);
    }
    const facts: Facts = { rosterCaregivers: onRoster, needed: need.needed, declared: need.declared };
    if (onRoster >= need.needed) return { result: "met", facts };
    if (onRoster + undetermined.length >= need.needed) return unknown(facts, undetermined);
    const short = need.needed - onRoster;
    return {
      result: "unmet",
      facts,
      fix: {
        zh: `花名册上有 ${onRoster} 名保育人员，按各班人数和师幼比共需 ${need.needed} 名（各班申报 ${need.declared} 名）：需在花名册增加 ${short} 名保育人员，或更正班级申报`,
        en: `The staff roster has ${onRoster} caregiver${onRoster === 1 ? "" : "s"}; the classes need ${need.needed} by ratio (they declare ${need.declared}): add ${short} caregiver${short === 1 ? "" : "s"} to the roster or correct the classes`,
      },
    };
  },
};

export const staffingCompliant: MeasureDefinition = {
  id: "staffing.compliant",
  title: { zh: "班额与师幼比", en: "Class sizes and caregiver ratios" },
  legalBasis: [REF.classSizes, REF.ratios, REF.homeBased],
  monetary: false,
  inForce: { parameter: "measure.staffing.compliant.enabled", when: "flag" },
  tree: { kind: "all", id: "all", children: [classSize, classRatio, homeEnrolled, homeCaregivers, rosterCaregivers] },
};
