// The drill-down behind one count of the overview (../overview.server.ts): the facilities in scope whose
// measure has a given status on a date, one page at a time.
import type { Db } from "../../../db/client";
import type { Status, Text } from "../../../rules/engine/types";
import { MEASURES } from "../../../rules/measures/list";
import type { Actor } from "../../auth/session.server";
import { ValidationError } from "../errors";
import { localParameters } from "../pricing.server";
import { assertOverviewAccess, checkDate, evaluateScope, isStatus, scopedFacilities } from "./scope.server";

export const OVERVIEW_PAGE_SIZE = 50;

export type OverviewFacility = {
  facilityId: string;
  name: string;
  jurisdictionCode: string;
  jurisdictionNameZh: string;
  jurisdictionNameEn: string;
  /** for needs_info: the facts whose absence keeps it open */
  missing: string[];
};
export type OverviewDrill = {
  asOf: string;
  measure: string;
  title: Text;
  status: Status;
  total: number;
  page: number;
  pageSize: number;
  pages: number;
  items: OverviewFacility[];
};

/**
 * The drill-down behind one count: the facilities in scope whose `measure` has `status` on `asOf`, by
 * county and name, one page at a time (`page` from 1). Only that measure is evaluated.
 */
export async function overviewFacilities(
  db: Db,
  actor: Actor,
  asOf: string,
  measure: string,
  status: string,
  page = 1,
  pageSize: number = OVERVIEW_PAGE_SIZE
): Promise<OverviewDrill> {
  const scope = assertOverviewAccess(actor);
  checkDate(asOf);
  const definition = MEASURES.find((m) => m.id === measure);
  if (!definition)
    throw new ValidationError({ measure: "overview.errors.measure" });
  if (!isStatus(status))
    throw new ValidationError({ status: "overview.errors.status" });
  const size = Math.max(
    1,
    Math.min(Math.floor(pageSize) || OVERVIEW_PAGE_SIZE, 100_000)
  );
  const [rows, local] = await Promise.all([
    scopedFacilities(db, scope),
    localParameters(db),
  ]);
  const matching: OverviewFacility[] = [];
  const only = [measure];
  await evaluateScope(db, rows, asOf, local, only, (row, determinations) => {
    const d = determinations[0];
    if (d?.status === status) {
      matching.push({
        facilityId: row.id,
        name: row.name,
        jurisdictionCode: row.jurisdictionCode,
        jurisdictionNameZh: row.jurisdictionNameZh,
        jurisdictionNameEn: row.jurisdictionNameEn,
        missing: d.missing,
      });
    }
  });
  const pages = Math.max(1, Math.ceil(matching.length / size));
  const current = Math.min(Math.max(1, Math.floor(page) || 1), pages);
  return {
    asOf,
    measure,
    title: { zh: definition.title.zh, en: definition.title.en },
    status,
    total: matching.length,
    page: current,
    pageSize: size,
    pages,
    items: matching.slice((current - 1) * size, current * size),
  };
}
