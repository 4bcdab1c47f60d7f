import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData, useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "../../db/client";
import { ROLES } from "../../db/schema/enums";
import { requirePermission } from "../auth/session.server";
import { Field, FieldError, Form, SubmitButton, useZodForm } from "../components/forms";
import { Notice, PageHeader } from "../components/layout";
import { titleMeta, type Lang } from "../i18n/i18n";
import { createUserSchema } from "../services/users.schemas";
import { createUser, userFormOptions } from "../services/users.server";
import { guarded, guardedAction } from "../utils/http.server";

export const meta = titleMeta("admin.newUser");

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "manage:user:jurisdiction");
  return guarded(async () => userFormOptions(await getDb(), actor));
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "manage:user:jurisdiction");
  const form = await request.formData();
  const text = (name: string) => {
    const v = form.get(name);
    return typeof v === "string" && v.trim() !== "" ? v : undefined;
  };
  return guardedAction(async () => {
    await createUser(await getDb(), actor, {
      username: text("username") ?? "",
      displayName: text("displayName") ?? "",
      roles: form.getAll("roles").map(String),
      jurisdictionCode: text("jurisdictionCode"),
      organisationId: text("organisationId"),
      password: text("password") ?? "",
    });
    return redirect("/admin?flash=created");
  });
}

export default function NewUser() {
  const { t } = useTranslation();
  const options = useLoaderData<typeof loader>();
  const root = useRouteLoaderData<{ lang: Lang }>("root");
  const en = root?.lang === "en";
  const { form, onSubmit, formError } = useZodForm(createUserSchema);
  const errors = form.formState.errors;
  const hasErrors = Object.keys(errors).length > 0;
  return (
    <div className="narrow">
      <PageHeader title={t("admin.newUser")} actions={<Link to="/admin">{t("admin.back")}</Link>} />
      {hasErrors ? <Notice kind="error">{t("errors.formHasErrors")}</Notice> : null}
      {formError ? <Notice kind="error">{t(formError)}</Notice> : null}
      <Form method="post" className="card form" onSubmit={onSubmit} noValidate>
        <Field form={form} name="username" label={t("admin.username")} autoComplete="off" autoCapitalize="none" />
        <Field form={form} name="displayName" label={t("admin.displayName")} />
        <fieldset className="field" aria-describedby={errors.roles ? "roles-error" : undefined}>
          <legend>{t("admin.roles")}</legend>
          <div className="checkbox-grid">
            {ROLES.map((role) => (
              <label key={role} className="checkbox">
                <input type="checkbox" value={role} {...form.register("roles")} />
                {t(`roles.${role}`)}
              </label>
            ))}
          </div>
          <FieldError id="roles-error" message={errors.roles?.message} />
        </fieldset>
        <div className="field">
          <label htmlFor="field-jurisdictionCode">{t("admin.scope")}</label>
          <p className="field__hint">{t("admin.scopeHint")}</p>
          <select id="field-jurisdictionCode" {...form.register("jurisdictionCode")} aria-invalid={errors.jurisdictionCode ? true : undefined}>
            <option value="">{t("admin.chooseScope")}</option>
            {options.jurisdictions.map((j) => (
              <option key={j.code} value={j.code}>
                {"\u3000".repeat(Math.max(0, j.path.split("/").length - 4))}
                {en ? j.nameEn : j.nameZh}（{j.code}）
              </option>
            ))}
          </select>
          <FieldError message={errors.jurisdictionCode?.message} />
        </div>
        <div className="field">
          <label htmlFor="field-organisationId">{t("admin.organisation")}</label>
          <select id="field-organisationId" {...form.register("organisationId")} aria-invalid={errors.organisationId ? true : undefined}>
            <option value="">{t("admin.chooseOrganisation")}</option>
            {options.organisations.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
          <FieldError message={errors.organisationId?.message} />
        </div>
        <Field form={form} name="password" type="password" label={t("admin.initialPassword")} hint={t("admin.initialPasswordHint")} autoComplete="new-password" />
        <SubmitButton>{t("admin.create")}</SubmitButton>
      </Form>
    </div>
  );
}
