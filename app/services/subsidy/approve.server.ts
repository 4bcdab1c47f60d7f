// Approving a prepared batch (a finance officer): four eyes per person, never on a provisional value, once.
import { and, eq } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { subsidyBatches } from "../../../db/schema";
import type { Actor } from "../../auth/session.server";
import { assertPermission } from "../../auth/session.server";
import { clockNow } from "../../utils/format";
import { recordAudit } from "../audit.server";
import { ConflictError, ForbiddenError, NotFoundError } from "../errors";
import { actorContext } from "../users.server";
import { loadBatchInScope } from "./shared.server";

// ---- approve ---------------------------------------------------------------------------------------------

/**
 * A finance officer approves a prepared batch — never the person who prepared it (checked here, per
 * user whatever roles they hold, and by a database constraint), never a batch whose payable lines rest
 * on a provisional parameter value. The conditional update makes concurrent approvals approve once.
 */
export async function approveBatch(db: Db, actor: Actor, batchId: string): Promise<void> {
  assertPermission(actor, "approve:batch:jurisdiction");
  const batch = await loadBatchInScope(db, actor, batchId);
  await db.transaction(async (tx) => {
    const [row] = await tx.select().from(subsidyBatches).where(eq(subsidyBatches.id, batch.id)).for("update");
    if (!row) throw new NotFoundError("batch");
    if (row.preparedBy === actor.userId) throw new ForbiddenError("batches.fourEyes", "permission");
    if (row.status !== "prepared") throw new ConflictError(row.status === "preparing" ? "batches.stillPreparing" : "batches.notPrepared");
    if (row.provisional) throw new ConflictError("batches.provisional");
    const updated = await tx
      .update(subsidyBatches)
      .set({ status: "approved", approvedBy: actor.userId, approvedAt: clockNow(), updatedAt: clockNow() })
      .where(and(eq(subsidyBatches.id, row.id), eq(subsidyBatches.status, "prepared")))
      .returning({ id: subsidyBatches.id });
    if (updated.length !== 1) throw new ConflictError("batches.notPrepared");
    await recordAudit(tx, actorContext(actor), {
      action: "subsidy_batch.approved",
      entityType: "subsidy_batch",
      entityId: row.id,
      jurisdictionCode: row.jurisdictionCode,
      before: { status: row.status },
      after: { status: "approved", totalFen: row.totalFen, payable: row.payableCount },
    });
  });
}
