// The rules checklist (一次告知: everything missing at once): one card per measure with its status, the
// amount, and each condition as ✓ / ✗ / ? with the fix, the missing facts and the clauses behind it.
// Shared by the public try-it page, the operator's forms and the reviewers' pages. Status is always
// spelled out (icon + text), never carried by colour alone.
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { Determination, Evaluation } from "../../rules/engine/evaluate";
import type { ConditionTrace, GroupTrace } from "../../rules/engine/measure";
import type { ResolvedParameter } from "../../rules/engine/parameters";
import type { Reference, Result, Status, Text } from "../../rules/engine/types";
import { findJurisdiction } from "../../rules/jurisdictions";
import { PARAMETER_DEFINITIONS } from "../../rules/parameters/definitions";
import type { Lang } from "../i18n/i18n";
import { formatDate, formatMoney } from "../utils/format";

export const STATUSES: readonly Status[] = ["eligible", "ineligible", "needs_info", "not_applicable"];

const STATUS_BADGE: Record<Status, string> = {
  eligible: "badge--ok",
  ineligible: "badge--err",
  needs_info: "badge--warn",
  not_applicable: "badge--muted",
};

const STATUS_ICON: Record<Status, string> = { eligible: "✓", ineligible: "✗", needs_info: "?", not_applicable: "–" };
const RESULT_ICON: Record<Result, string> = { met: "✓", unmet: "✗", unknown: "?" };

// Parameter units (rules/parameters/definitions.ts) → message keys under policies.units; null where the
// formatted value speaks for itself (yes/no, a list, a percentage).
const UNIT_KEYS: Record<string, string | null> = {
  boolean: null,
  children: "children",
  "children per caregiver": "childrenPerCaregiver",
  days: "days",
  "education levels": null,
  "fen per child per month": "fenPerChildMonth",
  "fen per month": "fenPerMonth",
  "fen per project": "fenPerProject",
  "fen per service unit": "fenPerServiceUnit",
  "fen per unit": "fenPerUnit",
  months: "months",
  "period rule": null,
  "qualification kinds": null,
  share: null,
  "skill level (5 lowest … 1 highest)": "skillLevel",
  utilities: null,
  years: "years",
};

const DEFINITIONS = new Map(PARAMETER_DEFINITIONS.map((d) => [d.id, d]));

type T = (key: string, options?: Record<string, unknown>) => string;

/** The text of a bilingual pair in the page's language. */
export function textIn(text: Text, lang: Lang): string {
  return lang === "zh-CN" ? text.zh : text.en;
}

export function jurisdictionName(code: string, lang: Lang): string {
  const j = findJurisdiction(code);
  return j ? textIn(j.name, lang) : code;
}

/** "document clause", the way a citation reads in both languages. */
export function referenceText(reference: Reference): string {
  return reference.clause && reference.clause !== "—" ? `${reference.document} ${reference.clause}` : reference.document;
}

export function ReferenceLink({ reference }: { reference: Reference }) {
  const text = referenceText(reference);
  return reference.url ? (
    <a href={reference.url} rel="noreferrer noopener" target="_blank">
      {text}
    </a>
  ) : (
    <cite className="reference">{text}</cite>
  );
}

/** A parameter's unit in the page's language ("" when the value speaks for itself). */
export function unitLabel(parameterId: string, t: T): string {
  const unit = DEFINITIONS.get(parameterId)?.unit;
  if (!unit) return "";
  const key = UNIT_KEYS[unit];
  if (key === null) return "";
  return key ? t(`policies.units.${key}`) : unit;
}

/** A parameter value in words: money from fen, shares as percentages, lists and schedules translated. */
export function formatParameterValue(parameterId: string, value: ResolvedParameter["value"], t: T): string {
  const unit = DEFINITIONS.get(parameterId)?.unit ?? "";
  if (typeof value === "boolean") return value ? t("policies.values.yes") : t("policies.values.no");
  if (typeof value === "number") {
    if (unit.startsWith("fen")) return formatMoney(value);
    if (unit === "share") return `${Math.round(value * 10_000) / 100}%`;
    return String(value);
  }
  if (value.length === 0) return t("policies.values.empty");
  if (typeof value[0] === "string") {
    return (value as string[]).map((v) => t(`policies.values.${v}`, { defaultValue: v })).join(t("policies.listSeparator"));
  }
  return (value as { classType: string; serviceType: string; capFen: number }[])
    .map((e) => `${t(`policies.classTypes.${e.classType}`, { defaultValue: e.classType })} · ${t(`policies.serviceTypes.${e.serviceType}`, { defaultValue: e.serviceType })} ${formatMoney(e.capFen)}`)
    .join(t("policies.listSeparator"));
}

export function ProvisionalBadge() {
  const { t } = useTranslation();
  return <span className="badge badge--warn badge--provisional">{t("policies.provisional")}</span>;
}

export function StatusBadge({ status }: { status: Status }) {
  const { t } = useTranslation();
  return (
    <span className={`badge status-badge ${STATUS_BADGE[status]}`}>
      <span aria-hidden="true">{STATUS_ICON[status]} </span>
      {t(`policies.status.${status}`)}
    </span>
  );
}

type ChecklistProps = {
  /** A whole evaluation, or just the determinations to show. */
  evaluation?: Evaluation;
  determinations?: readonly Determination[];
  lang: Lang;
  /** Heading level of each measure's title (the page decides its outline). */
  headingLevel?: 2 | 3 | 4;
};

export function Checklist({ evaluation, determinations, lang, headingLevel = 3 }: ChecklistProps) {
  const { t } = useTranslation();
  const list = determinations ?? evaluation?.determinations ?? [];
  const asOf = evaluation?.asOf;
  return (
    <ol className="checklist" aria-label={t("policies.checklist.label")}>
      {list.map((d) => (
        <li key={d.measure}>
          <DeterminationCard determination={d} lang={lang} asOf={asOf} headingLevel={headingLevel} />
        </li>
      ))}
    </ol>
  );
}

/** Counts per status, e.g. for a list row or above a full checklist. */
export function ChecklistSummary({ evaluation, determinations }: { evaluation?: Evaluation; determinations?: readonly Determination[] }) {
  const { t } = useTranslation();
  const list = determinations ?? evaluation?.determinations ?? [];
  return (
    <ul className="checklist-summary" aria-label={t("policies.checklist.summaryLabel")}>
      {STATUSES.map((status) => (
        <li key={status}>
          <StatusBadge status={status} /> <strong>{list.filter((d) => d.status === status).length}</strong>
        </li>
      ))}
    </ul>
  );
}

function Heading({ level, id, children }: { level: 2 | 3 | 4; id: string; children: ReactNode }) {
  if (level === 2) return <h2 id={id}>{children}</h2>;
  if (level === 4) return <h4 id={id}>{children}</h4>;
  return <h3 id={id}>{children}</h3>;
}

function domId(measure: string): string {
  return `measure-${measure.replace(/[^a-zA-Z0-9_-]/g, "-")}`;
}

function DeterminationCard({ determination: d, lang, asOf, headingLevel }: { determination: Determination; lang: Lang; asOf?: string; headingLevel: 2 | 3 | 4 }) {
  const { t } = useTranslation();
  const id = domId(d.measure);
  const subject = d.conditions.filter((c) => c.group === "subject");
  const rest = d.conditions.filter((c) => c.group !== "subject");
  const provisionalParameters = d.parameters.filter((p) => p.provisional);
  return (
    <article className={`checklist-item checklist-item--${d.status}`} aria-labelledby={id}>
      <header className="checklist-item__head">
        <Heading level={headingLevel} id={id}>
          {textIn(d.title, lang)}
        </Heading>
        <div className="checklist-item__badges">
          <StatusBadge status={d.status} />
          {d.provisional ? <ProvisionalBadge /> : null}
        </div>
      </header>
      {d.amountFen !== null ? (
        <p className="checklist-item__amount">
          {t("policies.checklist.amount")}
          <strong>{formatMoney(d.amountFen)}</strong>
        </p>
      ) : null}
      {d.status === "not_applicable" ? <p className="muted">{t(`policies.checklist.reason.${d.reason ?? "not_in_force"}`)}</p> : null}
      {asOf && d.judgedOn !== asOf ? <p className="small muted">{t("policies.checklist.judgedOn", { date: formatDate(d.judgedOn, lang) })}</p> : null}
      {d.status === "needs_info" && d.missing.length ? (
        <p className="checklist-item__missing">
          {t("policies.checklist.missingAll")} <FactPaths paths={d.missing} />
        </p>
      ) : null}
      {subject.length ? (
        <div className="checklist-item__subject">
          <p className="conditions__caption">{t("policies.checklist.subject")}</p>
          <ul className="conditions">
            {subject.map((c) => (
              <ConditionItem key={c.id} condition={c} lang={lang} />
            ))}
          </ul>
        </div>
      ) : null}
      {rest.length ? <ConditionTree conditions={rest} groups={d.groups} lang={lang} /> : null}
      {d.legalBasis.length || d.parameters.length ? (
        <details className="checklist-item__more">
          <summary>
            {t("policies.checklist.basisAndParameters")}
            {provisionalParameters.length ? <span className="small muted"> {t("policies.checklist.provisionalCount", { count: provisionalParameters.length })}</span> : null}
          </summary>
          {d.legalBasis.length ? (
            <>
              <p className="conditions__caption">{t("policies.legalBasis")}</p>
              <ul className="plain-list small">
                {d.legalBasis.map((r) => (
                  <li key={referenceText(r)}>
                    <ReferenceLink reference={r} />
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          {d.parameters.length ? (
            <>
              <p className="conditions__caption">{t("policies.checklist.parametersUsed")}</p>
              <ul className="plain-list small">
                {d.parameters.map((p) => (
                  <ParameterLine key={p.id} parameter={p} lang={lang} />
                ))}
              </ul>
            </>
          ) : null}
        </details>
      ) : null}
    </article>
  );
}

function ParameterLine({ parameter: p, lang }: { parameter: ResolvedParameter; lang: Lang }) {
  const { t } = useTranslation();
  const definition = DEFINITIONS.get(p.id);
  return (
    <li>
      {definition ? textIn(definition.description, lang) : p.id}：<strong>{formatParameterValue(p.id, p.value, t)}</strong> {unitLabel(p.id, t)}{" "}
      <span className="muted">
        （{jurisdictionName(p.jurisdiction, lang)} · <ReferenceLink reference={p.reference} />）
      </span>{" "}
      {p.provisional ? <ProvisionalBadge /> : null}
    </li>
  );
}

/** Rebuilds the all/any/not structure from the flat leaves and the group list. */
function ConditionTree({ conditions, groups, lang }: { conditions: readonly ConditionTrace[]; groups: readonly GroupTrace[]; lang: Lang }) {
  const known = new Set(groups.map((g) => g.id));
  const root = groups.find((g) => g.parent === null);
  if (!root) {
    return (
      <ul className="conditions">
        {conditions.map((c) => (
          <ConditionItem key={c.id} condition={c} lang={lang} />
        ))}
      </ul>
    );
  }
  // Leaves of an unknown group (should not happen) are shown under the root rather than lost.
  const leavesOf = (groupId: string) => conditions.filter((c) => c.group === groupId || (groupId === root.id && !known.has(c.group)));
  return <GroupBlock group={root} groups={groups} leavesOf={leavesOf} lang={lang} />;
}

function GroupBlock({
  group,
  groups,
  leavesOf,
  lang,
}: {
  group: GroupTrace;
  groups: readonly GroupTrace[];
  leavesOf: (groupId: string) => ConditionTrace[];
  lang: Lang;
}) {
  const { t } = useTranslation();
  const children = groups.filter((g) => g.parent === group.id);
  const leaves = leavesOf(group.id);
  return (
    <div className="condition-group">
      <p className="conditions__caption">{t(`policies.checklist.op.${group.op}`)}</p>
      <ul className="conditions">
        {leaves.map((c) => (
          <ConditionItem key={c.id} condition={c} lang={lang} />
        ))}
        {children.map((g) => (
          <li key={g.id} className={`condition condition--${g.result} condition--group`}>
            <ResultMark result={g.result} />
            <div className="condition__body">
              <GroupBlock group={g} groups={groups} leavesOf={leavesOf} lang={lang} />
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}

function ResultMark({ result }: { result: Result }) {
  const { t } = useTranslation();
  return (
    <span className={`condition__mark condition__mark--${result}`} role="img" aria-label={t(`policies.result.${result}`)}>
      {RESULT_ICON[result]}
    </span>
  );
}

function FactPaths({ paths }: { paths: readonly string[] }) {
  const { t } = useTranslation();
  return (
    <>
      {paths.map((path, i) => (
        <span key={path}>
          {i ? t("policies.listSeparator") : null}
          <code>{path}</code>
        </span>
      ))}
    </>
  );
}

function ConditionItem({ condition: c, lang }: { condition: ConditionTrace; lang: Lang }) {
  const { t } = useTranslation();
  return (
    <li className={`condition condition--${c.result}`}>
      <ResultMark result={c.result} />
      <div className="condition__body">
        <span className="condition__title">{textIn(c.title, lang)}</span>
        {c.result === "unmet" && c.fix ? (
          <p className="condition__fix">
            <strong>{t("policies.checklist.fix")}</strong>
            {textIn(c.fix, lang)}
          </p>
        ) : null}
        {c.result === "unknown" && c.missing.length ? (
          <p className="condition__missing">
            <strong>{t("policies.checklist.missing")}</strong>
            <FactPaths paths={c.missing} />
          </p>
        ) : null}
        {c.references.length ? (
          <p className="condition__refs small muted">
            {t("policies.checklist.basis")}
            {c.references.map((r, i) => (
              <span key={referenceText(r)}>
                {i ? t("policies.listSeparator") : null}
                <ReferenceLink reference={r} />
              </span>
            ))}
          </p>
        ) : null}
      </div>
    </li>
  );
}

/** The readable label of a return reason's item: "general", a document kind, or a checklist condition id. */
export function returnReasonLabel(item: string, evaluation: Evaluation, t: T, lang: Lang): string {
  if (item === "general") return t("filing.review.general");
  if (item.startsWith("document.")) return t(`filing.enums.documentKind.${item.slice("document.".length)}`, { defaultValue: item });
  for (const d of evaluation.determinations) {
    const c = d.conditions.find((x) => x.id === item);
    if (c) return textIn(c.title, lang);
  }
  return item;
}

