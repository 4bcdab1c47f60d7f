// What the operator submitted, from the filing's stored snapshot: the facility (kind, service types, slots,
// premises and lease, employer or kindergarten details), the operator and the classes.
import { useTranslation } from "react-i18next";
import { useLang } from "../../i18n/use-lang";
import { formatDate } from "../../utils/format";
import { jurisdictionName } from "../checklist";
import type { ReviewFacilityView, SubmittedSnapshotView } from "./views";

type T = (key: string, options?: Record<string, unknown>) => string;

function yesNo(value: boolean | null | undefined, t: T): string {
  return value === true ? t("filing.enums.yesNo.true") : value === false ? t("filing.enums.yesNo.false") : t("filing.enums.yesNo.unknown");
}

export function SubmittedData({ facility, snapshot }: { facility: ReviewFacilityView; snapshot: SubmittedSnapshotView }) {
  const { t } = useTranslation();
  const lang = useLang();
  const op = snapshot.operator;
  const f = snapshot.facility;
  const premises = f.premises;
  const leased = premises?.tenure === "leased" || premises?.tenure === "free_use";
  const dash = "—";
  const date = (d: string | null | undefined) => (d ? formatDate(d, lang) : dash);
  return (
    <section className="card" aria-labelledby="snapshot-title">
      <h2 id="snapshot-title">{t("filing.review.snapshot")}</h2>
      <p className="muted small">{t("filing.review.snapshotIntro")}</p>
      <div className="grid-2">
        <div>
          <h3>{t("filing.review.facilitySection")}</h3>
          <dl className="facts">
            <dt>{t("filing.facility.name")}</dt>
            <dd>{facility.name}</dd>
            <dt>{t("filing.facility.address")}</dt>
            <dd>{facility.address ?? dash}</dd>
            <dt>{t("filing.facility.jurisdiction")}</dt>
            <dd>{jurisdictionName(facility.jurisdictionCode, lang)}</dd>
            <dt>{t("filing.facility.kind")}</dt>
            <dd>{f.kind ? t(`filing.enums.kind.${f.kind}`) : dash}</dd>
            <dt>{t("filing.facility.serviceTypes")}</dt>
            <dd>{f.serviceTypes?.length ? f.serviceTypes.map((s) => t(`filing.enums.serviceType.${s}`)).join(t("policies.listSeparator")) : dash}</dd>
            <dt>{t("filing.facility.totalSlots")}</dt>
            <dd>{f.totalSlots ?? dash}</dd>
            <dt>{t("filing.facility.openedOn")}</dt>
            <dd>{date(f.openedOn)}</dd>
            <dt>{t("filing.facility.mealsProvided")}</dt>
            <dd>{yesNo(f.mealsProvided, t)}</dd>
            <dt>{t("filing.facility.premisesTenure")}</dt>
            <dd>
              {premises?.tenure ? t(`filing.enums.tenure.${premises.tenure}`) : dash}
              {leased ? (
                <span className="muted">
                  {" "}
                  （{premises?.leaseEndsOn === null
                    ? `${date(premises.leaseStartsOn)} · ${t("filing.review.openEnded")}`
                    : t("filing.review.premisesLease", { start: date(premises?.leaseStartsOn), end: date(premises?.leaseEndsOn) })}
                  ）
                </span>
              ) : null}
            </dd>
            <dt>{t("filing.facility.premisesStateOwned")}</dt>
            <dd>{yesNo(premises?.stateOwned, t)}</dd>
            {f.kind === "employer_run" ? (
              <>
                <dt>{t("filing.facility.employerName")}</dt>
                <dd>{f.employer?.name ?? dash}</dd>
                <dt>{t("filing.facility.employerMainlyForOwnEmployees")}</dt>
                <dd>{yesNo(f.employer?.mainlyForOwnEmployees, t)}</dd>
                <dt>{t("filing.facility.employerOpenToOtherEmployers")}</dt>
                <dd>{yesNo(f.employer?.openToOtherEmployers, t)}</dd>
              </>
            ) : null}
            {f.kind === "kindergarten_class" ? (
              <>
                <dt>{t("filing.facility.kindergartenOwnership")}</dt>
                <dd>{f.kindergarten?.ownership ? t(`filing.enums.kindergartenOwnership.${f.kindergarten.ownership}`) : dash}</dd>
              </>
            ) : null}
          </dl>
        </div>
        <div>
          <h3>{t("filing.review.operatorSection")}</h3>
          <dl className="facts">
            <dt>{t("filing.organisation.name")}</dt>
            <dd>{op.name ?? dash}</dd>
            <dt>{t("filing.organisation.uscc")}</dt>
            <dd>{op.uscc ? <code>{op.uscc}</code> : dash}</dd>
            <dt>{t("filing.organisation.legalForm")}</dt>
            <dd>{op.legalForm ? t(`filing.enums.legalForm.${op.legalForm}`) : dash}</dd>
            <dt>{t("filing.organisation.ownership")}</dt>
            <dd>{op.ownership ? t(`filing.enums.ownership.${op.ownership}`) : dash}</dd>
            <dt>{t("filing.organisation.businessScope")}</dt>
            <dd>{yesNo(op.businessScopeIncludesChildcare, t)}</dd>
          </dl>
        </div>
      </div>
      <h3>{t("filing.class.title")}</h3>
      {snapshot.classes.length === 0 ? (
        <p className="muted">{t("filing.review.classesNone")}</p>
      ) : (
        <div className="table-wrap">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t("filing.class.type")}</th>
                <th scope="col">{t("filing.class.enrolled")}</th>
                <th scope="col">{t("filing.class.caregivers")}</th>
              </tr>
            </thead>
            <tbody>
              {snapshot.classes.map((c, i) => (
                <tr key={i}>
                  <td>{c.type ? t(`filing.enums.classType.${c.type}`) : dash}</td>
                  <td>{c.enrolled ?? dash}</td>
                  <td>{c.caregivers ?? dash}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
