// A facility's bank details for the operating subsidy (issue #7 part 2): account name, bank and account
// number, entered by the facility's operator. The number gets a format check only (digits, 8–30 — there
// is no public checksum). Every change is audited with the fields before and after (the number is not a
// secret to redact there; screens show it masked but for the last four digits), and finance sees a
// facility whose details changed after its last paid subsidy as "changed since last payment".
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { facilityBankAccounts, subsidyBatches, subsidyLines, users, type FacilityBankAccountRow, type FacilityRow } from "../../db/schema";
import type { Actor } from "../auth/session.server";
import { assertPermission } from "../auth/session.server";
import { changedFields, recordAudit } from "./audit.server";
import { ForbiddenError, ValidationError } from "./errors";
import { loadFacility } from "./facilities.server";
import { bankAccountSchema } from "./subsidy.schemas";
import { actorContext, fieldErrorsOf } from "./users.server";
import { clockNow } from "../utils/format";

/** The operator's own facility (a reviewer who can see it is still not its operator). */
async function ownFacility(db: Db, actor: Actor, facilityId: string): Promise<FacilityRow> {
  assertPermission(actor, "update:facility:own");
  if (!actor.organisationId) throw new ForbiddenError("organisation", "scope");
  const facility = await loadFacility(db, actor, facilityId);
  if (facility.organisationId !== actor.organisationId) throw new ForbiddenError("facility", "scope");
  return facility;
}

export type BankAccount = FacilityBankAccountRow & { updatedByName: string | null };

/** The facility's bank details, or null. Callers check who may see them. */
export async function bankAccountOf(db: Db, facilityId: string): Promise<BankAccount | null> {
  const [row] = await db
    .select({ account: facilityBankAccounts, updatedByName: users.displayName })
    .from(facilityBankAccounts)
    .leftJoin(users, eq(users.id, facilityBankAccounts.updatedBy))
    .where(eq(facilityBankAccounts.facilityId, facilityId));
  return row ? { ...row.account, updatedByName: row.updatedByName } : null;
}

/** The bank details of the operator's own facility (for its page). */
export async function ownBankAccount(db: Db, actor: Actor, facilityId: string): Promise<{ facility: FacilityRow; account: BankAccount | null }> {
  const facility = await ownFacility(db, actor, facilityId);
  return { facility, account: await bankAccountOf(db, facility.id) };
}

/**
 * Saves the facility's bank details (first entry or change). Saving the same details again changes
 * nothing — no write, no audit row, and `updatedAt` stays, so finance is not told of a change that did
 * not happen. Any filing state: a cancelled facility may still be owed a top-up for earlier months.
 */
export async function saveBankAccount(db: Db, actor: Actor, facilityId: string, input: unknown): Promise<{ changed: boolean }> {
  const facility = await ownFacility(db, actor, facilityId);
  const parsed = bankAccountSchema.safeParse(input);
  if (!parsed.success) throw new ValidationError(fieldErrorsOf(parsed.error));
  const values = parsed.data;
  return db.transaction(async (tx) => {
    const [existing] = await tx.select().from(facilityBankAccounts).where(eq(facilityBankAccounts.facilityId, facility.id)).for("update");
    const before = existing ? { accountName: existing.accountName, bankName: existing.bankName, accountNumber: existing.accountNumber } : null;
    if (before && JSON.stringify(before) === JSON.stringify({ accountName: values.accountName, bankName: values.bankName, accountNumber: values.accountNumber })) {
      return { changed: false };
    }
    const now = clockNow();
    await tx
      .insert(facilityBankAccounts)
      .values({ facilityId: facility.id, ...values, updatedBy: actor.userId, updatedAt: now })
      .onConflictDoUpdate({ target: facilityBankAccounts.facilityId, set: { ...values, updatedBy: actor.userId, updatedAt: now } });
    await recordAudit(tx, actorContext(actor), {
      action: before ? "bank_account.changed" : "bank_account.entered",
      entityType: "facility_bank_account",
      entityId: facility.id,
      jurisdictionCode: facility.jurisdictionCode,
      ...(before ? changedFields(before, values) : { before: null, after: values }),
    });
    return { changed: true };
  });
}

const CHUNK = 5_000;

/**
 * Of `facilityIds`, those whose bank details were updated after the most recent payment to them: the
 * `paidAt` of the latest paid batch holding a payable line of the facility. A facility never paid is not
 * "changed" (there is no payment to compare with). Set-based, in chunks (bind-parameter limits).
 */
export async function bankChangedSinceLastPayment(db: Db, facilityIds: readonly string[]): Promise<Set<string>> {
  const out = new Set<string>();
  const ids = [...new Set(facilityIds)];
  for (let i = 0; i < ids.length; i += CHUNK) {
    const chunk = ids.slice(i, i + CHUNK);
    const lastPaid = db
      .select({ facilityId: subsidyLines.facilityId, paidAt: sql<Date>`max(${subsidyBatches.paidAt})`.as("paid_at") })
      .from(subsidyLines)
      .innerJoin(subsidyBatches, eq(subsidyBatches.id, subsidyLines.batchId))
      .where(and(inArray(subsidyLines.facilityId, chunk), eq(subsidyLines.payable, true), eq(subsidyBatches.status, "paid")))
      .groupBy(subsidyLines.facilityId)
      .as("last_paid");
    const rows = await db
      .select({ facilityId: facilityBankAccounts.facilityId })
      .from(facilityBankAccounts)
      .innerJoin(lastPaid, eq(lastPaid.facilityId, facilityBankAccounts.facilityId))
      .where(sql`${facilityBankAccounts.updatedAt} > ${lastPaid.paidAt}`);
    for (const r of rows) out.add(r.facilityId);
  }
  return out;
}

/** For a finance or reviewer page that has already scoped its facilities: the details of several at once. */
export async function bankAccountsOf(db: Db, facilityIds: readonly string[]): Promise<Map<string, FacilityBankAccountRow>> {
  const out = new Map<string, FacilityBankAccountRow>();
  const ids = [...new Set(facilityIds)];
  for (let i = 0; i < ids.length; i += CHUNK) {
    const rows = await db.select().from(facilityBankAccounts).where(inArray(facilityBankAccounts.facilityId, ids.slice(i, i + CHUNK)));
    for (const r of rows) out.set(r.facilityId, r);
  }
  return out;
}
