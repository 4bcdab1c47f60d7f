// A subsidy line's replay card (issue #7): the stored decision evaluated again with the stored rules and
// parameter set — "same result ✓", the difference (status and amount), or why it cannot be replayed — with
// the replayed checklist folded under it.
import { useTranslation } from "react-i18next";
import type { Determination } from "../../../rules/engine/evaluate";
import { useLang } from "../../i18n/use-lang";
import { formatMoney } from "../../utils/format";
import { Checklist } from "../checklist";

export function LineReplay({ line, replay, matches }: { line: { id: string; rulesVersion: string }; replay: Determination | null; matches: boolean | null }) {
  const { t } = useTranslation();
  const lang = useLang();
  const version = line.rulesVersion.slice(0, 12);
  const replayAmount = replay && replay.status === "eligible" ? (replay.amountFen ?? 0) : 0;
  return (
    <section className="card" aria-labelledby={`replay-${line.id}`}>
      <h2 id={`replay-${line.id}`}>{t("batches.line.replay")}</h2>
      {replay === null ? (
        <p className="notice">{t("batches.line.replayUnavailable", { version })}</p>
      ) : matches ? (
        <p className="notice replay--same" role="status">
          {t("batches.line.replaySame", { version })}
        </p>
      ) : (
        <p className="notice replay--different" role="alert">
          {t("batches.line.replayDifferent", { version, status: t(`policies.status.${replay.status}`), amount: formatMoney(replayAmount) })}
        </p>
      )}
      {replay ? (
        <details className="checklist-item__more">
          <summary>{t("batches.line.replayDetail")}</summary>
          <Checklist determinations={[replay]} lang={lang} headingLevel={3} />
        </details>
      ) : null}
    </section>
  );
}
