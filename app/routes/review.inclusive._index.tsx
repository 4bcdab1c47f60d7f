// The reviewer's inclusive-certification work in scope: open applications (applied, under review, in
// public notice) oldest first, and certifications whose yearly review is due (marked by a badge).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "../../db/client";
import { requirePermission } from "../auth/session.server";
import { jurisdictionName } from "../components/checklist";
import { CertificationStatusBadge } from "../components/facility-nav";
import { EmptyState, PageHeader } from "../components/layout";
import { titleMeta } from "../i18n/i18n";
import { useLabel } from "../i18n/use-label";
import { useLang } from "../i18n/use-lang";
import { certificationQueue } from "../services/certification.server";
import { formatDate, formatDateTime, todayInShanghai } from "../utils/format";
import { guarded } from "../utils/http.server";

export const meta = titleMeta("certification.queue");

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "review:filing:jurisdiction");
  return guarded(async () => {
    const today = todayInShanghai();
    const rows = await certificationQueue(await getDb(), actor, today);
    return {
      today,
      items: rows.map((r) => ({
        id: r.app.id,
        facilityName: r.facilityName,
        jurisdictionCode: r.jurisdictionCode,
        status: r.app.status,
        appliedAt: r.app.appliedAt.toISOString(),
        noticeStartsOn: r.app.noticeStartsOn,
        noticeEndsOn: r.app.noticeEndsOn,
        lastReviewedOn: r.app.lastReviewedOn,
        reviewDue: r.reviewDue,
      })),
    };
  });
}

export default function CertificationQueue() {
  const { t } = useTranslation();
  // the rows' repeated labels: translated once each, not once a row
  const label = useLabel();
  const lang = useLang();
  const { today, items } = useLoaderData<typeof loader>();
  const ranges = new Map<string, string>();
  const range = (from: string, to: string) => {
    const key = `${from}/${to}`;
    let text = ranges.get(key);
    if (text === undefined) {
      text = t("certification.range", { from: formatDate(from, lang), to: formatDate(to, lang) });
      ranges.set(key, text);
    }
    return text;
  };
  return (
    <>
      <PageHeader title={t("certification.queue")} intro={t("certification.intro")} />
      <p>
        <Link to="/review">← {t("home.reviewer.title")}</Link>
      </p>
      <section className="card" aria-labelledby="queue-title">
        <h2 id="queue-title">{t("certification.queue")}</h2>
        {items.length === 0 ? (
          <EmptyState>{t("certification.queueEmpty")}</EmptyState>
        ) : (
          <div className="table-wrap">
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{t("certification.facility")}</th>
                  <th scope="col">{t("certification.county")}</th>
                  <th scope="col">{t("certification.currentStatus")}</th>
                  <th scope="col">{t("certification.appliedAt")}</th>
                  <th scope="col">{t("certification.notice")}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t("certification.open")}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {items.map((q) => {
                  const noticeOver = q.status === "public_notice" && q.noticeEndsOn !== null && q.noticeEndsOn < today;
                  return (
                    <tr key={q.id} className={q.reviewDue || noticeOver ? "overdue" : undefined}>
                      <td>
                        <Link to={`/review/inclusive/${q.id}`}>{q.facilityName}</Link>
                      </td>
                      <td className="nowrap">{jurisdictionName(q.jurisdictionCode, lang)}</td>
                      <td className="nowrap">
                        <CertificationStatusBadge status={q.status} />
                        {q.reviewDue ? (
                          <>
                            {" "}
                            <span className="badge badge--warn">
                              <span aria-hidden="true">! </span>
                              {label("certification.reviewDue")}
                            </span>
                          </>
                        ) : null}
                      </td>
                      <td className="nowrap">{formatDateTime(q.appliedAt, lang)}</td>
                      <td className="nowrap">
                        {q.noticeStartsOn && q.noticeEndsOn ? range(q.noticeStartsOn, q.noticeEndsOn) : "—"}
                        {q.reviewDue && q.lastReviewedOn ? (
                          <span className="small muted">
                            {" "}
                            · {label("certification.lastReviewed")}：{formatDate(q.lastReviewedOn, lang)}
                          </span>
                        ) : null}
                      </td>
                      <td className="nowrap">
                        <Link to={`/review/inclusive/${q.id}`} className="button button--secondary" aria-label={`${label("certification.open")}：${q.facilityName}`}>
                          {label("certification.open")}
                        </Link>
                      </td>
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
