// The union officer's home (/union): the loader for the directory of employer-run programmes (用人单位办托)
// within their jurisdiction — search by employer or facility name, filters (county, openness, 普惠, awarded),
// the rules' `employer.union_support` determination per programme, the XLSX export of the filtered list
// (/union/export.xlsx), and the union grants by year and by county — and the page's layout; its sections
// live in app/components/union/. A GET form: works without JavaScript and every result page has its own
// address.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "../../db/client";
import { requirePermission } from "../auth/session.server";
import { jurisdictionName } from "../components/checklist";
import { PageHeader } from "../components/layout";
import { DirectorySearch } from "../components/union/DirectorySearch";
import { DirectoryTable } from "../components/union/DirectoryTable";
import { GrantTotals } from "../components/union/GrantTotals";
import { titleMeta } from "../i18n/i18n";
import { useLang } from "../i18n/use-lang";
import { directoryQueryFrom, grantTotals, UNION_PAGE_SIZE, unionDirectory, unionJurisdictions } from "../services/union.server";
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

export default function UnionDirectory() {
  const { t } = useTranslation();
  const lang = useLang();
  const { work, scope, filters, exportHref, page, rows, hasMore, total, totals, places } = useLoaderData<typeof loader>();
  const filtered = Boolean(filters.q || filters.county || filters.openness || filters.inclusive || filters.awarded);
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
      <DirectorySearch filters={filters} filtered={filtered} scope={scope} places={places} />

      <DirectoryTable rows={rows} total={total} page={page} hasMore={hasMore} filtered={filtered} />

      <GrantTotals totals={totals} />
    </>
  );
}
