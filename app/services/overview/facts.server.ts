// What the rules read about many facilities, loaded set-based (../overview.server.ts, DESIGN.md scale): a
// chunk of facilities and their organisation, classes, staff with qualifications, documents, basic fees and
// latest 普惠 application in one query per table (chunked `IN` lists). The rows are mapped onto a snapshot
// by `assembleSnapshot` (snapshots.server.ts).
import { asc, desc, inArray, sql } from "drizzle-orm";
import { queryRows, type Db } from "../../../db/client";
import {
  documents,
  facilities,
  facilityClasses,
  feeDeclarations,
  inclusiveApplications,
  organisations,
  staffMembers,
  staffQualifications,
  type FacilityRow,
  type InclusiveApplicationRow,
  type OrganisationRow,
} from "../../../db/schema";
import { DOCUMENT_KINDS } from "../../../rules/snapshot";

/** Facilities per `IN (…)` list: keeps every statement's parameter count far below PostgreSQL's 65,535. */
export const CHUNK_SIZE = 1000;

type OrganisationFacts = Pick<
  OrganisationRow,
  "name" | "uscc" | "legalForm" | "ownership" | "businessScopeIncludesChildcare"
>;
type ClassFacts = Pick<
  typeof facilityClasses.$inferSelect,
  "type" | "enrolled" | "caregivers" | "youngestAgeMonths"
>;
type QualificationFacts = Pick<
  typeof staffQualifications.$inferSelect,
  "kind" | "level" | "validUntil"
> & { proofDocument: boolean };
type StaffFacts = Pick<
  typeof staffMembers.$inferSelect,
  | "id"
  | "role"
  | "education"
  | "yearsOfExperience"
  | "healthCertificateValidUntil"
  | "backgroundCheckOn"
  | "laborContract"
  | "socialInsurance"
> & { qualifications: QualificationFacts[] };
type DocumentFacts = Pick<
  typeof documents.$inferSelect,
  "kind" | "issuedOn" | "validUntil" | "passed"
>;
type FeeFacts = Pick<
  typeof feeDeclarations.$inferSelect,
  "classType" | "serviceType" | "amountFen"
>;

/** Everything the rules read about one facility, as loaded from the database. */
export type FacilityFacts = {
  facility: FacilityRow;
  organisation: OrganisationFacts | undefined;
  /** in creation order */
  classes: ClassFacts[];
  /** in creation order, each with its qualifications */
  staff: StaffFacts[];
  documents: DocumentFacts[];
  /** basic fees only */
  fees: FeeFacts[];
  latestInclusive: InclusiveApplicationRow | undefined;
};


export function chunks<T>(items: readonly T[], size = CHUNK_SIZE): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size)
    out.push(items.slice(i, i + size));
  return out;
}

type StaffTuple = [
  string,
  string,
  string | null,
  number | null,
  string | null,
  string | null,
  boolean | null,
  boolean | null,
  Array<[string, number | null, string | null, boolean]>
];

/** A json_agg column (parsed by the driver, or text): null — no rows — is an empty list. */
function parseTuples<T>(value: unknown): T[] {
  const parsed = (typeof value === "string" ? JSON.parse(value) : value) as
    | T[]
    | null
    | undefined;
  return parsed ?? [];
}

/** The aggregated roster of one facility (json_agg tuples, see loadFactsChunk) as StaffFacts. */
function parseStaff(value: unknown): StaffFacts[] {
  return parseTuples<StaffTuple>(value).map(
    ([
      id,
      role,
      education,
      yearsOfExperience,
      healthCertificateValidUntil,
      backgroundCheckOn,
      laborContract,
      socialInsurance,
      quals,
    ]) => ({
      id,
      role: role as StaffFacts["role"],
      education: education as StaffFacts["education"],
      yearsOfExperience,
      healthCertificateValidUntil,
      backgroundCheckOn,
      laborContract,
      socialInsurance,
      qualifications: quals.map(([kind, level, validUntil, proofDocument]) => ({
        kind: kind as QualificationFacts["kind"],
        level,
        validUntil,
        proofDocument,
      })),
    })
  );
}

/** The facts of up to CHUNK_SIZE facilities: four queries, whatever the chunk's size. */
export async function loadFactsChunk(
  db: Db,
  ids: readonly string[]
): Promise<FacilityFacts[]> {
  if (ids.length === 0) return [];
  const idList = [...ids];
  const facilityRows = await db
    .select()
    .from(facilities)
    .where(inArray(facilities.id, idList));
  if (facilityRows.length === 0) return [];
  const orgIds = [...new Set(facilityRows.map((f) => f.organisationId))];
  const idSql = sql.join(
    idList.map((id) => sql`${id}::uuid`),
    sql`, `
  );
  const docKinds = sql.join(
    DOCUMENT_KINDS.map((k) => sql`${k}`),
    sql`, `
  );
  const [orgRows, listRows, inclusiveRows] = await Promise.all([
    db
      .select({
        id: organisations.id,
        name: organisations.name,
        uscc: organisations.uscc,
        legalForm: organisations.legalForm,
        ownership: organisations.ownership,
        businessScopeIncludesChildcare:
          organisations.businessScopeIncludesChildcare,
      })
      .from(organisations)
      .where(inArray(organisations.id, orgIds)),
    // classes, staff with their qualifications, documents and basic fees: one row per facility with a JSON
    // array each. The roster is the bulk of the data (~15 staff and ~10 qualifications per facility), and
    // one JSON value per facility parses far faster than dozens of typed rows (test/bench/overview.ts).
    // Orders: classes and staff by creation (as buildSnapshot); the rest deterministic.
    queryRows<{
      id: string;
      classes: unknown;
      staff: unknown;
      documents: unknown;
      fees: unknown;
    }>(
      db,
      sql`SELECT f.id,
            (SELECT json_agg(json_build_array(c.type, c.enrolled, c.caregivers, c.youngest_age_months) ORDER BY c.created_at, c.id)
               FROM ${facilityClasses} c WHERE c.facility_id = f.id) AS classes,
            (SELECT json_agg(json_build_array(
                      s.id, s.role, s.education, s.years_of_experience, s.health_certificate_valid_until, s.background_check_on,
                      s.labor_contract, s.social_insurance,
                      (SELECT coalesce(json_agg(json_build_array(q.kind, q.level, q.valid_until, q.proof_document_id IS NOT NULL) ORDER BY q.created_at, q.id), '[]'::json)
                         FROM ${staffQualifications} q WHERE q.staff_id = s.id)
                    ) ORDER BY s.created_at, s.id)
               FROM ${staffMembers} s WHERE s.facility_id = f.id) AS staff,
            (SELECT json_agg(json_build_array(d.kind, d.issued_on, d.valid_until, d.passed) ORDER BY d.kind, d.created_at, d.id)
               FROM ${documents} d WHERE d.facility_id = f.id AND d.kind IN (${docKinds})) AS documents,
            (SELECT json_agg(json_build_array(e.class_type, e.service_type, e.amount_fen) ORDER BY e.created_at, e.id)
               FROM ${feeDeclarations} e WHERE e.facility_id = f.id AND e.kind = 'basic') AS fees
          FROM ${facilities} f
          WHERE f.id IN (${idSql})`
    ),
    // the latest application per facility (as latestApplication() picks it), in one statement
    db
      .selectDistinctOn([inclusiveApplications.facilityId])
      .from(inclusiveApplications)
      .where(inArray(inclusiveApplications.facilityId, idList))
      .orderBy(
        asc(inclusiveApplications.facilityId),
        desc(inclusiveApplications.appliedAt)
      ),
  ]);
  const orgById = new Map(orgRows.map((o) => [o.id, o]));
  const listsBy = new Map(listRows.map((r) => [r.id, r]));
  const inclusiveBy = new Map(inclusiveRows.map((a) => [a.facilityId, a]));
  return facilityRows.map((facility) => ({
    facility,
    organisation: orgById.get(facility.organisationId),
    classes: parseTuples<[ClassFacts["type"], number, number, number | null]>(
      listsBy.get(facility.id)?.classes
    ).map(([type, enrolled, caregivers, youngestAgeMonths]) => ({ type, enrolled, caregivers, youngestAgeMonths })),
    staff: parseStaff(listsBy.get(facility.id)?.staff),
    documents: parseTuples<
      [DocumentFacts["kind"], string | null, string | null, boolean | null]
    >(listsBy.get(facility.id)?.documents).map(
      ([kind, issuedOn, validUntil, passed]) => ({
        kind,
        issuedOn,
        validUntil,
        passed,
      })
    ),
    fees: parseTuples<[FeeFacts["classType"], FeeFacts["serviceType"], number]>(
      listsBy.get(facility.id)?.fees
    ).map(([classType, serviceType, amountFen]) => ({
      classType,
      serviceType,
      amountFen,
    })),
    latestInclusive: inclusiveBy.get(facility.id),
  }));
}
