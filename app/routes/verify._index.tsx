// GET /verify — type a verification code. A GET form so it works without JavaScript: a well-formed code
// redirects to /verify/<code> (which does the rate-limited look-up); a malformed one is explained here
// without touching the database.
import { data, redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PageHeader } from "../components/layout";
import { titleMeta } from "../i18n/i18n";
import { normaliseVerificationCode } from "../services/certificates.server";

export const meta = titleMeta("certificates.verify.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const typed = new URL(request.url).searchParams.get("code");
  if (typed === null || typed.trim() === "") return { code: "", error: false };
  const code = normaliseVerificationCode(typed);
  if (code) throw redirect(`/verify/${code}`);
  return data({ code: typed.slice(0, 40), error: true }, { status: 400 });
}

export default function VerifyForm() {
  const { code, error } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div className="narrow">
      <PageHeader title={t("certificates.verify.title")} intro={t("certificates.verify.intro")} />
      <section className="card">
        <Form method="get" action="/verify" className="form" key={code}>
          <div className={error ? "field field--error" : "field"}>
            <label htmlFor="code">{t("certificates.verify.codeLabel")}</label>
            <input
              id="code"
              name="code"
              type="text"
              defaultValue={code}
              required
              maxLength={40}
              autoComplete="off"
              autoCapitalize="characters"
              spellCheck={false}
              placeholder="ABCD-EFGH-JKMN"
              aria-invalid={error || undefined}
              aria-describedby={error ? "code-hint code-error" : "code-hint"}
              style={{ fontFamily: "ui-monospace, Menlo, monospace", fontSize: "1.2rem", letterSpacing: ".08em" }}
            />
            <p id="code-hint" className="field__hint">
              {t("certificates.verify.codeHint")}
            </p>
            {error ? (
              <p id="code-error" className="field__error" role="alert">
                {t("certificates.verify.formatError")}
              </p>
            ) : null}
          </div>
          <div>
            <button type="submit" className="button">
              {t("certificates.verify.submit")}
            </button>
          </div>
        </Form>
      </section>
    </div>
  );
}
