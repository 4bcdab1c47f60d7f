// The finance desk's "prepare a batch" card (issue #7), for reviewers: the jurisdiction (preset when there is
// only one) and the month (last month by default, no later). Posting starts the computation in the background.
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useLang } from "../../i18n/use-lang";
import { prepareSchema } from "../../services/batches.schemas";
import { Field, fieldMessage, SelectField, SubmitButton, useZodForm } from "../forms";
import { Notice } from "../layout";
import { nameIn } from "./pieces";

export type PreparableJurisdiction = { code: string; nameZh: string; nameEn: string };

export function PrepareBatchCard({ jurisdictions, defaultPeriod }: { jurisdictions: readonly PreparableJurisdiction[]; defaultPeriod: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const only = jurisdictions.length === 1 ? jurisdictions[0]?.code : undefined;
  const { form, onSubmit, formError } = useZodForm(prepareSchema, { jurisdictionCode: only ?? "", period: defaultPeriod });
  return (
    <section className="card" aria-labelledby="prepare-title">
      <h2 id="prepare-title">{t("batches.prepare.title")}</h2>
      <p className="muted small">{t("batches.prepare.intro")}</p>
      {formError ? <Notice kind="error">{fieldMessage(t, formError)}</Notice> : null}
      <Form method="post" className="form" noValidate onSubmit={onSubmit}>
        <div className="form-grid">
          <SelectField
            form={form}
            name="jurisdictionCode"
            label={t("batches.prepare.jurisdiction")}
            hint={t("batches.prepare.jurisdictionHint")}
            options={jurisdictions.map((j) => ({ value: j.code, label: nameIn(j, lang) }))}
          />
          <Field form={form} name="period" type="month" label={t("batches.prepare.period")} hint={t("batches.prepare.periodHint")} max={defaultPeriod} />
        </div>
        <div>
          <SubmitButton intent="prepare">{t("batches.prepare.submit")}</SubmitButton>
        </div>
      </Form>
    </section>
  );
}
