// The guided-price caps that bind an operator's facility today, for the service types it offers (all of
// them if it has not said yet), each with the unit it is charged by.
import { useTranslation } from "react-i18next";
import { feeMoney } from "./pieces";

export type CapView = { classType: string; serviceType: string; capFen: number | null };

export function CapTable({ capTable }: { capTable: readonly CapView[] }) {
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby="caps-title">
      <h2 id="caps-title">{t("pricing.fees.capTable")}</h2>
      <div className="table-wrap">
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t("pricing.fees.classType")}</th>
              <th scope="col">{t("pricing.fees.serviceType")}</th>
              <th scope="col">{t("pricing.fees.cap")}</th>
            </tr>
          </thead>
          <tbody>
            {capTable.map((c) => (
              <tr key={`${c.classType}-${c.serviceType}`}>
                <td>{t(`filing.enums.classType.${c.classType}`)}</td>
                <td>{t(`filing.enums.serviceType.${c.serviceType}`)}</td>
                <td className="nowrap">{c.capFen === null ? t("pricing.fees.noCap") : feeMoney(t, c.capFen, c.serviceType)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
