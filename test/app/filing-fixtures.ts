// Builds a complete, fileable 怀远县 facility through the operator services (so the fixtures exercise
// them), with documents stored in a throwaway directory.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Db } from "../../db/client";
import type { Actor } from "../../app/auth/session.server";
import { addQualification, createFacility, saveClass, saveOrganisation, saveStaffMember, uploadDocument } from "../../app/services/facilities.server";
import { localDiskStorage } from "../../app/services/storage.server";
import { todayInShanghai } from "../../app/utils/format";
import { addDays } from "../../rules/engine/dates";

export const storage = localDiskStorage(mkdtempSync(join(tmpdir(), "tuoyu-uploads-")));

export function pdf(label = "proof"): { bytes: Uint8Array; name: string } {
  return { bytes: new TextEncoder().encode(`%PDF-1.4\n% ${label}\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n`), name: `${label}.pdf` };
}

/** Valid resident ID numbers (GB 11643 check characters), one per index. */
export function idNumber(i: number): string {
  const first17 = `34032119900101${String(100 + i).padStart(3, "0")}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((acc, c, k) => acc + Number(c) * (weights[k] ?? 0), 0);
  return first17 + "10X98765432"[sum % 11];
}

export const ORGANISATION = {
  name: "怀远县禾苗托育服务有限公司",
  uscc: "91340321MA2R3K5L1R",
  legalForm: "company",
  ownership: "private",
  businessScopeIncludesChildcare: "true",
  jurisdictionCode: "340321",
};

// Background checks are repeated yearly (未成年人保护法 第六十二条): a check a month ago, whatever day the suite runs.
const RECENT_CHECK = addDays(todayInShanghai(), -30);
const BASE_STAFF = { education: "junior_college", yearsOfExperience: "5", healthCertificateValidUntil: "2027-12-31", backgroundCheckOn: RECENT_CHECK, laborContract: "true", socialInsurance: "true" };

export async function completeFacility(db: Db, operator: Actor, name = "禾苗托育中心"): Promise<string> {
  await saveOrganisation(db, operator, ORGANISATION);
  const facilityId = await createFacility(db, operator, {
    name,
    address: "怀远县城关镇禹王路 1 号",
    jurisdictionCode: "340321",
    kind: "standalone",
    serviceTypes: ["full_day", "half_day"],
    totalSlots: "60",
    openedOn: "2025-03-01",
    mealsProvided: "false",
    premisesTenure: "owned",
  });
  await saveClass(db, operator, facilityId, null, { type: "toddler", capacity: "15", enrolled: "10", caregivers: "2" });
  await saveClass(db, operator, facilityId, null, { type: "older_toddler", capacity: "20", enrolled: "14", caregivers: "2" });
  for (const kind of ["business_license", "site_proof", "fire_safety"]) {
    await uploadDocument(db, operator, facilityId, { kind, issuedOn: "2025-01-10" }, pdf(kind), storage);
  }
  await uploadDocument(db, operator, facilityId, { kind: "health_evaluation", issuedOn: "2025-02-01", passed: "true" }, pdf("health"), storage);
  const staff: Array<{ role: string; quals: Array<Record<string, string>> }> = [
    { role: "director", quals: [{ kind: "director_training" }] },
    { role: "health_worker", quals: [{ kind: "health_care_training" }] },
    { role: "security_guard", quals: [{ kind: "security_guard_certificate" }] },
    ...Array.from({ length: 6 }, () => ({ role: "caregiver", quals: [{ kind: "childcare_worker", level: "4" }] })),
    { role: "cook", quals: [] },
  ];
  let i = 0;
  for (const s of staff) {
    i += 1;
    const staffId = await saveStaffMember(db, operator, facilityId, null, { ...BASE_STAFF, name: `员工${i}`, idNumber: idNumber(i), role: s.role });
    for (const q of s.quals) await addQualification(db, operator, facilityId, staffId, { ...q, number: `Q-${i}`, issuer: "怀远县人社局", issuedOn: "2024-06-01" }, pdf(`q${i}`), storage);
  }
  return facilityId;
}
