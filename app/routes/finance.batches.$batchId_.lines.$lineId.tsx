// /finance/batches/$batchId/lines/$lineId — one subsidy line, "explainable years later" (issue #7): the
// decision stored when the batch was prepared (status, amount, each condition with its result and facts,
// the parameter values used with their provisional flag, the computation), the replay of that decision
// with the stored rules and parameter set ("same result ✓" or the difference), and for a correction the
// original line it corrects beside it, both decisions in full. The decision and replay cards are
// LineDecision and LineReplay in app/components/batches/.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "../../db/client";
import type { Determination } from "../../rules/engine/evaluate";
import type { ParameterScalar } from "../../rules/engine/parameters";
import type { Status } from "../../rules/engine/types";
import { requireUser } from "../auth/session.server";
import { LineDecision } from "../components/batches/LineDecision";
import { LineReplay } from "../components/batches/LineReplay";
import { batchesLinks, formatMonth } from "../components/batches/pieces";
import { PageHeader } from "../components/layout";
import { titleMeta } from "../i18n/i18n";
import { useLang } from "../i18n/use-lang";
import { subsidyConditionTitles } from "../services/batch-pages.server";
import { NotFoundError } from "../services/errors";
import { maskAccountNumber } from "../services/subsidy.schemas";
import { lineView, type StoredDecision } from "../services/subsidy.server";
import type { SubsidyBatchRow, SubsidyLineRow } from "../../db/schema";
import { guarded } from "../utils/http.server";

export const links = batchesLinks;
export const meta = titleMeta("batches.line.title");

function describe(line: SubsidyLineRow, decision: StoredDecision, batch: SubsidyBatchRow) {
  const details = decision.details as Record<string, unknown>;
  const num = (key: string) => (typeof details[key] === "number" ? (details[key] as number) : null);
  return {
    id: line.id,
    batch: { id: batch.id, number: batch.number, status: batch.status },
    kind: line.kind,
    period: line.period,
    payable: line.payable,
    amountFen: line.amountFen,
    entitledFen: line.entitledFen,
    status: decision.status as Status,
    judgedOn: decision.judgedOn,
    asOf: decision.asOf,
    rulesVersion: line.rulesVersion,
    localParametersVersion: line.localParametersVersion,
    provisional: line.provisional,
    reasons: line.reasons,
    missing: decision.missing,
    conditions: decision.conditions.map(([id, result, facts]) => ({ id, result, facts })),
    parameters: decision.parameters.map(([id, jurisdiction, effectiveFrom, value, provisional]) => ({
      id,
      jurisdiction,
      effectiveFrom,
      value: value as ParameterScalar,
      provisional,
    })),
    details: {
      children: num("children"),
      countedChildren: num("countedChildren"),
      slots: num("slots"),
      slotsSource: typeof details.slotsSource === "string" ? details.slotsSource : null,
      rateFen: num("rateFen"),
    },
    bank: line.accountNumber ? { name: line.accountName, bank: line.bankName, number: maskAccountNumber(line.accountNumber) } : null,
  };
}

/** The replay gives the stored status and amount (an original line's amount is what the month was worth). */
function replayMatches(replay: Determination | null, decision: StoredDecision, amountFen: number): boolean | null {
  if (!replay) return null;
  return replay.status === decision.status && (replay.status === "eligible" ? (replay.amountFen ?? 0) : 0) === amountFen;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireUser(request);
  return guarded(async () => {
    const view = await lineView(await getDb(), actor, params.lineId ?? "");
    if (view.batch.id !== params.batchId) throw new NotFoundError("line");
    return {
      facilityName: view.facilityName,
      batch: { id: view.batch.id, number: view.batch.number },
      line: describe(view.line, view.decision, view.batch),
      replay: view.replay,
      replayMatches: view.replayMatches,
      corrects: view.corrects
        ? {
            line: describe(view.corrects.line, view.corrects.decision, view.corrects.batch),
            replay: view.corrects.replay,
            replayMatches: replayMatches(view.corrects.replay, view.corrects.decision, view.corrects.line.amountFen),
          }
        : null,
      titles: subsidyConditionTitles(),
    };
  });
}

export default function LineViewPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const v = useLoaderData<typeof loader>();
  const corrects = v.corrects;
  return (
    <>
      <PageHeader title={t("batches.line.heading", { facility: v.facilityName, month: formatMonth(v.line.period, lang) })} intro={t("batches.line.storedIntro")} />
      <p>
        <Link to={`/finance/batches/${v.batch.id}`}>← {t("batches.line.back", { number: v.batch.number })}</Link>
      </p>
      {corrects ? (
        <>
          <div className="decision-pair">
            <div>
              <LineDecision line={v.line} titles={v.titles} heading={t("batches.line.delta")} headingId="delta-title" />
              <LineReplay line={v.line} replay={v.replay} matches={v.replayMatches} />
            </div>
            <div>
              <LineDecision
                line={corrects.line}
                titles={v.titles}
                heading={t("batches.line.originalIn", { number: corrects.line.batch.number, status: t(`batches.status.${corrects.line.batch.status}`) })}
                headingId="original-title"
                link={<Link to={`/finance/batches/${corrects.line.batch.id}/lines/${corrects.line.id}`}>{t("batches.line.openOriginal")}</Link>}
              />
              <LineReplay line={corrects.line} replay={corrects.replay} matches={corrects.replayMatches} />
            </div>
          </div>
        </>
      ) : (
        <>
          <LineDecision line={v.line} titles={v.titles} heading={t("batches.line.stored")} headingId="stored-title" />
          <LineReplay line={v.line} replay={v.replay} matches={v.replayMatches} />
        </>
      )}
    </>
  );
}
