import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "../../db/client";
import { requirePermission } from "../auth/session.server";
import { Checklist, ChecklistSummary, returnReasonLabel } from "../components/checklist";
import { FacilityNav, FilingStateBadge } from "../components/facility-nav";
import { isActionErrors, SubmitButton } from "../components/forms";
import { Notice, PageHeader } from "../components/layout";
import { ProgrammeFacts } from "../components/union/programme";
import { titleMeta } from "../i18n/i18n";
import { useLang } from "../i18n/use-lang";
import { loadFacility } from "../services/facilities.server";
import { buildSnapshot, cancelFiling, checklistIsClear, filingChecklist, filingHistory, submitFiling } from "../services/filing.server";
import { formatDate, formatDateTime, todayInShanghai } from "../utils/format";
import { guarded, guardedAction } from "../utils/http.server";

export const meta = titleMeta("filing.facility.overview");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "view:facility:own");
  return guarded(async () => {
    const db = await getDb();
    const facility = await loadFacility(db, actor, params.facilityId ?? "");
    const today = todayInShanghai();
    // the live checklist: re-evaluated from the current data on every visit (一次告知)
    const evaluation = filingChecklist(await buildSnapshot(db, facility, today), today);
    const history = await filingHistory(db, actor, facility.id);
    return {
      facilityKind: facility.kind,
      // the employer-run programme profile, shown with the facility (edited on its own tab)
      programme:
        facility.kind === "employer_run"
          ? {
              employerName: facility.employerName,
              employerUscc: facility.employerUscc,
              parkName: facility.employerParkName,
              mainlyForOwnEmployees: facility.employerMainlyForOwnEmployees,
              openToOtherEmployers: facility.employerOpenToOtherEmployers,
              openToResidents: facility.employerOpenToResidents,
              reservedSlots: facility.employerReservedSlots,
              totalSlots: facility.totalSlots,
              contactName: facility.employerContactName,
              contactPhone: facility.employerContactPhone,
            }
          : null,
      facility: { id: facility.id, name: facility.name, state: facility.filingState, receiptNumber: facility.receiptNumber, filedOn: facility.filedOn },
      evaluation,
      clear: checklistIsClear(evaluation),
      history: history.map((h) => ({ ...h, submittedAt: h.submittedAt.toISOString(), decidedAt: h.decidedAt?.toISOString() ?? null, returnReasons: (h.returnReasons ?? []) as Array<{ item: string; reason: string }> })),
    };
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "submit:filing:own");
  const form = await request.formData();
  const facilityId = params.facilityId ?? "";
  return guardedAction(async () => {
    const db = await getDb();
    if (form.get("intent") === "cancel") {
      await cancelFiling(db, actor, facilityId, { reason: form.get("reason") ?? "" });
      return redirect(`/operator/facilities/${facilityId}?flash=cancelled`);
    }
    await submitFiling(db, actor, facilityId, { explanation: form.get("explanation") ?? "" });
    return redirect(`/operator/facilities/${facilityId}?flash=submitted`);
  });
}

const FLASHES: Record<string, string> = {
  submitted: "filing.filing.submitted",
  cancelled: "filing.filing.cancelled",
  created: "filing.facility.created",
  saved: "filing.facility.saved",
};

export default function FacilityOverview() {
  const { t } = useTranslation();
  const lang = useLang();
  const { facility, evaluation, clear, history, programme } = useLoaderData<typeof loader>();
  const actionData = useActionData<unknown>();
  const errors = isActionErrors(actionData) ? actionData : null;
  const [params] = useSearchParams();
  const flash = FLASHES[params.get("flash") ?? ""];
  const submittable = facility.state === "draft" || facility.state === "returned" || facility.state === "filed";
  const lastReturn = history.find((h) => h.status === "returned" || h.status === "rejected");
  return (
    <>
      <PageHeader title={facility.name} actions={<FilingStateBadge state={facility.state} />} />
      <FacilityNav facilityId={facility.id} />
      {flash ? <Notice kind="success">{t(flash)}</Notice> : null}
      {errors?.formError ? <Notice kind="error">{t(errors.formError)}</Notice> : null}
      {facility.state === "submitted" || facility.state === "change_submitted" ? <Notice>{t("filing.filing.lockedNotice")}</Notice> : null}
      {facility.state === "filed" ? <Notice>{t("filing.filing.filedNotice")}</Notice> : null}
      {facility.state === "returned" && lastReturn ? (
        <Notice kind="error">
          {t("filing.filing.returnedNotice")}
          <ul>
            {lastReturn.returnReasons.map((r, i) => (
              <li key={i}>
                <strong>{returnReasonLabel(r.item, evaluation, t, lang)}</strong>：{r.reason}
              </li>
            ))}
          </ul>
        </Notice>
      ) : null}
      {facility.receiptNumber ? (
        <section className="card">
        <dl className="facts">
          <dt>{t("filing.facility.receipt")}</dt>
          <dd>
            <strong>{facility.receiptNumber}</strong>
          </dd>
          <dt>{t("filing.facility.filedOn")}</dt>
          <dd>{facility.filedOn ? formatDate(facility.filedOn, lang) : "—"}</dd>
        </dl>
        </section>
      ) : null}
      {programme ? (
        <section className="card" aria-labelledby="programme-title">
          <h2 id="programme-title">{t("union.operator.title")}</h2>
          <ProgrammeFacts profile={programme} withContact />
          <p>
            <Link to={`/operator/facilities/${facility.id}/programme`}>{t("union.operator.summaryLink")}</Link>
          </p>
        </section>
      ) : null}
      <section className="card" aria-labelledby="checklist-title">
        <h2 id="checklist-title">{t("filing.filing.checklist")}</h2>
        <p className="muted">{t("filing.filing.checklistIntro")}</p>
        <ChecklistSummary evaluation={evaluation} />
        <Checklist evaluation={evaluation} lang={lang} />
      </section>
      {submittable ? (
        <section className="card" aria-labelledby="submit-title">
          <h2 id="submit-title">{facility.state === "filed" ? t("filing.filing.submitChange") : t("filing.filing.submit")}</h2>
          <Form method="post" className="form">
            {!clear ? (
              <div className={`field${errors?.fieldErrors.explanation ? " field--error" : ""}`}>
                <label htmlFor="explanation">{t("filing.filing.explanation")}</label>
                <p className="field__hint" id="explanation-hint">
                  {t("filing.filing.explanationHint")}
                </p>
                <textarea id="explanation" name="explanation" aria-describedby="explanation-hint" aria-invalid={errors?.fieldErrors.explanation ? true : undefined} />
                {errors?.fieldErrors.explanation ? (
                  <p className="field__error" role="alert">
                    {t(errors.fieldErrors.explanation)}
                  </p>
                ) : null}
              </div>
            ) : null}
            <SubmitButton>{facility.state === "filed" ? t("filing.filing.submitChange") : t("filing.filing.submit")}</SubmitButton>
          </Form>
        </section>
      ) : null}
      <section className="card" aria-labelledby="history-title">
        <h2 id="history-title">{t("filing.facility.history")}</h2>
        {history.length === 0 ? (
          <p className="muted">—</p>
        ) : (
          <div className="table-wrap">
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{t("filing.review.kind")}</th>
                  <th scope="col">{t("filing.review.submittedAt")}</th>
                  <th scope="col">{t("filing.facility.state")}</th>
                  <th scope="col">{t("filing.facility.receipt")}</th>
                </tr>
              </thead>
              <tbody>
                {history.map((h) => (
                  <tr key={h.id}>
                    <td>{t(`filing.enums.filingKind.${h.kind}`)}</td>
                    <td>{formatDateTime(h.submittedAt, lang)}</td>
                    <td>{t(`filing.enums.filingStatus.${h.status}`)}</td>
                    <td>{h.receiptNumber ?? "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      {facility.state === "filed" || facility.state === "change_submitted" ? (
        <section className="card" aria-labelledby="cancel-title">
          <h2 id="cancel-title">{t("filing.filing.cancel")}</h2>
          <Form method="post" className="form">
            <input type="hidden" name="intent" value="cancel" />
            <div className={`field${errors?.fieldErrors.reason ? " field--error" : ""}`}>
              <label htmlFor="cancel-reason">{t("filing.filing.cancelReason")}</label>
              <input id="cancel-reason" name="reason" />
              {errors?.fieldErrors.reason ? (
                <p className="field__error" role="alert">
                  {t(errors.fieldErrors.reason)}
                </p>
              ) : null}
            </div>
            <button type="submit" className="button button--danger">
              {t("filing.filing.cancel")}
            </button>
          </Form>
        </section>
      ) : null}
      <p>
        <Link to="/operator">{t("home.operator.title")}</Link>
      </p>
    </>
  );
}
