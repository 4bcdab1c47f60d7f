// The standards page's form: enter a county's operating-subsidy standard (optionally ending the previous
// one), or — opened with `?replace=<code>:<date>` — replace a live entry, the form prefilled with its values.
// It posts `intent=enter` or `intent=replace`; the service validates.
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { SUBSIDY_PERIOD_RULES } from "../../../rules/vocabulary";
import { useLang } from "../../i18n/use-lang";
import type { StandardJurisdiction, StandardKey } from "../../services/standards.server";
import { standardSchema } from "../../services/subsidy.schemas";
import { formatDate } from "../../utils/format";
import { jurisdictionName } from "../checklist";
import { Field, fieldMessage, Form, SelectField, SubmitButton, useZodForm } from "../forms";
import { Notice } from "../layout";

export type StandardFormProps = {
  scope: string;
  places: readonly StandardJurisdiction[];
  /** the live entry being replaced, if any */
  replace: StandardKey | null;
  /** the form's values when it opens (the replaced entry's, or blank with the chosen county) */
  defaults: Record<string, string | undefined>;
  /** the values posted last time, when the server refused them */
  values: Record<string, string> | null;
};

export function StandardForm({ scope, places, replace: replacing, defaults, values }: StandardFormProps) {
  const { t } = useTranslation();
  const lang = useLang();
  const { form, onSubmit, formError } = useZodForm(standardSchema, values ?? defaults);
  return (
    <section className="card" aria-labelledby="enter-title" id="enter">
      <h2 id="enter-title">{replacing ? t("subsidy.standards.replaceTitle", { date: formatDate(replacing.effectiveFrom, lang) }) : t("subsidy.standards.enterTitle")}</h2>
      <p className="muted small">{replacing ? t("subsidy.standards.replaceIntro") : t("subsidy.standards.scopeNote", { name: jurisdictionName(scope, lang) })}</p>
      {formError ? <Notice kind="error">{fieldMessage(t, formError)}</Notice> : null}
      <Form method="post" className="form" onSubmit={onSubmit} noValidate>
        <input type="hidden" name="intent" value={replacing ? "replace" : "enter"} />
        {replacing ? (
          <>
            <input type="hidden" name="replaceJurisdiction" value={replacing.jurisdictionCode} />
            <input type="hidden" name="replaceFrom" value={replacing.effectiveFrom} />
          </>
        ) : null}
        <div className="form-grid form-grid--top">
          <SelectField form={form} name="jurisdictionCode" label={t("subsidy.standards.jurisdiction")} hint={t("subsidy.standards.jurisdictionHint")} options={places.map((p) => ({ value: p.code, label: lang === "zh-CN" ? p.nameZh : p.nameEn }))} />
          <Field form={form} name="effectiveFrom" label={t("subsidy.standards.effectiveFrom")} hint={t("subsidy.standards.effectiveFromHint")} type="date" />
          <Field form={form} name="effectiveTo" label={t("subsidy.standards.effectiveTo")} hint={t("subsidy.standards.effectiveToHint")} type="date" />
        </div>
        <div className="form-grid form-grid--top">
          <Field form={form} name="perChildMonth" label={t("subsidy.standards.perChildMonthField")} hint={t("subsidy.standards.perChildMonthHint")} inputMode="decimal" />
          <Field form={form} name="perChildMonthKindergartenClass" label={t("subsidy.standards.kgField")} hint={t("subsidy.standards.kgHint")} inputMode="decimal" />
          <Field form={form} name="maxMonthsPerYear" label={t("subsidy.standards.maxMonthsField")} hint={t("subsidy.standards.maxMonthsHint")} inputMode="numeric" />
        </div>
        <div className="form-grid form-grid--top">
          <SelectField form={form} name="periodRule" label={t("subsidy.standards.periodRuleField")} hint={t("subsidy.standards.periodRuleHint")} options={SUBSIDY_PERIOD_RULES.map((r) => ({ value: r, label: t(`subsidy.standards.periodRules.${r}`) }))} />
          <Field form={form} name="minAttendanceDays" label={t("subsidy.standards.minAttendanceField")} hint={t("subsidy.standards.minAttendanceHint")} inputMode="numeric" />
        </div>
        <div className="form-grid form-grid--top">
          <Field form={form} name="referenceDocument" label={t("subsidy.standards.referenceDocument")} hint={t("subsidy.standards.referenceDocumentHint")} maxLength={200} />
          <Field form={form} name="referenceClause" label={t("subsidy.standards.referenceClause")} hint={t("subsidy.standards.referenceClauseHint")} maxLength={100} />
          <Field form={form} name="referenceUrl" label={t("subsidy.standards.referenceUrl")} hint={t("subsidy.standards.referenceUrlHint")} type="url" />
        </div>
        {replacing ? null : (
          <div className="field">
            <label className="checkbox">
              <input type="checkbox" name="endPrevious" aria-describedby="end-previous-hint" />
              {t("subsidy.standards.endPrevious")}
            </label>
            <p id="end-previous-hint" className="field__hint">
              {t("subsidy.standards.endPreviousHint")}
            </p>
          </div>
        )}
        <p className="row-actions">
          <SubmitButton>{replacing ? t("subsidy.standards.submitReplace") : t("subsidy.standards.submit")}</SubmitButton>
          {replacing ? (
            <Link to="/admin/standards" className="button button--secondary">
              {t("subsidy.standards.cancelReplace")}
            </Link>
          ) : null}
        </p>
      </Form>
    </section>
  );
}
