// /finance/batches/$batchId/summary — the printable summary of a batch (issue #7) to file with the payment
// voucher: batch number, county, month, totals, counts by exclusion reason, who prepared, approved and
// paid it, the legal basis and versions, and lines for the signatures. Print CSS (public/batches.css)
// hides the site's navigation and the toolbar.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "../../db/client";
import { requireUser } from "../auth/session.server";
import { BatchStatusBadge, batchesLinks, formatMonth, reasonText } from "../components/batches/pieces";
import { ReferenceLink, referenceText } from "../components/checklist";
import { titleMeta } from "../i18n/i18n";
import { useLang } from "../i18n/use-lang";
import { isInterrupted, subsidyLegalBasis, userNames } from "../services/batch-pages.server";
import { batchDetail } from "../services/subsidy.server";
import { formatDate, formatDateTime, formatMoney } from "../utils/format";
import { guarded } from "../utils/http.server";

export const links = batchesLinks;
export const meta = titleMeta("batches.summary.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireUser(request);
  return guarded(async () => {
    const db = await getDb();
    const detail = await batchDetail(db, actor, params.batchId ?? "");
    const { batch } = detail;
    const names = await userNames(db, [batch.preparedBy, batch.approvedBy, batch.paidBy]);
    const name = (id: string | null) => (id ? (names[id] ?? id) : null);
    return {
      printedAt: new Date(),
      batch: {
        id: batch.id,
        number: batch.number,
        period: batch.period,
        status: batch.status,
        interrupted: isInterrupted(batch),
        lineCount: batch.lineCount,
        payableCount: batch.payableCount,
        excludedCount: batch.excludedCount,
        totalFen: batch.totalFen,
        rulesVersion: batch.rulesVersion,
        localParametersVersion: batch.localParametersVersion,
        preparedBy: name(batch.preparedBy),
        preparedAt: batch.preparedAt,
        approvedBy: name(batch.approvedBy),
        approvedAt: batch.approvedAt,
        paidBy: name(batch.paidBy),
        paidAt: batch.paidAt,
        paidOn: batch.paidOn,
        paymentReference: batch.paymentReference,
      },
      jurisdiction: detail.jurisdiction,
      deltas: detail.deltas,
      reasons: detail.reasons,
      legalBasis: [...subsidyLegalBasis()],
    };
  });
}

export default function BatchSummary() {
  const { t } = useTranslation();
  const lang = useLang();
  const { batch: b, jurisdiction, deltas, reasons, legalBasis, printedAt } = useLoaderData<typeof loader>();
  const county = lang === "zh-CN" ? jurisdiction.nameZh : jurisdiction.nameEn;
  const when = (at: Date | string | null) => (at ? formatDateTime(at, lang) : "—");
  return (
    <>
      <div className="summary-toolbar no-print">
        <Link to={`/finance/batches/${b.id}`}>← {t("batches.summary.back")}</Link>
        <button type="button" className="button" onClick={() => window.print()}>
          {t("batches.summary.print")}
        </button>
      </div>
      <article className="summary-sheet" aria-labelledby="summary-title">
        <h1 id="summary-title">{t("batches.summary.heading")}</h1>
        <p className="summary-sheet__sub">
          {county} · {formatMonth(b.period, lang)} · {b.number}
        </p>
        <table className="data-table">
          <tbody>
            <tr>
              <th scope="row">{t("batches.summary.batch")}</th>
              <td>{b.number}</td>
              <th scope="row">{t("batches.summary.status")}</th>
              <td>
                <BatchStatusBadge status={b.status} interrupted={b.interrupted} />
              </td>
            </tr>
            <tr>
              <th scope="row">{t("batches.summary.jurisdiction")}</th>
              <td>{county}</td>
              <th scope="row">{t("batches.summary.month")}</th>
              <td>{formatMonth(b.period, lang)}</td>
            </tr>
            <tr>
              <th scope="row">{t("batches.summary.lines")}</th>
              <td className="num">{b.lineCount}</td>
              <th scope="row">{t("batches.summary.payable")}</th>
              <td className="num">{b.payableCount}</td>
            </tr>
            <tr>
              <th scope="row">{t("batches.summary.excluded")}</th>
              <td className="num">{b.excludedCount}</td>
              <th scope="row">{t("batches.summary.total")}</th>
              <td className="num">
                <strong>{formatMoney(b.totalFen)}</strong>
              </td>
            </tr>
            <tr>
              <th scope="row">{t("batches.summary.topUps")}</th>
              <td className="num">{formatMoney(deltas.topUpFen)}</td>
              <th scope="row">{t("batches.summary.recoveries")}</th>
              <td className="num">{formatMoney(deltas.recoveryFen)}</td>
            </tr>
          </tbody>
        </table>

        <h2>{t("batches.summary.reasons")}</h2>
        {reasons.length === 0 ? (
          <p>{t("batches.reasons.none")}</p>
        ) : (
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t("batches.summary.reason")}</th>
                <th scope="col" className="num">
                  {t("batches.summary.count")}
                </th>
              </tr>
            </thead>
            <tbody>
              {reasons.map((r) => (
                <tr key={r.reason}>
                  <td>{reasonText(t, r.reason)}</td>
                  <td className="num">{r.count}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}

        <h2>{t("batches.summary.people")}</h2>
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t("batches.summary.role")}</th>
              <th scope="col">{t("batches.summary.person")}</th>
              <th scope="col">{t("batches.summary.time")}</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">{t("batches.summary.prepared")}</th>
              <td>{b.preparedBy ?? "—"}</td>
              <td>{when(b.preparedAt)}</td>
            </tr>
            <tr>
              <th scope="row">{t("batches.summary.approved")}</th>
              <td>{b.approvedBy ?? "—"}</td>
              <td>{when(b.approvedAt)}</td>
            </tr>
            <tr>
              <th scope="row">{t("batches.summary.paid")}</th>
              <td>
                {b.paidBy ?? "—"}
                {b.paymentReference ? (
                  <>
                    <br />
                    <span className="small">
                      {t("batches.batch.paymentReference")} {b.paymentReference}
                      {b.paidOn ? ` · ${t("batches.batch.paidOn")} ${formatDate(b.paidOn, lang)}` : null}
                    </span>
                  </>
                ) : null}
              </td>
              <td>{when(b.paidAt)}</td>
            </tr>
          </tbody>
        </table>

        <h2>{t("batches.summary.basis")}</h2>
        <ul className="plain-list">
          {legalBasis.map((r) => (
            <li key={referenceText(r)}>
              <ReferenceLink reference={r} />
            </li>
          ))}
        </ul>
        <p className="small muted">
          {t("batches.summary.versions", { rules: b.rulesVersion?.slice(0, 12) ?? "—", local: b.localParametersVersion?.slice(0, 12) ?? "—" })}
        </p>

        <h2>{t("batches.summary.signatures")}</h2>
        <div className="signatures">
          {(["signPreparer", "signApprover", "signPayer"] as const).map((k) => (
            <div key={k} className="signatures__block">
              <p className="signature">
                <span>{t(`batches.summary.${k}`)}</span>
                <span className="signature__line" />
              </p>
              <p className="signature">
                <span>{t("batches.summary.signDate")}</span>
                <span className="signature__line" />
              </p>
            </div>
          ))}
        </div>
        <p className="small muted">{t("batches.summary.printedOn", { time: formatDateTime(printedAt, lang) })}</p>
      </article>
    </>
  );
}
