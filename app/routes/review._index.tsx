// The reviewer's desk: filings awaiting a decision in the jurisdiction, oldest due date first (overdue
// ones stand out by a badge and a marked row, not by colour alone), and the staff proofs in the
// jurisdiction that expire within 30 days.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "../../db/client";
import { findJurisdiction } from "../../rules/jurisdictions";
import { requirePermission } from "../auth/session.server";
import { jurisdictionName } from "../components/checklist";
import { EmptyState, PageHeader } from "../components/layout";
import { titleMeta } from "../i18n/i18n";
import { useLabel } from "../i18n/use-label";
import { useLang } from "../i18n/use-lang";
import { expiringProofs } from "../services/facilities.server";
import { reviewQueue } from "../services/filing.server";
import { formatDate, formatDateTime, todayInShanghai } from "../utils/format";
import { guarded } from "../utils/http.server";
import { WorkSummary } from "../components/work-summary";
import { workFor } from "../services/work.server";

export const meta = titleMeta("home.reviewer.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "review:filing:jurisdiction");
  return guarded(async () => {
    const db = await getDb();
    const today = todayInShanghai();
    // independent reads: on PostgreSQL they run side by side on the pool
    const [queue, expiring, work] = await Promise.all([reviewQueue(db, actor, today), expiringProofs(db, actor, today), workFor(db, actor, "reviewer", today)]);
    return {
      work,
      today,
      scope: actor.jurisdictionCode,
      queue: queue.map((q) => ({ ...q, submittedAt: q.submittedAt.toISOString() })),
      expiring,
    };
  });
}

export default function ReviewHome() {
  const { t } = useTranslation();
  // the rows' repeated labels: translated once each, not once a row
  const label = useLabel();
  const lang = useLang();
  const { work, today, scope, queue, expiring } = useLoaderData<typeof loader>();
  const overdue = queue.filter((q) => q.overdue).length;
  // an expiring proof links to the facility's roster when its filing is in the queue (the reviewer's
  // only view of a facility today); the facility name stays plain so the queue's link is the only one
  const filingOf = new Map(queue.map((q) => [q.facilityId, q.filingId]));
  return (
    <>
      <PageHeader title={t("home.reviewer.title")} intro={t("home.reviewer.intro")} />
      {scope ? (
        <p className="muted">{t(findJurisdiction(scope)?.level === "county" || findJurisdiction(scope)?.level === "town" ? "filing.review.scope" : "filing.review.scopeAll", { name: jurisdictionName(scope, lang) })}</p>
      ) : null}
      <p className="row-actions">
        <Link to="/review/inclusive" className="button button--secondary">
          {t("certification.queue")}
        </Link>
        <Link to="/review/overview" className="button button--secondary">
          {t("overview.title")}
        </Link>
        <Link to="/review/utility-certificates" className="button button--secondary">
          {t("measures.list.title")}
        </Link>
        <Link to="/review/flagged" className="button button--secondary">
          {t("overview.flagged.title")}
        </Link>
        <Link to="/review/enrolment" className="button button--secondary">
          {t("subsidy.review.link")}
        </Link>
        <Link to="/finance" className="button button--secondary">
          {t("batches.fromReviewHome")}
        </Link>
      </p>
      <WorkSummary items={work} />
      <div className="stat-row" role="group" aria-label={t("filing.review.stats")}>
        <p className="stat">
          <strong>{queue.length}</strong>
          {t("filing.review.pending")}
        </p>
        <p className="stat">
          <strong>{overdue}</strong>
          {t("filing.review.overdueCount")}
        </p>
        <p className="stat">
          <strong>{expiring.length}</strong>
          {t("filing.review.expiringCount")}
        </p>
      </div>
      <section className="card" aria-labelledby="queue-title">
        <h2 id="queue-title">{t("filing.review.queue")}</h2>
        {queue.length === 0 ? (
          <EmptyState>{t("filing.review.queueEmpty")}</EmptyState>
        ) : (
          <div className="table-wrap">
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{t("filing.review.facility")}</th>
                  <th scope="col">{t("filing.review.organisation")}</th>
                  <th scope="col">{t("filing.review.county")}</th>
                  <th scope="col">{t("filing.review.kind")}</th>
                  <th scope="col">{t("filing.review.submittedAt")}</th>
                  <th scope="col">{t("filing.review.dueOn")}</th>
                  <th scope="col">{t("filing.review.checklist")}</th>
                </tr>
              </thead>
              <tbody>
                {queue.map((q) => (
                  <tr key={q.filingId} className={q.overdue ? "overdue" : undefined}>
                    <td>
                      <Link to={`/review/filings/${q.filingId}`}>{q.facilityName}</Link>
                    </td>
                    <td>{q.organisationName}</td>
                    <td className="nowrap">{jurisdictionName(q.jurisdictionCode, lang)}</td>
                    <td className="nowrap">{label(`filing.enums.filingKind.${q.kind}`)}</td>
                    <td className="nowrap">{formatDateTime(q.submittedAt, lang)}</td>
                    <td className="nowrap">
                      <time dateTime={q.dueOn}>{formatDate(q.dueOn, lang)}</time>
                      {q.overdue ? (
                        <>
                          {" "}
                          <span className="badge badge--err">
                            <span aria-hidden="true">! </span>
                            {label("filing.review.overdue")}
                          </span>
                        </>
                      ) : null}
                    </td>
                    <td className="nowrap">
                      {q.checklistClear ? (
                        <span className="badge badge--ok">
                          <span aria-hidden="true">✓ </span>
                          {label("filing.review.checklistClear")}
                        </span>
                      ) : (
                        <span className="badge badge--warn">
                          <span aria-hidden="true">✗ </span>
                          {label("filing.review.checklistOpen")}
                        </span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section className="card" aria-labelledby="expiring-title">
        <h2 id="expiring-title">{t("filing.review.expiringTitle")}</h2>
        <p className="muted small">{t("filing.review.expiringIntro")}</p>
        {expiring.length === 0 ? (
          <EmptyState>{t("filing.review.expiringEmpty")}</EmptyState>
        ) : (
          <div className="table-wrap">
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{t("filing.review.validUntil")}</th>
                  <th scope="col">{t("filing.review.facility")}</th>
                  <th scope="col">{t("filing.review.staffMember")}</th>
                  <th scope="col">{t("filing.review.proof")}</th>
                </tr>
              </thead>
              <tbody>
                {expiring.map((e) => {
                  const filingId = filingOf.get(e.facilityId);
                  const expired = e.validUntil < today;
                  const proof = e.what === "health_certificate" ? label("filing.enums.documentKind.health_certificate") : label(`filing.enums.qualificationKind.${e.kind ?? ""}`);
                  return (
                    <tr key={`${e.staffId}-${e.what}-${e.kind ?? ""}-${e.validUntil}`} className={expired ? "overdue" : undefined}>
                      <td className="nowrap">
                        <time dateTime={e.validUntil}>{formatDate(e.validUntil, lang)}</time>
                        {expired ? (
                          <>
                            {" "}
                            <span className="badge badge--err">{label("filing.review.expired")}</span>
                          </>
                        ) : null}
                      </td>
                      <td>{e.facilityName}</td>
                      <td>{e.staffName}</td>
                      <td>{filingId ? <Link to={`/review/filings/${filingId}#staff-title`}>{proof}</Link> : proof}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
