// The union officer's directory of employer-run programmes within their jurisdiction (scope in the WHERE
// clause): the filters, the rows with their facts, fees, honours, grants and determination (one page, or
// the whole filtered list for the export), the jurisdictions to filter by, and the search parameters.
import { and, asc, desc, eq, ilike, inArray, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { facilities, feeDeclarations, jurisdictions, organisations, unionGrants, unionNominations, type FacilityRow, type NominationStatus } from "../../../db/schema";
import type { Status } from "../../../rules/engine/types";
import type { Actor } from "../../auth/session.server";
import { withinJurisdiction } from "../../auth/scope.server";
import { todayInShanghai } from "../../utils/format";
import { OPENNESS_FILTERS } from "../union.schemas";
import { awardedSql, determinations, inclusiveLabel, unionScope, VISIBLE_STATES, type InclusiveLabel } from "./shared.server";

export const UNION_PAGE_SIZE = 30;

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
export async function programmeRows(db: Db, scope: string, query: Omit<UnionDirectoryQuery, "page" | "pageSize">, limit: number, offset: number, today: string) {
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
