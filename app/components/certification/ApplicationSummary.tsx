// The application's summary card: the facility and its operator, filing state, 托位, when it was applied
// for and how many slots were requested, the public notice, the certified slots and validity, the latest
// yearly review, the certificate, and the reviewer's reasons.
import { useTranslation } from "react-i18next";
import { useLang } from "../../i18n/use-lang";
import { formatDate, formatDateTime } from "../../utils/format";
import { jurisdictionName } from "../checklist";
import { FilingStateBadge } from "../facility-nav";
import { Notice } from "../layout";
import type { ApplicationFacilityView, ApplicationView } from "./views";

export function ApplicationSummary({ facility, app }: { facility: ApplicationFacilityView; app: ApplicationView }) {
  const { t } = useTranslation();
  const lang = useLang();
  const status = app.status;
  return (
    <section className="card" aria-labelledby="summary-title">
      <h2 id="summary-title">{t("certification.summary")}</h2>
      <dl className="facts">
        <dt>{t("filing.facility.name")}</dt>
        <dd>{facility.name}</dd>
        <dt>{t("certification.operator")}</dt>
        <dd>
          {facility.operatorName ?? "—"}
          {facility.ownership ? <span className="muted"> （{t(`filing.enums.ownership.${facility.ownership}`)}）</span> : null}
        </dd>
        <dt>{t("filing.facility.kind")}</dt>
        <dd>{facility.kind ? t(`filing.enums.kind.${facility.kind}`) : "—"}</dd>
        <dt>{t("filing.facility.address")}</dt>
        <dd>{facility.address ?? "—"}</dd>
        <dt>{t("certification.county")}</dt>
        <dd>{jurisdictionName(facility.jurisdictionCode, lang)}</dd>
        <dt>{t("filing.facility.state")}</dt>
        <dd>
          <FilingStateBadge state={facility.state} /> {facility.receiptNumber ? <span className="small">{facility.receiptNumber}</span> : null}
        </dd>
        <dt>{t("filing.facility.totalSlots")}</dt>
        <dd>{facility.totalSlots ?? "—"}</dd>
        <dt>{t("certification.appliedAt")}</dt>
        <dd>{formatDateTime(app.appliedAt, lang)}</dd>
        <dt>{t("certification.requested")}</dt>
        <dd>{app.requestedSlots ?? "—"}</dd>
        {app.noticeStartsOn && app.noticeEndsOn ? (
          <>
            <dt>{t("certification.notice")}</dt>
            <dd>
              {t("certification.range", {
                from: formatDate(app.noticeStartsOn, lang),
                to: formatDate(app.noticeEndsOn, lang),
              })}
            </dd>
          </>
        ) : null}
        {app.certifiedSlots !== null ? (
          <>
            <dt>{t("certification.certifiedSlots")}</dt>
            <dd>
              <strong>{app.certifiedSlots}</strong>
            </dd>
          </>
        ) : null}
        {app.validFrom && app.validUntil ? (
          <>
            <dt>{t("certification.validity")}</dt>
            <dd>
              {t("certification.range", {
                from: formatDate(app.validFrom, lang),
                to: formatDate(app.validUntil, lang),
              })}
            </dd>
          </>
        ) : null}
        {app.lastReviewedOn && status === "certified" ? (
          <>
            <dt>{t("certification.lastReviewed")}</dt>
            <dd>{formatDate(app.lastReviewedOn, lang)}</dd>
          </>
        ) : null}
        {app.certificateId && status === "certified" ? (
          <>
            <dt>{t("certification.certificate")}</dt>
            <dd>
              <a href={`/certificates/${app.certificateId}.pdf`}>{t("certification.download")}</a>
            </dd>
          </>
        ) : null}
      </dl>
      {app.reasons && status !== "certified" ? (
        <Notice kind={status === "rejected" || status === "revoked" ? "error" : "info"}>
          <strong>{t("certification.reviewerReasons")}</strong>：{app.reasons}
        </Notice>
      ) : null}
      {app.reasons && status === "certified" ? (
        <p className="small">
          <strong>{t("certification.yearlyReview")}</strong>：{app.reasons}
        </p>
      ) : null}
    </section>
  );
}
