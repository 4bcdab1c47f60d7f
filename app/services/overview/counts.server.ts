// The jurisdiction overview's counts (../overview.server.ts): per measure, how many filed facilities in a
// staff member's scope are eligible / ineligible / need information / not applicable on a date.
import { eq } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { jurisdictions } from "../../../db/schema";
import { RULES_VERSION } from "../../../rules/engine/evaluate";
import type { Status, Text } from "../../../rules/engine/types";
import { MEASURES } from "../../../rules/measures/list";
import type { Actor } from "../../auth/session.server";
import { todayInShanghai } from "../../utils/format";
import { localParameters } from "../pricing.server";
import { assertOverviewAccess, checkDate, evaluateScope, scopedFacilities } from "./scope.server";

export type StatusCounts = Record<Status, number>;
export type OverviewMeasure = {
  measure: string;
  title: Text;
  counts: StatusCounts;
};
export type Overview = {
  asOf: string;
  scope: string;
  scopeNameZh: string;
  scopeNameEn: string;
  /** filed (or change_submitted) facilities in scope */
  facilities: number;
  rulesVersion: string;
  measures: OverviewMeasure[];
};

async function scopeName(
  db: Db,
  scope: string
): Promise<{ zh: string; en: string }> {
  const [row] = await db
    .select({ zh: jurisdictions.nameZh, en: jurisdictions.nameEn })
    .from(jurisdictions)
    .where(eq(jurisdictions.code, scope));
  return row ?? { zh: scope, en: scope };
}

/**
 * Per measure, how many filed facilities in the actor's scope are eligible / ineligible / need
 * information / not applicable on `asOf`, with the administrators' local parameters.
 */
export async function jurisdictionOverview(
  db: Db,
  actor: Actor,
  asOf: string = todayInShanghai()
): Promise<Overview> {
  const scope = assertOverviewAccess(actor);
  checkDate(asOf);
  const [rows, local, name] = await Promise.all([
    scopedFacilities(db, scope),
    localParameters(db),
    scopeName(db, scope),
  ]);
  const counts = new Map<string, StatusCounts>(
    MEASURES.map((m) => [
      m.id,
      { eligible: 0, ineligible: 0, needs_info: 0, not_applicable: 0 },
    ])
  );
  await evaluateScope(
    db,
    rows,
    asOf,
    local,
    undefined,
    (_row, determinations) => {
      for (const d of determinations) {
        const c = counts.get(d.measure);
        if (c) c[d.status] += 1;
      }
    }
  );
  return {
    asOf,
    scope,
    scopeNameZh: name.zh,
    scopeNameEn: name.en,
    facilities: rows.length,
    rulesVersion: RULES_VERSION,
    measures: MEASURES.map((m) => ({
      measure: m.id,
      title: { zh: m.title.zh, en: m.title.en },
      counts: counts.get(m.id) ?? {
        eligible: 0,
        ineligible: 0,
        needs_info: 0,
        not_applicable: 0,
      },
    })),
  };
}
