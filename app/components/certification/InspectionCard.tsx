// The on-site inspection as recorded: its date, whether it passed and the findings.
import { useTranslation } from "react-i18next";
import { useLang } from "../../i18n/use-lang";
import { formatDate } from "../../utils/format";
import { EmptyState } from "../layout";
import type { ApplicationView } from "./views";

export function InspectionCard({ app }: { app: ApplicationView }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <section className="card" aria-labelledby="inspection-title">
      <h2 id="inspection-title">{t("certification.inspection")}</h2>
      {app.inspectionOn ? (
        <dl className="facts">
          <dt>{t("certification.inspectionOn")}</dt>
          <dd>{formatDate(app.inspectionOn, lang)}</dd>
          <dt>{t("certification.passed")}</dt>
          <dd>
            {app.inspectionPassed ? (
              <span className="badge badge--ok">
                <span aria-hidden="true">✓ </span>
                {t("certification.passedYes")}
              </span>
            ) : (
              <span className="badge badge--err">
                <span aria-hidden="true">✗ </span>
                {t("certification.passedNo")}
              </span>
            )}
          </dd>
          <dt>{t("certification.findings")}</dt>
          <dd>{app.inspectionFindings}</dd>
        </dl>
      ) : (
        <EmptyState>{t("certification.inspectionNone")}</EmptyState>
      )}
    </section>
  );
}
