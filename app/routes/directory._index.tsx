// The public directory (信息公示) of filed facilities: no sign-in, no personal data. A GET form, so the
// search works without JavaScript and every result page has its own address.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "../../db/client";
import { JURISDICTIONS } from "../../rules/jurisdictions";
import { FACILITY_KINDS, SERVICE_TYPES } from "../../rules/snapshot";
import { textIn } from "../components/checklist";
import { EmptyState, PageHeader } from "../components/layout";
import { Pager } from "../components/pager";
import { HonourBadge } from "../components/union/programme";
import { titleMeta } from "../i18n/i18n";
import { useLang } from "../i18n/use-lang";
import { searchDirectory } from "../services/filing.server";
import { publicProgrammes } from "../services/union.server";
import { guarded } from "../utils/http.server";
import { pageParam } from "../utils/paging";

export const meta = titleMeta("filing.directory.title");

const PAGE_SIZE = 20;

// The two cities the product serves and the places below them; "within" matching means choosing a
// city lists every county or town under it.
const CITIES = ["340300", "659002"] as const;
const PLACE_CODES = new Set<string>(JURISDICTIONS.filter((j) => CITIES.some((c) => j.code === c || j.parent === c)).map((j) => j.code));

function oneOf<T extends string>(value: string | null, allowed: readonly T[]): T | "" {
  return value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : "";
}

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const q = (url.searchParams.get("q") ?? "").trim().slice(0, 100);
  const countyParam = url.searchParams.get("county") ?? "";
  const county = PLACE_CODES.has(countyParam) ? countyParam : "";
  const kind = oneOf(url.searchParams.get("kind"), FACILITY_KINDS);
  const service = oneOf(url.searchParams.get("service"), SERVICE_TYPES);
  const page = pageParam(url);
  return guarded(async () => {
    const db = await getDb();
    const { rows, hasMore } = await searchDirectory(db, { q: q || undefined, county: county || undefined, kind: kind || undefined, service: service || undefined, page, pageSize: PAGE_SIZE });
    // employer-run facilities show their employer and the 全国爱心托育用人单位 honour (no personal data)
    const programmes = await publicProgrammes(db, rows.filter((r) => r.kind === "employer_run").map((r) => r.facilityId));
    return { rows, hasMore, page, filters: { q, county, kind, service }, programmes };
  });
}

export default function Directory() {
  const { t } = useTranslation();
  const lang = useLang();
  const { rows, hasMore, page, filters, programmes } = useLoaderData<typeof loader>();
  const filtered = Boolean(filters.q || filters.county || filters.kind || filters.service);
  return (
    <>
      <PageHeader title={t("filing.directory.title")} intro={t("filing.directory.intro")} />
      <section className="card" aria-labelledby="search-title">
        <h2 id="search-title" className="visually-hidden">
          {t("filing.directory.submit")}
        </h2>
        {/* keyed by the query so that Back/Forward show the fields of the page they land on */}
        <Form method="get" role="search" className="form-grid" key={JSON.stringify(filters)}>
          <div className="field">
            <label htmlFor="q">{t("filing.directory.search")}</label>
            <input id="q" name="q" type="search" defaultValue={filters.q} placeholder={t("filing.directory.searchPlaceholder")} maxLength={100} />
          </div>
          <div className="field">
            <label htmlFor="county">{t("filing.directory.county")}</label>
            <select id="county" name="county" defaultValue={filters.county}>
              <option value="">{t("filing.directory.allCounties")}</option>
              {CITIES.map((city) => {
                const c = JURISDICTIONS.find((j) => j.code === city);
                if (!c) return null;
                const name = textIn(c.name, lang);
                return (
                  <optgroup key={city} label={name}>
                    <option value={city}>{t("filing.directory.allOf", { name })}</option>
                    {JURISDICTIONS.filter((j) => j.parent === city).map((j) => (
                      <option key={j.code} value={j.code}>
                        {textIn(j.name, lang)}
                      </option>
                    ))}
                  </optgroup>
                );
              })}
            </select>
          </div>
          <div className="field">
            <label htmlFor="kind">{t("filing.directory.kind")}</label>
            <select id="kind" name="kind" defaultValue={filters.kind}>
              <option value="">{t("filing.directory.allKinds")}</option>
              {FACILITY_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`filing.enums.kind.${k}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="service">{t("filing.directory.service")}</label>
            <select id="service" name="service" defaultValue={filters.service}>
              <option value="">{t("filing.directory.allServices")}</option>
              {SERVICE_TYPES.map((s) => (
                <option key={s} value={s}>
                  {t(`filing.enums.serviceType.${s}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field--wide row-actions">
            <button type="submit" className="button">
              {t("filing.directory.submit")}
            </button>
            {filtered ? <Link to="/directory">{t("filing.directory.reset")}</Link> : null}
          </div>
        </Form>
      </section>
      <section aria-labelledby="results-title">
        <h2 id="results-title" className="visually-hidden">
          {t("filing.directory.results")}
        </h2>
        {rows.length === 0 ? (
          <EmptyState>{filtered || page > 1 ? t("filing.directory.empty") : t("filing.directory.emptyAll")}</EmptyState>
        ) : (
          <div className="table-wrap">
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{t("filing.directory.name")}</th>
                  <th scope="col">{t("filing.directory.county")}</th>
                  <th scope="col">{t("filing.directory.kind")}</th>
                  <th scope="col">{t("filing.directory.services")}</th>
                  <th scope="col">{t("filing.directory.slots")}</th>
                  <th scope="col">{t("filing.directory.receipt")}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.facilityId}>
                    <td>
                      <Link to={`/directory/${r.facilityId}`}>{r.name}</Link>
                      {r.inclusive ? <span className="badge badge--info" style={{ marginLeft: ".4rem" }}>{t("certification.inclusiveBadge")}</span> : null}
                      {programmes[r.facilityId] ? (
                        <div className="small">
                          <span className="muted">
                            {t("union.public.employer")}：{programmes[r.facilityId]?.employerName ?? t("union.notGiven")}
                          </span>{" "}
                          <HonourBadge years={programmes[r.facilityId]?.awardedYears ?? []} />
                        </div>
                      ) : null}
                    </td>
                    <td className="nowrap">{lang === "zh-CN" ? r.jurisdictionZh : r.jurisdictionEn}</td>
                    <td>{r.kind ? t(`filing.enums.kind.${r.kind}`) : "—"}</td>
                    <td>{r.serviceTypes.length ? r.serviceTypes.map((s) => t(`filing.enums.serviceType.${s}`)).join(t("policies.listSeparator")) : "—"}</td>
                    <td>{r.totalSlots ?? "—"}</td>
                    <td className="nowrap">
                      <code>{r.receiptNumber}</code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <Pager page={page} hasMore={hasMore} />
      </section>
      <p className="muted small">{t("filing.directory.note")}</p>
    </>
  );
}
