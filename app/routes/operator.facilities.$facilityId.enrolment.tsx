// The operator's monthly enrolment reports (issue #7 part 3): the loader (the chosen month's report, what
// the facility can hold, every month reported) and the action saving the month's draft or submitting it.
// The page's sections live in app/components/enrolment/ (month picker, the month's report and form, the
// list of months). The service decides what is editable and what is impossible.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "../../db/client";
import { requirePermission } from "../auth/session.server";
import { FacilityNav } from "../components/facility-nav";
import { fieldMessage, isActionErrors } from "../components/forms";
import { MonthPicker } from "../components/enrolment/MonthPicker";
import { MonthReport } from "../components/enrolment/MonthReport";
import { ReportsList } from "../components/enrolment/ReportsList";
import type { EnrolmentErrors, EnrolmentVersionView } from "../components/enrolment/views";
import { Notice, PageHeader } from "../components/layout";
import { langFromCookie, titleMeta, type Lang } from "../i18n/i18n";
import { operatorEnrolment, saveEnrolmentDraft, submitEnrolment } from "../services/enrolment.server";
import { ENROLMENT_COUNT_FIELDS, fullDayChildrenOf } from "../services/subsidy.schemas";
import { guarded } from "../utils/http.server";
import { intentAction } from "../utils/intents.server";
import { localiseFieldErrors, localiseMessage } from "../utils/localise-errors";
import { ValidationError } from "../services/errors";
import { pageParam } from "../utils/paging";

export const meta = titleMeta("subsidy.enrolment.title");

const PAGE_SIZE = 24;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "update:facility:own");
  const url = new URL(request.url);
  return guarded(async () => {
    const page = await operatorEnrolment(await getDb(), actor, params.facilityId ?? "", url.searchParams.get("period"), { page: pageParam(url), pageSize: PAGE_SIZE });
    const versionOut = (v: NonNullable<typeof page.report>["versions"][number]): EnrolmentVersionView => ({
      id: v.id,
      version: v.version,
      status: v.status,
      fullDayInfant: v.fullDayInfant,
      fullDayToddler: v.fullDayToddler,
      fullDayOlderToddler: v.fullDayOlderToddler,
      fullDayMixed: v.fullDayMixed,
      otherInfant: v.otherInfant,
      otherToddler: v.otherToddler,
      otherOlderToddler: v.otherOlderToddler,
      otherMixed: v.otherMixed,
      kindergartenClassChildren: v.kindergartenClassChildren,
      daysOpen: v.daysOpen,
      fullDayAttending: v.fullDayAttending,
      note: v.note,
      returnReason: v.returnReason,
      submittedAt: v.submittedAt?.toISOString() ?? null,
      decidedAt: v.decidedAt?.toISOString() ?? null,
    });
    return {
      facility: { id: page.facility.id, name: page.facility.name, kind: page.facility.kind },
      period: page.period,
      periodError: page.periodError ? localiseMessage(page.periodError, langFromCookie(request.headers.get("cookie"))) : null,
      reporting: page.reporting,
      monthEnded: page.monthEnded,
      capacity: page.capacity,
      report: page.report
        ? { id: page.report.id, approvedVersion: page.report.approvedVersion, approvedFullDayChildren: page.report.approvedFullDayChildren, versions: page.report.versions.map(versionOut) }
        : null,
      reports: page.reports.map((r) => ({
        id: r.id,
        period: r.period,
        approvedVersion: r.approvedVersion,
        approvedFullDayChildren: r.approvedFullDayChildren,
        versions: r.versions.map((v) => ({ id: v.id, version: v.version, status: v.status, fullDayChildren: fullDayChildrenOf(v), submittedAt: v.submittedAt?.toISOString() ?? null })),
      })),
      hasMore: page.hasMore,
      page: pageParam(url),
    };
  });
}

/** What the form posts besides the period: the counts, days open, full-day children attending, the note. */
function postedValues(form: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const f of [...ENROLMENT_COUNT_FIELDS, "daysOpen", "fullDayAttending", "note"]) values[f] = String(form.get(f) ?? "");
  return values;
}

/**
 * Runs a save or a submit; a refusal answers 400 with dates and months in the reader's language and the
 * typed values back to the form (a refused submit posted no numbers: `values` is null, the form keeps the
 * saved ones).
 */
async function refusedAs400(lang: Lang, values: () => Record<string, string> | null, fn: () => Promise<Response>) {
  try {
    return await fn();
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    return data<EnrolmentErrors>({ ok: false, fieldErrors: localiseFieldErrors(error.fieldErrors, lang), formError: error.formError, values: values() }, { status: 400 });
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "update:facility:own");
  const form = await request.formData();
  const lang = langFromCookie(request.headers.get("cookie"));
  const facilityId = params.facilityId ?? "";
  const period = String(form.get("period") ?? "");
  const here = `/operator/facilities/${facilityId}/enrolment?period=${encodeURIComponent(period)}`;
  const save = () =>
    refusedAs400(lang, () => postedValues(form), async () => {
      await saveEnrolmentDraft(await getDb(), actor, facilityId, period, postedValues(form));
      return redirect(`${here}&flash=saved`);
    });
  return intentAction(form, {
    save,
    // a post without an intent saves the month's draft, as the form's own hidden field says
    "": save,
    submit: () =>
      refusedAs400(lang, () => null, async () => {
        await submitEnrolment(await getDb(), actor, facilityId, period);
        return redirect(`${here}&flash=submitted`);
      }),
  });
}

// ---- page ----------------------------------------------------------------------------------------

export default function Enrolment() {
  const { t } = useTranslation();
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<unknown>();
  const [params] = useSearchParams();
  const flash = actionData ? null : params.get("flash");
  const formError = isActionErrors(actionData) ? actionData.formError : undefined;
  return (
    <>
      <PageHeader title={d.facility.name} />
      <FacilityNav facilityId={d.facility.id} />
      {flash === "saved" ? <Notice kind="success">{t("subsidy.enrolment.saved")}</Notice> : null}
      {flash === "submitted" ? <Notice kind="success">{t("subsidy.enrolment.submitted")}</Notice> : null}
      {formError ? <Notice kind="error">{fieldMessage(t, formError)}</Notice> : null}
      <MonthPicker period={d.period} periodError={d.periodError} reporting={d.reporting} />
      <MonthReport period={d.period} reporting={d.reporting} monthEnded={d.monthEnded} capacity={d.capacity} report={d.report} />
      <ReportsList reports={d.reports} page={d.page} hasMore={d.hasMore} />
    </>
  );
}
