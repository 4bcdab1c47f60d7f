// Seeded synthetic snapshots for the rules benchmark: about 4 classes, 15 staff and 5 documents each,
// spread over both cities' jurisdictions, with enough variety that every status occurs.

import type { Snapshot } from "../../rules/snapshot";
import { usccCheckCharacter } from "../../rules/identifiers";
import { addDays } from "../../rules/engine/dates";

/** mulberry32: small, fast, good enough to vary test data reproducibly. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const JURISDICTIONS = ["340302", "340303", "340304", "340311", "340321", "340322", "340323", "340300", "659002", "659002101", "659002102", "659002103"];
const KINDS = ["standalone", "kindergarten_class", "employer_run", "community_embedded", "home_based"] as const;
const OWNERSHIPS = ["public", "state_owned_enterprise", "private", "collective"] as const;
const CLASS_TYPES = ["infant", "toddler", "older_toddler", "mixed"] as const;
const SERVICES = ["full_day", "half_day", "hourly", "temporary"] as const;
const ROLES = ["caregiver", "caregiver", "caregiver", "caregiver", "caregiver", "caregiver", "cook", "other"] as const;
const ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const AS_OF = ["2025-06-30", "2026-03-01", "2026-05-01", "2027-12-31", "2028-01-01"];

function pick<T>(rand: () => number, items: readonly T[]): T {
  return items[Math.floor(rand() * items.length)];
}

function int(rand: () => number, min: number, max: number): number {
  return min + Math.floor(rand() * (max - min + 1));
}

function date(rand: () => number, fromYear: number, toYear: number): string {
  const y = int(rand, fromYear, toYear);
  const m = int(rand, 1, 12);
  const d = int(rand, 1, 28);
  return `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

function uscc(rand: () => number, jurisdiction: string): string {
  let body = `91${jurisdiction.slice(0, 6)}`;
  while (body.length < 17) body += pick(rand, ALPHABET.split(""));
  const check = usccCheckCharacter(body) ?? "0";
  // One in ten carries a wrong check character.
  return body + (rand() < 0.1 ? ALPHABET[(ALPHABET.indexOf(check) + 1) % 31] : check);
}

/** A date around `asOf`: mostly after it (valid), sometimes before (expired). */
function around(rand: () => number, asOf: string, validShare: number): string {
  return addDays(asOf, rand() < validShare ? int(rand, 0, 700) : -int(rand, 1, 400));
}

/** A background check date: mostly within the year before `asOf` (it is repeated yearly), sometimes older. */
function checkedOn(rand: () => number, asOf: string, freshShare: number): string {
  return addDays(asOf, rand() < freshShare ? -int(rand, 0, 360) : -int(rand, 370, 1000));
}

function maybe<T>(rand: () => number, value: T, unknownRate = 0.03): T | undefined {
  return rand() < unknownRate ? undefined : value;
}

export function syntheticSnapshot(rand: () => number): Snapshot {
  const jurisdiction = pick(rand, JURISDICTIONS);
  const kind = pick(rand, KINDS);
  const asOf = pick(rand, AS_OF);
  const openedOn = date(rand, 2018, 2026);
  const classCount = kind === "home_based" ? 1 : int(rand, 3, 5);
  const classes = Array.from({ length: classCount }, () => {
    const type = kind === "kindergarten_class" && rand() < 0.8 ? pick(rand, ["older_toddler", "mixed"] as const) : pick(rand, CLASS_TYPES);
    const enrolled = kind === "home_based" ? int(rand, 2, 6) : int(rand, 5, 21);
    return { type, enrolled: maybe(rand, enrolled, 0.01), caregivers: int(rand, 1, 5) };
  });
  const staff: NonNullable<Snapshot["staff"]> = [];
  const staffCount = kind === "home_based" ? 3 : int(rand, 13, 17);
  for (let i = 0; i < staffCount; i++) {
    // A home-based point is run by its carers; a facility has a director, a health worker and a guard first.
    const role = kind === "home_based" ? (i === 0 ? "caregiver" : pick(rand, ROLES)) : i === 0 ? "director" : i === 1 ? "health_worker" : i === 2 ? "security_guard" : pick(rand, ROLES);
    const quals = [];
    if (role === "director") quals.push({ kind: "director_training" as const, level: null, validUntil: null, proofDocument: rand() < 0.97 });
    if (role === "health_worker") quals.push({ kind: "health_care_training" as const, level: null, validUntil: around(rand, asOf, 0.95), proofDocument: true });
    if (role === "security_guard") quals.push({ kind: "security_guard_certificate" as const, level: null, validUntil: null, proofDocument: rand() < 0.95 });
    if (role === "caregiver" && rand() < 0.99) {
      quals.push({ kind: pick(rand, ["childcare_worker", "childcare_worker", "infant_development_guide", "nurse"] as const), level: int(rand, 3, 5), validUntil: rand() < 0.7 ? null : around(rand, asOf, 0.98), proofDocument: maybe(rand, rand() < 0.99, 0.01) });
    }
    staff.push({
      id: `s${i + 1}`,
      role,
      education: role === "director" ? pick(rand, ["secondary", "junior_college", "bachelor", "bachelor"] as const) : pick(rand, ["secondary", "junior_college", "bachelor"] as const),
      yearsOfRelevantExperience: role === "director" ? int(rand, 2, 12) : int(rand, 0, 10),
      qualifications: quals,
      healthCertificateValidUntil: maybe(rand, around(rand, asOf, 0.99), 0.005),
      backgroundCheckOn: maybe(rand, checkedOn(rand, asOf, 0.99), 0.005),
      laborContract: rand() < 0.95,
      socialInsurance: maybe(rand, rand() < 0.9),
    });
  }
  const documents: NonNullable<Snapshot["documents"]> = (["business_license", "site_proof", "health_evaluation", "fire_safety", "food_license"] as const)
    .filter(() => rand() < 0.98)
    .map((docKind) => ({ kind: docKind, issuedOn: addDays(openedOn, -int(rand, 0, 200)), validUntil: rand() < 0.5 ? null : around(rand, asOf, 0.97), passed: docKind === "health_evaluation" ? rand() < 0.97 : true }));
  const tenure = pick(rand, ["owned", "leased", "leased", "free_use"] as const);
  const leaseStartsOn = date(rand, 2018, 2025);
  const leaseEndsOn = rand() < 0.1 ? null : addDays(leaseStartsOn, int(rand, 900, 3000));
  const inclusiveStatus = pick(rand, ["none", "applied", "certified", "certified", "revoked"] as const);
  const services = SERVICES.filter(() => rand() < 0.5);
  return {
    jurisdiction,
    asOf,
    operator: {
      name: "示例托育机构",
      uscc: uscc(rand, jurisdiction),
      legalForm: pick(rand, ["company", "public_institution", "social_service_org"] as const),
      ownership: pick(rand, OWNERSHIPS),
      businessScopeIncludesChildcare: rand() < 0.98,
    },
    facility: {
      kind,
      openedOn,
      serviceTypes: services.length ? services : ["full_day"],
      totalSlots: int(rand, 20, 120),
      mealsProvided: maybe(rand, rand() < 0.7),
      premises: { tenure, leaseStartsOn, leaseEndsOn, stateOwned: rand() < 0.2 },
      employer: kind === "employer_run" ? { name: "示例单位", mainlyForOwnEmployees: maybe(rand, rand() < 0.8), openToOtherEmployers: rand() < 0.3 } : null,
      kindergarten: kind === "kindergarten_class" ? { ownership: pick(rand, ["public", "inclusive_private", "private"] as const) } : null,
    },
    filing: { status: pick(rand, ["filed", "filed", "filed", "submitted", "draft", "returned"] as const), filedOn: date(rand, 2020, 2025) },
    documents,
    staff,
    classes,
    fees: classes.slice(0, 2).map((c) => ({ classType: c.type, serviceType: pick(rand, SERVICES), amountFen: int(rand, 1_000, 400_000) })),
    inclusive: { status: inclusiveStatus, certifiedSlots: int(rand, 10, 60), validFrom: date(rand, 2023, 2025), validUntil: rand() < 0.3 ? null : date(rand, 2025, 2029) },
    safetyIncidents: rand() < 0.2 ? [{ on: date(rand, 2021, 2026), severity: pick(rand, ["major", "minor"] as const) }] : [],
    enrolment: { period: `${asOf.slice(0, 4)}-${String(int(rand, 1, 12)).padStart(2, "0")}`, approved: maybe(rand, rand() < 0.8), fullDayChildren: int(rand, 0, 80), subsidisedMonthsThisYear: int(rand, 0, 11) },
  };
}

export function syntheticSnapshots(count: number, seed = 20260301): Snapshot[] {
  const rand = prng(seed);
  return Array.from({ length: count }, () => syntheticSnapshot(rand));
}
