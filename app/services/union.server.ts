// The trade union's work on employer-run childcare (用人单位办托; 蚌埠 B§6; DOMAIN.md "Employer-run childcare
// and unions"): the scoped directory of employer-run programmes with the rules' `employer.union_support`
// determination, nominations for 全国爱心托育用人单位 by year (nominated → recommended by the province →
// awarded | not awarded), union grants with totals, the XLSX export, and the public facts the facility
// directory shows. The programme profile is part of the facility's working copy
// (facilities/programme-profile.server.ts, saveProgrammeProfile).
//
// Union officers see employer-run facilities within their jurisdiction only (in the WHERE clause), never
// drafts (an operator's unsubmitted working copy), and nothing of the staff roster or subsidy payments:
// they hold no facility-view or subsidy permission, so those pages and services refuse them.
//
// This module is the public index; each use case lives in union/:
//   directory.server.ts    the officer's filtered directory, its jurisdictions and search parameters
//   programmes.server.ts   one programme: the officer's page and the operator's read-only view
//   nominations.server.ts  nominations, their steps and papers
//   grants.server.ts       union grants and their totals
//   export.server.ts       the directory as XLSX
//   public.server.ts       the employer-run facts of the public facility directory
//   shared.server.ts       scope, visible states, nomination steps, the rules' determination
export { nextNominationStatuses, UNION_MEASURE, type InclusiveLabel } from "./union/shared.server";
export {
  directoryQueryFrom,
  UNION_PAGE_SIZE,
  unionDirectory,
  unionJurisdictions,
  type ProgrammeFee,
  type ProgrammeRow,
  type UnionDirectoryQuery,
} from "./union/directory.server";
export { grantTotals, recordGrant, type GrantTotals, type GrantView } from "./union/grants.server";
export { programmeDetail, programmeForOperator, type NominationView } from "./union/programmes.server";
export { attachNominationDocument, decideNomination, MAX_NOMINATION_DOCUMENTS, nominateProgramme } from "./union/nominations.server";
export { publicProgrammes, type PublicProgramme } from "./union/public.server";
export { EXPORT_LIMIT, unionDownload, unionExport } from "./union/export.server";
