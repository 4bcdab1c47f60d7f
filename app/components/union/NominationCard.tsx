// One nomination of a programme for 全国爱心托育用人单位, year by year: its status, dates, notes and papers;
// for a union officer who may manage, the next step's form (its answers carry `decide:<id>`) and a paper
// upload (posted to `?nomination=<id>`, answered with `document:<id>`) so each card shows its own errors.
import { Form, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field, FieldError, isActionErrors, SelectField, SubmitButton, useZodForm, type ActionErrors } from "../forms";
import { Notice } from "../layout";
import { useLang } from "../../i18n/use-lang";
import { nominationDecisionSchema } from "../../services/union.schemas";
import type { NominationView } from "../../services/union.server";
import { formatDate } from "../../utils/format";
import { NominationStatusBadge } from "./programme";

function useIntentErrors(intent: string): ActionErrors | null {
  const actionData = useActionData<unknown>();
  return isActionErrors(actionData) && actionData.intent === intent ? actionData : null;
}

export function NominationCard({ nomination: n, today, canManage }: { nomination: NominationView; today: string; canManage: boolean }) {
  const { t } = useTranslation();
  const lang = useLang();
  const decideIntent = `decide:${n.id}`;
  const { form, onSubmit, formError } = useZodForm(nominationDecisionSchema, { status: n.next[0] ?? "", on: today, notes: "" }, { intent: decideIntent });
  const paperErrors = useIntentErrors(`document:${n.id}`);
  return (
    <article className="card" id={`nomination-${n.id}`} aria-labelledby={`nomination-${n.id}-title`} style={{ boxShadow: "none", background: "#fafbfc" }}>
      <h3 id={`nomination-${n.id}-title`}>
        {t("union.nomination.forYear", { year: n.year })} <NominationStatusBadge status={n.status} />
      </h3>
      <dl className="facts">
        <dt>{t("union.nomination.recommendedOn")}</dt>
        <dd>{n.recommendedOn ? formatDate(n.recommendedOn, lang) : "—"}</dd>
        <dt>{t("union.nomination.decidedOn")}</dt>
        <dd>{n.decidedOn ? formatDate(n.decidedOn, lang) : "—"}</dd>
        <dt>{t("union.nomination.notes")}</dt>
        <dd style={{ whiteSpace: "pre-wrap" }}>{n.notes ?? "—"}</dd>
        <dt>{t("union.nomination.documents")}</dt>
        <dd>
          {n.documents.length === 0 ? (
            <span className="muted">{t("union.nomination.noDocuments")}</span>
          ) : (
            <ul className="plain-list">
              {n.documents.map((d) => (
                <li key={d.id}>
                  <a href={`/documents/${d.id}`}>{d.originalName}</a> <span className="small muted">{Math.ceil(d.sizeBytes / 1024)} KB</span>
                </li>
              ))}
            </ul>
          )}
        </dd>
      </dl>
      {canManage && n.next.length ? (
        <Form method="post" className="form" onSubmit={onSubmit} noValidate style={{ marginTop: "1rem" }}>
          <input type="hidden" name="intent" value="decide" />
          <input type="hidden" name="nominationId" value={n.id} />
          {formError ? <Notice kind="error">{t(formError)}</Notice> : null}
          <div className="form-grid" style={{ alignItems: "end" }}>
            <SelectField form={form} name="status" label={t("union.nomination.nextStep")} options={n.next.map((s) => ({ value: s, label: t(`union.nomination.status.${s}`) }))} />
            <Field form={form} name="on" type="date" label={t("union.nomination.on")} max={today} />
            <Field form={form} name="notes" label={t("union.nomination.decisionNotes")} maxLength={2000} />
          </div>
          <div>
            <SubmitButton>{t("union.nomination.decide")}</SubmitButton>
          </div>
        </Form>
      ) : null}
      {canManage ? (
        <Form key={n.documents.length} method="post" encType="multipart/form-data" action={`?nomination=${n.id}`} className="form" style={{ marginTop: "1rem" }}>
          {/* one of these per nomination: the input's id names its nomination so each label finds its own */}
          <div className={`field${paperErrors?.fieldErrors.file ? " field--error" : ""}`}>
            <label htmlFor={`paper-${n.id}`}>{t("union.nomination.file")}</label>
            <input id={`paper-${n.id}`} name="file" type="file" accept="application/pdf,image/jpeg,image/png" aria-invalid={paperErrors?.fieldErrors.file ? true : undefined} />
            <FieldError message={paperErrors?.fieldErrors.file} />
          </div>
          <div>
            <button type="submit" className="button button--secondary">
              {t("union.nomination.upload")}
            </button>
          </div>
        </Form>
      ) : null}
    </article>
  );
}
