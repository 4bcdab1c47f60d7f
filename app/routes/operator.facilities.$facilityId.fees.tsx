// The operator's fee declarations (收费公示): basic fees per class type × service type next to the
// guided-price cap that binds the facility today (the rules' own cap table, with the published local
// schedules), and voluntary other fees. An inclusive facility cannot declare a basic fee above its cap:
// the service refuses and names the cap.
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData, useSearchParams } from "@remix-run/react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { getDb } from "../../db/client";
import type { FacilityRow } from "../../db/schema";
import { CLASS_TYPES, SERVICE_TYPES } from "../../rules/snapshot";
import type { Actor } from "../auth/session.server";
import { requirePermission } from "../auth/session.server";
import { FacilityNav } from "../components/facility-nav";
import { Field, SelectField, SubmitButton, useZodForm, Form as RemixForm } from "../components/forms";
import { EmptyState, Notice, PageHeader } from "../components/layout";
import { titleMeta } from "../i18n/i18n";
import { useLang } from "../i18n/use-lang";
import type { Db } from "../../db/client";
import { ForbiddenError } from "../services/errors";
import { loadFacility } from "../services/facilities.server";
import { buildSnapshot } from "../services/filing.server";
import { feeSchema } from "../services/pricing.schemas";
import { capTableFor, countsAsInclusive, declareFee, listFees, localParameters, removeFee } from "../services/pricing.server";
import { formatDate, formatMoney, todayInShanghai } from "../utils/format";
import { guarded, guardedAction } from "../utils/http.server";

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
  return guardedAction(async () => {
    const db = await getDb();
    const facility = await ownFacility(db, actor, params.facilityId ?? "");
    const here = `/operator/facilities/${facility.id}/fees`;
    if (form.get("intent") === "remove") {
      await removeFee(db, actor, facility, String(form.get("feeId") ?? ""));
      return redirect(`${here}?flash=removed`);
    }
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
  });
}

// ---- page ----------------------------------------------------------------------------------------

const UNIT: Record<string, string> = {
  full_day: "pricing.fees.perMonth",
  half_day: "pricing.fees.perMonth",
  hourly: "pricing.fees.perHour",
  temporary: "pricing.fees.perDay",
};

function useHydrated(): boolean {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}

const FLASHES: Record<string, string> = {
  declared: "pricing.fees.declared",
  removed: "pricing.fees.removed",
};

export default function Fees() {
  const { t } = useTranslation();
  const lang = useLang();
  const { today, facility, inclusive, basic, other, capTable } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const flash = FLASHES[params.get("flash") ?? ""];
  const { form, onSubmit, formError } = useZodForm(feeSchema, {
    kind: "basic",
    classType: "",
    serviceType: "",
    name: "",
    amount: "",
  });
  const hydrated = useHydrated();
  const kind = form.watch("kind") as string | undefined;
  // a declared fee clears the amount for the next one
  useEffect(() => form.reset(), [basic.length, other.length, form]);
  const editable = facility.state !== "cancelled";
  const money = (fen: number, serviceType?: string | null) => `${formatMoney(fen)}${serviceType && UNIT[serviceType] ? t(UNIT[serviceType]) : ""}`;
  const removeButton = (id: string, item: string) => (
    <Form method="post">
      <input type="hidden" name="intent" value="remove" />
      <input type="hidden" name="feeId" value={id} />
      <button type="submit" className="button button--secondary" aria-label={t("pricing.fees.removeLabel", { item })}>
        {t("pricing.fees.remove")}
      </button>
    </Form>
  );
  return (
    <>
      <PageHeader title={facility.name} />
      <FacilityNav facilityId={facility.id} />
      {flash ? <Notice kind="success">{t(flash)}</Notice> : null}
      <section className="card" aria-labelledby="fees-title">
        <h2 id="fees-title">{t("pricing.fees.title")}</h2>
        <p className="muted">{t("pricing.fees.intro")}</p>
        <Notice>{inclusive ? t("pricing.fees.inclusiveNote") : t("pricing.fees.notInclusiveNote")}</Notice>
        <h3>{t("pricing.fees.basic")}</h3>
        {basic.length === 0 ? (
          <EmptyState>{t("pricing.fees.none")}</EmptyState>
        ) : (
          <div className="table-wrap">
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{t("pricing.fees.classType")}</th>
                  <th scope="col">{t("pricing.fees.serviceType")}</th>
                  <th scope="col">{t("pricing.fees.amount")}</th>
                  <th scope="col">{t("pricing.fees.cap")}</th>
                  <th scope="col">{t("pricing.fees.status")}</th>
                  {editable ? <th scope="col">{t("admin.actions")}</th> : null}
                </tr>
              </thead>
              <tbody>
                {basic.map((f) => {
                  const over = f.capFen !== null && f.amountFen > f.capFen;
                  const item = `${t(`filing.enums.classType.${f.classType ?? ""}`)} · ${t(`filing.enums.serviceType.${f.serviceType ?? ""}`)}`;
                  return (
                    <tr key={f.id} className={over ? "overdue" : undefined}>
                      <td>{t(`filing.enums.classType.${f.classType ?? ""}`)}</td>
                      <td className="nowrap">{t(`filing.enums.serviceType.${f.serviceType ?? ""}`)}</td>
                      <td className="nowrap">
                        <strong>{money(f.amountFen, f.serviceType)}</strong>
                      </td>
                      <td className="nowrap">{f.capFen === null ? t("pricing.fees.noCap") : money(f.capFen, f.serviceType)}</td>
                      <td className="nowrap">
                        {over ? (
                          <span className="badge badge--err">
                            <span aria-hidden="true">✗ </span>
                            {t("pricing.fees.over")}
                          </span>
                        ) : (
                          <span className="badge badge--ok">
                            <span aria-hidden="true">✓ </span>
                            {f.capFen === null ? t("pricing.fees.noCap") : t("pricing.fees.compliant")}
                          </span>
                        )}
                      </td>
                      {editable ? <td>{removeButton(f.id, item)}</td> : null}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
        <p className="small muted">{t("pricing.fees.capsAsOf", { date: formatDate(today, lang) })}</p>
        <h3>{t("pricing.fees.other")}</h3>
        {other.length === 0 ? (
          <EmptyState>{t("pricing.fees.none")}</EmptyState>
        ) : (
          <div className="table-wrap">
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{t("pricing.fees.name")}</th>
                  <th scope="col">{t("pricing.fees.amount")}</th>
                  {editable ? <th scope="col">{t("admin.actions")}</th> : null}
                </tr>
              </thead>
              <tbody>
                {other.map((f) => (
                  <tr key={f.id}>
                    <td>{f.name}</td>
                    <td className="nowrap">
                      <strong>{formatMoney(f.amountFen)}</strong>
                    </td>
                    {editable ? <td>{removeButton(f.id, f.name ?? "")}</td> : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <p className="small muted">{t("pricing.fees.publicNote")}</p>
      </section>

      {editable ? (
        <section className="card" aria-labelledby="declare-title">
          <h2 id="declare-title">{t("pricing.fees.declare")}</h2>
          {formError ? <Notice kind="error">{t(formError)}</Notice> : null}
          <RemixForm method="post" className="form" onSubmit={onSubmit} noValidate>
            <div className="form-grid">
              <SelectField
                form={form}
                name="kind"
                label={t("pricing.fees.kind")}
                options={[
                  { value: "basic", label: t("pricing.fees.basic") },
                  { value: "other", label: t("pricing.fees.other") },
                ]}
              />
              {/* without JavaScript every field shows; the service reads those of the chosen kind */}
              {!hydrated || kind !== "other" ? (
                <>
                  <SelectField
                    form={form}
                    name="classType"
                    label={t("pricing.fees.classType")}
                    options={CLASS_TYPES.map((v) => ({
                      value: v,
                      label: t(`filing.enums.classType.${v}`),
                    }))}
                  />
                  <SelectField
                    form={form}
                    name="serviceType"
                    label={t("pricing.fees.serviceType")}
                    options={SERVICE_TYPES.map((v) => ({
                      value: v,
                      label: t(`filing.enums.serviceType.${v}`),
                    }))}
                  />
                </>
              ) : null}
              {!hydrated || kind === "other" ? <Field form={form} name="name" label={t("pricing.fees.name")} maxLength={50} /> : null}
              <Field form={form} name="amount" label={t("pricing.fees.amount")} inputMode="decimal" />
            </div>
            <SubmitButton>{t("pricing.fees.declare")}</SubmitButton>
          </RemixForm>
        </section>
      ) : (
        <Notice>{t("filing.facility.notEditable")}</Notice>
      )}

      {capTable.length ? (
        <section className="card" aria-labelledby="caps-title">
          <h2 id="caps-title">{t("pricing.fees.capTable")}</h2>
          <div className="table-wrap">
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{t("pricing.fees.classType")}</th>
                  <th scope="col">{t("pricing.fees.serviceType")}</th>
                  <th scope="col">{t("pricing.fees.cap")}</th>
                </tr>
              </thead>
              <tbody>
                {capTable.map((c) => (
                  <tr key={`${c.classType}-${c.serviceType}`}>
                    <td>{t(`filing.enums.classType.${c.classType}`)}</td>
                    <td>{t(`filing.enums.serviceType.${c.serviceType}`)}</td>
                    <td className="nowrap">{c.capFen === null ? t("pricing.fees.noCap") : money(c.capFen, c.serviceType)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
    </>
  );
}
