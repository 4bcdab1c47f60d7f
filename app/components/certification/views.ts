// The inclusive application page's data as its sections receive it (the route's loader builds it), and the
// answer of a step whose input or state was refused: it names the form it belongs to.
import { isActionErrors } from "../forms";

export type ApplicationFacilityView = {
  id: string;
  name: string;
  address: string | null;
  jurisdictionCode: string;
  state: string;
  kind: string | null;
  totalSlots: number | null;
  receiptNumber: string | null;
  operatorName: string | null;
  ownership: string | null;
};

export type ApplicationView = {
  id: string;
  status: string;
  appliedAt: string;
  requestedSlots: number | null;
  inspectionOn: string | null;
  inspectionFindings: string | null;
  inspectionPassed: boolean | null;
  noticeStartsOn: string | null;
  noticeEndsOn: string | null;
  certifiedSlots: number | null;
  validFrom: string | null;
  validUntil: string | null;
  certificateId: string | null;
  reasons: string | null;
  decidedAt: string | null;
  lastReviewedOn: string | null;
};

export type ObjectionView = {
  id: string;
  content: string;
  contact: string | null;
  ruling: string;
  rulingNote: string | null;
  createdAt: string;
  ruledAt: string | null;
};

/** Field errors and conflicts name the form they belong to (several forms share field names). */
export type StepErrors = {
  ok: false;
  fieldErrors: Record<string, string>;
  formError?: string;
  intent: string;
  target: string;
  values: Record<string, string>;
};

export function isStepErrors(value: unknown): value is StepErrors {
  return isActionErrors(value) && "intent" in value;
}
