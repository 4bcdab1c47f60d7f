// The public measure page's parameters card: a GET form choosing the jurisdiction and date, whether the
// measure is in force there and then, and each parameter it reads with the value that applies, where the
// value comes from, its period and its reference (or why none can be shown).
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { ResolvedParameter } from "../../../rules/engine/parameters";
import type { Text } from "../../../rules/engine/types";
import type { JurisdictionLevel } from "../../../rules/jurisdictions";
import type { Lang } from "../../i18n/i18n";
import { formatDate } from "../../utils/format";
import { formatParameterValue, jurisdictionName, ProvisionalBadge, ReferenceLink, textIn, unitLabel } from "../checklist";
import { Notice } from "../layout";

export type MeasureParametersProps = {
  query: { jurisdiction: string; date: string };
  errors: { jurisdiction?: string; date?: string };
  /** null when the query is invalid */
  inForce: boolean | null;
  /** null when the query is invalid */
  parameters: ReadonlyArray<{ id: string; description: Text | null; value: ResolvedParameter | null }> | null;
  jurisdictions: ReadonlyArray<{ code: string; name: Text; level: JurisdictionLevel }>;
  /** the jurisdiction the select falls back to when the asked one is unknown */
  defaultJurisdiction: string;
  lang: Lang;
};

export function MeasureParameters({ query, errors, inForce, parameters, jurisdictions, defaultJurisdiction, lang }: MeasureParametersProps) {
  const { t } = useTranslation();
  const place = jurisdictionName(query.jurisdiction, lang);
  return (
    <section className="card" aria-labelledby="parameters">
      <h2 id="parameters">{t("policies.parametersTitle")}</h2>
      <Form method="get" className="toolbar" aria-label={t("policies.parametersFormLabel")}>
        <div className={`field${errors.jurisdiction ? " field--error" : ""}`}>
          <label htmlFor="jurisdiction">{t("policies.jurisdictionLabel")}</label>
          <select
            id="jurisdiction"
            name="jurisdiction"
            defaultValue={errors.jurisdiction ? defaultJurisdiction : query.jurisdiction}
            aria-invalid={errors.jurisdiction ? true : undefined}
            aria-describedby={errors.jurisdiction ? "jurisdiction-error" : undefined}
          >
            {jurisdictions.map((j) => (
              <option key={j.code} value={j.code}>
                {`${j.level === "county" || j.level === "town" ? "　" : ""}${textIn(j.name, lang)}（${j.code}）`}
              </option>
            ))}
          </select>
          {errors.jurisdiction ? (
            <p id="jurisdiction-error" className="field__error" role="alert">
              {t("policies.errors.jurisdiction", { value: errors.jurisdiction })}
            </p>
          ) : null}
        </div>
        <div className={`field${errors.date ? " field--error" : ""}`}>
          <label htmlFor="date">{t("policies.dateLabel")}</label>
          <input
            id="date"
            name="date"
            type="date"
            defaultValue={query.date}
            aria-invalid={errors.date ? true : undefined}
            aria-describedby={errors.date ? "date-error" : undefined}
          />
          {errors.date ? (
            <p id="date-error" className="field__error" role="alert">
              {t("policies.errors.date", { value: errors.date })}
            </p>
          ) : null}
        </div>
        <button type="submit" className="button button--secondary">
          {t("policies.show")}
        </button>
      </Form>
      {parameters === null ? (
        <p className="muted">{t("policies.fixQuery")}</p>
      ) : (
        <>
          <Notice kind={inForce ? "success" : "info"}>
            {t(inForce ? "policies.inForceHere" : "policies.notInForceHere", { place, date: formatDate(query.date, lang) })}
          </Notice>
          <div className="table-wrap">
            <table className="data-table parameter-table">
              <caption className="visually-hidden">{t("policies.parametersCaption", { place, date: formatDate(query.date, lang) })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("policies.parameter")}</th>
                  <th scope="col">{t("policies.value")}</th>
                  <th scope="col">{t("policies.from")}</th>
                  <th scope="col">{t("policies.effective")}</th>
                  <th scope="col">{t("policies.reference")}</th>
                </tr>
              </thead>
              <tbody>
                {parameters.map((p) => (
                  <tr key={p.id}>
                    <th scope="row">
                      {p.description ? textIn(p.description, lang) : p.id}
                      <br />
                      <code className="small">{p.id}</code>
                    </th>
                    {p.value ? (
                      <>
                        <td>
                          <strong>{formatParameterValue(p.id, p.value.value, t)}</strong> {unitLabel(p.id, t)}
                          {p.value.provisional ? (
                            <div>
                              <ProvisionalBadge />
                            </div>
                          ) : null}
                        </td>
                        <td>{jurisdictionName(p.value.jurisdiction, lang)}</td>
                        <td className="nowrap">
                          {p.value.effectiveTo
                            ? t("policies.range", { from: formatDate(p.value.effectiveFrom, lang), to: formatDate(p.value.effectiveTo, lang) })
                            : t("policies.rangeOpen", { from: formatDate(p.value.effectiveFrom, lang) })}
                        </td>
                        <td>
                          <ReferenceLink reference={p.value.reference} />
                        </td>
                      </>
                    ) : (
                      <td colSpan={4} className="muted">
                        {t("policies.noValue")}
                      </td>
                    )}
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
