// A facility's uploaded documents (licences, premises proofs, health evaluations…): uploading one (type
// sniffed, stored by SHA-256), removing one, listing them, and serving a document's bytes to whoever may
// see it — including the union's nomination papers, which only union officers in scope may read.
import { and, desc, eq, ne } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { documents, facilities, staffMembers, staffQualifications, type DocumentRow } from "../../../db/schema";
import type { Actor } from "../../auth/session.server";
import { assertPermission } from "../../auth/session.server";
import { requireWithinScope } from "../../auth/scope.server";
import { isUuid } from "../../utils/ids";
import { recordAudit } from "../audit.server";
import { NotFoundError, ValidationError } from "../errors";
import { documentSchema } from "../facilities.schemas";
import { defaultStorage, type FileStorage } from "../storage.server";
import { actorContext } from "../users.server";
import { loadFacility, loadOwnFacility } from "./access.server";
import { parse, storeUpload } from "./shared.server";

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
