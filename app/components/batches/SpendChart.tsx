// The spend chart of the finance desk (issue #7): hand-written SVG, stacked bars per month by county, with
// axis labels, a legend and a <title> on every bar; the county colours the spend table's swatches share.
import { useTranslation } from "react-i18next";
import type { Lang } from "../../i18n/i18n";
import { formatMoney } from "../../utils/format";
import { formatMonth } from "./pieces";

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
