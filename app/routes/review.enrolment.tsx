// The reviewer's queue of monthly enrolment reports (issue #7 part 3): submitted versions of facilities in
// the reviewer's jurisdiction, oldest submission first; each shows its counts per class type, days open
// and note, and for a correction what it changes against the version in force; approve, or return with a
// reason. Scope and state are the service's to check.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "../../db/client";
import { CLASS_TYPES } from "../../rules/snapshot";
import { requirePermission } from "../auth/session.server";
import { jurisdictionName } from "../components/checklist";
import { EnrolmentStatusBadge, formatMonth } from "../components/enrolment/shared";
import { fieldMessage, isActionErrors } from "../components/forms";
import { EmptyState, Notice, PageHeader } from "../components/layout";
import { Pager } from "../components/pager";
import { titleMeta } from "../i18n/i18n";
import { useLang } from "../i18n/use-lang";
import { approveEnrolment, enrolmentQueue, returnEnrolment } from "../services/enrolment.server";
import { ValidationError } from "../services/errors";
import { CLASS_TYPE_FIELDS } from "../services/subsidy.schemas";
import { formatDateTime } from "../utils/format";
import { guarded, guardedAction } from "../utils/http.server";
import { pageParam } from "../utils/paging";

export const meta = titleMeta("subsidy.review.title");

const PAGE_SIZE = 10;

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "approve:enrolment:jurisdiction");
  const url = new URL(request.url);
  const page = pageParam(url);
  return guarded(async () => {
    const { entries, hasMore, total } = await enrolmentQueue(await getDb(), actor, { page, pageSize: PAGE_SIZE });
    return { page, hasMore, total, entries: entries.map((e) => ({ ...e, submittedAt: e.submittedAt?.toISOString() ?? null })) };
  });
}

type ReturnErrors = { ok: false; fieldErrors: Record<string, string>; formError?: string; versionId: string };

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "approve:enrolment:jurisdiction");
  const form = await request.formData();
  const versionId = String(form.get("versionId") ?? "");
  return guardedAction(async () => {
    const db = await getDb();
    if (form.get("intent") === "return") {
      try {
        await returnEnrolment(db, actor, versionId, { reason: form.get("reason") ?? "" });
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        return data<ReturnErrors>({ ok: false, fieldErrors: error.fieldErrors, formError: error.formError, versionId }, { status: 400 });
      }
      return redirect("/review/enrolment?flash=returned");
    }
    await approveEnrolment(db, actor, versionId);
    return redirect("/review/enrolment?flash=approved");
  });
}

export default function EnrolmentReview() {
  const { t } = useTranslation();
  const lang = useLang();
  const { entries, page, hasMore, total } = useLoaderData<typeof loader>();
  const actionData = useActionData<unknown>();
  const [params] = useSearchParams();
  const flash = actionData ? null : params.get("flash");
  const errorsFor = (versionId: string) => (isActionErrors(actionData) && "versionId" in actionData && (actionData as ReturnErrors).versionId === versionId ? actionData.fieldErrors : {});
  const formError = isActionErrors(actionData) && !("versionId" in actionData) ? actionData.formError : undefined;
  return (
    <>
      <PageHeader title={t("subsidy.review.title")} intro={t("subsidy.review.intro")} />
      {flash === "approved" ? <Notice kind="success">{t("subsidy.review.approved")}</Notice> : null}
      {flash === "returned" ? <Notice kind="success">{t("subsidy.review.returned")}</Notice> : null}
      {formError ? <Notice kind="error">{fieldMessage(t, formError)}</Notice> : null}
      <div className="stat-row" role="group" aria-label={t("subsidy.review.title")}>
        <p className="stat">
          <strong>{total}</strong>
          {t("subsidy.review.pending")}
        </p>
      </div>
      {entries.length === 0 ? (
        <EmptyState>{t("subsidy.review.empty")}</EmptyState>
      ) : (
        entries.map((e) => {
          const month = formatMonth(e.period, lang);
          const errors = errorsFor(e.versionId);
          const kindergarten = e.facilityKind === "kindergarten_class";
          return (
            <section key={e.versionId} className="card" aria-labelledby={`entry-${e.versionId}`}>
              <h2 id={`entry-${e.versionId}`}>
                {e.facilityName} · {month}{" "}
                <span className={`badge ${e.amendment ? "badge--warn" : "badge--info"}`}>{e.amendment ? t("subsidy.review.amendmentOf", { version: e.approvedVersion }) : t("subsidy.review.original")}</span>
              </h2>
              <p className="muted small">
                {e.organisationName} · {jurisdictionName(e.jurisdictionCode, lang)} · {t("subsidy.enrolment.version", { version: e.version })} <EnrolmentStatusBadge status="submitted" /> · {t("subsidy.review.submittedAt")}{" "}
                {e.submittedAt ? formatDateTime(e.submittedAt, lang) : "—"}
              </p>
              {e.previousReturnReason ? <Notice>{t("subsidy.review.previouslyReturned", { reason: e.previousReturnReason })}</Notice> : null}
              <div className="grid-2">
                <div className="table-wrap">
                  <table className="data-table">
                    <caption className="visually-hidden">{t("subsidy.review.counts")}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t("subsidy.enrolment.classType")}</th>
                        {kindergarten ? null : <th scope="col">{t("subsidy.enrolment.fullDay")}</th>}
                        <th scope="col">
                          <abbr title={t("subsidy.enrolment.other")}>{t("subsidy.review.other")}</abbr>
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {CLASS_TYPES.map((type) => (
                        <tr key={type}>
                          <th scope="row">{t(`filing.enums.classType.${type}`)}</th>
                          {kindergarten ? null : <td>{e.content[CLASS_TYPE_FIELDS[type].fullDay]}</td>}
                          <td>{e.content[CLASS_TYPE_FIELDS[type].other]}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
                <div>
                  <p>
                    <strong>{t("subsidy.review.fullDay", { count: e.fullDayChildren })}</strong>
                    {e.totalSlots !== null ? <span className="muted"> / {t("subsidy.review.totalSlots", { slots: e.totalSlots })}</span> : null} · {t("subsidy.review.daysOpen", { days: e.content.daysOpen })}
                  </p>
                  {kindergarten ? <p className="small">{t("subsidy.review.kindergartenLine", { count: e.content.kindergartenClassChildren })}</p> : null}
                  {e.content.note ? <p className="small">{t("subsidy.review.note", { note: e.content.note })}</p> : null}
                  {e.amendment ? (
                    <>
                      <h3>{t("subsidy.review.changes")}</h3>
                      {e.changes.length === 0 ? (
                        <p className="muted small">{t("subsidy.review.noChanges")}</p>
                      ) : (
                        <ul className="plain-list small">
                          {e.changes.map((c) => (
                            <li key={c.field}>{t("subsidy.review.change", { field: t(`subsidy.enrolment.fields.${c.field}`), before: c.before ?? "—", after: c.after ?? "—" })}</li>
                          ))}
                        </ul>
                      )}
                    </>
                  ) : null}
                </div>
              </div>
              <div className="row-actions" style={{ marginTop: "1rem", alignItems: "flex-end", flexWrap: "wrap" }}>
                <Form method="post">
                  <input type="hidden" name="intent" value="approve" />
                  <input type="hidden" name="versionId" value={e.versionId} />
                  <button type="submit" className="button" aria-label={t("subsidy.review.approveLabel", { facility: e.facilityName, period: month })}>
                    {t("subsidy.review.approve")}
                  </button>
                </Form>
                <Form method="post" className="toolbar" style={{ marginBottom: 0 }}>
                  <input type="hidden" name="intent" value="return" />
                  <input type="hidden" name="versionId" value={e.versionId} />
                  <div className={`field${errors.reason ? " field--error" : ""}`}>
                    <label htmlFor={`reason-${e.versionId}`}>{t("subsidy.review.reason")}</label>
                    <input id={`reason-${e.versionId}`} name="reason" maxLength={500} size={40} aria-label={t("subsidy.review.reasonLabel", { facility: e.facilityName, period: month })} aria-invalid={errors.reason ? true : undefined} />
                    {errors.reason ? (
                      <p className="field__error" role="alert">
                        {fieldMessage(t, errors.reason)}
                      </p>
                    ) : null}
                  </div>
                  <button type="submit" className="button button--secondary" aria-label={t("subsidy.review.returnLabel", { facility: e.facilityName, period: month })}>
                    {t("subsidy.review.return")}
                  </button>
                </Form>
              </div>
            </section>
          );
        })
      )}
      <Pager page={page} hasMore={hasMore} />
    </>
  );
}
