// Pieces of the employer-run programme (用人单位办托) shared by the union's pages, the operator's pages and
// the public directory: the profile facts, openness in words, the 全国爱心托育用人单位 honour and the
// nomination status. Status is spelled out, never carried by colour alone.
import { useMatches } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { textIn } from "../checklist";
import type { Determination } from "../../../rules/engine/evaluate";
import type { Lang } from "../../i18n/i18n";
import { useLang } from "../../i18n/use-lang";
import { formatDate, formatMoney } from "../../utils/format";
import { EmptyState } from "../layout";

export type ProgrammeProfileView = {
  employerName: string | null;
  employerUscc?: string | null;
  parkName: string | null;
  mainlyForOwnEmployees: boolean | null;
  openToOtherEmployers: boolean | null;
  openToResidents: boolean | null;
  reservedSlots: number | null;
  totalSlots?: number | null;
  contactName?: string | null;
  contactPhone?: string | null;
};

/**
 * Whether the facility page being shown is of an employer-run facility: the operator's facility pages
 * put `facilityKind` in their loader data, and the facility tabs show the programme tab for it.
 */
export function useEmployerRunFacility(): boolean {
  return useMatches().some((m) => {
    const d: unknown = m.data;
    return typeof d === "object" && d !== null && "facilityKind" in d && d.facilityKind === "employer_run";
  });
}

type T = (key: string, options?: Record<string, unknown>) => string;

/** Whom the programme serves, in words: "mainly own staff · open to other employers' staff · …". */
export function opennessText(p: Pick<ProgrammeProfileView, "mainlyForOwnEmployees" | "openToOtherEmployers" | "openToResidents">, t: T): string {
  const parts: string[] = [];
  if (p.mainlyForOwnEmployees === true) parts.push(t("union.openness.mainlyOwn"));
  if (p.mainlyForOwnEmployees === false) parts.push(t("union.openness.notMainlyOwn"));
  if (p.openToOtherEmployers) parts.push(t("union.openness.other_employers"));
  if (p.openToResidents) parts.push(t("union.openness.residents"));
  if (parts.length === 0) return t("union.notGiven");
  if (p.mainlyForOwnEmployees && p.openToOtherEmployers === false && p.openToResidents === false) return t("union.openness.own_only");
  return parts.join(t("policies.listSeparator"));
}

function yesNo(value: boolean | null | undefined, t: T): string {
  return value === null || value === undefined ? t("union.notGiven") : value ? t("union.yes") : t("union.no");
}

/**
 * The profile as facts. `contact` and the USCC are shown where the viewer may see them (the union officer
 * and the operator); the public directory leaves them out.
 */
export function ProgrammeFacts({ profile: p, withContact = false, children }: { profile: ProgrammeProfileView; withContact?: boolean; children?: ReactNode }) {
  const { t } = useTranslation();
  const given = (v: string | number | null | undefined) => (v === null || v === undefined || v === "" ? t("union.notGiven") : String(v));
  return (
    <dl className="facts">
      <dt>{t("union.profile.employerName")}</dt>
      <dd>
        <strong>{given(p.employerName)}</strong>
      </dd>
      {p.employerUscc !== undefined ? (
        <>
          <dt>{t("union.profile.employerUscc")}</dt>
          <dd>{p.employerUscc ? <code>{p.employerUscc}</code> : t("union.notGiven")}</dd>
        </>
      ) : null}
      <dt>{t("union.profile.parkName")}</dt>
      <dd>{given(p.parkName)}</dd>
      <dt>{t("union.profile.mainlyOwn")}</dt>
      <dd>{yesNo(p.mainlyForOwnEmployees, t)}</dd>
      <dt>{t("union.profile.openOther")}</dt>
      <dd>{yesNo(p.openToOtherEmployers, t)}</dd>
      <dt>{t("union.profile.openResidents")}</dt>
      <dd>{yesNo(p.openToResidents, t)}</dd>
      {p.totalSlots !== undefined ? (
        <>
          <dt>{t("union.profile.totalSlots")}</dt>
          <dd>{given(p.totalSlots)}</dd>
        </>
      ) : null}
      <dt>{t("union.profile.reservedSlots")}</dt>
      <dd>{given(p.reservedSlots)}</dd>
      {withContact ? (
        <>
          <dt>{t("union.profile.contactName")}</dt>
          <dd>{given(p.contactName)}</dd>
          <dt>{t("union.profile.contactPhone")}</dt>
          <dd>
            {given(p.contactPhone)} <span className="small muted">（{t("union.profile.contactHint")}）</span>
          </dd>
        </>
      ) : null}
      {children}
    </dl>
  );
}

/** 全国爱心托育用人单位（2025年）: a unit awarded once keeps the mark. */
export function HonourBadge({ years }: { years: readonly number[] }) {
  const { t } = useTranslation();
  if (years.length === 0) return null;
  return (
    <span className="badge badge--ok">
      <span aria-hidden="true">★ </span>
      {t("union.honour", { year: years.join(t("policies.listSeparator")) })}
    </span>
  );
}

const NOMINATION_TONE: Record<string, string> = { nominated: "info", recommended: "warn", awarded: "ok", not_awarded: "muted" };

export function NominationStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return <span className={`badge badge--${NOMINATION_TONE[status] ?? "muted"}`}>{t(`union.nomination.status.${status}`)}</span>;
}

const INCLUSIVE_TONE: Record<string, string> = { public: "ok", certified: "ok", applied: "info", none: "muted" };

export function InclusiveLabelBadge({ label }: { label: string }) {
  const { t } = useTranslation();
  return <span className={`badge badge--${INCLUSIVE_TONE[label] ?? "muted"}`}>{t(`union.inclusive.${label}`)}</span>;
}

/** The union programmes the determination names (全国爱心托育用人单位, the project grant) with their amounts. */
export function UnionProgrammes({ determination, lang }: { determination: Pick<Determination, "details">; lang: Lang }) {
  const { t } = useTranslation();
  const raw = determination.details.programmes;
  const programmes = Array.isArray(raw) ? (raw as Array<{ id: string; title: { zh: string; en: string }; amountFen: number }>) : [];
  if (programmes.length === 0) return null;
  return (
    <>
      <h3>{t("union.determination.programmes")}</h3>
      <ul className="plain-list">
        {programmes.map((p) => (
          <li key={p.id}>{t("union.determination.programmeAmount", { title: textIn(p.title, lang), amount: formatMoney(p.amountFen) })}</li>
        ))}
      </ul>
    </>
  );
}

/** The union grants of a programme with their total (the union officer's and the operator's pages). */
export function GrantsTable({ grants, total }: { grants: ReadonlyArray<{ id: string; programmeName: string; year: number; amountFen: number; matchingFen: number; grantedOn: string; reference: string }>; total: { amountFen: number; matchingFen: number } }) {
  const { t } = useTranslation();
  const lang = useLang();
  if (grants.length === 0) return <EmptyState>{t("union.grant.none")}</EmptyState>;
  return (
    <div className="table-wrap">
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">{t("union.grant.programmeName")}</th>
            <th scope="col">{t("union.grant.year")}</th>
            <th scope="col">{t("union.grant.amount")}</th>
            <th scope="col">{t("union.grant.matching")}</th>
            <th scope="col">{t("union.grant.grantedOn")}</th>
            <th scope="col">{t("union.grant.reference")}</th>
          </tr>
        </thead>
        <tbody>
          {grants.map((g) => (
            <tr key={g.id}>
              <td>{g.programmeName}</td>
              <td>{g.year}</td>
              <td className="nowrap">{formatMoney(g.amountFen)}</td>
              <td className="nowrap">{formatMoney(g.matchingFen)}</td>
              <td className="nowrap">{formatDate(g.grantedOn, lang)}</td>
              <td>{g.reference}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr style={{ background: "#f0f4f8" }}>
            <th scope="row" colSpan={2}>
              {t("union.grant.total")}
            </th>
            <td className="nowrap">
              <strong>{formatMoney(total.amountFen)}</strong>
            </td>
            <td className="nowrap">
              <strong>{formatMoney(total.matchingFen)}</strong>
            </td>
            <td colSpan={2} />
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
