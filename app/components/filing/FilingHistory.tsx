// The filing's history for the reviewer: every filing of the facility with its status, decision, receipt
// number and return reasons (named by the current filing's checklist); the current one is marked.
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { Evaluation } from "../../../rules/engine/evaluate";
import { useLang } from "../../i18n/use-lang";
import { formatDateTime } from "../../utils/format";
import { returnReasonLabel } from "../checklist";
import type { FilingHistoryEntry } from "./views";

export function FilingHistory({ history, current, evaluation }: { history: FilingHistoryEntry[]; current: string; evaluation: Evaluation }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <section className="card" aria-labelledby="history-title">
      <h2 id="history-title">{t("filing.facility.history")}</h2>
      <div className="table-wrap">
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t("filing.review.kind")}</th>
              <th scope="col">{t("filing.review.submittedAt")}</th>
              <th scope="col">{t("filing.review.status")}</th>
              <th scope="col">{t("filing.review.decidedAt")}</th>
              <th scope="col">{t("filing.facility.receipt")}</th>
              <th scope="col">{t("filing.review.returnReasons")}</th>
            </tr>
          </thead>
          <tbody>
            {history.map((h) => (
              <tr key={h.id} aria-current={h.id === current ? "page" : undefined}>
                <td className="nowrap">{h.id === current ? <strong>{t(`filing.enums.filingKind.${h.kind}`)}</strong> : <Link to={`/review/filings/${h.id}`}>{t(`filing.enums.filingKind.${h.kind}`)}</Link>}</td>
                <td className="nowrap">{formatDateTime(h.submittedAt, lang)}</td>
                <td className="nowrap">{t(`filing.enums.filingStatus.${h.status}`)}</td>
                <td className="nowrap">{h.decidedAt ? formatDateTime(h.decidedAt, lang) : "—"}</td>
                <td className="nowrap">{h.receiptNumber ?? "—"}</td>
                <td className="small">
                  {h.returnReasons.length === 0 ? (
                    "—"
                  ) : (
                    <ul className="plain-list">
                      {h.returnReasons.map((r, i) => (
                        <li key={i}>
                          <strong>{returnReasonLabel(r.item, evaluation, t, lang)}</strong>：{r.reason}
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
