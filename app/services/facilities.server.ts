// The operator's side of registration: organisation details, facilities (working copy), classes,
// staff with encrypted ID numbers and qualifications, and uploaded documents. Every mutation: scope
// (own organisation) → zod parse → one transaction → writes → audit row.
import { and, asc, desc, eq, inArray, isNotNull, lte, ne, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { isUuid } from "../utils/ids";
import {
  documents,
  facilities,
  facilityClasses,
  jurisdictions,
  organisations,
  staffMembers,
  staffQualifications,
  type DocumentRow,
  type FacilityRow,
} from "../../db/schema";
import { addDays } from "../../rules/engine/dates";
import type { Actor } from "../auth/session.server";
import { assertPermission } from "../auth/session.server";
import { isWithinJurisdiction, requireWithinScope, withinJurisdiction } from "../auth/scope.server";
import { maskIdNumber } from "../utils/mask";
import { decryptIdNumber, encryptIdNumber, idNumberHmac } from "../utils/personal-id.server";
import { clockNow, todayInShanghai } from "../utils/format";
import { changedFields, recordAudit } from "./audit.server";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "./errors";
import {
  classSchema,
  documentSchema,
  facilitySchema,
  organisationSchema,
  programmeProfileSchema,
  qualificationSchema,
  staffSchema,
  staffUpdateSchema,
} from "./facilities.schemas";
import { checkUpload, defaultStorage, type FileStorage } from "./storage.server";
import { actorContext, fieldErrorsOf } from "./users.server";
import type { z } from "zod";

/** Facility states in which the operator may edit the working copy. */
const EDITABLE = new Set<FacilityRow["filingState"]>(["draft", "returned", "filed"]);

function parse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new ValidationError(fieldErrorsOf(parsed.error));
  return parsed.data;
}

function operatorOrganisation(actor: Actor): string {
  assertPermission(actor, "update:facility:own");
  if (!actor.organisationId) throw new ForbiddenError("organisation", "scope");
  return actor.organisationId;
}

// ---- organisation ----------------------------------------------------------------------------------

export async function getOwnOrganisation(db: Db, actor: Actor) {
  const orgId = operatorOrganisation(actor);
  const [org] = await db.select().from(organisations).where(eq(organisations.id, orgId));
  if (!org) throw new NotFoundError("organisation");
  return org;
}

export async function saveOrganisation(db: Db, actor: Actor, input: unknown): Promise<void> {
  const orgId = operatorOrganisation(actor);
  const v = parse(organisationSchema, input);
  await assertKnownJurisdiction(db, v.jurisdictionCode, "jurisdictionCode");
  const before = await getOwnOrganisation(db, actor);
  const values = {
    name: v.name,
    uscc: v.uscc,
    legalForm: v.legalForm ?? null,
    ownership: v.ownership ?? null,
    businessScopeIncludesChildcare: v.businessScopeIncludesChildcare ?? null,
    address: v.address ?? null,
    contactName: v.contactName ?? null,
    contactPhone: v.contactPhone ?? null,
    jurisdictionCode: v.jurisdictionCode,
  };
  await db.transaction(async (tx) => {
    await tx.update(organisations).set({ ...values, updatedAt: clockNow() }).where(eq(organisations.id, orgId));
    const diff = changedFields(pick(before, Object.keys(values)), values);
    await recordAudit(tx, actorContext(actor), {
      action: "organisation.updated",
      entityType: "organisation",
      entityId: orgId,
      jurisdictionCode: v.jurisdictionCode,
      ...diff,
    });
  });
}

async function assertKnownJurisdiction(db: Db, code: string, field: string) {
  const [j] = await db.select({ code: jurisdictions.code }).from(jurisdictions).where(eq(jurisdictions.code, code));
  if (!j) throw new ValidationError({ [field]: "filing.facility.jurisdictionUnknown" });
}

function pick(row: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.map((k) => [k, row[k] ?? null]));
}

// ---- facilities ------------------------------------------------------------------------------------

/** A facility the actor may see: the operator's own, or one in a staff member's jurisdiction. */
export async function loadFacility(db: Db, actor: Actor, facilityId: string): Promise<FacilityRow> {
  if (!isUuid(facilityId)) throw new NotFoundError("facility");
  const [facility] = await db.select().from(facilities).where(eq(facilities.id, facilityId));
  if (!facility) throw new NotFoundError("facility");
  if (actor.organisationId && facility.organisationId === actor.organisationId && actor.roles.includes("operator")) return facility;
  if (actor.jurisdictionCode && actor.roles.includes("reviewer") && (await isWithinJurisdiction(db, facility.jurisdictionCode, actor.jurisdictionCode))) {
    return facility;
  }
  throw new ForbiddenError("facility", "scope");
}

async function loadOwnFacility(db: Db, actor: Actor, facilityId: string, options: { editable?: boolean } = {}): Promise<FacilityRow> {
  const orgId = operatorOrganisation(actor);
  const facility = await loadFacility(db, actor, facilityId);
  if (facility.organisationId !== orgId) throw new ForbiddenError("facility", "scope");
  if (options.editable && !EDITABLE.has(facility.filingState)) throw new ConflictError("filing.facility.notEditable");
  return facility;
}

export async function listOwnFacilities(db: Db, actor: Actor) {
  const orgId = operatorOrganisation(actor);
  return db.select().from(facilities).where(eq(facilities.organisationId, orgId)).orderBy(asc(facilities.createdAt));
}

function facilityValues(v: z.output<typeof facilitySchema>) {
  return {
    name: v.name,
    address: v.address ?? null,
    jurisdictionCode: v.jurisdictionCode,
    kind: v.kind ?? null,
    serviceTypes: v.serviceTypes,
    totalSlots: v.totalSlots ?? null,
    openedOn: v.openedOn ?? null,
    mealsProvided: v.mealsProvided ?? null,
    premisesTenure: v.premisesTenure ?? null,
    leaseStartsOn: v.premisesTenure === "owned" ? null : (v.leaseStartsOn ?? null),
    leaseEndsOn: v.premisesTenure === "owned" ? null : (v.leaseEndsOn ?? null),
    premisesStateOwned: v.premisesStateOwned ?? null,
    employerName: v.kind === "employer_run" ? (v.employerName ?? null) : null,
    employerMainlyForOwnEmployees: v.kind === "employer_run" ? (v.employerMainlyForOwnEmployees ?? null) : null,
    employerOpenToOtherEmployers: v.kind === "employer_run" ? (v.employerOpenToOtherEmployers ?? null) : null,
    // the rest of the programme profile is edited on its own page; a facility that stops being
    // employer-run loses it (absent keys leave the stored profile alone)
    ...(v.kind === "employer_run" ? {} : CLEARED_PROGRAMME_PROFILE),
    kindergartenOwnership: v.kind === "kindergarten_class" ? (v.kindergartenOwnership ?? null) : null,
  };
}

const CLEARED_PROGRAMME_PROFILE = {
  employerUscc: null,
  employerParkName: null,
  employerOpenToResidents: null,
  employerReservedSlots: null,
  employerContactName: null,
  employerContactPhone: null,
};

export async function createFacility(db: Db, actor: Actor, input: unknown): Promise<string> {
  const orgId = operatorOrganisation(actor);
  const v = parse(facilitySchema, input);
  await assertKnownJurisdiction(db, v.jurisdictionCode, "jurisdictionCode");
  const values = facilityValues(v);
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(facilities).values({ ...values, organisationId: orgId }).returning({ id: facilities.id });
    if (!row) throw new Error("insert failed");
    await recordAudit(tx, actorContext(actor), {
      action: "facility.created",
      entityType: "facility",
      entityId: row.id,
      jurisdictionCode: v.jurisdictionCode,
      after: values,
    });
    return row.id;
  });
}

export async function updateFacility(db: Db, actor: Actor, facilityId: string, input: unknown): Promise<void> {
  const facility = await loadOwnFacility(db, actor, facilityId, { editable: true });
  const v = parse(facilitySchema, input);
  await assertKnownJurisdiction(db, v.jurisdictionCode, "jurisdictionCode");
  // a filed facility stays with its health commission; moving county means cancelling and filing anew
  if (facility.filingState === "filed" && v.jurisdictionCode !== facility.jurisdictionCode) {
    throw new ValidationError({ jurisdictionCode: "filing.facility.jurisdictionFixed" });
  }
  const values = facilityValues(v);
  const classes = await db.select().from(facilityClasses).where(eq(facilityClasses.facilityId, facilityId));
  const capacity = classes.reduce((sum, c) => sum + c.capacity, 0);
  if (values.totalSlots !== null && capacity > values.totalSlots) throw new ValidationError({ totalSlots: "filing.facility.slotsBelowCapacity" });
  await db.transaction(async (tx) => {
    await tx.update(facilities).set({ ...values, updatedAt: clockNow() }).where(eq(facilities.id, facilityId));
    await recordAudit(tx, actorContext(actor), {
      action: "facility.updated",
      entityType: "facility",
      entityId: facilityId,
      jurisdictionCode: v.jurisdictionCode,
      ...changedFields(pick(facility, Object.keys(values)), values),
    });
  });
}

// ---- employer-run programme profile ----------------------------------------------------------------

/**
 * The operator's programme profile of an employer_run facility (用人单位办托). It is part of the working
 * copy, so it follows the working copy's rule: locked while a filing or change is under review.
 */
export async function saveProgrammeProfile(db: Db, actor: Actor, facilityId: string, input: unknown): Promise<void> {
  const facility = await loadOwnFacility(db, actor, facilityId, { editable: true });
  if (facility.kind !== "employer_run") throw new ConflictError("union.profile.notEmployerRun");
  const v = parse(programmeProfileSchema, input);
  if (v.employerReservedSlots !== undefined && facility.totalSlots !== null && v.employerReservedSlots > facility.totalSlots) {
    throw new ValidationError({ employerReservedSlots: "union.validation.reservedAboveSlots" });
  }
  const values = {
    employerName: v.employerName,
    employerUscc: v.employerUscc,
    employerParkName: v.employerParkName ?? null,
    employerMainlyForOwnEmployees: v.employerMainlyForOwnEmployees ?? null,
    employerOpenToOtherEmployers: v.employerOpenToOtherEmployers ?? null,
    employerOpenToResidents: v.employerOpenToResidents ?? null,
    employerReservedSlots: v.employerReservedSlots ?? null,
    employerContactName: v.employerContactName ?? null,
    employerContactPhone: v.employerContactPhone ?? null,
  };
  await db.transaction(async (tx) => {
    const updated = await tx
      .update(facilities)
      .set({ ...values, updatedAt: clockNow() })
      .where(and(eq(facilities.id, facilityId), eq(facilities.filingState, facility.filingState), eq(facilities.kind, "employer_run")))
      .returning({ id: facilities.id });
    if (updated.length === 0) throw new ConflictError("filing.filing.changedMeanwhile");
    await recordAudit(tx, actorContext(actor), {
      action: "programme.profile_updated",
      entityType: "facility",
      entityId: facilityId,
      jurisdictionCode: facility.jurisdictionCode,
      ...changedFields(pick(facility, Object.keys(values)), values),
    });
  });
}

// ---- classes ---------------------------------------------------------------------------------------

export async function saveClass(db: Db, actor: Actor, facilityId: string, classId: string | null, input: unknown): Promise<string> {
  const facility = await loadOwnFacility(db, actor, facilityId, { editable: true });
  const v = parse(classSchema, input);
  const others = await db.select().from(facilityClasses).where(eq(facilityClasses.facilityId, facilityId));
  const existing = classId ? others.find((c) => c.id === classId) : undefined;
  if (classId && !existing) throw new NotFoundError("class");
  const capacity = others.filter((c) => c.id !== classId).reduce((sum, c) => sum + c.capacity, 0) + v.capacity;
  if (facility.totalSlots !== null && capacity > facility.totalSlots) throw new ValidationError({ capacity: "filing.class.capacityAboveSlots" });
  const values = { name: v.name ?? null, type: v.type, capacity: v.capacity, enrolled: v.enrolled, caregivers: v.caregivers, youngestAgeMonths: v.youngestAgeMonths ?? null };
  return db.transaction(async (tx) => {
    let id = classId;
    if (existing && classId) {
      await tx.update(facilityClasses).set({ ...values, updatedAt: clockNow() }).where(eq(facilityClasses.id, classId));
    } else {
      const [row] = await tx.insert(facilityClasses).values({ ...values, facilityId }).returning({ id: facilityClasses.id });
      id = row?.id ?? null;
    }
    await recordAudit(tx, actorContext(actor), {
      action: existing ? "class.updated" : "class.created",
      entityType: "facility_class",
      entityId: id,
      jurisdictionCode: facility.jurisdictionCode,
      ...(existing ? changedFields(pick(existing, Object.keys(values)), values) : { after: { facilityId, ...values } }),
    });
    return id ?? "";
  });
}

export async function removeClass(db: Db, actor: Actor, facilityId: string, classId: string): Promise<void> {
  const facility = await loadOwnFacility(db, actor, facilityId, { editable: true });
  const [existing] = await db.select().from(facilityClasses).where(and(eq(facilityClasses.id, classId), eq(facilityClasses.facilityId, facilityId)));
  if (!existing) throw new NotFoundError("class");
  await db.transaction(async (tx) => {
    await tx.delete(facilityClasses).where(eq(facilityClasses.id, classId));
    await recordAudit(tx, actorContext(actor), { action: "class.removed", entityType: "facility_class", entityId: classId, jurisdictionCode: facility.jurisdictionCode, before: existing });
  });
}

export async function listClasses(db: Db, facilityId: string) {
  return db.select().from(facilityClasses).where(eq(facilityClasses.facilityId, facilityId)).orderBy(asc(facilityClasses.createdAt));
}

// ---- staff -----------------------------------------------------------------------------------------

function staffValues(v: z.output<typeof staffUpdateSchema>) {
  return {
    name: v.name,
    role: v.role,
    education: v.education ?? null,
    yearsOfExperience: v.yearsOfExperience ?? null,
    healthCertificateValidUntil: v.healthCertificateValidUntil ?? null,
    backgroundCheckOn: v.backgroundCheckOn ?? null,
    laborContract: v.laborContract ?? null,
    socialInsurance: v.socialInsurance ?? null,
  };
}

export async function saveStaffMember(db: Db, actor: Actor, facilityId: string, staffId: string | null, input: unknown): Promise<string> {
  const facility = await loadOwnFacility(db, actor, facilityId, { editable: true });
  const v = staffId ? parse(staffUpdateSchema, input) : parse(staffSchema, input);
  const values = staffValues(v);
  let existing: typeof staffMembers.$inferSelect | undefined;
  if (staffId) {
    [existing] = await db.select().from(staffMembers).where(and(eq(staffMembers.id, staffId), eq(staffMembers.facilityId, facilityId)));
    if (!existing) throw new NotFoundError("staff");
  }
  const idFields = v.idNumber
    ? { idNumberEncrypted: encryptIdNumber(v.idNumber), idNumberHmac: idNumberHmac(v.idNumber), idNumberMasked: maskIdNumber(v.idNumber) }
    : existing
      ? { idNumberEncrypted: existing.idNumberEncrypted, idNumberHmac: existing.idNumberHmac, idNumberMasked: existing.idNumberMasked }
      : null;
  if (!idFields) throw new ValidationError({ idNumber: "validation.required" });
  const [duplicate] = await db
    .select({ id: staffMembers.id })
    .from(staffMembers)
    .where(and(eq(staffMembers.facilityId, facilityId), eq(staffMembers.idNumberHmac, idFields.idNumberHmac)));
  if (duplicate && duplicate.id !== staffId) throw new ValidationError({ idNumber: "filing.staff.idNumberDuplicate" });
  return db.transaction(async (tx) => {
    let id = staffId;
    if (existing && staffId) {
      await tx.update(staffMembers).set({ ...values, ...idFields, updatedAt: clockNow() }).where(eq(staffMembers.id, staffId));
    } else {
      const [row] = await tx.insert(staffMembers).values({ ...values, ...idFields, facilityId }).returning({ id: staffMembers.id });
      id = row?.id ?? null;
    }
    // the audit row shows the masked number only, and whether it changed
    const auditBefore = existing ? { ...pick(existing, Object.keys(values)), idNumber: existing.idNumberMasked } : null;
    const auditAfter = { ...values, idNumber: idFields.idNumberMasked };
    await recordAudit(tx, actorContext(actor), {
      action: existing ? "staff.updated" : "staff.created",
      entityType: "staff_member",
      entityId: id,
      jurisdictionCode: facility.jurisdictionCode,
      ...(auditBefore ? changedFields(auditBefore, auditAfter) : { after: auditAfter }),
    });
    return id ?? "";
  });
}

export async function removeStaffMember(db: Db, actor: Actor, facilityId: string, staffId: string): Promise<void> {
  const facility = await loadOwnFacility(db, actor, facilityId, { editable: true });
  const [existing] = await db.select().from(staffMembers).where(and(eq(staffMembers.id, staffId), eq(staffMembers.facilityId, facilityId)));
  if (!existing) throw new NotFoundError("staff");
  await db.transaction(async (tx) => {
    await tx.delete(staffMembers).where(eq(staffMembers.id, staffId));
    await recordAudit(tx, actorContext(actor), {
      action: "staff.removed",
      entityType: "staff_member",
      entityId: staffId,
      jurisdictionCode: facility.jurisdictionCode,
      before: { name: existing.name, idNumber: existing.idNumberMasked, role: existing.role },
    });
  });
}

export type StaffListItem = Awaited<ReturnType<typeof listStaff>>[number];

/** The roster with qualifications; ID numbers masked. */
export async function listStaff(db: Db, facilityId: string) {
  const staff = await db.select().from(staffMembers).where(eq(staffMembers.facilityId, facilityId)).orderBy(asc(staffMembers.createdAt));
  const quals = staff.length
    ? await db.select().from(staffQualifications).where(inArray(staffQualifications.staffId, staff.map((s) => s.id))).orderBy(asc(staffQualifications.createdAt))
    : [];
  return staff.map(({ idNumberEncrypted: _e, idNumberHmac: _h, ...s }) => ({ ...s, qualifications: quals.filter((q) => q.staffId === s.id) }));
}

/**
 * The full ID number, for the operator's own edit form or the responsible reviewer's detail view.
 * Every full view is audited.
 */
export async function revealStaffIdNumber(db: Db, actor: Actor, staffId: string): Promise<string> {
  if (!isUuid(staffId)) throw new NotFoundError("staff");
  const [staff] = await db.select().from(staffMembers).where(eq(staffMembers.id, staffId));
  if (!staff) throw new NotFoundError("staff");
  const facility = await loadFacility(db, actor, staff.facilityId);
  const plain = decryptIdNumber(staff.idNumberEncrypted);
  await db.transaction(async (tx) => {
    await recordAudit(tx, actorContext(actor), {
      action: "staff.id_number_viewed",
      entityType: "staff_member",
      entityId: staffId,
      jurisdictionCode: facility.jurisdictionCode,
      after: { idNumber: staff.idNumberMasked },
    });
  });
  return plain;
}

export async function addQualification(
  db: Db,
  actor: Actor,
  facilityId: string,
  staffId: string,
  input: unknown,
  proof: { bytes: Uint8Array; name: string } | null,
  storage: FileStorage = defaultStorage(),
): Promise<string> {
  const facility = await loadOwnFacility(db, actor, facilityId, { editable: true });
  const v = parse(qualificationSchema, input);
  const [staff] = await db.select().from(staffMembers).where(and(eq(staffMembers.id, staffId), eq(staffMembers.facilityId, facilityId)));
  if (!staff) throw new NotFoundError("staff");
  const stored = proof ? await storeUpload(storage, proof, "proof") : null;
  return db.transaction(async (tx) => {
    let proofDocumentId: string | null = null;
    if (stored && proof) {
      const [doc] = await tx
        .insert(documents)
        .values({ facilityId, kind: "qualification_proof", ...stored, originalName: proof.name.slice(0, 200), issuedOn: v.issuedOn ?? null, validUntil: v.validUntil ?? null, uploadedBy: actor.userId })
        .returning({ id: documents.id });
      proofDocumentId = doc?.id ?? null;
    }
    const values = {
      staffId,
      kind: v.kind,
      level: v.level ?? null,
      number: v.number ?? null,
      issuer: v.issuer ?? null,
      issuedOn: v.issuedOn ?? null,
      validUntil: v.validUntil ?? null,
      proofDocumentId,
    };
    const [row] = await tx.insert(staffQualifications).values(values).returning({ id: staffQualifications.id });
    await recordAudit(tx, actorContext(actor), {
      action: "qualification.created",
      entityType: "staff_qualification",
      entityId: row?.id ?? null,
      jurisdictionCode: facility.jurisdictionCode,
      after: values,
    });
    return row?.id ?? "";
  });
}

export async function removeQualification(db: Db, actor: Actor, facilityId: string, qualificationId: string): Promise<void> {
  const facility = await loadOwnFacility(db, actor, facilityId, { editable: true });
  const [q] = await db
    .select({ q: staffQualifications })
    .from(staffQualifications)
    .innerJoin(staffMembers, eq(staffMembers.id, staffQualifications.staffId))
    .where(and(eq(staffQualifications.id, qualificationId), eq(staffMembers.facilityId, facilityId)));
  if (!q) throw new NotFoundError("qualification");
  await db.transaction(async (tx) => {
    await tx.delete(staffQualifications).where(eq(staffQualifications.id, qualificationId));
    await recordAudit(tx, actorContext(actor), { action: "qualification.removed", entityType: "staff_qualification", entityId: qualificationId, jurisdictionCode: facility.jurisdictionCode, before: q.q });
  });
}

// ---- documents -------------------------------------------------------------------------------------

async function storeUpload(storage: FileStorage, file: { bytes: Uint8Array; name: string }, field: string) {
  const check = checkUpload(file.bytes, file.name);
  if (!check.ok) throw new ValidationError({ [field]: `filing.${check.error}` });
  const { sha256, sizeBytes } = await storage.put(file.bytes);
  return { sha256, sizeBytes, mimeType: check.mimeType };
}

export async function uploadDocument(
  db: Db,
  actor: Actor,
  facilityId: string,
  input: unknown,
  file: { bytes: Uint8Array; name: string } | null,
  storage: FileStorage = defaultStorage(),
): Promise<string> {
  const facility = await loadOwnFacility(db, actor, facilityId, { editable: true });
  const v = parse(documentSchema, input);
  if (!file) throw new ValidationError({ file: "filing.upload.empty" });
  const stored = await storeUpload(storage, file, "file");
  return db.transaction(async (tx) => {
    const values = {
      facilityId,
      kind: v.kind,
      ...stored,
      originalName: file.name.slice(0, 200),
      issuedOn: v.issuedOn ?? null,
      validUntil: v.validUntil ?? null,
      passed: v.kind === "health_evaluation" ? (v.passed ?? null) : null,
      uploadedBy: actor.userId,
    };
    const [row] = await tx.insert(documents).values(values).returning({ id: documents.id });
    await recordAudit(tx, actorContext(actor), {
      action: "document.uploaded",
      entityType: "document",
      entityId: row?.id ?? null,
      jurisdictionCode: facility.jurisdictionCode,
      after: values,
    });
    return row?.id ?? "";
  });
}

export async function removeDocument(db: Db, actor: Actor, facilityId: string, documentId: string): Promise<void> {
  const facility = await loadOwnFacility(db, actor, facilityId, { editable: true });
  const [doc] = await db
    .select()
    .from(documents)
    .where(and(eq(documents.id, documentId), eq(documents.facilityId, facilityId), ne(documents.kind, UNION_DOCUMENT_KIND)));
  if (!doc) throw new NotFoundError("document");
  await db.transaction(async (tx) => {
    // proofs referenced by a qualification lose the reference (the qualification then lacks proof)
    await tx.update(staffQualifications).set({ proofDocumentId: null }).where(eq(staffQualifications.proofDocumentId, documentId));
    await tx.update(staffMembers).set({ healthCertificateDocumentId: null }).where(eq(staffMembers.healthCertificateDocumentId, documentId));
    await tx.delete(documents).where(eq(documents.id, documentId));
    await recordAudit(tx, actorContext(actor), { action: "document.removed", entityType: "document", entityId: documentId, jurisdictionCode: facility.jurisdictionCode, before: doc });
  });
}

/**
 * Nomination papers (全国爱心托育用人单位) are the union's records about a facility, not the operator's
 * proofs: they are kept out of the operator's and reviewer's document lists and served only to union
 * officers whose scope contains the facility.
 */
const UNION_DOCUMENT_KIND = "nomination_document";

/** The facility's own documents (proofs and filing papers; not the union's nomination papers). */
export async function listDocuments(db: Db, facilityId: string): Promise<DocumentRow[]> {
  return db
    .select()
    .from(documents)
    .where(and(eq(documents.facilityId, facilityId), ne(documents.kind, UNION_DOCUMENT_KIND)))
    .orderBy(desc(documents.createdAt));
}

/**
 * A document's bytes for the operator or a reviewer in scope; a nomination paper for a union officer in
 * scope only (anyone else: 403).
 */
export async function readDocument(db: Db, actor: Actor, documentId: string, storage: FileStorage = defaultStorage()) {
  if (!isUuid(documentId)) throw new NotFoundError("document");
  const [doc] = await db.select().from(documents).where(eq(documents.id, documentId));
  if (!doc) throw new NotFoundError("document");
  if (doc.kind === UNION_DOCUMENT_KIND) {
    assertPermission(actor, "view:programme:jurisdiction");
    const [facility] = await db.select({ jurisdictionCode: facilities.jurisdictionCode }).from(facilities).where(eq(facilities.id, doc.facilityId));
    if (!facility) throw new NotFoundError("document");
    await requireWithinScope(db, actor, facility.jurisdictionCode);
  } else {
    await loadFacility(db, actor, doc.facilityId);
  }
  const bytes = await storage.get(doc.sha256);
  if (!bytes) throw new NotFoundError("document");
  return { doc, bytes };
}

// ---- expiring proofs -------------------------------------------------------------------------------

export const EXPIRY_WARNING_DAYS = 30;

export type ExpiringProof = {
  facilityId: string;
  facilityName: string;
  staffId: string;
  staffName: string;
  what: "health_certificate" | "qualification";
  kind: string | null;
  validUntil: string;
};

/**
 * Health certificates and qualifications that expire within 30 days (or already have) — for an
 * operator's organisation, or for every facility within a reviewer's jurisdiction.
 */
export async function expiringProofs(db: Db, actor: Actor, today = todayInShanghai()): Promise<ExpiringProof[]> {
  const horizon = addDays(today, EXPIRY_WARNING_DAYS);
  const scope = actor.roles.includes("operator") && actor.organisationId
    ? eq(facilities.organisationId, actor.organisationId)
    : actor.jurisdictionCode
      ? and(withinJurisdiction(facilities.jurisdictionCode, actor.jurisdictionCode), inArray(facilities.filingState, ["submitted", "filed", "change_submitted", "returned"]))
      : sql`false`;
  const [health, quals] = await Promise.all([
    db
      .select({ facilityId: facilities.id, facilityName: facilities.name, staffId: staffMembers.id, staffName: staffMembers.name, validUntil: staffMembers.healthCertificateValidUntil })
      .from(staffMembers)
      .innerJoin(facilities, eq(facilities.id, staffMembers.facilityId))
      .where(and(scope, isNotNull(staffMembers.healthCertificateValidUntil), lte(staffMembers.healthCertificateValidUntil, horizon)))
      .limit(500),
    db
      .select({ facilityId: facilities.id, facilityName: facilities.name, staffId: staffMembers.id, staffName: staffMembers.name, kind: staffQualifications.kind, validUntil: staffQualifications.validUntil })
      .from(staffQualifications)
      .innerJoin(staffMembers, eq(staffMembers.id, staffQualifications.staffId))
      .innerJoin(facilities, eq(facilities.id, staffMembers.facilityId))
      .where(and(scope, isNotNull(staffQualifications.validUntil), lte(staffQualifications.validUntil, horizon)))
      .limit(500),
  ]);
  return [
    ...health.map((h) => ({ ...h, what: "health_certificate" as const, kind: null, validUntil: h.validUntil ?? "" })),
    ...quals.map((q) => ({ ...q, what: "qualification" as const, validUntil: q.validUntil ?? "" })),
  ].sort((a, b) => a.validUntil.localeCompare(b.validUntil));
}

