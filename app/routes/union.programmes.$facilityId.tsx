// One employer-run programme for the union officer (/union/programmes/<facilityId>): the loader (the profile
// the operator keeps, the rules' `employer.union_support` determination, the 全国爱心托育用人单位 nominations
// year by year with their papers, the union grants) and the action. Every form posts here with an `intent`;
// each answer names its intent so a 400 shows its field messages on the form that was sent. The page's
// sections live in app/components/union/.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "../../db/client";
import { can } from "../auth/permissions";
import { requirePermission } from "../auth/session.server";
import { Checklist } from "../components/checklist";
import { FilingStateBadge } from "../components/facility-nav";
import type { ActionErrors } from "../components/forms";
import { EmptyState, Notice, PageHeader } from "../components/layout";
import { GrantForm } from "../components/union/GrantForm";
import { NominateForm } from "../components/union/NominateForm";
import { NominationCard } from "../components/union/NominationCard";
import { ProgrammeProfile } from "../components/union/ProgrammeProfile";
import { GrantsTable, HonourBadge, InclusiveLabelBadge, UnionProgrammes } from "../components/union/programme";
import { titleMeta } from "../i18n/i18n";
import { useLang } from "../i18n/use-lang";
import { ConflictError, ValidationError } from "../services/errors";
import { readUploadedFile } from "../services/storage.server";
import { attachNominationDocument, decideNomination, nominateProgramme, programmeDetail, recordGrant } from "../services/union.server";
import { formatDate, todayInShanghai } from "../utils/format";
import { errorResponse, guarded } from "../utils/http.server";
import { intentAction } from "../utils/intents.server";

export const meta: MetaFunction<typeof loader> = (args) => {
  const base = titleMeta("union.directory.title")(args);
  const name = args.data && typeof args.data === "object" && "profile" in args.data ? args.data.profile.facilityName : null;
  return name ? base.map((m) => ({ title: `${name} · ${m.title}` })) : base;
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "view:programme:jurisdiction");
  return guarded(async () => {
    const today = todayInShanghai();
    const d = await programmeDetail(await getDb(), actor, params.facilityId ?? "", today);
    const f = d.facility;
    return {
      today,
      canManage: can(actor.roles, "manage:programme:jurisdiction"),
      profile: {
        facilityId: f.id,
        facilityName: f.name,
        organisationName: d.organisationName,
        county: { zh: d.countyZh, en: d.countyEn },
        filingState: f.filingState,
        receiptNumber: f.receiptNumber,
        employerName: f.employerName,
        employerUscc: f.employerUscc,
        parkName: f.employerParkName,
        mainlyForOwnEmployees: f.employerMainlyForOwnEmployees,
        openToOtherEmployers: f.employerOpenToOtherEmployers,
        openToResidents: f.employerOpenToResidents,
        reservedSlots: f.employerReservedSlots,
        totalSlots: f.totalSlots,
        contactName: f.employerContactName,
        contactPhone: f.employerContactPhone,
      },
      inclusive: d.inclusive,
      certifiedSlots: d.certifiedSlots,
      fees: d.fees,
      determination: d.determination,
      nominations: d.nominations,
      grants: d.grants,
      awardedYears: d.awardedYears,
    };
  });
}

/** Like guardedAction, with the form's intent in the answer (several forms on this page share field names). */
async function answer(intent: string, fn: () => Promise<Response>) {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof ValidationError) return data<ActionErrors>({ ok: false, fieldErrors: error.fieldErrors, formError: error.formError, intent }, { status: 400 });
    if (error instanceof ConflictError) return data<ActionErrors>({ ok: false, fieldErrors: {}, formError: error.messageKey, intent }, { status: 409 });
    throw errorResponse(error);
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "manage:programme:jurisdiction");
  const facilityId = params.facilityId ?? "";
  const here = `/union/programmes/${facilityId}`;
  const url = new URL(request.url);
  // a paper upload names its nomination in the address: the body may be unreadable (too large)
  const paperFor = url.searchParams.get("nomination");
  if (paperFor !== null && (request.headers.get("content-type") ?? "").startsWith("multipart/form-data")) {
    const intent = `document:${paperFor}`;
    const upload = await readUploadedFile(request, "file");
    if (!upload.ok) return data<ActionErrors>({ ok: false, fieldErrors: { file: `filing.${upload.error}` }, intent }, { status: 400 });
    return answer(intent, async () => {
      await attachNominationDocument(await getDb(), actor, paperFor, { bytes: upload.bytes, name: upload.name });
      return redirect(`${here}?flash=uploaded#nomination-${paperFor}`);
    });
  }
  const form = await request.formData();
  const field = (name: string) => form.get(name) ?? "";
  return intentAction(form, {
    nominate: () =>
      answer("nominate", async () => {
        await nominateProgramme(await getDb(), actor, facilityId, { year: field("year"), notes: field("notes") });
        return redirect(`${here}?flash=nominated#nominations-title`);
      }),
    decide: () => {
      const nominationId = String(field("nominationId"));
      return answer(`decide:${nominationId}`, async () => {
        await decideNomination(await getDb(), actor, nominationId, { status: field("status"), on: field("on"), notes: field("notes") });
        return redirect(`${here}?flash=decided#nomination-${nominationId}`);
      });
    },
    grant: () =>
      answer("grant", async () => {
        await recordGrant(await getDb(), actor, facilityId, {
          programmeName: field("programmeName"),
          year: field("year"),
          amount: field("amount"),
          matching: field("matching"),
          grantedOn: field("grantedOn"),
          reference: field("reference"),
        });
        return redirect(`${here}?flash=granted#grants-title`);
      }),
  });
}

const FLASHES: Record<string, string> = {
  nominated: "union.nomination.created",
  decided: "union.nomination.decided",
  uploaded: "union.nomination.uploaded",
  granted: "union.grant.recorded",
};

export default function UnionProgramme() {
  const { t } = useTranslation();
  const lang = useLang();
  const { today, canManage, profile, inclusive, certifiedSlots, fees, determination, nominations, grants, awardedYears } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const flash = FLASHES[params.get("flash") ?? ""];
  const grantTotal = grants.reduce((sum, g) => sum + g.amountFen, 0);
  const matchingTotal = grants.reduce((sum, g) => sum + g.matchingFen, 0);
  return (
    <>
      <PageHeader
        title={profile.employerName ?? profile.facilityName}
        intro={`${profile.facilityName} · ${lang === "en" ? profile.county.en : profile.county.zh}`}
        actions={
          <>
            <HonourBadge years={awardedYears} />
            <FilingStateBadge state={profile.filingState} />
            <InclusiveLabelBadge label={inclusive} />
          </>
        }
      />
      <p>
        <Link to="/union">← {t("union.directory.title")}</Link>
      </p>
      {flash ? <Notice kind="success">{t(flash)}</Notice> : null}

      <ProgrammeProfile profile={profile} inclusive={inclusive} certifiedSlots={certifiedSlots} fees={fees} />

      <section className="card" aria-labelledby="determination-title">
        <h2 id="determination-title">{t("union.determination.title")}</h2>
        <p className="muted">{t("union.determination.intro", { date: formatDate(today, lang) })}</p>
        <Checklist determinations={[determination]} lang={lang} headingLevel={3} />
        <UnionProgrammes determination={determination} lang={lang} />
      </section>

      <section className="card" aria-labelledby="nominations-title">
        <h2 id="nominations-title">{t("union.nomination.title")}</h2>
        <p className="muted">{t("union.nomination.intro")}</p>
        {nominations.length === 0 ? <EmptyState>{t("union.nomination.none")}</EmptyState> : null}
        {nominations.map((n) => (
          // keyed by status too: the next step's form starts afresh once a step is recorded
          <NominationCard key={`${n.id}-${n.status}`} nomination={n} today={today} canManage={canManage} />
        ))}
        {canManage ? <NominateForm taken={nominations.map((n) => n.year)} /> : null}
      </section>

      <section className="card" aria-labelledby="grants-title">
        <h2 id="grants-title">{t("union.grant.title")}</h2>
        <p className="muted">{t("union.grant.intro")}</p>
        <GrantsTable grants={grants} total={{ amountFen: grantTotal, matchingFen: matchingTotal }} />
        {canManage ? <GrantForm today={today} recorded={grants.length} /> : null}
      </section>
    </>
  );
}
