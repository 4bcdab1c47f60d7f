// The steps the application's state allows: take it, record the inspection, start / extend the public
// notice, certify, reject while it is open; the yearly review or revocation once certified.
import { useTranslation } from "react-i18next";
import { EmptyState } from "../layout";
import { CertifyStep, InspectStep, ReasonStep, YearlyReviewStep } from "./ReviewSteps";
import { Step } from "./Step";
import type { ApplicationFacilityView, ApplicationView } from "./views";

export function ApplicationActions({ app, facility, today }: { app: ApplicationView; facility: ApplicationFacilityView; today: string }) {
  const { t } = useTranslation();
  const status = app.status;
  const open = status === "applied" || status === "under_review" || status === "public_notice";
  return (
    <section aria-labelledby="actions-title">
      <h2 id="actions-title">{t("certification.actions")}</h2>
      {status === "applied" ? <Step intent="take" title={t("certification.take")} /> : null}
      {status === "under_review" ? <InspectStep today={today} /> : null}
      {status === "under_review" && app.inspectionPassed ? <Step intent="notice" title={t("certification.startNotice")} /> : null}
      {status === "public_notice" ? (
        <>
          <CertifyStep defaultSlots={app.requestedSlots ?? facility.totalSlots} noticeEndsOn={app.noticeEndsOn} today={today} />
          <Step intent="extend" title={t("certification.extendNotice")} />
        </>
      ) : null}
      {open ? <ReasonStep intent="reject" title={t("certification.reject")} /> : null}
      {status === "certified" ? (
        <>
          <YearlyReviewStep />
          <ReasonStep intent="revoke" title={t("certification.revoke")} />
        </>
      ) : null}
      {!open && status !== "certified" ? <EmptyState>{t("certification.noActions")}</EmptyState> : null}
    </section>
  );
}
