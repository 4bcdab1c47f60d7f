// One employer-run programme for the union officer (/union/programmes/<facilityId>): the profile the
// operator keeps, the rules' `employer.union_support` determination, the 全国爱心托育用人单位 nominations
// year by year (with their papers) and the union grants. Every form posts here with an `intent`; each
// answer names its intent so a 400 shows its field messages on the form that was sent.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { getDb } from "../../db/client";
import { can } from "../auth/permissions";
import { requirePermission } from "../auth/session.server";
import { Checklist } from "../components/checklist";
import { FilingStateBadge } from "../components/facility-nav";
import { Field, FieldError, isActionErrors, SelectField, SubmitButton, useZodForm, type ActionErrors } from "../components/forms";
import { EmptyState, Notice, PageHeader } from "../components/layout";
import { GrantsTable, HonourBadge, InclusiveLabelBadge, NominationStatusBadge, ProgrammeFacts, UnionProgrammes } from "../components/programme";
import { titleMeta } from "../i18n/i18n";
import { useLang } from "../i18n/use-lang";
import { ConflictError, ValidationError } from "../services/errors";
import { readUploadedFile } from "../services/storage.server";
import { grantSchema, nominationDecisionSchema, nominationSchema } from "../services/union.schemas";
import { attachNominationDocument, decideNomination, nominateProgramme, programmeDetail, recordGrant, type NominationView } from "../services/union.server";
import { formatDate, formatMoney, todayInShanghai } from "../utils/format";
import { errorResponse, guarded } from "../utils/http.server";

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
  const intent = String(form.get("intent") ?? "");
  const field = (name: string) => form.get(name) ?? "";
  if (intent === "nominate") {
    return answer(intent, async () => {
      await nominateProgramme(await getDb(), actor, facilityId, { year: field("year"), notes: field("notes") });
      return redirect(`${here}?flash=nominated#nominations-title`);
    });
  }
  if (intent === "decide") {
    const nominationId = String(field("nominationId"));
    return answer(`decide:${nominationId}`, async () => {
      await decideNomination(await getDb(), actor, nominationId, { status: field("status"), on: field("on"), notes: field("notes") });
      return redirect(`${here}?flash=decided#nomination-${nominationId}`);
    });
  }
  return answer("grant", async () => {
    await recordGrant(await getDb(), actor, facilityId, {
      programmeName: field("programmeName"),
      year: field("year"),
      amount: field("amount"),
      matching: field("matching"),
      grantedOn: field("grantedOn"),
      reference: field("reference"),
    });
    return redirect(`${here}?flash=granted#grants-title`);
  });
}

const FLASHES: Record<string, string> = {
  nominated: "union.nomination.created",
  decided: "union.nomination.decided",
  uploaded: "union.nomination.uploaded",
  granted: "union.grant.recorded",
};

const UNIT: Record<string, string> = { full_day: "pricing.fees.perMonth", half_day: "pricing.fees.perMonth", hourly: "pricing.fees.perHour", temporary: "pricing.fees.perDay" };

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

      <section className="card" aria-labelledby="profile-title">
        <h2 id="profile-title">{t("union.profile.title")}</h2>
        <ProgrammeFacts profile={profile} withContact>
          <dt>{t("union.profile.operator")}</dt>
          <dd>{profile.organisationName}</dd>
          <dt>{t("union.profile.county")}</dt>
          <dd>{lang === "en" ? profile.county.en : profile.county.zh}</dd>
          <dt>{t("union.profile.filing")}</dt>
          <dd>
            <FilingStateBadge state={profile.filingState} />
          </dd>
          <dt>{t("union.profile.receipt")}</dt>
          <dd>{profile.receiptNumber ?? "—"}</dd>
          <dt>{t("union.profile.inclusive")}</dt>
          <dd>
            <InclusiveLabelBadge label={inclusive} />
            {certifiedSlots !== null ? ` ${t("union.profile.certifiedSlots")}：${certifiedSlots}` : ""}
          </dd>
          <dt>{t("union.profile.fees")}</dt>
          <dd>
            {fees.length === 0
              ? t("union.directory.noFees")
              : fees.map((f, i) => (
                  <div key={i}>
                    {t(`filing.enums.classType.${f.classType ?? ""}`)} · {t(`filing.enums.serviceType.${f.serviceType ?? ""}`)} {formatMoney(f.amountFen)}
                    {f.serviceType ? t(UNIT[f.serviceType] ?? "") : ""}
                  </div>
                ))}
          </dd>
        </ProgrammeFacts>
      </section>

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

function useIntentErrors(intent: string): ActionErrors | null {
  const actionData = useActionData<unknown>();
  return isActionErrors(actionData) && actionData.intent === intent ? actionData : null;
}

function NominationCard({ nomination: n, today, canManage }: { nomination: NominationView; today: string; canManage: boolean }) {
  const { t } = useTranslation();
  const lang = useLang();
  const decideIntent = `decide:${n.id}`;
  const { form, onSubmit, formError } = useZodForm(nominationDecisionSchema, { status: n.next[0] ?? "", on: today, notes: "" }, { intent: decideIntent });
  const paperErrors = useIntentErrors(`document:${n.id}`);
  return (
    <article className="card" id={`nomination-${n.id}`} aria-labelledby={`nomination-${n.id}-title`} style={{ boxShadow: "none", background: "#fafbfc" }}>
      <h3 id={`nomination-${n.id}-title`}>
        {t("union.nomination.forYear", { year: n.year })} <NominationStatusBadge status={n.status} />
      </h3>
      <dl className="facts">
        <dt>{t("union.nomination.recommendedOn")}</dt>
        <dd>{n.recommendedOn ? formatDate(n.recommendedOn, lang) : "—"}</dd>
        <dt>{t("union.nomination.decidedOn")}</dt>
        <dd>{n.decidedOn ? formatDate(n.decidedOn, lang) : "—"}</dd>
        <dt>{t("union.nomination.notes")}</dt>
        <dd style={{ whiteSpace: "pre-wrap" }}>{n.notes ?? "—"}</dd>
        <dt>{t("union.nomination.documents")}</dt>
        <dd>
          {n.documents.length === 0 ? (
            <span className="muted">{t("union.nomination.noDocuments")}</span>
          ) : (
            <ul className="plain-list">
              {n.documents.map((d) => (
                <li key={d.id}>
                  <a href={`/documents/${d.id}`}>{d.originalName}</a> <span className="small muted">{Math.ceil(d.sizeBytes / 1024)} KB</span>
                </li>
              ))}
            </ul>
          )}
        </dd>
      </dl>
      {canManage && n.next.length ? (
        <Form method="post" className="form" onSubmit={onSubmit} noValidate style={{ marginTop: "1rem" }}>
          <input type="hidden" name="intent" value="decide" />
          <input type="hidden" name="nominationId" value={n.id} />
          {formError ? <Notice kind="error">{t(formError)}</Notice> : null}
          <div className="form-grid" style={{ alignItems: "end" }}>
            <SelectField form={form} name="status" label={t("union.nomination.nextStep")} options={n.next.map((s) => ({ value: s, label: t(`union.nomination.status.${s}`) }))} />
            <Field form={form} name="on" type="date" label={t("union.nomination.on")} max={today} />
            <Field form={form} name="notes" label={t("union.nomination.decisionNotes")} maxLength={2000} />
          </div>
          <div>
            <SubmitButton>{t("union.nomination.decide")}</SubmitButton>
          </div>
        </Form>
      ) : null}
      {canManage ? (
        <Form key={n.documents.length} method="post" encType="multipart/form-data" action={`?nomination=${n.id}`} className="form" style={{ marginTop: "1rem" }}>
          {/* one of these per nomination: the input's id names its nomination so each label finds its own */}
          <div className={`field${paperErrors?.fieldErrors.file ? " field--error" : ""}`}>
            <label htmlFor={`paper-${n.id}`}>{t("union.nomination.file")}</label>
            <input id={`paper-${n.id}`} name="file" type="file" accept="application/pdf,image/jpeg,image/png" aria-invalid={paperErrors?.fieldErrors.file ? true : undefined} />
            <FieldError message={paperErrors?.fieldErrors.file} />
          </div>
          <div>
            <button type="submit" className="button button--secondary">
              {t("union.nomination.upload")}
            </button>
          </div>
        </Form>
      ) : null}
    </article>
  );
}

function NominateForm({ taken }: { taken: number[] }) {
  const { t } = useTranslation();
  const thisYear = Number(todayInShanghai().slice(0, 4));
  // this year's round, or the next one once this year's nomination is recorded
  const year = [thisYear, thisYear + 1].find((y) => !taken.includes(y));
  const { form, onSubmit, formError } = useZodForm(nominationSchema, { year: year ? String(year) : "", notes: "" }, { intent: "nominate" });
  useEffect(() => form.reset({ year: year ? String(year) : "", notes: "" }), [year, form]);
  return (
    <Form method="post" className="form" onSubmit={onSubmit} noValidate style={{ marginTop: "1rem" }}>
      <h3>{t("union.nomination.submit")}</h3>
      <input type="hidden" name="intent" value="nominate" />
      {formError ? <Notice kind="error">{t(formError)}</Notice> : null}
      <div className="form-grid" style={{ alignItems: "end" }}>
        <Field form={form} name="year" label={t("union.nomination.year")} inputMode="numeric" maxLength={4} />
        <div className="field--wide">
          <Field form={form} name="notes" label={t("union.nomination.notes")} maxLength={2000} />
        </div>
      </div>
      <div>
        <SubmitButton>{t("union.nomination.submit")}</SubmitButton>
      </div>
    </Form>
  );
}

function GrantForm({ today, recorded }: { today: string; recorded: number }) {
  const { t } = useTranslation();
  const { form, onSubmit, formError } = useZodForm(grantSchema, { programmeName: "", year: today.slice(0, 4), amount: "", matching: "", grantedOn: today, reference: "" }, { intent: "grant" });
  // a recorded grant clears the form for the next one
  useEffect(() => form.reset(), [recorded, form]);
  return (
    <Form method="post" className="form" onSubmit={onSubmit} noValidate style={{ marginTop: "1rem" }}>
      <h3>{t("union.grant.submit")}</h3>
      <input type="hidden" name="intent" value="grant" />
      {formError ? <Notice kind="error">{t(formError)}</Notice> : null}
      <div className="form-grid" style={{ alignItems: "end" }}>
        <div className="field--wide">
          <Field form={form} name="programmeName" label={t("union.grant.programmeName")} hint={t("union.grant.programmeNameHint")} maxLength={100} />
        </div>
        <Field form={form} name="year" label={t("union.grant.year")} inputMode="numeric" maxLength={4} />
        <Field form={form} name="amount" label={t("union.grant.amount")} inputMode="decimal" />
        <Field form={form} name="matching" label={t("union.grant.matching")} hint={t("union.grant.matchingHint")} inputMode="decimal" />
        <Field form={form} name="grantedOn" type="date" label={t("union.grant.grantedOn")} max={today} />
        <Field form={form} name="reference" label={t("union.grant.reference")} maxLength={100} />
      </div>
      <div>
        <SubmitButton>{t("union.grant.submit")}</SubmitButton>
      </div>
    </Form>
  );
}
