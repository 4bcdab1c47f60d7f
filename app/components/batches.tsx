// Pieces of the subsidy batch pages (issue #7): months in words, a batch's status and its steps, line
// kinds, exclusion reasons in words, the preparation progress, and the spend chart (hand-written SVG:
// stacked bars per month by county, with axis labels, a legend and a <title> on every bar).
import type { LinksFunction } from "@remix-run/node";
import { useTranslation } from "react-i18next";
import type { Lang } from "../i18n/i18n";
import { formatMoney } from "../utils/format";

export const batchesLinks: LinksFunction = () => [{ rel: "stylesheet", href: "/batches.css" }];

type T = (key: string, options?: Record<string, unknown>) => string;

export const BATCH_STATUSES = ["preparing", "prepared", "approved", "paid"] as const;
export type BatchStatus = (typeof BATCH_STATUSES)[number];

/** The colon after a label: full-width in Chinese. */
export function colon(lang: Lang): string {
  return lang === "zh-CN" ? "：" : ": ";
}

/** 2026年3月 / Mar 2026. */
export function formatMonth(period: string, lang: Lang): string {
  const [y, m] = period.split("-").map(Number) as [number, number];
  if (!y || !m) return period;
  if (lang === "zh-CN") return `${y}年${m}月`;
  return new Intl.DateTimeFormat("en-GB", { year: "numeric", month: "short", timeZone: "UTC" }).format(new Date(Date.UTC(y, m - 1, 1)));
}

/** A line's kind as the payment file names it: original, or a delta that tops up or recovers. */
export function lineKind(kind: string, amountFen: number): "original" | "top_up" | "recovery" {
  if (kind === "original") return "original";
  return amountFen >= 0 ? "top_up" : "recovery";
}

/** An exclusion reason in words: a condition id, a not-applicable reason, or `missing:<fact path>`. */
export function reasonText(t: T, reason: string): string {
  if (reason.startsWith("missing:")) return t("batches.reasons.missing", { path: reason.slice("missing:".length) });
  return t(`batches.reasons.${reason}`, { defaultValue: reason });
}

const STATUS_TONE: Record<string, string> = { preparing: "info", prepared: "warn", approved: "info", paid: "ok", interrupted: "err" };

export function BatchStatusBadge({ status, interrupted = false }: { status: string; interrupted?: boolean }) {
  const { t } = useTranslation();
  const shown = interrupted ? "interrupted" : status;
  return <span className={`badge badge--${STATUS_TONE[shown] ?? "muted"}`}>{t(`batches.status.${shown}`)}</span>;
}

export function ProvisionalValuesBadge() {
  const { t } = useTranslation();
  return (
    <span className="badge badge--warn">
      <span aria-hidden="true">! </span>
      {t("batches.list.provisionalBadge")}
    </span>
  );
}

export function KindBadge({ kind, amountFen }: { kind: string; amountFen: number }) {
  const { t } = useTranslation();
  const k = lineKind(kind, amountFen);
  return <span className={`badge badge--${k === "original" ? "muted" : k === "top_up" ? "ok" : "err"}`}>{t(`batches.kinds.${k}`)}</span>;
}

/** preparing → prepared → approved → paid, the current step marked (text, not colour alone). */
export function StatusSteps({ status }: { status: string }) {
  const { t } = useTranslation();
  const current = BATCH_STATUSES.indexOf(status as BatchStatus);
  return (
    <ol className="batch-steps" aria-label={t("batches.steps.label")}>
      {BATCH_STATUSES.map((step, i) => {
        const state = i < current || (i === current && step === "paid") ? "done" : i === current ? "current" : "todo";
        return (
          <li key={step} className={`batch-steps__step batch-steps__step--${state}`} aria-current={state === "current" ? "step" : undefined}>
            <span className="batch-steps__mark" aria-hidden="true">
              {state === "done" ? "✓" : i + 1}
            </span>
            <span>
              {t(`batches.steps.${step}`)}
              <span className="visually-hidden">{state === "done" ? t("batches.steps.done") : state === "current" ? t("batches.steps.current") : ""}</span>
            </span>
          </li>
        );
      })}
    </ol>
  );
}

export function PreparationProgress({ done, total }: { done: number; total: number }) {
  const { t } = useTranslation();
  const percent = total > 0 ? Math.min(100, Math.floor((done / total) * 100)) : 0;
  return (
    <div className="batch-progress">
      <label htmlFor="batch-progress">{total > 0 ? t("batches.batch.progress", { done, total, percent }) : t("batches.batch.progressStarting")}</label>
      <progress id="batch-progress" max={Math.max(total, 1)} value={total > 0 ? done : undefined}>
        {percent}%
      </progress>
      <p className="small muted">{t("batches.batch.progressNote")}</p>
    </div>
  );
}

// ---- spend chart -----------------------------------------------------------------------------------

export type SpendCell = { period: string; jurisdictionCode: string; nameZh: string; nameEn: string; paidFen: number; approvedFen: number };

// distinguishable on white and in greyscale order; text and <title>s carry the values, colour only helps
const PALETTE = ["#1d5fa8", "#d97706", "#1b7a3d", "#9333ea", "#b42318", "#0e7490", "#6b7280", "#a16207", "#be185d", "#4d7c0f"];

export function countyColour(index: number): string {
  return PALETTE[index % PALETTE.length] ?? "#1d5fa8";
}

/** A round step for the y axis so that about four ticks cover `max` (fen). */
function niceStep(maxFen: number): number {
  const rough = Math.max(maxFen / 4, 100);
  const power = 10 ** Math.floor(Math.log10(rough));
  const m = rough / power;
  return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * power;
}

function axisYuan(fen: number, lang: Lang): string {
  const yuan = fen / 100;
  if (lang === "zh-CN" && yuan >= 10_000) return `${(yuan / 10_000).toLocaleString("zh-CN", { maximumFractionDigits: 1 })}万`;
  if (lang === "en" && yuan >= 1_000_000) return `${(yuan / 1_000_000).toLocaleString("en-GB", { maximumFractionDigits: 1 })}m`;
  if (lang === "en" && yuan >= 1_000) return `${(yuan / 1_000).toLocaleString("en-GB", { maximumFractionDigits: 1 })}k`;
  return yuan.toLocaleString(lang === "zh-CN" ? "zh-CN" : "en-GB");
}

export function SpendChart({ year, rows, counties, lang }: { year: number; rows: readonly SpendCell[]; counties: ReadonlyArray<{ code: string; name: string }>; lang: Lang }) {
  const { t } = useTranslation();
  const months = Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, "0")}`);
  const byMonth = new Map<string, Map<string, number>>();
  for (const r of rows) {
    const m = byMonth.get(r.period) ?? new Map<string, number>();
    m.set(r.jurisdictionCode, (m.get(r.jurisdictionCode) ?? 0) + r.paidFen + r.approvedFen);
    byMonth.set(r.period, m);
  }
  const totals = months.map((p) => [...(byMonth.get(p)?.values() ?? [])].reduce((a, b) => a + b, 0));
  const step = niceStep(Math.max(...totals, 0));
  const top = Math.max(step, Math.ceil(Math.max(...totals, 0) / step) * step);
  const ticks = Array.from({ length: Math.round(top / step) + 1 }, (_, i) => i * step);
  const W = 760;
  const H = 320;
  const left = 72;
  const right = 12;
  const topPad = 16;
  const bottom = 44;
  const plotW = W - left - right;
  const plotH = H - topPad - bottom;
  const slot = plotW / 12;
  const barW = Math.min(40, slot * 0.6);
  const y = (fen: number) => topPad + plotH - (fen / top) * plotH;
  const monthName = (p: string) => (lang === "zh-CN" ? `${Number(p.slice(5))}月` : formatMonth(p, lang).split(" ")[0] ?? p);
  return (
    <figure className="spend-chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby="spend-chart-title spend-chart-desc" className="spend-chart__svg">
        <title id="spend-chart-title">{t("batches.spend.chartTitle", { year })}</title>
        <desc id="spend-chart-desc">{t("batches.spend.chartDesc")}</desc>
        {ticks.map((v) => (
          <g key={v}>
            <line x1={left} x2={W - right} y1={y(v)} y2={y(v)} stroke={v === 0 ? "#52606d" : "#d9e2ec"} strokeWidth={1} />
            <text x={left - 6} y={y(v) + 4} textAnchor="end" fontSize="11" fill="#52606d">
              {axisYuan(v, lang)}
            </text>
          </g>
        ))}
        <text x={14} y={topPad + plotH / 2} transform={`rotate(-90 14 ${topPad + plotH / 2})`} textAnchor="middle" fontSize="12" fill="#52606d">
          {t("batches.spend.axis")}
        </text>
        {months.map((p, i) => {
          const x = left + i * slot + (slot - barW) / 2;
          let base = 0;
          const segments = counties.flatMap((c, ci) => {
            const v = byMonth.get(p)?.get(c.code) ?? 0;
            if (v <= 0) return [];
            const y0 = y(base);
            base += v;
            const y1 = y(base);
            return [
              <rect key={c.code} x={x} y={y1} width={barW} height={Math.max(0, y0 - y1)} fill={countyColour(ci)}>
                <title>{t("batches.spend.bar", { month: formatMonth(p, lang), county: c.name, amount: formatMoney(v) })}</title>
              </rect>,
            ];
          });
          const total = totals[i] ?? 0;
          return (
            <g key={p}>
              {segments}
              {total > 0 ? (
                <text x={x + barW / 2} y={y(total) - 4} textAnchor="middle" fontSize="10" fill="#1f2933">
                  <title>{t("batches.spend.monthTotal", { month: formatMonth(p, lang), amount: formatMoney(total) })}</title>
                  {axisYuan(total, lang)}
                </text>
              ) : null}
              <text x={left + i * slot + slot / 2} y={H - bottom + 18} textAnchor="middle" fontSize="11" fill="#52606d">
                {monthName(p)}
              </text>
            </g>
          );
        })}
        <text x={left + plotW / 2} y={H - 6} textAnchor="middle" fontSize="12" fill="#52606d">
          {String(year)}
        </text>
      </svg>
      <figcaption>
        <ul className="spend-chart__legend" aria-label={t("batches.spend.legend")}>
          {counties.map((c, ci) => (
            <li key={c.code}>
              <span className="spend-chart__swatch" style={{ background: countyColour(ci) }} aria-hidden="true" />
              {c.name}
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}
