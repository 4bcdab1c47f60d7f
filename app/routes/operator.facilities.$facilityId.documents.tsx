import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "../../db/client";
import { DOCUMENT_KINDS } from "../../rules/snapshot";
import { requirePermission } from "../auth/session.server";
import { FacilityNav } from "../components/facility-nav";
import { isActionErrors, ServerInput, ServerSelect, SubmitButton } from "../components/forms";
import { EmptyState, Notice, PageHeader } from "../components/layout";
import { titleMeta } from "../i18n/i18n";
import { useLang } from "../i18n/use-lang";
import { listDocuments, loadFacility, removeDocument, uploadDocument } from "../services/facilities.server";
import { readUploadedFile } from "../services/storage.server";
import { formatDate } from "../utils/format";
import { guarded, guardedAction } from "../utils/http.server";

export const meta = titleMeta("filing.document.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "update:facility:own");
  return guarded(async () => {
    const db = await getDb();
    const facility = await loadFacility(db, actor, params.facilityId ?? "");
    const docs = await listDocuments(db, facility.id);
    return {
      facility: { id: facility.id, name: facility.name, state: facility.filingState },
      facilityKind: facility.kind,
      documents: docs.map((d) => ({ id: d.id, kind: d.kind, originalName: d.originalName, sizeBytes: d.sizeBytes, issuedOn: d.issuedOn, validUntil: d.validUntil, passed: d.passed })),
    };
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "update:facility:own");
  const facilityId = params.facilityId ?? "";
  const base = `/operator/facilities/${facilityId}/documents`;
  if ((request.headers.get("content-type") ?? "").startsWith("multipart/form-data")) {
    const upload = await readUploadedFile(request, "file");
    if (!upload.ok) return data({ ok: false, fieldErrors: { file: `filing.${upload.error}` } }, { status: 400 });
    const fields = Object.fromEntries([...upload.fields].filter(([, v]) => typeof v === "string"));
    return guardedAction(async () => {
      await uploadDocument(await getDb(), actor, facilityId, fields, { bytes: upload.bytes, name: upload.name });
      return redirect(`${base}?flash=uploaded`);
    });
  }
  const form = await request.formData();
  return guardedAction(async () => {
    await removeDocument(await getDb(), actor, facilityId, String(form.get("documentId") ?? ""));
    return redirect(base);
  });
}

export default function Documents() {
  const { t } = useTranslation();
  const lang = useLang();
  const { facility, documents } = useLoaderData<typeof loader>();
  const actionData = useActionData<unknown>();
  const errors = isActionErrors(actionData) ? actionData.fieldErrors : {};
  const [params] = useSearchParams();
  const editable = facility.state === "draft" || facility.state === "returned" || facility.state === "filed";
  const filingDocuments = documents.filter((d) => (DOCUMENT_KINDS as readonly string[]).includes(d.kind));
  return (
    <>
      <PageHeader title={facility.name} />
      <FacilityNav facilityId={facility.id} />
      {params.get("flash") === "uploaded" ? <Notice kind="success">{t("filing.document.uploaded")}</Notice> : null}
      <section className="card" aria-labelledby="docs-title">
        <h2 id="docs-title">{t("filing.document.title")}</h2>
        {filingDocuments.length === 0 ? (
          <EmptyState>{t("filing.document.none")}</EmptyState>
        ) : (
          <div className="table-wrap">
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{t("filing.document.kind")}</th>
                  <th scope="col">{t("filing.document.file")}</th>
                  <th scope="col">{t("filing.document.issuedOn")}</th>
                  <th scope="col">{t("filing.document.validUntil")}</th>
                  <th scope="col">{t("filing.document.passed")}</th>
                  {editable ? <th scope="col">{t("admin.actions")}</th> : null}
                </tr>
              </thead>
              <tbody>
                {filingDocuments.map((d) => (
                  <tr key={d.id}>
                    <td>{t(`filing.enums.documentKind.${d.kind}`)}</td>
                    <td>
                      <a href={`/documents/${d.id}`}>{d.originalName}</a> <span className="small muted">{Math.ceil(d.sizeBytes / 1024)} KB</span>
                    </td>
                    <td>{d.issuedOn ? formatDate(d.issuedOn, lang) : "—"}</td>
                    <td>{d.validUntil ? formatDate(d.validUntil, lang) : t("filing.document.noExpiry")}</td>
                    <td>{d.kind === "health_evaluation" ? (d.passed ? t("filing.document.passedYes") : t("filing.document.passedNo")) : "—"}</td>
                    {editable ? (
                      <td>
                        <Form method="post">
                          <input type="hidden" name="documentId" value={d.id} />
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
      </section>
      {editable ? (
        <section className="card" aria-labelledby="upload-title">
          <h2 id="upload-title">{t("filing.document.upload")}</h2>
          {Object.keys(errors).length ? <Notice kind="error">{t("errors.formHasErrors")}</Notice> : null}
          <Form method="post" encType="multipart/form-data" className="form">
            <div className="form-grid">
              <ServerSelect name="kind" label={t("filing.document.kind")} error={errors.kind} options={DOCUMENT_KINDS.map((k) => ({ value: k, label: t(`filing.enums.documentKind.${k}`) }))} />
              <ServerInput name="file" type="file" accept="application/pdf,image/jpeg,image/png" label={t("filing.document.file")} error={errors.file} />
              <ServerInput name="issuedOn" type="date" label={t("filing.document.issuedOn")} error={errors.issuedOn} />
              <ServerInput name="validUntil" type="date" label={t("filing.document.validUntil")} error={errors.validUntil} />
              <ServerSelect
                name="passed"
                label={t("filing.document.passed")}
                error={errors.passed}
                options={[
                  { value: "true", label: t("filing.document.passedYes") },
                  { value: "false", label: t("filing.document.passedNo") },
                ]}
              />
            </div>
            <SubmitButton>{t("filing.document.upload")}</SubmitButton>
          </Form>
        </section>
      ) : (
        <Notice>{t("filing.filing.lockedNotice")}</Notice>
      )}
    </>
  );
}
