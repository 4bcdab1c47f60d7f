import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "../../db/client";
import { requirePermission } from "../auth/session.server";
import { Field, Form, isActionErrors, SubmitButton, useZodForm } from "../components/forms";
import { Notice, PageHeader } from "../components/layout";
import { titleMeta } from "../i18n/i18n";
import { resetPasswordSchema } from "../services/users.schemas";
import { getUserForAdmin, resetPassword, setUserActive } from "../services/users.server";
import { guarded, guardedAction } from "../utils/http.server";

export const meta = titleMeta("admin.users");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "manage:user:jurisdiction");
  return guarded(async () => getUserForAdmin(await getDb(), actor, params.userId ?? ""));
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "manage:user:jurisdiction");
  const form = await request.formData();
  const userId = params.userId ?? "";
  const intent = form.get("intent");
  return guardedAction(async () => {
    const db = await getDb();
    if (intent === "reset") {
      await resetPassword(db, actor, userId, { password: form.get("password") ?? "" });
      return redirect(`/admin/users/${userId}?flash=resetDone`);
    }
    if (intent === "deactivate" || intent === "reactivate") {
      await setUserActive(db, actor, userId, intent === "reactivate");
      return redirect(`/admin/users/${userId}?flash=${intent === "reactivate" ? "reactivated" : "deactivated"}`);
    }
    return redirect(`/admin/users/${userId}`);
  });
}

const FLASHES = ["resetDone", "deactivated", "reactivated"] as const;

export default function AdminUser() {
  const { t } = useTranslation();
  const user = useLoaderData<typeof loader>();
  const actionData = useActionData<unknown>();
  const [params] = useSearchParams();
  const flash = FLASHES.find((f) => f === params.get("flash"));
  const { form, onSubmit } = useZodForm(resetPasswordSchema);
  return (
    <div className="narrow">
      <PageHeader title={`${user.displayName}（${user.username}）`} actions={<Link to="/admin">{t("admin.back")}</Link>} />
      {flash ? <Notice kind="success">{t(`admin.${flash}`)}</Notice> : null}
      {isActionErrors(actionData) && actionData.fieldErrors._form ? <Notice kind="error">{t(actionData.fieldErrors._form)}</Notice> : null}
      <section className="card">
        <dl className="facts">
          <dt>{t("admin.roles")}</dt>
          <dd>{user.roles.map((r) => t(`roles.${r}`)).join("、")}</dd>
          <dt>{t("admin.scope")}</dt>
          <dd>{user.jurisdictionCode ?? "—"}</dd>
          <dt>{t("admin.organisation")}</dt>
          <dd>{user.organisationName ?? "—"}</dd>
          <dt>{t("admin.status")}</dt>
          <dd>
            {user.active ? t("admin.active") : t("admin.inactive")}
            {user.mustChangePassword ? ` · ${t("admin.mustChange")}` : ""}
          </dd>
        </dl>
      </section>
      <section className="card" aria-labelledby="reset-title">
        <h2 id="reset-title">{t("admin.resetPassword")}</h2>
        <Form method="post" className="form" onSubmit={onSubmit} noValidate>
          <input type="hidden" name="intent" value="reset" />
          <Field form={form} name="password" type="password" label={t("admin.newPassword")} hint={t("admin.initialPasswordHint")} autoComplete="new-password" />
          <SubmitButton>{t("admin.resetPassword")}</SubmitButton>
        </Form>
      </section>
      {user.isSelf ? null : (
        <section className="card">
          <Form method="post">
            <input type="hidden" name="intent" value={user.active ? "deactivate" : "reactivate"} />
            <button type="submit" className={`button ${user.active ? "button--danger" : ""}`}>
              {user.active ? t("admin.deactivate") : t("admin.reactivate")}
            </button>
          </Form>
        </section>
      )}
    </div>
  );
}
