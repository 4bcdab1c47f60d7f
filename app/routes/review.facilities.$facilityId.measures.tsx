// A facility's measures for a reviewer whose scope contains it (read-only): the same twelve
// determinations as the operator sees, on today's date or a chosen one, and its current utility price
// certificates. Outside the reviewer's scope the service refuses (403).
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "../../db/client";
import { isValidDate } from "../../rules/engine/dates";
import type { Status } from "../../rules/engine/types";
import { requirePermission } from "../auth/session.server";
import { jurisdictionName } from "../components/checklist";
import { FilingStateBadge } from "../components/facility-nav";
import { EmptyState, Notice, PageHeader } from "../components/layout";
import { titleMeta } from "../i18n/i18n";
import { useLang } from "../i18n/use-lang";
import { MeasureGroups, UtilityCertificateFacts } from "../components/measures";
import { certificateState } from "../services/certificates.server";
import { currentUtilityCertificates, facilityMeasures, utilitiesZh } from "../services/measures.server";
import { formatDate, todayInShanghai } from "../utils/format";
import { guarded } from "../utils/http.server";

export const meta: MetaFunction<typeof loader> = (args) => {
  const base = titleMeta("measures.title")(args);
  const name = args.data && typeof args.data === "object" && "facility" in args.data ? args.data.facility.name : null;
  return name ? base.map((m) => ({ title: `${name} · ${m.title}` })) : base;
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "review:filing:jurisdiction");
  return guarded(async () => {
    const db = await getDb();
    const today = todayInShanghai();
    const requested = new URL(request.url).searchParams.get("date") ?? "";
    const date = isValidDate(requested) ? requested : today;
    const { facility, evaluation } = await facilityMeasures(db, actor, params.facilityId ?? "", date);
    const current = await currentUtilityCertificates(db, facility.id, today);
    return {
      today,
      date,
      facility: { id: facility.id, name: facility.name, jurisdictionCode: facility.jurisdictionCode, state: facility.filingState },
      evaluation,
      certificates: current.map((c) => {
        const utilities = (c.payload as { utilities?: unknown } | null)?.utilities;
        return {
          id: c.id,
          number: c.number,
          code: c.code,
          validFrom: c.validFrom,
          validUntil: c.validUntil,
          state: certificateState(c, today),
          utilities: Array.isArray(utilities) ? utilitiesZh(utilities.filter((u): u is string => typeof u === "string")) : "",
        };
      }),
    };
  });
}

export default function ReviewMeasures() {
  const { t } = useTranslation();
  const lang = useLang();
  const { today, date, facility, evaluation, certificates } = useLoaderData<typeof loader>();
  const list = evaluation.determinations;
  const count = (s: Status) => list.filter((d) => d.status === s).length;
  return (
    <>
      <PageHeader title={facility.name} intro={`${t("measures.title")} · ${jurisdictionName(facility.jurisdictionCode, lang)}`} actions={<FilingStateBadge state={facility.state} />} />
      <p>
        <Link to="/review/utility-certificates">← {t("measures.list.title")}</Link>
      </p>

      <section className="card" aria-labelledby="measures-headline">
        <h2 id="measures-headline">{t("measures.reviewHeadline", { eligible: count("eligible"), needsInfo: count("needs_info") })}</h2>
        <p className="muted">{t("measures.asOf", { date: formatDate(date, lang) })}</p>
        <Form method="get" className="form form--inline">
          <div className="field">
            <label htmlFor="date">{t("measures.date")}</label>
            <input id="date" name="date" type="date" defaultValue={date} />
          </div>
          <button type="submit" className="button">
            {t("measures.show")}
          </button>
          {date !== today ? <a href={`/review/facilities/${facility.id}/measures`}>{t("measures.today")}</a> : null}
        </Form>
        {list.some((d) => d.provisional) ? <Notice>{t("measures.provisionalNote")}</Notice> : null}
      </section>

      <MeasureGroups determinations={list} lang={lang} />

      <section className="card" aria-labelledby="utility-title">
        <h2 id="utility-title">{t("measures.utility.title")}</h2>
        {certificates.length === 0 ? <EmptyState>{t("measures.utility.none")}</EmptyState> : null}
        {certificates.map((c) => (
          <UtilityCertificateFacts key={c.id} certificate={c} lang={lang} />
        ))}
      </section>
    </>
  );
}
