import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "../../db/client";
import { requirePermission } from "../auth/session.server";
import { FilingStateBadge } from "../components/facility-nav";
import { EmptyState, PageHeader } from "../components/layout";
import { titleMeta } from "../i18n/i18n";
import { useLang } from "../i18n/use-lang";
import { expiringProofs, getOwnOrganisation, listOwnFacilities } from "../services/facilities.server";
import { inbox } from "../services/filing.server";
import { formatDate, formatDateTime } from "../utils/format";
import { guarded } from "../utils/http.server";
import { WorkSummary } from "../components/work-summary";
import { workFor } from "../services/work.server";

export const meta = titleMeta("home.operator.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "view:facility:own");
  return guarded(async () => {
    const db = await getDb();
    const [organisation, facilities, messages, expiring] = [
      await getOwnOrganisation(db, actor),
      await listOwnFacilities(db, actor),
      await inbox(db, actor),
      await expiringProofs(db, actor),
    ];
    const work = await workFor(db, actor, "operator");
    return {
      work,
      organisation: { name: organisation.name, uscc: organisation.uscc, complete: Boolean(organisation.uscc && organisation.legalForm) },
      facilities: facilities.map((f) => ({ id: f.id, name: f.name, state: f.filingState, receiptNumber: f.receiptNumber, totalSlots: f.totalSlots })),
      messages: messages.map((m) => ({ id: m.id, kind: m.kind, params: (m.params ?? {}) as Record<string, unknown>, createdAt: m.createdAt.toISOString(), facilityId: m.facilityId })),
      expiring,
    };
  });
}

export default function OperatorHome() {
  const { t } = useTranslation();
  const lang = useLang();
  const { work, organisation, facilities, messages, expiring } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader
        title={t("home.operator.title")}
        intro={t("home.operator.intro")}
        actions={
          <Link to="/operator/facilities/new" className="button">
            {t("filing.facility.new")}
          </Link>
        }
      />
      <WorkSummary items={work} />
      <section className="card" aria-labelledby="org-title">
        <h2 id="org-title">{t("filing.organisation.title")}</h2>
        <p>
          <strong>{organisation.name}</strong>
          {organisation.uscc ? <span className="muted">（{organisation.uscc}）</span> : null}
        </p>
        <Link to="/operator/organisation">{organisation.complete ? t("filing.facility.editDetails") : t("filing.organisation.intro")}</Link>
      </section>
      <section className="card" aria-labelledby="facilities-title">
        <h2 id="facilities-title">{t("filing.facility.list")}</h2>
        {facilities.length === 0 ? (
          <EmptyState>{t("filing.facility.none")}</EmptyState>
        ) : (
          <div className="table-wrap">
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{t("filing.facility.name")}</th>
                  <th scope="col">{t("filing.facility.state")}</th>
                  <th scope="col">{t("filing.facility.receipt")}</th>
                  <th scope="col">{t("filing.facility.totalSlots")}</th>
                </tr>
              </thead>
              <tbody>
                {facilities.map((f) => (
                  <tr key={f.id}>
                    <td>
                      <Link to={`/operator/facilities/${f.id}`}>{f.name}</Link>
                    </td>
                    <td>
                      <FilingStateBadge state={f.state} />
                    </td>
                    <td>{f.receiptNumber ?? "—"}</td>
                    <td>{f.totalSlots ?? "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <div className="grid-2">
        <section className="card" aria-labelledby="inbox-title">
          <h2 id="inbox-title">{t("filing.inbox.title")}</h2>
          {messages.length === 0 ? (
            <EmptyState>{t("filing.inbox.empty")}</EmptyState>
          ) : (
            <ul className="inbox">
              {messages.map((m) => (
                <li key={m.id}>
                  <time dateTime={m.createdAt}>{formatDateTime(m.createdAt, lang)}</time>
                  {m.facilityId ? <Link to={`/operator/facilities/${m.facilityId}`}>{t(`filing.inbox.${m.kind}`, m.params)}</Link> : t(`filing.inbox.${m.kind}`, m.params)}
                </li>
              ))}
            </ul>
          )}
        </section>
        <section className="card" aria-labelledby="expiring-title">
          <h2 id="expiring-title">{t("filing.staff.expiring")}</h2>
          {expiring.length === 0 ? (
            <EmptyState>{t("home.emptyQueue")}</EmptyState>
          ) : (
            <ul className="inbox">
              {expiring.map((e) => (
                <li key={`${e.staffId}-${e.what}-${e.kind ?? ""}`}>
                  <time dateTime={e.validUntil}>{formatDate(e.validUntil, lang)}</time>
                  <Link to={`/operator/facilities/${e.facilityId}/staff/${e.staffId}`}>
                    {e.staffName} · {e.what === "health_certificate" ? t("filing.enums.documentKind.health_certificate") : t(`filing.enums.qualificationKind.${e.kind}`)}
                  </Link>
                  <span className="muted"> · {e.facilityName}</span>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </>
  );
}
