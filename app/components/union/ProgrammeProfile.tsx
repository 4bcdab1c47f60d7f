// The union officer's view of one programme's profile: what the operator keeps (ProgrammeFacts, with the
// contact) and, beside it, the operator, county, filing and receipt, the 普惠 label with certified 托位,
// and the declared basic fees.
import { useTranslation } from "react-i18next";
import { FilingStateBadge } from "../facility-nav";
import { useLang } from "../../i18n/use-lang";
import type { ProgrammeFee } from "../../services/union.server";
import { formatMoney } from "../../utils/format";
import { FEE_UNIT } from "./fee-units";
import { InclusiveLabelBadge, ProgrammeFacts, type ProgrammeProfileView } from "./programme";

export type UnionProfileView = ProgrammeProfileView & { organisationName: string; county: { zh: string; en: string }; filingState: string; receiptNumber: string | null };

type Props = { profile: UnionProfileView; inclusive: string; certifiedSlots: number | null; fees: readonly ProgrammeFee[] };

export function ProgrammeProfile({ profile, inclusive, certifiedSlots, fees }: Props) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <section className="card" aria-labelledby="profile-title">
      <h2 id="profile-title">{t("union.profile.title")}</h2>
      <ProgrammeFacts profile={profile} withContact>
        <dt>{t("union.profile.operator")}</dt>
        <dd>{profile.organisationName}</dd>
        <dt>{t("union.profile.county")}</dt>
        <dd>{lang === "en" ? profile.county.en : profile.county.zh}</dd>
        <dt>{t("union.profile.filing")}</dt>
        <dd>
          <FilingStateBadge state={profile.filingState} />
        </dd>
        <dt>{t("union.profile.receipt")}</dt>
        <dd>{profile.receiptNumber ?? "—"}</dd>
        <dt>{t("union.profile.inclusive")}</dt>
        <dd>
          <InclusiveLabelBadge label={inclusive} />
          {certifiedSlots !== null ? ` ${t("union.profile.certifiedSlots")}：${certifiedSlots}` : ""}
        </dd>
        <dt>{t("union.profile.fees")}</dt>
        <dd>
          {fees.length === 0
            ? t("union.directory.noFees")
            : fees.map((f, i) => (
                <div key={i}>
                  {t(`filing.enums.classType.${f.classType ?? ""}`)} · {t(`filing.enums.serviceType.${f.serviceType ?? ""}`)} {formatMoney(f.amountFen)}
                  {f.serviceType ? t(FEE_UNIT[f.serviceType] ?? "") : ""}
                </div>
              ))}
        </dd>
      </ProgrammeFacts>
    </section>
  );
}
