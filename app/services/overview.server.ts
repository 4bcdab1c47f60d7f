// The jurisdiction overview (issue [5/7]): per measure, how many filed facilities in a staff member's
// scope are eligible / ineligible / need information / not applicable on a date, the drill-down list
// behind each count, and its XLSX export.
//
// Scale (DESIGN.md): a deployment holds up to 100k facilities, so nothing here builds snapshots one
// facility at a time. `buildSnapshots` loads a chunk of facilities and everything the rules read about
// them in one query per table (chunked `IN` lists), and `assembleSnapshot` — a pure function — maps the
// rows onto the snapshot exactly as `buildSnapshot` (filing.server.ts) does; a test proves both agree.
// The overview walks the scope in chunks of CHUNK_SIZE, evaluates each snapshot once (local parameters
// loaded once, so the engine's parameter memo is shared) and keeps only the counts.
import { and, asc, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import ExcelJS from "exceljs";
import { queryRows, type Db } from "../../db/client";
import {
  documents,
  facilities,
  facilityClasses,
  feeDeclarations,
  inclusiveApplications,
  jurisdictions,
  organisations,
  staffMembers,
  staffQualifications,
  type FacilityRow,
  type InclusiveApplicationRow,
  type OrganisationRow,
} from "../../db/schema";
import { isValidDate } from "../../rules/engine/dates";
import { evaluate, RULES_VERSION } from "../../rules/engine/evaluate";
import type { ParameterValue } from "../../rules/engine/parameters";
import type { Status, Text } from "../../rules/engine/types";
import { MEASURES } from "../../rules/measures/list";
import { DOCUMENT_KINDS, type Snapshot } from "../../rules/snapshot";
import { can } from "../auth/permissions";
import type { Actor } from "../auth/session.server";
import { staffScope, withinJurisdiction } from "../auth/scope.server";
import { todayInShanghai } from "../utils/format";
import { ForbiddenError, ValidationError } from "./errors";
import { snapshotInclusive } from "./inclusive-status.server";
import { localParameters } from "./pricing.server";

/** Facilities per `IN (…)` list: keeps every statement's parameter count far below PostgreSQL's 65,535. */
export const CHUNK_SIZE = 1000;
export const STATUSES: readonly Status[] = [
  "eligible",
  "ineligible",
  "needs_info",
  "not_applicable",
];
export const MEASURE_IDS: readonly string[] = MEASURES.map((m) => m.id);
export const OVERVIEW_PAGE_SIZE = 50;
/** The filing states the overview counts: filed, and filed with a pending change (still filed). */
const COUNTED_STATES: FacilityRow["filingState"][] = [
  "filed",
  "change_submitted",
];

// ---- snapshots, set-based ------------------------------------------------------------------------------

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

function chunks<T>(items: readonly T[], size = CHUNK_SIZE): T[][] {
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
async function loadFactsChunk(
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

// ---- access and scope -------------------------------------------------------------------------------

/**
 * Who may see the overview: reviewers (卫健委) and finance officers (财政局, who fund the measures), each
 * within their own jurisdiction. Anyone else — operators included — is refused.
 */
export function canSeeOverview(actor: Actor): boolean {
  return (
    Boolean(actor.jurisdictionCode) &&
    (can(actor.roles, "review:filing:jurisdiction") ||
      can(actor.roles, "approve:batch:jurisdiction"))
  );
}

function assertOverviewAccess(actor: Actor): string {
  if (
    !can(actor.roles, "review:filing:jurisdiction") &&
    !can(actor.roles, "approve:batch:jurisdiction")
  ) {
    throw new ForbiddenError("review:filing:jurisdiction");
  }
  return staffScope(actor);
}

type ScopedFacility = {
  id: string;
  name: string;
  jurisdictionCode: string;
  jurisdictionNameZh: string;
  jurisdictionNameEn: string;
};

/** The counted facilities in scope, by county then name (ids and names only: cheap for 100k rows). */
async function scopedFacilities(
  db: Db,
  scope: string
): Promise<ScopedFacility[]> {
  const where: SQL | undefined = and(
    inArray(facilities.filingState, COUNTED_STATES),
    withinJurisdiction(facilities.jurisdictionCode, scope)
  );
  return db
    .select({
      id: facilities.id,
      name: facilities.name,
      jurisdictionCode: facilities.jurisdictionCode,
      jurisdictionNameZh: jurisdictions.nameZh,
      jurisdictionNameEn: jurisdictions.nameEn,
    })
    .from(facilities)
    .innerJoin(
      jurisdictions,
      eq(jurisdictions.code, facilities.jurisdictionCode)
    )
    .where(where)
    .orderBy(
      asc(facilities.jurisdictionCode),
      asc(facilities.name),
      asc(facilities.id)
    );
}

function checkDate(asOf: string) {
  if (!isValidDate(asOf))
    throw new ValidationError({ date: "filing.validation.date" });
}

/**
 * Evaluates every scoped facility chunk by chunk (snapshots are dropped after each chunk) and hands each
 * facility's statuses to `visit`.
 */
async function evaluateScope(
  db: Db,
  rows: readonly ScopedFacility[],
  asOf: string,
  local: readonly ParameterValue[],
  measures: readonly string[] | undefined,
  visit: (
    row: ScopedFacility,
    determinations: ReadonlyArray<{
      measure: string;
      status: Status;
      missing: string[];
    }>
  ) => void
) {
  for (const chunk of chunks(rows)) {
    const facts = await loadFactsChunk(
      db,
      chunk.map((r) => r.id)
    );
    const byId = new Map(facts.map((f) => [f.facility.id, f]));
    for (const row of chunk) {
      const f = byId.get(row.id);
      if (!f) continue; // deleted meanwhile
      const evaluation = evaluate(assembleSnapshot(f, asOf), {
        asOf,
        localParameters: local,
        ...(measures ? { measures } : {}),
      });
      visit(row, evaluation.determinations);
    }
  }
}

// ---- the overview -------------------------------------------------------------------------------------

export type StatusCounts = Record<Status, number>;
export type OverviewMeasure = {
  measure: string;
  title: Text;
  counts: StatusCounts;
};
export type Overview = {
  asOf: string;
  scope: string;
  scopeNameZh: string;
  scopeNameEn: string;
  /** filed (or change_submitted) facilities in scope */
  facilities: number;
  rulesVersion: string;
  measures: OverviewMeasure[];
};

async function scopeName(
  db: Db,
  scope: string
): Promise<{ zh: string; en: string }> {
  const [row] = await db
    .select({ zh: jurisdictions.nameZh, en: jurisdictions.nameEn })
    .from(jurisdictions)
    .where(eq(jurisdictions.code, scope));
  return row ?? { zh: scope, en: scope };
}

/**
 * Per measure, how many filed facilities in the actor's scope are eligible / ineligible / need
 * information / not applicable on `asOf`, with the administrators' local parameters.
 */
export async function jurisdictionOverview(
  db: Db,
  actor: Actor,
  asOf: string = todayInShanghai()
): Promise<Overview> {
  const scope = assertOverviewAccess(actor);
  checkDate(asOf);
  const [rows, local, name] = await Promise.all([
    scopedFacilities(db, scope),
    localParameters(db),
    scopeName(db, scope),
  ]);
  const counts = new Map<string, StatusCounts>(
    MEASURES.map((m) => [
      m.id,
      { eligible: 0, ineligible: 0, needs_info: 0, not_applicable: 0 },
    ])
  );
  await evaluateScope(
    db,
    rows,
    asOf,
    local,
    undefined,
    (_row, determinations) => {
      for (const d of determinations) {
        const c = counts.get(d.measure);
        if (c) c[d.status] += 1;
      }
    }
  );
  return {
    asOf,
    scope,
    scopeNameZh: name.zh,
    scopeNameEn: name.en,
    facilities: rows.length,
    rulesVersion: RULES_VERSION,
    measures: MEASURES.map((m) => ({
      measure: m.id,
      title: { zh: m.title.zh, en: m.title.en },
      counts: counts.get(m.id) ?? {
        eligible: 0,
        ineligible: 0,
        needs_info: 0,
        not_applicable: 0,
      },
    })),
  };
}

export type OverviewFacility = {
  facilityId: string;
  name: string;
  jurisdictionCode: string;
  jurisdictionNameZh: string;
  jurisdictionNameEn: string;
  /** for needs_info: the facts whose absence keeps it open */
  missing: string[];
};
export type OverviewDrill = {
  asOf: string;
  measure: string;
  title: Text;
  status: Status;
  total: number;
  page: number;
  pageSize: number;
  pages: number;
  items: OverviewFacility[];
};

export function isMeasureId(value: string): boolean {
  return MEASURE_IDS.includes(value);
}

export function isStatus(value: string): value is Status {
  return (STATUSES as readonly string[]).includes(value);
}

/**
 * The drill-down behind one count: the facilities in scope whose `measure` has `status` on `asOf`, by
 * county and name, one page at a time (`page` from 1). Only that measure is evaluated.
 */
export async function overviewFacilities(
  db: Db,
  actor: Actor,
  asOf: string,
  measure: string,
  status: string,
  page = 1,
  pageSize: number = OVERVIEW_PAGE_SIZE
): Promise<OverviewDrill> {
  const scope = assertOverviewAccess(actor);
  checkDate(asOf);
  const definition = MEASURES.find((m) => m.id === measure);
  if (!definition)
    throw new ValidationError({ measure: "overview.errors.measure" });
  if (!isStatus(status))
    throw new ValidationError({ status: "overview.errors.status" });
  const size = Math.max(
    1,
    Math.min(Math.floor(pageSize) || OVERVIEW_PAGE_SIZE, 100_000)
  );
  const [rows, local] = await Promise.all([
    scopedFacilities(db, scope),
    localParameters(db),
  ]);
  const matching: OverviewFacility[] = [];
  const only = [measure];
  await evaluateScope(db, rows, asOf, local, only, (row, determinations) => {
    const d = determinations[0];
    if (d?.status === status) {
      matching.push({
        facilityId: row.id,
        name: row.name,
        jurisdictionCode: row.jurisdictionCode,
        jurisdictionNameZh: row.jurisdictionNameZh,
        jurisdictionNameEn: row.jurisdictionNameEn,
        missing: d.missing,
      });
    }
  });
  const pages = Math.max(1, Math.ceil(matching.length / size));
  const current = Math.min(Math.max(1, Math.floor(page) || 1), pages);
  return {
    asOf,
    measure,
    title: { zh: definition.title.zh, en: definition.title.en },
    status,
    total: matching.length,
    page: current,
    pageSize: size,
    pages,
    items: matching.slice((current - 1) * size, current * size),
  };
}

// ---- export ----------------------------------------------------------------------------------------------

// Sheet 1 「措施统计」 columns: 措施 (zh title) · 措施编号 (id) · 符合 · 不符合 · 待补充信息 · 不适用 · 合计.
// Sheet 2 「机构名单」 (only with a drill-down): 机构名称 · 县区 · 县区代码 · 需补充的信息.
const STATUS_ZH: Record<Status, string> = {
  eligible: "符合",
  ineligible: "不符合",
  needs_info: "待补充信息",
  not_applicable: "不适用",
};

/** A text cell that a spreadsheet never reads as a formula. */
function safeText(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** The per-measure table (and, with `drill`, the listed facilities) as XLSX bytes. */
export async function overviewExport(
  overview: Overview,
  drill?: OverviewDrill
): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Tuoyu";
  const sheet = workbook.addWorksheet("措施统计");
  sheet.addRow([
    `${overview.scopeNameZh}（${overview.scope}） 截至 ${overview.asOf} 已备案机构 ${overview.facilities} 家 · 规则版本 ${overview.rulesVersion}`,
  ]);
  const header = sheet.addRow([
    "措施",
    "措施编号",
    ...STATUSES.map((s) => STATUS_ZH[s]),
    "合计",
  ]);
  header.font = { bold: true };
  for (const m of overview.measures) {
    const values = STATUSES.map((s) => m.counts[s]);
    sheet.addRow([
      safeText(m.title.zh),
      m.measure,
      ...values,
      values.reduce((a, b) => a + b, 0),
    ]);
  }
  sheet.columns.forEach((c, i) => {
    c.width = i === 0 ? 34 : i === 1 ? 36 : 12;
  });
  sheet.views = [{ state: "frozen", ySplit: 2 }];
  if (drill) {
    const list = workbook.addWorksheet("机构名单");
    list.addRow([
      `${drill.title.zh}（${drill.measure}） · ${STATUS_ZH[drill.status]} · ${
        drill.asOf
      } · 共 ${drill.total} 家`,
    ]);
    const h = list.addRow(["机构名称", "县区", "县区代码", "需补充的信息"]);
    h.font = { bold: true };
    for (const item of drill.items)
      list.addRow([
        safeText(item.name),
        item.jurisdictionNameZh,
        item.jurisdictionCode,
        item.missing.join("; "),
      ]);
    list.columns.forEach((c, i) => {
      c.width = i === 0 ? 36 : i === 3 ? 50 : 14;
    });
    list.views = [{ state: "frozen", ySplit: 2 }];
  }
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}
