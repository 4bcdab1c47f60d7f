import { sql } from "drizzle-orm";
import { check, date, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { facilities } from "./facilities";

// Trade-union work on employer-run childcare (用人单位办托): nominations for 全国爱心托育用人单位 by year,
// and union grants. Recorded by union officers; operators see their own facility's grants.
export const NOMINATION_STATUSES = ["nominated", "recommended", "awarded", "not_awarded"] as const;
export type NominationStatus = (typeof NOMINATION_STATUSES)[number];

export const unionNominations = pgTable(
  "union_nominations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    facilityId: uuid("facility_id")
      .notNull()
      .references(() => facilities.id),
    year: integer("year").notNull(),
    status: text("status", { enum: NOMINATION_STATUSES }).notNull(),
    notes: text("notes"),
    // document ids (documents of kind nomination_document) attached to the nomination
    documentIds: uuid("document_ids").array().notNull().default(sql`'{}'::uuid[]`),
    nominatedBy: text("nominated_by").notNull(),
    recommendedOn: date("recommended_on"),
    decidedOn: date("decided_on"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // one nomination per programme and year
    uniqueIndex("union_nominations_facility_year_uq").on(t.facilityId, t.year),
    check("union_nominations_year_range", sql`${t.year} BETWEEN 2022 AND 2100`),
    index("union_nominations_status_idx").on(t.status, t.year),
  ],
);

export const unionGrants = pgTable(
  "union_grants",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    facilityId: uuid("facility_id")
      .notNull()
      .references(() => facilities.id),
    programmeName: text("programme_name").notNull(),
    year: integer("year").notNull(),
    amountFen: integer("amount_fen").notNull(),
    matchingFen: integer("matching_fen").notNull().default(0),
    grantedOn: date("granted_on").notNull(),
    reference: text("reference").notNull(),
    recordedBy: text("recorded_by").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("union_grants_amounts", sql`${t.amountFen} > 0 AND ${t.matchingFen} >= 0`),
    check("union_grants_year_range", sql`${t.year} BETWEEN 2000 AND 2100`),
    index("union_grants_facility_idx").on(t.facilityId),
    index("union_grants_year_idx").on(t.year),
  ],
);

export type UnionNominationRow = typeof unionNominations.$inferSelect;
export type UnionGrantRow = typeof unionGrants.$inferSelect;
