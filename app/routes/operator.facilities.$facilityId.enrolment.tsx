// The operator's monthly enrolment reports (issue #7 part 3): a month picker, the chosen month's report
// (its status, a returned version's reason, the version in force while a correction is open), the form
// per class type with full-day and other children (a kindergarten's 托班 reports its full-day children
// in one field), days open and a note; the submit button once the month has ended; and every month
// reported with its versions. The service decides what is editable and what is impossible.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import type { UseFormReturn } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { getDb } from "../../db/client";
import { CLASS_TYPES } from "../../rules/snapshot";
import { requirePermission, type Actor } from "../auth/session.server";
import { FacilityNav } from "../components/facility-nav";
import { Field, fieldMessage, Form, isActionErrors, SubmitButton, useServerErrors, useZodForm } from "../components/forms";
import { EnrolmentStatusBadge, formatMonth } from "../components/enrolment";
import { EmptyState, Notice, PageHeader } from "../components/layout";
import { Pager } from "../components/pager";
import { langFromCookie, titleMeta } from "../i18n/i18n";
import { useLang } from "../i18n/use-lang";
import { operatorEnrolment, saveEnrolmentDraft, submitEnrolment } from "../services/enrolment.server";
import { CLASS_TYPE_FIELDS, ENROLMENT_COUNT_FIELDS, enrolmentSchema, fullDayChildrenOf } from "../services/subsidy.schemas";
import { formatDateTime } from "../utils/format";
import { guarded, guardedAction } from "../utils/http.server";
import { localiseFieldErrors, localiseMessage } from "../utils/localise-errors";
import { ValidationError } from "../services/errors";
import type { Db } from "../../db/client";
import { pageParam } from "../utils/paging";

export const meta = titleMeta("subsidy.enrolment.title");

const PAGE_SIZE = 24;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "update:facility:own");
  const url = new URL(request.url);
  return guarded(async () => {
    const page = await operatorEnrolment(await getDb(), actor, params.facilityId ?? "", url.searchParams.get("period"), { page: pageParam(url), pageSize: PAGE_SIZE });
    const versionOut = (v: NonNullable<typeof page.report>["versions"][number]) => ({
      id: v.id,
      version: v.version,
      status: v.status,
      fullDayInfant: v.fullDayInfant,
      fullDayToddler: v.fullDayToddler,
      fullDayOlderToddler: v.fullDayOlderToddler,
      fullDayMixed: v.fullDayMixed,
      otherInfant: v.otherInfant,
      otherToddler: v.otherToddler,
      otherOlderToddler: v.otherOlderToddler,
      otherMixed: v.otherMixed,
      kindergartenClassChildren: v.kindergartenClassChildren,
      daysOpen: v.daysOpen,
      fullDayAttending: v.fullDayAttending,
      note: v.note,
      returnReason: v.returnReason,
      submittedAt: v.submittedAt?.toISOString() ?? null,
      decidedAt: v.decidedAt?.toISOString() ?? null,
    });
    return {
      facility: { id: page.facility.id, name: page.facility.name, kind: page.facility.kind },
      period: page.period,
      periodError: page.periodError ? localiseMessage(page.periodError, langFromCookie(request.headers.get("cookie"))) : null,
      reporting: page.reporting,
      monthEnded: page.monthEnded,
      capacity: page.capacity,
      report: page.report
        ? { id: page.report.id, approvedVersion: page.report.approvedVersion, approvedFullDayChildren: page.report.approvedFullDayChildren, versions: page.report.versions.map(versionOut) }
        : null,
      reports: page.reports.map((r) => ({
        id: r.id,
        period: r.period,
        approvedVersion: r.approvedVersion,
        approvedFullDayChildren: r.approvedFullDayChildren,
        versions: r.versions.map((v) => ({ id: v.id, version: v.version, status: v.status, fullDayChildren: fullDayChildrenOf(v), submittedAt: v.submittedAt?.toISOString() ?? null })),
      })),
      hasMore: page.hasMore,
      page: pageParam(url),
    };
  });
}

type EnrolmentErrors = { ok: false; fieldErrors: Record<string, string>; formError?: string; values: Record<string, string> | null };

/** Saves the month's draft, or submits it (intent=submit); redirects back to the month. */
async function saveOrSubmit(db: Db, actor: Actor, facilityId: string, form: FormData) {
  const period = String(form.get("period") ?? "");
  const here = `/operator/facilities/${facilityId}/enrolment?period=${encodeURIComponent(period)}`;
  if (form.get("intent") === "submit") {
    await submitEnrolment(db, actor, facilityId, period);
    return redirect(`${here}&flash=submitted`);
  }
  const input: Record<string, string> = {};
  for (const f of [...ENROLMENT_COUNT_FIELDS, "daysOpen", "fullDayAttending", "note"]) input[f] = String(form.get(f) ?? "");
  await saveEnrolmentDraft(db, actor, facilityId, period, input);
  return redirect(`${here}&flash=saved`);
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "update:facility:own");
  const form = await request.formData();
  const lang = langFromCookie(request.headers.get("cookie"));
  return guardedAction(async () => {
    try {
      return await saveOrSubmit(await getDb(), actor, params.facilityId ?? "", form);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      // dates and months in a message in the reader's language; the typed values come back to the form
      // (a refused submit posted no numbers: the form keeps the saved ones)
      let values: Record<string, string> | null = null;
      if (form.get("intent") !== "submit") {
        values = {};
        for (const f of [...ENROLMENT_COUNT_FIELDS, "daysOpen", "fullDayAttending", "note"]) values[f] = String(form.get(f) ?? "");
      }
      return data<EnrolmentErrors>({ ok: false, fieldErrors: localiseFieldErrors(error.fieldErrors, lang), formError: error.formError, values }, { status: 400 });
    }
  });
}

// ---- page ----------------------------------------------------------------------------------------

type Data = ReturnType<typeof useLoaderData<typeof loader>>;
type Version = NonNullable<Data["report"]>["versions"][number];

type FormShape = Record<string, unknown>;

function CountInput({ form, name, label, disabled }: { form: UseFormReturn<FormShape>; name: string; label: string; disabled?: boolean }) {
  const { t } = useTranslation();
  // the server's message shows before hydration too (a form posted without JavaScript)
  const server = useServerErrors();
  const error = form.formState.errors[name]?.message ?? server[name];
  const id = `field-${name}`;
  const initial: unknown = (form.formState.defaultValues as FormShape | undefined)?.[name];
  return (
    <div className={`field${error ? " field--error" : ""}`}>
      <label htmlFor={id} className="visually-hidden">
        {label}
      </label>
      <input
        id={id}
        inputMode="numeric"
        size={5}
        className="count-input"
        disabled={disabled}
        defaultValue={initial === undefined || initial === null ? undefined : String(initial)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        {...form.register(name)}
      />
      {error ? (
        <p id={`${id}-error`} className="field__error" role="alert">
          {fieldMessage(t, String(error))}
        </p>
      ) : null}
    </div>
  );
}

function ReportForm({ d, source, editable }: { d: Data; source: Version | null; editable: boolean }) {
  const { t } = useTranslation();
  const lang = useLang();
  const actionData = useActionData<unknown>();
  const posted = isActionErrors(actionData) && "values" in actionData ? ((actionData as EnrolmentErrors).values ?? null) : null;
  const defaults: FormShape = posted ?? { daysOpen: source ? String(source.daysOpen) : "", fullDayAttending: source?.fullDayAttending == null ? "" : String(source.fullDayAttending), note: source?.note ?? "" };
  if (!posted) for (const f of ENROLMENT_COUNT_FIELDS) defaults[f] = source ? String((source as unknown as Record<string, number>)[f] ?? 0) : "";
  const { form, onSubmit } = useZodForm(enrolmentSchema, defaults);
  const f = form as unknown as UseFormReturn<FormShape>;
  const kindergarten = d.capacity.kindergarten;
  const totalError = isActionErrors(actionData) ? actionData.fieldErrors.fullDayTotal : undefined;
  const server = useServerErrors();
  const daysError = f.formState.errors.daysOpen?.message ?? server.daysOpen;
  const noteError = f.formState.errors.note?.message ?? server.note;
  const kgError = f.formState.errors.kindergartenClassChildren?.message ?? server.kindergartenClassChildren;
  return (
    <Form method="post" className="form" onSubmit={onSubmit} noValidate>
      <input type="hidden" name="intent" value="save" />
      <input type="hidden" name="period" value={d.period} />
      {totalError ? <Notice kind="error">{fieldMessage(t, totalError)}</Notice> : null}
      {kindergarten ? (
        <div className={`field${kgError ? " field--error" : ""}`}>
          <label htmlFor="field-kindergartenClassChildren">{t("subsidy.enrolment.kindergartenClassChildren")}</label>
          <p id="kg-hint" className="field__hint">
            {t("subsidy.enrolment.kindergartenHint")} {d.capacity.totalSlots !== null ? t("subsidy.enrolment.totalSlots", { slots: d.capacity.totalSlots }) : null}
          </p>
          <input
            id="field-kindergartenClassChildren"
            className="count-input"
            inputMode="numeric"
            disabled={!editable}
            defaultValue={String(defaults.kindergartenClassChildren ?? "")}
            aria-invalid={kgError ? true : undefined}
            aria-describedby="kg-hint"
            {...f.register("kindergartenClassChildren")}
          />
          {kgError ? (
            <p className="field__error" role="alert">
              {fieldMessage(t, String(kgError))}
            </p>
          ) : null}
        </div>
      ) : null}
      <div className="table-wrap">
        <table className="data-table">
          <caption className="visually-hidden">{t("subsidy.enrolment.monthTitle", { month: formatMonth(d.period, lang) })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("subsidy.enrolment.classType")}</th>
              <th scope="col">{t("subsidy.enrolment.capacity")}</th>
              {kindergarten ? null : <th scope="col">{t("subsidy.enrolment.fullDay")}</th>}
              <th scope="col">{t("subsidy.enrolment.other")}</th>
            </tr>
          </thead>
          <tbody>
            {CLASS_TYPES.map((type) => {
              const label = t(`filing.enums.classType.${type}`);
              return (
                <tr key={type}>
                  <th scope="row">{label}</th>
                  <td className="nowrap">{d.capacity.byType[type] ?? 0}</td>
                  {kindergarten ? null : (
                    <td>
                      <CountInput form={f} name={CLASS_TYPE_FIELDS[type].fullDay} label={`${label} · ${t("subsidy.enrolment.fullDay")}`} disabled={!editable} />
                    </td>
                  )}
                  <td>
                    <CountInput form={f} name={CLASS_TYPE_FIELDS[type].other} label={`${label} · ${t("subsidy.enrolment.other")}`} disabled={!editable} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p className="small muted">
        {t("subsidy.enrolment.blankIsZero")}
        {kindergarten || d.capacity.totalSlots === null ? null : ` ${t("subsidy.enrolment.totalSlots", { slots: d.capacity.totalSlots })}`}
      </p>
      <div className="form-grid form-grid--top">
        <div className={`field${daysError ? " field--error" : ""}`}>
          <label htmlFor="field-daysOpen">{t("subsidy.enrolment.daysOpen")}</label>
          <p id="days-hint" className="field__hint">
            {t("subsidy.enrolment.daysOpenHint")}
          </p>
          <input id="field-daysOpen" className="count-input" inputMode="numeric" disabled={!editable} defaultValue={String(defaults.daysOpen ?? "")} aria-invalid={daysError ? true : undefined} aria-describedby="days-hint" {...f.register("daysOpen")} />
          {daysError ? (
            <p className="field__error" role="alert">
              {fieldMessage(t, String(daysError))}
            </p>
          ) : null}
        </div>
        <Field form={form} name="fullDayAttending" label={t("subsidy.enrolment.fullDayAttending")} hint={t("subsidy.enrolment.fullDayAttendingHint")} inputMode="numeric" className="count-input" disabled={!editable} />
        <div className={`field field--wide${noteError ? " field--error" : ""}`}>
          <label htmlFor="field-note">{t("subsidy.enrolment.note")}</label>
          <input id="field-note" maxLength={500} disabled={!editable} defaultValue={String(defaults.note ?? "")} {...f.register("note")} />
          {noteError ? (
            <p className="field__error" role="alert">
              {fieldMessage(t, String(noteError))}
            </p>
          ) : null}
        </div>
      </div>
      {editable ? (
        <p className="row-actions">
          <SubmitButton>{t("subsidy.enrolment.saveDraft")}</SubmitButton>
        </p>
      ) : null}
    </Form>
  );
}

export default function Enrolment() {
  const { t } = useTranslation();
  const lang = useLang();
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<unknown>();
  const [params] = useSearchParams();
  const flash = actionData ? null : params.get("flash");
  const versions = d.report?.versions ?? [];
  const open = versions.find((v) => v.status === "draft" || v.status === "submitted" || v.status === "returned") ?? null;
  const approved = versions.find((v) => v.status === "approved") ?? null;
  const editable = d.reporting && (open === null || open.status === "draft" || open.status === "returned");
  // the form starts from the open version, else (a correction) from the approved one
  const source = open ?? approved;
  const canSubmit = d.reporting && open !== null && (open.status === "draft" || open.status === "returned");
  const formError = isActionErrors(actionData) ? actionData.formError : undefined;
  const month = formatMonth(d.period, lang);
  return (
    <>
      <PageHeader title={d.facility.name} />
      <FacilityNav facilityId={d.facility.id} />
      {flash === "saved" ? <Notice kind="success">{t("subsidy.enrolment.saved")}</Notice> : null}
      {flash === "submitted" ? <Notice kind="success">{t("subsidy.enrolment.submitted")}</Notice> : null}
      {formError ? <Notice kind="error">{fieldMessage(t, formError)}</Notice> : null}
      <section className="card" aria-labelledby="enrolment-title">
        <h2 id="enrolment-title">{t("subsidy.enrolment.title")}</h2>
        <p className="muted">{t("subsidy.enrolment.intro")}</p>
        {d.reporting ? null : <Notice>{t("subsidy.enrolment.notFiled")}</Notice>}
        <Form method="get" className="toolbar">
          <div className={`field${d.periodError ? " field--error" : ""}`}>
            <label htmlFor="period">{t("subsidy.enrolment.month")}</label>
            <input id="period" name="period" type="month" defaultValue={d.period} aria-invalid={d.periodError ? true : undefined} />
            {d.periodError ? (
              <p className="field__error" role="alert">
                {fieldMessage(t, d.periodError)}
              </p>
            ) : null}
          </div>
          <button type="submit" className="button button--secondary">
            {t("subsidy.enrolment.show")}
          </button>
        </Form>
      </section>

      <section className="card stack" aria-labelledby="month-title">
        <h2 id="month-title">
          {t("subsidy.enrolment.monthTitle", { month })} {open ? <EnrolmentStatusBadge status={open.status} /> : approved ? <EnrolmentStatusBadge status="approved" /> : <EnrolmentStatusBadge status="none" />}
          {open ? <span className="small muted"> {t("subsidy.enrolment.version", { version: open.version })}</span> : null}
        </h2>
        {open?.status === "returned" && open.returnReason ? <Notice kind="error">{t("subsidy.enrolment.returnedReason", { reason: open.returnReason })}</Notice> : null}
        {approved && d.report?.approvedVersion !== null && d.report ? (
          <Notice>
            {open
              ? `${t("subsidy.enrolment.amendmentOpen", { version: open.version })} · ${t("subsidy.enrolment.inForceLine", { version: d.report.approvedVersion, children: d.report.approvedFullDayChildren ?? 0 })}`
              : t("subsidy.enrolment.amendmentNote", { version: d.report.approvedVersion, children: d.report.approvedFullDayChildren ?? 0 })}
          </Notice>
        ) : null}
        {open?.status === "submitted" ? <Notice>{t("subsidy.enrolment.notEditable")}</Notice> : null}
        <ReportForm key={`${d.period}|${source?.id ?? "new"}|${source?.status ?? ""}`} d={d} source={source} editable={editable} />
        {canSubmit ? (
          <div>
            {d.monthEnded ? (
              <Form method="post">
                <input type="hidden" name="intent" value="submit" />
                <input type="hidden" name="period" value={d.period} />
                <p className="small muted">{t("subsidy.enrolment.submitHint")}</p>
                <p className="row-actions">
                  <SubmitButton>{t("subsidy.enrolment.submit")}</SubmitButton>
                </p>
              </Form>
            ) : (
              <Notice>{t("subsidy.enrolment.monthNotEnded")}</Notice>
            )}
          </div>
        ) : null}
      </section>

      <section className="card" aria-labelledby="list-title">
        <h2 id="list-title">{t("subsidy.enrolment.list")}</h2>
        {d.reports.length === 0 ? (
          <EmptyState>{t("subsidy.enrolment.listEmpty")}</EmptyState>
        ) : (
          <div className="table-wrap">
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{t("subsidy.enrolment.period")}</th>
                  <th scope="col">{t("subsidy.enrolment.approvedFullDay")}</th>
                  <th scope="col">{t("subsidy.enrolment.versions")}</th>
                </tr>
              </thead>
              <tbody>
                {d.reports.map((r) => (
                  <tr key={r.id}>
                    <td className="nowrap">
                      <Link to={`?period=${r.period}`}>{formatMonth(r.period, lang)}</Link>
                    </td>
                    <td className="nowrap">{r.approvedVersion === null ? "—" : t("subsidy.enrolment.approvedCell", { children: r.approvedFullDayChildren ?? 0, version: r.approvedVersion })}</td>
                    <td>
                      <ul className="plain-list small">
                        {r.versions.map((v) => (
                          <li key={v.id}>
                            {t("subsidy.enrolment.version", { version: v.version })}
                            {v.version > 1 ? <span className="muted"> · {t("subsidy.enrolment.amendment")}</span> : null} <EnrolmentStatusBadge status={v.status} />
                            <span className="muted">
                              {t("subsidy.enrolment.fullDayChildren")} {v.fullDayChildren}
                              {v.submittedAt ? ` · ${t("subsidy.enrolment.submittedAt")} ${formatDateTime(v.submittedAt, lang)}` : ""}
                            </span>
                          </li>
                        ))}
                      </ul>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <Pager page={d.page} hasMore={d.hasMore} />
      </section>
    </>
  );
}
