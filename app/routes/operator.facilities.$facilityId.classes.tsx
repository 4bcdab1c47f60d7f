import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { getDb } from "../../db/client";
import { CLASS_TYPES } from "../../rules/snapshot";
import { requirePermission } from "../auth/session.server";
import { FacilityNav } from "../components/facility-nav";
import { Field, SelectField, SubmitButton, useZodForm, Form as RemixForm } from "../components/forms";
import { EmptyState, Notice, PageHeader } from "../components/layout";
import { titleMeta } from "../i18n/i18n";
import { classSchema } from "../services/facilities.schemas";
import { listClasses, loadFacility, removeClass, saveClass } from "../services/facilities.server";
import { guarded, guardedAction } from "../utils/http.server";

export const meta = titleMeta("filing.class.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "update:facility:own");
  return guarded(async () => {
    const db = await getDb();
    const facility = await loadFacility(db, actor, params.facilityId ?? "");
    return { id: facility.id, name: facility.name, state: facility.filingState, facilityKind: facility.kind, totalSlots: facility.totalSlots, classes: await listClasses(db, facility.id) };
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "update:facility:own");
  const form = await request.formData();
  const facilityId = params.facilityId ?? "";
  return guardedAction(async () => {
    const db = await getDb();
    if (form.get("intent") === "remove") await removeClass(db, actor, facilityId, String(form.get("classId") ?? ""));
    else await saveClass(db, actor, facilityId, null, Object.fromEntries(form));
    return redirect(`/operator/facilities/${facilityId}/classes`);
  });
}

export default function Classes() {
  const { t } = useTranslation();
  const { id, name, state, totalSlots, classes } = useLoaderData<typeof loader>();
  const { form, onSubmit, formError } = useZodForm(classSchema, { type: "", name: "", capacity: "", enrolled: "", caregivers: "", youngestAgeMonths: "" });
  // a saved class clears the form for the next one
  useEffect(() => form.reset(), [classes.length, form]);
  const editable = state === "draft" || state === "returned" || state === "filed";
  const capacity = classes.reduce((sum, c) => sum + c.capacity, 0);
  return (
    <>
      <PageHeader title={name} />
      <FacilityNav facilityId={id} />
      <section className="card" aria-labelledby="classes-title">
        <h2 id="classes-title">{t("filing.class.title")}</h2>
        <p className="muted">
          {t("filing.facility.totalSlots")}：{totalSlots ?? "—"} · {t("filing.class.capacity")}：{capacity}
        </p>
        {classes.length === 0 ? (
          <EmptyState>{t("filing.class.none")}</EmptyState>
        ) : (
          <div className="table-wrap">
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{t("filing.class.type")}</th>
                  <th scope="col">{t("filing.class.name")}</th>
                  <th scope="col">{t("filing.class.capacity")}</th>
                  <th scope="col">{t("filing.class.enrolled")}</th>
                  <th scope="col">{t("filing.class.caregivers")}</th>
                  <th scope="col">{t("filing.class.youngestAgeMonths")}</th>
                  {editable ? <th scope="col">{t("admin.actions")}</th> : null}
                </tr>
              </thead>
              <tbody>
                {classes.map((c) => (
                  <tr key={c.id}>
                    <td>{t(`filing.enums.classType.${c.type}`)}</td>
                    <td>{c.name ?? "—"}</td>
                    <td>{c.capacity}</td>
                    <td>{c.enrolled}</td>
                    <td>{c.caregivers}</td>
                    <td>{c.youngestAgeMonths ?? "—"}</td>
                    {editable ? (
                      <td>
                        <Form method="post">
                          <input type="hidden" name="intent" value="remove" />
                          <input type="hidden" name="classId" value={c.id} />
                          <button type="submit" className="button button--secondary" aria-label={`${t("filing.class.remove")} ${t(`filing.enums.classType.${c.type}`)}`}>
                            {t("filing.class.remove")}
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
        <section className="card" aria-labelledby="add-class-title">
          <h2 id="add-class-title">{t("filing.class.add")}</h2>
          {formError ? <Notice kind="error">{t(formError)}</Notice> : null}
          <RemixForm method="post" className="form" onSubmit={onSubmit} noValidate>
            <div className="form-grid form-grid--top">
              <SelectField form={form} name="type" label={t("filing.class.type")} options={CLASS_TYPES.map((v) => ({ value: v, label: t(`filing.enums.classType.${v}`) }))} />
              <Field form={form} name="name" label={t("filing.class.name")} />
              <Field form={form} name="capacity" label={t("filing.class.capacity")} inputMode="numeric" />
              <Field form={form} name="enrolled" label={t("filing.class.enrolled")} inputMode="numeric" />
              <Field form={form} name="caregivers" label={t("filing.class.caregivers")} inputMode="numeric" />
              <Field form={form} name="youngestAgeMonths" label={t("filing.class.youngestAgeMonths")} hint={t("filing.class.youngestAgeHint")} inputMode="numeric" />
            </div>
            <SubmitButton>{t("filing.class.add")}</SubmitButton>
          </RemixForm>
        </section>
      ) : (
        <Notice>{t("filing.filing.lockedNotice")}</Notice>
      )}
    </>
  );
}
