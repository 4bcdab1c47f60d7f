// /operator/facilities/$facilityId/subsidy — the facility's operating subsidy statement (issue #7): each
// month of an approved or paid batch with its kind (original, top-up, recovery), amount, how it was
// computed (children counted against the slots × the rate), the clause (B§7 and the county standard the
// rate came from), the batch, its status, the payment date and reference; totals paid and approved but
// not yet paid. The facility's operator sees it; so do reviewers and finance officers in scope.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "../../db/client";
import { can } from "../auth/permissions";
import { requireUser } from "../auth/session.server";
import { BatchStatusBadge, batchesLinks, formatMonth, KindBadge, reasonText } from "../components/batches/pieces";
import { ReferenceLink, referenceText } from "../components/checklist";
import { FacilityNav } from "../components/facility-nav";
import { EmptyState, PageHeader } from "../components/layout";
import { titleMeta } from "../i18n/i18n";
import { useLang } from "../i18n/use-lang";
import { lineExplanations, subsidyLegalBasis } from "../services/batch-pages.server";
import { facilityStatement } from "../services/subsidy.server";
import { formatDate, formatMoney } from "../utils/format";
import { guarded } from "../utils/http.server";

export const links = batchesLinks;
export const meta = titleMeta("batches.statement.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireUser(request);
  return guarded(async () => {
    const db = await getDb();
    // the operator of the facility, or a reviewer / finance officer in scope (checked by the service)
    const { facility, lines, paidFen, approvedFen } = await facilityStatement(db, actor, params.facilityId ?? "");
    const explained = await lineExplanations(
      db,
      lines.map((l) => l.id),
    );
    return {
      facility: { id: facility.id, name: facility.name, receiptNumber: facility.receiptNumber },
      isOwner: can(actor.roles, "view:facility:own") && actor.organisationId === facility.organisationId,
      lines: lines.map((l) => ({
        ...l,
        rateReference: explained[l.id]?.rateReference ?? null,
        slotsSource: explained[l.id]?.slotsSource ?? null,
        entitledFen: explained[l.id]?.entitledFen ?? l.amountFen,
      })),
      paidFen,
      approvedFen,
      legalBasis: [...subsidyLegalBasis()],
    };
  });
}

export default function SubsidyStatement() {
  const { t } = useTranslation();
  const lang = useLang();
  const { facility, isOwner, lines, paidFen, approvedFen, legalBasis } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader title={t("batches.statement.title")} intro={`${facility.name}${facility.receiptNumber ? ` · ${facility.receiptNumber}` : ""}`} />
      {isOwner ? <FacilityNav facilityId={facility.id} /> : null}
      <p className="muted">{t("batches.statement.intro")}</p>
      <div className="stat-row">
        <p className="stat">
          <strong>{formatMoney(paidFen)}</strong>
          {t("batches.statement.paidTotal")}
        </p>
        <p className="stat">
          <strong>{formatMoney(approvedFen)}</strong>
          {t("batches.statement.approvedTotal")}
        </p>
      </div>
      {lines.length === 0 ? (
        <EmptyState>{t("batches.statement.empty")}</EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t("batches.statement.month")}</th>
                <th scope="col">{t("batches.statement.kind")}</th>
                <th scope="col" className="num">
                  {t("batches.statement.amount")}
                </th>
                <th scope="col">{t("batches.statement.computation")}</th>
                <th scope="col">{t("batches.statement.clause")}</th>
                <th scope="col">{t("batches.statement.batch")}</th>
                <th scope="col">{t("batches.statement.status")}</th>
                <th scope="col">{t("batches.statement.paidOn")}</th>
                <th scope="col">{t("batches.statement.paymentReference")}</th>
              </tr>
            </thead>
            <tbody>
              {lines.map((l) => (
                <tr key={l.id} className={l.payable ? undefined : "row--excluded"}>
                  <th scope="row" className="nowrap">
                    {formatMonth(l.period, lang)}
                  </th>
                  <td>
                    <KindBadge kind={l.kind} amountFen={l.amountFen} />
                    {l.kind === "delta" ? (
                      <>
                        <br />
                        <span className="small muted">{t("batches.statement.correction", { month: formatMonth(l.period, lang) })}</span>
                      </>
                    ) : null}
                  </td>
                  <td className="num">
                    <strong>{formatMoney(l.payable ? l.amountFen : 0)}</strong>
                  </td>
                  <td className="small">
                    {l.payable && l.children !== null && l.countedChildren !== null && l.rateFen !== null ? (
                      t("batches.statement.computed", {
                        children: l.children,
                        slots: l.slots ?? "—",
                        source: t(`batches.line.${l.slotsSource === "certifiedSlots" ? "certifiedSlots" : "totalSlots"}`),
                        counted: l.countedChildren,
                        rate: formatMoney(l.rateFen),
                      })
                    ) : null}
                    {l.kind === "delta" ? (
                      <>
                        <br />
                        {t("batches.statement.deltaOf", { entitled: formatMoney(l.entitledFen), settled: formatMoney(l.entitledFen - l.amountFen) })}
                      </>
                    ) : null}
                    {(!l.payable || l.kind === "delta") && l.reasons.length ? (
                      t("batches.statement.excluded", { reasons: l.reasons.map((r) => reasonText(t, r)).join(lang === "zh-CN" ? "；" : "; ") })
                    ) : null}
                  </td>
                  <td className="small clause">
                    {legalBasis.map((r) => (
                      <div key={referenceText(r)}>
                        <ReferenceLink reference={r} />
                      </div>
                    ))}
                    {l.rateReference ? (
                      <div>
                        <ReferenceLink reference={l.rateReference} />
                      </div>
                    ) : null}
                  </td>
                  <td className="nowrap small">{l.batchNumber}</td>
                  <td className="nowrap">
                    <BatchStatusBadge status={l.batchStatus} />
                  </td>
                  <td className="nowrap small">{l.paidOn ? formatDate(l.paidOn, lang) : <span className="muted">{t("batches.statement.notPaid")}</span>}</td>
                  <td className="small">{l.paymentReference ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {!isOwner ? (
        <p>
          <Link to="/finance">← {t("batches.batch.back")}</Link>
        </p>
      ) : null}
    </>
  );
}
