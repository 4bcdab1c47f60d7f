// The valid (and upcoming) utility price certificates in the reviewer's scope, for the utility companies:
// a table, and the same rows as a download (columns documented in measures.server.ts). A page route
// cannot stream a file to a browser's document request (Remix renders it), so the buttons point at the
// resource route /review/utility-certificates/export?format=csv|xlsx; `?format=` here answers the same
// file to direct (data) callers.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "../../db/client";
import { requirePermission } from "../auth/session.server";
import { EmptyState, PageHeader } from "../components/layout";
import { titleMeta } from "../i18n/i18n";
import { useLang } from "../i18n/use-lang";
import { utilitiesZh, utilityDownload, validUtilityCertificates, type UtilityCertificateRow } from "../services/measures.server";
import { formatDate, todayInShanghai } from "../utils/format";
import { guarded } from "../utils/http.server";

type ListRow = Omit<UtilityCertificateRow, "utilities"> & { utilities: string };

export const meta = titleMeta("measures.list.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "review:filing:jurisdiction");
  return guarded(async () => {
    const today = todayInShanghai();
    const rows = await validUtilityCertificates(await getDb(), actor, today);
    const format = new URL(request.url).searchParams.get("format");
    if (format === "csv" || format === "xlsx") return utilityDownload(rows, format, today);
    return { today, rows: rows.map((r): ListRow => ({ ...r, utilities: utilitiesZh(r.utilities) })) };
  });
}

export default function UtilityCertificates() {
  const { t } = useTranslation();
  const lang = useLang();
  // the export branch returns a file, never rendered: the page sees the rows
  const { rows } = useLoaderData<{ today: string; rows: ListRow[] }>();
  return (
    <>
      <PageHeader
        title={t("measures.list.title")}
        intro={t("measures.list.intro")}
        actions={
          <>
            <a className="button" href="/review/utility-certificates/export?format=csv" download>
              {t("measures.list.exportCsv")}
            </a>{" "}
            <a className="button" href="/review/utility-certificates/export?format=xlsx" download>
              {t("measures.list.exportXlsx")}
            </a>
          </>
        }
      />
      {rows.length === 0 ? (
        <EmptyState>{t("measures.list.empty")}</EmptyState>
      ) : (
        <div className="table-wrap">
          <table>
            <caption>{t("measures.list.count", { count: rows.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("measures.list.facility")}</th>
                <th scope="col">{t("measures.list.county")}</th>
                <th scope="col">{t("measures.list.number")}</th>
                <th scope="col">{t("measures.list.utilities")}</th>
                <th scope="col">{t("measures.list.validity")}</th>
                <th scope="col">{t("measures.list.state")}</th>
                <th scope="col">{t("measures.list.code")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.certificateId}>
                  <td>
                    <Link to={`/review/facilities/${r.facilityId}/measures`}>{r.facilityName}</Link>
                  </td>
                  <td>{r.countyName}</td>
                  <td>{r.number}</td>
                  <td>{r.utilities}</td>
                  <td>{t("measures.utility.range", { from: formatDate(r.validFrom, lang), to: r.validUntil ? formatDate(r.validUntil, lang) : "—" })}</td>
                  <td>{t(`certificates.states.${r.state}`)}</td>
                  <td>
                    <a href={`/verify/${r.code}`}>
                      <code>{r.code}</code>
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
