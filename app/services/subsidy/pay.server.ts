// Paying an approved batch (a finance officer): recording the payment once, and the payment file the bank
// receives (the payable lines as rows, CSV or XLSX).
import { and, eq, sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import { queryRows, type Db } from "../../../db/client";
import { subsidyBatches, type SubsidyBatchRow } from "../../../db/schema";
import { isValidDate } from "../../../rules/engine/dates";
import type { Actor } from "../../auth/session.server";
import { assertPermission } from "../../auth/session.server";
import { clockNow, todayInShanghai } from "../../utils/format";
import { recordAudit } from "../audit.server";
import { paidSchema } from "../batches.schemas";
import { ConflictError, NotFoundError, ValidationError } from "../errors";
import { actorContext, fieldErrorsOf } from "../users.server";
import { loadBatchInScope } from "./shared.server";

// ---- pay -------------------------------------------------------------------------------------------------

/** Records the payment of an approved batch (once: a paid batch cannot change again). */
export async function markBatchPaid(db: Db, actor: Actor, batchId: string, input: unknown): Promise<void> {
  assertPermission(actor, "approve:batch:jurisdiction");
  const batch = await loadBatchInScope(db, actor, batchId);
  const parsed = paidSchema.safeParse(input);
  if (!parsed.success) throw new ValidationError(fieldErrorsOf(parsed.error));
  const { paymentReference, paidOn } = parsed.data;
  const today = todayInShanghai();
  if (!isValidDate(paidOn)) throw new ValidationError({ paidOn: "batches.dateInvalid" });
  if (paidOn > today) throw new ValidationError({ paidOn: "batches.paidInFuture" });
  await db.transaction(async (tx) => {
    const [row] = await tx.select().from(subsidyBatches).where(eq(subsidyBatches.id, batch.id)).for("update");
    if (!row) throw new NotFoundError("batch");
    if (row.status !== "approved") throw new ConflictError(row.status === "paid" ? "batches.alreadyPaid" : "batches.notApproved");
    if (row.approvedAt && paidOn < todayOf(row.approvedAt)) throw new ValidationError({ paidOn: "batches.paidBeforeApproval" });
    const updated = await tx
      .update(subsidyBatches)
      .set({ status: "paid", paidBy: actor.userId, paidAt: clockNow(), paidOn, paymentReference, updatedAt: clockNow() })
      .where(and(eq(subsidyBatches.id, row.id), eq(subsidyBatches.status, "approved")))
      .returning({ id: subsidyBatches.id });
    if (updated.length !== 1) throw new ConflictError("batches.alreadyPaid");
    await recordAudit(tx, actorContext(actor), {
      action: "subsidy_batch.paid",
      entityType: "subsidy_batch",
      entityId: row.id,
      jurisdictionCode: row.jurisdictionCode,
      before: { status: row.status },
      after: { status: "paid", paidOn, paymentReference, totalFen: row.totalFen },
    });
  });
}

function todayOf(at: Date): string {
  return todayInShanghai(at);
}

// ---- payment file ----------------------------------------------------------------------------------------

/** The payment file's columns, in order (documented in the README). */
export const PAYMENT_COLUMNS = [
  { key: "seq", zh: "序号", en: "No." },
  { key: "batch", zh: "批次号", en: "Batch" },
  { key: "lineId", zh: "明细编号", en: "Line ID" },
  { key: "county", zh: "区县代码", en: "County code" },
  { key: "period", zh: "补贴月份", en: "Month" },
  { key: "kind", zh: "类型", en: "Kind" },
  { key: "corrects", zh: "更正的原明细", en: "Corrects line" },
  { key: "facility", zh: "机构名称", en: "Facility" },
  { key: "receipt", zh: "备案回执号", en: "Filing receipt" },
  { key: "accountName", zh: "收款户名", en: "Account name" },
  { key: "bank", zh: "开户银行", en: "Bank" },
  { key: "accountNumber", zh: "银行账号", en: "Account number" },
  { key: "amountYuan", zh: "金额（元）", en: "Amount (yuan)" },
  { key: "amountFen", zh: "金额（分）", en: "Amount (fen)" },
] as const;

export type PaymentRow = Record<(typeof PAYMENT_COLUMNS)[number]["key"], string | number>;

function yuan(fen: number): string {
  const sign = fen < 0 ? "-" : "";
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}

/** The payable lines of an approved or paid batch, as the bank file lists them (recoveries negative). */
export async function paymentRows(db: Db, actor: Actor, batchId: string): Promise<{ batch: SubsidyBatchRow; rows: PaymentRow[] }> {
  assertPermission(actor, "approve:batch:jurisdiction");
  const batch = await loadBatchInScope(db, actor, batchId);
  if (batch.status !== "approved" && batch.status !== "paid") throw new ConflictError("batches.notApproved");
  const lines = await queryRows<{
    id: string;
    jurisdiction_code: string;
    period: string;
    kind: string;
    corrects_line_id: string | null;
    name: string;
    receipt_number: string | null;
    account_name: string | null;
    bank_name: string | null;
    account_number: string | null;
    amount_fen: number;
  }>(
    db,
    sql`SELECT l.id, l.jurisdiction_code, l.period, l.kind, l.corrects_line_id, l.facility_name AS name, f.receipt_number, l.account_name, l.bank_name, l.account_number, l.amount_fen
          FROM subsidy_lines l JOIN facilities f ON f.id = l.facility_id
         WHERE l.batch_id = ${batch.id} AND l.payable
         ORDER BY l.jurisdiction_code, l.facility_name, l.period, l.id`,
  );
  const rows = lines.map((l, i) => ({
    seq: i + 1,
    batch: batch.number,
    lineId: l.id,
    county: l.jurisdiction_code,
    period: l.period,
    kind: l.kind === "original" ? "original" : Number(l.amount_fen) > 0 ? "top_up" : "recovery",
    corrects: l.corrects_line_id ?? "",
    facility: l.name,
    receipt: l.receipt_number ?? "",
    accountName: l.account_name ?? "",
    bank: l.bank_name ?? "",
    accountNumber: l.account_number ?? "",
    amountYuan: yuan(Number(l.amount_fen)),
    amountFen: Number(l.amount_fen),
  }));
  return { batch, rows };
}

function csvCell(value: string | number): string {
  const text = String(value);
  // a leading = + - @ would be read as a formula by spreadsheet software; account numbers stay text. A
  // recovery's negative amount ("-600.00") is a number, not a formula: it stays as it is.
  const safe = /^[=+\-@]/.test(text) && typeof value === "string" && !/^-\d+(\.\d+)?$/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The payment file: CSV (UTF-8 with BOM, bilingual header) or XLSX (account numbers as text). */
export async function paymentFile(rows: readonly PaymentRow[], format: "csv" | "xlsx"): Promise<Uint8Array> {
  const header = PAYMENT_COLUMNS.map((c) => `${c.zh} ${c.en}`);
  if (format === "csv") {
    const body = [header.map(csvCell).join(","), ...rows.map((r) => PAYMENT_COLUMNS.map((c) => csvCell(r[c.key])).join(","))].join("\r\n");
    return new TextEncoder().encode(`\uFEFF${body}\r\n`);
  }
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("payment");
  sheet.columns = PAYMENT_COLUMNS.map((c) => ({ header: `${c.zh} ${c.en}`, key: c.key, width: c.key === "facility" || c.key === "lineId" ? 38 : 16 }));
  for (const r of rows) sheet.addRow(r);
  sheet.getColumn("accountNumber").numFmt = "@";
  sheet.getColumn("amountYuan").numFmt = "@";
  sheet.getRow(1).font = { bold: true };
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
