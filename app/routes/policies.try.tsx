// "Try the rules" (/policies/try): paste a facility snapshot (or load an example dated from today) and a
// date, and see every measure's checklist for it — the public API's evaluation, rate-limited per address.
// The input card and the result live in app/components/policies/.
import { data, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "../../db/client";
import { evaluateRequest } from "../../rules/request";
import { requestIp } from "../auth/session.server";
import { PageHeader } from "../components/layout";
import { TryEvaluation } from "../components/policies/TryEvaluation";
import { TryInput, type TryResult } from "../components/policies/TryInput";
import { DEFAULT_LANG, titleMeta, type Lang } from "../i18n/i18n";
import { hit, LIMITS } from "../services/rate-limit.server";
import { todayInShanghai } from "../utils/format";
import { addDays } from "../../rules/engine/dates";

export const meta = titleMeta("policies.try.title");

export const links: LinksFunction = () => [{ rel: "stylesheet", href: "/policies.css" }];

const EXAMPLES = ["bengbu", "alar"] as const;
type Example = (typeof EXAMPLES)[number];

// A snapshot is a few kilobytes; anything far larger is not a facility.
const MAX_SNAPSHOT_CHARS = 200_000;

function previousMonth(today: string): { period: string; month: number } {
  const [year, month] = today.split("-").map(Number);
  const y = month === 1 ? year - 1 : year;
  const m = month === 1 ? 12 : month - 1;
  return { period: `${y}-${String(m).padStart(2, "0")}`, month: m };
}

/**
 * Example facilities, dated from today so they stay realistic: certificates valid until next year, the
 * enrolment report for last month. Each shows a mix of results (a class one child over its maximum — which
 * also holds back the subsidy —, a missing background check) so the checklist has something to say.
 */
function exampleSnapshot(example: Example, today: string): unknown {
  const year = Number(today.slice(0, 4));
  const { period, month } = previousMonth(today);
  const healthUntil = `${year + 1}-06-30`;
  const person = (id: string, role: string, education: string, years: number, qualifications: unknown[]) => ({
    id,
    role,
    education,
    yearsOfRelevantExperience: years,
    qualifications,
    healthCertificateValidUntil: healthUntil,
    // checked two months ago: the check is repeated every year (未成年人保护法 第六十二条)
    backgroundCheckOn: addDays(today, -60),
    laborContract: true,
    socialInsurance: true,
  });
  const qualification = (kind: string, level: number | null = null) => ({ kind, level, validUntil: null, proofDocument: true });
  const bengbu = {
    jurisdiction: "340321",
    operator: {
      name: "怀远县禾苗托育服务有限公司",
      uscc: "91310000631696382C",
      legalForm: "company",
      ownership: "private",
      businessScopeIncludesChildcare: true,
    },
    facility: {
      kind: "standalone",
      openedOn: "2024-09-01",
      serviceTypes: ["full_day", "half_day"],
      totalSlots: 60,
      mealsProvided: true,
      premises: { tenure: "leased", leaseStartsOn: "2024-06-01", leaseEndsOn: "2030-05-31", stateOwned: false },
      employer: null,
      kindergarten: null,
    },
    filing: { status: "filed", filedOn: "2024-10-10" },
    documents: [
      { kind: "business_license", issuedOn: "2024-05-01", validUntil: null, passed: true },
      { kind: "site_proof", issuedOn: "2024-06-01", validUntil: "2030-05-31", passed: true },
      { kind: "health_evaluation", issuedOn: "2024-08-01", validUntil: `${year + 1}-07-31`, passed: true },
      { kind: "fire_safety", issuedOn: "2024-08-15", validUntil: null, passed: true },
      { kind: "food_license", issuedOn: "2024-08-20", validUntil: "2029-08-19", passed: true },
    ],
    staff: [
      person("d1", "director", "bachelor", 5, [qualification("director_training")]),
      person("h1", "health_worker", "junior_college", 3, [qualification("health_care_training")]),
      person("g1", "security_guard", "secondary", 2, [qualification("security_guard_certificate")]),
      person("c1", "caregiver", "junior_college", 4, [qualification("childcare_worker", 3)]),
      person("c2", "caregiver", "junior_college", 2, [qualification("childcare_worker", 4)]),
      person("c3", "caregiver", "bachelor", 1, [qualification("infant_development_guide", 4)]),
      person("c4", "caregiver", "junior_college", 6, [qualification("nurse")]),
      person("c5", "caregiver", "bachelor", 3, [qualification("kindergarten_teacher")]),
      person("c6", "caregiver", "junior_college", 8, [qualification("childcare_worker", 2)]),
      // The cook's background check has not been recorded yet: the checklist asks for it.
      { ...person("k1", "cook", "secondary", 5, []), backgroundCheckOn: undefined },
    ],
    classes: [
      { type: "infant", enrolled: 6, caregivers: 2 },
      { type: "toddler", enrolled: 16, caregivers: 4 },
      { type: "older_toddler", enrolled: 14, caregivers: 2 },
    ],
    fees: [
      { classType: "toddler", serviceType: "full_day", amountFen: 180_000 },
      { classType: "older_toddler", serviceType: "half_day", amountFen: 100_000 },
    ],
    inclusive: { status: "certified", certifiedSlots: 40, validFrom: "2025-01-01", validUntil: `${year + 2}-12-31` },
    safetyIncidents: [],
    enrolment: { period, approved: true, fullDayChildren: 30, subsidisedMonthsThisYear: Math.min(month - 1, 9) },
  };
  if (example === "bengbu") return bengbu;
  return {
    ...bengbu,
    jurisdiction: "659002",
    operator: { ...bengbu.operator, name: "阿拉尔市塔河托育中心有限公司", ownership: "state_owned_enterprise" },
    staff: [
      ...bengbu.staff.filter((s) => s.id !== "k1" && s.id !== "c6"),
      // 五级 only: below the target level, so the training subsidy applies.
      person("c6", "caregiver", "secondary", 1, [qualification("childcare_worker", 5)]),
      person("k1", "cook", "secondary", 5, []),
    ],
    classes: [
      { type: "infant", enrolled: 6, caregivers: 2 },
      { type: "toddler", enrolled: 15, caregivers: 3 },
      { type: "older_toddler", enrolled: 14, caregivers: 2 },
    ],
  };
}

function isExample(value: unknown): value is Example {
  return typeof value === "string" && (EXAMPLES as readonly string[]).includes(value);
}

export async function loader({ request }: LoaderFunctionArgs) {
  const asked = new URL(request.url).searchParams.get("example");
  const example: Example = isExample(asked) ? asked : "bengbu";
  const today = todayInShanghai();
  return { example, today, snapshot: JSON.stringify(exampleSnapshot(example, today), null, 2) };
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  const snapshotField = form.get("snapshot");
  const dateField = form.get("date");
  const snapshot = typeof snapshotField === "string" ? snapshotField : "";
  const date = typeof dateField === "string" ? dateField.trim() : "";
  const db = await getDb();
  const blocked = await hit(db, `api:ip:${requestIp(request) ?? "unknown"}`, LIMITS.publicApi);
  if (blocked) {
    return data<TryResult>(
      { snapshot, date, errors: [{ path: "", message: { zh: "请求过于频繁，请稍后再试", en: "Too many requests; please try again shortly" } }] },
      { status: 429 },
    );
  }
  if (snapshot.length > MAX_SNAPSHOT_CHARS) {
    return data<TryResult>(
      { snapshot: "", date, errors: [{ path: "", message: { zh: "快照过大", en: "The snapshot is too large" } }] },
      { status: 413 },
    );
  }
  const result = evaluateRequest(snapshot, { today: todayInShanghai(), asOf: date || undefined });
  if (result.status !== 200) return data<TryResult>({ snapshot, date, errors: result.body.errors }, { status: 400 });
  return data<TryResult>({ snapshot, date, evaluation: result.body });
}

export default function TryIt() {
  const { t } = useTranslation();
  const lang = useRouteLoaderData<{ lang: Lang }>("root")?.lang ?? DEFAULT_LANG;
  const { example, today, snapshot } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const evaluation = result?.evaluation;
  return (
    <div className="policies">
      <p className="breadcrumbs small">
        <Link to="/policies">{t("policies.backToList")}</Link>
      </p>
      <PageHeader title={t("policies.try.title")} intro={t("policies.try.intro")} />
      <TryInput examples={EXAMPLES} example={example} today={today} snapshot={snapshot} result={result} lang={lang} />

      {evaluation ? <TryEvaluation evaluation={evaluation} lang={lang} /> : null}
    </div>
  );
}
