// The json-rules-engine baseline for `staffing.compliant`, `filing.complete` and
// `utility.residential_price`, through its ordinary API (Engine, addRule, run). It receives per-facility
// facts derived from the snapshot before timing starts (counts, three-valued document checks, lease
// months…) and the national numbers as facts; its rules do the comparisons and the three-valued
// combination: each rule fires an "unmet" or "unknown" event for one condition, and a measure is
// ineligible when any of its conditions fired "unmet", needs_info when any fired "unknown", else eligible.

import { Engine, type NestedCondition, type RuleProperties, type TopLevelCondition } from "json-rules-engine";
import { addDays, addMonths, monthsCovered } from "../../rules/engine/dates";
import { isValidUscc } from "../../rules/identifiers";
import type { Qualification, Snapshot, StaffMember } from "../../rules/snapshot";

type Tri = "met" | "unmet" | "unknown";
type Status = "eligible" | "ineligible" | "needs_info";
export type JreFacts = Record<string, string | number | boolean | null>;

export const THREE_MEASURES = ["filing.complete", "staffing.compliant", "utility.residential_price"] as const;

const CAREGIVER_QUALIFICATIONS = ["childcare_worker", "infant_development_guide", "kindergarten_teacher", "nurse"];
const DIRECTOR_EDUCATION = ["junior_college", "bachelor", "postgraduate"];
const RATIO: Record<string, number> = { infant: 3, toddler: 5, older_toddler: 7, mixed: 5 };
const HOME_CARER_TRAINING = ["caregiver_training", "childcare_worker", "infant_development_guide"];
// The yearly background check binds from 2021-06-01 (未成年人保护法 第六十二条第二款); both periods are 12 months.
const BACKGROUND_VALID_FROM = "2021-06-01";
const BACKGROUND_VALID_MONTHS = 12;
const HEALTH_CHECK_INTERVAL_MONTHS = 12;

function counts(q: Qualification, date: string): Tri {
  if (q.proofDocument === false || (q.validUntil != null && q.validUntil < date)) return "unmet";
  if (q.proofDocument == null || q.validUntil === undefined) return "unknown";
  return "met";
}

function holds(m: StaffMember, kinds: string[], date: string): Tri {
  if (m.qualifications == null) return "unknown";
  let r: Tri = "unmet";
  for (const q of m.qualifications) {
    if (q.kind == null) r = "unknown";
    else if (kinds.includes(q.kind)) {
      const c = counts(q, date);
      if (c === "met") return "met";
      if (c === "unknown") r = "unknown";
    }
  }
  return r;
}

function and(a: Tri, b: Tri): Tri {
  return a === "unmet" || b === "unmet" ? "unmet" : a === "unknown" || b === "unknown" ? "unknown" : "met";
}

function or(a: Tri, b: Tri): Tri {
  return a === "met" || b === "met" ? "met" : a === "unknown" || b === "unknown" ? "unknown" : "unmet";
}

function documentCheck(s: Snapshot, kind: string, date: string): Tri {
  if (s.documents == null) return "unknown";
  let r: Tri = "unmet";
  for (const d of s.documents) {
    if (d.kind == null) r = "unknown";
    else if (d.kind === kind && !(d.issuedOn != null && d.issuedOn > date) && !(d.validUntil != null && d.validUntil < date) && !(kind === "health_evaluation" && d.passed === false)) {
      if (d.validUntil === undefined || (kind === "health_evaluation" && d.passed == null)) r = "unknown";
      else return "met";
    }
  }
  return r;
}

/** Role-holders meeting a check: how many surely do, and how many might (unknown result or unknown role). */
function roleCounts(s: Snapshot, role: string, check: (m: StaffMember) => Tri): { met: number; open: number } {
  let met = 0;
  let open = 0;
  for (const m of s.staff ?? []) {
    if (m.role != null && m.role !== role) continue;
    const r = check(m);
    if (m.role == null) {
      if (r !== "unmet") open++;
    } else if (r === "met") met++;
    else if (r === "unknown") open++;
  }
  return { met, open };
}

/** Per-facility facts, derived before timing. */
export function jreFacts(s: Snapshot, date: string): JreFacts {
  const staff = s.staff;
  // "Within N months before the date": on or after date − N months.
  const healthEarliest = addMonths(date, -HEALTH_CHECK_INTERVAL_MONTHS);
  const backgroundEarliest = date >= BACKGROUND_VALID_FROM ? addMonths(date, -BACKGROUND_VALID_MONTHS) : null;
  let healthExpired = 0;
  let healthStale = 0;
  let healthUnknown = 0;
  let backgroundLate = 0;
  let backgroundStale = 0;
  let backgroundUnknown = 0;
  let caregiversUnqualified = 0;
  let caregiversUnknown = 0;
  let carersUnqualified = 0;
  let carersUnknown = 0;
  let rosterCaregivers = 0;
  let rosterUndetermined = 0;
  for (const m of staff ?? []) {
    if (m.healthCertificateValidUntil == null) healthUnknown++;
    else if (m.healthCertificateValidUntil < date) healthExpired++;
    else if (m.healthCertificateIssuedOn != null && m.healthCertificateIssuedOn < healthEarliest) healthStale++;
    if (m.backgroundCheckOn == null) backgroundUnknown++;
    else if (m.backgroundCheckOn > date) backgroundLate++;
    else if (backgroundEarliest !== null && m.backgroundCheckOn < backgroundEarliest) backgroundStale++;
    if (m.role === "caregiver") rosterCaregivers++;
    else if (m.role == null) rosterUndetermined++;
    if (m.role == null || m.role === "caregiver") {
      const r = holds(m, CAREGIVER_QUALIFICATIONS, date);
      if (m.role == null ? r !== "met" : r === "unknown") caregiversUnknown++;
      else if (r === "unmet") caregiversUnqualified++;
      // A home-based carer: experience or a related qualification, and a training record.
      const experience: Tri = m.yearsOfRelevantExperience == null ? "unknown" : m.yearsOfRelevantExperience >= 1 ? "met" : "unmet";
      const carer = and(or(experience, r), holds(m, HOME_CARER_TRAINING, date));
      if (m.role == null ? carer !== "met" : carer === "unknown") carersUnknown++;
      else if (carer === "unmet") carersUnqualified++;
    }
  }
  const director = roleCounts(s, "director", (m) => {
    const education: Tri = m.education == null ? "unknown" : DIRECTOR_EDUCATION.includes(m.education) ? "met" : "unmet";
    const years: Tri = m.yearsOfRelevantExperience == null ? "unknown" : m.yearsOfRelevantExperience >= 3 ? "met" : "unmet";
    return and(and(education, years), holds(m, ["director_training"], date));
  });
  const healthWorker = roleCounts(s, "health_worker", (m) => holds(m, ["health_care_training"], date));
  const guard = roleCounts(s, "security_guard", (m) => holds(m, ["security_guard_certificate"], date));
  const p = s.facility.premises;
  const leaseKnown = p?.leaseStartsOn != null && p.leaseEndsOn != null;
  let oversize = 0;
  let ratioShort = 0;
  let sizeUnknown = 0;
  let ratioUnknown = 0;
  let homeEnrolled = 0;
  let homeEnrolledUnknown = 0;
  let homeCarers = 0;
  let homeCarersUnknown = 0;
  const max: Record<string, number> = { infant: 10, toddler: 15, older_toddler: 20, mixed: 18 };
  // Caregivers the classes need by ratio (home-based: one per 3 children overall; an unknown kind by the
  // class ratios); null when a count or class type is unknown.
  const homeBased = s.facility.kind === "home_based";
  let rosterNeeded: number | null = s.classes == null ? null : 0;
  for (const c of s.classes ?? []) {
    if (c.enrolled == null || (!homeBased && c.type == null)) rosterNeeded = null;
    else if (!homeBased && c.type != null && rosterNeeded !== null) rosterNeeded += Math.ceil(c.enrolled / RATIO[c.type]);
    if (c.enrolled == null) homeEnrolledUnknown++;
    else homeEnrolled += c.enrolled;
    if (c.caregivers == null) homeCarersUnknown++;
    else homeCarers += c.caregivers;
    if (c.type == null || c.enrolled == null) {
      sizeUnknown++;
      ratioUnknown++;
      continue;
    }
    if (c.enrolled > max[c.type]) oversize++;
    if (c.caregivers == null) ratioUnknown++;
    else if (c.caregivers < Math.ceil(c.enrolled / RATIO[c.type])) ratioShort++;
  }
  if (homeBased && rosterNeeded !== null) rosterNeeded = Math.ceil(homeEnrolled / 3);
  return {
    usccValid: s.operator.uscc == null ? null : isValidUscc(s.operator.uscc),
    legalFormKnown: s.operator.legalForm != null,
    businessScope: s.operator.businessScopeIncludesChildcare ?? null,
    tenure: p?.tenure ?? null,
    leaseOpenEnded: p?.leaseEndsOn === null,
    // Both ends included; null when a date is unknown.
    leaseMonths: leaseKnown && p?.leaseStartsOn && p.leaseEndsOn ? (p.leaseEndsOn >= addDays(addMonths(p.leaseStartsOn, 36), -1) ? 36 : monthsCovered(p.leaseStartsOn, p.leaseEndsOn)) : null,
    leaseMinMonths: 36,
    docBusinessLicense: documentCheck(s, "business_license", date),
    docSiteProof: documentCheck(s, "site_proof", date),
    docHealthEvaluation: documentCheck(s, "health_evaluation", date),
    docFireSafety: documentCheck(s, "fire_safety", date),
    docFoodLicense: documentCheck(s, "food_license", date),
    mealsProvided: s.facility.mealsProvided ?? null,
    staffKnown: staff != null,
    healthExpired,
    healthStale,
    healthUnknown,
    backgroundLate,
    backgroundStale,
    backgroundUnknown,
    caregiversUnqualified,
    caregiversUnknown,
    carersUnqualified,
    carersUnknown,
    directorMet: director.met,
    directorOpen: director.open,
    healthWorkerMet: healthWorker.met,
    healthWorkerOpen: healthWorker.open,
    guardMet: guard.met,
    guardOpen: guard.open,
    kind: s.facility.kind ?? null,
    classesKnown: s.classes != null,
    oversize,
    sizeUnknown,
    ratioShort,
    ratioUnknown,
    homeEnrolled,
    homeEnrolledUnknown,
    homeMaxChildren: 5,
    homeCarers,
    homeCarersUnknown,
    homeCarersNeeded: Math.ceil(homeEnrolled / 3),
    rosterCaregivers,
    rosterPossible: rosterCaregivers + rosterUndetermined,
    rosterNeeded,
    filingStatus: s.filing.status ?? null,
    serviceTypeCount: s.facility.serviceTypes == null ? null : s.facility.serviceTypes.length,
  };
}

const is = (fact: string, value: unknown): NestedCondition => ({ fact, operator: "equal", value }) as NestedCondition;
const isNot = (fact: string, value: unknown): NestedCondition => ({ fact, operator: "notEqual", value }) as NestedCondition;
const gt = (fact: string, value: number): NestedCondition => ({ fact, operator: "greaterThan", value });
const oneOf = (fact: string, value: unknown[]): NestedCondition => ({ fact, operator: "in", value }) as NestedCondition;

function rule(measure: string, result: "unmet" | "unknown", name: string, conditions: TopLevelCondition): RuleProperties {
  return { name: `${measure}:${name}:${result}`, conditions, event: { type: result, params: { measure } } };
}

/** "At least one holder of a role" that applies when `applies` holds (kind null → unknown unless met). */
function roleRules(measure: string, name: string, met: string, open: string, applies: NestedCondition, unknownKind: NestedCondition): RuleProperties[] {
  return [
    rule(measure, "unmet", name, { all: [applies, is("staffKnown", true), is(met, 0), is(open, 0)] }),
    rule(measure, "unknown", name, { all: [applies, is(met, 0), { any: [is("staffKnown", false), gt(open, 0)] }] }),
    rule(measure, "unknown", `${name}-kind`, { all: [unknownKind, is(met, 0)] }),
  ];
}

/** "Every staff member concerned" that applies when `applies` holds (kind null → unknown unless met). */
function everyStaffRules(measure: string, name: string, failing: string, open: string, applies: NestedCondition, unknownKind: NestedCondition): RuleProperties[] {
  return [
    rule(measure, "unmet", name, { all: [applies, gt(failing, 0)] }),
    rule(measure, "unknown", name, { all: [applies, { any: [is("staffKnown", false), gt(open, 0)] }] }),
    rule(measure, "unknown", `${name}-kind`, { all: [unknownKind, { any: [is("staffKnown", false), gt(failing, 0), gt(open, 0)] }] }),
  ];
}

function filingRules(): RuleProperties[] {
  const m = "filing.complete";
  const documentRules = (name: string, fact: string): RuleProperties[] => [
    rule(m, "unmet", name, { all: [is(fact, "unmet")] }),
    rule(m, "unknown", name, { all: [is(fact, "unknown")] }),
  ];
  const notHome = { all: [isNot("kind", null), isNot("kind", "home_based")] } as NestedCondition;
  return [
    rule(m, "unmet", "operator", { any: [is("usccValid", false), is("businessScope", false)] }),
    rule(m, "unknown", "operator", { any: [is("legalFormKnown", false), is("usccValid", null), is("businessScope", null)] }),
    rule(m, "unmet", "premises", { all: [oneOf("tenure", ["leased", "free_use"]), is("leaseOpenEnded", false), { fact: "leaseMonths", operator: "lessThan", value: { fact: "leaseMinMonths" } }] }),
    rule(m, "unknown", "premises", { any: [is("tenure", null), { all: [oneOf("tenure", ["leased", "free_use"]), is("leaseOpenEnded", false), is("leaseMonths", null)] }] }),
    ...documentRules("business-license", "docBusinessLicense"),
    ...documentRules("site-proof", "docSiteProof"),
    ...documentRules("health-evaluation", "docHealthEvaluation"),
    ...documentRules("fire-safety", "docFireSafety"),
    rule(m, "unmet", "food-license", { all: [is("mealsProvided", true), is("docFoodLicense", "unmet")] }),
    rule(m, "unknown", "food-license", { any: [{ all: [is("mealsProvided", true), is("docFoodLicense", "unknown")] }, { all: [is("mealsProvided", null), isNot("docFoodLicense", "met")] }] }),
    rule(m, "unmet", "health-certificates", { any: [gt("healthExpired", 0), gt("healthStale", 0)] }),
    rule(m, "unknown", "health-certificates", { any: [is("staffKnown", false), gt("healthUnknown", 0)] }),
    rule(m, "unmet", "background-checks", { any: [gt("backgroundLate", 0), gt("backgroundStale", 0)] }),
    rule(m, "unknown", "background-checks", { any: [is("staffKnown", false), gt("backgroundUnknown", 0)] }),
    ...everyStaffRules(m, "caregiver-qualifications", "caregiversUnqualified", "caregiversUnknown", notHome, is("kind", null)),
    ...everyStaffRules(m, "home-carers", "carersUnqualified", "carersUnknown", is("kind", "home_based"), is("kind", null)),
    ...roleRules(m, "director", "directorMet", "directorOpen", notHome, is("kind", null)),
    ...roleRules(m, "health-worker", "healthWorkerMet", "healthWorkerOpen", notHome, is("kind", null)),
    ...roleRules(m, "security-guard", "guardMet", "guardOpen", is("kind", "standalone"), is("kind", null)),
  ];
}

function staffingRules(): RuleProperties[] {
  const m = "staffing.compliant";
  const classesApply = { all: [isNot("kind", null), isNot("kind", "home_based")] } as NestedCondition;
  const classesMaybe = { any: [is("kind", null), isNot("kind", "home_based")] } as NestedCondition;
  const homeApplies = is("kind", "home_based");
  const homeMaybe = { any: [is("kind", null), is("kind", "home_based")] } as NestedCondition;
  return [
    rule(m, "unmet", "size", { all: [classesApply, gt("oversize", 0)] }),
    rule(m, "unknown", "size", { all: [classesMaybe, { any: [is("classesKnown", false), gt("sizeUnknown", 0), { all: [is("kind", null), gt("oversize", 0)] }] }] }),
    rule(m, "unmet", "ratio", { all: [classesApply, gt("ratioShort", 0)] }),
    rule(m, "unknown", "ratio", { all: [classesMaybe, { any: [is("classesKnown", false), gt("ratioUnknown", 0), { all: [is("kind", null), gt("ratioShort", 0)] }] }] }),
    rule(m, "unmet", "home-enrolled", { all: [homeApplies, { fact: "homeEnrolled", operator: "greaterThan", value: { fact: "homeMaxChildren" } }] }),
    rule(m, "unknown", "home-enrolled", {
      all: [homeMaybe, { any: [is("classesKnown", false), gt("homeEnrolledUnknown", 0), { all: [is("kind", null), { fact: "homeEnrolled", operator: "greaterThan", value: { fact: "homeMaxChildren" } }] }] }],
    }),
    rule(m, "unmet", "home-carers", { all: [homeApplies, is("classesKnown", true), is("homeEnrolledUnknown", 0), is("homeCarersUnknown", 0), { fact: "homeCarers", operator: "lessThan", value: { fact: "homeCarersNeeded" } }] }),
    rule(m, "unknown", "home-carers", {
      all: [
        homeMaybe,
        {
          any: [
            is("classesKnown", false),
            gt("homeEnrolledUnknown", 0),
            gt("homeCarersUnknown", 0),
            { all: [is("kind", null), { fact: "homeCarers", operator: "lessThan", value: { fact: "homeCarersNeeded" } }] },
          ],
        },
      ],
    }),
    // Caregivers on the roster (staff with role caregiver) against what the classes need; roles unknown may close the gap.
    rule(m, "unmet", "roster", { all: [is("staffKnown", true), isNot("rosterNeeded", null), { fact: "rosterPossible", operator: "lessThan", value: { fact: "rosterNeeded" } }] }),
    rule(m, "unknown", "roster", {
      any: [
        is("staffKnown", false),
        is("rosterNeeded", null),
        { all: [{ fact: "rosterCaregivers", operator: "lessThan", value: { fact: "rosterNeeded" } }, { fact: "rosterPossible", operator: "greaterThanInclusive", value: { fact: "rosterNeeded" } }] },
      ],
    }),
  ];
}

function utilityRules(): RuleProperties[] {
  const m = "utility.residential_price";
  return [
    rule(m, "unmet", "filed", { all: [isNot("filingStatus", null), isNot("filingStatus", "filed")] }),
    rule(m, "unknown", "filed", { all: [is("filingStatus", null)] }),
    rule(m, "unmet", "services", { all: [is("serviceTypeCount", 0)] }),
    rule(m, "unknown", "services", { all: [is("serviceTypeCount", null)] }),
  ];
}

export function createJsonRulesEngine(): Engine {
  return new Engine([...filingRules(), ...staffingRules(), ...utilityRules()]);
}

/** Runs the engine on one facility's facts and combines the fired events into three statuses. */
export async function jreStatuses(engine: Engine, facts: JreFacts): Promise<Record<string, Status>> {
  const { events } = await engine.run(facts);
  const out: Record<string, Status> = {};
  for (const measure of THREE_MEASURES) {
    let status: Status = "eligible";
    for (const e of events) {
      if (e.params?.measure !== measure) continue;
      if (e.type === "unmet") {
        status = "ineligible";
        break;
      }
      status = "needs_info";
    }
    out[measure] = status;
  }
  return out;
}
