// "What waits for you" on every role's home (issue #12): a few counts of the work in the actor's scope,
// each with the page where it is done. Reads only, one query per role (scalar sub-selects), every one
// scoped in its WHERE clause like the lists it points at.
import { sql, type SQL } from "drizzle-orm";
import { queryRows, type Db } from "../../db/client";
import type { Role } from "../../db/schema/enums";
import { addDays, addYears } from "../../rules/engine/dates";
import { BUILT_IN_PARAMETERS } from "../../rules/parameters/table";
import { codesWithin, withinJurisdiction } from "../auth/scope.server";
import type { Actor } from "../auth/session.server";
import type { WorkItem } from "../components/work-summary";
import { todayInShanghai } from "../utils/format";


type Counts = Record<string, number | string | null>;

async function counts(db: Db, query: SQL): Promise<Record<string, number>> {
  const [row] = await queryRows<Counts>(db, query);
  return Object.fromEntries(Object.entries(row ?? {}).map(([k, v]) => [k, Number(v ?? 0)]));
}

function previousMonth(today: string): string {
  const [y, m] = today.split("-").map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, "0")}`;
}

/** The work summary of one of the actor's roles (the role's home shows it). */
export async function workFor(db: Db, actor: Actor, role: Role, today: string = todayInShanghai()): Promise<WorkItem[]> {
  const scope = actor.jurisdictionCode ?? "";
  const inScope = (column: string) => withinJurisdiction(sql.raw(column), scope);
  switch (role) {
    case "operator": {
      const org = actor.organisationId ?? "00000000-0000-0000-0000-000000000000";
      const month = previousMonth(today);
      const horizon = addDays(today, 30);
      const c = await counts(
        db,
        sql`SELECT
          (SELECT count(*) FROM facilities WHERE organisation_id = ${org} AND filing_state IN ('draft', 'returned')) AS to_finish,
          (SELECT count(*) FROM facilities WHERE organisation_id = ${org} AND filing_state IN ('submitted', 'change_submitted')) AS under_review,
          (SELECT count(*) FROM facilities f WHERE f.organisation_id = ${org} AND f.filing_state IN ('filed', 'change_submitted') AND (f.filed_on IS NULL OR f.filed_on < ${`${month}-01`}::date + interval '1 month')
              AND NOT EXISTS (SELECT 1 FROM enrolment_reports r JOIN enrolment_report_versions v ON v.report_id = r.id
                               WHERE r.facility_id = f.id AND r.period = ${month} AND v.status IN ('submitted', 'approved'))) AS enrolment_due,
          (SELECT count(*) FROM staff_members s JOIN facilities f ON f.id = s.facility_id
             WHERE f.organisation_id = ${org} AND s.health_certificate_valid_until <= ${horizon}::date) +
          (SELECT count(*) FROM staff_qualifications q JOIN staff_members s ON s.id = q.staff_id JOIN facilities f ON f.id = s.facility_id
             WHERE f.organisation_id = ${org} AND q.valid_until <= ${horizon}::date) AS expiring`,
      );
      return [
        { key: "operator.toFinish", count: c.to_finish ?? 0, to: "/operator#facilities-title", attention: (c.to_finish ?? 0) > 0 },
        { key: "operator.underReview", count: c.under_review ?? 0, to: "/operator#facilities-title" },
        { key: "operator.enrolmentDue", count: c.enrolment_due ?? 0, to: "/operator#facilities-title", attention: (c.enrolment_due ?? 0) > 0 },
        { key: "operator.expiring", count: c.expiring ?? 0, to: "/operator#expiring-title", attention: (c.expiring ?? 0) > 0 },
      ];
    }
    case "reviewer": {
      const reviewDueBefore = addDays(addYears(today, -1), 30);
      const c = await counts(
        db,
        sql`SELECT
          (SELECT count(*) FROM filings g JOIN facilities f ON f.id = g.facility_id WHERE g.status = 'submitted' AND ${inScope("f.jurisdiction_code")}) AS filings,
          (SELECT count(*) FROM filings g JOIN facilities f ON f.id = g.facility_id WHERE g.status = 'submitted' AND g.due_on < ${today}::date AND ${inScope("f.jurisdiction_code")}) AS overdue,
          (SELECT count(*) FROM inclusive_applications a JOIN facilities f ON f.id = a.facility_id
             WHERE (a.status IN ('applied', 'under_review', 'public_notice') OR (a.status = 'certified' AND a.last_reviewed_on <= ${reviewDueBefore}::date)) AND ${inScope("f.jurisdiction_code")}) AS inclusive,
          (SELECT count(*) FROM objections o JOIN inclusive_applications a ON a.id = o.application_id JOIN facilities f ON f.id = a.facility_id
             WHERE o.ruling = 'pending' AND ${inScope("f.jurisdiction_code")}) AS objections,
          (SELECT count(*) FROM enrolment_report_versions v JOIN enrolment_reports r ON r.id = v.report_id JOIN facilities f ON f.id = r.facility_id
             WHERE v.status = 'submitted' AND ${inScope("f.jurisdiction_code")}) AS enrolment`,
      );
      return [
        { key: "reviewer.filings", count: c.filings ?? 0, to: "/review" },
        { key: "reviewer.overdue", count: c.overdue ?? 0, to: "/review", attention: (c.overdue ?? 0) > 0 },
        { key: "reviewer.inclusive", count: c.inclusive ?? 0, to: "/review/inclusive" },
        { key: "reviewer.objections", count: c.objections ?? 0, to: "/review/inclusive", attention: (c.objections ?? 0) > 0 },
        { key: "reviewer.enrolment", count: c.enrolment ?? 0, to: "/review/enrolment" },
      ];
    }
    case "finance_officer": {
      const c = await counts(
        db,
        sql`SELECT
          count(*) FILTER (WHERE status = 'prepared' AND NOT provisional AND prepared_by <> ${actor.userId}) AS to_approve,
          count(*) FILTER (WHERE status = 'prepared' AND provisional) AS provisional,
          count(*) FILTER (WHERE status = 'approved') AS to_pay
          FROM subsidy_batches WHERE ${inScope("jurisdiction_code")}`,
      );
      // where no subsidy rate exists at all (阿拉尔: A states none), say so rather than show three zeros
      const rated = (codesWithin(scope) ?? []).some((code) => BUILT_IN_PARAMETERS.values.some((p) => p.parameter === "subsidy.operating.per_child_month_fen" && p.jurisdiction === code));
      const [local] = await queryRows<{ n: number | string }>(db, sql`SELECT count(*) AS n FROM local_parameter_values WHERE parameter = 'subsidy.operating.per_child_month_fen' AND ${inScope("jurisdiction_code")}`);
      if (!rated && Number(local?.n ?? 0) === 0) return [{ key: "finance.notInForce", count: 0, to: "/policies/subsidy.operating", info: true }];
      return [
        { key: "finance.toApprove", count: c.to_approve ?? 0, to: "/finance", attention: (c.to_approve ?? 0) > 0 },
        { key: "finance.toPay", count: c.to_pay ?? 0, to: "/finance", attention: (c.to_pay ?? 0) > 0 },
        { key: "finance.provisional", count: c.provisional ?? 0, to: "/finance" },
      ];
    }
    case "price_officer": {
      const c = await counts(
        db,
        sql`SELECT
          (SELECT count(*) FROM price_schedules WHERE effective_from <= ${today}::date AND ${inScope("jurisdiction_code")}) AS published,
          (SELECT count(*) FROM price_schedules WHERE effective_from > ${today}::date AND ${inScope("jurisdiction_code")}) AS upcoming,
          (SELECT count(DISTINCT d.facility_id) FROM fee_declarations d JOIN facilities f ON f.id = d.facility_id
             WHERE f.filing_state IN ('filed', 'change_submitted') AND ${inScope("f.jurisdiction_code")}) AS declaring`,
      );
      return [
        { key: "pricing.published", count: c.published ?? 0, to: "/pricing" },
        { key: "pricing.upcoming", count: c.upcoming ?? 0, to: "/pricing" },
        { key: "pricing.declaring", count: c.declaring ?? 0, to: "/directory" },
      ];
    }
    case "union_officer": {
      const c = await counts(
        db,
        sql`SELECT
          (SELECT count(*) FROM facilities f WHERE f.kind = 'employer_run' AND f.filing_state IN ('filed', 'change_submitted') AND ${inScope("f.jurisdiction_code")}) AS programmes,
          (SELECT count(*) FROM union_nominations n JOIN facilities f ON f.id = n.facility_id WHERE n.status IN ('nominated', 'recommended') AND ${inScope("f.jurisdiction_code")}) AS open_nominations,
          (SELECT count(*) FROM union_grants g JOIN facilities f ON f.id = g.facility_id WHERE g.year = ${Number(today.slice(0, 4))} AND ${inScope("f.jurisdiction_code")}) AS grants`,
      );
      return [
        { key: "union.programmes", count: c.programmes ?? 0, to: "/union" },
        { key: "union.openNominations", count: c.open_nominations ?? 0, to: "/union", attention: (c.open_nominations ?? 0) > 0 },
        { key: "union.grants", count: c.grants ?? 0, to: "/union" },
      ];
    }
    case "admin": {
      const provisionalCounties = (codesWithin(scope) ?? []).filter((code) =>
        BUILT_IN_PARAMETERS.values.some((p) => p.parameter === "subsidy.operating.per_child_month_fen" && p.jurisdiction === code && p.provisional),
      );
      const c = await counts(
        db,
        sql`SELECT
          (SELECT count(*) FROM users WHERE active AND (${inScope("jurisdiction_code")} OR organisation_id IN (SELECT id FROM organisations WHERE ${inScope("jurisdiction_code")}))) AS users,
          (SELECT count(*) FROM users WHERE active AND is_demo AND (${inScope("jurisdiction_code")} OR organisation_id IN (SELECT id FROM organisations WHERE ${inScope("jurisdiction_code")}))) AS demo_users,
          (SELECT count(DISTINCT jurisdiction_code) FROM local_parameter_values
             WHERE parameter = 'subsidy.operating.per_child_month_fen' AND superseded_at IS NULL AND effective_from <= ${today}::date
               AND (effective_to IS NULL OR effective_to >= ${today}::date) AND ${inScope("jurisdiction_code")}) AS with_standard`,
      );
      const withoutStandard = Math.max(0, provisionalCounties.length - (c.with_standard ?? 0));
      return [
        { key: "admin.users", count: c.users ?? 0, to: "/admin" },
        { key: "admin.demoUsers", count: c.demo_users ?? 0, to: "/admin", attention: (c.demo_users ?? 0) > 0 },
        { key: "admin.withoutStandard", count: withoutStandard, to: "/admin/standards", attention: withoutStandard > 0 },
      ];
    }
    case "auditor": {
      const since = addDays(today, -7);
      const c = await counts(
        db,
        sql`SELECT
          count(*) FILTER (WHERE at >= ${`${since}T00:00:00+08:00`}::timestamptz) AS recent,
          count(*) FILTER (WHERE at >= ${`${since}T00:00:00+08:00`}::timestamptz AND action IN ('auth.login_failed', 'auth.login_refused_locked')) AS failures,
          count(*) FILTER (WHERE action = 'staff.id_number_viewed' AND at >= ${`${since}T00:00:00+08:00`}::timestamptz) AS reveals
          FROM audit_events WHERE ${inScope("jurisdiction_code")}`,
      );
      return [
        { key: "audit.recent", count: c.recent ?? 0, to: "/audit" },
        { key: "audit.failures", count: c.failures ?? 0, to: "/audit?action=auth.login_failed", attention: (c.failures ?? 0) > 0 },
        { key: "audit.reveals", count: c.reveals ?? 0, to: "/audit" },
      ];
    }
  }
}
