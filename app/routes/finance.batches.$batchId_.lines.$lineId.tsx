// /finance/batches/$batchId/lines/$lineId — one subsidy line, "explainable years later" (issue #7): the
// decision stored when the batch was prepared (status, amount, each condition with its result and facts,
// the parameter values used with their provisional flag, the computation), the replay of that decision
// with the stored rules and parameter set ("same result ✓" or the difference), and for a correction the
// original line it corrects beside it, both decisions in full.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { getDb } from "../../db/client";
import type { Determination } from "../../rules/engine/evaluate";
import type { ParameterScalar } from "../../rules/engine/parameters";
import type { Status, Text } from "../../rules/engine/types";
import { PARAMETER_DEFINITIONS } from "../../rules/parameters/definitions";
import { requireUser } from "../auth/session.server";
import { batchesLinks, colon, formatMonth, KindBadge, reasonText } from "../components/batches";
import { Checklist, formatParameterValue, jurisdictionName, ProvisionalBadge, StatusBadge, textIn } from "../components/checklist";
import { PageHeader } from "../components/layout";
import { titleMeta } from "../i18n/i18n";
import { useLang } from "../i18n/use-lang";
import { subsidyConditionTitles } from "../services/batch-pages.server";
import { NotFoundError } from "../services/errors";
import { maskAccountNumber } from "../services/subsidy.schemas";
import { lineView, type StoredDecision } from "../services/subsidy.server";
import type { SubsidyBatchRow, SubsidyLineRow } from "../../db/schema";
import { formatDate, formatMoney } from "../utils/format";
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

type Described = ReturnType<typeof describe>;

const DEFINITIONS = new Map(PARAMETER_DEFINITIONS.map((d) => [d.id, d]));

function FactList({ facts }: { facts: Record<string, unknown> }) {
  const entries = Object.entries(facts);
  if (entries.length === 0) return <>—</>;
  return (
    <ul className="fact-list">
      {entries.map(([k, v]) => (
        <li key={k}>
          <code>
            {k} = {v === null || v === undefined ? "—" : typeof v === "object" ? JSON.stringify(v) : String(v)}
          </code>
        </li>
      ))}
    </ul>
  );
}

function Decision({ line, titles, heading, headingId, link }: { line: Described; titles: Record<string, Text>; heading: string; headingId: string; link?: ReactNode }) {
  const { t } = useTranslation();
  const lang = useLang();
  const c = colon(lang);
  const d = line.details;
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{heading}</h2>
      {link ? <p className="small">{link}</p> : null}
      <dl className="facts">
        <dt>{t("batches.line.kind")}</dt>
        <dd>
          <KindBadge kind={line.kind} amountFen={line.amountFen} /> {formatMonth(line.period, lang)}
        </dd>
        <dt>{t("batches.line.status")}</dt>
        <dd>
          <StatusBadge status={line.status} /> {line.provisional ? <ProvisionalBadge /> : null}
        </dd>
        <dt>{t("batches.line.amount")}</dt>
        <dd>
          <strong>{line.payable ? formatMoney(line.amountFen) : formatMoney(0)}</strong>
        </dd>
        {line.kind === "delta" ? (
          <>
            <dt>{t("batches.line.entitled")}</dt>
            <dd>{formatMoney(line.entitledFen)}</dd>
            <dt>{t("batches.line.settled")}</dt>
            <dd>{formatMoney(line.entitledFen - line.amountFen)}</dd>
          </>
        ) : null}
        <dt>{t("batches.line.judgedOn")}</dt>
        <dd>{formatDate(line.judgedOn, lang)}</dd>
        <dt>{t("batches.line.rulesVersion")}</dt>
        <dd>
          <code title={line.rulesVersion}>{line.rulesVersion.slice(0, 12)}</code>
          {line.localParametersVersion ? (
            <>
              {" · "}
              {t("batches.batch.localVersion")}
              {c}
              <code title={line.localParametersVersion}>{line.localParametersVersion.slice(0, 12)}</code>
            </>
          ) : null}
        </dd>
        {line.reasons.length ? (
          <>
            <dt>{t("batches.line.reasons")}</dt>
            <dd>
              <ul className="reason-list">
                {line.reasons.map((r) => (
                  <li key={r}>{reasonText(t, r)}</li>
                ))}
              </ul>
            </dd>
          </>
        ) : null}
        {line.bank ? (
          <>
            <dt>{t("batches.line.bankAsPaid")}</dt>
            <dd>
              {line.bank.name} · {line.bank.bank} <span className="account">{line.bank.number}</span>
            </dd>
          </>
        ) : null}
      </dl>

      <h3>{t("batches.line.details")}</h3>
      <dl className="facts">
        <dt>{t("batches.line.children")}</dt>
        <dd>{d.children ?? t("batches.line.none")}</dd>
        <dt>{t("batches.line.slots")}</dt>
        <dd>
          {d.slots ?? t("batches.line.none")}
          {d.slotsSource ? <span className="muted small">（{t(`batches.line.${d.slotsSource === "certifiedSlots" ? "certifiedSlots" : "totalSlots"}`)}）</span> : null}
        </dd>
        <dt>{t("batches.line.counted")}</dt>
        <dd>{d.countedChildren ?? t("batches.line.none")}</dd>
        <dt>{t("batches.line.rate")}</dt>
        <dd>{d.rateFen !== null ? formatMoney(d.rateFen) : t("batches.line.none")}</dd>
      </dl>

      <h3>{t("batches.line.conditions")}</h3>
      <div className="table-wrap">
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t("batches.line.condition")}</th>
              <th scope="col">{t("batches.line.result")}</th>
              <th scope="col">{t("batches.line.facts")}</th>
            </tr>
          </thead>
          <tbody>
            {line.conditions.map((cond) => (
              <tr key={cond.id}>
                <td>
                  {titles[cond.id] ? textIn(titles[cond.id] as Text, lang) : reasonText(t, cond.id)}
                  <br />
                  <code className="small muted">{cond.id}</code>
                </td>
                <td className={`nowrap result--${cond.result}`}>
                  <span aria-hidden="true">{cond.result === "met" ? "✓ " : cond.result === "unmet" ? "✗ " : "? "}</span>
                  {t(`batches.line.${cond.result === "met" ? "met" : cond.result === "unmet" ? "unmet" : "unknown"}`)}
                </td>
                <td className="small facts-cell">
                  <FactList facts={cond.facts} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h3>{t("batches.line.parameters")}</h3>
      <div className="table-wrap">
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t("batches.line.parameter")}</th>
              <th scope="col">{t("batches.line.value")}</th>
              <th scope="col">{t("batches.line.effectiveFrom")}</th>
            </tr>
          </thead>
          <tbody>
            {line.parameters.map((p) => {
              const def = DEFINITIONS.get(p.id);
              return (
                <tr key={p.id}>
                  <td>
                    {def ? textIn(def.description, lang) : p.id}
                    <br />
                    <code className="small muted">{p.id}</code>
                  </td>
                  <td>
                    <strong>{formatParameterValue(p.id, p.value, t)}</strong>
                    {p.provisional ? (
                      <>
                        <br />
                        <ProvisionalBadge />
                      </>
                    ) : null}
                  </td>
                  <td className="nowrap small">
                    {jurisdictionName(p.jurisdiction, lang)}
                    <br />
                    {formatDate(p.effectiveFrom, lang)}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function Replay({ line, replay, matches }: { line: Described; replay: Determination | null; matches: boolean | null }) {
  const { t } = useTranslation();
  const lang = useLang();
  const version = line.rulesVersion.slice(0, 12);
  const replayAmount = replay && replay.status === "eligible" ? (replay.amountFen ?? 0) : 0;
  return (
    <section className="card" aria-labelledby={`replay-${line.id}`}>
      <h2 id={`replay-${line.id}`}>{t("batches.line.replay")}</h2>
      {replay === null ? (
        <p className="notice">{t("batches.line.replayUnavailable", { version })}</p>
      ) : matches ? (
        <p className="notice replay--same" role="status">
          {t("batches.line.replaySame", { version })}
        </p>
      ) : (
        <p className="notice replay--different" role="alert">
          {t("batches.line.replayDifferent", { version, status: t(`policies.status.${replay.status}`), amount: formatMoney(replayAmount) })}
        </p>
      )}
      {replay ? (
        <details className="checklist-item__more">
          <summary>{t("batches.line.replayDetail")}</summary>
          <Checklist determinations={[replay]} lang={lang} headingLevel={3} />
        </details>
      ) : null}
    </section>
  );
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
              <Decision line={v.line} titles={v.titles} heading={t("batches.line.delta")} headingId="delta-title" />
              <Replay line={v.line} replay={v.replay} matches={v.replayMatches} />
            </div>
            <div>
              <Decision
                line={corrects.line}
                titles={v.titles}
                heading={t("batches.line.originalIn", { number: corrects.line.batch.number, status: t(`batches.status.${corrects.line.batch.status}`) })}
                headingId="original-title"
                link={<Link to={`/finance/batches/${corrects.line.batch.id}/lines/${corrects.line.id}`}>{t("batches.line.openOriginal")}</Link>}
              />
              <Replay line={corrects.line} replay={corrects.replay} matches={corrects.replayMatches} />
            </div>
          </div>
        </>
      ) : (
        <>
          <Decision line={v.line} titles={v.titles} heading={t("batches.line.stored")} headingId="stored-title" />
          <Replay line={v.line} replay={v.replay} matches={v.replayMatches} />
        </>
      )}
    </>
  );
}
