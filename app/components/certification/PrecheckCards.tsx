// The pre-check today and as stored when the application was made (kept for the record, folded).
import { useTranslation } from "react-i18next";
import type { Evaluation } from "../../../rules/engine/evaluate";
import { useLang } from "../../i18n/use-lang";
import { Checklist, ChecklistSummary } from "../checklist";

export function PrecheckCards({ currentPrecheck, storedPrecheck }: { currentPrecheck: Evaluation; storedPrecheck: Evaluation }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <>
      <section className="card" aria-labelledby="current-precheck-title">
        <h2 id="current-precheck-title">{t("certification.currentPrecheck")}</h2>
        <ChecklistSummary evaluation={currentPrecheck} />
        <Checklist evaluation={currentPrecheck} lang={lang} />
      </section>
      <section className="card" aria-labelledby="stored-precheck-title">
        <h2 id="stored-precheck-title">{t("certification.storedPrecheck")}</h2>
        <ChecklistSummary evaluation={storedPrecheck} />
        {/* kept for the record; folded so today's pre-check stays the one read first */}
        <details>
          <summary>{t("certification.storedPrecheck")}</summary>
          <Checklist evaluation={storedPrecheck} lang={lang} />
        </details>
      </section>
    </>
  );
}
