// The operator's measures page (可享受政策): all twelve determinations for the facility on today's date
// or a chosen one (`?date=`), grouped by status with their conditions, fixes and clauses, provisional
// parameters flagged; and the utility price certificate — the current one (PDF, validity, verification)
// and the request form when the rules say the facility qualifies today.
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "../../db/client";
import { addDays, isValidDate } from "../../rules/engine/dates";
import type { Status } from "../../rules/engine/types";
import { requirePermission } from "../auth/session.server";
import { FacilityNav } from "../components/facility-nav";
import { fieldMessage, isActionErrors, SubmitButton } from "../components/forms";
import { EmptyState, Notice, PageHeader } from "../components/layout";
import { titleMeta } from "../i18n/i18n";
import { useLang } from "../i18n/use-lang";
import { MeasureGroups, UtilityCertificateFacts } from "../components/measures";
import { certificateState } from "../services/certificates.server";
import { ForbiddenError } from "../services/errors";
import { currentLetters, issueEligibilityLetter, LETTER_MEASURES } from "../services/letters.server";
import { currentUtilityCertificates, facilityMeasures, RENEWAL_WINDOW_DAYS, requestUtilityCertificate, UTILITY_MEASURE, utilitiesZh } from "../services/measures.server";
import { formatDate, todayInShanghai } from "../utils/format";
import { guarded, guardedAction } from "../utils/http.server";

export const meta = titleMeta("measures.title");

/** Groups in the order an operator reads them: what it gets, what it can still get, the rest. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "submit:filing:own");
  return guarded(async () => {
    const db = await getDb();
    const today = todayInShanghai();
    const requested = new URL(request.url).searchParams.get("date") ?? "";
    const date = isValidDate(requested) ? requested : today;
    const { facility, evaluation } = await facilityMeasures(db, actor, params.facilityId ?? "", date);
    if (facility.organisationId !== actor.organisationId) throw new ForbiddenError("facility", "scope");
    // the request is decided on today's facts, whatever date the page shows
    const utilityToday =
      date === today
        ? evaluation.determinations.find((d) => d.measure === UTILITY_MEASURE)
        : (await facilityMeasures(db, actor, facility.id, today)).evaluation.determinations.find((d) => d.measure === UTILITY_MEASURE);
    const current = await currentUtilityCertificates(db, facility.id, today);
    const latestEnd = current[0]?.validUntil ?? null;
    const renewal = latestEnd !== null && addDays(today, RENEWAL_WINDOW_DAYS) > latestEnd;
    return {
      today,
      date,
      facilityKind: facility.kind,
      facility: { id: facility.id, name: facility.name },
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
      letters: await Promise.all(
        LETTER_MEASURES.map(async (measure) => {
          const d = evaluation.determinations.find((x) => x.measure === measure);
          const issued = (await currentLetters(db, facility.id, measure, today))[0];
          return { measure, title: d?.title ?? { zh: measure, en: measure }, eligible: date === today && d?.status === "eligible", issued: issued ? { id: issued.id, number: issued.number, validUntil: issued.validUntil } : null };
        }),
      ),
      eligibleToday: utilityToday?.status === "eligible",
      canRequest: utilityToday?.status === "eligible" && (latestEnd === null || renewal),
      renewal,
      renewalDays: RENEWAL_WINDOW_DAYS,
    };
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "submit:filing:own");
  const facilityId = params.facilityId ?? "";
  const form = await request.formData();
  return guardedAction(async () => {
    if (form.get("intent") === "letter") {
      const letter = await issueEligibilityLetter(await getDb(), actor, facilityId, String(form.get("measure") ?? ""));
      return redirect(`/operator/facilities/${facilityId}/measures?flash=letter&number=${encodeURIComponent(letter.number)}`);
    }
    const certificate = await requestUtilityCertificate(await getDb(), actor, facilityId);
    return redirect(`/operator/facilities/${facilityId}/measures?flash=requested&number=${encodeURIComponent(certificate.number)}`);
  });
}

export default function Measures() {
  const { t } = useTranslation();
  const lang = useLang();
  const { today, date, facility, evaluation, certificates, letters, eligibleToday, canRequest, renewal, renewalDays } = useLoaderData<typeof loader>();
  const actionData = useActionData<unknown>();
  const errors = isActionErrors(actionData) ? actionData : null;
  const [params] = useSearchParams();
  const list = evaluation.determinations;
  const count = (s: Status) => list.filter((d) => d.status === s).length;
  return (
    <>
      <PageHeader title={facility.name} intro={t("measures.intro")} />
      <FacilityNav facilityId={facility.id} />
      {params.get("flash") === "letter" && !errors ? <Notice kind="success">{t("measures.letters.issued", { number: params.get("number") ?? "" })}</Notice> : null}
      {params.get("flash") === "requested" && !errors ? <Notice kind="success">{t("measures.utility.requested", { number: params.get("number") ?? "" })}</Notice> : null}
      {errors?.formError ? <Notice kind="error">{fieldMessage(t, errors.formError)}</Notice> : null}

      <section className="card" aria-labelledby="measures-headline">
        <h2 id="measures-headline">{t("measures.headline", { eligible: count("eligible"), needsInfo: count("needs_info") })}</h2>
        <p className="muted">{t("measures.asOf", { date: formatDate(date, lang) })}</p>
        <Form method="get" className="form form--inline">
          <div className="field">
            <label htmlFor="date">{t("measures.date")}</label>
            <input id="date" name="date" type="date" defaultValue={date} />
          </div>
          <button type="submit" className="button">
            {t("measures.show")}
          </button>
          {date !== today ? <a href={`/operator/facilities/${facility.id}/measures`}>{t("measures.today")}</a> : null}
        </Form>
        {list.some((d) => d.provisional) ? <Notice>{t("measures.provisionalNote")}</Notice> : null}
      </section>

      <MeasureGroups determinations={list} lang={lang} />

      <section className="card" aria-labelledby="utility-title">
        <h2 id="utility-title">{t("measures.utility.title")}</h2>
        <p className="muted">{t("measures.utility.intro")}</p>
        {certificates.length === 0 ? <EmptyState>{t("measures.utility.none")}</EmptyState> : null}
        {certificates.map((c) => (
          <UtilityCertificateFacts key={c.id} certificate={c} lang={lang} />
        ))}
        {certificates.length > 0 ? <p className="small muted">{t("measures.utility.renewHint", { days: renewalDays })}</p> : null}
        {canRequest ? (
          <Form method="post" className="form">
            <SubmitButton>{renewal ? t("measures.utility.renew") : t("measures.utility.request")}</SubmitButton>
          </Form>
        ) : !eligibleToday ? (
          <Notice>{t("measures.utility.notEligible")}</Notice>
        ) : null}
      </section>
      <section className="card" aria-labelledby="letters-title">
        <h2 id="letters-title">{t("measures.letters.title")}</h2>
        <p className="muted">{t("measures.letters.intro")}</p>
        <ul className="inbox">
          {letters.map((l) => (
            <li key={l.measure}>
              <strong>{lang === "en" ? l.title.en : l.title.zh}</strong>{" "}
              {l.issued ? (
                <>
                  · {l.issued.number} · <a href={`/certificates/${l.issued.id}.pdf`}>{t("measures.letters.download")}</a>
                </>
              ) : l.eligible ? (
                <Form method="post" className="inline-form">
                  <input type="hidden" name="intent" value="letter" />
                  <input type="hidden" name="measure" value={l.measure} />
                  <button type="submit" className="button button--secondary">
                    {t("measures.letters.request")}
                  </button>
                </Form>
              ) : (
                <span className="muted">· {t("measures.letters.notEligible")}</span>
              )}
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
