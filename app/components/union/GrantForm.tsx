// The form recording a union grant to a programme (name, year, amount and the matching funds, date,
// reference); its answers carry the intent `grant`, and a recorded grant clears it for the next one.
import { Form } from "@remix-run/react";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { Field, SubmitButton, useZodForm } from "../forms";
import { Notice } from "../layout";
import { grantSchema } from "../../services/union.schemas";

export function GrantForm({ today, recorded }: { today: string; recorded: number }) {
  const { t } = useTranslation();
  const { form, onSubmit, formError } = useZodForm(grantSchema, { programmeName: "", year: today.slice(0, 4), amount: "", matching: "", grantedOn: today, reference: "" }, { intent: "grant" });
  // a recorded grant clears the form for the next one
  useEffect(() => form.reset(), [recorded, form]);
  return (
    <Form method="post" className="form" onSubmit={onSubmit} noValidate style={{ marginTop: "1rem" }}>
      <h3>{t("union.grant.submit")}</h3>
      <input type="hidden" name="intent" value="grant" />
      {formError ? <Notice kind="error">{t(formError)}</Notice> : null}
      <div className="form-grid" style={{ alignItems: "end" }}>
        <div className="field--wide">
          <Field form={form} name="programmeName" label={t("union.grant.programmeName")} hint={t("union.grant.programmeNameHint")} maxLength={100} />
        </div>
        <Field form={form} name="year" label={t("union.grant.year")} inputMode="numeric" maxLength={4} />
        <Field form={form} name="amount" label={t("union.grant.amount")} inputMode="decimal" />
        <Field form={form} name="matching" label={t("union.grant.matching")} hint={t("union.grant.matchingHint")} inputMode="decimal" />
        <Field form={form} name="grantedOn" type="date" label={t("union.grant.grantedOn")} max={today} />
        <Field form={form} name="reference" label={t("union.grant.reference")} maxLength={100} />
      </div>
      <div>
        <SubmitButton>{t("union.grant.submit")}</SubmitButton>
      </div>
    </Form>
  );
}
