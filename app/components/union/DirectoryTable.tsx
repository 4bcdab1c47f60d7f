// The union directory's results, a page at a time: per programme the employer and facility, 托位 and
// reserved 托位, whom it serves, filing and 普惠 label, fees, the rules' determination, and its honours,
// latest nomination and grants.
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { StatusBadge } from "../checklist";
import { FilingStateBadge } from "../facility-nav";
import { EmptyState } from "../layout";
import { Pager } from "../pager";
import { useLang } from "../../i18n/use-lang";
import type { ProgrammeRow } from "../../services/union.server";
import { formatMoney } from "../../utils/format";
import { FeesCell } from "./FeesCell";
import { HonourBadge, InclusiveLabelBadge, NominationStatusBadge, opennessText } from "./programme";

type Props = { rows: readonly ProgrammeRow[]; total: number; page: number; hasMore: boolean; filtered: boolean };

export function DirectoryTable({ rows, total, page, hasMore, filtered }: Props) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <section aria-labelledby="results-title">
      <h2 id="results-title" className="visually-hidden">
        {t("union.directory.title")}
      </h2>
      {rows.length === 0 ? (
        <EmptyState>{filtered || page > 1 ? t("union.directory.empty") : t("union.directory.emptyAll")}</EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="data-table">
            <caption className="visually-hidden">{t("union.directory.count", { count: total })}</caption>
            <thead>
              <tr>
                <th scope="col" style={{ minWidth: "13rem" }}>
                  {t("union.directory.employer")}
                </th>
                <th scope="col">{t("union.directory.slots")}</th>
                <th scope="col">{t("union.directory.opennessColumn")}</th>
                <th scope="col">
                  {t("union.directory.filing")} · {t("union.directory.inclusiveColumn")}
                </th>
                <th scope="col">{t("union.directory.fees")}</th>
                <th scope="col">{t("union.directory.determination")}</th>
                <th scope="col" style={{ minWidth: "11rem" }}>
                  {t("union.directory.honours")}
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.facilityId}>
                  <td>
                    <strong>{r.employerName ?? t("union.notGiven")}</strong>
                    <div>
                      <Link to={`/union/programmes/${r.facilityId}`}>{r.facilityName}</Link>
                    </div>
                    <div className="small muted">
                      {lang === "en" ? r.countyEn : r.countyZh}
                      {r.parkName ? ` · ${r.parkName}` : ""}
                    </div>
                  </td>
                  <td className="nowrap">
                    {r.totalSlots !== null ? t("union.directory.slotsValue", { total: r.totalSlots }) : "—"}
                    {r.reservedSlots !== null ? <div className="small muted">{t("union.directory.reservedValue", { reserved: r.reservedSlots })}</div> : null}
                  </td>
                  <td>{opennessText(r, t)}</td>
                  <td>
                    <FilingStateBadge state={r.filingState} />
                    <div>
                      <InclusiveLabelBadge label={r.inclusive} />
                    </div>
                  </td>
                  <td>
                    <FeesCell fees={r.fees} />
                  </td>
                  <td className="nowrap">
                    <StatusBadge status={r.determination} />
                  </td>
                  <td>
                    <HonourBadge years={r.awardedYears} />
                    {r.latestNomination && r.latestNomination.status !== "awarded" ? (
                      <div className="nowrap">
                        <span className="small">{t("union.nomination.forYear", { year: r.latestNomination.year })}</span> <NominationStatusBadge status={r.latestNomination.status} />
                      </div>
                    ) : null}
                    {r.grantCount ? <div className="small">{t("union.directory.grantsValue", { count: r.grantCount, amount: formatMoney(r.grantsFen) })}</div> : null}
                    {!r.awardedYears.length && !r.latestNomination && !r.grantCount ? <span className="muted">—</span> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="small muted">{t("union.directory.count", { count: total })}</p>
      <Pager page={page} hasMore={hasMore} />
    </section>
  );
}
