import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData, useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { getDb } from "../../db/client";
import { requirePermission } from "../auth/session.server";
import { staffScope } from "../auth/scope.server";
import { EmptyState, Notice, PageHeader } from "../components/layout";
import { Pager } from "../components/pager";
import { titleMeta, type Lang } from "../i18n/i18n";
import { listAuditEvents, verifyAuditChain } from "../services/audit.server";
import { formatDateTime } from "../utils/format";
import { guarded } from "../utils/http.server";
import { pageParam } from "../utils/paging";
import { WorkSummary } from "../components/work-summary";
import { workFor } from "../services/work.server";

export const meta = titleMeta("audit.title");

const PAGE_SIZE = 50;
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional().catch(undefined);
const filterSchema = z.object({
  action: z.string().trim().max(60).optional().catch(undefined),
  actor: z.string().trim().max(60).optional().catch(undefined),
  from: day,
  to: day,
});

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "read:audit:jurisdiction");
  const url = new URL(request.url);
  const filter = filterSchema.parse(Object.fromEntries(url.searchParams));
  const page = pageParam(url);
  return guarded(async () => {
    const db = await getDb();
    const { rows, hasMore } = await listAuditEvents(db, staffScope(actor), { ...filter, action: filter.action || undefined, actor: filter.actor || undefined, page, pageSize: PAGE_SIZE });
    const chain = page === 1 ? await verifyAuditChain(db) : null;
    return {
      work: await workFor(db, actor, "auditor"),
      filter,
      page,
      hasMore,
      chain,
      rows: rows.map((r) => ({
        id: r.id,
        at: r.at.toISOString(),
        actor: r.actorLabel ?? "—",
        action: r.action,
        entity: `${r.entityType}${r.entityId ? ` ${r.entityId}` : ""}`,
        ip: r.ip ?? "—",
        before: r.before,
        after: r.after,
      })),
    };
  });
}

export default function AuditLog() {
  const { t } = useTranslation();
  const { work, rows, filter, page, hasMore, chain } = useLoaderData<typeof loader>();
  const lang = useRouteLoaderData<{ lang: Lang }>("root")?.lang ?? "zh-CN";
  return (
    <>
      <PageHeader title={t("audit.title")} intro={t("home.auditor.intro")} />
      {chain ? (
        chain.ok ? (
          <Notice kind="success">{t("audit.chainOk", { count: chain.checked })}</Notice>
        ) : (
          <Notice kind="error">{t("audit.chainBroken", { id: chain.firstBreak?.id, reason: chain.firstBreak?.reason })}</Notice>
        )
      ) : null}
      <WorkSummary items={work} />
      <Form method="get" className="toolbar filters">
        <label>
          {t("audit.filterAction")}
          <input name="action" defaultValue={filter.action ?? ""} placeholder="auth.login_failed" />
        </label>
        <label>
          {t("audit.filterActor")}
          <input name="actor" defaultValue={filter.actor ?? ""} />
        </label>
        <label>
          {t("audit.filterFrom")}
          <input type="date" name="from" defaultValue={filter.from ?? ""} />
        </label>
        <label>
          {t("audit.filterTo")}
          <input type="date" name="to" defaultValue={filter.to ?? ""} />
        </label>
        <button type="submit" className="button button--secondary">
          {t("audit.filter")}
        </button>
      </Form>
      {rows.length === 0 ? (
        <EmptyState>{t("audit.empty")}</EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t("audit.time")}</th>
                <th scope="col">{t("audit.actor")}</th>
                <th scope="col">{t("audit.action")}</th>
                <th scope="col">{t("audit.entity")}</th>
                <th scope="col">{t("audit.ip")}</th>
                <th scope="col">{t("audit.changes")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <td className="nowrap">{formatDateTime(r.at, lang)}</td>
                  <td>{r.actor}</td>
                  <td>
                    <code>{r.action}</code>
                  </td>
                  <td className="small">{r.entity}</td>
                  <td className="small">{r.ip}</td>
                  <td className="small">
                    <Changes before={r.before} after={r.after} />
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

function Changes({ before, after }: { before: unknown; after: unknown }) {
  const b = (before ?? {}) as Record<string, unknown>;
  const a = (after ?? {}) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  if (keys.length === 0) return <>—</>;
  return (
    <ul className="changes">
      {keys.map((k) => (
        <li key={k}>
          <code>{k}</code>: {k in b ? `${JSON.stringify(b[k])} → ` : ""}
          {JSON.stringify(a[k])}
        </li>
      ))}
    </ul>
  );
}
