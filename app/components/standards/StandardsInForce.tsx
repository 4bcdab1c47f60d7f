// The standards page's "in force today" table: per county in scope, where its standard comes from (local,
// provisional example value, built in, none), the values, their period and reference, and — unless a local
// one is in force — a link that opens the form for that county.
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useLang } from "../../i18n/use-lang";
import type { StandardInForce } from "../../services/standards.server";
import { formatDate } from "../../utils/format";
import { ReferenceLink } from "../checklist";
import { period, StandardValues } from "./StandardValues";

const SOURCE_TONE: Record<string, string> = { local: "ok", provisional: "warn", built_in: "info", none: "muted" };

export function StandardsInForce({ today, inForce }: { today: string; inForce: readonly StandardInForce[] }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <section className="card" aria-labelledby="in-force-title">
      <h2 id="in-force-title">{t("subsidy.standards.inForceTitle")}</h2>
      <p className="muted small">{t("subsidy.standards.inForceIntro", { date: formatDate(today, lang) })}</p>
      <div className="table-wrap">
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t("subsidy.standards.jurisdiction")}</th>
              <th scope="col">{t("subsidy.standards.source")}</th>
              <th scope="col">{t("subsidy.standards.standard")}</th>
              <th scope="col">{t("subsidy.standards.effective")}</th>
              <th scope="col" className="reference-col">
                {t("subsidy.standards.reference")}
              </th>
              <th scope="col">{t("admin.actions")}</th>
            </tr>
          </thead>
          <tbody>
            {inForce.map((s) => (
              <tr key={s.code}>
                <th scope="row" className="nowrap">
                  {lang === "zh-CN" ? s.nameZh : s.nameEn}
                </th>
                <td className="nowrap">
                  <span className={`badge badge--${SOURCE_TONE[s.source] ?? "muted"}`}>{t(`subsidy.standards.sources.${s.source}`)}</span>
                  {s.source === "local" && s.anyProvisional ? <span className="badge badge--warn">{t("subsidy.standards.sources.provisional")}</span> : null}
                </td>
                <td>{s.source === "none" ? "—" : <StandardValues rate={s.perChildMonthFen} kg={s.perChildMonthKindergartenClassFen} months={s.maxMonthsPerYear} rule={s.periodRule} attendance={s.minAttendanceDays} />}</td>
                <td>{period(t, lang, s.effectiveFrom, s.effectiveTo)}</td>
                <td className="small">{s.reference ? <ReferenceLink reference={s.reference} /> : "—"}</td>
                <td>
                  {s.source === "local" ? null : (
                    <Link to={`?jurisdiction=${s.code}#enter`} aria-label={t("subsidy.standards.enterFor", { name: lang === "zh-CN" ? s.nameZh : s.nameEn })}>
                      {t("subsidy.standards.enterPublished")}
                    </Link>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
