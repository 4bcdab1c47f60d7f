// The price officer's history of guided-price schedules within scope: jurisdiction, effective date, status
// (current, superseded, not yet in force — computed by the loader per jurisdiction), method, the caps or the
// formula's inputs, and the cited document.
import { useTranslation } from "react-i18next";
import { useLang } from "../../i18n/use-lang";
import { formatDate, formatMoney } from "../../utils/format";
import { EmptyState } from "../layout";
import { jName } from "./pieces";

export type ScheduleStatus = "current" | "superseded" | "future";

export type ScheduleView = {
  id: string;
  jurisdictionCode: string;
  nameZh: string;
  nameEn: string;
  effectiveFrom: string;
  mode: string;
  caps: Array<{ classType: string; serviceType: string; capFen: number }>;
  referenceMonthlyIncomeFen: number | null;
  fullDayShareBp: number | null;
  referenceDocument: string;
  referenceClause: string;
  referenceUrl: string | null;
  status: ScheduleStatus;
};

type T = (key: string, options?: Record<string, unknown>) => string;

const STATUS_TONE: Record<ScheduleStatus, string> = {
  current: "ok",
  future: "info",
  superseded: "muted",
};

function ScheduleInputs({ schedule, t }: { schedule: ScheduleView; t: T }) {
  if (schedule.mode === "formula") {
    const share = schedule.fullDayShareBp === null ? t("pricing.shareDefault") : `${schedule.fullDayShareBp / 100}%`;
    return (
      <>
        {t("pricing.formulaInputs", {
          income: schedule.referenceMonthlyIncomeFen === null ? "—" : formatMoney(schedule.referenceMonthlyIncomeFen),
          share,
        })}
      </>
    );
  }
  return (
    <ul className="plain-list small">
      {schedule.caps.map((c) => (
        <li key={`${c.classType}-${c.serviceType}`}>
          {t(`filing.enums.classType.${c.classType}`)} · {t(`filing.enums.serviceType.${c.serviceType}`)}：<strong>{formatMoney(c.capFen)}</strong>
        </li>
      ))}
    </ul>
  );
}

export function ScheduleHistory({ schedules }: { schedules: readonly ScheduleView[] }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <section className="card" aria-labelledby="history-title">
      <h2 id="history-title">{t("pricing.history")}</h2>
      {schedules.length === 0 ? (
        <EmptyState>{t("pricing.none")}</EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t("pricing.jurisdiction")}</th>
                <th scope="col">{t("pricing.effectiveFrom")}</th>
                <th scope="col">{t("pricing.status")}</th>
                <th scope="col">{t("pricing.mode")}</th>
                <th scope="col">{t("pricing.inputs")}</th>
                <th scope="col">{t("pricing.reference")}</th>
              </tr>
            </thead>
            <tbody>
              {schedules.map((s) => (
                <tr key={s.id}>
                  <td className="nowrap">{jName(s, lang)}</td>
                  <td className="nowrap">
                    <time dateTime={s.effectiveFrom}>{formatDate(s.effectiveFrom, lang)}</time>
                  </td>
                  <td className="nowrap">
                    <span className={`badge badge--${STATUS_TONE[s.status]}`}>{t(`pricing.${s.status}`)}</span>
                  </td>
                  <td>{t(`pricing.modes.${s.mode}`)}</td>
                  <td>
                    <ScheduleInputs schedule={s} t={t} />
                  </td>
                  <td className="small">
                    {s.referenceUrl ? (
                      <a href={s.referenceUrl} rel="noreferrer noopener" target="_blank">
                        {s.referenceDocument} {s.referenceClause}
                      </a>
                    ) : (
                      <cite className="reference">
                        {s.referenceDocument} {s.referenceClause}
                      </cite>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
