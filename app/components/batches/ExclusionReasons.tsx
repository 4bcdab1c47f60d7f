// The batch page's exclusion reasons card (issue #7): why excluded lines pay nothing, each reason in words
// with its id, and how many lines it excluded (most frequent first, as stored when the batch was prepared).
import { useTranslation } from "react-i18next";
import { EmptyState } from "../layout";
import { reasonText } from "./pieces";

export type ExclusionReasonCount = { reason: string; count: number };

export function ExclusionReasons({ batchStatus, reasons }: { batchStatus: string; reasons: readonly ExclusionReasonCount[] }) {
  const { t } = useTranslation();
  if (batchStatus === "preparing") return null;
  return (
    <section className="card" aria-labelledby="reasons-title">
      <h2 id="reasons-title">{t("batches.reasons.title")}</h2>
      {reasons.length === 0 ? (
        <EmptyState>{t("batches.reasons.none")}</EmptyState>
      ) : (
        <>
          <p className="small muted">{t("batches.reasons.intro")}</p>
          <div className="table-wrap">
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{t("batches.summary.reason")}</th>
                  <th scope="col" className="num">
                    {t("batches.summary.count")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {reasons.map((r) => (
                  <tr key={r.reason}>
                    <td>
                      {reasonText(t, r.reason)} <code className="small muted">{r.reason}</code>
                    </td>
                    <td className="num">{r.count}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
