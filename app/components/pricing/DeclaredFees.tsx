// The operator's declared fees (收费公示): basic fees per class type × service type next to the cap that binds
// the facility today (over the cap is marked), then voluntary other fees; each removable while the filing
// is not cancelled.
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useLang } from "../../i18n/use-lang";
import { formatDate, formatMoney } from "../../utils/format";
import { EmptyState, Notice } from "../layout";
import { feeMoney } from "./pieces";

export type BasicFeeView = { id: string; classType: string | null; serviceType: string | null; amountFen: number; capFen: number | null };
export type OtherFeeView = { id: string; name: string | null; amountFen: number };

function RemoveFeeButton({ id, item }: { id: string; item: string }) {
  const { t } = useTranslation();
  return (
    <Form method="post">
      <input type="hidden" name="intent" value="remove" />
      <input type="hidden" name="feeId" value={id} />
      <button type="submit" className="button button--secondary" aria-label={t("pricing.fees.removeLabel", { item })}>
        {t("pricing.fees.remove")}
      </button>
    </Form>
  );
}

export function DeclaredFees({ today, inclusive, basic, other, editable }: { today: string; inclusive: boolean; basic: readonly BasicFeeView[]; other: readonly OtherFeeView[]; editable: boolean }) {
  const { t } = useTranslation();
  const lang = useLang();
  const money = (fen: number, serviceType?: string | null) => feeMoney(t, fen, serviceType);
  return (
    <section className="card" aria-labelledby="fees-title">
      <h2 id="fees-title">{t("pricing.fees.title")}</h2>
      <p className="muted">{t("pricing.fees.intro")}</p>
      <Notice>{inclusive ? t("pricing.fees.inclusiveNote") : t("pricing.fees.notInclusiveNote")}</Notice>
      <h3>{t("pricing.fees.basic")}</h3>
      {basic.length === 0 ? (
        <EmptyState>{t("pricing.fees.none")}</EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t("pricing.fees.classType")}</th>
                <th scope="col">{t("pricing.fees.serviceType")}</th>
                <th scope="col">{t("pricing.fees.amount")}</th>
                <th scope="col">{t("pricing.fees.cap")}</th>
                <th scope="col">{t("pricing.fees.status")}</th>
                {editable ? <th scope="col">{t("admin.actions")}</th> : null}
              </tr>
            </thead>
            <tbody>
              {basic.map((f) => {
                const over = f.capFen !== null && f.amountFen > f.capFen;
                const item = `${t(`filing.enums.classType.${f.classType ?? ""}`)} · ${t(`filing.enums.serviceType.${f.serviceType ?? ""}`)}`;
                return (
                  <tr key={f.id} className={over ? "overdue" : undefined}>
                    <td>{t(`filing.enums.classType.${f.classType ?? ""}`)}</td>
                    <td className="nowrap">{t(`filing.enums.serviceType.${f.serviceType ?? ""}`)}</td>
                    <td className="nowrap">
                      <strong>{money(f.amountFen, f.serviceType)}</strong>
                    </td>
                    <td className="nowrap">{f.capFen === null ? t("pricing.fees.noCap") : money(f.capFen, f.serviceType)}</td>
                    <td className="nowrap">
                      {over ? (
                        <span className="badge badge--err">
                          <span aria-hidden="true">✗ </span>
                          {t("pricing.fees.over")}
                        </span>
                      ) : (
                        <span className="badge badge--ok">
                          <span aria-hidden="true">✓ </span>
                          {f.capFen === null ? t("pricing.fees.noCap") : t("pricing.fees.compliant")}
                        </span>
                      )}
                    </td>
                    {editable ? (
                      <td>
                        <RemoveFeeButton id={f.id} item={item} />
                      </td>
                    ) : null}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <p className="small muted">{t("pricing.fees.capsAsOf", { date: formatDate(today, lang) })}</p>
      <h3>{t("pricing.fees.other")}</h3>
      {other.length === 0 ? (
        <EmptyState>{t("pricing.fees.none")}</EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t("pricing.fees.name")}</th>
                <th scope="col">{t("pricing.fees.amount")}</th>
                {editable ? <th scope="col">{t("admin.actions")}</th> : null}
              </tr>
            </thead>
            <tbody>
              {other.map((f) => (
                <tr key={f.id}>
                  <td>{f.name}</td>
                  <td className="nowrap">
                    <strong>{formatMoney(f.amountFen)}</strong>
                  </td>
                  {editable ? (
                    <td>
                      <RemoveFeeButton id={f.id} item={f.name ?? ""} />
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="small muted">{t("pricing.fees.publicNote")}</p>
    </section>
  );
}
