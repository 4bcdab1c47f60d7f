// A programme's declared basic fees in the union directory: full-day fees first (what a working parent
// compares), at most two, and how many more there are.
import { useTranslation } from "react-i18next";
import type { ProgrammeFee } from "../../services/union.server";
import { formatMoney } from "../../utils/format";
import { FEE_UNIT } from "./fee-units";

export function FeesCell({ fees }: { fees: ProgrammeFee[] }) {
  const { t } = useTranslation();
  if (fees.length === 0) return <span className="muted">{t("union.directory.noFees")}</span>;
  // full-day fees first: what a working parent compares
  const sorted = [...fees].sort((a, b) => (a.serviceType === "full_day" ? 0 : 1) - (b.serviceType === "full_day" ? 0 : 1));
  const shown = sorted.slice(0, 2);
  return (
    <>
      {shown.map((f, i) => (
        <div key={i} className="small">
          {t(`filing.enums.classType.${f.classType ?? ""}`)} · {t(`filing.enums.serviceType.${f.serviceType ?? ""}`)} <strong>{formatMoney(f.amountFen)}</strong>
          {f.serviceType && FEE_UNIT[f.serviceType] ? t(FEE_UNIT[f.serviceType] ?? "") : ""}
        </div>
      ))}
      {sorted.length > shown.length ? <div className="small muted">{t("union.directory.feesMore", { count: sorted.length - shown.length })}</div> : null}
    </>
  );
}
