// The finance desk's spend card (issue #7): a year picker, the spend by month and county for that year as a
// chart and as a table (paid plus approved-not-yet-paid, the pending part said under each amount), and totals.
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useLang } from "../../i18n/use-lang";
import { formatMoney } from "../../utils/format";
import { EmptyState } from "../layout";
import { formatMonth, nameIn } from "./pieces";
import { countyColour, SpendChart, type SpendCell } from "./SpendChart";

export function SpendCard({ year, years, yearInvalid, spend }: { year: number; years: readonly number[]; yearInvalid: boolean; spend: readonly SpendCell[] }) {
  const { t } = useTranslation();
  const lang = useLang();
  const counties = [...new Map(spend.map((r) => [r.jurisdictionCode, { code: r.jurisdictionCode, name: nameIn(r, lang) }])).values()].sort((a, b) =>
    a.code.localeCompare(b.code),
  );
  const months = [...new Set(spend.map((r) => r.period))].sort();
  const cell = (period: string, code: string) => spend.find((r) => r.period === period && r.jurisdictionCode === code);
  const sum = (rows: readonly SpendCell[], key: "paidFen" | "approvedFen") => rows.reduce((s, r) => s + r[key], 0);
  const amount = (rows: readonly SpendCell[]) => {
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
          <select id="spend-year" name="year" defaultValue={String(year)} aria-invalid={yearInvalid || undefined}>
            {(years.includes(year) ? years : [year, ...years]).map((y) => (
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
      {yearInvalid ? <p role="alert" className="field__error">{t("batches.yearInvalid")}</p> : null}
      {spend.length === 0 ? (
        <EmptyState>{t("batches.spend.empty", { year })}</EmptyState>
      ) : (
        <>
          <SpendChart year={year} rows={spend} counties={counties} lang={lang} />
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
                    <td className="num">{amount(spend.filter((r) => r.period === p))}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">{t("batches.spend.total")}</th>
                  {counties.map((c) => (
                    <td key={c.code} className="num">
                      {amount(spend.filter((r) => r.jurisdictionCode === c.code))}
                    </td>
                  ))}
                  <td className="num">{amount(spend)}</td>
                </tr>
              </tfoot>
            </table>
          </div>
          <p className="small muted">
            {t("batches.spend.paid", { amount: formatMoney(sum(spend, "paidFen")) })} · {t("batches.spend.approved", { amount: formatMoney(sum(spend, "approvedFen")) })}
          </p>
        </>
      )}
    </section>
  );
}
