// The batch page's totals and facts card (issue #7): payable and excluded lines, the total, the corrections
// (top-ups and recoveries), the status, the rules and local parameter versions, and who prepared, approved
// and paid the batch (with the payment reference and date).
import { useTranslation } from "react-i18next";
import { useLang } from "../../i18n/use-lang";
import { formatDate, formatDateTime, formatMoney } from "../../utils/format";
import { BatchStatusBadge, colon, ProvisionalValuesBadge } from "./pieces";

export type BatchFactsView = {
  status: string;
  interrupted: boolean;
  provisional: boolean;
  payableCount: number;
  excludedCount: number;
  totalFen: number;
  rulesVersion: string | null;
  localParametersVersion: string | null;
  preparedBy: string | null;
  preparedAt: Date | string | null;
  approvedBy: string | null;
  approvedAt: Date | string | null;
  paidBy: string | null;
  paidOn: string | null;
  paymentReference: string | null;
};

/** The corrections in a batch: how many lines, and the amounts topped up and recovered (fen). */
export type BatchDeltas = { count: number; topUpFen: number; recoveryFen: number };

function shortVersion(v: string | null): string | null {
  return v ? v.slice(0, 12) : null;
}

export function BatchFacts({ batch: b, deltas }: { batch: BatchFactsView; deltas: BatchDeltas }) {
  const { t } = useTranslation();
  const lang = useLang();
  const person = (name: string | null, at: Date | string | null) => (name ? (at ? t("batches.batch.at", { name, time: formatDateTime(at, lang) }) : name) : t("batches.batch.notYet"));
  return (
    <section className="card" aria-labelledby="totals-title">
      <h2 id="totals-title" className="visually-hidden">
        {t("batches.batch.totalAmount")}
      </h2>
      {b.status !== "preparing" ? (
        <div className="stat-row">
          <p className="stat">
            <strong>{b.payableCount}</strong>
            {t("batches.batch.payableLines")}
          </p>
          <p className="stat">
            <strong>{formatMoney(b.totalFen)}</strong>
            {t("batches.batch.totalAmount")}
          </p>
          <p className="stat">
            <strong>{b.excludedCount}</strong>
            {t("batches.batch.excludedLines")}
          </p>
          <p className="stat">
            <strong>{deltas.count}</strong>
            {t("batches.batch.deltas")}
            {deltas.count > 0 ? (
              <span className="small muted">
                <br />
                {t("batches.batch.topUps", { amount: formatMoney(deltas.topUpFen) })} · {t("batches.batch.recoveries", { amount: formatMoney(deltas.recoveryFen) })}
              </span>
            ) : null}
          </p>
        </div>
      ) : null}
      <dl className="batch-facts">
        <div>
          <dt>{t("batches.list.status")}</dt>
          <dd>
            <BatchStatusBadge status={b.status} interrupted={b.interrupted} />
            {b.provisional && b.status !== "preparing" ? <ProvisionalValuesBadge /> : null}
          </dd>
        </div>
        <div>
          <dt>{t("batches.batch.rulesVersion")}</dt>
          <dd>{b.rulesVersion ? <code title={b.rulesVersion}>{shortVersion(b.rulesVersion)}</code> : t("batches.batch.notYet")}</dd>
        </div>
        <div>
          <dt>{t("batches.batch.localVersion")}</dt>
          <dd>{b.localParametersVersion ? <code title={b.localParametersVersion}>{shortVersion(b.localParametersVersion)}</code> : b.status === "preparing" ? t("batches.batch.notYet") : t("batches.batch.noLocalVersion")}</dd>
        </div>
        <div>
          <dt>{t("batches.batch.preparedBy")}</dt>
          <dd>{person(b.preparedBy, b.preparedAt)}</dd>
        </div>
        <div>
          <dt>{t("batches.batch.approvedBy")}</dt>
          <dd>{person(b.approvedBy, b.approvedAt)}</dd>
        </div>
        <div>
          <dt>{t("batches.batch.paidBy")}</dt>
          <dd>
            {b.paidBy ? (
              <>
                {b.paidBy}
                <br />
                <span className="small">
                  {t("batches.batch.paymentReference")}
                  {colon(lang)}
                  <strong>{b.paymentReference}</strong>
                  {b.paidOn ? (
                    <>
                      <br />
                      {t("batches.batch.paidOn")}
                      {colon(lang)}
                      {formatDate(b.paidOn, lang)}
                    </>
                  ) : null}
                </span>
              </>
            ) : (
              t("batches.batch.notYet")
            )}
          </dd>
        </div>
      </dl>
    </section>
  );
}
