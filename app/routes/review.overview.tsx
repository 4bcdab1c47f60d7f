// The jurisdiction overview (/review/overview): per measure, how many filed facilities in the staff
// member's scope are eligible / ineligible / need information / not applicable on a chosen date — a bar
// chart and a table with the same numbers; each count opens the list of those facilities on this page
// (`?measure=&status=`); `?format=xlsx` downloads the table (and, with a drill-down, the whole list).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "../../db/client";
import { isValidDate } from "../../rules/engine/dates";
import type { Status } from "../../rules/engine/types";
import { requireUser } from "../auth/session.server";
import { textIn } from "../components/checklist";
import { EmptyState, PageHeader } from "../components/layout";
import { titleMeta, type Lang } from "../i18n/i18n";
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
import { formatDate, todayInShanghai } from "../utils/format";
import { guarded } from "../utils/http.server";

export const meta = titleMeta("overview.title");

const XLSX =
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** The statuses in display order (the service module is server-only, so the page keeps its own list). */
const STATUSES: readonly Status[] = [
  "eligible",
  "ineligible",
  "needs_info",
  "not_applicable",
];

/** Colour and symbol per status (the symbol and the text label carry the meaning; colour only helps). */
const COLOURS: Record<Status, { fill: string; ink: string; icon: string }> = {
  eligible: { fill: "var(--ok, #1b7a3d)", ink: "#fff", icon: "✓" },
  ineligible: { fill: "var(--err, #b42318)", ink: "#fff", icon: "✗" },
  needs_info: { fill: "var(--warn, #8a5300)", ink: "#fff", icon: "?" },
  not_applicable: { fill: "#c9d1da", ink: "#1f2933", icon: "–" },
};

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

function query(
  params: Record<string, string | number | null | undefined>
): string {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params))
    if (v !== null && v !== undefined && v !== "") search.set(k, String(v));
  const s = search.toString();
  return s ? `?${s}` : "";
}

function StatusLabel({ status }: { status: Status }) {
  const { t } = useTranslation();
  return (
    <span
      style={{
        display: "inline-flex",
        alignItems: "center",
        gap: ".35rem",
        whiteSpace: "nowrap",
      }}
    >
      <span
        aria-hidden="true"
        style={{
          display: "inline-block",
          width: "1.1em",
          height: "1.1em",
          borderRadius: 3,
          background: COLOURS[status].fill,
          color: COLOURS[status].ink,
          textAlign: "center",
          lineHeight: "1.1em",
          fontSize: ".8em",
        }}
      >
        {COLOURS[status].icon}
      </span>
      {t(`policies.status.${status}`)}
    </span>
  );
}

function Chart({ overview, lang }: { overview: Overview; lang: Lang }) {
  const { t } = useTranslation();
  const total = Math.max(1, overview.facilities);
  return (
    <figure
      style={{ margin: 0 }}
      aria-labelledby="chart-title"
      aria-describedby="chart-note"
    >
      <figcaption>
        <h2 id="chart-title">{t("overview.chartTitle")}</h2>
        <p id="chart-note" className="small muted">
          {t("overview.chartNote")}
        </p>
        <p style={{ display: "flex", flexWrap: "wrap", gap: "1rem" }}>
          {STATUSES.map((s) => (
            <StatusLabel key={s} status={s} />
          ))}
        </p>
      </figcaption>
      <div
        style={{
          display: "grid",
          gridTemplateColumns: "minmax(10rem, 16rem) 1fr",
          gap: ".4rem .75rem",
          alignItems: "center",
        }}
      >
        {overview.measures.map((m) => {
          const label = STATUSES.map(
            (s) => `${t(`policies.status.${s}`)} ${m.counts[s]}`
          ).join("，");
          return (
            <div key={m.measure} style={{ display: "contents" }}>
              <div className="small">{textIn(m.title, lang)}</div>
              <div
                role="img"
                aria-label={`${textIn(m.title, lang)}：${label}`}
                title={label}
                style={{
                  display: "flex",
                  height: "1.6rem",
                  borderRadius: 4,
                  overflow: "hidden",
                  background: "#eef2f6",
                }}
              >
                {STATUSES.filter((s) => m.counts[s] > 0).map((s) => (
                  <div
                    key={s}
                    style={{
                      width: `${(m.counts[s] / total) * 100}%`,
                      minWidth: "1.6rem",
                      background: COLOURS[s].fill,
                      color: COLOURS[s].ink,
                      fontSize: ".8rem",
                      lineHeight: "1.6rem",
                      textAlign: "center",
                      whiteSpace: "nowrap",
                      overflow: "hidden",
                    }}
                  >
                    {COLOURS[s].icon} {m.counts[s]}
                  </div>
                ))}
              </div>
            </div>
          );
        })}
      </div>
    </figure>
  );
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
      <section className="card">
        <Form
          method="get"
          className="inline-form"
          style={{
            display: "flex",
            gap: ".75rem",
            alignItems: "flex-end",
            flexWrap: "wrap",
          }}
        >
          <label>
            {t("overview.date")}
            <input
              type="date"
              name="date"
              defaultValue={asOf}
              aria-invalid={dateInvalid || undefined}
            />
          </label>
          <button type="submit" className="button">
            {t("overview.show")}
          </button>
          {asOf !== today ? (
            <Link to="/review/overview">{t("overview.today")}</Link>
          ) : null}
        </Form>
        {dateInvalid ? <p role="alert">{t("filing.validation.date")}</p> : null}
        <p className="small muted">
          {t("overview.scope", {
            name: lang === "en" ? overview.scopeNameEn : overview.scopeNameZh,
            count: overview.facilities,
          })}{" "}
          · {t("overview.asOf", { date: formatDate(asOf, lang) })} ·{" "}
          {t("overview.rulesVersion", { version: overview.rulesVersion })}
        </p>
      </section>

      {overview.facilities === 0 ? (
        <EmptyState>{t("overview.empty")}</EmptyState>
      ) : (
        <>
          <section className="card">
            <Chart overview={overview} lang={lang} />
          </section>
          <section className="card" aria-labelledby="table-title">
            <h2 id="table-title">{t("overview.tableTitle")}</h2>
            <div className="table-wrap">
              <table className="data-table">
                <thead>
                  <tr>
                    <th scope="col">{t("overview.measure")}</th>
                    {STATUSES.map((s) => (
                      <th scope="col" key={s} className="num">
                        <StatusLabel status={s} />
                      </th>
                    ))}
                    <th scope="col" className="num">
                      {t("overview.total")}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {overview.measures.map((m) => {
                    const title = textIn(m.title, lang);
                    return (
                      <tr
                        key={m.measure}
                        aria-current={
                          drill?.measure === m.measure ? "true" : undefined
                        }
                      >
                        <th scope="row">
                          {title}
                          <br />
                          <code className="small muted">{m.measure}</code>
                        </th>
                        {STATUSES.map((s) => (
                          <td key={s} className="num">
                            <Link
                              to={`/review/overview${query({
                                date,
                                measure: m.measure,
                                status: s,
                              })}#drill`}
                              aria-label={t("overview.countLink", {
                                measure: title,
                                status: t(`policies.status.${s}`),
                                count: m.counts[s],
                              })}
                              aria-current={
                                drill?.measure === m.measure &&
                                drill.status === s
                                  ? "true"
                                  : undefined
                              }
                            >
                              {m.counts[s]}
                            </Link>
                          </td>
                        ))}
                        <td className="num">
                          {STATUSES.reduce((a, s) => a + m.counts[s], 0)}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          </section>
        </>
      )}

      {drill ? <Drill drill={drill} date={date} /> : null}
    </>
  );
}

function Drill({ drill, date }: { drill: OverviewDrill; date: string | null }) {
  const { t } = useTranslation();
  const lang = useLang();
  const base = { date, measure: drill.measure, status: drill.status };
  return (
    <section className="card" id="drill" aria-labelledby="drill-title">
      <h2 id="drill-title">
        {t("overview.drill.title", {
          measure: textIn(drill.title, lang),
          status: t(`policies.status.${drill.status}`),
        })}
      </h2>
      <p>
        <StatusLabel status={drill.status} /> ·{" "}
        {t("overview.drill.count", { count: drill.total })} ·{" "}
        <a
          href={`/review/overview${query({ ...base, format: "xlsx" })}`}
          download
        >
          {t("overview.exportList")}
        </a>{" "}
        ·{" "}
        <Link to={`/review/overview${query({ date })}`}>
          {t("overview.drill.back")}
        </Link>
      </p>
      {drill.items.length === 0 ? (
        <EmptyState>{t("overview.drill.none")}</EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t("overview.drill.facility")}</th>
                <th scope="col">{t("overview.drill.county")}</th>
                {drill.status === "needs_info" ? (
                  <th scope="col">{t("overview.drill.missing")}</th>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {drill.items.map((f) => (
                <tr key={f.facilityId}>
                  <td>
                    <Link
                      to={`/review/facilities/${f.facilityId}/measures${query({
                        date,
                      })}`}
                    >
                      {f.name}
                    </Link>
                  </td>
                  <td className="nowrap">
                    {lang === "en"
                      ? f.jurisdictionNameEn
                      : f.jurisdictionNameZh}
                  </td>
                  {drill.status === "needs_info" ? (
                    <td>
                      <code className="small">{f.missing.join(", ")}</code>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {drill.pages > 1 ? (
        <nav
          aria-label={t("overview.pager.page", {
            page: drill.page,
            pages: drill.pages,
          })}
          style={{ display: "flex", gap: "1rem", alignItems: "center" }}
        >
          {drill.page > 1 ? (
            <Link
              to={`/review/overview${query({
                ...base,
                page: drill.page - 1,
              })}#drill`}
            >
              {t("overview.pager.previous")}
            </Link>
          ) : null}
          <span>
            {t("overview.pager.page", { page: drill.page, pages: drill.pages })}
          </span>
          {drill.page < drill.pages ? (
            <Link
              to={`/review/overview${query({
                ...base,
                page: drill.page + 1,
              })}#drill`}
            >
              {t("overview.pager.next")}
            </Link>
          ) : null}
        </nav>
      ) : null}
    </section>
  );
}
