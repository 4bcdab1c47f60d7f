import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "../../db/client";
import { requirePermission } from "../auth/session.server";
import { FacilityForm, facilityDefaults, facilityInput } from "../components/facility-form";
import { PageHeader } from "../components/layout";
import { titleMeta } from "../i18n/i18n";
import { createFacility, getOwnOrganisation } from "../services/facilities.server";
import { guarded, guardedAction } from "../utils/http.server";

export const meta = titleMeta("filing.facility.new");

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "update:facility:own");
  return guarded(async () => {
    const org = await getOwnOrganisation(await getDb(), actor);
    return { defaults: { ...facilityDefaults(null), jurisdictionCode: org.jurisdictionCode } };
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "update:facility:own");
  const form = await request.formData();
  return guardedAction(async () => {
    const id = await createFacility(await getDb(), actor, facilityInput(form));
    return redirect(`/operator/facilities/${id}?flash=created`);
  });
}

export default function NewFacility() {
  const { t } = useTranslation();
  const { defaults } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader title={t("filing.facility.new")} actions={<Link to="/operator">{t("home.operator.title")}</Link>} />
      <FacilityForm defaults={defaults} submitLabel={t("filing.facility.save")} />
    </>
  );
}
