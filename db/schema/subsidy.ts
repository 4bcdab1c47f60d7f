import { sql } from "drizzle-orm";
import { bigint, boolean, check, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { facilities } from "./facilities";
import { jurisdictions } from "./jurisdictions";

// ---- local parameter values (地方标准) ------------------------------------------------------------------
// Values an administrator enters for a jurisdiction (a county's operating-subsidy standard), in the rules
// layer's own shape: dated, cited, never edited. A correction supersedes a row (superseded_at/by) and the
// new row takes its place; `entered_at` is when the system learnt the value, `effective_from` when it
// applies — so a standard entered late with an earlier date is visible as such (and corrects paid lines).
export const localParameterValues = pgTable(
  "local_parameter_values",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    parameter: text("parameter").notNull(),
    jurisdictionCode: text("jurisdiction_code")
      .notNull()
      .references(() => jurisdictions.code),
    effectiveFrom: date("effective_from").notNull(),
    effectiveTo: date("effective_to"),
    value: jsonb("value").notNull(),
    referenceDocument: text("reference_document").notNull(),
    referenceClause: text("reference_clause").notNull(),
    referenceUrl: text("reference_url"),
    enteredBy: text("entered_by").notNull(),
    enteredAt: timestamp("entered_at", { withTimezone: true }).notNull(),
    supersededAt: timestamp("superseded_at", { withTimezone: true }),
    supersededBy: uuid("superseded_by"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("local_parameter_values_dates", sql`${t.effectiveTo} IS NULL OR ${t.effectiveTo} >= ${t.effectiveFrom}`),
    check("local_parameter_values_reference", sql`length(trim(${t.referenceDocument})) > 0 AND length(trim(${t.referenceClause})) > 0`),
    // two live values of one parameter cannot start on the same day in one jurisdiction (overlaps in
    // general are refused by the service with the rules' own check)
    uniqueIndex("local_parameter_values_live_uq")
      .on(t.parameter, t.jurisdictionCode, t.effectiveFrom)
      .where(sql`${t.supersededAt} IS NULL`),
  ],
);

// Every local parameter set a stored decision was made with, by its version hash (the rules layer's
// `localParametersVersion`), so a decision can be replayed years later with exactly those values.
export const parameterSets = pgTable("parameter_sets", {
  version: text("version").primaryKey(),
  values: jsonb("values").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

// ---- bank details ----------------------------------------------------------------------------------------
// Where a facility's subsidy is paid. Format check only (digits, 8–30): there is no public checksum.
export const facilityBankAccounts = pgTable(
  "facility_bank_accounts",
  {
    facilityId: uuid("facility_id")
      .primaryKey()
      .references(() => facilities.id, { onDelete: "cascade" }),
    accountName: text("account_name").notNull(),
    bankName: text("bank_name").notNull(),
    accountNumber: text("account_number").notNull(),
    updatedBy: text("updated_by").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check("facility_bank_accounts_number_format", sql`${t.accountNumber} ~ '^[0-9]{8,30}$'`)],
);

// ---- enrolment reports (月度在托人数报告) ------------------------------------------------------------------
// One report per facility and month (a database constraint); its content lives in versions. A version is
// draft → submitted → approved | returned (returned → submitted again). An amendment after approval is a
// new version; the approved one stays in force for payments until the amendment is approved in turn.
export const ENROLMENT_VERSION_STATUSES = ["draft", "submitted", "approved", "returned", "superseded"] as const;
export type EnrolmentVersionStatus = (typeof ENROLMENT_VERSION_STATUSES)[number];

export const enrolmentReports = pgTable(
  "enrolment_reports",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    facilityId: uuid("facility_id")
      .notNull()
      .references(() => facilities.id),
    // YYYY-MM
    period: text("period").notNull(),
    // the version in force (approved), null until one is approved
    approvedVersion: integer("approved_version"),
    approvedFullDayChildren: integer("approved_full_day_children"),
    // full-day children who attended at least the county's minimum days (minimum_attendance_days schemes)
    approvedFullDayAttending: integer("approved_full_day_attending"),
    approvedAt: timestamp("approved_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("enrolment_reports_facility_period_uq").on(t.facilityId, t.period),
    index("enrolment_reports_period_idx").on(t.period),
    check("enrolment_reports_period_format", sql`${t.period} ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'`),
  ],
);

export const enrolmentReportVersions = pgTable(
  "enrolment_report_versions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    reportId: uuid("report_id")
      .notNull()
      .references(() => enrolmentReports.id),
    version: integer("version").notNull(),
    status: text("status", { enum: ENROLMENT_VERSION_STATUSES }).notNull(),
    // full-day and other (half-day, hourly, temporary) children per class type
    fullDayInfant: integer("full_day_infant").notNull().default(0),
    fullDayToddler: integer("full_day_toddler").notNull().default(0),
    fullDayOlderToddler: integer("full_day_older_toddler").notNull().default(0),
    fullDayMixed: integer("full_day_mixed").notNull().default(0),
    otherInfant: integer("other_infant").notNull().default(0),
    otherToddler: integer("other_toddler").notNull().default(0),
    otherOlderToddler: integer("other_older_toddler").notNull().default(0),
    otherMixed: integer("other_mixed").notNull().default(0),
    // children in a kindergarten's 托班 (kindergarten_class facilities only; paid at the kindergarten-class rate)
    kindergartenClassChildren: integer("kindergarten_class_children").notNull().default(0),
    // full-day children who attended at least the county's minimum days; optional where the scheme counts
    // whole or pro-rata months (subsidy.operating.period_rule)
    fullDayAttending: integer("full_day_attending"),
    daysOpen: integer("days_open").notNull(),
    note: text("note"),
    submittedBy: text("submitted_by"),
    submittedAt: timestamp("submitted_at", { withTimezone: true }),
    decidedBy: text("decided_by"),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    returnReason: text("return_reason"),
    createdBy: text("created_by").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("enrolment_report_versions_uq").on(t.reportId, t.version),
    // at most one version being worked on at a time
    uniqueIndex("enrolment_report_versions_open_uq")
      .on(t.reportId)
      .where(sql`${t.status} IN ('draft', 'submitted', 'returned')`),
    index("enrolment_report_versions_status_idx").on(t.status),
    // the reviewer queue: submitted versions, oldest first
    index("enrolment_report_versions_submitted_idx").on(t.submittedAt, t.id).where(sql`${t.status} = 'submitted'`),
    check(
      "enrolment_report_versions_nonneg",
      sql`${t.fullDayInfant} >= 0 AND ${t.fullDayToddler} >= 0 AND ${t.fullDayOlderToddler} >= 0 AND ${t.fullDayMixed} >= 0
        AND ${t.otherInfant} >= 0 AND ${t.otherToddler} >= 0 AND ${t.otherOlderToddler} >= 0 AND ${t.otherMixed} >= 0
        AND ${t.kindergartenClassChildren} >= 0`,
    ),
    check("enrolment_report_versions_days", sql`${t.daysOpen} >= 0 AND ${t.daysOpen} <= 31`),
    check("enrolment_report_versions_attending", sql`${t.fullDayAttending} IS NULL OR ${t.fullDayAttending} >= 0`),
  ],
);

// ---- subsidy batches and lines ---------------------------------------------------------------------------
// A batch per jurisdiction and month: preparing → prepared → approved → paid. A reviewer prepares, a
// finance officer who did not prepare it approves, and records the payment. Lines are never edited once
// the batch is approved; re-preparing a prepared batch replaces its lines.
export const BATCH_STATUSES = ["preparing", "prepared", "approved", "paid"] as const;
export type BatchStatus = (typeof BATCH_STATUSES)[number];

export const subsidyBatches = pgTable(
  "subsidy_batches",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    jurisdictionCode: text("jurisdiction_code")
      .notNull()
      .references(() => jurisdictions.code),
    // YYYY-MM
    period: text("period").notNull(),
    // a short readable number: <jurisdiction>-<period>
    number: text("number").notNull(),
    status: text("status", { enum: BATCH_STATUSES }).notNull(),
    // a fresh token per preparation run: a run whose token is no longer the batch's stops writing
    runToken: uuid("run_token"),
    progressDone: integer("progress_done").notNull().default(0),
    progressTotal: integer("progress_total").notNull().default(0),
    lineCount: integer("line_count").notNull().default(0),
    payableCount: integer("payable_count").notNull().default(0),
    excludedCount: integer("excluded_count").notNull().default(0),
    totalFen: bigint("total_fen", { mode: "number" }).notNull().default(0),
    // any payable line decided on a provisional parameter value: approval is refused
    provisional: boolean("provisional").notNull().default(false),
    // written when preparation ends, so the batch page reads them instead of counting 100k lines
    deltaCount: integer("delta_count").notNull().default(0),
    topUpFen: bigint("top_up_fen", { mode: "number" }).notNull().default(0),
    recoveryFen: bigint("recovery_fen", { mode: "number" }).notNull().default(0),
    // [{ reason, count }] over the excluded lines, most frequent first
    reasonCounts: jsonb("reason_counts").$type<Array<{ reason: string; count: number }>>().notNull().default(sql`'[]'::jsonb`),
    rulesVersion: text("rules_version"),
    localParametersVersion: text("local_parameters_version"),
    preparedBy: text("prepared_by").notNull(),
    preparedAt: timestamp("prepared_at", { withTimezone: true }),
    approvedBy: text("approved_by"),
    approvedAt: timestamp("approved_at", { withTimezone: true }),
    paidBy: text("paid_by"),
    paidAt: timestamp("paid_at", { withTimezone: true }),
    paidOn: date("paid_on"),
    paymentReference: text("payment_reference"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("subsidy_batches_jurisdiction_period_uq").on(t.jurisdictionCode, t.period),
    index("subsidy_batches_status_idx").on(t.status),
    check("subsidy_batches_period_format", sql`${t.period} ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'`),
    // four eyes, in the database too
    check("subsidy_batches_four_eyes", sql`${t.approvedBy} IS NULL OR ${t.approvedBy} <> ${t.preparedBy}`),
    check("subsidy_batches_paid_has_reference", sql`${t.status} <> 'paid' OR (${t.paymentReference} IS NOT NULL AND ${t.paidOn} IS NOT NULL)`),
  ],
);

// kind: original — the facility-month's first line (at most one ever: the exactly-once constraint);
// delta — a later correction (top-up > 0, recovery < 0) pointing at the original it corrects.
export const LINE_KINDS = ["original", "delta"] as const;
export type LineKind = (typeof LINE_KINDS)[number];

export const subsidyLines = pgTable(
  "subsidy_lines",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    batchId: uuid("batch_id")
      .notNull()
      .references(() => subsidyBatches.id),
    facilityId: uuid("facility_id")
      .notNull()
      .references(() => facilities.id),
    // the facility's name when the line was made (as paid; also the order of the batch's lines)
    facilityName: text("facility_name").notNull(),
    // the facility's county when the line was made (for spend by county)
    jurisdictionCode: text("jurisdiction_code").notNull(),
    // the month the money is for (a delta's is its original's)
    period: text("period").notNull(),
    kind: text("kind", { enum: LINE_KINDS }).notNull(),
    correctsLineId: uuid("corrects_line_id"),
    // eligible and paid out (amount ≠ 0); an excluded line records why nothing is due
    payable: boolean("payable").notNull(),
    amountFen: integer("amount_fen").notNull(),
    // for a delta: what the month is worth now (the original's amount plus all deltas, this one included)
    entitledFen: integer("entitled_fen").notNull(),
    status: text("status").notNull(),
    // the unmet or missing conditions that exclude the line (condition ids or fact paths)
    reasons: jsonb("reasons").$type<string[]>().notNull(),
    // the rules decision, compact: { snapshot, conditions, details, parameters } — replayable with
    // rules_version and the parameter set of local_parameters_version
    decision: jsonb("decision").notNull(),
    rulesVersion: text("rules_version").notNull(),
    localParametersVersion: text("local_parameters_version"),
    enrolmentVersion: integer("enrolment_version"),
    provisional: boolean("provisional").notNull(),
    // bank details as paid (copied when the line is made)
    accountName: text("account_name"),
    bankName: text("bank_name"),
    accountNumber: text("account_number"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // EXACTLY ONCE: a facility-month has one original line, whatever the batch
    uniqueIndex("subsidy_lines_original_uq").on(t.facilityId, t.period).where(sql`${t.kind} = 'original'`),
    // one correction per facility-month per batch
    uniqueIndex("subsidy_lines_delta_uq").on(t.batchId, t.facilityId, t.period).where(sql`${t.kind} = 'delta'`),
    index("subsidy_lines_batch_idx").on(t.batchId, t.payable),
    // the batch page lists lines by facility name, a page at a time
    index("subsidy_lines_batch_name_idx").on(t.batchId, t.facilityName, t.period, t.id),
    index("subsidy_lines_facility_idx").on(t.facilityId, t.period),
    check("subsidy_lines_delta_points", sql`(${t.kind} = 'original') = (${t.correctsLineId} IS NULL)`),
    check("subsidy_lines_original_nonneg", sql`${t.kind} <> 'original' OR ${t.amountFen} >= 0`),
  ],
);

// Payable totals per batch, month and county, written when a batch's preparation ends: spend by month and
// county reads this small table rather than every line (≈ 1M lines a year at provincial scale).
export const subsidyBatchTotals = pgTable(
  "subsidy_batch_totals",
  {
    batchId: uuid("batch_id")
      .notNull()
      .references(() => subsidyBatches.id),
    period: text("period").notNull(),
    jurisdictionCode: text("jurisdiction_code").notNull(),
    lines: integer("lines").notNull(),
    amountFen: bigint("amount_fen", { mode: "number" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.batchId, t.period, t.jurisdictionCode] }), index("subsidy_batch_totals_period_idx").on(t.period)],
);

export type LocalParameterValueRow = typeof localParameterValues.$inferSelect;
export type EnrolmentReportRow = typeof enrolmentReports.$inferSelect;
export type EnrolmentReportVersionRow = typeof enrolmentReportVersions.$inferSelect;
export type SubsidyBatchRow = typeof subsidyBatches.$inferSelect;
export type SubsidyLineRow = typeof subsidyLines.$inferSelect;
export type FacilityBankAccountRow = typeof facilityBankAccounts.$inferSelect;
