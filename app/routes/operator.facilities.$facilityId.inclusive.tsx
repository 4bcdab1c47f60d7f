// The operator's inclusive certification (普惠认定): where the latest application stands (certified:
// slots, validity and the certificate; rejected or revoked: the reviewer's reasons), the rules' pre-check
// of the conditions and of the guided price (一次告知), and the application form when the facility is
// filed and nothing is open.
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "../../db/client";
import type { Evaluation } from "../../rules/engine/evaluate";
import { requirePermission } from "../auth/session.server";
import { Checklist, ChecklistSummary } from "../components/checklist";
import { CertificationStatusBadge, FacilityNav } from "../components/facility-nav";
import { fieldMessage, isActionErrors, SubmitButton } from "../components/forms";
import { Notice, PageHeader } from "../components/layout";
import { titleMeta } from "../i18n/i18n";
import { useLang } from "../i18n/use-lang";
import { applyForInclusive, inclusivePrecheck } from "../services/certification.server";
import { ForbiddenError } from "../services/errors";
import { loadFacility } from "../services/facilities.server";
import { latestApplication, OPEN_STATUSES, snapshotInclusive } from "../services/inclusive-status.server";
import { formatDate, formatDateTime, todayInShanghai } from "../utils/format";
import { guarded, guardedAction } from "../utils/http.server";

export const meta = titleMeta("certification.title");

/** The measures the operator needs to see here; the kindergarten one only where it applies. */
const PRECHECK_MEASURES = new Set(["inclusive.certification", "pricing.guided_price", "kindergarten.inclusive_toddler_class"]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "submit:filing:own");
  return guarded(async () => {
    const db = await getDb();
    const facility = await loadFacility(db, actor, params.facilityId ?? "");
    if (facility.organisationId !== actor.organisationId) throw new ForbiddenError("facility", "scope");
    const today = todayInShanghai();
    const app = await latestApplication(db, facility.id);
    const { snapshot, evaluation } = await inclusivePrecheck(db, facility, today);
    const status: string = app ? (app.status === "certified" ? snapshotInclusive(app, today).status ?? "certified" : app.status) : "none";
    const open = app !== undefined && (OPEN_STATUSES as readonly string[]).includes(app.status);
    const filed = facility.filingState === "filed" || facility.filingState === "change_submitted";
    const kg = snapshot.facility.kindergarten?.ownership;
    return {
      facilityKind: facility.kind,
      facility: {
        id: facility.id,
        name: facility.name,
        state: facility.filingState,
        totalSlots: facility.totalSlots,
      },
      status,
      application: app
        ? {
            id: app.id,
            status: app.status,
            appliedAt: app.appliedAt.toISOString(),
            requestedSlots: app.requestedSlots,
            noticeStartsOn: app.noticeStartsOn,
            noticeEndsOn: app.noticeEndsOn,
            certifiedSlots: app.certifiedSlots,
            validFrom: app.validFrom,
            validUntil: app.validUntil,
            certificateId: app.certificateId,
            reasons: app.reasons,
            decidedAt: app.decidedAt?.toISOString() ?? null,
          }
        : null,
      inclusiveByOwnership: snapshot.operator.ownership === "public" || (snapshot.facility.kind === "kindergarten_class" && (kg === "public" || kg === "inclusive_private")),
      filed,
      inProgress: open,
      canApply: filed && !open && status !== "certified",
      evaluation: {
        ...evaluation,
        determinations: evaluation.determinations.filter((d) => PRECHECK_MEASURES.has(d.measure) && !(d.measure.startsWith("kindergarten.") && d.status === "not_applicable")),
      } as Evaluation,
    };
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "submit:filing:own");
  const form = await request.formData();
  const facilityId = params.facilityId ?? "";
  return guardedAction(async () => {
    await applyForInclusive(await getDb(), actor, facilityId, {
      requestedSlots: form.get("requestedSlots") ?? "",
    });
    return redirect(`/operator/facilities/${facilityId}/inclusive?flash=applied`);
  });
}

export default function Inclusive() {
  const { t } = useTranslation();
  const lang = useLang();
  const { facility, status, application: app, inclusiveByOwnership, filed, inProgress, canApply, evaluation } = useLoaderData<typeof loader>();
  const actionData = useActionData<unknown>();
  const errors = isActionErrors(actionData) ? actionData : null;
  const [params] = useSearchParams();
  const slotsError = errors?.fieldErrors.requestedSlots;
  return (
    <>
      <PageHeader title={facility.name} actions={<CertificationStatusBadge status={status} />} />
      <FacilityNav facilityId={facility.id} />
      {params.get("flash") === "applied" && !errors ? <Notice kind="success">{t("certification.applied")}</Notice> : null}
      {errors?.formError ? <Notice kind="error">{fieldMessage(t, errors.formError)}</Notice> : null}

      <section className="card" aria-labelledby="status-title">
        <h2 id="status-title">{t("certification.currentStatus")}</h2>
        <p className="muted">{t("certification.intro")}</p>
        {inclusiveByOwnership ? <Notice>{t("certification.inclusiveByOwnership")}</Notice> : null}
        <dl className="facts">
          <dt>{t("certification.currentStatus")}</dt>
          <dd>
            <CertificationStatusBadge status={status} />
          </dd>
          {app ? (
            <>
              <dt>{t("certification.appliedAt")}</dt>
              <dd>{formatDateTime(app.appliedAt, lang)}</dd>
              <dt>{t("certification.requested")}</dt>
              <dd>{app.requestedSlots ?? `${facility.totalSlots ?? "—"}`}</dd>
            </>
          ) : null}
          {app?.noticeStartsOn && app.noticeEndsOn ? (
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
          {app?.certifiedSlots !== null && app?.certifiedSlots !== undefined ? (
            <>
              <dt>{t("certification.certifiedSlots")}</dt>
              <dd>
                <strong>{app.certifiedSlots}</strong> / {facility.totalSlots ?? "—"}
              </dd>
            </>
          ) : null}
          {app?.validFrom && app.validUntil ? (
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
          {app?.certificateId && app.status === "certified" ? (
            <>
              <dt>{t("certification.certificate")}</dt>
              <dd>
                <a href={`/certificates/${app.certificateId}.pdf`}>{t("certification.download")}</a>
              </dd>
            </>
          ) : null}
        </dl>
        {inProgress ? <p className="muted">{t("certification.inProgress")}</p> : null}
        {app && (app.status === "rejected" || app.status === "revoked") && app.reasons ? (
          <Notice kind="error">
            <strong>{t("certification.reviewerReasons")}</strong>：{app.reasons}
            {app.status === "rejected" ? <> {t("certification.applyAgain")}</> : null}
          </Notice>
        ) : null}
      </section>

      <section className="card" aria-labelledby="precheck-title">
        <h2 id="precheck-title">{t("certification.precheck")}</h2>
        <p className="muted">{t("certification.precheckIntro")}</p>
        <ChecklistSummary evaluation={evaluation} />
        <Checklist evaluation={evaluation} lang={lang} />
      </section>

      {canApply ? (
        <section className="card" aria-labelledby="apply-title">
          <h2 id="apply-title">{t("certification.apply")}</h2>
          <Form method="post" className="form" noValidate>
            <div className={`field${slotsError ? " field--error" : ""}`}>
              <label htmlFor="requestedSlots">{t("certification.requestedSlots")}</label>
              <p className="field__hint" id="requestedSlots-hint">
                {t("certification.applyHint")}
                {facility.totalSlots !== null ? ` ${t("filing.facility.totalSlots")}：${facility.totalSlots}` : null}
              </p>
              <input
                id="requestedSlots"
                name="requestedSlots"
                inputMode="numeric"
                aria-describedby={slotsError ? "requestedSlots-hint requestedSlots-error" : "requestedSlots-hint"}
                aria-invalid={slotsError ? true : undefined}
              />
              {slotsError ? (
                <p id="requestedSlots-error" className="field__error" role="alert">
                  {fieldMessage(t, slotsError)}
                </p>
              ) : null}
            </div>
            <SubmitButton>{t("certification.apply")}</SubmitButton>
          </Form>
        </section>
      ) : !filed ? (
        <Notice>{t("certification.notFiled")}</Notice>
      ) : null}
    </>
  );
}
