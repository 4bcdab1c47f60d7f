// A measure's public page (/policies/<measureId>): what it is and its legal basis, its condition tree, and
// the parameters it reads as they apply in a chosen jurisdiction on a chosen date (`?jurisdiction=&date=`).
// The page's sections live in app/components/policies/.
import { data, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { isValidDate } from "../../rules/engine/dates";
import { resolvedParameters } from "../../rules/engine/evaluate";
import { measureParameterIds, type GroupDefinition, type LeafDefinition } from "../../rules/engine/measure";
import { findJurisdiction, JURISDICTIONS } from "../../rules/jurisdictions";
import { MEASURES } from "../../rules/measures/list";
import { PARAMETER_DEFINITIONS } from "../../rules/parameters/definitions";
import { textIn } from "../components/checklist";
import { PageHeader } from "../components/layout";
import { ConditionTree, type ConditionNode } from "../components/policies/ConditionTree";
import { MeasureAbout } from "../components/policies/MeasureAbout";
import { MeasureParameters } from "../components/policies/MeasureParameters";
import { DEFAULT_LANG, isLang, titleMeta, translator, type Lang } from "../i18n/i18n";
import { todayInShanghai } from "../utils/format";

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

// The condition tree as data (ConditionNode): titles and citations of the leaves (their tests are code and stay on the server).
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
      <MeasureAbout measure={measure} lang={lang} />

      <section className="card" aria-labelledby="conditions">
        <h2 id="conditions">{t("policies.conditionsTitle")}</h2>
        <p className="muted small">{t("policies.conditionsIntro")}</p>
        <ConditionTree node={measure.tree} lang={lang} />
      </section>

      <MeasureParameters
        query={query}
        errors={errors}
        inForce={inForce}
        parameters={parameters}
        jurisdictions={jurisdictions}
        defaultJurisdiction={DEFAULT_JURISDICTION}
        lang={lang}
      />
    </div>
  );
}
