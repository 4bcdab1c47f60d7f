import { sql } from "drizzle-orm";
import { boolean, check, date, index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { DOCUMENT_KINDS } from "../../rules/snapshot";
import { facilities } from "./facilities";

// Uploaded files: the bytes live in file storage under their SHA-256 (UPLOAD_DIR); a row says what
// they prove for which facility. Staff proofs (qualification, health certificate) are documents too.
export const STORED_DOCUMENT_KINDS = [...DOCUMENT_KINDS, "qualification_proof", "health_certificate", "nomination_document", "other"] as const;
export const DOCUMENT_MIME_TYPES = ["application/pdf", "image/jpeg", "image/png"] as const;

export const documents = pgTable(
  "documents",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    facilityId: uuid("facility_id")
      .notNull()
      .references(() => facilities.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: STORED_DOCUMENT_KINDS }).notNull(),
    sha256: text("sha256").notNull(),
    mimeType: text("mime_type", { enum: DOCUMENT_MIME_TYPES }).notNull(),
    sizeBytes: integer("size_bytes").notNull(),
    originalName: text("original_name").notNull(),
    issuedOn: date("issued_on"),
    validUntil: date("valid_until"),
    // the health evaluation report's result (合格)
    passed: boolean("passed"),
    uploadedBy: text("uploaded_by"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("documents_size_limit", sql`${t.sizeBytes} > 0 AND ${t.sizeBytes} <= 10485760`),
    index("documents_facility_kind_idx").on(t.facilityId, t.kind),
  ],
);

export type DocumentRow = typeof documents.$inferSelect;
