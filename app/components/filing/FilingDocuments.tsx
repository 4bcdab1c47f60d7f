// The facility's documents for the reviewer: kind (and whose proof it is), a download link with the file
// size, issue and expiry dates, the health evaluation's result and when it was uploaded.
import { useTranslation } from "react-i18next";
import { useLang } from "../../i18n/use-lang";
import { formatDate, formatDateTime } from "../../utils/format";
import type { ReviewDocumentView } from "./views";

function fileSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

export function FilingDocuments({ documents }: { documents: ReviewDocumentView[] }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <section className="card" aria-labelledby="documents-title">
      <h2 id="documents-title">{t("filing.document.title")}</h2>
      <p className="muted small">{t("filing.review.documentsIntro")}</p>
      {documents.length === 0 ? (
        <p className="empty-state">{t("filing.document.none")}</p>
      ) : (
        <div className="table-wrap">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t("filing.document.kind")}</th>
                <th scope="col">{t("filing.review.fileName")}</th>
                <th scope="col">{t("filing.document.issuedOn")}</th>
                <th scope="col">{t("filing.review.validUntil")}</th>
                <th scope="col">{t("filing.document.passed")}</th>
                <th scope="col">{t("filing.review.uploadedAt")}</th>
              </tr>
            </thead>
            <tbody>
              {documents.map((d) => (
                <tr key={d.id}>
                  <td>
                    {t(`filing.enums.documentKind.${d.kind}`)}
                    {d.proofOf ? <div className="small muted">{t("filing.review.proofOf", { name: d.proofOf })}</div> : null}
                  </td>
                  <td>
                    <a href={`/documents/${d.id}`} download>
                      {d.originalName}
                    </a>{" "}
                    <span className="small muted nowrap">（{fileSize(d.sizeBytes)}）</span>
                  </td>
                  <td className="nowrap">{d.issuedOn ? formatDate(d.issuedOn, lang) : "—"}</td>
                  <td className="nowrap">{d.validUntil ? formatDate(d.validUntil, lang) : t("filing.document.noExpiry")}</td>
                  <td>{d.kind === "health_evaluation" ? (d.passed === true ? t("filing.document.passedYes") : d.passed === false ? t("filing.document.passedNo") : "—") : ""}</td>
                  <td className="nowrap small">{formatDateTime(d.createdAt, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
