// The facts the operating subsidy reads, one query per chunk of facilities: the columns and joins of that
// query (filing, classes, roster roles, inclusive status, the period's approved enrolment report, bank
// account, months already subsidised) and `subsidySnapshot`, which maps a row to the rules' snapshot.
import { sql, type SQL } from "drizzle-orm";
import type { InclusiveApplicationRow } from "../../../db/schema";
import { lastDayOfMonth } from "../../../rules/engine/dates";
import type { Snapshot } from "../../../rules/snapshot";
import { snapshotInclusive } from "../inclusive-status.server";

// ---- the facts the subsidy reads -------------------------------------------------------------------------

export type FactsRow = {
  id: string;
  name: string;
  jurisdiction_code: string;
  kind: Snapshot["facility"]["kind"] | null;
  total_slots: number | null;
  filing_state: string;
  filed_on: string | null;
  cancelled_on: string | null;
  kindergarten_ownership: string | null;
  ownership: string | null;
  classes: unknown;
  staff_roles: unknown;
  ia_status: InclusiveApplicationRow["status"] | null;
  ia_certified_slots: number | null;
  ia_valid_from: string | null;
  ia_valid_until: string | null;
  approved_version: number | null;
  approved_full_day_children: number | null;
  approved_full_day_attending: number | null;
  subsidised_months: number | string;
  account_name: string | null;
  bank_name: string | null;
  account_number: string | null;
};

function dateText(value: unknown): string | null {
  if (value == null) return null;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value).slice(0, 10);
}

/**
 * The minimal snapshot `subsidy.operating` reads, as the application maps it (RULES.md): the filing as it
 * stood at the end of the period (a facility cancelled after the period was still filed then) with its
 * filing and cancellation days (for the county's period rule), the classes and the roster's roles (the
 * standards every route to inclusive status must meet), inclusive status as recorded, the period's approved
 * enrolment report (with the children attending the minimum days) and the months already subsidised.
 */
export function subsidySnapshot(row: FactsRow, period: string): Snapshot {
  const periodEnd = lastDayOfMonth(period);
  const cancelledOn = dateText(row.cancelled_on);
  const filingStatus =
    row.filing_state === "filed" || row.filing_state === "change_submitted"
      ? "filed"
      : row.filing_state === "cancelled"
        ? cancelledOn !== null && cancelledOn > periodEnd
          ? "filed"
          : "cancelled"
        : (row.filing_state as "draft" | "submitted" | "returned");
  const inclusive = row.ia_status
    ? snapshotInclusive(
        {
          status: row.ia_status,
          certifiedSlots: row.ia_certified_slots,
          validFrom: dateText(row.ia_valid_from),
          validUntil: dateText(row.ia_valid_until),
        } as InclusiveApplicationRow,
        periodEnd,
      )
    : { status: "none" as const };
  const classes = (typeof row.classes === "string" ? JSON.parse(row.classes) : row.classes) as [string, number, number, number | null][] | null;
  const staff = (typeof row.staff_roles === "string" ? JSON.parse(row.staff_roles) : row.staff_roles) as [string, string][] | null;
  return {
    jurisdiction: row.jurisdiction_code,
    operator: { ownership: row.ownership ?? undefined },
    facility: {
      kind: row.kind ?? undefined,
      totalSlots: row.total_slots ?? undefined,
      kindergarten: row.kind === "kindergarten_class" ? { ownership: row.kindergarten_ownership ?? undefined } : row.kind ? null : undefined,
    },
    classes: (classes ?? []).map(([type, enrolled, caregivers, youngestAgeMonths]) => ({ type, enrolled, caregivers, youngestAgeMonths })),
    staff: (staff ?? []).map(([id, role]) => ({ id: id.slice(0, 8), role })),
    filing: { status: filingStatus, filedOn: dateText(row.filed_on), cancelledOn },
    inclusive,
    enrolment: {
      period,
      approved: row.approved_version !== null,
      fullDayChildren: row.approved_version !== null ? (row.approved_full_day_children ?? 0) : undefined,
      attendingFullDayChildren: row.approved_version !== null ? (row.approved_full_day_attending ?? undefined) : undefined,
      subsidisedMonthsThisYear: Number(row.subsidised_months),
    },
  } as Snapshot;
}

export const FACTS_COLUMNS = sql`
  f.id, f.name, f.jurisdiction_code, f.kind, f.total_slots, f.filing_state, f.filed_on, f.cancelled_on, f.kindergarten_ownership,
  o.ownership,
  (SELECT json_agg(json_build_array(c.type, c.enrolled, c.caregivers, c.youngest_age_months) ORDER BY c.created_at, c.id)
     FROM facility_classes c WHERE c.facility_id = f.id) AS classes,
  (SELECT json_agg(json_build_array(s.id, s.role) ORDER BY s.created_at, s.id) FROM staff_members s WHERE s.facility_id = f.id) AS staff_roles,
  ia.status AS ia_status, ia.certified_slots AS ia_certified_slots, ia.valid_from AS ia_valid_from, ia.valid_until AS ia_valid_until,
  r.approved_version, r.approved_full_day_children, r.approved_full_day_attending,
  b.account_name, b.bank_name, b.account_number`;

export function factsJoins(period: string): SQL {
  return sql`
    JOIN organisations o ON o.id = f.organisation_id
    LEFT JOIN LATERAL (
      SELECT a.status, a.certified_slots, a.valid_from, a.valid_until FROM inclusive_applications a
       WHERE a.facility_id = f.id ORDER BY a.applied_at DESC LIMIT 1
    ) ia ON true
    LEFT JOIN enrolment_reports r ON r.facility_id = f.id AND r.period = ${period}
    LEFT JOIN facility_bank_accounts b ON b.facility_id = f.id`;
}

/** Original payable lines of the facility in earlier months of the period's year. */
export function subsidisedMonths(period: string): SQL {
  return sql`(SELECT count(*) FROM subsidy_lines sl
               WHERE sl.facility_id = f.id AND sl.kind = 'original' AND sl.payable
                 AND sl.period >= ${`${period.slice(0, 4)}-01`} AND sl.period < ${period})`;
}
