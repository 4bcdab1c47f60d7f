// The administrator's operating-subsidy standards (issue #7 part 1): per county in scope, the standard in
// force today as the rules resolve it — the local official one, or the built-in provisional example value
// (示例值) — the form that enters a standard (or replaces a live one: `?replace=<code>:<date>`), and the
// history of every entry, replaced ones included. The service validates; this route only adapts.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "../../db/client";
import { staffScope } from "../auth/scope.server";
import { requirePermission } from "../auth/session.server";
import { jurisdictionName, ReferenceLink } from "../components/checklist";
import { Field, fieldMessage, Form, isActionErrors, SelectField, SubmitButton, useZodForm } from "../components/forms";
import { EmptyState, Notice, PageHeader } from "../components/layout";
import { StandardValues } from "../components/subsidy-standard";
import { SUBSIDY_PERIOD_RULES } from "../../rules/vocabulary";
import { langFromCookie, titleMeta, type Lang } from "../i18n/i18n";
import { useLang } from "../i18n/use-lang";
import { ValidationError } from "../services/errors";
import { enterStandard, replaceStandard, standardHistory, standardJurisdictions, standardsInForce } from "../services/standards.server";
import { standardSchema } from "../services/subsidy.schemas";
import { formatDate, formatDateTime, todayInShanghai } from "../utils/format";
import { guarded, guardedAction } from "../utils/http.server";
import { localiseFieldErrors } from "../utils/localise-errors";

export const meta = titleMeta("subsidy.standards.title");

const FIELDS = ["jurisdictionCode", "effectiveFrom", "effectiveTo", "perChildMonth", "perChildMonthKindergartenClass", "maxMonthsPerYear", "periodRule", "minAttendanceDays", "referenceDocument", "referenceClause", "referenceUrl"] as const;

function yuan(fen: number | null): string {
  return fen === null ? "" : (fen / 100).toFixed(fen % 100 === 0 ? 0 : 2);
}

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "manage:parameter:jurisdiction");
  const url = new URL(request.url);
  return guarded(async () => {
    const db = await getDb();
    const today = todayInShanghai();
    const [places, inForce, history] = [await standardJurisdictions(db, actor), await standardsInForce(db, actor, today), await standardHistory(db, actor)];
    const [replaceCode, replaceFrom] = (url.searchParams.get("replace") ?? "").split(":");
    const target = history.find((h) => h.live && h.jurisdictionCode === replaceCode && h.effectiveFrom === replaceFrom) ?? null;
    const chosen = url.searchParams.get("jurisdiction") ?? "";
    return {
      today,
      scope: staffScope(actor),
      places,
      inForce,
      history: history.map((h) => ({ ...h, enteredAt: h.enteredAt.toISOString(), supersededAt: h.supersededAt?.toISOString() ?? null })),
      replace: target ? { jurisdictionCode: target.jurisdictionCode, effectiveFrom: target.effectiveFrom } : null,
      defaults: target
        ? {
            jurisdictionCode: target.jurisdictionCode,
            effectiveFrom: target.effectiveFrom,
            effectiveTo: target.effectiveTo ?? "",
            perChildMonth: yuan(target.perChildMonthFen),
            perChildMonthKindergartenClass: yuan(target.perChildMonthKindergartenClassFen),
            maxMonthsPerYear: target.maxMonthsPerYear === null ? "" : String(target.maxMonthsPerYear),
            periodRule: target.periodRule ?? "",
            minAttendanceDays: target.minAttendanceDays === null ? "" : String(target.minAttendanceDays),
            referenceDocument: target.referenceDocument,
            referenceClause: target.referenceClause,
            referenceUrl: target.referenceUrl ?? "",
          }
        : { ...Object.fromEntries(FIELDS.map((f) => [f, ""])), jurisdictionCode: places.some((p) => p.code === chosen) ? chosen : "" },
    };
  });
}

type StandardErrors = { ok: false; fieldErrors: Record<string, string>; formError?: string; values: Record<string, string> };

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "manage:parameter:jurisdiction");
  const form = await request.formData();
  const values: Record<string, string> = {};
  for (const f of FIELDS) values[f] = String(form.get(f) ?? "");
  return guardedAction(async () => {
    const db = await getDb();
    try {
      if (form.get("intent") === "replace") {
        await replaceStandard(db, actor, { jurisdictionCode: String(form.get("replaceJurisdiction") ?? ""), effectiveFrom: String(form.get("replaceFrom") ?? "") }, values);
        return redirect("/admin/standards?flash=replaced");
      }
      await enterStandard(db, actor, values, { endPrevious: form.get("endPrevious") === "on" });
      return redirect("/admin/standards?flash=entered");
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const lang = langFromCookie(request.headers.get("cookie"));
      return data<StandardErrors>({ ok: false, fieldErrors: localiseFieldErrors(error.fieldErrors, lang), formError: error.formError, values }, { status: 400 });
    }
  });
}

// ---- page ----------------------------------------------------------------------------------------

type Data = ReturnType<typeof useLoaderData<typeof loader>>;
type T = (key: string, options?: Record<string, unknown>) => string;

const SOURCE_TONE: Record<string, string> = { local: "ok", provisional: "warn", built_in: "info", none: "muted" };

function period(t: T, lang: Lang, from: string | null, to: string | null): string {
  if (!from) return "—";
  return to ? t("subsidy.standards.fromTo", { from: formatDate(from, lang), to: formatDate(to, lang) }) : t("subsidy.standards.from", { date: formatDate(from, lang) });
}

function StandardForm({ data: d, values }: { data: Data; values: Record<string, string> | null }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { form, onSubmit, formError } = useZodForm(standardSchema, values ?? d.defaults);
  const replacing = d.replace;
  return (
    <section className="card" aria-labelledby="enter-title" id="enter">
      <h2 id="enter-title">{replacing ? t("subsidy.standards.replaceTitle", { date: formatDate(replacing.effectiveFrom, lang) }) : t("subsidy.standards.enterTitle")}</h2>
      <p className="muted small">{replacing ? t("subsidy.standards.replaceIntro") : t("subsidy.standards.scopeNote", { name: jurisdictionName(d.scope, lang) })}</p>
      {formError ? <Notice kind="error">{fieldMessage(t, formError)}</Notice> : null}
      <Form method="post" className="form" onSubmit={onSubmit} noValidate>
        <input type="hidden" name="intent" value={replacing ? "replace" : "enter"} />
        {replacing ? (
          <>
            <input type="hidden" name="replaceJurisdiction" value={replacing.jurisdictionCode} />
            <input type="hidden" name="replaceFrom" value={replacing.effectiveFrom} />
          </>
        ) : null}
        <div className="form-grid form-grid--top">
          <SelectField form={form} name="jurisdictionCode" label={t("subsidy.standards.jurisdiction")} hint={t("subsidy.standards.jurisdictionHint")} options={d.places.map((p) => ({ value: p.code, label: lang === "zh-CN" ? p.nameZh : p.nameEn }))} />
          <Field form={form} name="effectiveFrom" label={t("subsidy.standards.effectiveFrom")} hint={t("subsidy.standards.effectiveFromHint")} type="date" />
          <Field form={form} name="effectiveTo" label={t("subsidy.standards.effectiveTo")} hint={t("subsidy.standards.effectiveToHint")} type="date" />
        </div>
        <div className="form-grid form-grid--top">
          <Field form={form} name="perChildMonth" label={t("subsidy.standards.perChildMonthField")} hint={t("subsidy.standards.perChildMonthHint")} inputMode="decimal" />
          <Field form={form} name="perChildMonthKindergartenClass" label={t("subsidy.standards.kgField")} hint={t("subsidy.standards.kgHint")} inputMode="decimal" />
          <Field form={form} name="maxMonthsPerYear" label={t("subsidy.standards.maxMonthsField")} hint={t("subsidy.standards.maxMonthsHint")} inputMode="numeric" />
        </div>
        <div className="form-grid form-grid--top">
          <SelectField form={form} name="periodRule" label={t("subsidy.standards.periodRuleField")} hint={t("subsidy.standards.periodRuleHint")} options={SUBSIDY_PERIOD_RULES.map((r) => ({ value: r, label: t(`subsidy.standards.periodRules.${r}`) }))} />
          <Field form={form} name="minAttendanceDays" label={t("subsidy.standards.minAttendanceField")} hint={t("subsidy.standards.minAttendanceHint")} inputMode="numeric" />
        </div>
        <div className="form-grid form-grid--top">
          <Field form={form} name="referenceDocument" label={t("subsidy.standards.referenceDocument")} hint={t("subsidy.standards.referenceDocumentHint")} maxLength={200} />
          <Field form={form} name="referenceClause" label={t("subsidy.standards.referenceClause")} hint={t("subsidy.standards.referenceClauseHint")} maxLength={100} />
          <Field form={form} name="referenceUrl" label={t("subsidy.standards.referenceUrl")} hint={t("subsidy.standards.referenceUrlHint")} type="url" />
        </div>
        {replacing ? null : (
          <div className="field">
            <label className="checkbox">
              <input type="checkbox" name="endPrevious" aria-describedby="end-previous-hint" />
              {t("subsidy.standards.endPrevious")}
            </label>
            <p id="end-previous-hint" className="field__hint">
              {t("subsidy.standards.endPreviousHint")}
            </p>
          </div>
        )}
        <p className="row-actions">
          <SubmitButton>{replacing ? t("subsidy.standards.submitReplace") : t("subsidy.standards.submit")}</SubmitButton>
          {replacing ? (
            <Link to="/admin/standards" className="button button--secondary">
              {t("subsidy.standards.cancelReplace")}
            </Link>
          ) : null}
        </p>
      </Form>
    </section>
  );
}

export default function Standards() {
  const { t } = useTranslation();
  const lang = useLang();
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<unknown>();
  const [params] = useSearchParams();
  const values = isActionErrors(actionData) && "values" in actionData ? (actionData as StandardErrors).values : null;
  const flash = actionData ? null : params.get("flash");
  const name = (code: string) => jurisdictionName(code, lang);
  return (
    <>
      <PageHeader
        title={t("subsidy.standards.title")}
        intro={t("subsidy.standards.intro")}
        actions={
          <Link to="/admin" className="button button--secondary">
            {t("admin.users")}
          </Link>
        }
      />
      {flash === "entered" ? <Notice kind="success">{t("subsidy.standards.entered")}</Notice> : null}
      {flash === "replaced" ? <Notice kind="success">{t("subsidy.standards.replaced")}</Notice> : null}

      <section className="card" aria-labelledby="in-force-title">
        <h2 id="in-force-title">{t("subsidy.standards.inForceTitle")}</h2>
        <p className="muted small">{t("subsidy.standards.inForceIntro", { date: formatDate(d.today, lang) })}</p>
        <div className="table-wrap">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t("subsidy.standards.jurisdiction")}</th>
                <th scope="col">{t("subsidy.standards.source")}</th>
                <th scope="col">{t("subsidy.standards.standard")}</th>
                <th scope="col">{t("subsidy.standards.effective")}</th>
                <th scope="col" className="reference-col">
                  {t("subsidy.standards.reference")}
                </th>
                <th scope="col">{t("admin.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {d.inForce.map((s) => (
                <tr key={s.code}>
                  <th scope="row" className="nowrap">
                    {lang === "zh-CN" ? s.nameZh : s.nameEn}
                  </th>
                  <td className="nowrap">
                    <span className={`badge badge--${SOURCE_TONE[s.source] ?? "muted"}`}>{t(`subsidy.standards.sources.${s.source}`)}</span>
                    {s.source === "local" && s.anyProvisional ? <span className="badge badge--warn">{t("subsidy.standards.sources.provisional")}</span> : null}
                  </td>
                  <td>{s.source === "none" ? "—" : <StandardValues rate={s.perChildMonthFen} kg={s.perChildMonthKindergartenClassFen} months={s.maxMonthsPerYear} rule={s.periodRule} attendance={s.minAttendanceDays} />}</td>
                  <td>{period(t, lang, s.effectiveFrom, s.effectiveTo)}</td>
                  <td className="small">{s.reference ? <ReferenceLink reference={s.reference} /> : "—"}</td>
                  <td>
                    {s.source === "local" ? null : (
                      <Link to={`?jurisdiction=${s.code}#enter`} aria-label={t("subsidy.standards.enterFor", { name: lang === "zh-CN" ? s.nameZh : s.nameEn })}>
                        {t("subsidy.standards.enterPublished")}
                      </Link>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <StandardForm key={`${d.replace ? `${d.replace.jurisdictionCode}:${d.replace.effectiveFrom}` : ""}|${d.defaults.jurisdictionCode}`} data={d} values={values} />

      <section className="card" aria-labelledby="history-title">
        <h2 id="history-title">{t("subsidy.standards.history")}</h2>
        <p className="muted small">{t("subsidy.standards.historyIntro")}</p>
        {d.history.length === 0 ? (
          <EmptyState>{t("subsidy.standards.historyEmpty")}</EmptyState>
        ) : (
          <div className="table-wrap">
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{t("subsidy.standards.jurisdiction")}</th>
                  <th scope="col">{t("subsidy.standards.effective")}</th>
                  <th scope="col">{t("subsidy.standards.standard")}</th>
                  <th scope="col" className="reference-col">
                    {t("subsidy.standards.reference")}
                  </th>
                  <th scope="col">{t("subsidy.standards.enteredAt")}</th>
                  <th scope="col">{t("subsidy.standards.status")}</th>
                </tr>
              </thead>
              <tbody>
                {d.history.map((h) => (
                  <tr key={`${h.jurisdictionCode}|${h.effectiveFrom}|${h.enteredAt}`}>
                    <td className="nowrap">{name(h.jurisdictionCode)}</td>
                    <td>{period(t, lang, h.effectiveFrom, h.effectiveTo)}</td>
                    <td>
                      <StandardValues rate={h.perChildMonthFen} kg={h.perChildMonthKindergartenClassFen} months={h.maxMonthsPerYear} rule={h.periodRule} attendance={h.minAttendanceDays} />
                    </td>
                    <td className="small">
                      <ReferenceLink reference={{ document: h.referenceDocument, clause: h.referenceClause, ...(h.referenceUrl ? { url: h.referenceUrl } : {}) }} />
                    </td>
                    <td className="small nowrap">
                      {formatDateTime(h.enteredAt, lang)}
                      <br />
                      <span className="muted">{h.enteredBy}</span>
                    </td>
                    <td className="nowrap">
                      {h.live ? (
                        <>
                          <span className="badge badge--ok">{t("subsidy.standards.live")}</span>
                          <br />
                          <Link to={`?replace=${h.jurisdictionCode}:${h.effectiveFrom}#enter`} className="small" aria-label={t("subsidy.standards.replaceLabel", { name: name(h.jurisdictionCode), date: formatDate(h.effectiveFrom, lang) })}>
                            {t("subsidy.standards.replace")}
                          </Link>
                        </>
                      ) : (
                        <>
                          <span className="badge badge--muted">{t("subsidy.standards.superseded")}</span>
                          {h.supersededAt ? (
                            <>
                              <br />
                              <span className="small muted">{t("subsidy.standards.supersededAt", { date: formatDate(h.supersededAt, lang) })}</span>
                            </>
                          ) : null}
                        </>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
