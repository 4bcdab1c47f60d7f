import { data, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { isValidDate } from "../../rules/engine/dates";
import { resolvedParameters } from "../../rules/engine/evaluate";
import { measureParameterIds, type GroupDefinition, type GroupOperator, type LeafDefinition } from "../../rules/engine/measure";
import type { Reference, Text } from "../../rules/engine/types";
import { findJurisdiction, JURISDICTIONS } from "../../rules/jurisdictions";
import { MEASURES } from "../../rules/measures/list";
import { PARAMETER_DEFINITIONS } from "../../rules/parameters/definitions";
import { formatParameterValue, jurisdictionName, ProvisionalBadge, ReferenceLink, referenceText, textIn, unitLabel } from "../components/checklist";
import { Notice, PageHeader } from "../components/layout";
import { DEFAULT_LANG, isLang, titleMeta, translator, type Lang } from "../i18n/i18n";
import { formatDate, todayInShanghai } from "../utils/format";

const genericMeta = titleMeta("policies.measureTitle");

// The measure's own title once the loader found it; the generic one (e.g. on a 404) otherwise.
export const meta: MetaFunction<typeof loader> = ({ data: loaded, matches }) => {
  if (!loaded) return genericMeta({ matches });
  const root = matches.find((m) => m?.id === "root")?.data;
  const lang = root && typeof root === "object" && "lang" in root && isLang(root.lang) ? root.lang : DEFAULT_LANG;
  const t = translator(lang);
  return [{ title: `${textIn(loaded.measure.title, lang)} · ${t("policies.title")} · ${t("app.name")}` }];
};

export const links: LinksFunction = () => [{ rel: "stylesheet", href: "/policies.css" }];

// The condition tree as data: titles and citations of the leaves (their tests are code and stay on the server).
type ConditionNode =
  | { kind: "leaf"; id: string; title: Text; references: readonly Reference[]; conditional: boolean }
  | { kind: GroupOperator; id: string; children: ConditionNode[] };

function describeNode(node: LeafDefinition | GroupDefinition): ConditionNode {
  if (node.kind === "leaf") return { kind: "leaf", id: node.id, title: node.title, references: node.references, conditional: Boolean(node.appliesWhen) };
  return { kind: node.kind, id: node.id, children: node.children.map(describeNode) };
}

const DEFAULT_JURISDICTION = "CN";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const measure = MEASURES.find((m) => m.id === params.measureId);
  if (!measure) throw data({ kind: "not_found", entity: "measure" }, { status: 404 });
  const query = new URL(request.url).searchParams;
  const today = todayInShanghai();
  const jurisdiction = query.get("jurisdiction")?.trim() || DEFAULT_JURISDICTION;
  const date = query.get("date")?.trim() || today;
  const errors: { jurisdiction?: string; date?: string } = {};
  if (!findJurisdiction(jurisdiction)) errors.jurisdiction = jurisdiction;
  if (!isValidDate(date)) errors.date = date;
  const valid = !errors.jurisdiction && !errors.date;
  const resolved = valid ? new Map(resolvedParameters(jurisdiction, date).map((p) => [p.id, p])) : null;
  const definitions = new Map(PARAMETER_DEFINITIONS.map((d) => [d.id, d]));
  const inForceValue = resolved?.get(measure.inForce.parameter);
  return {
    measure: {
      id: measure.id,
      title: measure.title,
      legalBasis: measure.legalBasis,
      monetary: measure.monetary,
      subject: measure.subject ? { title: measure.subject.title, references: measure.subject.references } : null,
      tree: describeNode(measure.tree),
      judgedOnOtherDay: Boolean(measure.judgedOn),
    },
    query: { jurisdiction, date },
    errors,
    inForce: resolved ? (measure.inForce.when === "present" ? inForceValue !== undefined : inForceValue?.value === true) : null,
    parameters: resolved
      ? measureParameterIds(measure).map((id) => ({ id, description: definitions.get(id)?.description ?? null, value: resolved.get(id) ?? null }))
      : null,
    jurisdictions: JURISDICTIONS.map((j) => ({ code: j.code, name: j.name, level: j.level })),
  };
}

type LoaderData = Awaited<ReturnType<typeof loader>>;

export default function MeasurePage() {
  const { t } = useTranslation();
  const lang = useRouteLoaderData<{ lang: Lang }>("root")?.lang ?? DEFAULT_LANG;
  const { measure, query, errors, inForce, parameters, jurisdictions } = useLoaderData<LoaderData>();
  const place = jurisdictionName(query.jurisdiction, lang);
  return (
    <div className="policies">
      <p className="breadcrumbs small">
        <Link to="/policies">{t("policies.backToList")}</Link>
      </p>
      <PageHeader
        title={textIn(measure.title, lang)}
        intro={lang === "zh-CN" ? measure.title.en : measure.title.zh}
        actions={
          <Link to="/policies/try" className="button button--secondary">
            {t("policies.tryLink")}
          </Link>
        }
      />
      <div className="grid-2">
        <section className="card" aria-labelledby="about">
          <h2 id="about">{t("policies.about")}</h2>
          <dl className="facts">
            <dt>{t("policies.measureId")}</dt>
            <dd>
              <code>{measure.id}</code>
            </dd>
            <dt>{t("policies.subject")}</dt>
            <dd>
              {measure.subject ? textIn(measure.subject.title, lang) : t("policies.everyFacility")}
              {measure.subject?.references.length ? (
                <span className="small muted">
                  {" "}
                  （{measure.subject.references.map((r) => referenceText(r)).join(t("policies.listSeparator"))}）
                </span>
              ) : null}
            </dd>
            <dt>{t("policies.kind")}</dt>
            <dd>{measure.monetary ? t("policies.monetaryLong") : t("policies.nonMonetary")}</dd>
            {measure.judgedOnOtherDay ? (
              <>
                <dt>{t("policies.judgedOnLabel")}</dt>
                <dd>{t("policies.judgedOnPeriodEnd")}</dd>
              </>
            ) : null}
          </dl>
        </section>
        <section className="card" aria-labelledby="basis">
          <h2 id="basis">{t("policies.legalBasis")}</h2>
          <ul className="reference-list">
            {measure.legalBasis.map((r) => (
              <li key={referenceText(r)}>
                <ReferenceLink reference={r} />
              </li>
            ))}
          </ul>
        </section>
      </div>

      <section className="card" aria-labelledby="conditions">
        <h2 id="conditions">{t("policies.conditionsTitle")}</h2>
        <p className="muted small">{t("policies.conditionsIntro")}</p>
        <TreeView node={measure.tree} lang={lang} />
      </section>

      <section className="card" aria-labelledby="parameters">
        <h2 id="parameters">{t("policies.parametersTitle")}</h2>
        <Form method="get" className="toolbar" aria-label={t("policies.parametersFormLabel")}>
          <div className={`field${errors.jurisdiction ? " field--error" : ""}`}>
            <label htmlFor="jurisdiction">{t("policies.jurisdictionLabel")}</label>
            <select
              id="jurisdiction"
              name="jurisdiction"
              defaultValue={errors.jurisdiction ? DEFAULT_JURISDICTION : query.jurisdiction}
              aria-invalid={errors.jurisdiction ? true : undefined}
              aria-describedby={errors.jurisdiction ? "jurisdiction-error" : undefined}
            >
              {jurisdictions.map((j) => (
                <option key={j.code} value={j.code}>
                  {`${j.level === "county" || j.level === "town" ? "　" : ""}${textIn(j.name, lang)}（${j.code}）`}
                </option>
              ))}
            </select>
            {errors.jurisdiction ? (
              <p id="jurisdiction-error" className="field__error" role="alert">
                {t("policies.errors.jurisdiction", { value: errors.jurisdiction })}
              </p>
            ) : null}
          </div>
          <div className={`field${errors.date ? " field--error" : ""}`}>
            <label htmlFor="date">{t("policies.dateLabel")}</label>
            <input
              id="date"
              name="date"
              type="date"
              defaultValue={query.date}
              aria-invalid={errors.date ? true : undefined}
              aria-describedby={errors.date ? "date-error" : undefined}
            />
            {errors.date ? (
              <p id="date-error" className="field__error" role="alert">
                {t("policies.errors.date", { value: errors.date })}
              </p>
            ) : null}
          </div>
          <button type="submit" className="button button--secondary">
            {t("policies.show")}
          </button>
        </Form>
        {parameters === null ? (
          <p className="muted">{t("policies.fixQuery")}</p>
        ) : (
          <>
            <Notice kind={inForce ? "success" : "info"}>
              {t(inForce ? "policies.inForceHere" : "policies.notInForceHere", { place, date: formatDate(query.date, lang) })}
            </Notice>
            <div className="table-wrap">
              <table className="data-table parameter-table">
                <caption className="visually-hidden">{t("policies.parametersCaption", { place, date: formatDate(query.date, lang) })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("policies.parameter")}</th>
                    <th scope="col">{t("policies.value")}</th>
                    <th scope="col">{t("policies.from")}</th>
                    <th scope="col">{t("policies.effective")}</th>
                    <th scope="col">{t("policies.reference")}</th>
                  </tr>
                </thead>
                <tbody>
                  {parameters.map((p) => (
                    <tr key={p.id}>
                      <th scope="row">
                        {p.description ? textIn(p.description, lang) : p.id}
                        <br />
                        <code className="small">{p.id}</code>
                      </th>
                      {p.value ? (
                        <>
                          <td>
                            <strong>{formatParameterValue(p.id, p.value.value, t)}</strong> {unitLabel(p.id, t)}
                            {p.value.provisional ? (
                              <div>
                                <ProvisionalBadge />
                              </div>
                            ) : null}
                          </td>
                          <td>{jurisdictionName(p.value.jurisdiction, lang)}</td>
                          <td className="nowrap">
                            {p.value.effectiveTo
                              ? t("policies.range", { from: formatDate(p.value.effectiveFrom, lang), to: formatDate(p.value.effectiveTo, lang) })
                              : t("policies.rangeOpen", { from: formatDate(p.value.effectiveFrom, lang) })}
                          </td>
                          <td>
                            <ReferenceLink reference={p.value.reference} />
                          </td>
                        </>
                      ) : (
                        <td colSpan={4} className="muted">
                          {t("policies.noValue")}
                        </td>
                      )}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </section>
    </div>
  );
}

function TreeView({ node, lang }: { node: ConditionNode; lang: Lang }) {
  const { t } = useTranslation();
  if (node.kind === "leaf") {
    return (
      <>
        <span className="condition__title">{textIn(node.title, lang)}</span>
        {node.conditional ? <span className="badge badge--muted">{t("policies.conditional")}</span> : null}
        {node.references.length ? (
          <p className="condition__refs small muted">
            {t("policies.checklist.basis")}
            {node.references.map((r) => referenceText(r)).join(t("policies.listSeparator"))}
          </p>
        ) : null}
      </>
    );
  }
  return (
    <div className="condition-group">
      <p className="conditions__caption">{t(`policies.checklist.op.${node.kind}`)}</p>
      <ol className="conditions conditions--plain">
        {node.children.map((child) => (
          <li key={child.id} className="condition">
            <div className="condition__body">
              <TreeView node={child} lang={lang} />
            </div>
          </li>
        ))}
      </ol>
    </div>
  );
}
