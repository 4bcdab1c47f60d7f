// The administrator's operating-subsidy standards (issue #7 part 1): per county in scope, the standard in
// force today as the rules resolve it — the local official one, or the built-in provisional example value
// (示例值) — the form that enters a standard (or replaces a live one: `?replace=<code>:<date>`), and the
// history of every entry, replaced ones included. The service validates; this route only adapts.
// The page's tables and form live in app/components/standards/.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "../../db/client";
import { staffScope } from "../auth/scope.server";
import { requirePermission } from "../auth/session.server";
import { isActionErrors } from "../components/forms";
import { Notice, PageHeader } from "../components/layout";
import { StandardForm } from "../components/standards/StandardForm";
import { StandardHistory } from "../components/standards/StandardHistory";
import { StandardsInForce } from "../components/standards/StandardsInForce";
import { langFromCookie, titleMeta } from "../i18n/i18n";
import { ValidationError } from "../services/errors";
import { enterStandard, replaceStandard, standardHistory, standardJurisdictions, standardsInForce } from "../services/standards.server";
import { todayInShanghai } from "../utils/format";
import { guarded } from "../utils/http.server";
import { intentAction } from "../utils/intents.server";
import { localiseFieldErrors } from "../utils/localise-errors";

export const meta = titleMeta("subsidy.standards.title");

const FIELDS = ["jurisdictionCode", "effectiveFrom", "effectiveTo", "perChildMonth", "perChildMonthKindergartenClass", "maxMonthsPerYear", "periodRule", "minAttendanceDays", "referenceDocument", "referenceClause", "referenceUrl"] as const;

function yuan(fen: number | null): string {
  return fen === null ? "" : (fen / 100).toFixed(fen % 100 === 0 ? 0 : 2);
}

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "manage:parameter:jurisdiction");
  const url = new URL(request.url);
  return guarded(async () => {
    const db = await getDb();
    const today = todayInShanghai();
    const [places, inForce, history] = [await standardJurisdictions(db, actor), await standardsInForce(db, actor, today), await standardHistory(db, actor)];
    const [replaceCode, replaceFrom] = (url.searchParams.get("replace") ?? "").split(":");
    const target = history.find((h) => h.live && h.jurisdictionCode === replaceCode && h.effectiveFrom === replaceFrom) ?? null;
    const chosen = url.searchParams.get("jurisdiction") ?? "";
    return {
      today,
      scope: staffScope(actor),
      places,
      inForce,
      history: history.map((h) => ({ ...h, enteredAt: h.enteredAt.toISOString(), supersededAt: h.supersededAt?.toISOString() ?? null })),
      replace: target ? { jurisdictionCode: target.jurisdictionCode, effectiveFrom: target.effectiveFrom } : null,
      defaults: target
        ? {
            jurisdictionCode: target.jurisdictionCode,
            effectiveFrom: target.effectiveFrom,
            effectiveTo: target.effectiveTo ?? "",
            perChildMonth: yuan(target.perChildMonthFen),
            perChildMonthKindergartenClass: yuan(target.perChildMonthKindergartenClassFen),
            maxMonthsPerYear: target.maxMonthsPerYear === null ? "" : String(target.maxMonthsPerYear),
            periodRule: target.periodRule ?? "",
            minAttendanceDays: target.minAttendanceDays === null ? "" : String(target.minAttendanceDays),
            referenceDocument: target.referenceDocument,
            referenceClause: target.referenceClause,
            referenceUrl: target.referenceUrl ?? "",
          }
        : { ...Object.fromEntries(FIELDS.map((f) => [f, ""])), jurisdictionCode: places.some((p) => p.code === chosen) ? chosen : "" },
    };
  });
}

type StandardErrors = { ok: false; fieldErrors: Record<string, string>; formError?: string; values: Record<string, string> };

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "manage:parameter:jurisdiction");
  const form = await request.formData();
  const values: Record<string, string> = {};
  for (const f of FIELDS) values[f] = String(form.get(f) ?? "");
  // a refusal comes back with the posted values and the messages' dates in the reader's language
  const refusedAs400 = async (write: () => Promise<Response>) => {
    try {
      return await write();
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const lang = langFromCookie(request.headers.get("cookie"));
      return data<StandardErrors>({ ok: false, fieldErrors: localiseFieldErrors(error.fieldErrors, lang), formError: error.formError, values }, { status: 400 });
    }
  };
  const enter = async () => {
    const db = await getDb();
    return refusedAs400(async () => {
      await enterStandard(db, actor, values, { endPrevious: form.get("endPrevious") === "on" });
      return redirect("/admin/standards?flash=entered");
    });
  };
  return intentAction(form, {
    enter,
    replace: async () => {
      const db = await getDb();
      return refusedAs400(async () => {
        await replaceStandard(db, actor, { jurisdictionCode: String(form.get("replaceJurisdiction") ?? ""), effectiveFrom: String(form.get("replaceFrom") ?? "") }, values);
        return redirect("/admin/standards?flash=replaced");
      });
    },
    // a post without an intent (not this page's form, which always sends one) enters, as it always has
    "": enter,
  });
}

// ---- page ----------------------------------------------------------------------------------------

export default function Standards() {
  const { t } = useTranslation();
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<unknown>();
  const [params] = useSearchParams();
  const values = isActionErrors(actionData) && "values" in actionData ? (actionData as StandardErrors).values : null;
  const flash = actionData ? null : params.get("flash");
  return (
    <>
      <PageHeader
        title={t("subsidy.standards.title")}
        intro={t("subsidy.standards.intro")}
        actions={
          <Link to="/admin" className="button button--secondary">
            {t("admin.users")}
          </Link>
        }
      />
      {flash === "entered" ? <Notice kind="success">{t("subsidy.standards.entered")}</Notice> : null}
      {flash === "replaced" ? <Notice kind="success">{t("subsidy.standards.replaced")}</Notice> : null}

      <StandardsInForce today={d.today} inForce={d.inForce} />

      <StandardForm
        key={`${d.replace ? `${d.replace.jurisdictionCode}:${d.replace.effectiveFrom}` : ""}|${d.defaults.jurisdictionCode}`}
        scope={d.scope}
        places={d.places}
        replace={d.replace}
        defaults={d.defaults}
        values={values}
      />

      <StandardHistory history={d.history} />
    </>
  );
}
