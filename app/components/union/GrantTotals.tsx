// The union grants within the jurisdiction, by year and by county, each table with its total.
import { useTranslation } from "react-i18next";
import { EmptyState } from "../layout";
import { useLang } from "../../i18n/use-lang";
import type { GrantTotals as GrantTotalsView } from "../../services/union.server";
import { formatMoney } from "../../utils/format";

export function GrantTotals({ totals }: { totals: GrantTotalsView }) {
  const { t } = useTranslation();
  const lang = useLang();
  const placeName = (p: { nameZh: string; nameEn: string }) => (lang === "en" ? p.nameEn : p.nameZh);
  return (
    <section className="card" aria-labelledby="totals-title">
      <h2 id="totals-title">{t("union.totals.title")}</h2>
      <p className="muted">{t("union.totals.intro")}</p>
      {totals.byYear.length === 0 ? (
        <EmptyState>{t("union.totals.none")}</EmptyState>
      ) : (
        <div className="totals-grid" style={{ display: "grid", gridTemplateColumns: "repeat(auto-fit, minmax(300px, 1fr))", gap: "1rem" }}>
          <TotalsTable
            caption={t("union.totals.byYear")}
            head={t("union.totals.year")}
            rows={totals.byYear.map((r) => ({ key: String(r.year), label: t("union.totals.yearValue", { year: r.year }), ...r }))}
            total={totals.total}
          />
          <TotalsTable
            caption={t("union.totals.byCounty")}
            head={t("union.totals.county")}
            rows={totals.byCounty.map((r) => ({ key: r.code, label: placeName(r), ...r }))}
            total={totals.total}
          />
        </div>
      )}
    </section>
  );
}

type TotalsRow = { key: string; label: string; count: number; amountFen: number; matchingFen: number };

function TotalsTable({ caption, head, rows, total }: { caption: string; head: string; rows: TotalsRow[]; total: Omit<TotalsRow, "key" | "label"> }) {
  const { t } = useTranslation();
  return (
    <div className="table-wrap">
      <table className="data-table">
        <caption style={{ textAlign: "left", fontWeight: 600, padding: ".5rem .8rem" }}>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{head}</th>
            <th scope="col">{t("union.totals.count")}</th>
            <th scope="col">{t("union.totals.amount")}</th>
            <th scope="col">{t("union.totals.matching")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <th scope="row" style={{ background: "transparent", fontWeight: 400 }}>
                {r.label}
              </th>
              <td>{r.count}</td>
              <td className="nowrap">{formatMoney(r.amountFen)}</td>
              <td className="nowrap">{formatMoney(r.matchingFen)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr style={{ background: "#f0f4f8" }}>
            <th scope="row">{t("union.totals.total")}</th>
            <td>
              <strong>{total.count}</strong>
            </td>
            <td className="nowrap">
              <strong>{formatMoney(total.amountFen)}</strong>
            </td>
            <td className="nowrap">
              <strong>{formatMoney(total.matchingFen)}</strong>
            </td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
