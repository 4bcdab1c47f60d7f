// A subsidy line's stored decision card (issue #7): kind and month, status, amount (for a correction also
// what the month was worth and what was already settled), the judging date, the rules and local parameter
// versions, the exclusion reasons, the bank account as paid (masked), the computation, each condition with
// its result and facts, and the parameter values used with their provisional flag.
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { ParameterScalar } from "../../../rules/engine/parameters";
import type { Status, Text } from "../../../rules/engine/types";
import { PARAMETER_DEFINITIONS } from "../../../rules/parameters/definitions";
import { useLang } from "../../i18n/use-lang";
import { formatDate, formatMoney } from "../../utils/format";
import { formatParameterValue, jurisdictionName, ProvisionalBadge, StatusBadge, textIn } from "../checklist";
import { colon, formatMonth, KindBadge, reasonText } from "./pieces";

/** A stored line as its page shows it: the decision taken when the batch was prepared, the account masked. */
export type StoredLineView = {
  id: string;
  kind: string;
  period: string;
  payable: boolean;
  amountFen: number;
  entitledFen: number;
  status: Status;
  judgedOn: string;
  rulesVersion: string;
  localParametersVersion: string | null;
  provisional: boolean;
  reasons: readonly string[];
  conditions: ReadonlyArray<{ id: string; result: string; facts: Record<string, unknown> }>;
  parameters: ReadonlyArray<{ id: string; jurisdiction: string; effectiveFrom: string; value: ParameterScalar; provisional: boolean }>;
  details: { children: number | null; countedChildren: number | null; slots: number | null; slotsSource: string | null; rateFen: number | null };
  bank: { name: string | null; bank: string | null; number: string } | null;
};

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

export function LineDecision({ line, titles, heading, headingId, link }: { line: StoredLineView; titles: Record<string, Text>; heading: string; headingId: string; link?: ReactNode }) {
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
