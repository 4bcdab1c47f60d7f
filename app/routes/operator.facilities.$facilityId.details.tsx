import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "../../db/client";
import { requirePermission } from "../auth/session.server";
import { FacilityForm, facilityDefaults, facilityInput } from "../components/facility-form";
import { FacilityNav } from "../components/facility-nav";
import { Notice, PageHeader } from "../components/layout";
import { titleMeta } from "../i18n/i18n";
import { loadFacility, updateFacility } from "../services/facilities.server";
import { guarded, guardedAction } from "../utils/http.server";

export const meta = titleMeta("filing.facility.details");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "update:facility:own");
  return guarded(async () => {
    const facility = await loadFacility(await getDb(), actor, params.facilityId ?? "");
    return { id: facility.id, name: facility.name, state: facility.filingState, facilityKind: facility.kind, defaults: facilityDefaults(facility) };
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "update:facility:own");
  const form = await request.formData();
  return guardedAction(async () => {
    await updateFacility(await getDb(), actor, params.facilityId ?? "", facilityInput(form));
    return redirect(`/operator/facilities/${params.facilityId}?flash=saved`);
  });
}

export default function FacilityDetails() {
  const { t } = useTranslation();
  const { id, name, state, defaults } = useLoaderData<typeof loader>();
  const locked = state === "submitted" || state === "change_submitted" || state === "cancelled";
  return (
    <>
      <PageHeader title={name} />
      <FacilityNav facilityId={id} />
      {locked ? <Notice>{t("filing.filing.lockedNotice")}</Notice> : <FacilityForm defaults={defaults} submitLabel={t("filing.facility.save")} />}
    </>
  );
}
