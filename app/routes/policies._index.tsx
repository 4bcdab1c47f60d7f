import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData, useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { isValidDate } from "../../rules/engine/dates";
import { resolvedParameters } from "../../rules/engine/evaluate";
import { MEASURES } from "../../rules/measures/list";
import { jurisdictionName, ReferenceLink, referenceText, textIn } from "../components/checklist";
import { PageHeader } from "../components/layout";
import { DEFAULT_LANG, titleMeta, type Lang } from "../i18n/i18n";
import { formatDate, todayInShanghai } from "../utils/format";

export const meta = titleMeta("policies.title");

export const links: LinksFunction = () => [{ rel: "stylesheet", href: "/policies.css" }];

// The places the two cities' texts speak for, plus the national level: the columns of "where in force".
const BENGBU = "340300";
const BENGBU_COUNTIES = ["340302", "340303", "340304", "340311", "340321", "340322", "340323"];
const ALAR = "659002";
const PLACES = ["CN", BENGBU, ...BENGBU_COUNTIES, ALAR];

export async function loader({ request }: LoaderFunctionArgs) {
  const today = todayInShanghai();
  const asked = new URL(request.url).searchParams.get("date")?.trim() || today;
  const dateValid = isValidDate(asked);
  const resolved = dateValid ? new Map(PLACES.map((code) => [code, new Map(resolvedParameters(code, asked).map((p) => [p.id, p]))])) : null;
  const measures = MEASURES.map((m) => ({
    id: m.id,
    title: m.title,
    monetary: m.monetary,
    subject: m.subject?.title ?? null,
    legalBasis: m.legalBasis,
    // code → in force on the date (a flag that is true, or a value that exists — RULES.md "Measure")
    inForce: resolved
      ? Object.fromEntries(
          PLACES.map((code) => {
            const p = resolved.get(code)?.get(m.inForce.parameter);
            return [code, m.inForce.when === "present" ? p !== undefined : p?.value === true];
          }),
        )
      : null,
  }));
  return { date: asked, dateValid, today, measures };
}

type LoaderData = Awaited<ReturnType<typeof loader>>;
type T = (key: string, options?: Record<string, unknown>) => string;

/** "全国", "蚌埠市全部区县 · 阿拉尔市", "全国（怀远县除外）"… — the matrix below has the detail. */
function whereInForce(inForce: Record<string, boolean>, lang: Lang, t: T): string {
  const yes = PLACES.filter((code) => inForce[code]);
  if (yes.length === PLACES.length) return t("policies.where.everywhere");
  if (yes.length === 0) return t("policies.where.nowhere");
  const sep = t("policies.listSeparator");
  if (inForce.CN) {
    const no = PLACES.filter((code) => !inForce[code]).map((code) => jurisdictionName(code, lang));
    return t("policies.where.nationalExcept", { places: no.join(sep) });
  }
  const parts: string[] = [];
  const counties = BENGBU_COUNTIES.filter((code) => inForce[code]);
  if (counties.length === BENGBU_COUNTIES.length) parts.push(inForce[BENGBU] ? t("policies.where.bengbuAll") : t("policies.where.bengbuCounties"));
  else {
    if (inForce[BENGBU]) parts.push(jurisdictionName(BENGBU, lang));
    if (counties.length) parts.push(`${jurisdictionName(BENGBU, lang)}：${counties.map((c) => jurisdictionName(c, lang)).join(sep)}`);
  }
  if (inForce[ALAR]) parts.push(jurisdictionName(ALAR, lang));
  return parts.join(" · ");
}

export default function Policies() {
  const { t } = useTranslation();
  const lang = useRouteLoaderData<{ lang: Lang }>("root")?.lang ?? DEFAULT_LANG;
  const { date, dateValid, measures } = useLoaderData<LoaderData>();
  return (
    <div className="policies">
      <PageHeader
        title={t("policies.title")}
        intro={t("policies.intro")}
        actions={
          <Link to="/policies/try" className="button">
            {t("policies.tryLink")}
          </Link>
        }
      />
      <Form method="get" className="toolbar policies-date" aria-label={t("policies.dateFormLabel")}>
        <div className={`field${dateValid ? "" : " field--error"}`}>
          <label htmlFor="date">{t("policies.dateLabel")}</label>
          <input
            id="date"
            name="date"
            type="date"
            defaultValue={date}
            aria-invalid={dateValid ? undefined : true}
            aria-describedby={dateValid ? undefined : "date-error"}
          />
          {dateValid ? null : (
            <p id="date-error" className="field__error" role="alert">
              {t("policies.errors.date", { value: date })}
            </p>
          )}
        </div>
        <button type="submit" className="button button--secondary">
          {t("policies.show")}
        </button>
      </Form>
      {dateValid ? <p className="muted">{t("policies.inForceOn", { date: formatDate(date, lang) })}</p> : null}

      <ol className="measure-list">
        {measures.map((m) => (
          <li key={m.id} className="card measure-card">
            <div className="measure-card__head">
              <h2>
                <Link to={`/policies/${m.id}${dateValid ? `?date=${date}` : ""}`}>{textIn(m.title, lang)}</Link>
              </h2>
              {m.monetary ? <span className="badge badge--ok">{t("policies.monetary")}</span> : null}
            </div>
            <dl className="facts">
              <dt>{t("policies.subject")}</dt>
              <dd>{m.subject ? textIn(m.subject, lang) : t("policies.everyFacility")}</dd>
              <dt>{t("policies.legalBasis")}</dt>
              <dd>
                <ul className="reference-list">
                  {m.legalBasis.map((r) => (
                    <li key={referenceText(r)}>
                      <ReferenceLink reference={r} />
                    </li>
                  ))}
                </ul>
              </dd>
              {m.inForce ? (
                <>
                  <dt>{t("policies.whereInForce")}</dt>
                  <dd>{whereInForce(m.inForce, lang, t)}</dd>
                </>
              ) : null}
            </dl>
          </li>
        ))}
      </ol>

      {dateValid ? (
        <section aria-labelledby="matrix-title" className="card">
          <h2 id="matrix-title">{t("policies.matrixTitle")}</h2>
          <p className="muted small">{t("policies.matrixIntro", { date: formatDate(date, lang) })}</p>
          <div className="table-wrap">
            <table className="data-table in-force-matrix">
              <thead>
                <tr>
                  <th scope="col">{t("policies.measure")}</th>
                  {PLACES.map((code) => (
                    <th key={code} scope="col">
                      {jurisdictionName(code, lang)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {measures.map((m) => (
                  <tr key={m.id}>
                    <th scope="row">{textIn(m.title, lang)}</th>
                    {PLACES.map((code) => (
                      <td key={code} className={m.inForce?.[code] ? "in-force in-force--yes" : "in-force in-force--no"}>
                        <span aria-hidden="true">{m.inForce?.[code] ? "✓" : "—"}</span>
                        <span className="visually-hidden">{m.inForce?.[code] ? t("policies.inForce") : t("policies.notInForce")}</span>
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
    </div>
  );
}
