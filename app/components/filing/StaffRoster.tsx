// The staff roster for the reviewer: role, masked ID number (one full number on explicit request — the
// service audits every full view), qualifications with their proofs, education, health certificate and
// background check.
import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useLang } from "../../i18n/use-lang";
import { formatDate } from "../../utils/format";
import { Notice } from "../layout";
import type { RevealedId, RosterMemberView } from "./views";

export function StaffRoster({ staff, revealed }: { staff: RosterMemberView[]; revealed: RevealedId["revealed"] | null }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <section className="card" aria-labelledby="staff-title">
      <h2 id="staff-title">{t("filing.staff.title")}</h2>
      <p className="muted small">{t("filing.review.staffIntro")}</p>
      {revealed ? <Notice>{t("filing.review.idRevealed", { name: revealed.name })}</Notice> : null}
      {staff.length === 0 ? (
        <p className="empty-state">{t("filing.staff.none")}</p>
      ) : (
        <div className="table-wrap">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t("filing.staff.name")}</th>
                <th scope="col">{t("filing.staff.role")}</th>
                <th scope="col">{t("filing.staff.idNumber")}</th>
                <th scope="col">{t("filing.staff.qualifications")}</th>
                <th scope="col">{t("filing.staff.education")}</th>
                <th scope="col">{t("filing.review.health")}</th>
                <th scope="col">{t("filing.review.background")}</th>
              </tr>
            </thead>
            <tbody>
              {staff.map((s) => {
                const shown = revealed?.staffId === s.id ? revealed.idNumber : null;
                return (
                  <tr key={s.id}>
                    <td className="nowrap">{s.name}</td>
                    <td className="nowrap">{t(`filing.enums.staffRole.${s.role}`)}</td>
                    <td className="nowrap">
                      {shown ? (
                        <>
                          <code aria-label={`${t("filing.review.idNumberFull")}：${s.name}`}>{shown}</code>{" "}
                          <Link to="." replace className="small" preventScrollReset>
                            {t("filing.review.hideId")}
                          </Link>
                        </>
                      ) : (
                        <Form method="post" className="row-actions" preventScrollReset>
                          <code>{s.idNumberMasked}</code>
                          <input type="hidden" name="intent" value="reveal" />
                          <input type="hidden" name="staffId" value={s.id} />
                          <button type="submit" className="button button--secondary small" aria-label={`${t("filing.staff.showId")}：${s.name}`}>
                            {t("filing.staff.showId")}
                          </button>
                        </Form>
                      )}
                    </td>
                    <td className="small">
                      {s.qualifications.length === 0 ? (
                        <span className="muted">{t("filing.staff.noQualifications")}</span>
                      ) : (
                        <ul className="plain-list">
                          {s.qualifications.map((q) => (
                            <li key={q.id}>
                              {t(`filing.enums.qualificationKind.${q.kind}`)}
                              {q.level ? `（${t(`filing.enums.level.${q.level}`)}）` : ""}
                              {q.number ? <span className="muted"> · {q.number}</span> : null}
                              {q.validUntil ? <span className="muted"> · {t("filing.review.validUntil")} {formatDate(q.validUntil, lang)}</span> : null}{" "}
                              {q.proofDocumentId ? (
                                <a href={`/documents/${q.proofDocumentId}`} download>
                                  {t("filing.qualification.withProof")}
                                </a>
                              ) : (
                                <span className="badge badge--warn">{t("filing.qualification.withoutProof")}</span>
                              )}
                            </li>
                          ))}
                        </ul>
                      )}
                    </td>
                    <td className="nowrap">
                      {s.education ? t(`filing.enums.education.${s.education}`) : "—"}
                      {s.yearsOfExperience !== null ? <div className="small muted">{t("filing.staff.yearsOfExperience")}：{s.yearsOfExperience}</div> : null}
                    </td>
                    <td className="nowrap">{s.healthCertificateValidUntil ? formatDate(s.healthCertificateValidUntil, lang) : "—"}</td>
                    <td className="nowrap">{s.backgroundCheckOn ? formatDate(s.backgroundCheckOn, lang) : "—"}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
