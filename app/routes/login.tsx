import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "../../db/client";
import { getActor, safeRedirect, sessionCookie } from "../auth/session.server";
import { Field, Form, SubmitButton, useZodForm } from "../components/forms";
import { Notice, PageHeader } from "../components/layout";
import { config } from "../config.server";
import { langFromCookie, titleMeta } from "../i18n/i18n";
import { loginSchema } from "../services/users.schemas";
import { login } from "../services/users.server";
import { formatDateTime } from "../utils/format";

export const meta = titleMeta("login.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await getActor(request);
  const url = new URL(request.url);
  if (actor) return redirect(safeRedirect(url.searchParams.get("redirectTo")));
  return { demo: !config().databaseUrl };
}

type LoginActionData = { error: "invalid" | "locked" | "inactive"; lockedUntil?: string; fieldErrors?: Record<string, string> };

export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  const db = await getDb();
  const result = await login(db, request, { username: form.get("username"), password: form.get("password") });
  if (!result.ok) {
    const lang = langFromCookie(request.headers.get("cookie"));
    return data<LoginActionData>(
      {
        error: result.error,
        lockedUntil: result.lockedUntil ? formatDateTime(result.lockedUntil, lang) : undefined,
        fieldErrors: result.fieldErrors,
      },
      { status: result.error === "locked" ? 429 : result.fieldErrors ? 400 : 401 },
    );
  }
  const target = result.mustChangePassword ? "/account/password" : safeRedirect(form.get("redirectTo"));
  return redirect(target, { headers: { "Set-Cookie": sessionCookie(request, result.sessionId) } });
}

export default function Login() {
  const { t } = useTranslation();
  const { demo } = useLoaderData<typeof loader>();
  const actionData = useActionData<LoginActionData>();
  const [params] = useSearchParams();
  const { form, onSubmit } = useZodForm(loginSchema);
  const flash = params.get("flash");
  return (
    <div className="narrow">
      <PageHeader title={t("login.title")} />
      {flash === "signedOut" ? <Notice kind="success">{t("login.signedOut")}</Notice> : null}
      {actionData?.error && !actionData.fieldErrors ? (
        <Notice kind="error">
          {actionData.error === "locked"
            ? t("login.locked", { time: actionData.lockedUntil ?? "" })
            : actionData.error === "inactive"
              ? t("login.inactive")
              : t("login.invalid")}
        </Notice>
      ) : null}
      <Form method="post" className="card form" onSubmit={onSubmit} noValidate>
        <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? ""} />
        <Field form={form} name="username" label={t("login.username")} autoComplete="username" autoCapitalize="none" />
        <Field form={form} name="password" label={t("login.password")} type="password" autoComplete="current-password" />
        <SubmitButton>{t("login.submit")}</SubmitButton>
      </Form>
      {demo ? <p className="muted">{t("login.demoHint")}</p> : null}
    </div>
  );
}
