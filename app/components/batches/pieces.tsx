// Pieces shared by the subsidy batch pages (issue #7): the stylesheet, months in words, a jurisdiction's
// name in the page's language, a batch's status and its steps, line kinds, exclusion reasons in words and
// the preparation progress. The page sections live beside this file, one per file.
import type { LinksFunction } from "@remix-run/node";
import { useTranslation } from "react-i18next";
import type { Lang } from "../../i18n/i18n";

export const batchesLinks: LinksFunction = () => [{ rel: "stylesheet", href: "/batches.css" }];

type T = (key: string, options?: Record<string, unknown>) => string;

export const BATCH_STATUSES = ["preparing", "prepared", "approved", "paid"] as const;
export type BatchStatus = (typeof BATCH_STATUSES)[number];

/** The colon after a label: full-width in Chinese. */
export function colon(lang: Lang): string {
  return lang === "zh-CN" ? "：" : ": ";
}

/** A jurisdiction's (or a row's) name in the page's language. */
export function nameIn(j: { nameZh: string; nameEn: string }, lang: Lang): string {
  return lang === "zh-CN" ? j.nameZh : j.nameEn;
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
