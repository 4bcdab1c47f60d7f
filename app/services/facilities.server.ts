// The operator's side of registration: organisation details, facilities (working copy), classes,
// staff with encrypted ID numbers and qualifications, and uploaded documents. Every mutation: scope
// (own organisation) → zod parse → one transaction → writes → audit row.
//
// This module is the public index; each use case lives in facilities/:
//   access.server.ts             which facility an actor may see or edit (loadFacility)
//   organisation.server.ts       the operator's organisation
//   facility.server.ts           creating, updating and listing the organisation's facilities
//   programme-profile.server.ts  the employer-run programme profile (用人单位办托)
//   classes.server.ts            classes within the facility's 托位
//   staff.server.ts              the staff roster, encrypted ID numbers and their audited reveal
//   qualifications.server.ts     staff qualifications with their proofs
//   documents.server.ts          uploaded documents, and who may read them
//   expiring.server.ts           health certificates and qualifications about to lapse
//   shared.server.ts             parsing, the jurisdiction check, audit picks, upload storage
export { loadFacility } from "./facilities/access.server";
export { getOwnOrganisation, saveOrganisation } from "./facilities/organisation.server";
export { createFacility, listOwnFacilities, updateFacility } from "./facilities/facility.server";
export { saveProgrammeProfile } from "./facilities/programme-profile.server";
export { listClasses, removeClass, saveClass } from "./facilities/classes.server";
export { listStaff, removeStaffMember, revealStaffIdNumber, saveStaffMember, type StaffListItem } from "./facilities/staff.server";
export { addQualification, removeQualification } from "./facilities/qualifications.server";
export { listDocuments, readDocument, removeDocument, uploadDocument } from "./facilities/documents.server";
export { EXPIRY_WARNING_DAYS, expiringProofs, type ExpiringProof } from "./facilities/expiring.server";
