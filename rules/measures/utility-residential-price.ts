// 5. utility.residential_price — 水电气热按居民生活类价格. National (国办发〔2019〕15号), A§16. The filing
// receipt is the proof; the price applies from the first day of the month after the date.
//
// details: { utilities: ["water", …] (heat only where listed), effectiveFrom, validUntil, validMonths }

import { addDays, addMonths, firstDayOfNextMonth } from "../engine/dates";
import type { MeasureDefinition } from "../engine/measure";
import { REF } from "../parameters/references";
import { filingFiled, listParam, numberParam, servicesAny } from "./common";

export const utilityResidentialPrice: MeasureDefinition = {
  id: "utility.residential_price",
  title: { zh: "水电气热按居民生活类价格执行", en: "Utilities at residential prices" },
  legalBasis: [REF.utility, REF.alar16],
  monetary: false,
  inForce: { parameter: "measure.utility.residential_price.enabled", when: "flag" },
  tree: { kind: "all", id: "all", children: [filingFiled, servicesAny] },
  parameters: ["utility.kinds", "utility.certificate_valid_months"],
  outcome(ctx) {
    // Depends on the date and parameters only: computed once per resolution.
    const cached = ctx.shared.utilityDetails as Record<string, unknown> | undefined;
    if (cached) return { amountFen: null, details: cached };
    const effectiveFrom = firstDayOfNextMonth(ctx.date);
    const months = numberParam(ctx, "utility.certificate_valid_months");
    const details = Object.freeze({
      utilities: listParam(ctx, "utility.kinds") ?? [],
      effectiveFrom,
      validUntil: months === undefined ? null : addDays(addMonths(effectiveFrom, months), -1),
      validMonths: months ?? null,
    });
    ctx.shared.utilityDetails = details;
    return { amountFen: null, details };
  },
};
