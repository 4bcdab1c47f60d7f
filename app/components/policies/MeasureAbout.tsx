// The public measure page's two opening cards: what the measure is (id, who it applies to, monetary or not,
// judged on another day) and its legal basis, each reference linked.
import { useTranslation } from "react-i18next";
import type { Reference, Text } from "../../../rules/engine/types";
import type { Lang } from "../../i18n/i18n";
import { ReferenceLink, referenceText, textIn } from "../checklist";

export type MeasureAboutView = {
  id: string;
  legalBasis: readonly Reference[];
  monetary: boolean;
  subject: { title: Text; references: readonly Reference[] } | null;
  judgedOnOtherDay: boolean;
};

export function MeasureAbout({ measure, lang }: { measure: MeasureAboutView; lang: Lang }) {
  const { t } = useTranslation();
  return (
    <div className="grid-2">
      <section className="card" aria-labelledby="about">
        <h2 id="about">{t("policies.about")}</h2>
        <dl className="facts">
          <dt>{t("policies.measureId")}</dt>
          <dd>
            <code>{measure.id}</code>
          </dd>
          <dt>{t("policies.subject")}</dt>
          <dd>
            {measure.subject ? textIn(measure.subject.title, lang) : t("policies.everyFacility")}
            {measure.subject?.references.length ? (
              <span className="small muted">
                {" "}
                （{measure.subject.references.map((r) => referenceText(r)).join(t("policies.listSeparator"))}）
              </span>
            ) : null}
          </dd>
          <dt>{t("policies.kind")}</dt>
          <dd>{measure.monetary ? t("policies.monetaryLong") : t("policies.nonMonetary")}</dd>
          {measure.judgedOnOtherDay ? (
            <>
              <dt>{t("policies.judgedOnLabel")}</dt>
              <dd>{t("policies.judgedOnPeriodEnd")}</dd>
            </>
          ) : null}
        </dl>
      </section>
      <section className="card" aria-labelledby="basis">
        <h2 id="basis">{t("policies.legalBasis")}</h2>
        <ul className="reference-list">
          {measure.legalBasis.map((r) => (
            <li key={referenceText(r)}>
              <ReferenceLink reference={r} />
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
