// The jurisdiction overview's drill-down: the facilities behind one count (measure × status), a page at a
// time, each linking to its measures page on the same date; for "needs information", what is missing.
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useLang } from "../../i18n/use-lang";
import type { OverviewDrill } from "../../services/overview.server";
import { textIn } from "../checklist";
import { EmptyState } from "../layout";
import { query, StatusLabel } from "./pieces";

export function DrillDown({ drill, date }: { drill: OverviewDrill; date: string | null }) {
  const { t } = useTranslation();
  const lang = useLang();
  const base = { date, measure: drill.measure, status: drill.status };
  return (
    <section className="card" id="drill" aria-labelledby="drill-title">
      <h2 id="drill-title">
        {t("overview.drill.title", {
          measure: textIn(drill.title, lang),
          status: t(`policies.status.${drill.status}`),
        })}
      </h2>
      <p>
        <StatusLabel status={drill.status} /> ·{" "}
        {t("overview.drill.count", { count: drill.total })} ·{" "}
        <a
          href={`/review/overview${query({ ...base, format: "xlsx" })}`}
          download
        >
          {t("overview.exportList")}
        </a>{" "}
        ·{" "}
        <Link to={`/review/overview${query({ date })}`}>
          {t("overview.drill.back")}
        </Link>
      </p>
      {drill.items.length === 0 ? (
        <EmptyState>{t("overview.drill.none")}</EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t("overview.drill.facility")}</th>
                <th scope="col">{t("overview.drill.county")}</th>
                {drill.status === "needs_info" ? (
                  <th scope="col">{t("overview.drill.missing")}</th>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {drill.items.map((f) => (
                <tr key={f.facilityId}>
                  <td>
                    <Link
                      to={`/review/facilities/${f.facilityId}/measures${query({
                        date,
                      })}`}
                    >
                      {f.name}
                    </Link>
                  </td>
                  <td className="nowrap">
                    {lang === "en"
                      ? f.jurisdictionNameEn
                      : f.jurisdictionNameZh}
                  </td>
                  {drill.status === "needs_info" ? (
                    <td>
                      <code className="small">{f.missing.join(", ")}</code>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {drill.pages > 1 ? (
        <nav
          aria-label={t("overview.pager.page", {
            page: drill.page,
            pages: drill.pages,
          })}
          style={{ display: "flex", gap: "1rem", alignItems: "center" }}
        >
          {drill.page > 1 ? (
            <Link
              to={`/review/overview${query({
                ...base,
                page: drill.page - 1,
              })}#drill`}
            >
              {t("overview.pager.previous")}
            </Link>
          ) : null}
          <span>
            {t("overview.pager.page", { page: drill.page, pages: drill.pages })}
          </span>
          {drill.page < drill.pages ? (
            <Link
              to={`/review/overview${query({
                ...base,
                page: drill.page + 1,
              })}#drill`}
            >
              {t("overview.pager.next")}
            </Link>
          ) : null}
        </nav>
      ) : null}
    </section>
  );
}
