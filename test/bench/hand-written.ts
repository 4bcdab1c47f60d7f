// The hand-written baseline: the statuses of `staffing.compliant`, `filing.complete` and
// `utility.residential_price` as plain TypeScript — no engine, no trace, national numbers written in
// place. It follows RULES.md's three-valued semantics (absent = unknown) so that it can be compared with
// the engine status for status; it is meant to be what a careful developer would write by hand.
// The yearly background check (未成年人保护法 第六十二条第二款) binds from 2021-06-01; the other numbers are
// in force on every benchmark date and are written without their dates.

import { addDays, addMonths } from "../../rules/engine/dates";
import { isValidUscc } from "../../rules/identifiers";
import type { Qualification, Snapshot, StaffMember } from "../../rules/snapshot";

type Tri = "met" | "unmet" | "unknown";
type Status = "eligible" | "ineligible" | "needs_info";

const MAX_CLASS_SIZE: Record<string, number> = { infant: 10, toddler: 15, older_toddler: 20, mixed: 18 };
const CHILDREN_PER_CAREGIVER: Record<string, number> = { infant: 3, toddler: 5, older_toddler: 7, mixed: 5 };
const HOME_MAX_CHILDREN = 5;
const HOME_CHILDREN_PER_CARER = 3;
const LEASE_MIN_MONTHS = 36;
const CAREGIVER_QUALIFICATIONS = ["childcare_worker", "infant_development_guide", "kindergarten_teacher", "nurse"];
const DIRECTOR_EDUCATION = ["junior_college", "bachelor", "postgraduate"];
const DIRECTOR_MIN_YEARS = 3;
const BACKGROUND_VALID_MONTHS = 12;
const BACKGROUND_VALID_FROM = "2021-06-01";
const HEALTH_CHECK_INTERVAL_MONTHS = 12;
const HOME_CARER_MIN_YEARS = 1;
const HOME_CARER_TRAINING = ["caregiver_training", "childcare_worker", "infant_development_guide"];

function statusOf(result: Tri): Status {
  return result === "met" ? "eligible" : result === "unmet" ? "ineligible" : "needs_info";
}

/** Accumulates an `all` over three-valued results. */
function all(results: Tri[]): Tri {
  if (results.includes("unmet")) return "unmet";
  if (results.includes("unknown")) return "unknown";
  return "met";
}

/** A requirement whose applicability is unknown counts only when met. */
function ifApplies(applies: boolean | undefined, result: Tri): Tri | null {
  if (applies === false) return null;
  if (applies === undefined && result !== "met") return "unknown";
  return result;
}

/** Accumulates an `any` over three-valued results. */
function any(results: Tri[]): Tri {
  if (results.includes("met")) return "met";
  if (results.includes("unknown")) return "unknown";
  return "unmet";
}

function qualificationCounts(q: Qualification, date: string): Tri {
  if (q.proofDocument === false) return "unmet";
  if (q.validUntil != null && q.validUntil < date) return "unmet";
  if (q.proofDocument == null || q.validUntil === undefined) return "unknown";
  return "met";
}

function holds(member: StaffMember, kinds: string[], date: string): Tri {
  if (member.qualifications == null) return "unknown";
  let result: Tri = "unmet";
  for (const q of member.qualifications) {
    if (q.kind == null) {
      result = "unknown";
      continue;
    }
    if (!kinds.includes(q.kind)) continue;
    const counts = qualificationCounts(q, date);
    if (counts === "met") return "met";
    if (counts === "unknown") result = "unknown";
  }
  return result;
}

function operatorRegistered(s: Snapshot): Tri {
  const op = s.operator;
  if (op.uscc != null && !isValidUscc(op.uscc)) return "unmet";
  if (op.businessScopeIncludesChildcare === false) return "unmet";
  if (op.legalForm == null || op.uscc == null || op.businessScopeIncludesChildcare == null) return "unknown";
  return "met";
}

function premisesTerm(s: Snapshot): Tri {
  const p = s.facility.premises;
  if (p == null || p.tenure == null) return "unknown";
  if (p.tenure === "owned" || p.leaseEndsOn === null) return "met";
  if (p.leaseStartsOn == null || p.leaseEndsOn === undefined) return "unknown";
  return p.leaseEndsOn >= addDays(addMonths(p.leaseStartsOn, LEASE_MIN_MONTHS), -1) ? "met" : "unmet";
}

function validDocument(s: Snapshot, kind: string, date: string): Tri {
  if (s.documents == null) return "unknown";
  let result: Tri = "unmet";
  for (const doc of s.documents) {
    if (doc.kind == null) {
      result = "unknown";
      continue;
    }
    if (doc.kind !== kind) continue;
    if (doc.issuedOn != null && doc.issuedOn > date) continue;
    if (doc.validUntil != null && doc.validUntil < date) continue;
    if (kind === "health_evaluation" && doc.passed === false) continue;
    if (doc.validUntil === undefined || (kind === "health_evaluation" && doc.passed == null)) {
      result = "unknown";
      continue;
    }
    return "met";
  }
  return result;
}

function everyStaff(s: Snapshot, check: (m: StaffMember) => Tri): Tri {
  if (s.staff == null) return "unknown";
  return all(s.staff.map(check));
}

/** At least one staff member of `role` passes; a member of unknown role might be the one. */
function someStaff(s: Snapshot, role: string, check: (m: StaffMember) => Tri): Tri {
  if (s.staff == null) return "unknown";
  let result: Tri = "unmet";
  for (const m of s.staff) {
    if (m.role != null && m.role !== role) continue;
    const r = check(m);
    if (m.role == null) {
      if (r !== "unmet") result = "unknown";
      continue;
    }
    if (r === "met") return "met";
    if (r === "unknown") result = "unknown";
  }
  return result;
}

/** A check for every caregiver; a member of unknown role counts only when the check is met. */
function everyCaregiver(s: Snapshot, check: (m: StaffMember) => Tri): Tri {
  return everyStaff(s, (m) => {
    if (m.role != null && m.role !== "caregiver") return "met";
    const r = check(m);
    return m.role == null && r !== "met" ? "unknown" : r;
  });
}

/** Valid on the date and, where the issue date is known, issued on or after `earliest` (the yearly check). */
function healthCertificate(m: StaffMember, date: string, earliest: string): Tri {
  if (m.healthCertificateValidUntil == null) return "unknown";
  if (m.healthCertificateValidUntil < date) return "unmet";
  if (m.healthCertificateIssuedOn != null && m.healthCertificateIssuedOn < earliest) return "unmet";
  return "met";
}

/** On or before the date and, while the yearly repeat is in force (`earliest` not null), on or after `earliest`. */
function backgroundCheck(m: StaffMember, date: string, earliest: string | null): Tri {
  if (m.backgroundCheckOn == null) return "unknown";
  if (m.backgroundCheckOn > date) return "unmet";
  if (earliest !== null && m.backgroundCheckOn < earliest) return "unmet";
  return "met";
}

/** A home-based carer: experience or a related qualification, and a training record. */
function homeCarer(m: StaffMember, date: string): Tri {
  const experience: Tri = m.yearsOfRelevantExperience == null ? "unknown" : m.yearsOfRelevantExperience >= HOME_CARER_MIN_YEARS ? "met" : "unmet";
  return all([any([experience, holds(m, CAREGIVER_QUALIFICATIONS, date)]), holds(m, HOME_CARER_TRAINING, date)]);
}

function qualifiedDirector(m: StaffMember, date: string): Tri {
  const education: Tri = m.education == null ? "unknown" : DIRECTOR_EDUCATION.includes(m.education) ? "met" : "unmet";
  const years: Tri = m.yearsOfRelevantExperience == null ? "unknown" : m.yearsOfRelevantExperience >= DIRECTOR_MIN_YEARS ? "met" : "unmet";
  return all([education, years, holds(m, ["director_training"], date)]);
}

export function handWrittenFilingComplete(s: Snapshot, date: string): Status {
  const kind = s.facility.kind;
  const meals = s.facility.mealsProvided;
  // "Within N months before the date": on or after date − N months.
  const healthEarliest = addMonths(date, -HEALTH_CHECK_INTERVAL_MONTHS);
  const backgroundEarliest = date >= BACKGROUND_VALID_FROM ? addMonths(date, -BACKGROUND_VALID_MONTHS) : null;
  const results: (Tri | null)[] = [
    operatorRegistered(s),
    premisesTerm(s),
    validDocument(s, "business_license", date),
    validDocument(s, "site_proof", date),
    validDocument(s, "health_evaluation", date),
    validDocument(s, "fire_safety", date),
    ifApplies(meals ?? undefined, validDocument(s, "food_license", date)),
    everyStaff(s, (m) => healthCertificate(m, date, healthEarliest)),
    everyStaff(s, (m) => backgroundCheck(m, date, backgroundEarliest)),
    ifApplies(kind == null ? undefined : kind !== "home_based", everyCaregiver(s, (m) => holds(m, CAREGIVER_QUALIFICATIONS, date))),
    ifApplies(kind == null ? undefined : kind === "home_based", everyCaregiver(s, (m) => homeCarer(m, date))),
    ifApplies(kind == null ? undefined : kind !== "home_based", someStaff(s, "director", (m) => qualifiedDirector(m, date))),
    ifApplies(kind == null ? undefined : kind !== "home_based", someStaff(s, "health_worker", (m) => holds(m, ["health_care_training"], date))),
    ifApplies(kind == null ? undefined : kind === "standalone", someStaff(s, "security_guard", (m) => holds(m, ["security_guard_certificate"], date))),
  ];
  return statusOf(all(results.filter((r): r is Tri => r !== null)));
}

/** Caregivers on the staff roster ≥ what the classes need by ratio (home-based: the carer ratio over all children). */
function rosterCoversRatio(s: Snapshot): Tri {
  // An unknown kind is counted by the class ratios.
  const homeBased = s.facility.kind === "home_based";
  if (s.staff == null || s.classes == null) return "unknown";
  let needed = 0;
  let enrolled = 0;
  for (const c of s.classes) {
    if (c.enrolled == null || (!homeBased && c.type == null)) return "unknown";
    enrolled += c.enrolled;
    if (!homeBased && c.type != null) needed += Math.ceil(c.enrolled / CHILDREN_PER_CAREGIVER[c.type]);
  }
  if (homeBased) needed = Math.ceil(enrolled / HOME_CHILDREN_PER_CARER);
  let caregivers = 0;
  let undetermined = 0;
  for (const m of s.staff) {
    if (m.role === "caregiver") caregivers++;
    else if (m.role == null) undetermined++;
  }
  if (caregivers >= needed) return "met";
  return caregivers + undetermined >= needed ? "unknown" : "unmet";
}

export function handWrittenStaffingCompliant(s: Snapshot): Status {
  const kind = s.facility.kind;
  const classes = s.classes;
  const results: Tri[] = [];
  if (kind !== "home_based") {
    let size: Tri = classes == null ? "unknown" : "met";
    let ratio: Tri = classes == null ? "unknown" : "met";
    for (const c of classes ?? []) {
      if (c.type == null || c.enrolled == null) {
        if (size !== "unmet") size = "unknown";
        if (ratio !== "unmet") ratio = "unknown";
        continue;
      }
      if (c.enrolled > MAX_CLASS_SIZE[c.type]) size = "unmet";
      if (c.caregivers == null) {
        if (ratio !== "unmet") ratio = "unknown";
      } else if (c.caregivers < Math.ceil(c.enrolled / CHILDREN_PER_CAREGIVER[c.type])) ratio = "unmet";
    }
    const applies = kind == null ? undefined : true;
    results.push(ifApplies(applies, size) as Tri, ifApplies(applies, ratio) as Tri);
  }
  if (kind === "home_based" || kind == null) {
    let enrolled = 0;
    let caregivers = 0;
    let known = classes != null;
    for (const c of classes ?? []) {
      if (c.enrolled == null || c.caregivers == null) known = false;
      enrolled += c.enrolled ?? 0;
      caregivers += c.caregivers ?? 0;
    }
    const applies = kind == null ? undefined : true;
    const over = enrolled > HOME_MAX_CHILDREN;
    const total: Tri = over ? "unmet" : classes == null || classes.some((c) => c.enrolled == null) ? "unknown" : "met";
    const carers: Tri = !known ? "unknown" : caregivers >= Math.ceil(enrolled / HOME_CHILDREN_PER_CARER) ? "met" : "unmet";
    results.push(ifApplies(applies, total) as Tri, ifApplies(applies, carers) as Tri);
  }
  results.push(rosterCoversRatio(s));
  return statusOf(all(results));
}

export function handWrittenUtilityResidentialPrice(s: Snapshot): Status {
  const filed: Tri = s.filing.status == null ? "unknown" : s.filing.status === "filed" ? "met" : "unmet";
  const types = s.facility.serviceTypes;
  const services: Tri = types == null ? "unknown" : types.length > 0 ? "met" : "unmet";
  return statusOf(all([filed, services]));
}
