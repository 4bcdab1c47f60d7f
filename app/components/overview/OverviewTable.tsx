// The jurisdiction overview's table: the chart's numbers per measure and status, each count a link that
// opens the list of those facilities on the same page (`?measure=&status=#drill`), and a total per measure.
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { Lang } from "../../i18n/i18n";
import type { Overview, OverviewDrill } from "../../services/overview.server";
import { textIn } from "../checklist";
import { query, STATUSES, StatusLabel } from "./pieces";

export function OverviewTable({ overview, drill, date, lang }: { overview: Overview; drill: OverviewDrill | null; date: string | null; lang: Lang }) {
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby="table-title">
      <h2 id="table-title">{t("overview.tableTitle")}</h2>
      <div className="table-wrap">
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t("overview.measure")}</th>
              {STATUSES.map((s) => (
                <th scope="col" key={s} className="num">
                  <StatusLabel status={s} />
                </th>
              ))}
              <th scope="col" className="num">
                {t("overview.total")}
              </th>
            </tr>
          </thead>
          <tbody>
            {overview.measures.map((m) => {
              const title = textIn(m.title, lang);
              return (
                <tr
                  key={m.measure}
                  aria-current={
                    drill?.measure === m.measure ? "true" : undefined
                  }
                >
                  <th scope="row">
                    {title}
                    <br />
                    <code className="small muted">{m.measure}</code>
                  </th>
                  {STATUSES.map((s) => (
                    <td key={s} className="num">
                      <Link
                        to={`/review/overview${query({
                          date,
                          measure: m.measure,
                          status: s,
                        })}#drill`}
                        aria-label={t("overview.countLink", {
                          measure: title,
                          status: t(`policies.status.${s}`),
                          count: m.counts[s],
                        })}
                        aria-current={
                          drill?.measure === m.measure &&
                          drill.status === s
                            ? "true"
                            : undefined
                        }
                      >
                        {m.counts[s]}
                      </Link>
                    </td>
                  ))}
                  <td className="num">
                    {STATUSES.reduce((a, s) => a + m.counts[s], 0)}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
