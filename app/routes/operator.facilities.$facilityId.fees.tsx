// The operator's fee declarations (收费公示): basic fees per class type × service type next to the
// guided-price cap that binds the facility today (the rules' own cap table, with the published local
// schedules), and voluntary other fees. An inclusive facility cannot declare a basic fee above its cap:
// the service refuses and names the cap.
// The page's sections live in app/components/pricing/.
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "../../db/client";
import type { FacilityRow } from "../../db/schema";
import type { Actor } from "../auth/session.server";
import { requirePermission } from "../auth/session.server";
import { FacilityNav } from "../components/facility-nav";
import { Notice, PageHeader } from "../components/layout";
import { CapTable } from "../components/pricing/CapTable";
import { DeclaredFees } from "../components/pricing/DeclaredFees";
import { DeclareFeeForm } from "../components/pricing/DeclareFeeForm";
import { titleMeta } from "../i18n/i18n";
import type { Db } from "../../db/client";
import { ForbiddenError } from "../services/errors";
import { loadFacility } from "../services/facilities.server";
import { buildSnapshot } from "../services/filing.server";
import { capTableFor, countsAsInclusive, declareFee, listFees, localParameters, removeFee } from "../services/pricing.server";
import { todayInShanghai } from "../utils/format";
import { guarded } from "../utils/http.server";
import { intentAction } from "../utils/intents.server";

export const meta = titleMeta("pricing.fees.title");

/** The operator's own facility (another organisation's is a 403 even for a user who also reviews). */
async function ownFacility(db: Db, actor: Actor, facilityId: string): Promise<FacilityRow> {
  const facility = await loadFacility(db, actor, facilityId);
  if (facility.organisationId !== actor.organisationId) throw new ForbiddenError("facility", "scope");
  return facility;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "update:facility:own");
  return guarded(async () => {
    const db = await getDb();
    const facility = await ownFacility(db, actor, params.facilityId ?? "");
    const today = todayInShanghai();
    const snapshot = await buildSnapshot(db, facility, today);
    const caps = capTableFor(snapshot, today, await localParameters(db));
    const capOf = (classType: string | null, serviceType: string | null) => caps.find((c) => c.classType === classType && c.serviceType === serviceType)?.capFen ?? null;
    const fees = await listFees(db, facility.id);
    const offered = new Set(facility.serviceTypes);
    return {
      today,
      facilityKind: facility.kind,
      facility: {
        id: facility.id,
        name: facility.name,
        state: facility.filingState,
      },
      inclusive: countsAsInclusive(snapshot),
      basic: fees
        .filter((f) => f.kind === "basic")
        .map((f) => ({
          id: f.id,
          classType: f.classType,
          serviceType: f.serviceType,
          amountFen: f.amountFen,
          capFen: capOf(f.classType, f.serviceType),
        })),
      other: fees.filter((f) => f.kind === "other").map((f) => ({ id: f.id, name: f.name, amountFen: f.amountFen })),
      // the caps of the service types the facility offers (all of them if it has not said yet)
      capTable: caps
        .filter((c) => c.capFen !== null && (offered.size === 0 || offered.has(c.serviceType as never)))
        .map((c) => ({
          classType: c.classType,
          serviceType: c.serviceType,
          capFen: c.capFen,
        })),
    };
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "update:facility:own");
  const form = await request.formData();
  // the operator's own facility first, whatever the intent
  const own = async () => {
    const db = await getDb();
    const facility = await ownFacility(db, actor, params.facilityId ?? "");
    return { db, facility, here: `/operator/facilities/${facility.id}/fees` };
  };
  const declare = async () => {
    const { db, facility, here } = await own();
    const today = todayInShanghai();
    const snapshot = await buildSnapshot(db, facility, today);
    await declareFee(db, actor, facility, snapshot, countsAsInclusive(snapshot), {
      kind: form.get("kind") ?? "",
      classType: form.get("classType") ?? "",
      serviceType: form.get("serviceType") ?? "",
      name: form.get("name") ?? "",
      amount: form.get("amount") ?? "",
    });
    return redirect(`${here}?flash=declared`);
  };
  return intentAction(form, {
    remove: async () => {
      const { db, facility, here } = await own();
      await removeFee(db, actor, facility, String(form.get("feeId") ?? ""));
      return redirect(`${here}?flash=removed`);
    },
    declare,
    // the declare form posts no intent (nor do clients that predate it): a post without one declares
    "": declare,
  });
}

// ---- page ----------------------------------------------------------------------------------------

const FLASHES: Record<string, string> = {
  declared: "pricing.fees.declared",
  removed: "pricing.fees.removed",
};

export default function Fees() {
  const { t } = useTranslation();
  const { today, facility, inclusive, basic, other, capTable } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const flash = FLASHES[params.get("flash") ?? ""];
  const editable = facility.state !== "cancelled";
  return (
    <>
      <PageHeader title={facility.name} />
      <FacilityNav facilityId={facility.id} />
      {flash ? <Notice kind="success">{t(flash)}</Notice> : null}
      <DeclaredFees today={today} inclusive={inclusive} basic={basic} other={other} editable={editable} />

      {editable ? <DeclareFeeForm basicCount={basic.length} otherCount={other.length} /> : <Notice>{t("filing.facility.notEditable")}</Notice>}

      {capTable.length ? <CapTable capTable={capTable} /> : null}
    </>
  );
}
