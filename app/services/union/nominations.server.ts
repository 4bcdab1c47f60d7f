// Nominations for 全国爱心托育用人单位 by year: nominating an eligible programme (the determination kept in
// the audit row), the next step (recommended by the province → awarded | not awarded), and the papers
// attached to a nomination. Scope → zod parse → one transaction → writes → audit row.
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { documents, unionNominations } from "../../../db/schema";
import type { Actor } from "../../auth/session.server";
import { assertPermission } from "../../auth/session.server";
import { clockNow, todayInShanghai } from "../../utils/format";
import { isUuid } from "../../utils/ids";
import { recordAudit } from "../audit.server";
import { ConflictError, NotFoundError, ValidationError } from "../errors";
import { checkUpload, defaultStorage, type FileStorage } from "../storage.server";
import { nominationDecisionSchema, nominationSchema } from "../union.schemas";
import { actorContext } from "../users.server";
import { determinations, loadProgramme, NEXT_STATUSES, parse, UNION_MEASURE } from "./shared.server";

/** Papers per nomination (application form, provincial recommendation, award notice, photos…). */
export const MAX_NOMINATION_DOCUMENTS = 20;

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
