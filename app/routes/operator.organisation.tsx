import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "../../db/client";
import { JURISDICTIONS } from "../../rules/jurisdictions";
import { LEGAL_FORMS, OWNERSHIPS } from "../../rules/snapshot";
import { requirePermission } from "../auth/session.server";
import { Field, Form, SelectField, SubmitButton, useZodForm, YesNoField } from "../components/forms";
import { Notice, PageHeader } from "../components/layout";
import { titleMeta } from "../i18n/i18n";
import { useLang } from "../i18n/use-lang";
import { organisationSchema } from "../services/facilities.schemas";
import { getOwnOrganisation, saveOrganisation } from "../services/facilities.server";
import { guarded, guardedAction } from "../utils/http.server";

export const meta = titleMeta("filing.organisation.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "update:facility:own");
  return guarded(async () => getOwnOrganisation(await getDb(), actor));
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "update:facility:own");
  const form = Object.fromEntries(await request.formData());
  return guardedAction(async () => {
    await saveOrganisation(await getDb(), actor, form);
    return redirect("/operator?flash=organisationSaved");
  });
}

export default function OrganisationPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const org = useLoaderData<typeof loader>();
  const { form, onSubmit } = useZodForm(organisationSchema, {
      name: org.name,
      uscc: org.uscc ?? "",
      legalForm: org.legalForm ?? "",
      ownership: org.ownership ?? "",
      businessScopeIncludesChildcare: org.businessScopeIncludesChildcare === null ? "" : String(org.businessScopeIncludesChildcare),
      address: org.address ?? "",
      contactName: org.contactName ?? "",
      contactPhone: org.contactPhone ?? "",
      jurisdictionCode: org.jurisdictionCode,
  });
  const hasErrors = Object.keys(form.formState.errors).length > 0;
  return (
    <div className="narrow">
      <PageHeader title={t("filing.organisation.title")} intro={t("filing.organisation.intro")} actions={<Link to="/operator">{t("home.operator.title")}</Link>} />
      {hasErrors ? <Notice kind="error">{t("errors.formHasErrors")}</Notice> : null}
      <Form method="post" className="card form" onSubmit={onSubmit} noValidate>
        <Field form={form} name="name" label={t("filing.organisation.name")} />
        <Field form={form} name="uscc" label={t("filing.organisation.uscc")} hint={t("filing.organisation.usccHint")} autoCapitalize="characters" />
        <SelectField form={form} name="legalForm" label={t("filing.organisation.legalForm")} options={LEGAL_FORMS.map((v) => ({ value: v, label: t(`filing.enums.legalForm.${v}`) }))} />
        <SelectField form={form} name="ownership" label={t("filing.organisation.ownership")} options={OWNERSHIPS.map((v) => ({ value: v, label: t(`filing.enums.ownership.${v}`) }))} />
        <YesNoField form={form} name="businessScopeIncludesChildcare" label={t("filing.organisation.businessScope")} />
        <SelectField
          form={form}
          name="jurisdictionCode"
          label={t("filing.organisation.jurisdiction")}
          options={JURISDICTIONS.filter((j) => j.level === "county" || j.level === "city" || j.level === "town").map((j) => ({ value: j.code, label: lang === "en" ? j.name.en : j.name.zh }))}
        />
        <Field form={form} name="address" label={t("filing.organisation.address")} />
        <Field form={form} name="contactName" label={t("filing.organisation.contactName")} />
        <Field form={form} name="contactPhone" label={t("filing.organisation.contactPhone")} inputMode="tel" />
        <SubmitButton>{t("filing.organisation.save")}</SubmitButton>
      </Form>
    </div>
  );
}
