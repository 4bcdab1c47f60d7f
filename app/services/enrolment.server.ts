// Monthly enrolment reports (月度在托人数报告, issue #7 part 3): the operator of a filed facility reports,
// per month, full-day and other children per class type (or, for a kindergarten's 托班, the 托班's
// children) and the days open; a reviewer whose scope holds the facility approves or returns it. One
// report per facility and month (a unique index); its content lives in versions: draft → submitted →
// approved | returned (returned → submitted again). An amendment after approval is a new version that
// needs approval in turn; until then the approved one stays in force (it is what a subsidy batch pays on).
//
// Decisions where the issue is silent:
// - Only a filed facility reports (filing state filed, or filed with a change pending); a month may be
//   reported from the month the facility was filed in (the subsidy judges filing on the month's last day,
//   so the filing month can qualify) up to the current month. A draft of the current month may be saved;
//   it is submitted once the month has ended (Asia/Shanghai).
// - Impossible data is refused with field errors, data breaking a standard is accepted: negative counts;
//   a class type's full-day children above the summed capacity of the facility's classes of that type
//   (the working copy's classes, as today); all full-day children above total slots; more days open than
//   the month has. "Other" (half-day, hourly, temporary) children are not held to capacity: they may share
//   a place across a day.
// - A kindergarten_class facility (a kindergarten's 托班) reports its full-day children as
//   `kindergartenClassChildren` (paid at the kindergarten-class rate) and leaves the class-type full-day
//   counts at 0; its other children are reported per class type. Any other facility leaves
//   `kindergartenClassChildren` at 0.
// - A version is editable while draft or returned; a submitted one waits for the reviewer (no withdrawal).
//
// This module is the area's public API; each use case lives in ./enrolment/:
// - shared.server.ts    reporting states, the fields of a version, the current month, the checks, the month's report
// - operator.server.ts  save a draft / amendment, submit
// - review.server.ts    the reviewer's queue, approve, return
// - reports.server.ts   a facility's reports, one month's, the amendment diff, the operator's page
export { capacityOf, checkPeriod, contentErrors, currentPeriod, ENROLMENT_FIELDS, type EnrolmentField } from "./enrolment/shared.server";
export { saveEnrolmentDraft, submitEnrolment, type SavedDraft } from "./enrolment/operator.server";
export { approveEnrolment, enrolmentQueue, returnEnrolment, type QueueEntry } from "./enrolment/review.server";
export { defaultPeriod, enrolmentDiff, enrolmentReportFor, enrolmentReportsOf, operatorEnrolment, type FieldChange, type ReportWithVersions } from "./enrolment/reports.server";
