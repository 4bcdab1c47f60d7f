// The public facts of employer-run programmes that the facility directory shows: employer, park,
// openness, reserved slots and the 全国爱心托育用人单位 honour — nothing personal or the union's own records.
import { and, asc, eq, inArray } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { directoryEntries, facilities, unionNominations } from "../../../db/schema";
import { isUuid } from "../../utils/ids";

export type PublicProgramme = {
  employerName: string | null;
  parkName: string | null;
  mainlyForOwnEmployees: boolean | null;
  openToOtherEmployers: boolean | null;
  openToResidents: boolean | null;
  reservedSlots: number | null;
  awardedYears: number[];
};

/**
 * The public side of employer-run programmes listed in the facility directory: employer, park,
 * openness, reserved slots and the 全国爱心托育用人单位 honour — never the employer's contact person or
 * phone (personal data), its USCC, the union's notes or grants.
 */
export async function publicProgrammes(db: Db, facilityIds: readonly string[]): Promise<Record<string, PublicProgramme>> {
  const ids = facilityIds.filter(isUuid);
  if (ids.length === 0) return {};
  const [rows, awards] = await Promise.all([
    db
      .select({
        id: facilities.id,
        employerName: facilities.employerName,
        parkName: facilities.employerParkName,
        mainlyForOwnEmployees: facilities.employerMainlyForOwnEmployees,
        openToOtherEmployers: facilities.employerOpenToOtherEmployers,
        openToResidents: facilities.employerOpenToResidents,
        reservedSlots: facilities.employerReservedSlots,
      })
      .from(facilities)
      .innerJoin(directoryEntries, eq(directoryEntries.facilityId, facilities.id))
      .where(and(inArray(facilities.id, ids), eq(facilities.kind, "employer_run"), eq(directoryEntries.kind, "employer_run"))),
    db
      .select({ facilityId: unionNominations.facilityId, year: unionNominations.year })
      .from(unionNominations)
      .where(and(inArray(unionNominations.facilityId, ids), eq(unionNominations.status, "awarded")))
      .orderBy(asc(unionNominations.year)),
  ]);
  const out: Record<string, PublicProgramme> = {};
  for (const { id, ...facts } of rows) out[id] = { ...facts, awardedYears: awards.filter((a) => a.facilityId === id).map((a) => a.year) };
  return out;
}
