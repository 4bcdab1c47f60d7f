import { sql } from "drizzle-orm";
import { boolean, check, date, index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { EDUCATION_LEVELS, QUALIFICATION_KINDS, STAFF_ROLES } from "../../rules/snapshot";
import { documents } from "./documents";
import { facilities } from "./facilities";

// Staff roster with qualification proof. The resident ID number is stored encrypted (AES-256-GCM with
// DATA_ENCRYPTION_KEY); `id_number_hmac` finds duplicates without decrypting; `id_number_last4` and the
// region prefix serve the masked display (3401**********1234).
export const staffMembers = pgTable(
  "staff_members",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    facilityId: uuid("facility_id")
      .notNull()
      .references(() => facilities.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    idNumberEncrypted: text("id_number_encrypted").notNull(),
    idNumberHmac: text("id_number_hmac").notNull(),
    idNumberMasked: text("id_number_masked").notNull(),
    role: text("role", { enum: STAFF_ROLES }).notNull(),
    education: text("education", { enum: EDUCATION_LEVELS }),
    yearsOfExperience: integer("years_of_experience"),
    healthCertificateValidUntil: date("health_certificate_valid_until"),
    healthCertificateDocumentId: uuid("health_certificate_document_id").references(() => documents.id),
    backgroundCheckOn: date("background_check_on"),
    laborContract: boolean("labor_contract"),
    socialInsurance: boolean("social_insurance"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("staff_members_years_nonneg", sql`${t.yearsOfExperience} IS NULL OR ${t.yearsOfExperience} >= 0`),
    index("staff_members_facility_idx").on(t.facilityId),
    // "is this person already on the roster" without decrypting
    index("staff_members_id_hmac_idx").on(t.idNumberHmac),
  ],
);

export const staffQualifications = pgTable(
  "staff_qualifications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    staffId: uuid("staff_id")
      .notNull()
      .references(() => staffMembers.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: QUALIFICATION_KINDS }).notNull(),
    // 5 = 五级 (lowest) … 1 = 一级; null = the qualification has no levels
    level: integer("level"),
    number: text("number"),
    issuer: text("issuer"),
    issuedOn: date("issued_on"),
    validUntil: date("valid_until"),
    proofDocumentId: uuid("proof_document_id").references(() => documents.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("staff_qualifications_level_range", sql`${t.level} IS NULL OR (${t.level} BETWEEN 1 AND 5)`),
    index("staff_qualifications_staff_idx").on(t.staffId),
    // the 30-day expiry lists
    index("staff_qualifications_valid_until_idx").on(t.validUntil),
  ],
);

export type StaffMemberRow = typeof staffMembers.$inferSelect;
export type StaffQualificationRow = typeof staffQualifications.$inferSelect;
