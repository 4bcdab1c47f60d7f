import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "../../db/client";
import { requireUser } from "../auth/session.server";
import { Field, Form, SubmitButton, useZodForm } from "../components/forms";
import { Notice, PageHeader } from "../components/layout";
import { titleMeta } from "../i18n/i18n";
import { changePasswordSchema } from "../services/users.schemas";
import { changeOwnPassword } from "../services/users.server";
import { guardedAction } from "../utils/http.server";

export const meta = titleMeta("account.changePassword");

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireUser(request, { allowPasswordChange: true });
  return { mustChange: actor.mustChangePassword };
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireUser(request, { allowPasswordChange: true });
  const form = await request.formData();
  return guardedAction(async () => {
    await changeOwnPassword(await getDb(), actor, Object.fromEntries(form));
    return redirect("/home");
  });
}

export default function ChangePassword() {
  const { t } = useTranslation();
  const { mustChange } = useLoaderData<typeof loader>();
  const { form, onSubmit } = useZodForm(changePasswordSchema);
  return (
    <div className="narrow">
      <PageHeader title={t("account.changePassword")} />
      {mustChange ? <Notice>{t("account.mustChange")}</Notice> : null}
      <Form method="post" className="card form" onSubmit={onSubmit} noValidate>
        <Field form={form} name="currentPassword" type="password" label={t("account.currentPassword")} autoComplete="current-password" />
        <Field form={form} name="newPassword" type="password" label={t("account.newPassword")} hint={t("admin.initialPasswordHint")} autoComplete="new-password" />
        <Field form={form} name="confirmPassword" type="password" label={t("account.confirmPassword")} autoComplete="new-password" />
        <SubmitButton>{t("account.submit")}</SubmitButton>
      </Form>
    </div>
  );
}
