import { date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { FACILITY_KINDS, SERVICE_TYPES } from "../../rules/snapshot";
import { facilities } from "./facilities";
import { organisations } from "./organisations";

export const FILING_KINDS = ["initial", "change", "cancellation"] as const;
export const FILING_STATUSES = ["submitted", "returned", "accepted", "rejected", "withdrawn"] as const;
export type FilingKind = (typeof FILING_KINDS)[number];
export type FilingStatus = (typeof FILING_STATUSES)[number];

// Every submission to the health commission: the initial filing (备案), change requests (变更) and
// cancellation (注销). Each keeps the snapshot as submitted and the rules evaluation that went with it;
// the decision stores its own rules version. A facility's filed data = the snapshot of its last
// accepted initial/change filing.
export const filings = pgTable(
  "filings",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    facilityId: uuid("facility_id")
      .notNull()
      .references(() => facilities.id),
    kind: text("kind", { enum: FILING_KINDS }).notNull(),
    status: text("status", { enum: FILING_STATUSES }).notNull(),
    submittedAt: timestamp("submitted_at", { withTimezone: true }).notNull(),
    submittedBy: text("submitted_by").notNull(),
    dueOn: date("due_on").notNull(),
    // the operator's explanation when submitting with unmet checklist items
    explanation: text("explanation"),
    snapshot: jsonb("snapshot").notNull(),
    evaluation: jsonb("evaluation").notNull(),
    rulesVersion: text("rules_version").notNull(),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    decidedBy: text("decided_by"),
    decisionRulesVersion: text("decision_rules_version"),
    decisionEvaluation: jsonb("decision_evaluation"),
    // per-item reasons when returned: [{ item, reason }]
    returnReasons: jsonb("return_reasons"),
    receiptNumber: text("receipt_number"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // a facility's history, newest first
    index("filings_facility_idx").on(t.facilityId, t.submittedAt),
    // the reviewer queue: open filings by due date
    index("filings_status_due_idx").on(t.status, t.dueOn),
  ],
);

// Gapless receipt sequences per county and year: the counter row is locked by the accepting
// transaction, so a rolled-back acceptance gives its number back.
export const receiptSequences = pgTable(
  "receipt_sequences",
  {
    jurisdictionCode: text("jurisdiction_code").notNull(),
    year: integer("year").notNull(),
    lastValue: integer("last_value").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ name: "receipt_sequences_pk", columns: [t.jurisdictionCode, t.year] })],
);

// In-app inbox of an organisation's operators (returned filings, decisions, expiring proofs).
export const inboxMessages = pgTable(
  "inbox_messages",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    facilityId: uuid("facility_id").references(() => facilities.id),
    filingId: uuid("filing_id").references(() => filings.id),
    // an i18n key under inbox.* plus its parameters
    kind: text("kind").notNull(),
    params: jsonb("params"),
    readAt: timestamp("read_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("inbox_messages_organisation_idx").on(t.organisationId, t.createdAt)],
);

export type FilingRow = typeof filings.$inferSelect;

// The public directory (信息公示): the filed data of each filed facility, written when a filing or change
// is accepted and removed on cancellation — never the operator's unfiled working copy.
export const directoryEntries = pgTable(
  "directory_entries",
  {
    facilityId: uuid("facility_id")
      .primaryKey()
      .references(() => facilities.id),
    name: text("name").notNull(),
    address: text("address"),
    jurisdictionCode: text("jurisdiction_code").notNull(),
    kind: text("kind", { enum: FACILITY_KINDS }),
    serviceTypes: text("service_types", { enum: SERVICE_TYPES }).array().notNull(),
    totalSlots: integer("total_slots"),
    receiptNumber: text("receipt_number").notNull(),
    filedOn: date("filed_on").notNull(),
    organisationName: text("organisation_name").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // directory filters: county, kind
    index("directory_entries_jurisdiction_idx").on(t.jurisdictionCode, t.name),
    index("directory_entries_kind_idx").on(t.kind),
    // the directory lists by name: the first page and name searches walk this index
    index("directory_entries_name_idx").on(t.name, t.facilityId),
  ],
);
