import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "../../db/client";
import { QUALIFICATION_KINDS } from "../../rules/snapshot";
import { requirePermission } from "../auth/session.server";
import { FacilityNav } from "../components/facility-nav";
import { isActionErrors, ServerInput, ServerSelect, SubmitButton } from "../components/forms";
import { Notice, PageHeader } from "../components/layout";
import { StaffForm } from "../components/staff-form";
import { titleMeta } from "../i18n/i18n";
import { useLang } from "../i18n/use-lang";
import { NotFoundError } from "../services/errors";
import { addQualification, listStaff, loadFacility, removeQualification, removeStaffMember, revealStaffIdNumber, saveStaffMember } from "../services/facilities.server";
import { readUploadedFile } from "../services/storage.server";
import { formatDate } from "../utils/format";
import { guarded, guardedAction } from "../utils/http.server";

export const meta = titleMeta("filing.staff.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "update:facility:own");
  return guarded(async () => {
    const db = await getDb();
    const facility = await loadFacility(db, actor, params.facilityId ?? "");
    const member = (await listStaff(db, facility.id)).find((s) => s.id === params.staffId);
    if (!member) throw new NotFoundError("staff");
    return { facility: { id: facility.id, name: facility.name, state: facility.filingState }, facilityKind: facility.kind, member };
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "update:facility:own");
  const facilityId = params.facilityId ?? "";
  const staffId = params.staffId ?? "";
  const base = `/operator/facilities/${facilityId}/staff`;
  if ((request.headers.get("content-type") ?? "").startsWith("multipart/form-data")) {
    const upload = await readUploadedFile(request, "proof");
    if (!upload.ok && upload.error !== "upload.empty") return data({ ok: false, fieldErrors: { proof: `filing.${upload.error}` } }, { status: 400 });
    const fields = upload.fields ? Object.fromEntries([...upload.fields].filter(([, v]) => typeof v === "string")) : {};
    return guardedAction(async () => {
      await addQualification(await getDb(), actor, facilityId, staffId, fields, upload.ok ? { bytes: upload.bytes, name: upload.name } : null);
      return redirect(`${base}/${staffId}?flash=saved`);
    });
  }
  const form = await request.formData();
  const intent = form.get("intent");
  return guardedAction(async () => {
    const db = await getDb();
    if (intent === "reveal") return { revealed: await revealStaffIdNumber(db, actor, staffId) };
    if (intent === "removeQualification") {
      await removeQualification(db, actor, facilityId, String(form.get("qualificationId") ?? ""));
      return redirect(`${base}/${staffId}`);
    }
    if (intent === "remove") {
      await removeStaffMember(db, actor, facilityId, staffId);
      return redirect(base);
    }
    await saveStaffMember(db, actor, facilityId, staffId, Object.fromEntries(form));
    return redirect(`${base}/${staffId}?flash=saved`);
  });
}

export default function StaffMember() {
  const { t } = useTranslation();
  const lang = useLang();
  const { facility, member } = useLoaderData<typeof loader>();
  const actionData = useActionData<unknown>();
  const revealed = actionData && typeof actionData === "object" && "revealed" in actionData ? String(actionData.revealed) : null;
  const errors = isActionErrors(actionData) ? actionData.fieldErrors : {};
  const [params] = useSearchParams();
  const editable = facility.state === "draft" || facility.state === "returned" || facility.state === "filed";
  const text = (v: unknown) => (v === null || v === undefined ? "" : String(v));
  return (
    <>
      <PageHeader title={`${member.name} · ${facility.name}`} actions={<Link to={`/operator/facilities/${facility.id}/staff`}>{t("filing.staff.back")}</Link>} />
      <FacilityNav facilityId={facility.id} />
      {params.get("flash") === "saved" ? <Notice kind="success">{t("filing.staff.saved")}</Notice> : null}
      <section className="card" aria-labelledby="id-title">
        <h2 id="id-title">{t("filing.staff.idNumber")}</h2>
        <p>
          <code>{revealed ?? member.idNumberMasked}</code>
        </p>
        {revealed ? null : (
          <Form method="post">
            <input type="hidden" name="intent" value="reveal" />
            <button type="submit" className="button button--secondary">
              {t("filing.staff.showId")}
            </button>
          </Form>
        )}
      </section>
      {editable ? (
        <section className="card" aria-labelledby="edit-title">
          <h2 id="edit-title">{t("filing.staff.edit")}</h2>
          <StaffForm
            key={member.updatedAt.toString()}
            editing
            submitLabel={t("filing.facility.save")}
            defaults={{
              name: member.name,
              // the full number is only filled in after an explicit, audited reveal
              idNumber: revealed ?? "",
              role: member.role,
              education: text(member.education),
              yearsOfExperience: text(member.yearsOfExperience),
              healthCertificateValidUntil: text(member.healthCertificateValidUntil),
              backgroundCheckOn: text(member.backgroundCheckOn),
              laborContract: text(member.laborContract),
              socialInsurance: text(member.socialInsurance),
            }}
          />
        </section>
      ) : null}
      <section className="card" aria-labelledby="quals-title">
        <h2 id="quals-title">{t("filing.staff.qualifications")}</h2>
        {member.qualifications.length === 0 ? (
          <p className="muted">{t("filing.staff.noQualifications")}</p>
        ) : (
          <div className="table-wrap">
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{t("filing.qualification.kind")}</th>
                  <th scope="col">{t("filing.qualification.level")}</th>
                  <th scope="col">{t("filing.qualification.number")}</th>
                  <th scope="col">{t("filing.qualification.validUntil")}</th>
                  <th scope="col">{t("filing.facility.documents")}</th>
                  {editable ? <th scope="col">{t("admin.actions")}</th> : null}
                </tr>
              </thead>
              <tbody>
                {member.qualifications.map((q) => (
                  <tr key={q.id}>
                    <td>{t(`filing.enums.qualificationKind.${q.kind}`)}</td>
                    <td>{q.level ? t(`filing.enums.level.${q.level}`) : "—"}</td>
                    <td>{q.number ?? "—"}</td>
                    <td>{q.validUntil ? formatDate(q.validUntil, lang) : t("filing.document.noExpiry")}</td>
                    <td>{q.proofDocumentId ? <a href={`/documents/${q.proofDocumentId}`}>{t("filing.document.download")}</a> : <span className="badge badge--warn">{t("filing.qualification.withoutProof")}</span>}</td>
                    {editable ? (
                      <td>
                        <Form method="post">
                          <input type="hidden" name="intent" value="removeQualification" />
                          <input type="hidden" name="qualificationId" value={q.id} />
                          <button type="submit" className="button button--secondary">
                            {t("filing.staff.remove")}
                          </button>
                        </Form>
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {editable ? (
          <Form method="post" encType="multipart/form-data" className="form" style={{ marginTop: "1rem" }}>
            <h3>{t("filing.qualification.add")}</h3>
            <div className="form-grid">
              <ServerSelect name="kind" label={t("filing.qualification.kind")} error={errors.kind} options={QUALIFICATION_KINDS.map((k) => ({ value: k, label: t(`filing.enums.qualificationKind.${k}`) }))} />
              <ServerSelect name="level" label={t("filing.qualification.level")} error={errors.level} options={[5, 4, 3, 2, 1].map((l) => ({ value: String(l), label: t(`filing.enums.level.${l}`) }))} />
              <ServerInput name="number" label={t("filing.qualification.number")} error={errors.number} />
              <ServerInput name="issuer" label={t("filing.qualification.issuer")} error={errors.issuer} />
              <ServerInput name="issuedOn" type="date" label={t("filing.qualification.issuedOn")} error={errors.issuedOn} />
              <ServerInput name="validUntil" type="date" label={t("filing.qualification.validUntil")} error={errors.validUntil} />
              <ServerInput name="proof" type="file" accept="application/pdf,image/jpeg,image/png" label={t("filing.qualification.proof")} error={errors.proof} />
            </div>
            <SubmitButton>{t("filing.qualification.add")}</SubmitButton>
          </Form>
        ) : null}
      </section>
      {editable ? (
        <Form method="post">
          <input type="hidden" name="intent" value="remove" />
          <button type="submit" className="button button--danger">
            {t("filing.staff.remove")}
          </button>
        </Form>
      ) : null}
    </>
  );
}
