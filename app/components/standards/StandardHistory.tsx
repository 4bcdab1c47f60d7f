// The standards page's history: every entry, replaced ones included — county, period, values, reference,
// who entered it and when, and whether it is live (with a link to replace it) or superseded (and since when).
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useLang } from "../../i18n/use-lang";
import type { StandardHistoryEntry } from "../../services/standards.server";
import { formatDate, formatDateTime } from "../../utils/format";
import { jurisdictionName, ReferenceLink } from "../checklist";
import { EmptyState } from "../layout";
import { period, StandardValues } from "./StandardValues";

/** A history entry as the page receives it: the instants as ISO strings. */
export type StandardHistoryView = Omit<StandardHistoryEntry, "enteredAt" | "supersededAt"> & { enteredAt: string; supersededAt: string | null };

export function StandardHistory({ history }: { history: readonly StandardHistoryView[] }) {
  const { t } = useTranslation();
  const lang = useLang();
  const name = (code: string) => jurisdictionName(code, lang);
  return (
    <section className="card" aria-labelledby="history-title">
      <h2 id="history-title">{t("subsidy.standards.history")}</h2>
      <p className="muted small">{t("subsidy.standards.historyIntro")}</p>
      {history.length === 0 ? (
        <EmptyState>{t("subsidy.standards.historyEmpty")}</EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t("subsidy.standards.jurisdiction")}</th>
                <th scope="col">{t("subsidy.standards.effective")}</th>
                <th scope="col">{t("subsidy.standards.standard")}</th>
                <th scope="col" className="reference-col">
                  {t("subsidy.standards.reference")}
                </th>
                <th scope="col">{t("subsidy.standards.enteredAt")}</th>
                <th scope="col">{t("subsidy.standards.status")}</th>
              </tr>
            </thead>
            <tbody>
              {history.map((h) => (
                <tr key={`${h.jurisdictionCode}|${h.effectiveFrom}|${h.enteredAt}`}>
                  <td className="nowrap">{name(h.jurisdictionCode)}</td>
                  <td>{period(t, lang, h.effectiveFrom, h.effectiveTo)}</td>
                  <td>
                    <StandardValues rate={h.perChildMonthFen} kg={h.perChildMonthKindergartenClassFen} months={h.maxMonthsPerYear} rule={h.periodRule} attendance={h.minAttendanceDays} />
                  </td>
                  <td className="small">
                    <ReferenceLink reference={{ document: h.referenceDocument, clause: h.referenceClause, ...(h.referenceUrl ? { url: h.referenceUrl } : {}) }} />
                  </td>
                  <td className="small nowrap">
                    {formatDateTime(h.enteredAt, lang)}
                    <br />
                    <span className="muted">{h.enteredBy}</span>
                  </td>
                  <td className="nowrap">
                    {h.live ? (
                      <>
                        <span className="badge badge--ok">{t("subsidy.standards.live")}</span>
                        <br />
                        <Link to={`?replace=${h.jurisdictionCode}:${h.effectiveFrom}#enter`} className="small" aria-label={t("subsidy.standards.replaceLabel", { name: name(h.jurisdictionCode), date: formatDate(h.effectiveFrom, lang) })}>
                          {t("subsidy.standards.replace")}
                        </Link>
                      </>
                    ) : (
                      <>
                        <span className="badge badge--muted">{t("subsidy.standards.superseded")}</span>
                        {h.supersededAt ? (
                          <>
                            <br />
                            <span className="small muted">{t("subsidy.standards.supersededAt", { date: formatDate(h.supersededAt, lang) })}</span>
                          </>
                        ) : null}
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
