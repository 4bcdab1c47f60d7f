// A filed facility in the public directory: what was filed and the receipt — no personal data.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "../../db/client";
import { PageHeader } from "../components/layout";
import { titleMeta } from "../i18n/i18n";
import { useLang } from "../i18n/use-lang";
import { directoryEntry } from "../services/filing.server";
import { formatDate } from "../utils/format";
import { guarded } from "../utils/http.server";

export const meta: MetaFunction<typeof loader> = (args) => {
  const base = titleMeta("filing.directory.title")(args);
  const name = args.data && typeof args.data === "object" && "name" in args.data ? args.data.name : null;
  return name ? base.map((m) => ({ title: `${name} · ${m.title}` })) : base;
};

export async function loader({ params }: LoaderFunctionArgs) {
  return guarded(async () => directoryEntry(await getDb(), params.facilityId ?? ""));
}

export default function DirectoryEntry() {
  const { t } = useTranslation();
  const lang = useLang();
  const entry = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader title={entry.name} intro={lang === "zh-CN" ? entry.jurisdictionZh : entry.jurisdictionEn} actions={<span className="badge badge--ok">{t("filing.enums.filingState.filed")}</span>} />
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
        </dl>
      </section>
      <p className="muted small">{t("filing.directory.note")}</p>
      <p>
        <Link to="/directory">← {t("filing.directory.back")}</Link>
      </p>
    </>
  );
}
