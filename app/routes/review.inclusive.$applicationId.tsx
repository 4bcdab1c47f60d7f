// One inclusive-certification application for a reviewer whose scope contains the facility: the facility,
// the pre-check stored when it was applied for next to today's, the inspection, the objections, and the
// steps the current state allows — each a small form posting an `intent` to the service that decides.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { getDb } from "../../db/client";
import type { Evaluation } from "../../rules/engine/evaluate";
import { requirePermission } from "../auth/session.server";
import { Checklist, ChecklistSummary, jurisdictionName } from "../components/checklist";
import { CertificationStatusBadge, FilingStateBadge } from "../components/facility-nav";
import { fieldMessage, isActionErrors, SubmitButton } from "../components/forms";
import { EmptyState, Notice, PageHeader } from "../components/layout";
import { titleMeta } from "../i18n/i18n";
import { useLang } from "../i18n/use-lang";
import {
  applicationForViewer,
  certify,
  extendNotice,
  inclusivePrecheck,
  recordInspection,
  rejectApplication,
  revokeCertification,
  ruleOnObjection,
  startNotice,
  takeApplication,
  yearlyReview,
} from "../services/certification.server";
import { ConflictError, ValidationError } from "../services/errors";
import { formatDate, formatDateTime, todayInShanghai } from "../utils/format";
import { guarded, guardedAction } from "../utils/http.server";

const PRECHECK_MEASURES = new Set(["inclusive.certification", "pricing.guided_price", "kindergarten.inclusive_toddler_class"]);

function relevant(evaluation: Evaluation): Evaluation {
  return {
    ...evaluation,
    determinations: evaluation.determinations.filter((d) => PRECHECK_MEASURES.has(d.measure) && !(d.measure.startsWith("kindergarten.") && d.status === "not_applicable")),
  };
}

export const meta: MetaFunction<typeof loader> = (args) => {
  const base = titleMeta("certification.title")(args);
  const name = args.data && typeof args.data === "object" && "facility" in args.data ? args.data.facility.name : null;
  return name ? base.map((m) => ({ title: `${name} · ${m.title}` })) : base;
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "review:filing:jurisdiction");
  return guarded(async () => {
    const db = await getDb();
    const today = todayInShanghai();
    const { app, facility, objections } = await applicationForViewer(db, actor, params.applicationId ?? "");
    const { snapshot, evaluation } = await inclusivePrecheck(db, facility, today);
    return {
      today,
      facility: {
        id: facility.id,
        name: facility.name,
        address: facility.address,
        jurisdictionCode: facility.jurisdictionCode,
        state: facility.filingState,
        kind: facility.kind,
        totalSlots: facility.totalSlots,
        receiptNumber: facility.receiptNumber,
        operatorName: snapshot.operator.name ?? null,
        ownership: snapshot.operator.ownership ?? null,
      },
      app: {
        id: app.id,
        status: app.status,
        appliedAt: app.appliedAt.toISOString(),
        requestedSlots: app.requestedSlots,
        inspectionOn: app.inspectionOn,
        inspectionFindings: app.inspectionFindings,
        inspectionPassed: app.inspectionPassed,
        noticeStartsOn: app.noticeStartsOn,
        noticeEndsOn: app.noticeEndsOn,
        certifiedSlots: app.certifiedSlots,
        validFrom: app.validFrom,
        validUntil: app.validUntil,
        certificateId: app.certificateId,
        reasons: app.reasons,
        decidedAt: app.decidedAt?.toISOString() ?? null,
        lastReviewedOn: app.lastReviewedOn,
      },
      storedPrecheck: relevant(app.precheck as Evaluation),
      currentPrecheck: relevant(evaluation),
      objections: objections.map((o) => ({
        id: o.id,
        content: o.content,
        contact: o.contact,
        ruling: o.ruling,
        rulingNote: o.rulingNote,
        createdAt: o.createdAt.toISOString(),
        ruledAt: o.ruledAt?.toISOString() ?? null,
      })),
    };
  });
}

/** Field errors and conflicts name the form they belong to (several forms share field names). */
export type StepErrors = {
  ok: false;
  fieldErrors: Record<string, string>;
  formError?: string;
  intent: string;
  target: string;
  values: Record<string, string>;
};

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "review:filing:jurisdiction");
  const form = await request.formData();
  const applicationId = params.applicationId ?? "";
  const intent = String(form.get("intent") ?? "");
  const target = String(form.get("objectionId") ?? "");
  const values: Record<string, string> = {};
  for (const [key, value] of form.entries()) if (typeof value === "string" && key !== "intent") values[key] = value;
  const here = `/review/inclusive/${applicationId}`;
  return guardedAction(async () => {
    const db = await getDb();
    try {
      switch (intent) {
        case "take":
          await takeApplication(db, actor, applicationId);
          return redirect(`${here}?flash=taken`);
        case "inspect":
          await recordInspection(db, actor, applicationId, {
            inspectionOn: values.inspectionOn ?? "",
            findings: values.findings ?? "",
            passed: values.passed ?? "",
          });
          return redirect(`${here}?flash=inspected`);
        case "notice":
          await startNotice(db, actor, applicationId);
          return redirect(`${here}?flash=noticeStarted`);
        case "extend":
          await extendNotice(db, actor, applicationId);
          return redirect(`${here}?flash=noticeExtended`);
        case "rule":
          // the objection must belong to this application (a guessed id of another is not ruled here)
          if (!(await applicationForViewer(db, actor, applicationId)).objections.some((o) => o.id === target)) throw new ValidationError({ ruling: "filing.validation.choice" });
          await ruleOnObjection(db, actor, target, {
            ruling: values.ruling ?? "",
            note: values.note ?? "",
          });
          return redirect(`${here}?flash=ruled`);
        case "certify": {
          const { number } = await certify(db, actor, applicationId, {
            certifiedSlots: values.certifiedSlots ?? "",
          });
          return redirect(`${here}?flash=certified&number=${encodeURIComponent(number)}`);
        }
        case "reject":
          await rejectApplication(db, actor, applicationId, {
            reason: values.reason ?? "",
          });
          return redirect(`${here}?flash=rejected`);
        case "revoke":
          await revokeCertification(db, actor, applicationId, {
            reason: values.reason ?? "",
          });
          return redirect(`${here}?flash=revoked`);
        case "review":
          await yearlyReview(db, actor, applicationId, {
            outcome: values.outcome ?? "",
            note: values.note ?? "",
          });
          return redirect(`${here}?flash=${values.outcome === "revoke" ? "revoked" : "reviewed"}`);
        default:
          throw new ValidationError({}, "filing.validation.choice");
      }
    } catch (error) {
      if (error instanceof ValidationError) {
        return data<StepErrors>(
          {
            ok: false,
            fieldErrors: error.fieldErrors,
            formError: error.formError,
            intent,
            target,
            values,
          },
          { status: 400 }
        );
      }
      if (error instanceof ConflictError) {
        return data<StepErrors>(
          {
            ok: false,
            fieldErrors: {},
            formError: error.messageKey,
            intent,
            target,
            values,
          },
          { status: 409 }
        );
      }
      throw error;
    }
  });
}

// ---- page ----------------------------------------------------------------------------------------

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

function isStepErrors(value: unknown): value is StepErrors {
  return isActionErrors(value) && "intent" in value;
}

/** The errors of one form: the one whose intent (and objection) was posted. */
function useStepErrors(
  intent: string,
  target = ""
): {
  fieldErrors: Record<string, string>;
  formError?: string;
  values: Record<string, string>;
} {
  const actionData = useActionData<unknown>();
  if (!isStepErrors(actionData) || actionData.intent !== intent || actionData.target !== target) return { fieldErrors: {}, values: {} };
  return actionData;
}

function ErrorText({ id, message }: { id: string; message?: string }) {
  const { t } = useTranslation();
  if (!message) return null;
  return (
    <p id={id} className="field__error" role="alert">
      {fieldMessage(t, message)}
    </p>
  );
}

function TextInput({
  form,
  name,
  label,
  error,
  defaultValue,
  type,
  hint,
  multiline,
}: {
  form: string;
  name: string;
  label: string;
  error?: string;
  defaultValue?: string;
  type?: string;
  hint?: string;
  multiline?: boolean;
}) {
  const id = `${form}-${name}`;
  const describedBy = [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`field${error ? " field--error" : ""}`}>
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p id={`${id}-hint`} className="field__hint">
          {hint}
        </p>
      ) : null}
      {multiline ? (
        <textarea id={id} name={name} defaultValue={defaultValue} aria-invalid={error ? true : undefined} aria-describedby={describedBy} maxLength={2000} />
      ) : (
        <input id={id} name={name} type={type} defaultValue={defaultValue} aria-invalid={error ? true : undefined} aria-describedby={describedBy} />
      )}
      <ErrorText id={`${id}-error`} message={error} />
    </div>
  );
}

function ChoiceInput({
  form,
  name,
  label,
  options,
  error,
  defaultValue,
}: {
  form: string;
  name: string;
  label: string;
  options: Array<{ value: string; label: string }>;
  error?: string;
  defaultValue?: string;
}) {
  const { t } = useTranslation();
  const id = `${form}-${name}`;
  return (
    <div className={`field${error ? " field--error" : ""}`}>
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} defaultValue={defaultValue ?? ""} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined}>
        <option value="">{t("filing.facility.choose")}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <ErrorText id={`${id}-error`} message={error} />
    </div>
  );
}

/** A titled card holding one step's form; its conflict (someone moved the application first) shows in it. */
function Step({
  intent,
  title,
  children,
  hint,
  danger,
  target = "",
  hidden,
}: {
  intent: string;
  title: string;
  children?: ReactNode;
  hint?: string;
  danger?: boolean;
  target?: string;
  hidden?: ReactNode;
}) {
  const { t } = useTranslation();
  const { formError } = useStepErrors(intent, target);
  const id = `step-${intent}${target ? `-${target}` : ""}`;
  return (
    <section className="card" aria-labelledby={id}>
      <h3 id={id}>{title}</h3>
      {hint ? <p className="muted small">{hint}</p> : null}
      {formError ? <Notice kind="error">{fieldMessage(t, formError)}</Notice> : null}
      <Form method="post" className="form" noValidate>
        <input type="hidden" name="intent" value={intent} />
        {hidden}
        {children}
        {danger ? (
          <button type="submit" className="button button--danger">
            {title}
          </button>
        ) : (
          <SubmitButton>{title}</SubmitButton>
        )}
      </Form>
    </section>
  );
}

function InspectStep({ today }: { today: string }) {
  const { t } = useTranslation();
  const { fieldErrors: e, values } = useStepErrors("inspect");
  return (
    <Step intent="inspect" title={t("certification.record")}>
      <div className="form-grid">
        <TextInput form="inspect" name="inspectionOn" type="date" label={t("certification.inspectionOn")} error={e.inspectionOn} defaultValue={values.inspectionOn ?? today} />
        <ChoiceInput
          form="inspect"
          name="passed"
          label={t("certification.passed")}
          error={e.passed}
          defaultValue={values.passed}
          options={[
            { value: "true", label: t("certification.passedYes") },
            { value: "false", label: t("certification.passedNo") },
          ]}
        />
      </div>
      <TextInput form="inspect" name="findings" label={t("certification.findings")} error={e.findings} defaultValue={values.findings} multiline />
    </Step>
  );
}

function ReasonStep({ intent, title }: { intent: "reject" | "revoke"; title: string }) {
  const { t } = useTranslation();
  const { fieldErrors: e, values } = useStepErrors(intent);
  return (
    <Step intent={intent} title={title} danger>
      <TextInput form={intent} name="reason" label={t("certification.reason")} error={e.reason} defaultValue={values.reason} multiline />
    </Step>
  );
}

function CertifyStep({ defaultSlots, noticeEndsOn, today }: { defaultSlots: number | null; noticeEndsOn: string | null; today: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { fieldErrors: e, values } = useStepErrors("certify");
  const running = noticeEndsOn !== null && today <= noticeEndsOn;
  return (
    <Step
      intent="certify"
      title={t("certification.certify")}
      hint={
        running && noticeEndsOn
          ? t("certification.noticeRunningUntil", {
              date: formatDate(noticeEndsOn, lang),
            })
          : t("certification.certifyHint")
      }
    >
      <TextInput
        form="certify"
        name="certifiedSlots"
        label={t("certification.certifiedSlots")}
        error={e.certifiedSlots}
        defaultValue={values.certifiedSlots ?? (defaultSlots === null ? "" : String(defaultSlots))}
      />
    </Step>
  );
}

function YearlyReviewStep() {
  const { t } = useTranslation();
  const { fieldErrors: e, values } = useStepErrors("review");
  return (
    <Step intent="review" title={t("certification.yearlyReview")}>
      <ChoiceInput
        form="review"
        name="outcome"
        label={t("certification.outcome")}
        error={e.outcome}
        defaultValue={values.outcome}
        options={[
          { value: "continue", label: t("certification.continue") },
          { value: "revoke", label: t("certification.revoke") },
        ]}
      />
      <TextInput form="review" name="note" label={t("certification.note")} error={e.note} defaultValue={values.note} multiline />
    </Step>
  );
}

function Objections({ objections, canRule }: { objections: LoaderData["objections"]; canRule: boolean }) {
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

const FLASHES = ["taken", "inspected", "noticeStarted", "noticeExtended", "ruled", "rejected", "revoked", "reviewed"];

export default function ReviewApplication() {
  const { t } = useTranslation();
  const lang = useLang();
  const { today, facility, app, storedPrecheck, currentPrecheck, objections } = useLoaderData<typeof loader>();
  const actionData = useActionData<unknown>();
  const [params] = useSearchParams();
  const flashKey = params.get("flash") ?? "";
  const flash = actionData
    ? null
    : flashKey === "certified"
    ? t("certification.certified", { number: params.get("number") ?? "—" })
    : FLASHES.includes(flashKey)
    ? t(`certification.flash.${flashKey}`)
    : null;
  const unknownIntent =
    isStepErrors(actionData) && !["take", "inspect", "notice", "extend", "rule", "certify", "reject", "revoke", "review"].includes(actionData.intent) ? actionData.formError : undefined;
  const status = app.status;
  const open = status === "applied" || status === "under_review" || status === "public_notice";
  return (
    <>
      <PageHeader title={facility.name} intro={`${t("certification.title")} · ${jurisdictionName(facility.jurisdictionCode, lang)}`} actions={<CertificationStatusBadge status={status} />} />
      <p>
        <Link to="/review/inclusive">← {t("certification.back")}</Link>
      </p>
      {flash ? <Notice kind="success">{flash}</Notice> : null}
      {unknownIntent ? <Notice kind="error">{t(unknownIntent)}</Notice> : null}

      <section className="card" aria-labelledby="summary-title">
        <h2 id="summary-title">{t("certification.summary")}</h2>
        <dl className="facts">
          <dt>{t("filing.facility.name")}</dt>
          <dd>{facility.name}</dd>
          <dt>{t("certification.operator")}</dt>
          <dd>
            {facility.operatorName ?? "—"}
            {facility.ownership ? <span className="muted"> （{t(`filing.enums.ownership.${facility.ownership}`)}）</span> : null}
          </dd>
          <dt>{t("filing.facility.kind")}</dt>
          <dd>{facility.kind ? t(`filing.enums.kind.${facility.kind}`) : "—"}</dd>
          <dt>{t("filing.facility.address")}</dt>
          <dd>{facility.address ?? "—"}</dd>
          <dt>{t("certification.county")}</dt>
          <dd>{jurisdictionName(facility.jurisdictionCode, lang)}</dd>
          <dt>{t("filing.facility.state")}</dt>
          <dd>
            <FilingStateBadge state={facility.state} /> {facility.receiptNumber ? <span className="small">{facility.receiptNumber}</span> : null}
          </dd>
          <dt>{t("filing.facility.totalSlots")}</dt>
          <dd>{facility.totalSlots ?? "—"}</dd>
          <dt>{t("certification.appliedAt")}</dt>
          <dd>{formatDateTime(app.appliedAt, lang)}</dd>
          <dt>{t("certification.requested")}</dt>
          <dd>{app.requestedSlots ?? "—"}</dd>
          {app.noticeStartsOn && app.noticeEndsOn ? (
            <>
              <dt>{t("certification.notice")}</dt>
              <dd>
                {t("certification.range", {
                  from: formatDate(app.noticeStartsOn, lang),
                  to: formatDate(app.noticeEndsOn, lang),
                })}
              </dd>
            </>
          ) : null}
          {app.certifiedSlots !== null ? (
            <>
              <dt>{t("certification.certifiedSlots")}</dt>
              <dd>
                <strong>{app.certifiedSlots}</strong>
              </dd>
            </>
          ) : null}
          {app.validFrom && app.validUntil ? (
            <>
              <dt>{t("certification.validity")}</dt>
              <dd>
                {t("certification.range", {
                  from: formatDate(app.validFrom, lang),
                  to: formatDate(app.validUntil, lang),
                })}
              </dd>
            </>
          ) : null}
          {app.lastReviewedOn && status === "certified" ? (
            <>
              <dt>{t("certification.lastReviewed")}</dt>
              <dd>{formatDate(app.lastReviewedOn, lang)}</dd>
            </>
          ) : null}
          {app.certificateId && status === "certified" ? (
            <>
              <dt>{t("certification.certificate")}</dt>
              <dd>
                <a href={`/certificates/${app.certificateId}.pdf`}>{t("certification.download")}</a>
              </dd>
            </>
          ) : null}
        </dl>
        {app.reasons && status !== "certified" ? (
          <Notice kind={status === "rejected" || status === "revoked" ? "error" : "info"}>
            <strong>{t("certification.reviewerReasons")}</strong>：{app.reasons}
          </Notice>
        ) : null}
        {app.reasons && status === "certified" ? (
          <p className="small">
            <strong>{t("certification.yearlyReview")}</strong>：{app.reasons}
          </p>
        ) : null}
      </section>

      <section className="card" aria-labelledby="inspection-title">
        <h2 id="inspection-title">{t("certification.inspection")}</h2>
        {app.inspectionOn ? (
          <dl className="facts">
            <dt>{t("certification.inspectionOn")}</dt>
            <dd>{formatDate(app.inspectionOn, lang)}</dd>
            <dt>{t("certification.passed")}</dt>
            <dd>
              {app.inspectionPassed ? (
                <span className="badge badge--ok">
                  <span aria-hidden="true">✓ </span>
                  {t("certification.passedYes")}
                </span>
              ) : (
                <span className="badge badge--err">
                  <span aria-hidden="true">✗ </span>
                  {t("certification.passedNo")}
                </span>
              )}
            </dd>
            <dt>{t("certification.findings")}</dt>
            <dd>{app.inspectionFindings}</dd>
          </dl>
        ) : (
          <EmptyState>{t("certification.inspectionNone")}</EmptyState>
        )}
      </section>

      {objections.length > 0 || status === "public_notice" ? <Objections objections={objections} canRule={status === "public_notice"} /> : null}

      <section aria-labelledby="actions-title">
        <h2 id="actions-title">{t("certification.actions")}</h2>
        {status === "applied" ? <Step intent="take" title={t("certification.take")} /> : null}
        {status === "under_review" ? <InspectStep today={today} /> : null}
        {status === "under_review" && app.inspectionPassed ? <Step intent="notice" title={t("certification.startNotice")} /> : null}
        {status === "public_notice" ? (
          <>
            <CertifyStep defaultSlots={app.requestedSlots ?? facility.totalSlots} noticeEndsOn={app.noticeEndsOn} today={today} />
            <Step intent="extend" title={t("certification.extendNotice")} />
          </>
        ) : null}
        {open ? <ReasonStep intent="reject" title={t("certification.reject")} /> : null}
        {status === "certified" ? (
          <>
            <YearlyReviewStep />
            <ReasonStep intent="revoke" title={t("certification.revoke")} />
          </>
        ) : null}
        {!open && status !== "certified" ? <EmptyState>{t("certification.noActions")}</EmptyState> : null}
      </section>

      <section className="card" aria-labelledby="current-precheck-title">
        <h2 id="current-precheck-title">{t("certification.currentPrecheck")}</h2>
        <ChecklistSummary evaluation={currentPrecheck} />
        <Checklist evaluation={currentPrecheck} lang={lang} />
      </section>
      <section className="card" aria-labelledby="stored-precheck-title">
        <h2 id="stored-precheck-title">{t("certification.storedPrecheck")}</h2>
        <ChecklistSummary evaluation={storedPrecheck} />
        {/* kept for the record; folded so today's pre-check stays the one read first */}
        <details>
          <summary>{t("certification.storedPrecheck")}</summary>
          <Checklist evaluation={storedPrecheck} lang={lang} />
        </details>
      </section>
    </>
  );
}
