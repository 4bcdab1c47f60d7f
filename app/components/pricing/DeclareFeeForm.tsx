// The operator's "declare a fee" card: a basic fee (class type × service type) or a named other fee, and the
// amount in yuan. Without JavaScript every field shows; the service reads those of the chosen kind.
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { CLASS_TYPES, SERVICE_TYPES } from "../../../rules/snapshot";
import { feeSchema } from "../../services/pricing.schemas";
import { Field, SelectField, SubmitButton, useZodForm, Form as RemixForm } from "../forms";
import { Notice } from "../layout";
import { useHydrated } from "./pieces";

/** `basicCount` and `otherCount` are how many fees are declared: when one changes, the form clears. */
export function DeclareFeeForm({ basicCount, otherCount }: { basicCount: number; otherCount: number }) {
  const { t } = useTranslation();
  const { form, onSubmit, formError } = useZodForm(feeSchema, {
    kind: "basic",
    classType: "",
    serviceType: "",
    name: "",
    amount: "",
  });
  const hydrated = useHydrated();
  const kind = form.watch("kind") as string | undefined;
  // a declared fee clears the amount for the next one
  useEffect(() => form.reset(), [basicCount, otherCount, form]);
  return (
    <section className="card" aria-labelledby="declare-title">
      <h2 id="declare-title">{t("pricing.fees.declare")}</h2>
      {formError ? <Notice kind="error">{t(formError)}</Notice> : null}
      <RemixForm method="post" className="form" onSubmit={onSubmit} noValidate>
        <div className="form-grid">
          <SelectField
            form={form}
            name="kind"
            label={t("pricing.fees.kind")}
            options={[
              { value: "basic", label: t("pricing.fees.basic") },
              { value: "other", label: t("pricing.fees.other") },
            ]}
          />
          {/* without JavaScript every field shows; the service reads those of the chosen kind */}
          {!hydrated || kind !== "other" ? (
            <>
              <SelectField
                form={form}
                name="classType"
                label={t("pricing.fees.classType")}
                options={CLASS_TYPES.map((v) => ({
                  value: v,
                  label: t(`filing.enums.classType.${v}`),
                }))}
              />
              <SelectField
                form={form}
                name="serviceType"
                label={t("pricing.fees.serviceType")}
                options={SERVICE_TYPES.map((v) => ({
                  value: v,
                  label: t(`filing.enums.serviceType.${v}`),
                }))}
              />
            </>
          ) : null}
          {!hydrated || kind === "other" ? <Field form={form} name="name" label={t("pricing.fees.name")} maxLength={50} /> : null}
          <Field form={form} name="amount" label={t("pricing.fees.amount")} inputMode="decimal" />
        </div>
        <SubmitButton>{t("pricing.fees.declare")}</SubmitButton>
      </RemixForm>
    </section>
  );
}
