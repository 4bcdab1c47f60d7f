// Pieces shared by the operator's and the reviewer's measures pages.
import { useTranslation } from "react-i18next";
import type { Determination } from "../../rules/engine/evaluate";
import type { Status } from "../../rules/engine/types";
import type { Lang } from "../i18n/i18n";
import { formatDate } from "../utils/format";
import { Checklist } from "./checklist";

const GROUP_ORDER: readonly Status[] = ["eligible", "needs_info", "ineligible", "not_applicable"];

/** The determinations grouped by status, eligible first; empty groups are left out. */
export function MeasureGroups({ determinations, lang }: { determinations: readonly Determination[]; lang: Lang }) {
  const { t } = useTranslation();
  return (
    <>
      {GROUP_ORDER.map((status) => {
        const group = determinations.filter((d) => d.status === status);
        if (group.length === 0) return null;
        return (
          <section key={status} className="card" aria-labelledby={`group-${status}`}>
            <h2 id={`group-${status}`}>
              {t(`measures.groups.${status}`)} <span className="muted">（{group.length}）</span>
            </h2>
            <Checklist determinations={group} lang={lang} headingLevel={3} />
          </section>
        );
      })}
    </>
  );
}

export type UtilityCertificateView = {
  id: string;
  number: string;
  code: string;
  utilities: string;
  validFrom: string;
  validUntil: string | null;
  state: string;
};

/** One utility-price certificate: number, utilities, validity, state, verification and PDF. */
export function UtilityCertificateFacts({ certificate: c, lang }: { certificate: UtilityCertificateView; lang: Lang }) {
  const { t } = useTranslation();
  return (
    <dl className="facts">
      <dt>{t("measures.utility.number")}</dt>
      <dd>{c.number}</dd>
      <dt>{t("measures.utility.utilities")}</dt>
      <dd>{c.utilities}</dd>
      <dt>{t("measures.utility.validity")}</dt>
      <dd>{t("measures.utility.range", { from: formatDate(c.validFrom, lang), to: c.validUntil ? formatDate(c.validUntil, lang) : "—" })}</dd>
      <dt>{t("measures.utility.state")}</dt>
      <dd>
        <span className={`badge badge--${c.state === "valid" ? "ok" : "info"}`}>{t(`certificates.states.${c.state}`)}</span>
      </dd>
      <dt>{t("measures.utility.code")}</dt>
      <dd>
        <code>{c.code}</code> · <a href={`/verify/${c.code}`}>{t("measures.utility.verify")}</a>
      </dd>
      <dt>{t("measures.utility.pdf")}</dt>
      <dd>
        <a href={`/certificates/${c.id}.pdf`}>{t("measures.utility.download")}</a>
      </dd>
    </dl>
  );
}
