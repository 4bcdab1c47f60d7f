// One employer-run programme: the union officer's page (profile, fees, determination, nominations with
// their papers, grants) and the operator's read-only view of the union's records about it.
import { and, asc, desc, eq, inArray } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { documents, feeDeclarations, jurisdictions, organisations, unionNominations, type NominationStatus, type UnionNominationRow } from "../../../db/schema";
import type { Actor } from "../../auth/session.server";
import { assertPermission } from "../../auth/session.server";
import { todayInShanghai } from "../../utils/format";
import { ForbiddenError, NotFoundError } from "../errors";
import { loadFacility } from "../facilities/access.server";
import { grantsOf } from "./grants.server";
import { determinations, inclusiveLabel, loadProgramme, NEXT_STATUSES } from "./shared.server";

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

async function nominationsOf(db: Db, facilityId: string): Promise<UnionNominationRow[]> {
  return db.select().from(unionNominations).where(eq(unionNominations.facilityId, facilityId)).orderBy(desc(unionNominations.year));
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
