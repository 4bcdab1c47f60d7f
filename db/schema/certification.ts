import { sql } from "drizzle-orm";
import { boolean, check, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { CLASS_TYPES, SERVICE_TYPES } from "../../rules/snapshot";
import { facilities } from "./facilities";
import { jurisdictions } from "./jurisdictions";

// Guided-price schedules (政府指导价): published by a price officer for a jurisdiction, never edited —
// a later schedule supersedes it from its own date. Either explicit caps per class × service type or the
// formula inputs (reference monthly income and the full-day share).
export const PRICE_SCHEDULE_MODES = ["caps", "formula"] as const;

export const priceSchedules = pgTable(
  "price_schedules",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    jurisdictionCode: text("jurisdiction_code")
      .notNull()
      .references(() => jurisdictions.code),
    effectiveFrom: date("effective_from").notNull(),
    mode: text("mode", { enum: PRICE_SCHEDULE_MODES }).notNull(),
    // [{ classType, serviceType, capFen }] when mode = caps
    caps: jsonb("caps"),
    referenceMonthlyIncomeFen: integer("reference_monthly_income_fen"),
    // share of the reference income for the full-day cap, in basis points (8000 = 80 %)
    fullDayShareBp: integer("full_day_share_bp"),
    referenceDocument: text("reference_document").notNull(),
    referenceClause: text("reference_clause").notNull(),
    referenceUrl: text("reference_url"),
    publishedBy: text("published_by").notNull(),
    publishedAt: timestamp("published_at", { withTimezone: true }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // one schedule per jurisdiction and start date: a correction is a new schedule from a new date
    uniqueIndex("price_schedules_jurisdiction_from_uq").on(t.jurisdictionCode, t.effectiveFrom),
    check("price_schedules_income_nonneg", sql`${t.referenceMonthlyIncomeFen} IS NULL OR ${t.referenceMonthlyIncomeFen} > 0`),
    check("price_schedules_share_range", sql`${t.fullDayShareBp} IS NULL OR (${t.fullDayShareBp} > 0 AND ${t.fullDayShareBp} <= 10000)`),
  ],
);

// Fees a facility declares (收费公示): basic fees per class × service type, and other fees (meals,
// materials…) which are voluntary. The current declaration is the set of rows; history is in the audit log.
export const FEE_KINDS = ["basic", "other"] as const;

export const feeDeclarations = pgTable(
  "fee_declarations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    facilityId: uuid("facility_id")
      .notNull()
      .references(() => facilities.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: FEE_KINDS }).notNull(),
    classType: text("class_type", { enum: CLASS_TYPES }),
    serviceType: text("service_type", { enum: SERVICE_TYPES }),
    // for other fees: what it is (伙食费, 材料费…)
    name: text("name"),
    amountFen: integer("amount_fen").notNull(),
    voluntary: boolean("voluntary").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("fee_declarations_amount_nonneg", sql`${t.amountFen} >= 0`),
    index("fee_declarations_facility_idx").on(t.facilityId),
    // one basic fee per class × service type
    uniqueIndex("fee_declarations_basic_uq").on(t.facilityId, t.classType, t.serviceType).where(sql`${t.kind} = 'basic'`),
  ],
);

// Inclusive certification (普惠认定): applied → under_review → public_notice → certified | rejected;
// certified → revoked | expired. Every decision keeps the rules evaluation that justified it.
export const CERTIFICATION_STATUSES = ["applied", "under_review", "public_notice", "certified", "rejected", "revoked", "expired"] as const;

export const inclusiveApplications = pgTable(
  "inclusive_applications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    facilityId: uuid("facility_id")
      .notNull()
      .references(() => facilities.id),
    status: text("status", { enum: CERTIFICATION_STATUSES }).notNull(),
    appliedAt: timestamp("applied_at", { withTimezone: true }).notNull(),
    appliedBy: text("applied_by").notNull(),
    requestedSlots: integer("requested_slots"),
    precheck: jsonb("precheck").notNull(),
    reviewerId: text("reviewer_id"),
    inspectionOn: date("inspection_on"),
    inspectionFindings: text("inspection_findings"),
    inspectionPassed: boolean("inspection_passed"),
    noticeStartsOn: date("notice_starts_on"),
    noticeEndsOn: date("notice_ends_on"),
    certifiedSlots: integer("certified_slots"),
    validFrom: date("valid_from"),
    validUntil: date("valid_until"),
    certificateId: uuid("certificate_id"),
    decisionSnapshot: jsonb("decision_snapshot"),
    decisionEvaluation: jsonb("decision_evaluation"),
    decisionRulesVersion: text("decision_rules_version"),
    decidedBy: text("decided_by"),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    reasons: text("reasons"),
    lastReviewedOn: date("last_reviewed_on"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("inclusive_applications_slots_nonneg", sql`${t.certifiedSlots} IS NULL OR ${t.certifiedSlots} >= 0`),
    index("inclusive_applications_facility_idx").on(t.facilityId),
    // reviewer queues and the public notice list
    index("inclusive_applications_status_idx").on(t.status, t.noticeEndsOn),
    // expiry sweep and the yearly-review list read by the inclusive queue on every view
    index("inclusive_applications_status_valid_until_idx").on(t.status, t.validUntil),
    index("inclusive_applications_status_reviewed_idx").on(t.status, t.lastReviewedOn),
    // at most one open application or live certification per facility
    uniqueIndex("inclusive_applications_open_uq")
      .on(t.facilityId)
      .where(sql`${t.status} IN ('applied', 'under_review', 'public_notice', 'certified')`),
  ],
);

export const OBJECTION_RULINGS = ["pending", "dismissed", "upheld"] as const;

export const objections = pgTable(
  "objections",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    applicationId: uuid("application_id")
      .notNull()
      .references(() => inclusiveApplications.id),
    content: text("content").notNull(),
    // optional, for the reviewer to reply; shown to reviewers only
    contact: text("contact"),
    ip: text("ip"),
    ruling: text("ruling", { enum: OBJECTION_RULINGS }).notNull().default("pending"),
    rulingNote: text("ruling_note"),
    ruledBy: text("ruled_by"),
    ruledAt: timestamp("ruled_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("objections_application_idx").on(t.applicationId)],
);

// One mechanism for every verifiable document (inclusive certificates now; utility certificates and
// eligibility letters later): a random verification code, validity dates, and a status that can be
// revoked or voided. The public /verify/<code> page reads only this table and the facility's name.
export const CERTIFICATE_KINDS = ["inclusive_certificate", "utility_certificate", "eligibility_letter"] as const;
export const CERTIFICATE_STATUSES = ["valid", "revoked", "void"] as const;

export const certificates = pgTable(
  "certificates",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    kind: text("kind", { enum: CERTIFICATE_KINDS }).notNull(),
    code: text("code").notNull(),
    // the printed number (e.g. 普惠认定证书编号)
    number: text("number").notNull(),
    facilityId: uuid("facility_id")
      .notNull()
      .references(() => facilities.id),
    status: text("status", { enum: CERTIFICATE_STATUSES }).notNull().default("valid"),
    issuedOn: date("issued_on").notNull(),
    validFrom: date("valid_from").notNull(),
    validUntil: date("valid_until"),
    // what the document states (facility name, slots, measures, clauses…), as printed
    payload: jsonb("payload").notNull(),
    statusReason: text("status_reason"),
    statusChangedAt: timestamp("status_changed_at", { withTimezone: true }),
    issuedBy: text("issued_by").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("certificates_code_uq").on(t.code),
    uniqueIndex("certificates_number_uq").on(t.kind, t.number),
    index("certificates_facility_idx").on(t.facilityId, t.kind),
  ],
);

export type CertificateRow = typeof certificates.$inferSelect;
export type InclusiveApplicationRow = typeof inclusiveApplications.$inferSelect;
export type PriceScheduleRow = typeof priceSchedules.$inferSelect;
