// The "try the rules" page's result: where and when the snapshot was judged, with which rules version, then
// the summary and the full checklist of every measure.
import { useTranslation } from "react-i18next";
import type { Evaluation } from "../../../rules/engine/evaluate";
import type { Lang } from "../../i18n/i18n";
import { formatDate } from "../../utils/format";
import { Checklist, ChecklistSummary, jurisdictionName } from "../checklist";

export function TryEvaluation({ evaluation, lang }: { evaluation: Evaluation; lang: Lang }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="try-result" className="try-result">
      <h2 id="try-result">{t("policies.try.resultTitle")}</h2>
      <dl className="facts card">
        <dt>{t("policies.jurisdictionLabel")}</dt>
        <dd>
          {jurisdictionName(evaluation.jurisdiction, lang)}（{evaluation.jurisdiction}）
        </dd>
        <dt>{t("policies.try.asOf")}</dt>
        <dd>{formatDate(evaluation.asOf, lang)}</dd>
        <dt>{t("policies.try.rulesVersion")}</dt>
        <dd>
          <code>{evaluation.rulesVersion.slice(0, 16)}</code>
        </dd>
      </dl>
      <ChecklistSummary evaluation={evaluation} />
      <Checklist evaluation={evaluation} lang={lang} />
    </section>
  );
}
