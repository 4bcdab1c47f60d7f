// The price officer's desk: the schedules published within scope (each one's status computed per
// jurisdiction from today: current, superseded, not yet in force) and the form that publishes a new one.
// The form posts plain named fields (a class type × service type grid of caps in yuan) so it works
// without JavaScript; the action turns them into the shared schema's input and the service validates.
// The history table and the publish form live in app/components/pricing/.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { asc } from "drizzle-orm";
import { getDb } from "../../db/client";
import { jurisdictions } from "../../db/schema";
import { CLASS_TYPES, SERVICE_TYPES } from "../../rules/snapshot";
import { staffScope, withinJurisdiction } from "../auth/scope.server";
import { requirePermission } from "../auth/session.server";
import { isActionErrors } from "../components/forms";
import { Notice, PageHeader } from "../components/layout";
import { capName, PublishScheduleForm } from "../components/pricing/PublishScheduleForm";
import { ScheduleHistory, type ScheduleStatus } from "../components/pricing/ScheduleHistory";
import { titleMeta } from "../i18n/i18n";
import { ValidationError } from "../services/errors";
import { listSchedules, publishSchedule } from "../services/pricing.server";
import { todayInShanghai } from "../utils/format";
import { guarded, guardedAction } from "../utils/http.server";
import { WorkSummary } from "../components/work-summary";
import { workFor } from "../services/work.server";

export const meta = titleMeta("pricing.title");

/** Per jurisdiction: the latest schedule already in force is current, earlier ones superseded, later ones future. */
function statusesOf(
  rows: ReadonlyArray<{
    id: string;
    jurisdictionCode: string;
    effectiveFrom: string;
  }>,
  today: string
): Map<string, ScheduleStatus> {
  const out = new Map<string, ScheduleStatus>();
  const currentOf = new Map<string, string>();
  for (const r of rows) {
    if (r.effectiveFrom > today) continue;
    const best = currentOf.get(r.jurisdictionCode);
    if (best === undefined || r.effectiveFrom > best) currentOf.set(r.jurisdictionCode, r.effectiveFrom);
  }
  for (const r of rows) {
    const current = currentOf.get(r.jurisdictionCode);
    out.set(r.id, r.effectiveFrom > today ? "future" : r.effectiveFrom === current ? "current" : "superseded");
  }
  return out;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "publish:price:jurisdiction");
  return guarded(async () => {
    const db = await getDb();
    const today = todayInShanghai();
    const rows = await listSchedules(db, actor);
    const scope = staffScope(actor);
    const options = await db
      .select({
        code: jurisdictions.code,
        nameZh: jurisdictions.nameZh,
        nameEn: jurisdictions.nameEn,
      })
      .from(jurisdictions)
      .where(withinJurisdiction(jurisdictions.code, scope))
      .orderBy(asc(jurisdictions.path));
    const schedules = rows.map((r) => ({
      id: r.schedule.id,
      jurisdictionCode: r.schedule.jurisdictionCode,
      nameZh: r.nameZh,
      nameEn: r.nameEn,
      effectiveFrom: r.schedule.effectiveFrom,
      mode: r.schedule.mode,
      caps: (
        (r.schedule.caps ?? []) as Array<{
          classType: string;
          serviceType: string;
          capFen: number;
        }>
      ).map((c) => ({
        classType: c.classType,
        serviceType: c.serviceType,
        capFen: c.capFen,
      })),
      referenceMonthlyIncomeFen: r.schedule.referenceMonthlyIncomeFen,
      fullDayShareBp: r.schedule.fullDayShareBp,
      referenceDocument: r.schedule.referenceDocument,
      referenceClause: r.schedule.referenceClause,
      referenceUrl: r.schedule.referenceUrl,
    }));
    const statuses = statusesOf(schedules, today);
    return {
      work: await workFor(db, actor, "price_officer", today),
      today,
      scope,
      jurisdictions: options,
      schedules: schedules.map((s) => ({
        ...s,
        status: statuses.get(s.id) ?? "superseded",
      })),
    };
  });
}

export type PublishErrors = {
  ok: false;
  fieldErrors: Record<string, string>;
  formError?: string;
  values: Record<string, string>;
};

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "publish:price:jurisdiction");
  const form = await request.formData();
  const values: Record<string, string> = {};
  for (const [key, value] of form.entries()) if (typeof value === "string") values[key] = value;
  const text = (name: string) => (values[name] ?? "").trim();
  const mode = text("mode");
  // the grid's filled cells in a fixed order, so an error at caps.<i> points back to its input
  const filled: string[] = [];
  const caps: Array<{
    classType: string;
    serviceType: string;
    capFen: string;
  }> = [];
  for (const classType of CLASS_TYPES) {
    for (const serviceType of SERVICE_TYPES) {
      const raw = text(capName(classType, serviceType));
      if (raw === "") continue;
      filled.push(capName(classType, serviceType));
      caps.push({ classType, serviceType, capFen: raw });
    }
  }
  const input = {
    jurisdictionCode: text("jurisdictionCode"),
    effectiveFrom: text("effectiveFrom"),
    mode,
    // only the chosen method's inputs go to the service: stray values of the other one are ignored
    caps: mode === "caps" ? caps : undefined,
    referenceMonthlyIncome: mode === "formula" ? text("referenceMonthlyIncome") : undefined,
    fullDaySharePercent: mode === "formula" ? text("fullDaySharePercent") : undefined,
    referenceDocument: text("referenceDocument"),
    referenceClause: text("referenceClause"),
    referenceUrl: text("referenceUrl"),
  };
  return guardedAction(async () => {
    const db = await getDb();
    try {
      await publishSchedule(db, actor, input);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const fieldErrors: Record<string, string> = {};
      for (const [key, message] of Object.entries(error.fieldErrors)) {
        const m = /^caps\.(\d+)(\.|$)/.exec(key);
        const cell = m ? filled[Number(m[1])] : undefined;
        fieldErrors[cell ?? key] ??= message;
      }
      return data<PublishErrors>({ ok: false, fieldErrors, formError: error.formError, values }, { status: 400 });
    }
    return redirect("/pricing?flash=published");
  });
}

// ---- page ----------------------------------------------------------------------------------------

export default function PricingHome() {
  const { t } = useTranslation();
  const { work, scope, jurisdictions: options, schedules } = useLoaderData<typeof loader>();
  const actionData = useActionData<unknown>();
  const errors = isActionErrors(actionData) ? actionData.fieldErrors : {};
  const formError = isActionErrors(actionData) ? actionData.formError : undefined;
  const values: Record<string, string> = isActionErrors(actionData) && "values" in actionData ? (actionData as PublishErrors).values : {};
  const [params] = useSearchParams();

  return (
    <>
      <PageHeader title={t("pricing.title")} intro={t("pricing.intro")} />
      {params.get("flash") === "published" && !actionData ? <Notice kind="success">{t("pricing.published")}</Notice> : null}
      <WorkSummary items={work} />
      <ScheduleHistory schedules={schedules} />
      <PublishScheduleForm scope={scope} jurisdictions={options} errors={errors} formError={formError} values={values} />
    </>
  );
}
