// One inclusive-certification application for a reviewer whose scope contains the facility: the facility,
// the pre-check stored when it was applied for next to today's, the inspection, the objections, and the
// steps the current state allows — each a small form posting an `intent` to the service that decides.
// This module holds the loader, the intent action and the page's layout; the sections are in
// components/certification/.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb, type Db } from "../../db/client";
import type { Evaluation } from "../../rules/engine/evaluate";
import { requirePermission } from "../auth/session.server";
import { ApplicationActions } from "../components/certification/ApplicationActions";
import { ApplicationSummary } from "../components/certification/ApplicationSummary";
import { InspectionCard } from "../components/certification/InspectionCard";
import { Objections } from "../components/certification/Objections";
import { PrecheckCards } from "../components/certification/PrecheckCards";
import { isStepErrors, type StepErrors } from "../components/certification/views";
import { jurisdictionName } from "../components/checklist";
import { CertificationStatusBadge } from "../components/facility-nav";
import { isActionErrors } from "../components/forms";
import { Notice, PageHeader } from "../components/layout";
import { titleMeta } from "../i18n/i18n";
import { useLang } from "../i18n/use-lang";
import {
  applicationForViewer,
  certify,
  extendNotice,
  inclusivePrecheck,
  recordInspection,
  rejectApplication,
  revokeCertification,
  ruleOnObjection,
  startNotice,
  takeApplication,
  yearlyReview,
} from "../services/certification.server";
import { ConflictError, ValidationError } from "../services/errors";
import { todayInShanghai } from "../utils/format";
import { guarded } from "../utils/http.server";
import { intentAction } from "../utils/intents.server";

export type { StepErrors } from "../components/certification/views";

const PRECHECK_MEASURES = new Set(["inclusive.certification", "pricing.guided_price", "kindergarten.inclusive_toddler_class"]);

function relevant(evaluation: Evaluation): Evaluation {
  return {
    ...evaluation,
    determinations: evaluation.determinations.filter((d) => PRECHECK_MEASURES.has(d.measure) && !(d.measure.startsWith("kindergarten.") && d.status === "not_applicable")),
  };
}

export const meta: MetaFunction<typeof loader> = (args) => {
  const base = titleMeta("certification.title")(args);
  const name = args.data && typeof args.data === "object" && "facility" in args.data ? args.data.facility.name : null;
  return name ? base.map((m) => ({ title: `${name} · ${m.title}` })) : base;
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "review:filing:jurisdiction");
  return guarded(async () => {
    const db = await getDb();
    const today = todayInShanghai();
    const { app, facility, objections } = await applicationForViewer(db, actor, params.applicationId ?? "");
    const { snapshot, evaluation } = await inclusivePrecheck(db, facility, today);
    return {
      today,
      facility: {
        id: facility.id,
        name: facility.name,
        address: facility.address,
        jurisdictionCode: facility.jurisdictionCode,
        state: facility.filingState,
        kind: facility.kind,
        totalSlots: facility.totalSlots,
        receiptNumber: facility.receiptNumber,
        operatorName: snapshot.operator.name ?? null,
        ownership: snapshot.operator.ownership ?? null,
      },
      app: {
        id: app.id,
        status: app.status,
        appliedAt: app.appliedAt.toISOString(),
        requestedSlots: app.requestedSlots,
        inspectionOn: app.inspectionOn,
        inspectionFindings: app.inspectionFindings,
        inspectionPassed: app.inspectionPassed,
        noticeStartsOn: app.noticeStartsOn,
        noticeEndsOn: app.noticeEndsOn,
        certifiedSlots: app.certifiedSlots,
        validFrom: app.validFrom,
        validUntil: app.validUntil,
        certificateId: app.certificateId,
        reasons: app.reasons,
        decidedAt: app.decidedAt?.toISOString() ?? null,
        lastReviewedOn: app.lastReviewedOn,
      },
      storedPrecheck: relevant(app.precheck as Evaluation),
      currentPrecheck: relevant(evaluation),
      objections: objections.map((o) => ({
        id: o.id,
        content: o.content,
        contact: o.contact,
        ruling: o.ruling,
        rulingNote: o.rulingNote,
        createdAt: o.createdAt.toISOString(),
        ruledAt: o.ruledAt?.toISOString() ?? null,
      })),
    };
  });
}

/** Field errors and conflicts name the form they belong to (several forms share field names). */
export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "review:filing:jurisdiction");
  const form = await request.formData();
  const applicationId = params.applicationId ?? "";
  const intent = String(form.get("intent") ?? "");
  const target = String(form.get("objectionId") ?? "");
  const values: Record<string, string> = {};
  for (const [key, value] of form.entries()) if (typeof value === "string" && key !== "intent") values[key] = value;
  const here = `/review/inclusive/${applicationId}`;
  /** A step's refused input (400) or moved-on state (409) answers on its own form, with what was typed. */
  const step = (run: (db: Db) => Promise<Response>) => async () => {
    const db = await getDb();
    try {
      return await run(db);
    } catch (error) {
      if (error instanceof ValidationError) {
        return data<StepErrors>({ ok: false, fieldErrors: error.fieldErrors, formError: error.formError, intent, target, values }, { status: 400 });
      }
      if (error instanceof ConflictError) {
        return data<StepErrors>({ ok: false, fieldErrors: {}, formError: error.messageKey, intent, target, values }, { status: 409 });
      }
      throw error;
    }
  };
  return intentAction(form, {
    take: step(async (db) => {
      await takeApplication(db, actor, applicationId);
      return redirect(`${here}?flash=taken`);
    }),
    inspect: step(async (db) => {
      await recordInspection(db, actor, applicationId, { inspectionOn: values.inspectionOn ?? "", findings: values.findings ?? "", passed: values.passed ?? "" });
      return redirect(`${here}?flash=inspected`);
    }),
    notice: step(async (db) => {
      await startNotice(db, actor, applicationId);
      return redirect(`${here}?flash=noticeStarted`);
    }),
    extend: step(async (db) => {
      await extendNotice(db, actor, applicationId);
      return redirect(`${here}?flash=noticeExtended`);
    }),
    rule: step(async (db) => {
      // the objection must belong to this application (a guessed id of another is not ruled here)
      if (!(await applicationForViewer(db, actor, applicationId)).objections.some((o) => o.id === target)) throw new ValidationError({ ruling: "filing.validation.choice" });
      await ruleOnObjection(db, actor, target, { ruling: values.ruling ?? "", note: values.note ?? "" });
      return redirect(`${here}?flash=ruled`);
    }),
    certify: step(async (db) => {
      const { number } = await certify(db, actor, applicationId, { certifiedSlots: values.certifiedSlots ?? "" });
      return redirect(`${here}?flash=certified&number=${encodeURIComponent(number)}`);
    }),
    reject: step(async (db) => {
      await rejectApplication(db, actor, applicationId, { reason: values.reason ?? "" });
      return redirect(`${here}?flash=rejected`);
    }),
    revoke: step(async (db) => {
      await revokeCertification(db, actor, applicationId, { reason: values.reason ?? "" });
      return redirect(`${here}?flash=revoked`);
    }),
    review: step(async (db) => {
      await yearlyReview(db, actor, applicationId, { outcome: values.outcome ?? "", note: values.note ?? "" });
      return redirect(`${here}?flash=${values.outcome === "revoke" ? "revoked" : "reviewed"}`);
    }),
  });
}

// ---- page ----------------------------------------------------------------------------------------

const FLASHES = ["taken", "inspected", "noticeStarted", "noticeExtended", "ruled", "rejected", "revoked", "reviewed"];

export default function ReviewApplication() {
  const { t } = useTranslation();
  const lang = useLang();
  const { today, facility, app, storedPrecheck, currentPrecheck, objections } = useLoaderData<typeof loader>();
  const actionData = useActionData<unknown>();
  const [params] = useSearchParams();
  const flashKey = params.get("flash") ?? "";
  const flash = actionData
    ? null
    : flashKey === "certified"
    ? t("certification.certified", { number: params.get("number") ?? "—" })
    : FLASHES.includes(flashKey)
    ? t(`certification.flash.${flashKey}`)
    : null;
  // every step's refusal names its intent; the one answer that does not is intentAction's refusal of an unknown intent
  const unknownIntent = isActionErrors(actionData) && !isStepErrors(actionData) ? actionData.formError : undefined;
  const status = app.status;
  return (
    <>
      <PageHeader title={facility.name} intro={`${t("certification.title")} · ${jurisdictionName(facility.jurisdictionCode, lang)}`} actions={<CertificationStatusBadge status={status} />} />
      <p>
        <Link to="/review/inclusive">← {t("certification.back")}</Link>
      </p>
      {flash ? <Notice kind="success">{flash}</Notice> : null}
      {unknownIntent ? <Notice kind="error">{t(unknownIntent)}</Notice> : null}

      <ApplicationSummary facility={facility} app={app} />
      <InspectionCard app={app} />

      {objections.length > 0 || status === "public_notice" ? <Objections objections={objections} canRule={status === "public_notice"} /> : null}

      <ApplicationActions app={app} facility={facility} today={today} />

      <PrecheckCards currentPrecheck={currentPrecheck} storedPrecheck={storedPrecheck} />
    </>
  );
}
