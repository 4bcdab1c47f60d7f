// The enrolment page's opening card: what the reports are for, a notice while the facility is not filed,
// and a GET form choosing the month (an impossible month shows the loader's message on the field).
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { fieldMessage } from "../forms";
import { Notice } from "../layout";

export function MonthPicker({ period, periodError, reporting }: { period: string; periodError: string | null; reporting: boolean }) {
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby="enrolment-title">
      <h2 id="enrolment-title">{t("subsidy.enrolment.title")}</h2>
      <p className="muted">{t("subsidy.enrolment.intro")}</p>
      {reporting ? null : <Notice>{t("subsidy.enrolment.notFiled")}</Notice>}
      <Form method="get" className="toolbar">
        <div className={`field${periodError ? " field--error" : ""}`}>
          <label htmlFor="period">{t("subsidy.enrolment.month")}</label>
          <input id="period" name="period" type="month" defaultValue={period} aria-invalid={periodError ? true : undefined} />
          {periodError ? (
            <p className="field__error" role="alert">
              {fieldMessage(t, periodError)}
            </p>
          ) : null}
        </div>
        <button type="submit" className="button button--secondary">
          {t("subsidy.enrolment.show")}
        </button>
      </Form>
    </section>
  );
}
