// English messages of the role homes' "what waits for you"; keys mirror work.zh-CN.ts exactly.
export const workEn = {
  title: "What waits for you",
  nothing: "Nothing is waiting for you right now.",
  operator: {
    toFinish: { label: "facilities to complete or correct", next: "Open the facilities marked draft or returned, complete the checklist and submit the filing." },
    underReview: { label: "filings or changes under review", next: "The health commission decides within 5 working days; the result arrives in your messages." },
    enrolmentDue: { label: "facilities to report last month's enrolment", next: "Open the facility's monthly enrolment report, enter last month's children and submit it." },
    expiring: { label: "proofs expiring within 30 days", next: "Find the staff member under “Proofs expiring soon” and upload the new proof." },
  },
  reviewer: {
    filings: { label: "filings awaiting review", next: "Review the queue below by due date: accept, or return with every missing item at once." },
    overdue: { label: "filings past their deadline", next: "Deal with the filings marked overdue first." },
    inclusive: { label: "inclusive certifications to handle", next: "Take applications, inspect, publish the notice, or do a yearly review that is due." },
    objections: { label: "notice objections awaiting a ruling", next: "Rule on each objection (dismiss or uphold) on the application page." },
    enrolment: { label: "enrolment reports awaiting review", next: "Check the reports and approve or return them; only approved months enter a batch." },
  },
  finance: {
    notInForce: { label: "No operating subsidy in force in this scope", next: "The 阿拉尔 plan sets no operating-subsidy rate, so there are no batches here; see where the measure is in force." },
    toApprove: { label: "subsidy batches awaiting approval", next: "Check the batch lines and approve (never a batch you prepared yourself)." },
    toPay: { label: "approved batches awaiting payment", next: "Export the payment file, pay, then record the payment date and reference." },
    provisional: { label: "batches blocked by a provisional standard", next: "An administrator must enter the county's published standard first; then prepare the batch again." },
  },
  pricing: {
    published: { label: "schedules in force", next: "Current and earlier schedules are listed below." },
    upcoming: { label: "schedules not yet in force", next: "Check the caps before the effective date; from then on declared fees are checked against them." },
    declaring: { label: "filed facilities with declared fees", next: "See each facility's published fees in the directory." },
  },
  union: {
    programmes: { label: "employer-run programmes", next: "Filter by employer, park or openness and see each programme's support determination." },
    openNominations: { label: "caring-employer nominations in progress", next: "Record the nomination's progress and the award decision on the programme page." },
    grants: { label: "union grants this year", next: "Grant totals by year and county are below the programme list." },
  },
  admin: {
    users: { label: "active accounts", next: "Create accounts, reset passwords or deactivate the accounts of staff who left." },
    demoUsers: { label: "demo accounts still on the published password", next: "Change or deactivate the demo accounts before real use." },
    withoutStandard: { label: "counties still on the provisional subsidy standard", next: "Enter the county's published standard and clause under Subsidy standards." },
  },
  audit: {
    recent: { label: "events in the last 7 days", next: "Filter by user, action and date, and verify the hash chain." },
    failures: { label: "failed sign-ins in the last 7 days", next: "Look at where they came from; contact the administrator if needed." },
    reveals: { label: "full ID number views in the last 7 days", next: "Check that each viewer was the facility's operator or its responsible reviewer." },
  },
};
