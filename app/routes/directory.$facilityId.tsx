// A filed facility in the public directory: what was filed and the receipt — no personal data.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "../../db/client";
import { PageHeader } from "../components/layout";
import { HonourBadge, ProgrammeFacts } from "../components/union/programme";
import { titleMeta } from "../i18n/i18n";
import { useLang } from "../i18n/use-lang";
import { directoryEntry } from "../services/filing.server";
import { publicProgrammes } from "../services/union.server";
import { formatDate, formatMoney } from "../utils/format";
import { guarded } from "../utils/http.server";

export const meta: MetaFunction<typeof loader> = (args) => {
  const base = titleMeta("filing.directory.title")(args);
  const name = args.data && typeof args.data === "object" && "name" in args.data ? args.data.name : null;
  return name ? base.map((m) => ({ title: `${name} · ${m.title}` })) : base;
};

export async function loader({ params }: LoaderFunctionArgs) {
  return guarded(async () => {
    const db = await getDb();
    const entry = await directoryEntry(db, params.facilityId ?? "");
    // an employer-run facility's public programme facts (employer, park, openness, honour; no contact)
    const programme = entry.kind === "employer_run" ? ((await publicProgrammes(db, [entry.facilityId]))[entry.facilityId] ?? null) : null;
    return { ...entry, programme };
  });
}

export default function DirectoryEntry() {
  const { t } = useTranslation();
  const lang = useLang();
  const entry = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader title={entry.name} intro={lang === "zh-CN" ? entry.jurisdictionZh : entry.jurisdictionEn} actions={
          <>
            <span className="badge badge--ok">{t("filing.enums.filingState.filed")}</span>
            {entry.inclusive ? <span className="badge badge--info">{t("certification.inclusiveBadge")}</span> : null}
          </>
        }
      />
      <section className="card" aria-labelledby="entry-title">
        <h2 id="entry-title">{t("filing.directory.details")}</h2>
        <dl className="facts">
          <dt>{t("filing.directory.receipt")}</dt>
          <dd>
            <strong>{entry.receiptNumber}</strong>
          </dd>
          <dt>{t("filing.directory.filedOn")}</dt>
          <dd>{formatDate(entry.filedOn, lang)}</dd>
          <dt>{t("filing.directory.operator")}</dt>
          <dd>{entry.organisationName}</dd>
          <dt>{t("filing.directory.address")}</dt>
          <dd>{entry.address ?? "—"}</dd>
          <dt>{t("filing.directory.county")}</dt>
          <dd>{lang === "zh-CN" ? entry.jurisdictionZh : entry.jurisdictionEn}</dd>
          <dt>{t("filing.directory.kind")}</dt>
          <dd>{entry.kind ? t(`filing.enums.kind.${entry.kind}`) : "—"}</dd>
          <dt>{t("filing.directory.services")}</dt>
          <dd>{entry.serviceTypes.length ? entry.serviceTypes.map((s) => t(`filing.enums.serviceType.${s}`)).join(t("policies.listSeparator")) : "—"}</dd>
          <dt>{t("filing.directory.slots")}</dt>
          <dd>{entry.totalSlots ?? "—"}</dd>
          <dt>{t("certification.title")}</dt>
          <dd>
            {entry.inclusive ? t("certification.status.certified") : t("certification.status.none")}
            {entry.certifiedSlots !== null ? ` · ${t("certification.certifiedSlots")}：${entry.certifiedSlots}` : ""}
            {entry.inclusiveUntil ? ` · ${t("certification.validity")}：${formatDate(entry.inclusiveUntil, lang)}` : ""}
          </dd>
        </dl>
      </section>
      {entry.programme ? (
        <section className="card" aria-labelledby="programme-title">
          <h2 id="programme-title">
            {t("union.public.title")} <HonourBadge years={entry.programme.awardedYears} />
          </h2>
          <ProgrammeFacts profile={entry.programme} />
        </section>
      ) : null}
      <section className="card" aria-labelledby="fees-title">
        <h2 id="fees-title">{t("pricing.fees.title")}</h2>
        {entry.fees.length === 0 ? (
          <p className="muted">{t("pricing.fees.none")}</p>
        ) : (
          <div className="table-wrap">
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{t("pricing.fees.kind")}</th>
                  <th scope="col">{t("pricing.fees.classType")}</th>
                  <th scope="col">{t("pricing.fees.serviceType")}</th>
                  <th scope="col">{t("pricing.fees.amount")}</th>
                </tr>
              </thead>
              <tbody>
                {entry.fees.map((f, i) => (
                  <tr key={i}>
                    <td>{f.kind === "basic" ? t("pricing.fees.basic") : `${f.name ?? ""}（${t("pricing.fees.other")}）`}</td>
                    <td>{f.classType ? t(`filing.enums.classType.${f.classType}`) : "—"}</td>
                    <td>{f.serviceType ? t(`filing.enums.serviceType.${f.serviceType}`) : "—"}</td>
                    <td>
                      {formatMoney(f.amountFen)}
                      {f.serviceType === "hourly" ? t("pricing.fees.perHour") : f.serviceType === "temporary" ? t("pricing.fees.perDay") : f.kind === "basic" ? t("pricing.fees.perMonth") : ""}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <p className="muted small">{t("filing.directory.note")}</p>
      <p>
        <Link to="/directory">← {t("filing.directory.back")}</Link>
      </p>
    </>
  );
}
