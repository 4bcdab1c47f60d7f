// Inclusive certification (普惠认定): the operator applies (filed facilities only) with the rules
// pre-check; a reviewer in scope takes it, records the site inspection, starts the public notice
// (inclusive.notice_days), rules on objections, then certifies (slots ≤ total slots, validity
// inclusive.validity_years) or rejects. Certified facilities can be revoked; certificates expire at the end
// of validity; a yearly review is due each year. Every decision stores the evaluation behind it.
import { and, asc, eq, inArray, lte, or, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../db/client";
import { isUuid } from "../utils/ids";
import {
  facilities,
  inclusiveApplications,
  jurisdictions,
  objections,
  organisations,
  receiptSequences,
  type FacilityRow,
  type InclusiveApplicationRow,
} from "../../db/schema";
import { addDays, addYears, isValidDate } from "../../rules/engine/dates";
import { evaluate, resolvedParameters, type Evaluation } from "../../rules/engine/evaluate";
import type { Snapshot } from "../../rules/snapshot";
import type { Actor } from "../auth/session.server";
import { assertPermission, requestIp } from "../auth/session.server";
import { withinJurisdiction } from "../auth/scope.server";
import { clockNow, todayInShanghai } from "../utils/format";
import { recordAudit } from "./audit.server";
import { issueCertificate } from "./certificates.server";
import { endCertificate, OPEN_STATUSES, latestApplication, snapshotInclusive } from "./inclusive-status.server";
import { ConflictError, NotFoundError, ValidationError } from "./errors";
import { loadFacility } from "./facilities.server";
import { buildSnapshot } from "./filing.server";
import { localParameters } from "./pricing.server";
import { hit } from "./rate-limit.server";
import { actorContext, fieldErrorsOf } from "./users.server";


function parameterNumber(jurisdiction: string, date: string, id: string, fallback: number): number {
  const p = resolvedParameters(jurisdiction, date).find((r) => r.id === id);
  return typeof p?.value === "number" ? p.value : fallback;
}

export function noticeDays(jurisdiction: string, date: string): number {
  return parameterNumber(jurisdiction, date, "inclusive.notice_days", 7);
}

export function validityYears(jurisdiction: string, date: string): number {
  return parameterNumber(jurisdiction, date, "inclusive.validity_years", 3);
}

/** The last day of a certification starting on `from`: the day before its anniversary (inclusive end). */
export function validUntilFor(from: string, years: number): string {
  return addDays(addYears(from, years), -1);
}

/** The rules' view of inclusive.certification for the facility on `today` (as if applying). */
export async function inclusivePrecheck(db: Db, facility: FacilityRow, today = todayInShanghai()): Promise<{ snapshot: Snapshot; evaluation: Evaluation }> {
  const snapshot = await buildSnapshot(db, facility, today);
  const asApplicant = { ...snapshot, inclusive: snapshot.inclusive?.status === "certified" ? snapshot.inclusive : { status: "applied" as const } };
  const evaluation = evaluate(asApplicant, { asOf: today, localParameters: await localParameters(db), measures: ["inclusive.certification", "pricing.guided_price", "kindergarten.inclusive_toddler_class"] });
  return { snapshot: asApplicant, evaluation };
}

// ---- operator --------------------------------------------------------------------------------------

export const applySchema = z.object({
  requestedSlots: z.preprocess((v) => (v === "" || v === undefined ? undefined : Number(v)), z.number({ error: "filing.validation.count" }).int({ error: "filing.validation.count" }).min(1, { error: "filing.validation.count" }).optional()),
});

export async function applyForInclusive(db: Db, actor: Actor, facilityId: string, input: unknown): Promise<string> {
  assertPermission(actor, "submit:filing:own");
  const facility = await loadFacility(db, actor, facilityId);
  if (facility.organisationId !== actor.organisationId) throw new NotFoundError("facility");
  const parsed = applySchema.safeParse(input);
  if (!parsed.success) throw new ValidationError(fieldErrorsOf(parsed.error));
  // only filed facilities may apply (备案 first)
  if (!["filed", "change_submitted"].includes(facility.filingState)) throw new ConflictError("certification.notFiled");
  if (parsed.data.requestedSlots !== undefined && facility.totalSlots !== null && parsed.data.requestedSlots > facility.totalSlots) {
    throw new ValidationError({ requestedSlots: "certification.slotsAboveTotal" });
  }
  const current = await latestApplication(db, facilityId);
  if (current && ((OPEN_STATUSES as readonly string[]).includes(current.status) || (current.status === "certified" && snapshotInclusive(current, todayInShanghai()).status === "certified"))) {
    throw new ConflictError("certification.alreadyOpen");
  }
  const { evaluation } = await inclusivePrecheck(db, facility);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(inclusiveApplications)
      .values({ facilityId, status: "applied", appliedAt: clockNow(), appliedBy: actor.userId, requestedSlots: parsed.data.requestedSlots ?? null, precheck: evaluation })
      .returning({ id: inclusiveApplications.id });
    await recordAudit(tx, actorContext(actor), {
      action: "inclusive.applied",
      entityType: "inclusive_application",
      entityId: row?.id ?? null,
      jurisdictionCode: facility.jurisdictionCode,
      after: { facilityId, requestedSlots: parsed.data.requestedSlots ?? null, rulesVersion: evaluation.rulesVersion },
    });
    return row?.id ?? "";
  });
}

// ---- reviewer --------------------------------------------------------------------------------------

async function loadApplication(db: Db, actor: Actor, applicationId: string) {
  if (!isUuid(applicationId)) throw new NotFoundError("application");
  const [app] = await db.select().from(inclusiveApplications).where(eq(inclusiveApplications.id, applicationId));
  if (!app) throw new NotFoundError("application");
  const facility = await loadFacility(db, actor, app.facilityId);
  return { app, facility };
}

export async function applicationForViewer(db: Db, actor: Actor, applicationId: string) {
  const { app, facility } = await loadApplication(db, actor, applicationId);
  const objectionRows = await db.select().from(objections).where(eq(objections.applicationId, applicationId)).orderBy(asc(objections.createdAt));
  return { app, facility, objections: objectionRows };
}

/** Moves an application from `from` to a new state, refusing when someone else moved it first. */
async function transition(
  db: Db,
  actor: Actor,
  applicationId: string,
  from: readonly InclusiveApplicationRow["status"][],
  action: string,
  change: (app: InclusiveApplicationRow, facility: FacilityRow, tx: Db) => Promise<Partial<typeof inclusiveApplications.$inferInsert>>,
): Promise<void> {
  assertPermission(actor, "review:filing:jurisdiction");
  const { app, facility } = await loadApplication(db, actor, applicationId);
  if (!from.includes(app.status)) throw new ConflictError("certification.wrongState");
  await db.transaction(async (tx) => {
    const values = await change(app, facility, tx);
    const moved = await tx
      .update(inclusiveApplications)
      .set({ ...values, updatedAt: clockNow() })
      .where(and(eq(inclusiveApplications.id, applicationId), inArray(inclusiveApplications.status, [...from])))
      .returning({ id: inclusiveApplications.id });
    if (moved.length === 0) throw new ConflictError("certification.wrongState");
    await recordAudit(tx, actorContext(actor), {
      action,
      entityType: "inclusive_application",
      entityId: applicationId,
      jurisdictionCode: facility.jurisdictionCode,
      before: { status: app.status },
      after: values as Record<string, unknown>,
    });
  });
}

export async function takeApplication(db: Db, actor: Actor, applicationId: string): Promise<void> {
  await transition(db, actor, applicationId, ["applied"], "inclusive.taken", async () => ({ status: "under_review", reviewerId: actor.userId }));
}

export const inspectionSchema = z.object({
  inspectionOn: z.string({ error: "filing.validation.date" }).refine(isValidDate, { error: "filing.validation.date" }),
  findings: z.string({ error: "validation.required" }).trim().min(1, { error: "validation.required" }).max(2000, { error: "validation.tooLong" }),
  passed: z.enum(["true", "false"], { error: "filing.validation.choice" }),
});

export async function recordInspection(db: Db, actor: Actor, applicationId: string, input: unknown): Promise<void> {
  const parsed = inspectionSchema.safeParse(input);
  if (!parsed.success) throw new ValidationError(fieldErrorsOf(parsed.error));
  if (parsed.data.inspectionOn > todayInShanghai()) throw new ValidationError({ inspectionOn: "certification.inspectionInFuture" });
  await transition(db, actor, applicationId, ["under_review"], "inclusive.inspected", async () => ({
    inspectionOn: parsed.data.inspectionOn,
    inspectionFindings: parsed.data.findings,
    inspectionPassed: parsed.data.passed === "true",
  }));
}

export async function startNotice(db: Db, actor: Actor, applicationId: string): Promise<void> {
  const today = todayInShanghai();
  await transition(db, actor, applicationId, ["under_review"], "inclusive.notice_started", async (app, facility) => {
    if (app.inspectionPassed !== true) throw new ConflictError("certification.inspectionFirst");
    return { status: "public_notice", noticeStartsOn: today, noticeEndsOn: addDays(today, noticeDays(facility.jurisdictionCode, today) - 1) };
  });
}

/** After an upheld objection the reviewer may extend the notice by a full period from today. */
export async function extendNotice(db: Db, actor: Actor, applicationId: string): Promise<void> {
  const today = todayInShanghai();
  await transition(db, actor, applicationId, ["public_notice"], "inclusive.notice_extended", async (_app, facility) => ({
    noticeEndsOn: addDays(today, noticeDays(facility.jurisdictionCode, today) - 1),
  }));
}

export const rulingSchema = z.object({
  ruling: z.enum(["dismissed", "upheld"], { error: "filing.validation.choice" }),
  note: z.string({ error: "validation.required" }).trim().min(1, { error: "validation.required" }).max(2000, { error: "validation.tooLong" }),
});

export async function ruleOnObjection(db: Db, actor: Actor, objectionId: string, input: unknown): Promise<void> {
  assertPermission(actor, "review:filing:jurisdiction");
  const parsed = rulingSchema.safeParse(input);
  if (!parsed.success) throw new ValidationError(fieldErrorsOf(parsed.error));
  if (!isUuid(objectionId)) throw new NotFoundError("objection");
  const [objection] = await db.select().from(objections).where(eq(objections.id, objectionId));
  if (!objection) throw new NotFoundError("objection");
  const { app, facility } = await loadApplication(db, actor, objection.applicationId);
  if (objection.ruling !== "pending") throw new ConflictError("certification.alreadyRuled");
  // objections are ruled on during the notice; after the decision they stay as recorded
  if (app.status !== "public_notice") throw new ConflictError("certification.wrongState");
  await db.transaction(async (tx) => {
    await tx
      .update(objections)
      .set({ ruling: parsed.data.ruling, rulingNote: parsed.data.note, ruledBy: actor.userId, ruledAt: clockNow(), updatedAt: clockNow() })
      .where(eq(objections.id, objectionId));
    await recordAudit(tx, actorContext(actor), {
      action: "objection.ruled",
      entityType: "objection",
      entityId: objectionId,
      jurisdictionCode: facility.jurisdictionCode,
      before: { ruling: "pending" },
      after: parsed.data,
    });
  });
}

export const certifySchema = z.object({
  certifiedSlots: z.preprocess((v) => (v === "" || v === undefined ? undefined : Number(v)), z.number({ error: "filing.validation.count" }).int({ error: "filing.validation.count" }).min(1, { error: "filing.validation.count" })),
});

/** 认定: after the notice period, with every objection ruled on and the rules' pre-check eligible. */
export async function certify(db: Db, actor: Actor, applicationId: string, input: unknown): Promise<{ certificateId: string; number: string }> {
  assertPermission(actor, "review:filing:jurisdiction");
  const parsed = certifySchema.safeParse(input);
  if (!parsed.success) throw new ValidationError(fieldErrorsOf(parsed.error));
  const { app, facility } = await loadApplication(db, actor, applicationId);
  if (app.status !== "public_notice") throw new ConflictError("certification.wrongState");
  const today = todayInShanghai();
  if (!app.noticeEndsOn || today <= app.noticeEndsOn) throw new ConflictError("certification.noticeRunning");
  const pending = await db.select({ id: objections.id }).from(objections).where(and(eq(objections.applicationId, applicationId), eq(objections.ruling, "pending")));
  if (pending.length > 0) throw new ConflictError("certification.objectionsPending");
  if (facility.totalSlots === null || parsed.data.certifiedSlots > facility.totalSlots) throw new ValidationError({ certifiedSlots: "certification.slotsAboveTotal" });
  const { snapshot, evaluation } = await inclusivePrecheck(db, facility, today);
  const determination = evaluation.determinations.find((d) => d.measure === "inclusive.certification");
  if (determination?.status !== "eligible") throw new ConflictError("certification.notEligible");
  const validFrom = today;
  const validUntil = validUntilFor(validFrom, validityYears(facility.jurisdictionCode, today));
  const [org] = await db.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, facility.organisationId));
  const [j] = await db.select({ nameZh: jurisdictions.nameZh }).from(jurisdictions).where(eq(jurisdictions.code, facility.jurisdictionCode));
  return db.transaction(async (tx) => {
    const moved = await tx
      .update(inclusiveApplications)
      .set({ status: "certified", updatedAt: clockNow() })
      .where(and(eq(inclusiveApplications.id, applicationId), eq(inclusiveApplications.status, "public_notice")))
      .returning({ id: inclusiveApplications.id });
    if (moved.length === 0) throw new ConflictError("certification.wrongState");
    const year = Number(today.slice(0, 4));
    const [seq] = await tx
      .insert(receiptSequences)
      .values({ jurisdictionCode: `inclusive:${facility.jurisdictionCode}`, year, lastValue: 1 })
      .onConflictDoUpdate({ target: [receiptSequences.jurisdictionCode, receiptSequences.year], set: { lastValue: sql`${receiptSequences.lastValue} + 1`, updatedAt: clockNow() } })
      .returning({ lastValue: receiptSequences.lastValue });
    const number = `${facility.jurisdictionCode}-PH-${year}-${String(seq?.lastValue ?? 1).padStart(4, "0")}`;
    const certificate = await issueCertificate(tx, actorContext(actor), {
      kind: "inclusive_certificate",
      number,
      facilityId: facility.id,
      issuedOn: today,
      validFrom,
      validUntil,
      issuedBy: actor.userId,
      jurisdictionCode: facility.jurisdictionCode,
      payload: {
        lines: [
          { label: "举办者", value: org?.name ?? "" },
          { label: "所在地", value: j?.nameZh ?? facility.jurisdictionCode },
          { label: "备案回执编号", value: facility.receiptNumber ?? "" },
          { label: "普惠托位数", value: String(parsed.data.certifiedSlots) },
          { label: "托位总数", value: String(facility.totalSlots) },
        ],
        clauses: ["发改价格〔2024〕1477号", "蚌埠市若干举措 第7条 / 阿拉尔市实施方案 第15条"],
        certifiedSlots: parsed.data.certifiedSlots,
      },
    });
    await tx
      .update(inclusiveApplications)
      .set({
        certifiedSlots: parsed.data.certifiedSlots,
        validFrom,
        validUntil,
        certificateId: certificate.id,
        decisionSnapshot: snapshot,
        decisionEvaluation: evaluation,
        decisionRulesVersion: evaluation.rulesVersion,
        decidedBy: actor.userId,
        decidedAt: clockNow(),
        lastReviewedOn: today,
      })
      .where(eq(inclusiveApplications.id, applicationId));
    await recordAudit(tx, actorContext(actor), {
      action: "inclusive.certified",
      entityType: "inclusive_application",
      entityId: applicationId,
      jurisdictionCode: facility.jurisdictionCode,
      before: { status: "public_notice" },
      after: { status: "certified", certifiedSlots: parsed.data.certifiedSlots, validFrom, validUntil, number, rulesVersion: evaluation.rulesVersion },
    });
    return { certificateId: certificate.id, number };
  });
}

export const reasonSchema = z.object({ reason: z.string({ error: "validation.required" }).trim().min(1, { error: "validation.required" }).max(2000, { error: "validation.tooLong" }) });

export async function rejectApplication(db: Db, actor: Actor, applicationId: string, input: unknown): Promise<void> {
  const parsed = reasonSchema.safeParse(input);
  if (!parsed.success) throw new ValidationError(fieldErrorsOf(parsed.error));
  await transition(db, actor, applicationId, ["applied", "under_review", "public_notice"], "inclusive.rejected", async (_app, facility, tx) => {
    const { snapshot, evaluation } = await inclusivePrecheck(tx, facility);
    return { status: "rejected", reasons: parsed.data.reason, decidedBy: actor.userId, decidedAt: clockNow(), decisionSnapshot: snapshot, decisionEvaluation: evaluation, decisionRulesVersion: evaluation.rulesVersion };
  });
}

export async function revokeCertification(db: Db, actor: Actor, applicationId: string, input: unknown): Promise<void> {
  const parsed = reasonSchema.safeParse(input);
  if (!parsed.success) throw new ValidationError(fieldErrorsOf(parsed.error));
  await transition(db, actor, applicationId, ["certified"], "inclusive.revoked", async (app, facility, tx) => {
    await endCertificate(tx, actorContext(actor), app.certificateId, parsed.data.reason, facility.jurisdictionCode);
    const { snapshot, evaluation } = await inclusivePrecheck(tx, facility);
    return { status: "revoked", reasons: parsed.data.reason, decidedBy: actor.userId, decidedAt: clockNow(), decisionSnapshot: snapshot, decisionEvaluation: evaluation, decisionRulesVersion: evaluation.rulesVersion };
  });
}

export const yearlyReviewSchema = z.object({
  outcome: z.enum(["continue", "revoke"], { error: "filing.validation.choice" }),
  note: z.string({ error: "validation.required" }).trim().min(1, { error: "validation.required" }).max(2000, { error: "validation.tooLong" }),
});

/** The yearly review ends in "continue" (recorded) or revocation. */
export async function yearlyReview(db: Db, actor: Actor, applicationId: string, input: unknown): Promise<void> {
  const parsed = yearlyReviewSchema.safeParse(input);
  if (!parsed.success) throw new ValidationError(fieldErrorsOf(parsed.error));
  if (parsed.data.outcome === "revoke") return revokeCertification(db, actor, applicationId, { reason: parsed.data.note });
  const today = todayInShanghai();
  await transition(db, actor, applicationId, ["certified"], "inclusive.yearly_review", async () => ({ lastReviewedOn: today, reasons: parsed.data.note }));
}

/**
 * Marks certifications whose validity ended as expired (the certificate itself reads as expired from
 * its dates). Run from the reviewer's pages; idempotent.
 */
export async function expireCertifications(db: Db, today = todayInShanghai()): Promise<number> {
  const rows = await db
    .update(inclusiveApplications)
    .set({ status: "expired", updatedAt: clockNow() })
    .where(and(eq(inclusiveApplications.status, "certified"), sql`${inclusiveApplications.validUntil} < ${today}`))
    .returning({ id: inclusiveApplications.id });
  return rows.length;
}

/** The reviewer's certification work in scope: open applications and certifications due a yearly review. */
export async function certificationQueue(db: Db, actor: Actor, today = todayInShanghai()) {
  assertPermission(actor, "review:filing:jurisdiction");
  await expireCertifications(db, today);
  const scope = actor.jurisdictionCode ?? "";
  const reviewDueBefore = addDays(addYears(today, -1), 30);
  const rows = await db
    .select({
      // what the queue shows — not the whole row, whose precheck alone is about 18 KB of JSON
      app: {
        id: inclusiveApplications.id,
        status: inclusiveApplications.status,
        appliedAt: inclusiveApplications.appliedAt,
        noticeStartsOn: inclusiveApplications.noticeStartsOn,
        noticeEndsOn: inclusiveApplications.noticeEndsOn,
        lastReviewedOn: inclusiveApplications.lastReviewedOn,
      },
      facilityName: facilities.name,
      jurisdictionCode: facilities.jurisdictionCode,
    })
    .from(inclusiveApplications)
    .innerJoin(facilities, eq(facilities.id, inclusiveApplications.facilityId))
    .where(
      and(
        withinJurisdiction(facilities.jurisdictionCode, scope),
        or(
          inArray(inclusiveApplications.status, [...OPEN_STATUSES]),
          and(eq(inclusiveApplications.status, "certified"), lte(inclusiveApplications.lastReviewedOn, reviewDueBefore)),
        ),
      ),
    )
    // the id last: applications made at the same moment keep one order from request to request
    .orderBy(asc(inclusiveApplications.appliedAt), asc(inclusiveApplications.id))
    .limit(500);
  return rows.map((r) => ({ ...r, reviewDue: r.app.status === "certified" }));
}

// ---- public notice and objections --------------------------------------------------------------------

/** Facilities in public notice now (public page). */
export async function currentNotices(db: Db, today = todayInShanghai()) {
  return db
    .select({
      applicationId: inclusiveApplications.id,
      facilityId: facilities.id,
      facilityName: facilities.name,
      address: facilities.address,
      jurisdictionCode: facilities.jurisdictionCode,
      jurisdictionZh: jurisdictions.nameZh,
      jurisdictionEn: jurisdictions.nameEn,
      totalSlots: facilities.totalSlots,
      requestedSlots: inclusiveApplications.requestedSlots,
      noticeStartsOn: inclusiveApplications.noticeStartsOn,
      noticeEndsOn: inclusiveApplications.noticeEndsOn,
    })
    .from(inclusiveApplications)
    .innerJoin(facilities, eq(facilities.id, inclusiveApplications.facilityId))
    .innerJoin(jurisdictions, eq(jurisdictions.code, facilities.jurisdictionCode))
    .where(and(eq(inclusiveApplications.status, "public_notice"), sql`${inclusiveApplications.noticeEndsOn} >= ${today}`))
    .orderBy(asc(inclusiveApplications.noticeEndsOn));
}

export const objectionSchema = z.object({
  content: z.string({ error: "validation.required" }).trim().min(10, { error: "certification.objectionTooShort" }).max(2000, { error: "validation.tooLong" }),
  contact: z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), z.string().trim().max(100, { error: "validation.tooLong" }).optional()),
});

// anyone may object, a few times an hour per address
export const OBJECTION_LIMIT = { limit: 5, windowMs: 60 * 60_000, blockMs: 60 * 60_000 };

/** Anyone may lodge an objection during the notice (no login; rate-limited per address; validated). */
export async function lodgeObjection(db: Db, request: Request, applicationId: string, input: unknown): Promise<void> {
  const parsed = objectionSchema.safeParse(input);
  if (!parsed.success) throw new ValidationError(fieldErrorsOf(parsed.error));
  if (!isUuid(applicationId)) throw new NotFoundError("application");
  const today = todayInShanghai();
  const [app] = await db.select().from(inclusiveApplications).where(eq(inclusiveApplications.id, applicationId));
  if (!app || app.status !== "public_notice" || !app.noticeEndsOn || app.noticeEndsOn < today) throw new NotFoundError("notice");
  const [facility] = await db.select({ code: facilities.jurisdictionCode }).from(facilities).where(eq(facilities.id, app.facilityId));
  const ip = requestIp(request) ?? "unknown";
  if (await hit(db, `objection:ip:${ip}`, OBJECTION_LIMIT)) {
    throw new ValidationError({ content: "certification.tooManyObjections" });
  }
  await db.transaction(async (tx) => {
    const [row] = await tx.insert(objections).values({ applicationId, content: parsed.data.content, contact: parsed.data.contact ?? null, ip }).returning({ id: objections.id });
    await recordAudit(tx, { actorUserId: null, actorLabel: "public", ip, userAgent: request.headers.get("user-agent") }, {
      action: "objection.lodged",
      entityType: "objection",
      entityId: row?.id ?? null,
      jurisdictionCode: facility?.code ?? null,
      after: { applicationId, length: parsed.data.content.length },
    });
  });
}

