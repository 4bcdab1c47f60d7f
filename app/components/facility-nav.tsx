import { NavLink } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useEmployerRunFacility } from "./union/programme";
import { useLabel } from "../i18n/use-label";

/** Tabs of a facility's pages for its operator. */
export function FacilityNav({ facilityId }: { facilityId: string }) {
  const { t } = useTranslation();
  const base = `/operator/facilities/${facilityId}`;
  const tabs = [
    { to: base, label: t("filing.facility.overview"), end: true },
    { to: `${base}/details`, label: t("filing.facility.details") },
    { to: `${base}/classes`, label: t("filing.facility.classes") },
    { to: `${base}/staff`, label: t("filing.facility.staff") },
    { to: `${base}/documents`, label: t("filing.facility.documents") },
    { to: `${base}/fees`, label: t("pricing.fees.title") },
    { to: `${base}/inclusive`, label: t("certification.title") },
    { to: `${base}/measures`, label: t("measures.title") },
    { to: `${base}/enrolment`, label: t("subsidy.enrolment.title") },
    { to: `${base}/bank`, label: t("subsidy.bank.title") },
    { to: `${base}/subsidy`, label: t("batches.statement.tab") },
    ...(useEmployerRunFacility() ? [{ to: `${base}/programme`, label: t("union.operator.tab") }] : []),
  ];
  return (
    <nav className="tabs" aria-label={t("filing.facility.overview")}>
      {tabs.map((tab) => (
        <NavLink key={tab.to} to={tab.to} end={tab.end} className="tabs__link">
          {tab.label}
        </NavLink>
      ))}
    </nav>
  );
}

export function FilingStateBadge({ state }: { state: string }) {
  const { t } = useTranslation();
  const tone = state === "filed" ? "ok" : state === "returned" ? "warn" : state === "cancelled" ? "muted" : state === "draft" ? "muted" : "info";
  return <span className={`badge badge--${tone}`}>{t(`filing.enums.filingState.${state}`)}</span>;
}

const CERTIFICATION_TONE: Record<string, string> = {
  applied: "info",
  under_review: "info",
  public_notice: "warn",
  certified: "ok",
  rejected: "err",
  revoked: "err",
  expired: "muted",
  none: "muted",
};

/** An inclusive-certification status in words (never colour alone). */
export function CertificationStatusBadge({ status }: { status: string }) {
  const label = useLabel();
  return <span className={`badge badge--${CERTIFICATION_TONE[status] ?? "muted"}`}>{label(`certification.status.${status}`)}</span>;
}
