// Public /notices: facilities in the inclusive-certification public notice (公示) now, each with a form
// anyone can use to lodge an objection during the notice — no sign-in; the service validates, rate-limits
// per address and refuses a notice that has ended (404).
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "../../db/client";
import { EmptyState, Notice, PageHeader } from "../components/layout";
import { fieldMessage, isActionErrors, SubmitButton } from "../components/forms";
import { titleMeta, type Lang } from "../i18n/i18n";
import { useLang } from "../i18n/use-lang";
import { currentNotices, lodgeObjection } from "../services/certification.server";
import { ValidationError } from "../services/errors";
import { formatDate, todayInShanghai } from "../utils/format";
import { guarded, guardedAction } from "../utils/http.server";

export const meta = titleMeta("certification.noticesTitle");

export async function loader(_args: LoaderFunctionArgs) {
  return guarded(async () => {
    const rows = await currentNotices(await getDb(), todayInShanghai());
    return { notices: rows };
  });
}

export type ObjectionErrors = {
  ok: false;
  fieldErrors: Record<string, string>;
  formError?: string;
  applicationId: string;
  values: { content: string; contact: string };
};

export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  const applicationId = String(form.get("applicationId") ?? "");
  const values = {
    content: String(form.get("content") ?? ""),
    contact: String(form.get("contact") ?? ""),
  };
  return guardedAction(async () => {
    try {
      await lodgeObjection(await getDb(), request, applicationId, values);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      // what was typed comes back, so a browser without JavaScript shows it next to the message
      return data<ObjectionErrors>(
        {
          ok: false,
          fieldErrors: error.fieldErrors,
          formError: error.formError,
          applicationId,
          values,
        },
        { status: 400 }
      );
    }
    return redirect(`/notices?flash=lodged#notice-${applicationId}`);
  });
}

function isObjectionErrors(value: unknown): value is ObjectionErrors {
  return isActionErrors(value) && "applicationId" in value;
}

function place(n: { jurisdictionZh: string; jurisdictionEn: string }, lang: Lang): string {
  return lang === "zh-CN" ? n.jurisdictionZh : n.jurisdictionEn;
}

export default function Notices() {
  const { t } = useTranslation();
  const lang = useLang();
  const { notices } = useLoaderData<typeof loader>();
  const actionData = useActionData<unknown>();
  const failed = isObjectionErrors(actionData) ? actionData : null;
  const [params] = useSearchParams();
  return (
    <>
      <PageHeader title={t("certification.noticesTitle")} intro={t("certification.noticesIntro")} />
      {params.get("flash") === "lodged" && !actionData ? <Notice kind="success">{t("certification.lodged")}</Notice> : null}
      {notices.length === 0 ? (
        <section className="card">
          <EmptyState>{t("certification.noticesEmpty")}</EmptyState>
        </section>
      ) : (
        notices.map((n) => {
          const mine = failed?.applicationId === n.applicationId ? failed : null;
          const e = mine?.fieldErrors ?? {};
          const id = `notice-${n.applicationId}`;
          return (
            <section key={n.applicationId} id={id} className="card" aria-labelledby={`${id}-title`}>
              <h2 id={`${id}-title`}>
                {n.facilityName} <span className="badge badge--warn">{t("certification.status.public_notice")}</span>
              </h2>
              <dl className="facts">
                <dt>{t("certification.county")}</dt>
                <dd>{place(n, lang)}</dd>
                <dt>{t("filing.facility.address")}</dt>
                <dd>{n.address ?? "—"}</dd>
                <dt>{t("filing.facility.totalSlots")}</dt>
                <dd>{n.totalSlots ?? "—"}</dd>
                <dt>{t("certification.proposedSlots")}</dt>
                <dd>{n.requestedSlots ?? n.totalSlots ?? "—"}</dd>
                <dt>{t("certification.notice")}</dt>
                <dd>
                  {n.noticeStartsOn && n.noticeEndsOn
                    ? t("certification.range", {
                        from: formatDate(n.noticeStartsOn, lang),
                        to: formatDate(n.noticeEndsOn, lang),
                      })
                    : "—"}
                </dd>
              </dl>
              <h3 id={`${id}-objection`}>{t("certification.objectionFor", { name: n.facilityName })}</h3>
              <Form method="post" className="form" noValidate aria-labelledby={`${id}-objection`}>
                <input type="hidden" name="applicationId" value={n.applicationId} />
                {mine?.formError ? <Notice kind="error">{fieldMessage(t, mine.formError)}</Notice> : null}
                <div className={`field${e.content ? " field--error" : ""}`}>
                  <label htmlFor={`${id}-content`}>{t("certification.objectionContent")}</label>
                  <textarea
                    id={`${id}-content`}
                    name="content"
                    maxLength={2000}
                    defaultValue={mine?.values.content}
                    aria-invalid={e.content ? true : undefined}
                    aria-describedby={e.content ? `${id}-content-error` : undefined}
                  />
                  {e.content ? (
                    <p id={`${id}-content-error`} className="field__error" role="alert">
                      {fieldMessage(t, e.content)}
                    </p>
                  ) : null}
                </div>
                <div className={`field${e.contact ? " field--error" : ""}`}>
                  <label htmlFor={`${id}-contact`}>{t("certification.objectionContact")}</label>
                  <input
                    id={`${id}-contact`}
                    name="contact"
                    maxLength={100}
                    defaultValue={mine?.values.contact}
                    aria-invalid={e.contact ? true : undefined}
                    aria-describedby={e.contact ? `${id}-contact-error` : undefined}
                  />
                  {e.contact ? (
                    <p id={`${id}-contact-error`} className="field__error" role="alert">
                      {fieldMessage(t, e.contact)}
                    </p>
                  ) : null}
                </div>
                <SubmitButton>{t("certification.lodge")}</SubmitButton>
              </Form>
            </section>
          );
        })
      )}
    </>
  );
}
