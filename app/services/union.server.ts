// The trade union's work on employer-run childcare (用人单位办托; 蚌埠 B§6; DOMAIN.md "Employer-run childcare
// and unions"): the scoped directory of employer-run programmes with the rules' `employer.union_support`
// determination, nominations for 全国爱心托育用人单位 by year (nominated → recommended by the province →
// awarded | not awarded), union grants with totals, the XLSX export, and the public facts the facility
// directory shows. The programme profile is part of the facility's working copy (facilities.server.ts,
// saveProgrammeProfile).
//
// Union officers see employer-run facilities within their jurisdiction only (in the WHERE clause), never
// drafts (an operator's unsubmitted working copy), and nothing of the staff roster or subsidy payments:
// they hold no facility-view or subsidy permission, so those pages and services refuse them.
import { and, asc, desc, eq, ilike, inArray, or, sql, type SQL } from "drizzle-orm";
import ExcelJS from "exceljs";
import type { Db } from "../../db/client";
import {
  directoryEntries,
  documents,
  facilities,
  feeDeclarations,
  jurisdictions,
  organisations,
  unionGrants,
  unionNominations,
  type FacilityRow,
  type NominationStatus,
  type UnionNominationRow,
} from "../../db/schema";
import { evaluate, type Determination } from "../../rules/engine/evaluate";
import type { Status } from "../../rules/engine/types";
import type { Snapshot } from "../../rules/snapshot";
import type { Permission } from "../auth/permissions";
import type { Actor } from "../auth/session.server";
import { assertPermission } from "../auth/session.server";
import { isWithinJurisdiction, staffScope, withinJurisdiction } from "../auth/scope.server";
import { translator, type Lang } from "../i18n/i18n";
import { clockNow, formatMoney, todayInShanghai } from "../utils/format";
import { isUuid } from "../utils/ids";
import { recordAudit } from "./audit.server";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "./errors";
import { loadFacility } from "./facilities.server";
import { buildSnapshots } from "./overview.server";
import { localParameters } from "./pricing.server";
import { checkUpload, defaultStorage, type FileStorage } from "./storage.server";
import { grantSchema, nominationDecisionSchema, nominationSchema, OPENNESS_FILTERS } from "./union.schemas";
import { actorContext, fieldErrorsOf } from "./users.server";
import type { z } from "zod";

export const UNION_MEASURE = "employer.union_support";
export const UNION_PAGE_SIZE = 30;
/** The export carries the whole filtered list; a province has a few hundred employer-run programmes. */
export const EXPORT_LIMIT = 20_000;
/** Papers per nomination (application form, provincial recommendation, award notice, photos…). */
export const MAX_NOMINATION_DOCUMENTS = 20;

/** Filing states a union officer sees: everything the operator has submitted at least once. */
const VISIBLE_STATES: FacilityRow["filingState"][] = ["submitted", "returned", "filed", "change_submitted", "cancelled"];

/** Allowed nomination steps: the province recommends (or not), then the award is decided. */
const NEXT_STATUSES: Record<NominationStatus, readonly NominationStatus[]> = {
  nominated: ["recommended", "not_awarded"],
  recommended: ["awarded", "not_awarded"],
  awarded: [],
  not_awarded: [],
};

export function nextNominationStatuses(status: NominationStatus): readonly NominationStatus[] {
  return NEXT_STATUSES[status];
}

function parse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new ValidationError(fieldErrorsOf(parsed.error));
  return parsed.data;
}

function unionScope(actor: Actor, permission: Permission): string {
  assertPermission(actor, permission);
  return staffScope(actor);
}

/** An employer-run programme within the union officer's jurisdiction (404 if not one, 403 if outside). */
async function loadProgramme(db: Db, actor: Actor, facilityId: string, permission: Permission): Promise<FacilityRow> {
  const scope = unionScope(actor, permission);
  if (!isUuid(facilityId)) throw new NotFoundError("programme");
  const [facility] = await db.select().from(facilities).where(eq(facilities.id, facilityId));
  if (!facility || facility.kind !== "employer_run" || !VISIBLE_STATES.includes(facility.filingState)) throw new NotFoundError("programme");
  if (!(await isWithinJurisdiction(db, facility.jurisdictionCode, scope))) throw new ForbiddenError("facility", "scope");
  return facility;
}

// ---- the rules' determination ----------------------------------------------------------------------

export type InclusiveLabel = "public" | "certified" | "applied" | "none";

/** 普惠 as a union officer reads it: a public operator, a valid certification, an application, or none. */
function inclusiveLabel(snapshot: Snapshot | undefined): InclusiveLabel {
  if (!snapshot) return "none";
  if (snapshot.operator.ownership === "public") return "public";
  const status = snapshot.inclusive?.status;
  return status === "certified" ? "certified" : status === "applied" ? "applied" : "none";
}

/** `employer.union_support` for each facility on `asOf`, from the set-based snapshots (one evaluation each). */
async function determinations(db: Db, facilityIds: readonly string[], asOf: string) {
  const snapshots = await buildSnapshots(db, facilityIds, asOf);
  const local = snapshots.size ? await localParameters(db) : [];
  const out = new Map<string, { snapshot: Snapshot; determination: Determination; rulesVersion: string; localParametersVersion: string | null }>();
  for (const [id, snapshot] of snapshots) {
    const evaluation = evaluate(snapshot, { asOf, localParameters: local, measures: [UNION_MEASURE] });
    const determination = evaluation.determinations.find((d) => d.measure === UNION_MEASURE);
    if (determination) out.set(id, { snapshot, determination, rulesVersion: evaluation.rulesVersion, localParametersVersion: evaluation.localParametersVersion });
  }
  return out;
}

// ---- directory ---------------------------------------------------------------------------------------

export type UnionDirectoryQuery = {
  q?: string;
  county?: string;
  openness?: (typeof OPENNESS_FILTERS)[number];
  inclusive?: "yes" | "no";
  awarded?: "yes" | "no";
  page: number;
  pageSize: number;
};

function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function inclusiveNowSql(today: string): SQL {
  return sql`(EXISTS (SELECT 1 FROM inclusive_applications a WHERE a.facility_id = ${facilities.id} AND a.status = 'certified' AND a.valid_from <= ${today} AND a.valid_until >= ${today})
    OR EXISTS (SELECT 1 FROM organisations o WHERE o.id = ${facilities.organisationId} AND o.ownership = 'public'))`;
}

const awardedSql = sql`EXISTS (SELECT 1 FROM union_nominations n WHERE n.facility_id = ${facilities.id} AND n.status = 'awarded')`;

function directoryConditions(scope: string, query: Omit<UnionDirectoryQuery, "page" | "pageSize">, today: string): SQL[] {
  const conditions: SQL[] = [
    eq(facilities.kind, "employer_run"),
    inArray(facilities.filingState, VISIBLE_STATES),
    withinJurisdiction(facilities.jurisdictionCode, scope),
  ];
  if (query.county) conditions.push(withinJurisdiction(facilities.jurisdictionCode, query.county));
  if (query.q) {
    const pattern = likePattern(query.q);
    const match = or(ilike(facilities.employerName, pattern), ilike(facilities.name, pattern), ilike(facilities.employerParkName, pattern));
    if (match) conditions.push(match);
  }
  if (query.openness === "own_only") {
    conditions.push(
      sql`${facilities.employerMainlyForOwnEmployees} IS TRUE AND ${facilities.employerOpenToOtherEmployers} IS NOT TRUE AND ${facilities.employerOpenToResidents} IS NOT TRUE`,
    );
  }
  if (query.openness === "other_employers") conditions.push(sql`${facilities.employerOpenToOtherEmployers} IS TRUE`);
  if (query.openness === "residents") conditions.push(sql`${facilities.employerOpenToResidents} IS TRUE`);
  if (query.inclusive === "yes") conditions.push(inclusiveNowSql(today));
  if (query.inclusive === "no") conditions.push(sql`NOT ${inclusiveNowSql(today)}`);
  if (query.awarded === "yes") conditions.push(awardedSql);
  if (query.awarded === "no") conditions.push(sql`NOT ${awardedSql}`);
  return conditions;
}

export type ProgrammeFee = { classType: string | null; serviceType: string | null; amountFen: number };

export type ProgrammeRow = {
  facilityId: string;
  facilityName: string;
  organisationName: string;
  jurisdictionCode: string;
  countyZh: string;
  countyEn: string;
  employerName: string | null;
  employerUscc: string | null;
  parkName: string | null;
  mainlyForOwnEmployees: boolean | null;
  openToOtherEmployers: boolean | null;
  openToResidents: boolean | null;
  reservedSlots: number | null;
  totalSlots: number | null;
  filingState: FacilityRow["filingState"];
  receiptNumber: string | null;
  inclusive: InclusiveLabel;
  certifiedSlots: number | null;
  fees: ProgrammeFee[];
  determination: Status;
  /** years in which the unit was awarded 全国爱心托育用人单位, earliest first */
  awardedYears: number[];
  latestNomination: { year: number; status: NominationStatus } | null;
  grantCount: number;
  grantsFen: number;
  matchingFen: number;
};

/** Rows of the filtered directory (a page, or everything for the export), with their facts and determination. */
async function programmeRows(db: Db, scope: string, query: Omit<UnionDirectoryQuery, "page" | "pageSize">, limit: number, offset: number, today: string) {
  const base = await db
    .select({
      facility: facilities,
      organisationName: organisations.name,
      countyZh: jurisdictions.nameZh,
      countyEn: jurisdictions.nameEn,
    })
    .from(facilities)
    .innerJoin(organisations, eq(organisations.id, facilities.organisationId))
    .innerJoin(jurisdictions, eq(jurisdictions.code, facilities.jurisdictionCode))
    .where(and(...directoryConditions(scope, query, today)))
    .orderBy(asc(facilities.employerName), asc(facilities.name), asc(facilities.id))
    .limit(limit)
    .offset(offset);
  const ids = base.map((r) => r.facility.id);
  if (ids.length === 0) return [];
  const [nominations, grants, fees, judged] = await Promise.all([
    db
      .select({ facilityId: unionNominations.facilityId, year: unionNominations.year, status: unionNominations.status })
      .from(unionNominations)
      .where(inArray(unionNominations.facilityId, ids))
      .orderBy(desc(unionNominations.year)),
    db
      .select({
        facilityId: unionGrants.facilityId,
        count: sql<number>`count(*)::int`,
        amountFen: sql<number>`coalesce(sum(${unionGrants.amountFen}), 0)::bigint`,
        matchingFen: sql<number>`coalesce(sum(${unionGrants.matchingFen}), 0)::bigint`,
      })
      .from(unionGrants)
      .where(inArray(unionGrants.facilityId, ids))
      .groupBy(unionGrants.facilityId),
    db
      .select({ facilityId: feeDeclarations.facilityId, classType: feeDeclarations.classType, serviceType: feeDeclarations.serviceType, amountFen: feeDeclarations.amountFen })
      .from(feeDeclarations)
      .where(and(inArray(feeDeclarations.facilityId, ids), eq(feeDeclarations.kind, "basic")))
      .orderBy(asc(feeDeclarations.classType), asc(feeDeclarations.serviceType)),
    determinations(db, ids, today),
  ]);
  return base.map(({ facility: f, organisationName, countyZh, countyEn }): ProgrammeRow => {
    const own = nominations.filter((n) => n.facilityId === f.id);
    const grant = grants.find((g) => g.facilityId === f.id);
    const j = judged.get(f.id);
    const inclusive = j?.snapshot.inclusive;
    return {
      facilityId: f.id,
      facilityName: f.name,
      organisationName,
      jurisdictionCode: f.jurisdictionCode,
      countyZh,
      countyEn,
      employerName: f.employerName,
      employerUscc: f.employerUscc,
      parkName: f.employerParkName,
      mainlyForOwnEmployees: f.employerMainlyForOwnEmployees,
      openToOtherEmployers: f.employerOpenToOtherEmployers,
      openToResidents: f.employerOpenToResidents,
      reservedSlots: f.employerReservedSlots,
      totalSlots: f.totalSlots,
      filingState: f.filingState,
      receiptNumber: f.receiptNumber,
      inclusive: inclusiveLabel(j?.snapshot),
      certifiedSlots: inclusive?.status === "certified" ? (inclusive.certifiedSlots ?? null) : null,
      fees: fees.filter((x) => x.facilityId === f.id).map(({ classType, serviceType, amountFen }) => ({ classType, serviceType, amountFen })),
      determination: j?.determination.status ?? "needs_info",
      awardedYears: own.filter((n) => n.status === "awarded").map((n) => n.year).sort((a, b) => a - b),
      latestNomination: own[0] ? { year: own[0].year, status: own[0].status } : null,
      grantCount: grant ? Number(grant.count) : 0,
      grantsFen: grant ? Number(grant.amountFen) : 0,
      matchingFen: grant ? Number(grant.matchingFen) : 0,
    };
  });
}

/** A page of the union officer's directory of employer-run programmes within their jurisdiction. */
export async function unionDirectory(db: Db, actor: Actor, query: UnionDirectoryQuery, today: string = todayInShanghai()) {
  const scope = unionScope(actor, "view:programme:jurisdiction");
  const rows = await programmeRows(db, scope, query, query.pageSize + 1, (query.page - 1) * query.pageSize, today);
  const [count] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(facilities)
    .where(and(...directoryConditions(scope, query, today)));
  return { rows: rows.slice(0, query.pageSize), hasMore: rows.length > query.pageSize, total: Number(count?.n ?? 0) };
}

/** The jurisdictions a union officer may filter by: their own and every one below it. */
export async function unionJurisdictions(db: Db, actor: Actor) {
  const scope = unionScope(actor, "view:programme:jurisdiction");
  return db
    .select({ code: jurisdictions.code, nameZh: jurisdictions.nameZh, nameEn: jurisdictions.nameEn, level: jurisdictions.level })
    .from(jurisdictions)
    .where(withinJurisdiction(jurisdictions.code, scope))
    .orderBy(asc(jurisdictions.path));
}

export type GrantTotals = {
  programmes: number;
  awarded: number;
  total: { count: number; amountFen: number; matchingFen: number };
  byYear: Array<{ year: number; count: number; amountFen: number; matchingFen: number }>;
  byCounty: Array<{ code: string; nameZh: string; nameEn: string; count: number; amountFen: number; matchingFen: number }>;
};

/** Union grants within the jurisdiction, by year and by district, and the directory's headline counts. */
export async function grantTotals(db: Db, actor: Actor): Promise<GrantTotals> {
  const scope = unionScope(actor, "view:programme:jurisdiction");
  const inScope = and(withinJurisdiction(facilities.jurisdictionCode, scope), eq(facilities.kind, "employer_run"), inArray(facilities.filingState, VISIBLE_STATES));
  const sums = {
    count: sql<number>`count(*)::int`,
    amountFen: sql<number>`coalesce(sum(${unionGrants.amountFen}), 0)::bigint`,
    matchingFen: sql<number>`coalesce(sum(${unionGrants.matchingFen}), 0)::bigint`,
  };
  const [byYear, byCounty, [programmes], [awarded]] = await Promise.all([
    db
      .select({ year: unionGrants.year, ...sums })
      .from(unionGrants)
      .innerJoin(facilities, eq(facilities.id, unionGrants.facilityId))
      .where(inScope)
      .groupBy(unionGrants.year)
      .orderBy(desc(unionGrants.year)),
    db
      .select({ code: facilities.jurisdictionCode, nameZh: jurisdictions.nameZh, nameEn: jurisdictions.nameEn, ...sums })
      .from(unionGrants)
      .innerJoin(facilities, eq(facilities.id, unionGrants.facilityId))
      .innerJoin(jurisdictions, eq(jurisdictions.code, facilities.jurisdictionCode))
      .where(inScope)
      .groupBy(facilities.jurisdictionCode, jurisdictions.nameZh, jurisdictions.nameEn)
      .orderBy(asc(facilities.jurisdictionCode)),
    db.select({ n: sql<number>`count(*)::int` }).from(facilities).where(inScope),
    db.select({ n: sql<number>`count(*)::int` }).from(facilities).where(and(inScope, awardedSql)),
  ]);
  const num = <T extends { count: number; amountFen: number; matchingFen: number }>(r: T): T => ({ ...r, count: Number(r.count), amountFen: Number(r.amountFen), matchingFen: Number(r.matchingFen) });
  const years = byYear.map(num);
  return {
    programmes: Number(programmes?.n ?? 0),
    awarded: Number(awarded?.n ?? 0),
    total: years.reduce((t, r) => ({ count: t.count + r.count, amountFen: t.amountFen + r.amountFen, matchingFen: t.matchingFen + r.matchingFen }), { count: 0, amountFen: 0, matchingFen: 0 }),
    byYear: years,
    byCounty: byCounty.map(num),
  };
}

// ---- one programme ---------------------------------------------------------------------------------

export type NominationView = {
  id: string;
  year: number;
  status: NominationStatus;
  notes: string | null;
  recommendedOn: string | null;
  decidedOn: string | null;
  next: readonly NominationStatus[];
  documents: Array<{ id: string; originalName: string; sizeBytes: number }>;
};

export type GrantView = {
  id: string;
  programmeName: string;
  year: number;
  amountFen: number;
  matchingFen: number;
  grantedOn: string;
  reference: string;
};

async function nominationsOf(db: Db, facilityId: string): Promise<UnionNominationRow[]> {
  return db.select().from(unionNominations).where(eq(unionNominations.facilityId, facilityId)).orderBy(desc(unionNominations.year));
}

async function grantsOf(db: Db, facilityId: string): Promise<GrantView[]> {
  return db
    .select({
      id: unionGrants.id,
      programmeName: unionGrants.programmeName,
      year: unionGrants.year,
      amountFen: unionGrants.amountFen,
      matchingFen: unionGrants.matchingFen,
      grantedOn: unionGrants.grantedOn,
      reference: unionGrants.reference,
    })
    .from(unionGrants)
    .where(eq(unionGrants.facilityId, facilityId))
    .orderBy(desc(unionGrants.year), desc(unionGrants.grantedOn), desc(unionGrants.createdAt));
}

/** The programme page of a union officer: profile, determination, nominations with papers, grants. */
export async function programmeDetail(db: Db, actor: Actor, facilityId: string, today: string = todayInShanghai()) {
  const facility = await loadProgramme(db, actor, facilityId, "view:programme:jurisdiction");
  const [[row], nominations, grants, judged] = await Promise.all([
    db
      .select({ organisationName: organisations.name, countyZh: jurisdictions.nameZh, countyEn: jurisdictions.nameEn })
      .from(organisations)
      .innerJoin(jurisdictions, eq(jurisdictions.code, facility.jurisdictionCode))
      .where(eq(organisations.id, facility.organisationId)),
    nominationsOf(db, facility.id),
    grantsOf(db, facility.id),
    determinations(db, [facility.id], today),
  ]);
  const docIds = nominations.flatMap((n) => n.documentIds);
  const papers = docIds.length
    ? await db
        .select({ id: documents.id, originalName: documents.originalName, sizeBytes: documents.sizeBytes })
        .from(documents)
        .where(and(inArray(documents.id, docIds), eq(documents.facilityId, facility.id), eq(documents.kind, "nomination_document")))
    : [];
  const judgement = judged.get(facility.id);
  if (!judgement) throw new NotFoundError("programme");
  const fees = await db
    .select({ classType: feeDeclarations.classType, serviceType: feeDeclarations.serviceType, amountFen: feeDeclarations.amountFen })
    .from(feeDeclarations)
    .where(and(eq(feeDeclarations.facilityId, facility.id), eq(feeDeclarations.kind, "basic")))
    .orderBy(asc(feeDeclarations.classType), asc(feeDeclarations.serviceType));
  const inclusive = judgement.snapshot.inclusive;
  return {
    facility,
    organisationName: row?.organisationName ?? "",
    countyZh: row?.countyZh ?? facility.jurisdictionCode,
    countyEn: row?.countyEn ?? facility.jurisdictionCode,
    inclusive: inclusiveLabel(judgement.snapshot),
    certifiedSlots: inclusive?.status === "certified" ? (inclusive.certifiedSlots ?? null) : null,
    fees,
    determination: judgement.determination,
    nominations: nominations.map(
      (n): NominationView => ({
        id: n.id,
        year: n.year,
        status: n.status,
        notes: n.notes,
        recommendedOn: n.recommendedOn,
        decidedOn: n.decidedOn,
        next: NEXT_STATUSES[n.status],
        documents: n.documentIds.flatMap((id) => papers.filter((p) => p.id === id)),
      }),
    ),
    grants,
    awardedYears: nominations.filter((n) => n.status === "awarded").map((n) => n.year).sort((a, b) => a - b),
  };
}

/**
 * What the operator of an employer-run facility sees of the union's records: the nominations' status
 * (not the union's notes or papers) and the grants — read-only.
 */
export async function programmeForOperator(db: Db, actor: Actor, facilityId: string) {
  assertPermission(actor, "view:facility:own");
  const facility = await loadFacility(db, actor, facilityId);
  if (!actor.roles.includes("operator") || facility.organisationId !== actor.organisationId) throw new ForbiddenError("facility", "scope");
  const [nominations, grants] = await Promise.all([nominationsOf(db, facility.id), grantsOf(db, facility.id)]);
  return {
    facility,
    nominations: nominations.map((n) => ({ id: n.id, year: n.year, status: n.status, recommendedOn: n.recommendedOn, decidedOn: n.decidedOn })),
    grants,
    awardedYears: nominations.filter((n) => n.status === "awarded").map((n) => n.year).sort((a, b) => a - b),
  };
}

// ---- nominations -----------------------------------------------------------------------------------

/**
 * Records a programme's nomination for 全国爱心托育用人单位 in a year. Only a programme the rules find
 * eligible for union support (mainly for its own staff, full- or half-day care, filed) is nominated; the
 * determination that justified it is kept in the audit row.
 */
export async function nominateProgramme(db: Db, actor: Actor, facilityId: string, input: unknown, today: string = todayInShanghai()): Promise<string> {
  const facility = await loadProgramme(db, actor, facilityId, "manage:programme:jurisdiction");
  const v = parse(nominationSchema, input);
  const judgement = (await determinations(db, [facility.id], today)).get(facility.id);
  if (judgement?.determination.status !== "eligible") throw new ConflictError("union.nomination.notEligible");
  const [taken] = await db
    .select({ id: unionNominations.id })
    .from(unionNominations)
    .where(and(eq(unionNominations.facilityId, facility.id), eq(unionNominations.year, v.year)));
  if (taken) throw new ValidationError({ year: "union.nomination.yearTaken" });
  // two officers nominating the same year at once: the unique index decides, the loser sees the field message
  return nominationTransaction(db, async (tx) => {
    const values = { facilityId: facility.id, year: v.year, status: "nominated" as const, notes: v.notes ?? null, nominatedBy: actor.userId };
    const [row] = await tx.insert(unionNominations).values(values).returning({ id: unionNominations.id });
    await recordAudit(tx, actorContext(actor), {
      action: "union_nomination.created",
      entityType: "union_nomination",
      entityId: row?.id ?? null,
      jurisdictionCode: facility.jurisdictionCode,
      after: {
        ...values,
        decision: {
          measure: UNION_MEASURE,
          status: judgement.determination.status,
          asOf: today,
          rulesVersion: judgement.rulesVersion,
          localParametersVersion: judgement.localParametersVersion,
          conditions: judgement.determination.conditions.map((c) => ({ id: c.id, result: c.result })),
        },
      },
    });
    return row?.id ?? "";
  });
}

function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error; e && typeof e === "object"; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === "23505") return true;
  }
  return false;
}

async function nominationTransaction<T>(db: Db, fn: (tx: Db) => Promise<T>): Promise<T> {
  try {
    return await db.transaction(fn);
  } catch (error) {
    if (isUniqueViolation(error)) throw new ValidationError({ year: "union.nomination.yearTaken" });
    throw error;
  }
}

async function loadNomination(db: Db, actor: Actor, nominationId: string) {
  assertPermission(actor, "manage:programme:jurisdiction");
  if (!isUuid(nominationId)) throw new NotFoundError("nomination");
  const [nomination] = await db.select().from(unionNominations).where(eq(unionNominations.id, nominationId));
  if (!nomination) throw new NotFoundError("nomination");
  const facility = await loadProgramme(db, actor, nomination.facilityId, "manage:programme:jurisdiction");
  return { nomination, facility };
}

/** The next step of a nomination: recommended by the province, then awarded or not awarded. */
export async function decideNomination(db: Db, actor: Actor, nominationId: string, input: unknown): Promise<void> {
  const { nomination, facility } = await loadNomination(db, actor, nominationId);
  const v = parse(nominationDecisionSchema, input);
  if (!NEXT_STATUSES[nomination.status].includes(v.status)) throw new ConflictError("union.nomination.badTransition");
  if (nomination.recommendedOn && v.on < nomination.recommendedOn) throw new ValidationError({ on: "union.validation.beforeRecommended" });
  const notes = v.notes ? [nomination.notes, `${v.on}：${v.notes}`].filter(Boolean).join("\n") : nomination.notes;
  const change = {
    status: v.status,
    notes,
    ...(v.status === "recommended" ? { recommendedOn: v.on } : { decidedOn: v.on }),
  };
  await db.transaction(async (tx) => {
    // conditional on the status read: of two officers deciding at once, one wins
    const updated = await tx
      .update(unionNominations)
      .set({ ...change, updatedAt: clockNow() })
      .where(and(eq(unionNominations.id, nomination.id), eq(unionNominations.status, nomination.status)))
      .returning({ id: unionNominations.id });
    if (updated.length === 0) throw new ConflictError("union.nomination.changedMeanwhile");
    await recordAudit(tx, actorContext(actor), {
      action: `union_nomination.${v.status}`,
      entityType: "union_nomination",
      entityId: nomination.id,
      jurisdictionCode: facility.jurisdictionCode,
      before: { status: nomination.status, year: nomination.year },
      after: { status: v.status, on: v.on, notes: v.notes ?? null },
    });
  });
}

/** Attaches a paper (PDF/JPEG/PNG, type sniffed) to a nomination; stored like every upload, by SHA-256. */
export async function attachNominationDocument(
  db: Db,
  actor: Actor,
  nominationId: string,
  file: { bytes: Uint8Array; name: string } | null,
  storage: FileStorage = defaultStorage(),
): Promise<string> {
  const { nomination, facility } = await loadNomination(db, actor, nominationId);
  if (!file) throw new ValidationError({ file: "filing.upload.empty" });
  const check = checkUpload(file.bytes, file.name);
  if (!check.ok) throw new ValidationError({ file: `filing.${check.error}` });
  if (nomination.documentIds.length >= MAX_NOMINATION_DOCUMENTS) throw new ValidationError({ file: "union.nomination.tooManyDocuments" });
  const { sha256, sizeBytes } = await storage.put(file.bytes);
  return db.transaction(async (tx) => {
    const values = { facilityId: facility.id, kind: "nomination_document" as const, sha256, sizeBytes, mimeType: check.mimeType, originalName: file.name.slice(0, 200), uploadedBy: actor.userId };
    const [doc] = await tx.insert(documents).values(values).returning({ id: documents.id });
    if (!doc) throw new Error("insert failed");
    await tx
      .update(unionNominations)
      .set({ documentIds: sql`array_append(${unionNominations.documentIds}, ${doc.id}::uuid)`, updatedAt: clockNow() })
      .where(eq(unionNominations.id, nomination.id));
    await recordAudit(tx, actorContext(actor), {
      action: "union_nomination.document_attached",
      entityType: "union_nomination",
      entityId: nomination.id,
      jurisdictionCode: facility.jurisdictionCode,
      after: { documentId: doc.id, originalName: values.originalName, mimeType: values.mimeType, sizeBytes, sha256 },
    });
    return doc.id;
  });
}

// ---- grants ----------------------------------------------------------------------------------------

/** Records a union grant (e.g. the ACFTU 1万 元 project grant) for a programme; amounts typed in 元. */
export async function recordGrant(db: Db, actor: Actor, facilityId: string, input: unknown): Promise<string> {
  const facility = await loadProgramme(db, actor, facilityId, "manage:programme:jurisdiction");
  const v = parse(grantSchema, input);
  if (facility.filingState === "cancelled") throw new ConflictError("union.grant.cancelled");
  return db.transaction(async (tx) => {
    const values = {
      facilityId: facility.id,
      programmeName: v.programmeName,
      year: v.year,
      amountFen: v.amount,
      matchingFen: v.matching ?? 0,
      grantedOn: v.grantedOn,
      reference: v.reference,
      recordedBy: actor.userId,
    };
    const [row] = await tx.insert(unionGrants).values(values).returning({ id: unionGrants.id });
    await recordAudit(tx, actorContext(actor), {
      action: "union_grant.recorded",
      entityType: "union_grant",
      entityId: row?.id ?? null,
      jurisdictionCode: facility.jurisdictionCode,
      after: values,
    });
    return row?.id ?? "";
  });
}

// ---- public directory ------------------------------------------------------------------------------

export type PublicProgramme = {
  employerName: string | null;
  parkName: string | null;
  mainlyForOwnEmployees: boolean | null;
  openToOtherEmployers: boolean | null;
  openToResidents: boolean | null;
  reservedSlots: number | null;
  awardedYears: number[];
};

/**
 * The public side of employer-run programmes listed in the facility directory: employer, park,
 * openness, reserved slots and the 全国爱心托育用人单位 honour — never the employer's contact person or
 * phone (personal data), its USCC, the union's notes or grants.
 */
export async function publicProgrammes(db: Db, facilityIds: readonly string[]): Promise<Record<string, PublicProgramme>> {
  const ids = facilityIds.filter(isUuid);
  if (ids.length === 0) return {};
  const [rows, awards] = await Promise.all([
    db
      .select({
        id: facilities.id,
        employerName: facilities.employerName,
        parkName: facilities.employerParkName,
        mainlyForOwnEmployees: facilities.employerMainlyForOwnEmployees,
        openToOtherEmployers: facilities.employerOpenToOtherEmployers,
        openToResidents: facilities.employerOpenToResidents,
        reservedSlots: facilities.employerReservedSlots,
      })
      .from(facilities)
      .innerJoin(directoryEntries, eq(directoryEntries.facilityId, facilities.id))
      .where(and(inArray(facilities.id, ids), eq(facilities.kind, "employer_run"), eq(directoryEntries.kind, "employer_run"))),
    db
      .select({ facilityId: unionNominations.facilityId, year: unionNominations.year })
      .from(unionNominations)
      .where(and(inArray(unionNominations.facilityId, ids), eq(unionNominations.status, "awarded")))
      .orderBy(asc(unionNominations.year)),
  ]);
  const out: Record<string, PublicProgramme> = {};
  for (const { id, ...facts } of rows) out[id] = { ...facts, awardedYears: awards.filter((a) => a.facilityId === id).map((a) => a.year) };
  return out;
}

// ---- export ----------------------------------------------------------------------------------------

/** The filtered directory as an XLSX workbook (headers and values in the user's language). */
export async function unionExport(db: Db, actor: Actor, query: Omit<UnionDirectoryQuery, "page" | "pageSize">, lang: Lang, today: string = todayInShanghai()): Promise<Uint8Array> {
  const scope = unionScope(actor, "view:programme:jurisdiction");
  const rows = await programmeRows(db, scope, query, EXPORT_LIMIT, 0, today);
  const t = translator(lang);
  const yesNo = (v: boolean | null) => (v === null ? "" : v ? t("filing.enums.yesNo.true") : t("filing.enums.yesNo.false"));
  const separator = t("policies.listSeparator");
  const columns: Array<[string, number]> = [
    ["union.export.programme", 28],
    ["union.export.employer", 28],
    ["union.export.uscc", 22],
    ["union.export.park", 24],
    ["union.export.county", 12],
    ["union.export.operator", 28],
    ["union.export.totalSlots", 10],
    ["union.export.reservedSlots", 12],
    ["union.export.mainlyOwn", 12],
    ["union.export.openOther", 12],
    ["union.export.openResidents", 12],
    ["union.export.filing", 12],
    ["union.export.receipt", 18],
    ["union.export.inclusive", 14],
    ["union.export.fees", 40],
    ["union.export.determination", 14],
    ["union.export.honour", 22],
    ["union.export.latestNomination", 18],
    ["union.export.grantCount", 10],
    ["union.export.grants", 14],
    ["union.export.matching", 14],
  ];
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Tuoyu";
  const sheet = workbook.addWorksheet(t("union.export.sheet"));
  sheet.columns = columns.map(([key, width], i) => ({ header: t(key), key: String(i), width }));
  for (const r of rows) {
    sheet.addRow([
      r.facilityName,
      r.employerName ?? "",
      r.employerUscc ?? "",
      r.parkName ?? "",
      lang === "en" ? r.countyEn : r.countyZh,
      r.organisationName,
      r.totalSlots,
      r.reservedSlots,
      yesNo(r.mainlyForOwnEmployees),
      yesNo(r.openToOtherEmployers),
      yesNo(r.openToResidents),
      t(`filing.enums.filingState.${r.filingState}`),
      r.receiptNumber ?? "",
      t(`union.inclusive.${r.inclusive}`),
      r.fees.map((f) => `${t(`filing.enums.classType.${f.classType ?? ""}`)} · ${t(`filing.enums.serviceType.${f.serviceType ?? ""}`)} ${formatMoney(f.amountFen)}`).join(separator),
      t(`policies.status.${r.determination}`),
      r.awardedYears.length ? t("union.honour", { year: r.awardedYears.join(separator) }) : "",
      r.latestNomination ? `${r.latestNomination.year} · ${t(`union.nomination.status.${r.latestNomination.status}`)}` : "",
      r.grantCount,
      r.grantsFen / 100,
      r.matchingFen / 100,
    ]);
  }
  for (const key of [20, 21]) sheet.getColumn(key).numFmt = "#,##0.00";
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: "frozen", ySplit: 1 }];
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}

/** The export as an attachment named union-programmes-<today>.xlsx. */
export async function unionDownload(db: Db, actor: Actor, query: Omit<UnionDirectoryQuery, "page" | "pageSize">, lang: Lang, today: string = todayInShanghai()): Promise<Response> {
  const bytes = await unionExport(db, actor, query, lang, today);
  return new Response(new Uint8Array(bytes), {
    status: 200,
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Length": String(bytes.byteLength),
      "Content-Disposition": `attachment; filename="union-programmes-${today}.xlsx"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}

/** Parses the directory's search parameters (shared by the page and the export); unknown values are dropped. */
export function directoryQueryFrom(url: URL): Omit<UnionDirectoryQuery, "page" | "pageSize"> {
  const p = url.searchParams;
  const oneOf = <T extends string>(value: string | null, allowed: readonly T[]): T | undefined =>
    value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : undefined;
  const q = (p.get("q") ?? "").trim().slice(0, 100);
  const county = (p.get("county") ?? "").trim();
  return {
    q: q || undefined,
    county: /^[0-9A-Za-z-]{2,20}$/.test(county) ? county : undefined,
    openness: oneOf(p.get("openness"), OPENNESS_FILTERS),
    inclusive: oneOf(p.get("inclusive"), ["yes", "no"] as const),
    awarded: oneOf(p.get("awarded"), ["yes", "no"] as const),
  };
}
