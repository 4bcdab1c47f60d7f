// The operator's employer-run programme page (用人单位办托): the programme profile the union reads
// (employer, USCC, park, openness, reserved slots, contact), and — read-only — the union's records about
// the facility: its 全国爱心托育用人单位 nominations and union grants. Only the facility's own operator sees
// it; the profile follows the working copy's rule (locked while a filing or change is under review).
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "../../db/client";
import { requirePermission } from "../auth/session.server";
import { FacilityNav } from "../components/facility-nav";
import { Field, Form, SubmitButton, useZodForm, YesNoField } from "../components/forms";
import { EmptyState, Notice, PageHeader } from "../components/layout";
import { GrantsTable, HonourBadge, NominationStatusBadge, ProgrammeFacts } from "../components/union/programme";
import { titleMeta } from "../i18n/i18n";
import { useLang } from "../i18n/use-lang";
import { programmeProfileSchema } from "../services/facilities.schemas";
import { saveProgrammeProfile } from "../services/facilities.server";
import { programmeForOperator } from "../services/union.server";
import { formatDate } from "../utils/format";
import { guarded, guardedAction } from "../utils/http.server";

export const meta = titleMeta("union.operator.title");

const text = (v: unknown) => (v === null || v === undefined ? "" : String(v));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "update:facility:own");
  return guarded(async () => {
    const { facility: f, nominations, grants, awardedYears } = await programmeForOperator(await getDb(), actor, params.facilityId ?? "");
    return {
      facility: { id: f.id, name: f.name, state: f.filingState, kind: f.kind },
      facilityKind: f.kind,
      profile: {
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
      defaults: {
        employerName: text(f.employerName),
        employerUscc: text(f.employerUscc),
        employerParkName: text(f.employerParkName),
        employerMainlyForOwnEmployees: text(f.employerMainlyForOwnEmployees),
        employerOpenToOtherEmployers: text(f.employerOpenToOtherEmployers),
        employerOpenToResidents: text(f.employerOpenToResidents),
        employerReservedSlots: text(f.employerReservedSlots),
        employerContactName: text(f.employerContactName),
        employerContactPhone: text(f.employerContactPhone),
      },
      nominations,
      grants,
      awardedYears,
    };
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "update:facility:own");
  const form = await request.formData();
  return guardedAction(async () => {
    await saveProgrammeProfile(await getDb(), actor, params.facilityId ?? "", Object.fromEntries(form));
    return redirect(`/operator/facilities/${params.facilityId}/programme?flash=saved`);
  });
}

export default function OperatorProgramme() {
  const { t } = useTranslation();
  const lang = useLang();
  const { facility, profile, defaults, nominations, grants, awardedYears } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const employerRun = facility.kind === "employer_run";
  const locked = facility.state === "submitted" || facility.state === "change_submitted";
  const cancelled = facility.state === "cancelled";
  const grantTotal = grants.reduce((sum, g) => sum + g.amountFen, 0);
  const matchingTotal = grants.reduce((sum, g) => sum + g.matchingFen, 0);
  return (
    <>
      <PageHeader title={facility.name} actions={<HonourBadge years={awardedYears} />} />
      <FacilityNav facilityId={facility.id} />
      {params.get("flash") === "saved" ? <Notice kind="success">{t("union.operator.saved")}</Notice> : null}
      {!employerRun ? (
        <Notice>
          {t("union.operator.notEmployerRun")} <Link to={`/operator/facilities/${facility.id}/details`}>{t("union.operator.toDetails")}</Link>
        </Notice>
      ) : (
        <section className="card" aria-labelledby="profile-title">
          <h2 id="profile-title">{t("union.operator.title")}</h2>
          <p className="muted">{t("union.operator.intro")}</p>
          {locked || cancelled ? (
            <>
              <Notice>{locked ? t("union.operator.locked") : t("union.operator.notEditable")}</Notice>
              <ProgrammeFacts profile={profile} withContact />
            </>
          ) : (
            <ProfileForm defaults={defaults} />
          )}
        </section>
      )}
      {employerRun || nominations.length || grants.length ? (
        <section className="card" aria-labelledby="records-title">
          <h2 id="records-title">{t("union.operator.unionRecords")}</h2>
          <p className="muted">{t("union.operator.unionRecordsIntro")}</p>
          <h3>{t("union.nomination.title")}</h3>
          {nominations.length === 0 ? (
            <EmptyState>{t("union.nomination.none")}</EmptyState>
          ) : (
            <div className="table-wrap">
              <table className="data-table">
                <thead>
                  <tr>
                    <th scope="col">{t("union.nomination.year")}</th>
                    <th scope="col">{t("union.nomination.statusLabel")}</th>
                    <th scope="col">{t("union.nomination.recommendedOn")}</th>
                    <th scope="col">{t("union.nomination.decidedOn")}</th>
                  </tr>
                </thead>
                <tbody>
                  {nominations.map((n) => (
                    <tr key={n.id}>
                      <td>{n.year}</td>
                      <td>
                        <NominationStatusBadge status={n.status} />
                      </td>
                      <td>{n.recommendedOn ? formatDate(n.recommendedOn, lang) : "—"}</td>
                      <td>{n.decidedOn ? formatDate(n.decidedOn, lang) : "—"}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <h3>{t("union.grant.title")}</h3>
          <GrantsTable grants={grants} total={{ amountFen: grantTotal, matchingFen: matchingTotal }} />
        </section>
      ) : null}
    </>
  );
}

function ProfileForm({ defaults }: { defaults: Record<string, string> }) {
  const { t } = useTranslation();
  const { form, onSubmit, formError } = useZodForm(programmeProfileSchema, defaults);
  const hasErrors = Object.keys(form.formState.errors).length > 0;
  return (
    <Form method="post" className="form" onSubmit={onSubmit} noValidate>
      {hasErrors ? <Notice kind="error">{t("errors.formHasErrors")}</Notice> : null}
      {formError ? <Notice kind="error">{t(formError)}</Notice> : null}
      <div className="form-grid" style={{ alignItems: "end" }}>
        <div className="field--wide">
          <Field form={form} name="employerName" label={t("union.profile.employerName")} maxLength={200} />
        </div>
        <Field form={form} name="employerUscc" label={t("union.profile.employerUscc")} hint={t("union.profile.employerUsccHint")} maxLength={18} autoCapitalize="characters" />
        <Field form={form} name="employerParkName" label={t("union.profile.parkName")} hint={t("union.profile.parkNameHint")} maxLength={100} />
        <YesNoField form={form} name="employerMainlyForOwnEmployees" label={t("union.profile.mainlyOwn")} />
        <YesNoField form={form} name="employerOpenToOtherEmployers" label={t("union.profile.openOther")} />
        <YesNoField form={form} name="employerOpenToResidents" label={t("union.profile.openResidents")} />
        <Field form={form} name="employerReservedSlots" label={t("union.profile.reservedSlots")} inputMode="numeric" />
        <Field form={form} name="employerContactName" label={t("union.profile.contactName")} hint={t("union.profile.contactHint")} maxLength={50} />
        <Field form={form} name="employerContactPhone" label={t("union.profile.contactPhone")} type="tel" maxLength={30} />
      </div>
      <div>
        <SubmitButton>{t("union.operator.save")}</SubmitButton>
      </div>
    </Form>
  );
}
