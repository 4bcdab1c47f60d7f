// The filing review page's first card: what kind of filing, its status, when it was submitted and is due
// (overdue flagged), when it was decided and the receipt number.
import { useTranslation } from "react-i18next";
import { useLang } from "../../i18n/use-lang";
import { formatDate, formatDateTime } from "../../utils/format";
import type { ReviewFacilityView, ReviewFilingView } from "./views";

export function FilingFacts({ filing, facility }: { filing: ReviewFilingView; facility: ReviewFacilityView }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <section className="card" aria-label={t("filing.review.filingTitle")}>
      <dl className="facts">
        <dt>{t("filing.review.kind")}</dt>
        <dd>{t(`filing.enums.filingKind.${filing.kind}`)}</dd>
        <dt>{t("filing.review.status")}</dt>
        <dd>{t(`filing.enums.filingStatus.${filing.status}`)}</dd>
        <dt>{t("filing.review.submittedAt")}</dt>
        <dd>{formatDateTime(filing.submittedAt, lang)}</dd>
        <dt>{t("filing.review.dueOn")}</dt>
        <dd>
          <time dateTime={filing.dueOn}>{formatDate(filing.dueOn, lang)}</time>
          {filing.overdue ? (
            <>
              {" "}
              <span className="badge badge--err">
                <span aria-hidden="true">! </span>
                {t("filing.review.overdue")}
              </span>
            </>
          ) : null}
        </dd>
        {filing.decidedAt ? (
          <>
            <dt>{t("filing.review.decidedAt")}</dt>
            <dd>{formatDateTime(filing.decidedAt, lang)}</dd>
          </>
        ) : null}
        {filing.receiptNumber ?? facility.receiptNumber ? (
          <>
            <dt>{t("filing.facility.receipt")}</dt>
            <dd>
              <strong>{filing.receiptNumber ?? facility.receiptNumber}</strong>
            </dd>
          </>
        ) : null}
      </dl>
    </section>
  );
}
