// The rules snapshots of many facilities at once (../overview.server.ts; used by filing, letters, the
// union's directory and the overview). `buildSnapshots` loads the facts chunk by chunk (facts.server.ts)
// and `assembleSnapshot` — a pure function — maps the rows onto the snapshot exactly as `buildSnapshot`
// (filing.server.ts) does; a test proves both agree.
import type { Db } from "../../../db/client";
import type { FacilityRow } from "../../../db/schema";
import { DOCUMENT_KINDS, type Snapshot } from "../../../rules/snapshot";
import { todayInShanghai } from "../../utils/format";
import { snapshotInclusive } from "../inclusive-status.server";
import { chunks, loadFactsChunk, type FacilityFacts } from "./facts.server";

const SNAPSHOT_FILING_STATUS: Record<
  FacilityRow["filingState"],
  NonNullable<Snapshot["filing"]>["status"]
> = {
  draft: "draft",
  submitted: "submitted",
  returned: "returned",
  filed: "filed",
  // a filed facility with a pending change is still filed, with its filed data (RULES.md)
  change_submitted: "filed",
  cancelled: "cancelled",
};

const orUndefined = <T>(v: T | null): T | undefined =>
  v === null ? undefined : v;

/**
 * The rules snapshot of a facility's working copy — a pure function of its rows, the same mapping as
 * `buildSnapshot` in filing.server.ts (test/app/overview.test.ts checks they agree).
 */
export function assembleSnapshot(facts: FacilityFacts, asOf: string): Snapshot {
  const { facility, organisation: org } = facts;
  const leased =
    facility.premisesTenure === "leased" ||
    facility.premisesTenure === "free_use";
  return {
    jurisdiction: facility.jurisdictionCode,
    asOf,
    operator: {
      name: org?.name,
      uscc: orUndefined(org?.uscc ?? null),
      legalForm: orUndefined(org?.legalForm ?? null),
      ownership: orUndefined(org?.ownership ?? null),
      businessScopeIncludesChildcare: orUndefined(
        org?.businessScopeIncludesChildcare ?? null
      ),
    },
    facility: {
      kind: orUndefined(facility.kind),
      openedOn: orUndefined(facility.openedOn),
      serviceTypes: facility.serviceTypes,
      totalSlots: orUndefined(facility.totalSlots),
      mealsProvided: orUndefined(facility.mealsProvided),
      premises: facility.premisesTenure
        ? {
            tenure: facility.premisesTenure,
            leaseStartsOn: leased ? orUndefined(facility.leaseStartsOn) : null,
            leaseEndsOn: leased ? orUndefined(facility.leaseEndsOn) : null,
            stateOwned: orUndefined(facility.premisesStateOwned),
          }
        : undefined,
      employer:
        facility.kind === "employer_run"
          ? {
              name: orUndefined(facility.employerName),
              mainlyForOwnEmployees: orUndefined(
                facility.employerMainlyForOwnEmployees
              ),
              openToOtherEmployers: orUndefined(
                facility.employerOpenToOtherEmployers
              ),
            }
          : facility.kind
          ? null
          : undefined,
      kindergarten:
        facility.kind === "kindergarten_class"
          ? { ownership: orUndefined(facility.kindergartenOwnership) }
          : facility.kind
          ? null
          : undefined,
    },
    filing: {
      status: SNAPSHOT_FILING_STATUS[facility.filingState],
      filedOn: facility.filedOn,
      cancelledOn: facility.filingState === "cancelled" ? orUndefined(facility.cancelledOn) : null,
    },
    // a document without an expiry date does not expire (licences are often 长期)
    documents: facts.documents.map((d) => ({
      kind: d.kind as (typeof DOCUMENT_KINDS)[number],
      issuedOn: orUndefined(d.issuedOn),
      validUntil: d.validUntil,
      passed: orUndefined(d.passed),
    })),
    staff: facts.staff.map((s) => ({
      id: s.id.slice(0, 8),
      role: s.role,
      education: orUndefined(s.education),
      yearsOfRelevantExperience: orUndefined(s.yearsOfExperience),
      qualifications: s.qualifications.map((q) => ({
        kind: q.kind,
        level: q.level,
        validUntil: q.validUntil,
        proofDocument: q.proofDocument,
      })),
      healthCertificateValidUntil: orUndefined(s.healthCertificateValidUntil),
      backgroundCheckOn: orUndefined(s.backgroundCheckOn),
      laborContract: orUndefined(s.laborContract),
      socialInsurance: orUndefined(s.socialInsurance),
    })),
    classes: facts.classes.map((c) => ({
      type: c.type,
      enrolled: c.enrolled,
      caregivers: c.caregivers,
      youngestAgeMonths: orUndefined(c.youngestAgeMonths),
    })),
    fees: facts.fees.map((f) => ({
      classType: f.classType,
      serviceType: f.serviceType,
      amountFen: f.amountFen,
    })),
    inclusive: snapshotInclusive(facts.latestInclusive, asOf),
    // no safety incident is recorded in the system (the reviewer's inspection covers it)
    safetyIncidents: [],
    enrolment: null,
  } as Snapshot;
}

/**
 * The snapshots of many facilities (the same as `buildSnapshot` gives for each), loaded set-based: a
 * handful of queries per CHUNK_SIZE facilities. Keyed by facility id, in the order of `facilityIds`;
 * unknown ids are left out. No permission check: callers scope the ids.
 */
export async function buildSnapshots(
  db: Db,
  facilityIds: readonly string[],
  asOf: string = todayInShanghai()
): Promise<Map<string, Snapshot>> {
  const unique = [...new Set(facilityIds)];
  const byId = new Map<string, Snapshot>();
  for (const chunk of chunks(unique)) {
    for (const facts of await loadFactsChunk(db, chunk))
      byId.set(facts.facility.id, assembleSnapshot(facts, asOf));
  }
  const ordered = new Map<string, Snapshot>();
  for (const id of unique) {
    const snapshot = byId.get(id);
    if (snapshot) ordered.set(id, snapshot);
  }
  return ordered;
}
