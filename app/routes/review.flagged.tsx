// Documents to re-examine (/review/flagged): the valid utility price certificates and eligibility letters
// in the reviewer's scope whose measure, judged again on today's records, no longer holds (read-only).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "../../db/client";
import { MEASURES } from "../../rules/measures/list";
import { requirePermission } from "../auth/session.server";
import { StatusBadge, textIn } from "../components/checklist";
import { EmptyState, PageHeader } from "../components/layout";
import { titleMeta } from "../i18n/i18n";
import { useLang } from "../i18n/use-lang";
import { reevaluateIssued } from "../services/letters.server";
import { formatDate, todayInShanghai } from "../utils/format";
import { guarded } from "../utils/http.server";

export const meta = titleMeta("overview.flagged.title");

const PAGE_SIZE = 50;

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "review:filing:jurisdiction");
  return guarded(async () => {
    const today = todayInShanghai();
    const flagged = await reevaluateIssued(await getDb(), actor, today);
    const pages = Math.max(1, Math.ceil(flagged.length / PAGE_SIZE));
    const page = Math.min(
      Math.max(
        1,
        Number(new URL(request.url).searchParams.get("page") ?? "1") || 1
      ),
      pages
    );
    const titles = new Map(
      MEASURES.map((m) => [m.id, { zh: m.title.zh, en: m.title.en }])
    );
    return {
      today,
      total: flagged.length,
      page,
      pages,
      rows: flagged
        .slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE)
        .map((f) => ({
          ...f,
          measureTitle: titles.get(f.measure) ?? {
            zh: f.measure,
            en: f.measure,
          },
        })),
    };
  });
}

export default function FlaggedDocuments() {
  const { t } = useTranslation();
  const lang = useLang();
  const { total, page, pages, rows } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader
        title={t("overview.flagged.title")}
        intro={t("overview.flagged.intro")}
      />
      <p>
        <Link to="/review">← {t("home.reviewer.title")}</Link>
      </p>
      {rows.length === 0 ? (
        <EmptyState>{t("overview.flagged.empty")}</EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="data-table">
            <caption>{t("overview.flagged.count", { count: total })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("overview.flagged.facility")}</th>
                <th scope="col">{t("overview.flagged.county")}</th>
                <th scope="col">{t("overview.flagged.document")}</th>
                <th scope="col">{t("overview.flagged.number")}</th>
                <th scope="col">{t("overview.flagged.validity")}</th>
                <th scope="col">{t("overview.flagged.measure")}</th>
                <th scope="col">{t("overview.flagged.nowStatus")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.certificateId}>
                  <td>
                    <Link to={`/review/facilities/${r.facilityId}/measures`}>
                      {r.facilityName}
                    </Link>
                  </td>
                  <td className="nowrap">
                    {lang === "en"
                      ? r.jurisdictionNameEn
                      : r.jurisdictionNameZh}
                  </td>
                  <td>{t(`certificates.kinds.${r.kind}`)}</td>
                  <td className="nowrap">
                    <a href={`/certificates/${r.certificateId}.pdf`}>
                      {r.number}
                    </a>
                  </td>
                  <td className="nowrap">
                    {r.validUntil
                      ? t("overview.flagged.range", {
                          from: formatDate(r.validFrom, lang),
                          until: formatDate(r.validUntil, lang),
                        })
                      : t("overview.flagged.openEnded", {
                          from: formatDate(r.validFrom, lang),
                        })}
                  </td>
                  <td>{textIn(r.measureTitle, lang)}</td>
                  <td>
                    <StatusBadge status={r.status} />
                    {r.missing.length > 0 ? (
                      <>
                        <br />
                        <span className="small muted">
                          {t("overview.flagged.missing", {
                            facts: r.missing.join(", "),
                          })}
                        </span>
                      </>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {pages > 1 ? (
        <nav
          aria-label={t("overview.pager.page", { page, pages })}
          style={{ display: "flex", gap: "1rem", alignItems: "center" }}
        >
          {page > 1 ? (
            <Link to={`/review/flagged?page=${page - 1}`}>
              {t("overview.pager.previous")}
            </Link>
          ) : null}
          <span>{t("overview.pager.page", { page, pages })}</span>
          {page < pages ? (
            <Link to={`/review/flagged?page=${page + 1}`}>
              {t("overview.pager.next")}
            </Link>
          ) : null}
        </nav>
      ) : null}
    </>
  );
}
