// The jurisdiction overview (/review/overview): per measure, how many filed facilities in the staff
// member's scope are eligible / ineligible / need information / not applicable on a chosen date — a bar
// chart and a table with the same numbers; each count opens the list of those facilities on this page
// (`?measure=&status=`); `?format=xlsx` downloads the table (and, with a drill-down, the whole list).
// The page's sections live in app/components/overview/.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "../../db/client";
import { isValidDate } from "../../rules/engine/dates";
import { requireUser } from "../auth/session.server";
import { EmptyState, PageHeader } from "../components/layout";
import { DrillDown } from "../components/overview/DrillDown";
import { OverviewChart } from "../components/overview/OverviewChart";
import { OverviewDateCard } from "../components/overview/OverviewDateCard";
import { OverviewTable } from "../components/overview/OverviewTable";
import { query } from "../components/overview/pieces";
import { titleMeta } from "../i18n/i18n";
import { useLang } from "../i18n/use-lang";
import {
  isMeasureId,
  isStatus,
  jurisdictionOverview,
  overviewExport,
  overviewFacilities,
  type Overview,
  type OverviewDrill,
} from "../services/overview.server";
import { todayInShanghai } from "../utils/format";
import { guarded } from "../utils/http.server";

export const meta = titleMeta("overview.title");

const XLSX =
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";


type LoaderData = {
  today: string;
  asOf: string;
  dateInvalid: boolean;
  overview: Overview;
  drill: OverviewDrill | null;
};

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireUser(request);
  return guarded(async () => {
    const db = await getDb();
    const url = new URL(request.url);
    const today = todayInShanghai();
    const requested = url.searchParams.get("date") ?? "";
    const dateInvalid = requested !== "" && !isValidDate(requested);
    const asOf = requested && !dateInvalid ? requested : today;
    const overview = await jurisdictionOverview(db, actor, asOf);
    const measure = url.searchParams.get("measure") ?? "";
    const status = url.searchParams.get("status") ?? "";
    const wantsDrill = isMeasureId(measure) && isStatus(status);
    const page = Number(url.searchParams.get("page") ?? "1") || 1;

    if (url.searchParams.get("format") === "xlsx") {
      // the export carries the whole list, not one page
      const drill = wantsDrill
        ? await overviewFacilities(db, actor, asOf, measure, status, 1, 100_000)
        : undefined;
      const bytes = await overviewExport(overview, drill);
      const name = wantsDrill
        ? `overview-${asOf}-${measure}-${status}.xlsx`
        : `overview-${asOf}.xlsx`;
      return new Response(new Uint8Array(bytes), {
        status: 200,
        headers: {
          "Content-Type": XLSX,
          "Content-Length": String(bytes.byteLength),
          "Content-Disposition": `attachment; filename="${name}"`,
          "Cache-Control": "private, no-store",
          "X-Content-Type-Options": "nosniff",
        },
      });
    }
    const drill = wantsDrill
      ? await overviewFacilities(db, actor, asOf, measure, status, page)
      : null;
    return { today, asOf, dateInvalid, overview, drill } satisfies LoaderData;
  });
}

export default function JurisdictionOverview() {
  const { t } = useTranslation();
  const lang = useLang();
  // the export branch returns a file, never rendered
  const { today, asOf, dateInvalid, overview, drill } =
    useLoaderData<LoaderData>();
  const date = asOf === today ? null : asOf;
  return (
    <>
      <PageHeader
        title={t("overview.title")}
        intro={t("overview.intro")}
        actions={
          <a
            className="button"
            href={`/review/overview${query({ date, format: "xlsx" })}`}
            download
          >
            {t("overview.export")}
          </a>
        }
      />
      <p>
        <Link to="/review">← {t("home.reviewer.title")}</Link>
      </p>
      <OverviewDateCard today={today} asOf={asOf} dateInvalid={dateInvalid} overview={overview} lang={lang} />

      {overview.facilities === 0 ? (
        <EmptyState>{t("overview.empty")}</EmptyState>
      ) : (
        <>
          <section className="card">
            <OverviewChart overview={overview} lang={lang} />
          </section>
          <OverviewTable overview={overview} drill={drill} date={date} lang={lang} />
        </>
      )}

      {drill ? <DrillDown drill={drill} date={date} /> : null}
    </>
  );
}
