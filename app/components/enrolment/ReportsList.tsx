// Every month the facility reported, newest first and a page at a time: the version in force and each
// version with its status, full-day children and when it was submitted; a month's link opens it above.
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { EmptyState } from "../layout";
import { Pager } from "../pager";
import { useLang } from "../../i18n/use-lang";
import { formatDateTime } from "../../utils/format";
import { EnrolmentStatusBadge, formatMonth } from "./shared";
import type { EnrolmentListEntry } from "./views";

export function ReportsList({ reports, page, hasMore }: { reports: EnrolmentListEntry[]; page: number; hasMore: boolean }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <section className="card" aria-labelledby="list-title">
      <h2 id="list-title">{t("subsidy.enrolment.list")}</h2>
      {reports.length === 0 ? (
        <EmptyState>{t("subsidy.enrolment.listEmpty")}</EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t("subsidy.enrolment.period")}</th>
                <th scope="col">{t("subsidy.enrolment.approvedFullDay")}</th>
                <th scope="col">{t("subsidy.enrolment.versions")}</th>
              </tr>
            </thead>
            <tbody>
              {reports.map((r) => (
                <tr key={r.id}>
                  <td className="nowrap">
                    <Link to={`?period=${r.period}`}>{formatMonth(r.period, lang)}</Link>
                  </td>
                  <td className="nowrap">{r.approvedVersion === null ? "—" : t("subsidy.enrolment.approvedCell", { children: r.approvedFullDayChildren ?? 0, version: r.approvedVersion })}</td>
                  <td>
                    <ul className="plain-list small">
                      {r.versions.map((v) => (
                        <li key={v.id}>
                          {t("subsidy.enrolment.version", { version: v.version })}
                          {v.version > 1 ? <span className="muted"> · {t("subsidy.enrolment.amendment")}</span> : null} <EnrolmentStatusBadge status={v.status} />
                          <span className="muted">
                            {t("subsidy.enrolment.fullDayChildren")} {v.fullDayChildren}
                            {v.submittedAt ? ` · ${t("subsidy.enrolment.submittedAt")} ${formatDateTime(v.submittedAt, lang)}` : ""}
                          </span>
                        </li>
                      ))}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager page={page} hasMore={hasMore} />
    </section>
  );
}
