// /finance — the operating subsidy desk for finance officers and reviewers in scope (issue #7): the
// batches (status, counts, totals, provisional badge, who prepared and approved), spend by month and
// county for a year (SVG chart + table), and for reviewers the form that prepares a batch. Preparing
// starts the computation in the background and opens the batch page, which shows its progress.
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "../../db/client";
import { can } from "../auth/permissions";
import { requireUser } from "../auth/session.server";
import {
  BatchStatusBadge,
  batchesLinks,
  countyColour,
  formatMonth,
  ProvisionalValuesBadge,
  SpendChart,
} from "../components/batches";
import { jurisdictionName } from "../components/checklist";
import { Field, fieldMessage, SelectField, SubmitButton, useZodForm } from "../components/forms";
import { EmptyState, Notice, PageHeader } from "../components/layout";
import { titleMeta, type Lang } from "../i18n/i18n";
import { useLang } from "../i18n/use-lang";
import { isInterrupted, preparableJurisdictions, startPreparation, userNames } from "../services/batch-pages.server";
import { prepareSchema } from "../services/batches.schemas";
import { listBatches, spendByMonthAndCounty } from "../services/subsidy.server";
import { clockNow, formatMoney, todayInShanghai } from "../utils/format";
import { guarded, guardedAction } from "../utils/http.server";
import { WorkSummary } from "../components/work-summary";
import { workFor } from "../services/work.server";

export const links = batchesLinks;
export const meta = titleMeta("batches.title");

function previousMonth(today: string): string {
  const [y, m] = today.split("-").map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, "0")}`;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireUser(request);
  return guarded(async () => {
    const db = await getDb();
    const today = todayInShanghai();
    const thisYear = Number(today.slice(0, 4));
    const raw = new URL(request.url).searchParams.get("year") ?? "";
    const asked = Number(raw);
    const yearInvalid = raw !== "" && !(Number.isInteger(asked) && asked >= 2000 && asked <= 2100);
    const year = raw === "" || yearInvalid ? thisYear : asked;
    // refuses (403) anyone who may not see subsidy batches
    const rows = await listBatches(db, actor);
    const spend = await spendByMonthAndCounty(db, actor, year);
    const names = await userNames(
      db,
      rows.flatMap((r) => [r.batch.preparedBy, r.batch.approvedBy]),
    );
    const now = clockNow().getTime();
    const work = actor.roles.includes("finance_officer") ? await workFor(db, actor, "finance_officer", today) : null;
    return {
      work,
      scope: actor.jurisdictionCode,
      year,
      yearInvalid,
      years: Array.from({ length: 6 }, (_, i) => thisYear - i),
      canPrepare: can(actor.roles, "prepare:batch:jurisdiction"),
      isFinance: can(actor.roles, "approve:batch:jurisdiction"),
      defaultPeriod: previousMonth(today),
      jurisdictions: await preparableJurisdictions(db, actor),
      batches: rows.map(({ batch, nameZh, nameEn }) => ({
        id: batch.id,
        number: batch.number,
        nameZh,
        nameEn,
        period: batch.period,
        status: batch.status,
        interrupted: isInterrupted(batch, now),
        lineCount: batch.lineCount,
        payableCount: batch.payableCount,
        excludedCount: batch.excludedCount,
        totalFen: batch.totalFen,
        provisional: batch.provisional,
        preparedBy: names[batch.preparedBy] ?? batch.preparedBy,
        approvedBy: batch.approvedBy ? (names[batch.approvedBy] ?? batch.approvedBy) : null,
      })),
      spend,
    };
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireUser(request);
  const form = await request.formData();
  const input = { jurisdictionCode: String(form.get("jurisdictionCode") ?? ""), period: String(form.get("period") ?? "") };
  return guardedAction(async () => {
    const { batchId } = await startPreparation(await getDb(), actor, input);
    return redirect(`/finance/batches/${batchId}?flash=started`);
  });
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>;

function jName(j: { nameZh: string; nameEn: string }, lang: Lang): string {
  return lang === "zh-CN" ? j.nameZh : j.nameEn;
}

function PrepareForm({ data }: { data: Data }) {
  const { t } = useTranslation();
  const lang = useLang();
  const only = data.jurisdictions.length === 1 ? data.jurisdictions[0]?.code : undefined;
  const { form, onSubmit, formError } = useZodForm(prepareSchema, { jurisdictionCode: only ?? "", period: data.defaultPeriod });
  return (
    <section className="card" aria-labelledby="prepare-title">
      <h2 id="prepare-title">{t("batches.prepare.title")}</h2>
      <p className="muted small">{t("batches.prepare.intro")}</p>
      {formError ? <Notice kind="error">{fieldMessage(t, formError)}</Notice> : null}
      <Form method="post" className="form" noValidate onSubmit={onSubmit}>
        <div className="form-grid">
          <SelectField
            form={form}
            name="jurisdictionCode"
            label={t("batches.prepare.jurisdiction")}
            hint={t("batches.prepare.jurisdictionHint")}
            options={data.jurisdictions.map((j) => ({ value: j.code, label: jName(j, lang) }))}
          />
          <Field form={form} name="period" type="month" label={t("batches.prepare.period")} hint={t("batches.prepare.periodHint")} max={data.defaultPeriod} />
        </div>
        <div>
          <SubmitButton intent="prepare">{t("batches.prepare.submit")}</SubmitButton>
        </div>
      </Form>
    </section>
  );
}

function BatchList({ data }: { data: Data }) {
  const { t } = useTranslation();
  const lang = useLang();
  if (data.batches.length === 0) return <EmptyState>{t("batches.list.empty")}</EmptyState>;
  return (
    <div className="table-wrap">
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">{t("batches.list.number")}</th>
            <th scope="col">{t("batches.list.jurisdiction")}</th>
            <th scope="col">{t("batches.list.month")}</th>
            <th scope="col">{t("batches.list.status")}</th>
            <th scope="col" className="num">
              {t("batches.list.lines")}
            </th>
            <th scope="col" className="num">
              {t("batches.list.payable")}
            </th>
            <th scope="col" className="num">
              {t("batches.list.excluded")}
            </th>
            <th scope="col" className="num">
              {t("batches.list.total")}
            </th>
            <th scope="col">{t("batches.list.people")}</th>
          </tr>
        </thead>
        <tbody>
          {data.batches.map((b) => (
            <tr key={b.id}>
              <td className="nowrap">
                <Link to={`/finance/batches/${b.id}`} aria-label={t("batches.list.open", { number: b.number })}>
                  {b.number}
                </Link>
              </td>
              <td className="nowrap">{jName(b, lang)}</td>
              <td className="nowrap">{formatMonth(b.period, lang)}</td>
              <td>
                <BatchStatusBadge status={b.status} interrupted={b.interrupted} />
                {b.provisional && b.status === "prepared" ? <ProvisionalValuesBadge /> : null}
              </td>
              <td className="num">{b.status === "preparing" ? "—" : b.lineCount}</td>
              <td className="num">{b.status === "preparing" ? "—" : b.payableCount}</td>
              <td className="num">{b.status === "preparing" ? "—" : b.excludedCount}</td>
              <td className="num">{b.status === "preparing" ? "—" : formatMoney(b.totalFen)}</td>
              <td className="small">
                {t("batches.list.preparedBy", { name: b.preparedBy })}
                {b.approvedBy ? (
                  <>
                    <br />
                    {t("batches.list.approvedBy", { name: b.approvedBy })}
                  </>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Spend({ data }: { data: Data }) {
  const { t } = useTranslation();
  const lang = useLang();
  const counties = [...new Map(data.spend.map((r) => [r.jurisdictionCode, { code: r.jurisdictionCode, name: jName(r, lang) }])).values()].sort((a, b) =>
    a.code.localeCompare(b.code),
  );
  const months = [...new Set(data.spend.map((r) => r.period))].sort();
  const cell = (period: string, code: string) => data.spend.find((r) => r.period === period && r.jurisdictionCode === code);
  const sum = (rows: typeof data.spend, key: "paidFen" | "approvedFen") => rows.reduce((s, r) => s + r[key], 0);
  const amount = (rows: typeof data.spend) => {
    const approved = sum(rows, "approvedFen");
    return (
      <>
        {formatMoney(sum(rows, "paidFen") + approved)}
        {approved > 0 ? (
          <>
            <br />
            <span className="small muted">{t("batches.spend.pending", { amount: formatMoney(approved) })}</span>
          </>
        ) : null}
      </>
    );
  };
  return (
    <section className="card" aria-labelledby="spend-title">
      <h2 id="spend-title">{t("batches.spend.title")}</h2>
      <p className="muted small">{t("batches.spend.intro")}</p>
      <Form method="get" className="toolbar">
        <div className="field">
          <label htmlFor="spend-year">{t("batches.spend.year")}</label>
          <select id="spend-year" name="year" defaultValue={String(data.year)} aria-invalid={data.yearInvalid || undefined}>
            {(data.years.includes(data.year) ? data.years : [data.year, ...data.years]).map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button button--secondary">
          {t("batches.spend.show")}
        </button>
      </Form>
      {data.yearInvalid ? <p role="alert" className="field__error">{t("batches.yearInvalid")}</p> : null}
      {data.spend.length === 0 ? (
        <EmptyState>{t("batches.spend.empty", { year: data.year })}</EmptyState>
      ) : (
        <>
          <SpendChart year={data.year} rows={data.spend} counties={counties} lang={lang} />
          <h3 id="spend-table-title">{t("batches.spend.tableTitle")}</h3>
          <div className="table-wrap">
            <table className="data-table" aria-labelledby="spend-table-title">
              <thead>
                <tr>
                  <th scope="col">{t("batches.spend.month")}</th>
                  {counties.map((c, i) => (
                    <th scope="col" key={c.code} className="num">
                      <span className="spend-chart__swatch" style={{ background: countyColour(i) }} aria-hidden="true" /> {c.name}
                    </th>
                  ))}
                  <th scope="col" className="num">
                    {t("batches.spend.total")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {months.map((p) => (
                  <tr key={p}>
                    <th scope="row">{formatMonth(p, lang)}</th>
                    {counties.map((c) => {
                      const r = cell(p, c.code);
                      return (
                        <td key={c.code} className="num">
                          {r ? amount([r]) : "—"}
                        </td>
                      );
                    })}
                    <td className="num">{amount(data.spend.filter((r) => r.period === p))}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">{t("batches.spend.total")}</th>
                  {counties.map((c) => (
                    <td key={c.code} className="num">
                      {amount(data.spend.filter((r) => r.jurisdictionCode === c.code))}
                    </td>
                  ))}
                  <td className="num">{amount(data.spend)}</td>
                </tr>
              </tfoot>
            </table>
          </div>
          <p className="small muted">
            {t("batches.spend.paid", { amount: formatMoney(sum(data.spend, "paidFen")) })} · {t("batches.spend.approved", { amount: formatMoney(sum(data.spend, "approvedFen")) })}
          </p>
        </>
      )}
    </section>
  );
}

export default function FinanceHome() {
  const { t } = useTranslation();
  const lang = useLang();
  const data = useLoaderData<typeof loader>();
  return (
    <>
      {/* a finance officer's home (the site's navigation names it so); a reviewer's way to the batches */}
      <PageHeader title={data.isFinance ? t("home.finance_officer.title") : t("batches.title")} intro={data.isFinance ? t("batches.intro") : t("batches.introReviewer")} />
      {data.scope ? <p className="muted">{t("home.scope", { name: jurisdictionName(data.scope, lang) })}</p> : null}
      {data.canPrepare ? <PrepareForm data={data} /> : null}
      {data.work ? <WorkSummary items={data.work} /> : null}
      <section className="card" aria-labelledby="batches-title">
        <h2 id="batches-title">{t("batches.list.title")}</h2>
        <BatchList data={data} />
      </section>
      <Spend data={data} />
    </>
  );
}
