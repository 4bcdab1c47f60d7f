// Union grants to employer-run programmes (e.g. the ACFTU 1万 元 project grant): recording one, a
// programme's grants, and the totals within the officer's jurisdiction by year and by district.
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { facilities, jurisdictions, unionGrants } from "../../../db/schema";
import type { Actor } from "../../auth/session.server";
import { withinJurisdiction } from "../../auth/scope.server";
import { recordAudit } from "../audit.server";
import { ConflictError } from "../errors";
import { grantSchema } from "../union.schemas";
import { actorContext } from "../users.server";
import { awardedSql, loadProgramme, parse, unionScope, VISIBLE_STATES } from "./shared.server";

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

export type GrantView = {
  id: string;
  programmeName: string;
  year: number;
  amountFen: number;
  matchingFen: number;
  grantedOn: string;
  reference: string;
};

export async function grantsOf(db: Db, facilityId: string): Promise<GrantView[]> {
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
