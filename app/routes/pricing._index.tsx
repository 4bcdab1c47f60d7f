// The price officer's desk: the schedules published within scope (each one's status computed per
// jurisdiction from today: current, superseded, not yet in force) and the form that publishes a new one.
// The form posts plain named fields (a class type × service type grid of caps in yuan) so it works
// without JavaScript; the action turns them into the shared schema's input and the service validates.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useEffect, useState, type InputHTMLAttributes } from "react";
import { useTranslation } from "react-i18next";
import { asc } from "drizzle-orm";
import { getDb } from "../../db/client";
import { jurisdictions } from "../../db/schema";
import { CLASS_TYPES, SERVICE_TYPES } from "../../rules/snapshot";
import { staffScope, withinJurisdiction } from "../auth/scope.server";
import { requirePermission } from "../auth/session.server";
import { jurisdictionName } from "../components/checklist";
import { fieldMessage, isActionErrors, SubmitButton } from "../components/forms";
import { EmptyState, Notice, PageHeader } from "../components/layout";
import { titleMeta, type Lang } from "../i18n/i18n";
import { useLang } from "../i18n/use-lang";
import { ValidationError } from "../services/errors";
import { listSchedules, publishSchedule } from "../services/pricing.server";
import { formatDate, formatMoney, todayInShanghai } from "../utils/format";
import { guarded, guardedAction } from "../utils/http.server";
import { WorkSummary } from "../components/work-summary";
import { workFor } from "../services/work.server";

export const meta = titleMeta("pricing.title");

type ScheduleStatus = "current" | "superseded" | "future";

/** Per jurisdiction: the latest schedule already in force is current, earlier ones superseded, later ones future. */
function statusesOf(
  rows: ReadonlyArray<{
    id: string;
    jurisdictionCode: string;
    effectiveFrom: string;
  }>,
  today: string
): Map<string, ScheduleStatus> {
  const out = new Map<string, ScheduleStatus>();
  const currentOf = new Map<string, string>();
  for (const r of rows) {
    if (r.effectiveFrom > today) continue;
    const best = currentOf.get(r.jurisdictionCode);
    if (best === undefined || r.effectiveFrom > best) currentOf.set(r.jurisdictionCode, r.effectiveFrom);
  }
  for (const r of rows) {
    const current = currentOf.get(r.jurisdictionCode);
    out.set(r.id, r.effectiveFrom > today ? "future" : r.effectiveFrom === current ? "current" : "superseded");
  }
  return out;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "publish:price:jurisdiction");
  return guarded(async () => {
    const db = await getDb();
    const today = todayInShanghai();
    const rows = await listSchedules(db, actor);
    const scope = staffScope(actor);
    const options = await db
      .select({
        code: jurisdictions.code,
        nameZh: jurisdictions.nameZh,
        nameEn: jurisdictions.nameEn,
      })
      .from(jurisdictions)
      .where(withinJurisdiction(jurisdictions.code, scope))
      .orderBy(asc(jurisdictions.path));
    const schedules = rows.map((r) => ({
      id: r.schedule.id,
      jurisdictionCode: r.schedule.jurisdictionCode,
      nameZh: r.nameZh,
      nameEn: r.nameEn,
      effectiveFrom: r.schedule.effectiveFrom,
      mode: r.schedule.mode,
      caps: (
        (r.schedule.caps ?? []) as Array<{
          classType: string;
          serviceType: string;
          capFen: number;
        }>
      ).map((c) => ({
        classType: c.classType,
        serviceType: c.serviceType,
        capFen: c.capFen,
      })),
      referenceMonthlyIncomeFen: r.schedule.referenceMonthlyIncomeFen,
      fullDayShareBp: r.schedule.fullDayShareBp,
      referenceDocument: r.schedule.referenceDocument,
      referenceClause: r.schedule.referenceClause,
      referenceUrl: r.schedule.referenceUrl,
    }));
    const statuses = statusesOf(schedules, today);
    return {
      work: await workFor(db, actor, "price_officer", today),
      today,
      scope,
      jurisdictions: options,
      schedules: schedules.map((s) => ({
        ...s,
        status: statuses.get(s.id) ?? "superseded",
      })),
    };
  });
}

type TextField = "effectiveFrom" | "referenceMonthlyIncome" | "fullDaySharePercent" | "referenceDocument" | "referenceClause" | "referenceUrl";

function capName(classType: string, serviceType: string): string {
  return `cap.${classType}.${serviceType}`;
}

export type PublishErrors = {
  ok: false;
  fieldErrors: Record<string, string>;
  formError?: string;
  values: Record<string, string>;
};

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "publish:price:jurisdiction");
  const form = await request.formData();
  const values: Record<string, string> = {};
  for (const [key, value] of form.entries()) if (typeof value === "string") values[key] = value;
  const text = (name: string) => (values[name] ?? "").trim();
  const mode = text("mode");
  // the grid's filled cells in a fixed order, so an error at caps.<i> points back to its input
  const filled: string[] = [];
  const caps: Array<{
    classType: string;
    serviceType: string;
    capFen: string;
  }> = [];
  for (const classType of CLASS_TYPES) {
    for (const serviceType of SERVICE_TYPES) {
      const raw = text(capName(classType, serviceType));
      if (raw === "") continue;
      filled.push(capName(classType, serviceType));
      caps.push({ classType, serviceType, capFen: raw });
    }
  }
  const input = {
    jurisdictionCode: text("jurisdictionCode"),
    effectiveFrom: text("effectiveFrom"),
    mode,
    // only the chosen method's inputs go to the service: stray values of the other one are ignored
    caps: mode === "caps" ? caps : undefined,
    referenceMonthlyIncome: mode === "formula" ? text("referenceMonthlyIncome") : undefined,
    fullDaySharePercent: mode === "formula" ? text("fullDaySharePercent") : undefined,
    referenceDocument: text("referenceDocument"),
    referenceClause: text("referenceClause"),
    referenceUrl: text("referenceUrl"),
  };
  return guardedAction(async () => {
    const db = await getDb();
    try {
      await publishSchedule(db, actor, input);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const fieldErrors: Record<string, string> = {};
      for (const [key, message] of Object.entries(error.fieldErrors)) {
        const m = /^caps\.(\d+)(\.|$)/.exec(key);
        const cell = m ? filled[Number(m[1])] : undefined;
        fieldErrors[cell ?? key] ??= message;
      }
      return data<PublishErrors>({ ok: false, fieldErrors, formError: error.formError, values }, { status: 400 });
    }
    return redirect("/pricing?flash=published");
  });
}

// ---- page ----------------------------------------------------------------------------------------

type T = (key: string, options?: Record<string, unknown>) => string;
type Schedule = ReturnType<typeof useLoaderData<typeof loader>>["schedules"][number];

const STATUS_TONE: Record<ScheduleStatus, string> = {
  current: "ok",
  future: "info",
  superseded: "muted",
};

function ScheduleInputs({ schedule, t }: { schedule: Schedule; t: T }) {
  if (schedule.mode === "formula") {
    const share = schedule.fullDayShareBp === null ? t("pricing.shareDefault") : `${schedule.fullDayShareBp / 100}%`;
    return (
      <>
        {t("pricing.formulaInputs", {
          income: schedule.referenceMonthlyIncomeFen === null ? "—" : formatMoney(schedule.referenceMonthlyIncomeFen),
          share,
        })}
      </>
    );
  }
  return (
    <ul className="plain-list small">
      {schedule.caps.map((c) => (
        <li key={`${c.classType}-${c.serviceType}`}>
          {t(`filing.enums.classType.${c.classType}`)} · {t(`filing.enums.serviceType.${c.serviceType}`)}：<strong>{formatMoney(c.capFen)}</strong>
        </li>
      ))}
    </ul>
  );
}

function useHydrated(): boolean {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}

function jName(j: { nameZh: string; nameEn: string }, lang: Lang): string {
  return lang === "zh-CN" ? j.nameZh : j.nameEn;
}

export default function PricingHome() {
  const { t } = useTranslation();
  const lang = useLang();
  const { work, scope, jurisdictions: options, schedules } = useLoaderData<typeof loader>();
  const actionData = useActionData<unknown>();
  const errors = isActionErrors(actionData) ? actionData.fieldErrors : {};
  const formError = isActionErrors(actionData) ? actionData.formError : undefined;
  const values: Record<string, string> = isActionErrors(actionData) && "values" in actionData ? (actionData as PublishErrors).values : {};
  const [params] = useSearchParams();
  const hydrated = useHydrated();
  const [mode, setMode] = useState(values.mode ?? "caps");
  // without JavaScript both methods' inputs show (the action reads only the chosen one's)
  const showCaps = !hydrated || mode === "caps";
  const showFormula = !hydrated || mode === "formula";

  const field = (name: TextField, label: string, props: InputHTMLAttributes<HTMLInputElement> = {}, hint?: string) => {
    const error = errors[name];
    const id = `f-${name}`;
    return (
      <div className={`field${error ? " field--error" : ""}`}>
        <label htmlFor={id}>{label}</label>
        {hint ? (
          <p id={`${id}-hint`} className="field__hint">
            {hint}
          </p>
        ) : null}
        <input
          id={id}
          name={name}
          defaultValue={values[name] ?? ""}
          aria-invalid={error ? true : undefined}
          aria-describedby={[hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined}
          {...props}
        />
        {error ? (
          <p id={`${id}-error`} className="field__error" role="alert">
            {fieldMessage(t, error)}
          </p>
        ) : null}
      </div>
    );
  };

  return (
    <>
      <PageHeader title={t("pricing.title")} intro={t("pricing.intro")} />
      {params.get("flash") === "published" && !actionData ? <Notice kind="success">{t("pricing.published")}</Notice> : null}
      <WorkSummary items={work} />
      <section className="card" aria-labelledby="history-title">
        <h2 id="history-title">{t("pricing.history")}</h2>
        {schedules.length === 0 ? (
          <EmptyState>{t("pricing.none")}</EmptyState>
        ) : (
          <div className="table-wrap">
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{t("pricing.jurisdiction")}</th>
                  <th scope="col">{t("pricing.effectiveFrom")}</th>
                  <th scope="col">{t("pricing.status")}</th>
                  <th scope="col">{t("pricing.mode")}</th>
                  <th scope="col">{t("pricing.inputs")}</th>
                  <th scope="col">{t("pricing.reference")}</th>
                </tr>
              </thead>
              <tbody>
                {schedules.map((s) => (
                  <tr key={s.id}>
                    <td className="nowrap">{jName(s, lang)}</td>
                    <td className="nowrap">
                      <time dateTime={s.effectiveFrom}>{formatDate(s.effectiveFrom, lang)}</time>
                    </td>
                    <td className="nowrap">
                      <span className={`badge badge--${STATUS_TONE[s.status]}`}>{t(`pricing.${s.status}`)}</span>
                    </td>
                    <td>{t(`pricing.modes.${s.mode}`)}</td>
                    <td>
                      <ScheduleInputs schedule={s} t={t} />
                    </td>
                    <td className="small">
                      {s.referenceUrl ? (
                        <a href={s.referenceUrl} rel="noreferrer noopener" target="_blank">
                          {s.referenceDocument} {s.referenceClause}
                        </a>
                      ) : (
                        <cite className="reference">
                          {s.referenceDocument} {s.referenceClause}
                        </cite>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className="card" aria-labelledby="publish-title">
        <h2 id="publish-title">{t("pricing.publish")}</h2>
        <p className="muted small">{t("pricing.scopeNote", { name: jurisdictionName(scope, lang) })}</p>
        {formError ? <Notice kind="error">{fieldMessage(t, formError)}</Notice> : null}
        <Form method="post" className="form" noValidate>
          <div className="form-grid">
            <div className={`field${errors.jurisdictionCode ? " field--error" : ""}`}>
              <label htmlFor="f-jurisdictionCode">{t("pricing.jurisdiction")}</label>
              <select id="f-jurisdictionCode" name="jurisdictionCode" defaultValue={values.jurisdictionCode ?? ""} aria-invalid={errors.jurisdictionCode ? true : undefined}>
                <option value="">{t("filing.facility.choose")}</option>
                {options.map((j) => (
                  <option key={j.code} value={j.code}>
                    {jName(j, lang)}
                  </option>
                ))}
              </select>
              {errors.jurisdictionCode ? (
                <p className="field__error" role="alert">
                  {fieldMessage(t, errors.jurisdictionCode)}
                </p>
              ) : null}
            </div>
            {field("effectiveFrom", t("pricing.effectiveFrom"), {
              type: "date",
            })}
            <div className={`field${errors.mode ? " field--error" : ""}`}>
              <label htmlFor="f-mode">{t("pricing.mode")}</label>
              <select id="f-mode" name="mode" defaultValue={values.mode ?? "caps"} onChange={(e) => setMode(e.currentTarget.value)} aria-invalid={errors.mode ? true : undefined}>
                <option value="caps">{t("pricing.modes.caps")}</option>
                <option value="formula">{t("pricing.modes.formula")}</option>
              </select>
              {errors.mode ? (
                <p className="field__error" role="alert">
                  {fieldMessage(t, errors.mode)}
                </p>
              ) : null}
            </div>
          </div>

          {showCaps ? (
            <fieldset className="field">
              <legend>
                {t("pricing.caps")}
                {hydrated ? null : <span className="muted small"> · {t("pricing.modes.caps")}</span>}
              </legend>
              <p className="field__hint">{t("pricing.capHint")}</p>
              {errors.caps ? (
                <p className="field__error" role="alert">
                  {fieldMessage(t, errors.caps)}
                </p>
              ) : null}
              <div className="table-wrap">
                <table className="data-table">
                  <thead>
                    <tr>
                      <th scope="col">{t("pricing.fees.classType")}</th>
                      {SERVICE_TYPES.map((st) => (
                        <th scope="col" key={st}>
                          {t(`filing.enums.serviceType.${st}`)}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {CLASS_TYPES.map((ct) => (
                      <tr key={ct}>
                        <th scope="row">{t(`filing.enums.classType.${ct}`)}</th>
                        {SERVICE_TYPES.map((st) => {
                          const name = capName(ct, st);
                          const error = errors[name];
                          return (
                            <td key={st}>
                              <div className={`field${error ? " field--error" : ""}`}>
                                <label htmlFor={`f-${name}`} className="visually-hidden">
                                  {t("pricing.capsFor", {
                                    classType: t(`filing.enums.classType.${ct}`),
                                    serviceType: t(`filing.enums.serviceType.${st}`),
                                  })}
                                </label>
                                <input id={`f-${name}`} name={name} inputMode="decimal" size={8} defaultValue={values[name] ?? ""} aria-invalid={error ? true : undefined} />
                                {error ? (
                                  <p className="field__error" role="alert">
                                    {fieldMessage(t, error)}
                                  </p>
                                ) : null}
                              </div>
                            </td>
                          );
                        })}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </fieldset>
          ) : null}

          {showFormula ? (
            <fieldset className="field">
              <legend>
                {t("pricing.formula")}
                {hydrated ? null : <span className="muted small"> · {t("pricing.modes.formula")}</span>}
              </legend>
              <div className="form-grid">
                {field("referenceMonthlyIncome", t("pricing.referenceMonthlyIncome"), { inputMode: "decimal" })}
                {field("fullDaySharePercent", t("pricing.fullDaySharePercent"), { inputMode: "decimal" })}
              </div>
            </fieldset>
          ) : null}

          <div className="form-grid">
            {field("referenceDocument", t("pricing.referenceDocument"), {
              maxLength: 200,
            })}
            {field("referenceClause", t("pricing.referenceClause"), {
              maxLength: 100,
            })}
            {field("referenceUrl", t("pricing.referenceUrl"), { type: "url" })}
          </div>
          <SubmitButton>{t("pricing.publish")}</SubmitButton>
        </Form>
      </section>
    </>
  );
}
