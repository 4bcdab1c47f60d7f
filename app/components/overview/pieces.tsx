// Pieces shared by the jurisdiction overview's sections (/review/overview): the statuses in display order,
// their colours and symbols, a status label, and the page's query strings. The sections live beside this file.
import { useTranslation } from "react-i18next";
import type { Status } from "../../../rules/engine/types";

/** The statuses in display order (the service module is server-only, so the page keeps its own list). */
export const STATUSES: readonly Status[] = [
  "eligible",
  "ineligible",
  "needs_info",
  "not_applicable",
];

/** Colour and symbol per status (the symbol and the text label carry the meaning; colour only helps). */
export const COLOURS: Record<Status, { fill: string; ink: string; icon: string }> = {
  eligible: { fill: "var(--ok, #1b7a3d)", ink: "#fff", icon: "✓" },
  ineligible: { fill: "var(--err, #b42318)", ink: "#fff", icon: "✗" },
  needs_info: { fill: "var(--warn, #8a5300)", ink: "#fff", icon: "?" },
  not_applicable: { fill: "#c9d1da", ink: "#1f2933", icon: "–" },
};

/** `?date=…&measure=…` with the empty values left out ("" when nothing is left). */
export function query(
  params: Record<string, string | number | null | undefined>
): string {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params))
    if (v !== null && v !== undefined && v !== "") search.set(k, String(v));
  const s = search.toString();
  return s ? `?${s}` : "";
}

export function StatusLabel({ status }: { status: Status }) {
  const { t } = useTranslation();
  return (
    <span
      style={{
        display: "inline-flex",
        alignItems: "center",
        gap: ".35rem",
        whiteSpace: "nowrap",
      }}
    >
      <span
        aria-hidden="true"
        style={{
          display: "inline-block",
          width: "1.1em",
          height: "1.1em",
          borderRadius: 3,
          background: COLOURS[status].fill,
          color: COLOURS[status].ink,
          textAlign: "center",
          lineHeight: "1.1em",
          fontSize: ".8em",
        }}
      >
        {COLOURS[status].icon}
      </span>
      {t(`policies.status.${status}`)}
    </span>
  );
}
