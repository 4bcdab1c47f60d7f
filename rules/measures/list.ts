// The twelve measures in the order every Evaluation lists them (RULES.md "Measures").

import type { MeasureDefinition } from "../engine/measure";
import { filingComplete } from "./filing-complete";
import { staffingCompliant } from "./staffing-compliant";
import { inclusiveCertification } from "./inclusive-certification";
import { pricingGuidedPrice } from "./pricing-guided-price";
import { utilityResidentialPrice } from "./utility-residential-price";
import { taxCommunityChildcareRelief } from "./tax-community-childcare-relief";
import { premisesIdleStateAssetsPriority } from "./premises-idle-state-assets-priority";
import { soeAssessmentExemption } from "./soe-assessment-exemption";
import { subsidyOperating } from "./subsidy-operating";
import { employerUnionSupport } from "./employer-union-support";
import { workforceTrainingSubsidy } from "./workforce-training-subsidy";
import { kindergartenInclusiveToddlerClass } from "./kindergarten-inclusive-toddler-class";

export const MEASURES: readonly MeasureDefinition[] = [
  filingComplete,
  staffingCompliant,
  inclusiveCertification,
  pricingGuidedPrice,
  utilityResidentialPrice,
  taxCommunityChildcareRelief,
  premisesIdleStateAssetsPriority,
  soeAssessmentExemption,
  subsidyOperating,
  employerUnionSupport,
  workforceTrainingSubsidy,
  kindergartenInclusiveToddlerClass,
];

export const MEASURE_IDS: readonly string[] = MEASURES.map((m) => m.id);
