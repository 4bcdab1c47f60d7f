// The finance desk's list of subsidy batches (issue #7): number, jurisdiction, month, status (interrupted,
// provisional values), line counts and total once prepared, and who prepared and approved each.
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useLang } from "../../i18n/use-lang";
import { formatMoney } from "../../utils/format";
import { EmptyState } from "../layout";
import { BatchStatusBadge, formatMonth, nameIn, ProvisionalValuesBadge } from "./pieces";

export type BatchTableRow = {
  id: string;
  number: string;
  nameZh: string;
  nameEn: string;
  period: string;
  status: string;
  interrupted: boolean;
  lineCount: number;
  payableCount: number;
  excludedCount: number;
  totalFen: number;
  provisional: boolean;
  preparedBy: string;
  approvedBy: string | null;
};

export function BatchTable({ batches }: { batches: readonly BatchTableRow[] }) {
  const { t } = useTranslation();
  const lang = useLang();
  if (batches.length === 0) return <EmptyState>{t("batches.list.empty")}</EmptyState>;
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
          {batches.map((b) => (
            <tr key={b.id}>
              <td className="nowrap">
                <Link to={`/finance/batches/${b.id}`} aria-label={t("batches.list.open", { number: b.number })}>
                  {b.number}
                </Link>
              </td>
              <td className="nowrap">{nameIn(b, lang)}</td>
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
