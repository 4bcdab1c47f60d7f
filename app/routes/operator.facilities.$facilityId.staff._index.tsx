import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "../../db/client";
import { requirePermission } from "../auth/session.server";
import { FacilityNav } from "../components/facility-nav";
import { EmptyState, Notice, PageHeader } from "../components/layout";
import { EMPTY_STAFF, StaffForm } from "../components/staff-form";
import { titleMeta } from "../i18n/i18n";
import { useLang } from "../i18n/use-lang";
import { listStaff, loadFacility, saveStaffMember } from "../services/facilities.server";
import { formatDate } from "../utils/format";
import { guarded, guardedAction } from "../utils/http.server";

export const meta = titleMeta("filing.staff.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "update:facility:own");
  return guarded(async () => {
    const db = await getDb();
    const facility = await loadFacility(db, actor, params.facilityId ?? "");
    return { id: facility.id, name: facility.name, state: facility.filingState, facilityKind: facility.kind, staff: await listStaff(db, facility.id) };
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "update:facility:own");
  const form = await request.formData();
  const facilityId = params.facilityId ?? "";
  return guardedAction(async () => {
    const staffId = await saveStaffMember(await getDb(), actor, facilityId, null, Object.fromEntries(form));
    return redirect(`/operator/facilities/${facilityId}/staff/${staffId}?flash=saved`);
  });
}

export default function StaffRoster() {
  const { t } = useTranslation();
  const lang = useLang();
  const { id, name, state, staff } = useLoaderData<typeof loader>();
  const editable = state === "draft" || state === "returned" || state === "filed";
  return (
    <>
      <PageHeader title={name} />
      <FacilityNav facilityId={id} />
      <section className="card" aria-labelledby="staff-title">
        <h2 id="staff-title">{t("filing.staff.title")}</h2>
        <p className="muted">{t("filing.staff.intro")}</p>
        {staff.length === 0 ? (
          <EmptyState>{t("filing.staff.none")}</EmptyState>
        ) : (
          <div className="table-wrap">
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{t("filing.staff.name")}</th>
                  <th scope="col">{t("filing.staff.idNumber")}</th>
                  <th scope="col">{t("filing.staff.role")}</th>
                  <th scope="col">{t("filing.staff.qualifications")}</th>
                  <th scope="col">{t("filing.staff.healthCertificateValidUntil")}</th>
                </tr>
              </thead>
              <tbody>
                {staff.map((s) => (
                  <tr key={s.id}>
                    <td>
                      <Link to={`/operator/facilities/${id}/staff/${s.id}`}>{s.name}</Link>
                    </td>
                    <td>
                      <code>{s.idNumberMasked}</code>
                    </td>
                    <td>{t(`filing.enums.staffRole.${s.role}`)}</td>
                    <td className="small">
                      {s.qualifications.length === 0
                        ? t("filing.staff.noQualifications")
                        : s.qualifications
                            .map((q) => `${t(`filing.enums.qualificationKind.${q.kind}`)}${q.level ? `（${t(`filing.enums.level.${q.level}`)}）` : ""}${q.proofDocumentId ? "" : ` · ${t("filing.qualification.withoutProof")}`}`)
                            .join("；")}
                    </td>
                    <td>{s.healthCertificateValidUntil ? formatDate(s.healthCertificateValidUntil, lang) : "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      {editable ? (
        <section className="card" aria-labelledby="add-staff-title">
          <h2 id="add-staff-title">{t("filing.staff.add")}</h2>
          <StaffForm key={staff.length} defaults={EMPTY_STAFF} submitLabel={t("filing.staff.add")} />
        </section>
      ) : (
        <Notice>{t("filing.filing.lockedNotice")}</Notice>
      )}
    </>
  );
}
