// The batch page's lines card (issue #7): tabs for payable / excluded / corrections / all with their counts,
// a search, and a page of lines — facility and receipt, month, kind, the computation, amount, reasons, the
// masked bank account (with a warning when it changed, until paid) and a link to each line's decision.
import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useLang } from "../../i18n/use-lang";
import type { LineFilter } from "../../services/subsidy.server";
import { formatMoney } from "../../utils/format";
import { EmptyState } from "../layout";
import { Pager } from "../pager";
import { formatMonth, KindBadge, reasonText } from "./pieces";

/** A line as the batch page shows it: the account number arrives masked (the whole one stays on the server). */
export type BatchLineRow = {
  id: string;
  facilityId: string;
  facilityName: string;
  receiptNumber: string | null;
  period: string;
  kind: string;
  payable: boolean;
  amountFen: number;
  reasons: readonly string[];
  provisional: boolean;
  children: number | null;
  countedChildren: number | null;
  rateFen: number | null;
  accountName: string | null;
  bankName: string | null;
  accountMasked: string | null;
  bankChanged: boolean;
};

export type BatchLinesPage = { total: number; page: number; hasMore: boolean; items: readonly BatchLineRow[] };

type BatchLinesProps = {
  batch: { id: string; status: string; payableCount: number; excludedCount: number; lineCount: number };
  deltaCount: number;
  filter: LineFilter;
  q: string;
  /** null while the batch is computed */
  lines: BatchLinesPage | null;
};

function query(params: Record<string, string | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) search.set(k, v);
  const s = search.toString();
  return s ? `?${s}` : "";
}

export function BatchLines({ batch, deltaCount, filter, q, lines }: BatchLinesProps) {
  const { t } = useTranslation();
  const lang = useLang();
  if (!lines) return null;
  const counts: Record<LineFilter, number> = { payable: batch.payableCount, excluded: batch.excludedCount, delta: deltaCount, all: batch.lineCount };
  const tabs: LineFilter[] = ["payable", "excluded", "delta", "all"];
  const base = `/finance/batches/${batch.id}`;
  return (
    <section className="card" aria-labelledby="lines-title" id="lines">
      <h2 id="lines-title">{t("batches.lines.title")}</h2>
      <div className="line-filters">
        <nav className="tabs" aria-label={t("batches.lines.tabs")}>
          {tabs.map((f) => (
            <Link key={f} to={`${base}${query({ filter: f === "all" ? null : f, q })}#lines`} className={`tabs__link${filter === f ? " active" : ""}`} aria-current={filter === f ? "page" : undefined}>
              {t(`batches.lines.${f}`, { count: counts[f] })}
            </Link>
          ))}
        </nav>
        <Form method="get" role="search" action={`${base}#lines`}>
          {filter !== "all" ? <input type="hidden" name="filter" value={filter} /> : null}
          <label htmlFor="line-q" className="visually-hidden">
            {t("batches.lines.search")}
          </label>
          <input id="line-q" type="search" name="q" defaultValue={q} placeholder={t("batches.lines.search")} />
          <button type="submit" className="button button--secondary">
            {t("batches.lines.searchButton")}
          </button>
          {q ? <Link to={`${base}${query({ filter: filter === "all" ? null : filter })}#lines`}>{t("batches.lines.clear")}</Link> : null}
        </Form>
      </div>
      {lines.items.length === 0 ? (
        <EmptyState>{t("batches.lines.empty")}</EmptyState>
      ) : (
        <>
          <p className="small muted">{t("batches.lines.count", { count: lines.total })}</p>
          <div className="table-wrap">
            <table className="data-table lines-table">
              <thead>
                <tr>
                  <th scope="col">{t("batches.lines.facility")}</th>
                  <th scope="col">{t("batches.lines.month")}</th>
                  <th scope="col">{t("batches.lines.kind")}</th>
                  <th scope="col">{t("batches.lines.computation")}</th>
                  <th scope="col" className="num">
                    {t("batches.lines.amount")}
                  </th>
                  <th scope="col">{t("batches.lines.reasons")}</th>
                  <th scope="col">{t("batches.lines.bank")}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t("batches.lines.view")}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {lines.items.map((l) => (
                  <tr key={l.id} className={l.payable ? undefined : "row--excluded"}>
                    <td>
                      <Link to={`/operator/facilities/${l.facilityId}/subsidy`} title={t("batches.lines.statement")}>
                        {l.facilityName}
                      </Link>
                      {l.receiptNumber ? (
                        <>
                          <br />
                          <span className="small muted">
                            {t("batches.lines.receipt")} {l.receiptNumber}
                          </span>
                        </>
                      ) : null}
                    </td>
                    <td className="nowrap">{formatMonth(l.period, lang)}</td>
                    <td className="kind">
                      <KindBadge kind={l.kind} amountFen={l.amountFen} />
                      {l.kind === "delta" ? (
                        <>
                          <br />
                          <span className="small muted">{t("batches.lines.corrects", { month: formatMonth(l.period, lang) })}</span>
                        </>
                      ) : null}
                    </td>
                    <td className="small computation">
                      {l.payable && l.children !== null && l.countedChildren !== null && l.rateFen !== null
                        ? t("batches.lines.computed", { children: l.children, counted: l.countedChildren, rate: formatMoney(l.rateFen) })
                        : t("batches.lines.noComputation")}
                      {l.provisional && l.payable ? (
                        <>
                          {" "}
                          <span className="badge badge--warn">{t("batches.lines.provisional")}</span>
                        </>
                      ) : null}
                    </td>
                    <td className="num">{l.payable ? formatMoney(l.amountFen) : "—"}</td>
                    <td className="small">
                      {l.reasons.length ? (
                        <ul className="reason-list">
                          {l.reasons.map((r) => (
                            <li key={r}>{reasonText(t, r)}</li>
                          ))}
                        </ul>
                      ) : (
                        "—"
                      )}
                    </td>
                    <td className="small">
                      {l.accountMasked ? (
                        <>
                          {l.accountName}
                          <br />
                          {l.bankName} <span className="account">{l.accountMasked}</span>
                        </>
                      ) : (
                        <span className="muted">{t("batches.lines.noBank")}</span>
                      )}
                      {/* a warning for whoever is about to pay; once paid, the file holds the account as paid */}
                      {l.bankChanged && batch.status !== "paid" ? (
                        <>
                          <br />
                          <span className="badge badge--warn">
                            <span aria-hidden="true">! </span>
                            {t("batches.lines.bankChanged")}
                          </span>
                        </>
                      ) : null}
                    </td>
                    <td className="nowrap">
                      <Link to={`/finance/batches/${batch.id}/lines/${l.id}`} aria-label={t("batches.lines.viewLine", { facility: l.facilityName })}>
                        {t("batches.lines.view")}
                      </Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager page={lines.page} hasMore={lines.hasMore} />
        </>
      )}
    </section>
  );
}
