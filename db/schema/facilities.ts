import { sql } from "drizzle-orm";
import { boolean, check, date, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { CLASS_TYPES, FACILITY_KINDS, KINDERGARTEN_OWNERSHIPS, SERVICE_TYPES, TENURES } from "../../rules/snapshot";
import { jurisdictions } from "./jurisdictions";
import { organisations } from "./organisations";

export const FACILITY_FILING_STATES = ["draft", "submitted", "returned", "filed", "change_submitted", "cancelled"] as const;
export type FacilityFilingState = (typeof FACILITY_FILING_STATES)[number];

// The operator's working copy of a facility. What is *filed* is the snapshot of the last accepted filing
// (filings.snapshot), so a change request never alters the filed data before it is accepted.
export const facilities = pgTable(
  "facilities",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    name: text("name").notNull(),
    address: text("address"),
    // the county (or city) whose health commission the facility files with
    jurisdictionCode: text("jurisdiction_code")
      .notNull()
      .references(() => jurisdictions.code),
    kind: text("kind", { enum: FACILITY_KINDS }),
    serviceTypes: text("service_types", { enum: SERVICE_TYPES }).array().notNull().default(sql`'{}'::text[]`),
    totalSlots: integer("total_slots"),
    openedOn: date("opened_on"),
    mealsProvided: boolean("meals_provided"),
    premisesTenure: text("premises_tenure", { enum: TENURES }),
    leaseStartsOn: date("lease_starts_on"),
    leaseEndsOn: date("lease_ends_on"),
    premisesStateOwned: boolean("premises_state_owned"),
    employerName: text("employer_name"),
    employerMainlyForOwnEmployees: boolean("employer_mainly_for_own_employees"),
    employerOpenToOtherEmployers: boolean("employer_open_to_other_employers"),
    // employer-run programme profile (用人单位办托, for unions): the employer's USCC, the industrial park,
    // openness to nearby residents, slots reserved for the employer's own staff, a contact person
    employerUscc: text("employer_uscc"),
    employerParkName: text("employer_park_name"),
    employerOpenToResidents: boolean("employer_open_to_residents"),
    employerReservedSlots: integer("employer_reserved_slots"),
    employerContactName: text("employer_contact_name"),
    employerContactPhone: text("employer_contact_phone"),
    kindergartenOwnership: text("kindergarten_ownership", { enum: KINDERGARTEN_OWNERSHIPS }),
    filingState: text("filing_state", { enum: FACILITY_FILING_STATES }).notNull().default("draft"),
    receiptNumber: text("receipt_number"),
    filedOn: date("filed_on"),
    cancelledOn: date("cancelled_on"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("facilities_total_slots_nonneg", sql`${t.totalSlots} IS NULL OR ${t.totalSlots} >= 0`),
    check("facilities_reserved_slots_nonneg", sql`${t.employerReservedSlots} IS NULL OR ${t.employerReservedSlots} >= 0`),
    // an operator's facility list
    index("facilities_organisation_idx").on(t.organisationId),
    // scoped lists and the public directory by county and state
    index("facilities_jurisdiction_state_idx").on(t.jurisdictionCode, t.filingState),
    uniqueIndex("facilities_receipt_number_uq").on(t.receiptNumber),
  ],
);

export const facilityClasses = pgTable(
  "facility_classes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    facilityId: uuid("facility_id")
      .notNull()
      .references(() => facilities.id, { onDelete: "cascade" }),
    name: text("name"),
    type: text("type", { enum: CLASS_TYPES }).notNull(),
    capacity: integer("capacity").notNull(),
    enrolled: integer("enrolled").notNull(),
    caregivers: integer("caregivers").notNull(),
    // the youngest child's age in months: a 混合编班 is a 2–3岁 托班 only when it is 24 or more (1477号)
    youngestAgeMonths: integer("youngest_age_months"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // impossible data is refused by the database too (DESIGN.md "Validation")
    check("facility_classes_counts_nonneg", sql`${t.capacity} >= 0 AND ${t.enrolled} >= 0 AND ${t.caregivers} >= 0`),
    check("facility_classes_enrolled_within_capacity", sql`${t.enrolled} <= ${t.capacity}`),
    check("facility_classes_youngest_age", sql`${t.youngestAgeMonths} IS NULL OR (${t.youngestAgeMonths} >= 0 AND ${t.youngestAgeMonths} <= 36)`),
    index("facility_classes_facility_idx").on(t.facilityId),
  ],
);

export type FacilityRow = typeof facilities.$inferSelect;
export type FacilityClassRow = typeof facilityClasses.$inferSelect;
