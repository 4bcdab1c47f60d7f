// GET /verify/<code> — the public check of a certificate or letter (DESIGN.md: QR codes point here). No
// sign-in; only what the document itself states and its current state, nothing personal. Look-ups are
// rate-limited per client address in the database, so guessing codes is slow on every app server.
import { data, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "../../db/client";
import { requestIp } from "../auth/session.server";
import { PageHeader } from "../components/layout";
import { DEFAULT_LANG, isLang, translator } from "../i18n/i18n";
import { useLang } from "../i18n/use-lang";
import { verifyCertificate, type CertificateState, type CertificateVerification } from "../services/certificates.server";
import { hit, LIMITS } from "../services/rate-limit.server";
import { formatDate, todayInShanghai } from "../utils/format";

type VerifyData =
  | { kind: "found"; today: string; result: CertificateVerification }
  | { kind: "not_found"; code: string }
  | { kind: "rate_limited"; seconds: number };

export const meta: MetaFunction<typeof loader> = ({ data: d, matches }) => {
  const root = matches.find((m) => m?.id === "root")?.data;
  const lang = root && typeof root === "object" && "lang" in root && isLang(root.lang) ? root.lang : DEFAULT_LANG;
  const t = translator(lang);
  const page =
    d?.kind === "found"
      ? `${t(`certificates.states.${d.result.state}`)} · ${t(`certificates.kindsShort.${d.result.kind}`)} ${d.result.number}`
      : d?.kind === "not_found"
        ? t("certificates.verify.notFoundTitle")
        : d?.kind === "rate_limited"
          ? t("certificates.verify.rateLimitedTitle")
          : t("certificates.verify.title");
  // verification pages are for the holder of the paper, not for search engines
  return [{ title: `${page} · ${t("app.name")}` }, { name: "robots", content: "noindex" }];
};

export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

const NO_STORE = { "Cache-Control": "no-store" };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const db = await getDb();
  // without the server entry's header (a direct call in tests) all such callers share one bucket
  const ip = requestIp(request) ?? "unknown";
  const blocked = await hit(db, `verify:ip:${ip}`, LIMITS.publicApi);
  if (blocked) {
    const seconds = Math.max(1, Math.ceil((blocked.getTime() - Date.now()) / 1000));
    return data<VerifyData>({ kind: "rate_limited", seconds }, { status: 429, headers: { ...NO_STORE, "Retry-After": String(seconds) } });
  }
  const code = (params.code ?? "").slice(0, 40);
  const today = todayInShanghai();
  const result = await verifyCertificate(db, code, today);
  if (!result) return data<VerifyData>({ kind: "not_found", code }, { status: 404, headers: NO_STORE });
  return data<VerifyData>({ kind: "found", today, result }, { headers: NO_STORE });
}

const TONE: Record<CertificateState, { color: string; background: string }> = {
  valid: { color: "var(--ok)", background: "var(--ok-bg)" },
  not_yet_valid: { color: "var(--warn)", background: "var(--warn-bg)" },
  expired: { color: "var(--warn)", background: "var(--warn-bg)" },
  revoked: { color: "var(--err)", background: "var(--err-bg)" },
  void: { color: "var(--err)", background: "var(--err-bg)" },
};

/** A shape per state, so the state reads without colour too: tick, clock, cross, slash, hourglass. */
function StateIcon({ state }: { state: CertificateState }) {
  const common = { fill: "none", stroke: "currentColor", strokeWidth: 2.4, strokeLinecap: "round" as const, strokeLinejoin: "round" as const };
  return (
    <svg width="56" height="56" viewBox="0 0 24 24" aria-hidden="true" focusable="false" style={{ flex: "none" }}>
      <circle cx="12" cy="12" r="10.5" {...common} strokeWidth={1.8} />
      {state === "valid" ? <path d="M7 12.5l3.2 3.2L17.2 8.6" {...common} /> : null}
      {state === "expired" ? <path d="M12 6.5V12l3.6 2.4" {...common} /> : null}
      {state === "revoked" ? <path d="M8.2 8.2l7.6 7.6M15.8 8.2l-7.6 7.6" {...common} /> : null}
      {state === "void" ? <path d="M5.6 18.4L18.4 5.6" {...common} /> : null}
      {state === "not_yet_valid" ? <path d="M8.5 6.5h7M8.5 17.5h7M9.5 6.5c0 3 5 3 5 5.5s-5 2.5-5 5.5M14.5 6.5c0 2-1.2 3-2.5 4" {...common} strokeWidth={1.8} /> : null}
    </svg>
  );
}

export default function VerifyCertificate() {
  const d = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  if (d.kind === "rate_limited") {
    return (
      <section className="card narrow" aria-labelledby="verify-title">
        <h1 id="verify-title">{t("certificates.verify.rateLimitedTitle")}</h1>
        <p>{t("certificates.verify.rateLimitedText", { seconds: d.seconds })}</p>
      </section>
    );
  }
  if (d.kind === "not_found") {
    return (
      <section className="card narrow" aria-labelledby="verify-title">
        <h1 id="verify-title">{t("certificates.verify.notFoundTitle")}</h1>
        <p>{t("certificates.verify.notFoundText", { code: d.code })}</p>
        <p>
          <Link to="/verify" className="button">
            {t("certificates.verify.again")}
          </Link>
        </p>
      </section>
    );
  }
  return <Found result={d.result} today={d.today} />;
}

function Found({ result: r, today }: { result: CertificateVerification; today: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const date = (value: string) => formatDate(value, lang);
  const explainedDate =
    r.state === "expired" ? r.validUntil : r.state === "not_yet_valid" ? r.validFrom : r.state === "valid" ? null : r.statusChangedOn;
  const tone = TONE[r.state];
  const validity =
    r.validUntil === null
      ? t("certificates.verify.validOpenEnded", { from: date(r.validFrom) })
      : t("certificates.verify.validRange", { from: date(r.validFrom), until: date(r.validUntil) });
  const issuer = lang === "en" ? (r.issuerEn ?? r.issuer) : r.issuer;
  return (
    <>
      <PageHeader title={t("certificates.verify.resultTitle")} intro={t("certificates.verify.checkedOn", { date: date(today) })} />
      <section
        className="card"
        role="status"
        aria-labelledby="state-title"
        style={{ display: "flex", gap: "1.25rem", alignItems: "center", color: tone.color, background: tone.background, borderLeft: `8px solid ${tone.color}`, marginBottom: "1.25rem" }}
      >
        <StateIcon state={r.state} />
        <div>
          <p className="small" style={{ margin: 0 }}>
            {t("certificates.verify.stateLabel")}
          </p>
          <h2 id="state-title" style={{ fontSize: "2rem", margin: "0 0 .25rem", lineHeight: 1.2 }}>
            {t(`certificates.states.${r.state}`)}
          </h2>
          <p style={{ margin: 0, color: "var(--ink)" }}>{t(`certificates.stateExplained.${r.state}`, { date: explainedDate ? date(explainedDate) : "" })}</p>
          {r.statusReason ? (
            <p style={{ margin: ".25rem 0 0", color: "var(--ink)" }}>
              {t("certificates.verify.labelled", { label: t("certificates.verify.statusReason"), value: t(`certificates.reasons.${r.statusReason}`) })}
            </p>
          ) : null}
        </div>
      </section>

      <section className="card" aria-labelledby="doc-title">
        <h2 id="doc-title">{t("certificates.verify.document")}</h2>
        <dl className="facts">
          <dt>{t("certificates.verify.kind")}</dt>
          <dd>{t(`certificates.kinds.${r.kind}`)}</dd>
          <dt>{t("certificates.verify.number")}</dt>
          <dd>
            <strong>{r.number}</strong>
          </dd>
          <dt>{t("certificates.verify.facility")}</dt>
          <dd>
            <strong>{r.facilityName}</strong>
          </dd>
          <dt>{t("certificates.verify.county")}</dt>
          <dd>{lang === "en" ? r.jurisdictionNameEn : r.jurisdictionNameZh}</dd>
          {issuer ? (
            <>
              <dt>{t("certificates.verify.issuer")}</dt>
              <dd>{issuer}</dd>
            </>
          ) : null}
          <dt>{t("certificates.verify.issuedOn")}</dt>
          <dd>{date(r.issuedOn)}</dd>
          <dt>{t("certificates.verify.validity")}</dt>
          <dd>{validity}</dd>
          {r.statusChangedOn ? (
            <>
              <dt>{t("certificates.verify.statusChangedOn")}</dt>
              <dd>{date(r.statusChangedOn)}</dd>
            </>
          ) : null}
          <dt>{t("certificates.verify.code")}</dt>
          <dd>
            <code>{r.code}</code>
          </dd>
        </dl>
      </section>

      {r.lines.length > 0 || r.clauses.length > 0 ? (
        <section className="card" aria-labelledby="certifies-title">
          <h2 id="certifies-title">{t("certificates.verify.certifies")}</h2>
          {r.lines.length > 0 ? (
            <dl className="facts">
              {r.lines.map((line, i) => (
                <div key={i} style={{ display: "contents" }}>
                  <dt>{lang === "en" ? (line.labelEn ?? line.label) : line.label}</dt>
                  <dd>{(lang === "en" ? (line.valueEn ?? line.value) : line.value) || "—"}</dd>
                </div>
              ))}
            </dl>
          ) : null}
          {r.clauses.length > 0 ? (
            <>
              <h3 style={{ fontSize: "1rem", margin: "1rem 0 .25rem" }}>{t("certificates.verify.clauses")}</h3>
              <ul className="plain-list">
                {r.clauses.map((clause, i) => (
                  <li key={i}>{clause}</li>
                ))}
              </ul>
            </>
          ) : null}
        </section>
      ) : null}

      <p className="muted small">{t("certificates.verify.compareHint")}</p>
      <p>
        <Link to="/verify">{t("certificates.verify.again")}</Link>
      </p>
    </>
  );
}
