// The price officer's "publish a schedule" card: jurisdiction, effective date and method, then either a
// class type × service type grid of caps in yuan or the formula's inputs, and the cited document. It posts
// plain named fields (`cap.<classType>.<serviceType>`) so it works without JavaScript, when both methods'
// inputs show and the action reads only the chosen one's.
import { Form } from "@remix-run/react";
import { useState, type InputHTMLAttributes } from "react";
import { useTranslation } from "react-i18next";
import { CLASS_TYPES, SERVICE_TYPES } from "../../../rules/snapshot";
import { useLang } from "../../i18n/use-lang";
import { jurisdictionName } from "../checklist";
import { fieldMessage, SubmitButton } from "../forms";
import { Notice } from "../layout";
import { jName, useHydrated } from "./pieces";

type TextField = "effectiveFrom" | "referenceMonthlyIncome" | "fullDaySharePercent" | "referenceDocument" | "referenceClause" | "referenceUrl";

/** The form field of one cell of the caps grid (the action reads the same names). */
export function capName(classType: string, serviceType: string): string {
  return `cap.${classType}.${serviceType}`;
}

export type PublishFormProps = {
  scope: string;
  jurisdictions: ReadonlyArray<{ code: string; nameZh: string; nameEn: string }>;
  errors: Record<string, string>;
  formError: string | undefined;
  values: Record<string, string>;
};

export function PublishScheduleForm({ scope, jurisdictions: options, errors, formError, values }: PublishFormProps) {
  const { t } = useTranslation();
  const lang = useLang();
  const hydrated = useHydrated();
  const [mode, setMode] = useState(values.mode ?? "caps");
  // without JavaScript both methods' inputs show (the action reads only the chosen one's)
  const showCaps = !hydrated || mode === "caps";
  const showFormula = !hydrated || mode === "formula";

  const field = (name: TextField, label: string, props: InputHTMLAttributes<HTMLInputElement> = {}, hint?: string) => {
    const error = errors[name];
    const id = `f-${name}`;
    return (
      <div className={`field${error ? " field--error" : ""}`}>
        <label htmlFor={id}>{label}</label>
        {hint ? (
          <p id={`${id}-hint`} className="field__hint">
            {hint}
          </p>
        ) : null}
        <input
          id={id}
          name={name}
          defaultValue={values[name] ?? ""}
          aria-invalid={error ? true : undefined}
          aria-describedby={[hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined}
          {...props}
        />
        {error ? (
          <p id={`${id}-error`} className="field__error" role="alert">
            {fieldMessage(t, error)}
          </p>
        ) : null}
      </div>
    );
  };

  return (
    <section className="card" aria-labelledby="publish-title">
      <h2 id="publish-title">{t("pricing.publish")}</h2>
      <p className="muted small">{t("pricing.scopeNote", { name: jurisdictionName(scope, lang) })}</p>
      {formError ? <Notice kind="error">{fieldMessage(t, formError)}</Notice> : null}
      <Form method="post" className="form" noValidate>
        <div className="form-grid">
          <div className={`field${errors.jurisdictionCode ? " field--error" : ""}`}>
            <label htmlFor="f-jurisdictionCode">{t("pricing.jurisdiction")}</label>
            <select id="f-jurisdictionCode" name="jurisdictionCode" defaultValue={values.jurisdictionCode ?? ""} aria-invalid={errors.jurisdictionCode ? true : undefined}>
              <option value="">{t("filing.facility.choose")}</option>
              {options.map((j) => (
                <option key={j.code} value={j.code}>
                  {jName(j, lang)}
                </option>
              ))}
            </select>
            {errors.jurisdictionCode ? (
              <p className="field__error" role="alert">
                {fieldMessage(t, errors.jurisdictionCode)}
              </p>
            ) : null}
          </div>
          {field("effectiveFrom", t("pricing.effectiveFrom"), {
            type: "date",
          })}
          <div className={`field${errors.mode ? " field--error" : ""}`}>
            <label htmlFor="f-mode">{t("pricing.mode")}</label>
            <select id="f-mode" name="mode" defaultValue={values.mode ?? "caps"} onChange={(e) => setMode(e.currentTarget.value)} aria-invalid={errors.mode ? true : undefined}>
              <option value="caps">{t("pricing.modes.caps")}</option>
              <option value="formula">{t("pricing.modes.formula")}</option>
            </select>
            {errors.mode ? (
              <p className="field__error" role="alert">
                {fieldMessage(t, errors.mode)}
              </p>
            ) : null}
          </div>
        </div>

        {showCaps ? (
          <fieldset className="field">
            <legend>
              {t("pricing.caps")}
              {hydrated ? null : <span className="muted small"> · {t("pricing.modes.caps")}</span>}
            </legend>
            <p className="field__hint">{t("pricing.capHint")}</p>
            {errors.caps ? (
              <p className="field__error" role="alert">
                {fieldMessage(t, errors.caps)}
              </p>
            ) : null}
            <div className="table-wrap">
              <table className="data-table">
                <thead>
                  <tr>
                    <th scope="col">{t("pricing.fees.classType")}</th>
                    {SERVICE_TYPES.map((st) => (
                      <th scope="col" key={st}>
                        {t(`filing.enums.serviceType.${st}`)}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {CLASS_TYPES.map((ct) => (
                    <tr key={ct}>
                      <th scope="row">{t(`filing.enums.classType.${ct}`)}</th>
                      {SERVICE_TYPES.map((st) => {
                        const name = capName(ct, st);
                        const error = errors[name];
                        return (
                          <td key={st}>
                            <div className={`field${error ? " field--error" : ""}`}>
                              <label htmlFor={`f-${name}`} className="visually-hidden">
                                {t("pricing.capsFor", {
                                  classType: t(`filing.enums.classType.${ct}`),
                                  serviceType: t(`filing.enums.serviceType.${st}`),
                                })}
                              </label>
                              <input id={`f-${name}`} name={name} inputMode="decimal" size={8} defaultValue={values[name] ?? ""} aria-invalid={error ? true : undefined} />
                              {error ? (
                                <p className="field__error" role="alert">
                                  {fieldMessage(t, error)}
                                </p>
                              ) : null}
                            </div>
                          </td>
                        );
                      })}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </fieldset>
        ) : null}

        {showFormula ? (
          <fieldset className="field">
            <legend>
              {t("pricing.formula")}
              {hydrated ? null : <span className="muted small"> · {t("pricing.modes.formula")}</span>}
            </legend>
            <div className="form-grid">
              {field("referenceMonthlyIncome", t("pricing.referenceMonthlyIncome"), { inputMode: "decimal" })}
              {field("fullDaySharePercent", t("pricing.fullDaySharePercent"), { inputMode: "decimal" })}
            </div>
          </fieldset>
        ) : null}

        <div className="form-grid">
          {field("referenceDocument", t("pricing.referenceDocument"), {
            maxLength: 200,
          })}
          {field("referenceClause", t("pricing.referenceClause"), {
            maxLength: 100,
          })}
          {field("referenceUrl", t("pricing.referenceUrl"), { type: "url" })}
        </div>
        <SubmitButton>{t("pricing.publish")}</SubmitButton>
      </Form>
    </section>
  );
}
