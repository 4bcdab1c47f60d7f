// The month's enrolment form: children per class type, full-day and other (a kindergarten's 托班 reports its
// full-day children in one field), days open, full-day children attending and a note. It starts from the
// version given, or from what was posted when the server refused it; `editable` false shows it read-only.
import { useActionData } from "@remix-run/react";
import type { UseFormReturn } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { CLASS_TYPES } from "../../../rules/snapshot";
import { Field, fieldMessage, Form, isActionErrors, SubmitButton, useServerErrors, useZodForm } from "../forms";
import { Notice } from "../layout";
import { useLang } from "../../i18n/use-lang";
import { CLASS_TYPE_FIELDS, ENROLMENT_COUNT_FIELDS, enrolmentSchema } from "../../services/subsidy.schemas";
import { formatMonth } from "./shared";
import type { EnrolmentCapacityView, EnrolmentErrors, EnrolmentVersionView } from "./views";

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

export function ReportForm({ period, capacity, source, editable }: { period: string; capacity: EnrolmentCapacityView; source: EnrolmentVersionView | null; editable: boolean }) {
  const { t } = useTranslation();
  const lang = useLang();
  const actionData = useActionData<unknown>();
  const posted = isActionErrors(actionData) && "values" in actionData ? ((actionData as EnrolmentErrors).values ?? null) : null;
  const defaults: FormShape = posted ?? { daysOpen: source ? String(source.daysOpen) : "", fullDayAttending: source?.fullDayAttending == null ? "" : String(source.fullDayAttending), note: source?.note ?? "" };
  if (!posted) for (const f of ENROLMENT_COUNT_FIELDS) defaults[f] = source ? String((source as unknown as Record<string, number>)[f] ?? 0) : "";
  const { form, onSubmit } = useZodForm(enrolmentSchema, defaults);
  const f = form as unknown as UseFormReturn<FormShape>;
  const kindergarten = capacity.kindergarten;
  const totalError = isActionErrors(actionData) ? actionData.fieldErrors.fullDayTotal : undefined;
  const server = useServerErrors();
  const daysError = f.formState.errors.daysOpen?.message ?? server.daysOpen;
  const noteError = f.formState.errors.note?.message ?? server.note;
  const kgError = f.formState.errors.kindergartenClassChildren?.message ?? server.kindergartenClassChildren;
  return (
    <Form method="post" className="form" onSubmit={onSubmit} noValidate>
      <input type="hidden" name="intent" value="save" />
      <input type="hidden" name="period" value={period} />
      {totalError ? <Notice kind="error">{fieldMessage(t, totalError)}</Notice> : null}
      {kindergarten ? (
        <div className={`field${kgError ? " field--error" : ""}`}>
          <label htmlFor="field-kindergartenClassChildren">{t("subsidy.enrolment.kindergartenClassChildren")}</label>
          <p id="kg-hint" className="field__hint">
            {t("subsidy.enrolment.kindergartenHint")} {capacity.totalSlots !== null ? t("subsidy.enrolment.totalSlots", { slots: capacity.totalSlots }) : null}
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
          <caption className="visually-hidden">{t("subsidy.enrolment.monthTitle", { month: formatMonth(period, lang) })}</caption>
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
                  <td className="nowrap">{capacity.byType[type] ?? 0}</td>
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
        {kindergarten || capacity.totalSlots === null ? null : ` ${t("subsidy.enrolment.totalSlots", { slots: capacity.totalSlots })}`}
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
