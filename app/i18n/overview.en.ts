// Messages of the jurisdiction overview (/review/overview), its drill-down and export, the flagged
// documents page (/review/flagged) and eligibility letters — English. Keys mirror overview.zh-CN.ts.
export const overviewEn = {
  title: "Measures across the jurisdiction",
  intro:
    "How the filed facilities in your jurisdiction stand on the 12 support measures on the chosen date: eligible, not eligible, needing information, or not applicable. Select a number to see the facilities.",
  scope: "Scope: {{name}} · {{count}} filed facilities",
  date: "Date",
  show: "Show",
  today: "Back to today",
  asOf: "Judged on {{date}}",
  rulesVersion: "Rules version: {{version}}",
  export: "Export to Excel (XLSX)",
  exportList: "Export the list (XLSX)",
  chartTitle: "Determinations per measure",
  chartNote:
    "The chart shows the same numbers as the table below; every segment is labelled with its status and count.",
  tableTitle: "Determinations per measure",
  measure: "Measure",
  total: "Total",
  countLink: "{{measure}}: {{status}} {{count}} facilities, show the list",
  empty: "No filed facility in your jurisdiction yet.",
  drill: {
    title: "{{measure}} · {{status}}",
    count: "{{count}} facilities",
    facility: "Facility",
    county: "County / district",
    missing: "Information needed",
    none: "No facility matches.",
    back: "Back to the table",
  },
  pager: {
    previous: "Previous",
    next: "Next",
    page: "Page {{page}} of {{pages}}",
  },
  errors: {
    measure: "Unknown measure",
    status: "Unknown status",
  },
  letters: {
    errors: {
      measure: "No eligibility letter is issued for this measure",
      notFiled: "A letter can be requested once the facility is filed",
      notEligible:
        "Judged today, the facility does not qualify for this measure: no letter can be issued",
      duplicate: "A valid eligibility letter for this measure exists already",
    },
  },
  flagged: {
    title: "Documents to re-examine",
    intro:
      "Valid utility price certificates and eligibility letters whose measure, judged again on today's records, no longer holds. Documents of cancelled filings are void automatically and not listed.",
    empty: "No certificate or letter needs re-examining.",
    facility: "Facility",
    county: "County / district",
    document: "Document",
    number: "Number",
    measure: "Measure",
    nowStatus: "Judged today",
    validity: "Validity",
    missing: "Missing: {{facts}}",
    openEnded: "from {{from}}, no end date",
    range: "{{from}} to {{until}}",
    count: "{{count}} documents",
  },
};
