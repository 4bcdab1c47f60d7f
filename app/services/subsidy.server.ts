// Operating subsidy batches (issue [6/7], DESIGN.md "Operating subsidy"): a reviewer prepares a batch for
// a jurisdiction and month, the rules layer decides every line (the decision is stored compactly with
// the rules version and the local parameter set, so it replays years later), a finance officer who did
// not prepare it approves, then records the payment and exports the payment file.
//
// Money is paid once. The database holds the line: one `original` line per facility-month, ever
// (subsidy_lines_original_uq), and lines of approved or paid batches cannot be changed (trigger). A later
// correction — an amended enrolment report approved after payment, or a standard entered later with an
// earlier effective date — becomes a `delta` line (top-up or recovery) in the next batch prepared for
// the jurisdiction, pointing at the original line it corrects.
//
// This module is the area's public API; each use case lives in ./subsidy/:
// - shared.server.ts       the measure, period helpers, who sees batches, local parameter sets by version
// - facts.server.ts        the facts query and `subsidySnapshot`
// - decisions.server.ts    the stored decision, exclusion reasons, provisional lines, the original line
// - prepare.server.ts      begin / run / prepare a batch (chunked, guarded by the run token)
// - corrections.server.ts  correction candidates and their delta lines
// - approve.server.ts      approval (four eyes, never provisional)
// - pay.server.ts          recording the payment, payment rows and the payment file
// - lines.server.ts        the batch list, a batch's summary, its lines, one line replayed
// - statements.server.ts   a facility's statement, spend by month and county

// the forms' schemas live in a browser-safe module (react-hook-form uses them too)
export { batchPeriodSchema as periodSchema, paidSchema, prepareSchema } from "./batches.schemas";
export { canSeeSubsidy, monthOf, parameterSetValues, SUBSIDY_MEASURE } from "./subsidy/shared.server";
export { subsidySnapshot } from "./subsidy/facts.server";
export { exclusionReasons, lineProvisional, type StoredDecision } from "./subsidy/decisions.server";
export { beginPreparation, prepareBatch, PREPARE_CHUNK, PreparationSuperseded, runPreparation } from "./subsidy/prepare.server";
export { approveBatch } from "./subsidy/approve.server";
export { markBatchPaid, PAYMENT_COLUMNS, paymentFile, paymentRows, type PaymentRow } from "./subsidy/pay.server";
export { batchDetail, batchLines, LINE_FILTERS, lineView, LINES_PAGE_SIZE, listBatches, type BatchLine, type LineFilter, type LineView } from "./subsidy/lines.server";
export { facilityStatement, spendByMonthAndCounty, type SpendRow, type StatementLine } from "./subsidy/statements.server";
