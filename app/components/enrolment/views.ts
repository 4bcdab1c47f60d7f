// What the operator's enrolment page hands its sections: one version of a month's report as the loader
// sends it (instants as ISO strings), what the facility can hold, and the 400 answer of a refused save
// (the typed values come back so the form keeps them).
import type { EnrolmentVersionStatus } from "../../../db/schema/subsidy";

export type EnrolmentVersionView = {
  id: string;
  version: number;
  status: EnrolmentVersionStatus;
  fullDayInfant: number;
  fullDayToddler: number;
  fullDayOlderToddler: number;
  fullDayMixed: number;
  otherInfant: number;
  otherToddler: number;
  otherOlderToddler: number;
  otherMixed: number;
  kindergartenClassChildren: number;
  daysOpen: number;
  fullDayAttending: number | null;
  note: string | null;
  returnReason: string | null;
  submittedAt: string | null;
  decidedAt: string | null;
};

/** Summed class capacity per class type, total slots, and whether the facility is a kindergarten's 托班. */
export type EnrolmentCapacityView = { byType: Record<string, number>; totalSlots: number | null; kindergarten: boolean };

/** The month's report: the version in force (if any) and every version. */
export type EnrolmentReportView = { id: string; approvedVersion: number | null; approvedFullDayChildren: number | null; versions: EnrolmentVersionView[] };

/** A month in the list of reported months, each version with its full-day children. */
export type EnrolmentListEntry = {
  id: string;
  period: string;
  approvedVersion: number | null;
  approvedFullDayChildren: number | null;
  versions: Array<{ id: string; version: number; status: EnrolmentVersionStatus; fullDayChildren: number; submittedAt: string | null }>;
};

export type EnrolmentErrors = { ok: false; fieldErrors: Record<string, string>; formError?: string; values: Record<string, string> | null };
