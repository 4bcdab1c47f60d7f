// The checklist as it stood when the filing was submitted, next to the operator's explanation of what is
// still open.
import { useTranslation } from "react-i18next";
import type { Evaluation } from "../../../rules/engine/evaluate";
import { useLang } from "../../i18n/use-lang";
import { formatDate } from "../../utils/format";
import { Checklist, ChecklistSummary } from "../checklist";

export function ChecklistAtSubmission({ evaluation, explanation }: { evaluation: Evaluation; explanation: string | null }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <section className="card" aria-labelledby="checklist-title">
      <h2 id="checklist-title">{t("filing.review.checklistAtSubmission")}</h2>
      <p className="muted small">{t("filing.review.checklistAtSubmissionIntro", { date: formatDate(evaluation.asOf, lang) })}</p>
      <ChecklistSummary evaluation={evaluation} />
      {explanation ? (
        <div className="notice">
          <h3 style={{ margin: "0 0 .25rem" }}>{t("filing.review.explanation")}</h3>
          <p style={{ whiteSpace: "pre-wrap", margin: 0 }}>{explanation}</p>
        </div>
      ) : (
        <p className="muted small">{t("filing.review.noExplanation")}</p>
      )}
      <Checklist evaluation={evaluation} lang={lang} />
    </section>
  );
}
