// The jurisdiction overview (issue [5/7]): per measure, how many filed facilities in a staff member's
// scope are eligible / ineligible / need information / not applicable on a date, the drill-down list
// behind each count, and its XLSX export.
//
// Scale (DESIGN.md): a deployment holds up to 100k facilities, so nothing here builds snapshots one
// facility at a time. `buildSnapshots` loads a chunk of facilities and everything the rules read about
// them in one query per table (chunked `IN` lists), and `assembleSnapshot` — a pure function — maps the
// rows onto the snapshot exactly as `buildSnapshot` (filing.server.ts) does; a test proves both agree.
// The overview walks the scope in chunks of CHUNK_SIZE, evaluates each snapshot once (local parameters
// loaded once, so the engine's parameter memo is shared) and keeps only the counts.
//
// This module is the area's public API; each use case lives in ./overview/:
// - facts.server.ts      the facts of a chunk of facilities, one query per table
// - snapshots.server.ts  `assembleSnapshot` and `buildSnapshots` (used by filing, letters, union too)
// - scope.server.ts      statuses and measures, who may see the overview, the scoped chunked evaluation
// - counts.server.ts     the per-measure counts (`jurisdictionOverview`)
// - drill.server.ts      the facilities behind one count, paginated
// - export.server.ts     the XLSX export
export { CHUNK_SIZE, type FacilityFacts } from "./overview/facts.server";
export { assembleSnapshot, buildSnapshots } from "./overview/snapshots.server";
export { canSeeOverview, isMeasureId, isStatus, MEASURE_IDS, STATUSES } from "./overview/scope.server";
export { jurisdictionOverview, type Overview, type OverviewMeasure, type StatusCounts } from "./overview/counts.server";
export { OVERVIEW_PAGE_SIZE, overviewFacilities, type OverviewDrill, type OverviewFacility } from "./overview/drill.server";
export { overviewExport } from "./overview/export.server";
