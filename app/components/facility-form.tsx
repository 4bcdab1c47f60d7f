import { useTranslation } from "react-i18next";
import { JURISDICTIONS } from "../../rules/jurisdictions";
import { FACILITY_KINDS, KINDERGARTEN_OWNERSHIPS, SERVICE_TYPES, TENURES } from "../../rules/snapshot";
import { useLang } from "../i18n/use-lang";
import { facilitySchema } from "../services/facilities.schemas";
import { CheckboxGroupField, Field, Form, SelectField, SubmitButton, useZodForm, YesNoField } from "./forms";
import { Notice } from "./layout";

export type FacilityFormValues = Record<string, string | string[]>;

/** The facility's details (working copy); the same form creates and edits. */
export function FacilityForm({ defaults, submitLabel }: { defaults: FacilityFormValues; submitLabel: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { form, onSubmit, formError } = useZodForm(facilitySchema, defaults);
  const kind = form.watch("kind" as never) as unknown as string | undefined;
  const tenure = form.watch("premisesTenure" as never) as unknown as string | undefined;
  const hasErrors = Object.keys(form.formState.errors).length > 0;
  const options = (values: readonly string[], prefix: string) => values.map((v) => ({ value: v, label: t(`${prefix}.${v}`) }));
  return (
    <Form method="post" className="card form" onSubmit={onSubmit} noValidate>
      {hasErrors ? <Notice kind="error">{t("errors.formHasErrors")}</Notice> : null}
      {formError ? <Notice kind="error">{t(formError)}</Notice> : null}
      <div className="form-grid">
        <Field form={form} name="name" label={t("filing.facility.name")} />
        <SelectField
          form={form}
          name="jurisdictionCode"
          label={t("filing.facility.jurisdiction")}
          hint={t("filing.facility.jurisdictionHint")}
          options={JURISDICTIONS.filter((j) => j.level === "county" || j.level === "town" || j.code === "659002").map((j) => ({ value: j.code, label: lang === "en" ? j.name.en : j.name.zh }))}
        />
        <div className="field--wide">
          <Field form={form} name="address" label={t("filing.facility.address")} />
        </div>
        <SelectField form={form} name="kind" label={t("filing.facility.kind")} options={options(FACILITY_KINDS, "filing.enums.kind")} />
        <Field form={form} name="totalSlots" label={t("filing.facility.totalSlots")} inputMode="numeric" />
        <div className="field--wide">
          <CheckboxGroupField form={form} name="serviceTypes" label={t("filing.facility.serviceTypes")} options={options(SERVICE_TYPES, "filing.enums.serviceType")} />
        </div>
        <Field form={form} name="openedOn" type="date" label={t("filing.facility.openedOn")} />
        <YesNoField form={form} name="mealsProvided" label={t("filing.facility.mealsProvided")} />
        <SelectField form={form} name="premisesTenure" label={t("filing.facility.premisesTenure")} options={options(TENURES, "filing.enums.tenure")} />
        <YesNoField form={form} name="premisesStateOwned" label={t("filing.facility.premisesStateOwned")} />
        {tenure === "leased" || tenure === "free_use" ? (
          <>
            <Field form={form} name="leaseStartsOn" type="date" label={t("filing.facility.leaseStartsOn")} />
            <Field form={form} name="leaseEndsOn" type="date" label={t("filing.facility.leaseEndsOn")} />
          </>
        ) : null}
        {kind === "employer_run" ? (
          <>
            <Field form={form} name="employerName" label={t("filing.facility.employerName")} />
            <YesNoField form={form} name="employerMainlyForOwnEmployees" label={t("filing.facility.employerMainlyForOwnEmployees")} />
            <YesNoField form={form} name="employerOpenToOtherEmployers" label={t("filing.facility.employerOpenToOtherEmployers")} />
          </>
        ) : null}
        {kind === "kindergarten_class" ? (
          <SelectField form={form} name="kindergartenOwnership" label={t("filing.facility.kindergartenOwnership")} options={options(KINDERGARTEN_OWNERSHIPS, "filing.enums.kindergartenOwnership")} />
        ) : null}
      </div>
      <SubmitButton>{submitLabel}</SubmitButton>
    </Form>
  );
}

/** Form defaults from a facility row: selects take "" for "not given", booleans "true"/"false". */
export function facilityDefaults(f: Record<string, unknown> | null): FacilityFormValues {
  const text = (v: unknown) => (v === null || v === undefined ? "" : String(v));
  if (!f) return { name: "", jurisdictionCode: "", serviceTypes: [] };
  return {
    name: text(f.name),
    address: text(f.address),
    jurisdictionCode: text(f.jurisdictionCode),
    kind: text(f.kind),
    serviceTypes: Array.isArray(f.serviceTypes) ? (f.serviceTypes as string[]) : [],
    totalSlots: text(f.totalSlots),
    openedOn: text(f.openedOn),
    mealsProvided: text(f.mealsProvided),
    premisesTenure: text(f.premisesTenure),
    leaseStartsOn: text(f.leaseStartsOn),
    leaseEndsOn: text(f.leaseEndsOn),
    premisesStateOwned: text(f.premisesStateOwned),
    employerName: text(f.employerName),
    employerMainlyForOwnEmployees: text(f.employerMainlyForOwnEmployees),
    employerOpenToOtherEmployers: text(f.employerOpenToOtherEmployers),
    kindergartenOwnership: text(f.kindergartenOwnership),
  };
}

/** FormData → the facility schema's input (service types are a multi-value field). */
export function facilityInput(form: FormData): Record<string, unknown> {
  const entries = Object.fromEntries(form);
  return { ...entries, serviceTypes: form.getAll("serviceTypes").map(String) };
}
