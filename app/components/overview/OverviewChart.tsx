// The jurisdiction overview's bar chart: per measure, one bar split by status (symbol and count in each
// part, the whole line read out as an image label), over the number of filed facilities in scope.
import { useTranslation } from "react-i18next";
import type { Lang } from "../../i18n/i18n";
import type { Overview } from "../../services/overview.server";
import { textIn } from "../checklist";
import { COLOURS, STATUSES, StatusLabel } from "./pieces";

export function OverviewChart({ overview, lang }: { overview: Overview; lang: Lang }) {
  const { t } = useTranslation();
  const total = Math.max(1, overview.facilities);
  return (
    <figure
      style={{ margin: 0 }}
      aria-labelledby="chart-title"
      aria-describedby="chart-note"
    >
      <figcaption>
        <h2 id="chart-title">{t("overview.chartTitle")}</h2>
        <p id="chart-note" className="small muted">
          {t("overview.chartNote")}
        </p>
        <p style={{ display: "flex", flexWrap: "wrap", gap: "1rem" }}>
          {STATUSES.map((s) => (
            <StatusLabel key={s} status={s} />
          ))}
        </p>
      </figcaption>
      <div
        style={{
          display: "grid",
          gridTemplateColumns: "minmax(10rem, 16rem) 1fr",
          gap: ".4rem .75rem",
          alignItems: "center",
        }}
      >
        {overview.measures.map((m) => {
          const label = STATUSES.map(
            (s) => `${t(`policies.status.${s}`)} ${m.counts[s]}`
          ).join("，");
          return (
            <div key={m.measure} style={{ display: "contents" }}>
              <div className="small">{textIn(m.title, lang)}</div>
              <div
                role="img"
                aria-label={`${textIn(m.title, lang)}：${label}`}
                title={label}
                style={{
                  display: "flex",
                  height: "1.6rem",
                  borderRadius: 4,
                  overflow: "hidden",
                  background: "#eef2f6",
                }}
              >
                {STATUSES.filter((s) => m.counts[s] > 0).map((s) => (
                  <div
                    key={s}
                    style={{
                      width: `${(m.counts[s] / total) * 100}%`,
                      minWidth: "1.6rem",
                      background: COLOURS[s].fill,
                      color: COLOURS[s].ink,
                      fontSize: ".8rem",
                      lineHeight: "1.6rem",
                      textAlign: "center",
                      whiteSpace: "nowrap",
                      overflow: "hidden",
                    }}
                  >
                    {COLOURS[s].icon} {m.counts[s]}
                  </div>
                ))}
              </div>
            </div>
          );
        })}
      </div>
    </figure>
  );
}
