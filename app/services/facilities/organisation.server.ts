// The operator's organisation (举办者): reading it and saving its details. Scope (own organisation) →
// zod parse → one transaction → update → audit row.
import { eq } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { organisations } from "../../../db/schema";
import type { Actor } from "../../auth/session.server";
import { clockNow } from "../../utils/format";
import { changedFields, recordAudit } from "../audit.server";
import { NotFoundError } from "../errors";
import { organisationSchema } from "../facilities.schemas";
import { actorContext } from "../users.server";
import { operatorOrganisation } from "./access.server";
import { assertKnownJurisdiction, parse, pick } from "./shared.server";

export async function getOwnOrganisation(db: Db, actor: Actor) {
  const orgId = operatorOrganisation(actor);
  const [org] = await db.select().from(organisations).where(eq(organisations.id, orgId));
  if (!org) throw new NotFoundError("organisation");
  return org;
}

export async function saveOrganisation(db: Db, actor: Actor, input: unknown): Promise<void> {
  const orgId = operatorOrganisation(actor);
  const v = parse(organisationSchema, input);
  await assertKnownJurisdiction(db, v.jurisdictionCode, "jurisdictionCode");
  const before = await getOwnOrganisation(db, actor);
  const values = {
    name: v.name,
    uscc: v.uscc,
    legalForm: v.legalForm ?? null,
    ownership: v.ownership ?? null,
    businessScopeIncludesChildcare: v.businessScopeIncludesChildcare ?? null,
    address: v.address ?? null,
    contactName: v.contactName ?? null,
    contactPhone: v.contactPhone ?? null,
    jurisdictionCode: v.jurisdictionCode,
  };
  await db.transaction(async (tx) => {
    await tx.update(organisations).set({ ...values, updatedAt: clockNow() }).where(eq(organisations.id, orgId));
    const diff = changedFields(pick(before, Object.keys(values)), values);
    await recordAudit(tx, actorContext(actor), {
      action: "organisation.updated",
      entityType: "organisation",
      entityId: orgId,
      jurisdictionCode: v.jurisdictionCode,
      ...diff,
    });
  });
}
