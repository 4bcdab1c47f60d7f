// Filing (备案): the snapshot the rules read, submission with the live checklist, the reviewer queue
// with due dates, acceptance with gapless receipt numbers, return with per-item reasons, change
// requests, cancellation, history and the public directory.
import { and, asc, desc, eq, ilike, inArray, sql, type AnyColumn, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client";
import { isUuid } from "../utils/ids";
import {
  directoryEntries,
  facilities,
  feeDeclarations,
  filings,
  inboxMessages,
  jurisdictions,
  organisations,
  receiptSequences,
  type FacilityRow,
  type FilingRow,
} from "../../db/schema";
import { evaluate, type Evaluation } from "../../rules/engine/evaluate";
import type { Snapshot } from "../../rules/snapshot";
import type { Actor } from "../auth/session.server";
import { assertPermission } from "../auth/session.server";
import { withinJurisdiction } from "../auth/scope.server";
import { clockNow, todayInShanghai } from "../utils/format";
import { recordAudit } from "./audit.server";
import { dueDateFor } from "./calendar.server";
import { endInclusiveOnCancellation, latestApplication, snapshotInclusive } from "./inclusive-status.server";
import { buildSnapshots } from "./overview.server";
import { ConflictError, NotFoundError, ValidationError } from "./errors";
import { cancelFilingSchema, returnFilingSchema, submitFilingSchema } from "./facilities.schemas";
import { loadFacility } from "./facilities.server";
import { actorContext, fieldErrorsOf } from "./users.server";

/** The two measures the filing checklist shows (RULES.md: filing.complete, staffing.compliant). */
export const FILING_MEASURES = ["filing.complete", "staffing.compliant"] as const;


/**
 * The rules snapshot of a facility's working copy (the operator's current data): the set-based builder
 * of the overview, for one facility, so a page and a batch always read the same facts.
 */
export async function buildSnapshot(db: Db, facility: FacilityRow, asOf = todayInShanghai()): Promise<Snapshot> {
  const snapshot = (await buildSnapshots(db, [facility.id], asOf)).get(facility.id);
  if (!snapshot) throw new NotFoundError("facility");
  return snapshot;
}

/** The live checklist: filing.complete and staffing.compliant on the given date. */
export function filingChecklist(snapshot: Snapshot, asOf = todayInShanghai()): Evaluation {
  return evaluate(snapshot, { asOf, measures: FILING_MEASURES });
}

export function checklistIsClear(evaluation: Evaluation): boolean {
  return evaluation.determinations.every((d) => d.status === "eligible");
}

/**
 * `checklistIsClear` of a stored evaluation, answered in SQL: a queue of hundreds of filings then reads
 * one boolean per row instead of each filing's whole evaluation (about 11 KB of JSON).
 */
function checklistIsClearSql(evaluation: typeof filings.evaluation): SQL<boolean> {
  return sql<boolean>`(NOT EXISTS (SELECT 1 FROM jsonb_array_elements(${evaluation}->'determinations') d WHERE d->>'status' IS DISTINCT FROM 'eligible'))`;
}

async function notify(tx: Db, organisationId: string, facilityId: string, filingId: string | null, kind: string, params: Record<string, unknown>) {
  await tx.insert(inboxMessages).values({ organisationId, facilityId, filingId, kind, params, createdAt: clockNow() });
}

// ---- operator: submit, change, cancel ----------------------------------------------------------------

/** Submits the initial filing (draft/returned) or a change request (filed). */
export async function submitFiling(db: Db, actor: Actor, facilityId: string, input: unknown): Promise<string> {
  assertPermission(actor, "submit:filing:own");
  const facility = await loadFacility(db, actor, facilityId);
  if (facility.organisationId !== actor.organisationId) throw new NotFoundError("facility");
  const parsed = submitFilingSchema.safeParse(input);
  if (!parsed.success) throw new ValidationError(fieldErrorsOf(parsed.error));
  const kind = facility.filingState === "filed" ? "change" : "initial";
  if (!["draft", "returned", "filed"].includes(facility.filingState)) throw new ConflictError("filing.filing.notSubmittable");
  const today = todayInShanghai();
  const snapshot = await buildSnapshot(db, facility, today);
  const evaluation = filingChecklist(snapshot, today);
  // submitting with unmet items is allowed only with an explanation; the reviewer sees both
  if (!checklistIsClear(evaluation) && (parsed.data.explanation?.length ?? 0) < 5) {
    throw new ValidationError({ explanation: "filing.filing.explanationRequired" });
  }
  const dueOn = await dueDateFor(db, today);
  return db.transaction(async (tx) => {
    const next = kind === "change" ? "change_submitted" : "submitted";
    const updated = await tx
      .update(facilities)
      .set({ filingState: next, updatedAt: clockNow() })
      .where(and(eq(facilities.id, facilityId), eq(facilities.filingState, facility.filingState)))
      .returning({ id: facilities.id });
    if (updated.length === 0) throw new ConflictError("filing.filing.changedMeanwhile");
    const [row] = await tx
      .insert(filings)
      .values({
        facilityId,
        kind,
        status: "submitted",
        submittedAt: clockNow(),
        submittedBy: actor.userId,
        dueOn,
        explanation: parsed.data.explanation ?? null,
        snapshot,
        evaluation,
        rulesVersion: evaluation.rulesVersion,
      })
      .returning({ id: filings.id });
    await recordAudit(tx, actorContext(actor), {
      action: kind === "change" ? "filing.change_submitted" : "filing.submitted",
      entityType: "filing",
      entityId: row?.id ?? null,
      jurisdictionCode: facility.jurisdictionCode,
      before: { filingState: facility.filingState },
      after: { filingState: next, dueOn, checklistClear: checklistIsClear(evaluation), explanation: parsed.data.explanation ?? null },
    });
    return row?.id ?? "";
  });
}

/** 注销: the operator cancels a filed facility, or a reviewer in scope does so with a reason. */
export async function cancelFiling(db: Db, actor: Actor, facilityId: string, input: unknown): Promise<void> {
  const facility = await loadFacility(db, actor, facilityId);
  const isOperator = actor.roles.includes("operator") && facility.organisationId === actor.organisationId;
  if (!isOperator) assertPermission(actor, "review:filing:jurisdiction");
  const parsed = cancelFilingSchema.safeParse(input);
  if (!parsed.success) throw new ValidationError(fieldErrorsOf(parsed.error));
  if (!["filed", "change_submitted"].includes(facility.filingState)) throw new ConflictError("filing.filing.notCancellable");
  const today = todayInShanghai();
  await db.transaction(async (tx) => {
    const updated = await tx
      .update(facilities)
      .set({ filingState: "cancelled", cancelledOn: today, updatedAt: clockNow() })
      .where(and(eq(facilities.id, facilityId), inArray(facilities.filingState, ["filed", "change_submitted"])))
      .returning({ id: facilities.id });
    if (updated.length === 0) throw new ConflictError("filing.filing.changedMeanwhile");
    // a pending change request ends with the facility
    await tx.update(filings).set({ status: "withdrawn", updatedAt: clockNow() }).where(and(eq(filings.facilityId, facilityId), eq(filings.status, "submitted")));
    const snapshot = await buildSnapshot(tx, { ...facility, filingState: "cancelled" }, today);
    const evaluation = filingChecklist(snapshot, today);
    const [row] = await tx
      .insert(filings)
      .values({
        facilityId,
        kind: "cancellation",
        status: "accepted",
        submittedAt: clockNow(),
        submittedBy: actor.userId,
        dueOn: today,
        explanation: parsed.data.reason,
        snapshot,
        evaluation,
        rulesVersion: evaluation.rulesVersion,
        decidedAt: clockNow(),
        decidedBy: actor.userId,
        decisionRulesVersion: evaluation.rulesVersion,
      })
      .returning({ id: filings.id });
    // the public directory no longer lists it; benefits that depend on filing end (the rules read
    // filing.status = cancelled from now on)
    await tx.delete(directoryEntries).where(eq(directoryEntries.facilityId, facilityId));
    await endInclusiveOnCancellation(tx, actorContext(actor), facility);
    if (!isOperator) await notify(tx, facility.organisationId, facilityId, row?.id ?? null, "filingCancelledByReviewer", { reason: parsed.data.reason });
    await recordAudit(tx, actorContext(actor), {
      action: "filing.cancelled",
      entityType: "facility",
      entityId: facilityId,
      jurisdictionCode: facility.jurisdictionCode,
      before: { filingState: facility.filingState },
      after: { filingState: "cancelled", reason: parsed.data.reason, by: isOperator ? "operator" : "reviewer" },
    });
  });
}

// ---- reviewer: queue, accept, return --------------------------------------------------------------

export type QueueItem = {
  filingId: string;
  facilityId: string;
  facilityName: string;
  organisationName: string;
  jurisdictionCode: string;
  kind: FilingRow["kind"];
  submittedAt: Date;
  dueOn: string;
  overdue: boolean;
  checklistClear: boolean;
};

/** Submitted filings of facilities within the reviewer's jurisdiction, oldest due date first. */
export async function reviewQueue(db: Db, actor: Actor, today = todayInShanghai()): Promise<QueueItem[]> {
  assertPermission(actor, "review:filing:jurisdiction");
  const scope = actor.jurisdictionCode ?? "";
  const rows = await db
    .select({
      filingId: filings.id,
      facilityId: facilities.id,
      facilityName: facilities.name,
      organisationName: organisations.name,
      jurisdictionCode: facilities.jurisdictionCode,
      kind: filings.kind,
      submittedAt: filings.submittedAt,
      dueOn: filings.dueOn,
      checklistClear: checklistIsClearSql(filings.evaluation),
    })
    .from(filings)
    .innerJoin(facilities, eq(facilities.id, filings.facilityId))
    .innerJoin(organisations, eq(organisations.id, facilities.organisationId))
    .where(and(eq(filings.status, "submitted"), withinJurisdiction(facilities.jurisdictionCode, scope)))
    // the id last: filings due and submitted at the same moment keep one order from request to request
    .orderBy(asc(filings.dueOn), asc(filings.submittedAt), asc(filings.id))
    .limit(500);
  return rows.map(({ checklistClear, ...r }) => ({ ...r, overdue: r.dueOn < today, checklistClear: Boolean(checklistClear) }));
}

/** A filing with its facility, for the reviewer in scope or the owning operator. */
export async function loadFiling(db: Db, actor: Actor, filingId: string) {
  if (!isUuid(filingId)) throw new NotFoundError("filing");
  const [filing] = await db.select().from(filings).where(eq(filings.id, filingId));
  if (!filing) throw new NotFoundError("filing");
  const facility = await loadFacility(db, actor, filing.facilityId);
  return { filing, facility };
}

function shanghaiYear(today: string): number {
  return Number(today.slice(0, 4));
}

/** Takes the next receipt number of a county and year inside the accepting transaction. */
async function nextReceiptNumber(tx: Db, jurisdictionCode: string, year: number): Promise<string> {
  const [row] = await tx
    .insert(receiptSequences)
    .values({ jurisdictionCode, year, lastValue: 1 })
    .onConflictDoUpdate({
      target: [receiptSequences.jurisdictionCode, receiptSequences.year],
      set: { lastValue: sql`${receiptSequences.lastValue} + 1`, updatedAt: clockNow() },
    })
    .returning({ lastValue: receiptSequences.lastValue });
  if (!row) throw new Error("receipt sequence");
  return `${jurisdictionCode}-${year}-${String(row.lastValue).padStart(5, "0")}`;
}

/**
 * Accepts a submitted filing or change. Exactly one of two concurrent decisions wins (the status update
 * is conditional); the receipt number comes from a locked counter, so numbers are unique and gapless.
 */
export async function acceptFiling(db: Db, actor: Actor, filingId: string): Promise<{ receiptNumber: string | null }> {
  assertPermission(actor, "review:filing:jurisdiction");
  const { filing, facility } = await loadFiling(db, actor, filingId);
  if (filing.status !== "submitted") throw new ConflictError("filing.filing.alreadyDecided");
  const today = todayInShanghai();
  return db.transaction(async (tx) => {
    const won = await tx
      .update(filings)
      .set({ status: "accepted", decidedAt: clockNow(), decidedBy: actor.userId, updatedAt: clockNow() })
      .where(and(eq(filings.id, filingId), eq(filings.status, "submitted")))
      .returning({ id: filings.id });
    if (won.length === 0) throw new ConflictError("filing.filing.alreadyDecided");
    const receiptNumber = filing.kind === "initial" ? await nextReceiptNumber(tx, facility.jurisdictionCode, shanghaiYear(today)) : facility.receiptNumber;
    const filedOn = filing.kind === "initial" ? today : (facility.filedOn ?? today);
    // the decision's own evaluation: the submitted snapshot, judged as filed on the decision date
    const snapshot = filing.snapshot as Snapshot;
    const decisionEvaluation = filingChecklist({ ...snapshot, filing: { status: "filed", filedOn } }, today);
    await tx
      .update(filings)
      .set({ receiptNumber, decisionRulesVersion: decisionEvaluation.rulesVersion, decisionEvaluation })
      .where(eq(filings.id, filingId));
    await tx.update(facilities).set({ filingState: "filed", receiptNumber, filedOn, updatedAt: clockNow() }).where(eq(facilities.id, facility.id));
    const [org] = await tx.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, facility.organisationId));
    const entry = {
      // editing is locked while a filing is under review, so the working copy is what was submitted
      name: facility.name,
      address: facility.address,
      jurisdictionCode: facility.jurisdictionCode,
      kind: snapshot.facility?.kind ?? null,
      serviceTypes: snapshot.facility?.serviceTypes ?? [],
      totalSlots: snapshot.facility?.totalSlots ?? null,
      receiptNumber: receiptNumber ?? "",
      filedOn,
      organisationName: org?.name ?? "",
      updatedAt: clockNow(),
    };
    await tx
      .insert(directoryEntries)
      .values({ facilityId: facility.id, ...entry })
      .onConflictDoUpdate({ target: directoryEntries.facilityId, set: entry });
    await notify(tx, facility.organisationId, facility.id, filingId, filing.kind === "initial" ? "filingAccepted" : "changeAccepted", { receiptNumber, facilityName: facility.name });
    await recordAudit(tx, actorContext(actor), {
      action: filing.kind === "initial" ? "filing.accepted" : "filing.change_accepted",
      entityType: "filing",
      entityId: filingId,
      jurisdictionCode: facility.jurisdictionCode,
      before: { status: "submitted" },
      after: { status: "accepted", receiptNumber, rulesVersion: decisionEvaluation.rulesVersion },
    });
    return { receiptNumber };
  });
}

/** Returns a filing for correction (补正) with per-item reasons; a change request is rejected instead. */
export async function returnFiling(db: Db, actor: Actor, filingId: string, input: unknown): Promise<void> {
  assertPermission(actor, "review:filing:jurisdiction");
  const { filing, facility } = await loadFiling(db, actor, filingId);
  const parsed = returnFilingSchema.safeParse(input);
  if (!parsed.success) throw new ValidationError(fieldErrorsOf(parsed.error));
  if (filing.status !== "submitted") throw new ConflictError("filing.filing.alreadyDecided");
  const status = filing.kind === "change" ? "rejected" : "returned";
  await db.transaction(async (tx) => {
    const won = await tx
      .update(filings)
      .set({ status, decidedAt: clockNow(), decidedBy: actor.userId, returnReasons: parsed.data.reasons, updatedAt: clockNow() })
      .where(and(eq(filings.id, filingId), eq(filings.status, "submitted")))
      .returning({ id: filings.id });
    if (won.length === 0) throw new ConflictError("filing.filing.alreadyDecided");
    // a rejected change leaves the filed data in force
    await tx
      .update(facilities)
      .set({ filingState: filing.kind === "change" ? "filed" : "returned", updatedAt: clockNow() })
      .where(eq(facilities.id, facility.id));
    await notify(tx, facility.organisationId, facility.id, filingId, filing.kind === "change" ? "changeRejected" : "filingReturned", {
      facilityName: facility.name,
      reasons: parsed.data.reasons,
    });
    await recordAudit(tx, actorContext(actor), {
      action: filing.kind === "change" ? "filing.change_rejected" : "filing.returned",
      entityType: "filing",
      entityId: filingId,
      jurisdictionCode: facility.jurisdictionCode,
      before: { status: "submitted" },
      after: { status, reasons: parsed.data.reasons },
    });
  });
}

/** Every filing of a facility, newest first (operator and reviewer in scope). */
export async function filingHistory(db: Db, actor: Actor, facilityId: string) {
  await loadFacility(db, actor, facilityId);
  return db
    .select({
      id: filings.id,
      kind: filings.kind,
      status: filings.status,
      submittedAt: filings.submittedAt,
      dueOn: filings.dueOn,
      decidedAt: filings.decidedAt,
      receiptNumber: filings.receiptNumber,
      explanation: filings.explanation,
      returnReasons: filings.returnReasons,
    })
    .from(filings)
    .where(eq(filings.facilityId, facilityId))
    .orderBy(desc(filings.submittedAt));
}

// ---- inbox -----------------------------------------------------------------------------------------

export async function inbox(db: Db, actor: Actor, limit = 20) {
  if (!actor.organisationId) return [];
  return db
    .select()
    .from(inboxMessages)
    .where(eq(inboxMessages.organisationId, actor.organisationId))
    .orderBy(desc(inboxMessages.createdAt))
    .limit(limit);
}

// ---- public directory ------------------------------------------------------------------------------

/**
 * Inclusive (普惠) on `today`: certified and valid, or inclusive without applying — a public operator,
 * or a toddler class of a public or inclusive-private kindergarten (DESIGN.md).
 */
function inclusiveNow(facilityId: AnyColumn | SQL, today: string): SQL<boolean> {
  return sql<boolean>`(EXISTS (SELECT 1 FROM inclusive_applications a WHERE a.facility_id = ${facilityId} AND a.status = 'certified' AND a.valid_from <= ${today} AND a.valid_until >= ${today})
    OR EXISTS (SELECT 1 FROM facilities f JOIN organisations o ON o.id = f.organisation_id WHERE f.id = ${facilityId}
      AND (o.ownership = 'public' OR (f.kind = 'kindergarten_class' AND f.kindergarten_ownership IN ('public', 'inclusive_private')))))`;
}

export type DirectoryQuery = { q?: string; county?: string; kind?: string; service?: string; page: number; pageSize: number };

/** Filed facilities for the public (no personal data): filters go into the WHERE clause. */
export async function searchDirectory(db: Db, query: DirectoryQuery) {
  const conditions: SQL[] = [];
  if (query.q) conditions.push(ilike(directoryEntries.name, `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`));
  if (query.county) conditions.push(withinJurisdiction(directoryEntries.jurisdictionCode, query.county));
  if (query.kind) conditions.push(eq(directoryEntries.kind, query.kind as never));
  if (query.service) conditions.push(sql`${query.service} = ANY(${directoryEntries.serviceTypes})`);
  // The page first, then "inclusive now" for its rows only: in one SELECT the two EXISTS probes ran for
  // every matching entry (a whole province) before the sort and LIMIT.
  const rows = await db
    .select({
      facilityId: directoryEntries.facilityId,
      name: directoryEntries.name,
      jurisdictionCode: directoryEntries.jurisdictionCode,
      jurisdictionZh: jurisdictions.nameZh,
      jurisdictionEn: jurisdictions.nameEn,
      kind: directoryEntries.kind,
      serviceTypes: directoryEntries.serviceTypes,
      totalSlots: directoryEntries.totalSlots,
      receiptNumber: directoryEntries.receiptNumber,
    })
    .from(directoryEntries)
    .innerJoin(jurisdictions, eq(jurisdictions.code, directoryEntries.jurisdictionCode))
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(asc(directoryEntries.name), asc(directoryEntries.facilityId))
    .limit(query.pageSize + 1)
    .offset((query.page - 1) * query.pageSize);
  const shown = rows.slice(0, query.pageSize);
  const inclusive = new Set<string>();
  if (shown.length) {
    // in the WHERE clause, where drizzle names the column with its table: in a one-table select list it
    // would write a bare "facility_id", which inside the EXISTS means inclusive_applications' own column
    const inclusiveRows = await db
      .select({ facilityId: directoryEntries.facilityId })
      .from(directoryEntries)
      .where(and(inArray(directoryEntries.facilityId, shown.map((r) => r.facilityId)), inclusiveNow(directoryEntries.facilityId, todayInShanghai())));
    for (const r of inclusiveRows) inclusive.add(r.facilityId);
  }
  return { rows: shown.map((r) => ({ ...r, inclusive: inclusive.has(r.facilityId) })), hasMore: rows.length > query.pageSize };
}

export async function directoryEntry(db: Db, facilityId: string) {
  if (!isUuid(facilityId)) throw new NotFoundError("facility");
  const [row] = await db
    .select({
      facilityId: directoryEntries.facilityId,
      name: directoryEntries.name,
      address: directoryEntries.address,
      organisationName: directoryEntries.organisationName,
      jurisdictionCode: directoryEntries.jurisdictionCode,
      jurisdictionZh: jurisdictions.nameZh,
      jurisdictionEn: jurisdictions.nameEn,
      kind: directoryEntries.kind,
      serviceTypes: directoryEntries.serviceTypes,
      totalSlots: directoryEntries.totalSlots,
      receiptNumber: directoryEntries.receiptNumber,
      filedOn: directoryEntries.filedOn,
      inclusive: inclusiveNow(directoryEntries.facilityId, todayInShanghai()),
    })
    .from(directoryEntries)
    .innerJoin(jurisdictions, eq(jurisdictions.code, directoryEntries.jurisdictionCode))
    .where(eq(directoryEntries.facilityId, facilityId));
  if (!row) throw new NotFoundError("facility");
  const today = todayInShanghai();
  const certified = snapshotInclusive(await latestApplication(db, facilityId), today);
  const fees = await db
    .select({ kind: feeDeclarations.kind, classType: feeDeclarations.classType, serviceType: feeDeclarations.serviceType, name: feeDeclarations.name, amountFen: feeDeclarations.amountFen, voluntary: feeDeclarations.voluntary })
    .from(feeDeclarations)
    .where(eq(feeDeclarations.facilityId, facilityId))
    .orderBy(asc(feeDeclarations.kind), asc(feeDeclarations.classType), asc(feeDeclarations.serviceType));
  return {
    ...row,
    inclusive: Boolean(row.inclusive),
    certifiedSlots: certified.status === "certified" ? (certified.certifiedSlots ?? null) : null,
    inclusiveUntil: certified.status === "certified" ? (certified.validUntil ?? null) : null,
    fees,
  };
}
