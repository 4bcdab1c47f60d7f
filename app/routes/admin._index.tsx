import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "../../db/client";
import { requirePermission } from "../auth/session.server";
import { EmptyState, Notice, PageHeader } from "../components/layout";
import { Pager } from "../components/pager";
import { titleMeta } from "../i18n/i18n";
import { listUsers } from "../services/users.server";
import { guarded } from "../utils/http.server";
import { pageParam } from "../utils/paging";
import { WorkSummary } from "../components/work-summary";
import { workFor } from "../services/work.server";

export const meta = titleMeta("admin.users");

const PAGE_SIZE = 25;

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "manage:user:jurisdiction");
  const url = new URL(request.url);
  const q = url.searchParams.get("q")?.trim().slice(0, 100) ?? "";
  const page = pageParam(url);
  return guarded(async () => {
    const db = await getDb();
    const { rows, hasMore } = await listUsers(db, actor, { q, page, pageSize: PAGE_SIZE });
    return { work: await workFor(db, actor, "admin"), rows, hasMore, page, q };
  });
}

export default function AdminUsers() {
  const { t } = useTranslation();
  const { work, rows, hasMore, page, q } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  return (
    <>
      <PageHeader
        title={t("admin.users")}
        intro={t("home.admin.intro")}
        actions={
          <>
            <Link to="/admin/calendar" className="button button--secondary">
              {t("calendar.title")}
            </Link>
            <Link to="/admin/standards" className="button button--secondary">
              {t("subsidy.standards.link")}
            </Link>
            <Link to="/admin/users/new" className="button">
              {t("admin.newUser")}
            </Link>
          </>
        }
      />
      {params.get("flash") === "created" ? <Notice kind="success">{t("admin.created")}</Notice> : null}
      <WorkSummary items={work} />
      <Form method="get" className="toolbar" role="search">
        <label htmlFor="q" className="visually-hidden">
          {t("admin.search")}
        </label>
        <input id="q" name="q" defaultValue={q} placeholder={t("admin.search")} />
        <button type="submit" className="button button--secondary">
          {t("admin.searchButton")}
        </button>
      </Form>
      {rows.length === 0 ? (
        <EmptyState>{t("admin.noUsers")}</EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t("admin.username")}</th>
                <th scope="col">{t("admin.displayName")}</th>
                <th scope="col">{t("admin.roles")}</th>
                <th scope="col">{t("admin.scope")}</th>
                <th scope="col">{t("admin.status")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((u) => (
                <tr key={u.id}>
                  <td>
                    <Link to={`/admin/users/${u.id}`}>{u.username}</Link>
                  </td>
                  <td>{u.displayName}</td>
                  <td>{u.roles.map((r) => t(`roles.${r}`)).join("、")}</td>
                  <td>{u.organisationName ?? u.jurisdictionCode ?? "—"}</td>
                  <td>
                    <span className={`badge ${u.active ? "badge--ok" : "badge--muted"}`}>{u.active ? t("admin.active") : t("admin.inactive")}</span>
                    {u.mustChangePassword ? <span className="badge badge--warn">{t("admin.mustChange")}</span> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager page={page} hasMore={hasMore} />
    </>
  );
}
