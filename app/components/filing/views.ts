// The filing review page's data as its sections receive it (the route's loader builds it), and the
// answer of the "show the full ID number" intent.
import type { Evaluation } from "../../../rules/engine/evaluate";
import type { Snapshot } from "../../../rules/snapshot";
import type { ReasonRowValue } from "./return-reasons";

export type ReviewFacilityView = {
  id: string;
  name: string;
  address: string | null;
  jurisdictionCode: string;
  state: string;
  receiptNumber: string | null;
  filedOn: string | null;
};

export type ReviewFilingView = {
  id: string;
  kind: string;
  status: string;
  submittedAt: string;
  dueOn: string;
  overdue: boolean;
  explanation: string | null;
  receiptNumber: string | null;
  decidedAt: string | null;
  returnReasons: ReasonRowValue[];
  evaluation: Evaluation;
};

/** What the operator submitted, from the filing's stored snapshot. */
export type SubmittedSnapshotView = {
  operator: Snapshot["operator"];
  facility: Snapshot["facility"];
  classes: NonNullable<Snapshot["classes"]>;
};

export type RosterMemberView = {
  id: string;
  name: string;
  role: string;
  idNumberMasked: string;
  education: string | null;
  yearsOfExperience: number | null;
  healthCertificateValidUntil: string | null;
  backgroundCheckOn: string | null;
  qualifications: Array<{ id: string; kind: string; level: number | null; number: string | null; validUntil: string | null; proofDocumentId: string | null }>;
};

export type ReviewDocumentView = {
  id: string;
  kind: string;
  originalName: string;
  sizeBytes: number;
  issuedOn: string | null;
  validUntil: string | null;
  passed: boolean | null;
  createdAt: string;
  /** The staff member whose qualification or health certificate this document proves. */
  proofOf: string | null;
};

export type FilingHistoryEntry = {
  id: string;
  kind: string;
  status: string;
  submittedAt: string;
  decidedAt: string | null;
  receiptNumber: string | null;
  returnReasons: ReasonRowValue[];
};

export type RevealedId = { revealed: { staffId: string; name: string; idNumber: string } };

export function isRevealed(value: unknown): value is RevealedId {
  return typeof value === "object" && value !== null && "revealed" in value && typeof value.revealed === "object" && value.revealed !== null;
}
