// The objections lodged during the public notice: each with its ruling, or — while the notice runs — a form
// to rule on it (dismissed / upheld, with a note).
import { Form, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useLang } from "../../i18n/use-lang";
import { formatDateTime } from "../../utils/format";
import { fieldMessage, SubmitButton } from "../forms";
import { EmptyState, Notice } from "../layout";
import { ChoiceInput, TextInput } from "./fields";
import { isStepErrors, type ObjectionView } from "./views";

export function Objections({ objections, canRule }: { objections: ObjectionView[]; canRule: boolean }) {
  const { t } = useTranslation();
  const lang = useLang();
  const actionData = useActionData<unknown>();
  return (
    <section className="card" aria-labelledby="objections-title">
      <h2 id="objections-title">{t("certification.objections")}</h2>
      {objections.length === 0 ? (
        <EmptyState>{t("certification.noObjections")}</EmptyState>
      ) : (
        <div className="stack">
          {objections.map((o, i) => {
            const mine = isStepErrors(actionData) && actionData.intent === "rule" && actionData.target === o.id ? actionData : null;
            const e = mine?.fieldErrors ?? {};
            return (
              <article key={o.id} className="card" aria-labelledby={`objection-${o.id}`}>
                <h3 id={`objection-${o.id}`}>
                  {t("certification.objectionNumber", { n: i + 1 })}{" "}
                  <span className={`badge badge--${o.ruling === "pending" ? "warn" : o.ruling === "upheld" ? "err" : "muted"}`}>{t(`certification.rulings.${o.ruling}`)}</span>
                </h3>
                <p className="small muted">
                  {t("certification.lodgedAt")}：{formatDateTime(o.createdAt, lang)}
                  {o.contact ? ` · ${t("certification.contact")}：${o.contact}` : null}
                </p>
                <p>{o.content}</p>
                {o.ruling !== "pending" ? (
                  <p className="small">
                    <strong>{t("certification.rulingNote")}</strong>：{o.rulingNote}
                    {o.ruledAt ? <span className="muted"> （{formatDateTime(o.ruledAt, lang)}）</span> : null}
                  </p>
                ) : canRule ? (
                  <Form method="post" className="form" noValidate>
                    <input type="hidden" name="intent" value="rule" />
                    <input type="hidden" name="objectionId" value={o.id} />
                    {mine?.formError ? <Notice kind="error">{fieldMessage(t, mine.formError)}</Notice> : null}
                    <div className="form-grid">
                      <ChoiceInput
                        form={`rule-${o.id}`}
                        name="ruling"
                        label={t("certification.ruling")}
                        error={e.ruling}
                        defaultValue={mine?.values.ruling}
                        options={[
                          {
                            value: "dismissed",
                            label: t("certification.rulings.dismissed"),
                          },
                          {
                            value: "upheld",
                            label: t("certification.rulings.upheld"),
                          },
                        ]}
                      />
                    </div>
                    <TextInput form={`rule-${o.id}`} name="note" label={t("certification.rulingNote")} error={e.note} defaultValue={mine?.values.note} multiline />
                    <SubmitButton>{t("certification.rule")}</SubmitButton>
                  </Form>
                ) : null}
              </article>
            );
          })}
        </div>
      )}
    </section>
  );
}
