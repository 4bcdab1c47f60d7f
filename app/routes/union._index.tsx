// The union officer's home (/union): the directory of employer-run programmes (用人单位办托) within their
// jurisdiction — search by employer or facility name, filters (county, openness, 普惠, awarded), the
// rules' `employer.union_support` determination per programme, the XLSX export of the filtered list
// (/union/export.xlsx), and the union grants by year and by county. A GET form: works without JavaScript
// and every result page has its own address.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "../../db/client";
import { requirePermission } from "../auth/session.server";
import { jurisdictionName, StatusBadge } from "../components/checklist";
import { FilingStateBadge } from "../components/facility-nav";
import { EmptyState, PageHeader } from "../components/layout";
import { Pager } from "../components/pager";
import { HonourBadge, InclusiveLabelBadge, NominationStatusBadge, opennessText } from "../components/programme";
import { titleMeta } from "../i18n/i18n";
import { useLang } from "../i18n/use-lang";
import { OPENNESS_FILTERS } from "../services/union.schemas";
import { directoryQueryFrom, grantTotals, UNION_PAGE_SIZE, unionDirectory, unionJurisdictions, type ProgrammeFee } from "../services/union.server";
import { formatMoney } from "../utils/format";
import { guarded } from "../utils/http.server";
import { pageParam } from "../utils/paging";
import { WorkSummary } from "../components/work-summary";
import { workFor } from "../services/work.server";

export const meta = titleMeta("home.union_officer.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "view:programme:jurisdiction");
  return guarded(async () => {
    const db = await getDb();
    const url = new URL(request.url);
    const query = directoryQueryFrom(url);
    const page = pageParam(url);
    const directory = await unionDirectory(db, actor, { ...query, page, pageSize: UNION_PAGE_SIZE });
    const totals = await grantTotals(db, actor);
    const places = await unionJurisdictions(db, actor);
    const exportParams = new URLSearchParams(url.search);
    exportParams.delete("page");
    return {
      work: await workFor(db, actor, "union_officer"),
      scope: actor.jurisdictionCode,
      filters: { q: query.q ?? "", county: query.county ?? "", openness: query.openness ?? "", inclusive: query.inclusive ?? "", awarded: query.awarded ?? "" },
      exportHref: `/union/export.xlsx${exportParams.size ? `?${exportParams}` : ""}`,
      page,
      ...directory,
      totals,
      places,
    };
  });
}

const UNIT: Record<string, string> = { full_day: "pricing.fees.perMonth", half_day: "pricing.fees.perMonth", hourly: "pricing.fees.perHour", temporary: "pricing.fees.perDay" };

function FeesCell({ fees }: { fees: ProgrammeFee[] }) {
  const { t } = useTranslation();
  if (fees.length === 0) return <span className="muted">{t("union.directory.noFees")}</span>;
  // full-day fees first: what a working parent compares
  const sorted = [...fees].sort((a, b) => (a.serviceType === "full_day" ? 0 : 1) - (b.serviceType === "full_day" ? 0 : 1));
  const shown = sorted.slice(0, 2);
  return (
    <>
      {shown.map((f, i) => (
        <div key={i} className="small">
          {t(`filing.enums.classType.${f.classType ?? ""}`)} · {t(`filing.enums.serviceType.${f.serviceType ?? ""}`)} <strong>{formatMoney(f.amountFen)}</strong>
          {f.serviceType && UNIT[f.serviceType] ? t(UNIT[f.serviceType] ?? "") : ""}
        </div>
      ))}
      {sorted.length > shown.length ? <div className="small muted">{t("union.directory.feesMore", { count: sorted.length - shown.length })}</div> : null}
    </>
  );
}

export default function UnionDirectory() {
  const { t } = useTranslation();
  const lang = useLang();
  const { work, scope, filters, exportHref, page, rows, hasMore, total, totals, places } = useLoaderData<typeof loader>();
  const filtered = Boolean(filters.q || filters.county || filters.openness || filters.inclusive || filters.awarded);
  const placeName = (p: { nameZh: string; nameEn: string }) => (lang === "en" ? p.nameEn : p.nameZh);
  return (
    <>
      <PageHeader
        title={t("home.union_officer.title")}
        intro={t("union.directory.intro")}
        actions={
          <a className="button" href={exportHref} download>
            {t("union.directory.export")}
          </a>
        }
      />
      {scope ? <p className="muted">{t("union.directory.scope", { name: jurisdictionName(scope, lang) })}</p> : null}
      <div className="stat-row" role="group" aria-label={t("union.stats.label")}>
        <p className="stat">
          <strong>{totals.programmes}</strong>
          {t("union.stats.programmes")}
        </p>
        <p className="stat">
          <strong>{totals.awarded}</strong>
          {t("union.stats.awarded")}
        </p>
        <p className="stat">
          <strong>{formatMoney(totals.total.amountFen)}</strong>
          {t("union.stats.grants")}
        </p>
        <p className="stat">
          <strong>{formatMoney(totals.total.matchingFen)}</strong>
          {t("union.stats.matching")}
        </p>
      </div>

      <WorkSummary items={work} />
      <section className="card" aria-labelledby="search-title">
        <h2 id="search-title" className="visually-hidden">
          {t("union.directory.submit")}
        </h2>
        {/* keyed by the query so that Back/Forward show the fields of the page they land on */}
        <Form method="get" role="search" className="form-grid" key={JSON.stringify(filters)}>
          <div className="field">
            <label htmlFor="q">{t("union.directory.search")}</label>
            <input id="q" name="q" type="search" defaultValue={filters.q} placeholder={t("union.directory.searchPlaceholder")} maxLength={100} />
          </div>
          <div className="field">
            <label htmlFor="county">{t("union.directory.county")}</label>
            <select id="county" name="county" defaultValue={filters.county}>
              <option value="">{t("union.directory.allCounties")}</option>
              {places
                .filter((p) => p.code !== scope)
                .map((p) => (
                  <option key={p.code} value={p.code}>
                    {placeName(p)}
                  </option>
                ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="openness">{t("union.directory.openness")}</label>
            <select id="openness" name="openness" defaultValue={filters.openness}>
              <option value="">{t("union.directory.opennessAny")}</option>
              {OPENNESS_FILTERS.map((o) => (
                <option key={o} value={o}>
                  {t(`union.openness.${o}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="inclusive">{t("union.directory.inclusive")}</label>
            <select id="inclusive" name="inclusive" defaultValue={filters.inclusive}>
              <option value="">{t("union.directory.inclusiveAny")}</option>
              <option value="yes">{t("union.directory.inclusiveYes")}</option>
              <option value="no">{t("union.directory.inclusiveNo")}</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor="awarded">{t("union.directory.awarded")}</label>
            <select id="awarded" name="awarded" defaultValue={filters.awarded}>
              <option value="">{t("union.directory.awardedAny")}</option>
              <option value="yes">{t("union.directory.awardedYes")}</option>
              <option value="no">{t("union.directory.awardedNo")}</option>
            </select>
          </div>
          <div className="field--wide row-actions">
            <button type="submit" className="button">
              {t("union.directory.submit")}
            </button>
            {filtered ? <Link to="/union">{t("union.directory.reset")}</Link> : null}
          </div>
        </Form>
      </section>

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

      <section className="card" aria-labelledby="totals-title">
        <h2 id="totals-title">{t("union.totals.title")}</h2>
        <p className="muted">{t("union.totals.intro")}</p>
        {totals.byYear.length === 0 ? (
          <EmptyState>{t("union.totals.none")}</EmptyState>
        ) : (
          <div className="totals-grid" style={{ display: "grid", gridTemplateColumns: "repeat(auto-fit, minmax(300px, 1fr))", gap: "1rem" }}>
            <TotalsTable
              caption={t("union.totals.byYear")}
              head={t("union.totals.year")}
              rows={totals.byYear.map((r) => ({ key: String(r.year), label: t("union.totals.yearValue", { year: r.year }), ...r }))}
              total={totals.total}
            />
            <TotalsTable
              caption={t("union.totals.byCounty")}
              head={t("union.totals.county")}
              rows={totals.byCounty.map((r) => ({ key: r.code, label: placeName(r), ...r }))}
              total={totals.total}
            />
          </div>
        )}
      </section>
    </>
  );
}

type TotalsRow = { key: string; label: string; count: number; amountFen: number; matchingFen: number };

function TotalsTable({ caption, head, rows, total }: { caption: string; head: string; rows: TotalsRow[]; total: Omit<TotalsRow, "key" | "label"> }) {
  const { t } = useTranslation();
  return (
    <div className="table-wrap">
      <table className="data-table">
        <caption style={{ textAlign: "left", fontWeight: 600, padding: ".5rem .8rem" }}>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{head}</th>
            <th scope="col">{t("union.totals.count")}</th>
            <th scope="col">{t("union.totals.amount")}</th>
            <th scope="col">{t("union.totals.matching")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <th scope="row" style={{ background: "transparent", fontWeight: 400 }}>
                {r.label}
              </th>
              <td>{r.count}</td>
              <td className="nowrap">{formatMoney(r.amountFen)}</td>
              <td className="nowrap">{formatMoney(r.matchingFen)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr style={{ background: "#f0f4f8" }}>
            <th scope="row">{t("union.totals.total")}</th>
            <td>
              <strong>{total.count}</strong>
            </td>
            <td className="nowrap">
              <strong>{formatMoney(total.amountFen)}</strong>
            </td>
            <td className="nowrap">
              <strong>{formatMoney(total.matchingFen)}</strong>
            </td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
