// The form nominating a programme for 全国爱心托育用人单位: this year's round, or the next one once this
// year's nomination is recorded; its answers carry the intent `nominate`.
import { Form } from "@remix-run/react";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { Field, SubmitButton, useZodForm } from "../forms";
import { Notice } from "../layout";
import { nominationSchema } from "../../services/union.schemas";
import { todayInShanghai } from "../../utils/format";

export function NominateForm({ taken }: { taken: number[] }) {
  const { t } = useTranslation();
  const thisYear = Number(todayInShanghai().slice(0, 4));
  // this year's round, or the next one once this year's nomination is recorded
  const year = [thisYear, thisYear + 1].find((y) => !taken.includes(y));
  const { form, onSubmit, formError } = useZodForm(nominationSchema, { year: year ? String(year) : "", notes: "" }, { intent: "nominate" });
  useEffect(() => form.reset({ year: year ? String(year) : "", notes: "" }), [year, form]);
  return (
    <Form method="post" className="form" onSubmit={onSubmit} noValidate style={{ marginTop: "1rem" }}>
      <h3>{t("union.nomination.submit")}</h3>
      <input type="hidden" name="intent" value="nominate" />
      {formError ? <Notice kind="error">{t(formError)}</Notice> : null}
      <div className="form-grid" style={{ alignItems: "end" }}>
        <Field form={form} name="year" label={t("union.nomination.year")} inputMode="numeric" maxLength={4} />
        <div className="field--wide">
          <Field form={form} name="notes" label={t("union.nomination.notes")} maxLength={2000} />
        </div>
      </div>
      <div>
        <SubmitButton>{t("union.nomination.submit")}</SubmitButton>
      </div>
    </Form>
  );
}
