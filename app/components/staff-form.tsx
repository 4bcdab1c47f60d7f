import { useTranslation } from "react-i18next";
import { EDUCATION_LEVELS, STAFF_ROLES } from "../../rules/snapshot";
import { staffSchema, staffUpdateSchema } from "../services/facilities.schemas";
import { Field, Form, SelectField, SubmitButton, useZodForm, YesNoField } from "./forms";
import { Notice } from "./layout";

/** Adds or edits a staff member; the ID number is checked (GB 11643) in the browser and on the server. */
export function StaffForm({ defaults, submitLabel, intent, editing = false }: { defaults: Record<string, string>; submitLabel: string; intent?: string; editing?: boolean }) {
  const { t } = useTranslation();
  const { form, onSubmit, formError } = useZodForm(editing ? staffUpdateSchema : staffSchema, defaults);
  const hasErrors = Object.keys(form.formState.errors).length > 0;
  return (
    <Form method="post" className="form" onSubmit={onSubmit} noValidate>
      {intent ? <input type="hidden" name="intent" value={intent} /> : null}
      {hasErrors ? <Notice kind="error">{t("errors.formHasErrors")}</Notice> : null}
      {formError ? <Notice kind="error">{t(formError)}</Notice> : null}
      <div className="form-grid">
        <Field form={form} name="name" label={t("filing.staff.name")} autoComplete="off" />
        <Field form={form} name="idNumber" label={t("filing.staff.idNumber")} hint={editing ? t("filing.staff.idNumberKeep") : undefined} autoComplete="off" spellCheck={false} />
        <SelectField form={form} name="role" label={t("filing.staff.role")} options={STAFF_ROLES.map((v) => ({ value: v, label: t(`filing.enums.staffRole.${v}`) }))} />
        <SelectField form={form} name="education" label={t("filing.staff.education")} options={EDUCATION_LEVELS.map((v) => ({ value: v, label: t(`filing.enums.education.${v}`) }))} />
        <Field form={form} name="yearsOfExperience" label={t("filing.staff.yearsOfExperience")} inputMode="numeric" />
        <Field form={form} name="healthCertificateValidUntil" type="date" label={t("filing.staff.healthCertificateValidUntil")} />
        <Field form={form} name="backgroundCheckOn" type="date" label={t("filing.staff.backgroundCheckOn")} />
        <YesNoField form={form} name="laborContract" label={t("filing.staff.laborContract")} />
        <YesNoField form={form} name="socialInsurance" label={t("filing.staff.socialInsurance")} />
      </div>
      <SubmitButton>{submitLabel}</SubmitButton>
    </Form>
  );
}

export const EMPTY_STAFF = {
  name: "",
  idNumber: "",
  role: "",
  education: "",
  yearsOfExperience: "",
  healthCertificateValidUntil: "",
  backgroundCheckOn: "",
  laborContract: "",
  socialInsurance: "",
};
