// Which measures a facility qualifies for (issue [5/7]): the evaluation of all twelve measures for one
// facility on a date, and the utility price certificate (水电气热居民价格执行证明) the rules grant to a
// filed facility (RULES.md `utility.residential_price`). The certificate is issued through the one
// mechanism for verifiable documents (certificates.server.ts); a cancelled filing voids it there
// (inclusive-status.server.ts `endInclusiveOnCancellation`).
import { and, asc, desc, eq, gte, sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import type { Db } from "../../db/client";
import { certificates, facilities, jurisdictions, receiptSequences, type CertificateRow, type FacilityRow } from "../../db/schema";
import { addDays, addMonths, firstDayOfNextMonth, isValidDate } from "../../rules/engine/dates";
import { evaluate, type Determination, type Evaluation } from "../../rules/engine/evaluate";
import type { Actor } from "../auth/session.server";
import { assertPermission } from "../auth/session.server";
import { staffScope, withinJurisdiction } from "../auth/scope.server";
import { clockNow, todayInShanghai } from "../utils/format";
import { certificateState, issueCertificate, type CertificateState } from "./certificates.server";
import { ConflictError, ForbiddenError, ValidationError } from "./errors";
import { loadFacility } from "./facilities.server";
import { buildSnapshot } from "./filing.server";
import { localParameters } from "./pricing.server";
import { actorContext } from "./users.server";

export const UTILITY_MEASURE = "utility.residential_price";
/** A new certificate may be requested (as a renewal) only within the last this many days of the current one. */
export const RENEWAL_WINDOW_DAYS = 30;

const UTILITY_ZH: Record<string, string> = { water: "水", electricity: "电", gas: "气", heat: "热" };
const UTILITY_EN: Record<string, string> = { water: "water", electricity: "electricity", gas: "gas", heat: "heat" };
const UTILITY_ORDER = ["water", "electricity", "gas", "heat"];

// ---- the measures page ------------------------------------------------------------------------------

export type FacilityMeasures = { facility: FacilityRow; evaluation: Evaluation };

/**
 * All twelve determinations for a facility on `asOf`, with the administrators' local parameters: for the
 * facility's operator or a reviewer whose scope contains it (anyone else: ForbiddenError).
 */
export async function facilityMeasures(db: Db, actor: Actor, facilityId: string, asOf: string = todayInShanghai()): Promise<FacilityMeasures> {
  if (!isValidDate(asOf)) throw new ValidationError({ date: "filing.validation.date" });
  const facility = await loadFacility(db, actor, facilityId);
  const snapshot = await buildSnapshot(db, facility, asOf);
  const evaluation = evaluate(snapshot, { asOf, localParameters: await localParameters(db) });
  return { facility, evaluation };
}

// ---- the utility certificate ------------------------------------------------------------------------

/**
 * The validity of a utility certificate: a first certificate issued on `issuedOn` runs from the first day
 * of the next month for `months` months (inclusive end: the day before the same day `months` later); a
 * renewal starts the day after `renewsUntil` (the current certificate's last day).
 */
export function utilityValidity(issuedOn: string, months: number, renewsUntil: string | null = null): { validFrom: string; validUntil: string } {
  const validFrom = renewsUntil ? addDays(renewsUntil, 1) : firstDayOfNextMonth(issuedOn);
  return { validFrom, validUntil: addDays(addMonths(validFrom, months), -1) };
}

/** The utilities of a determination's details in the standard order (water, electricity, gas, heat). */
export function utilitiesOf(determination: Pick<Determination, "details">): string[] {
  const raw = determination.details.utilities;
  const list = Array.isArray(raw) ? raw.filter((u): u is string => typeof u === "string") : [];
  return UTILITY_ORDER.filter((u) => list.includes(u));
}

/** 水、电、气、热 */
export function utilitiesZh(utilities: readonly string[]): string {
  return utilities.map((u) => UTILITY_ZH[u] ?? u).join("、");
}

function utilitiesEn(utilities: readonly string[]): string {
  return utilities.map((u) => UTILITY_EN[u] ?? u).join(", ");
}

/** The facility's utility certificates that are valid and not yet over on `today`, latest end first. */
export async function currentUtilityCertificates(db: Db, facilityId: string, today: string): Promise<CertificateRow[]> {
  return db
    .select()
    .from(certificates)
    .where(and(eq(certificates.facilityId, facilityId), eq(certificates.kind, "utility_certificate"), eq(certificates.status, "valid"), gte(certificates.validUntil, today)))
    .orderBy(desc(certificates.validUntil));
}

/**
 * The operator requests a utility price certificate. The rules decide (`utility.residential_price` must be
 * eligible today, else ConflictError `measures.errors.notEligible`). One certificate at a time: while one
 * is valid and more than RENEWAL_WINDOW_DAYS from its end the request is refused
 * (`measures.errors.alreadyValid`); within that window it is a renewal starting the day after it ends.
 */
export async function requestUtilityCertificate(db: Db, actor: Actor, facilityId: string): Promise<CertificateRow> {
  assertPermission(actor, "submit:filing:own");
  const facility = await loadFacility(db, actor, facilityId);
  if (facility.organisationId !== actor.organisationId) throw new ForbiddenError("facility", "scope");
  const today = todayInShanghai();
  const snapshot = await buildSnapshot(db, facility, today);
  const evaluation = evaluate(snapshot, { asOf: today, localParameters: await localParameters(db), measures: [UTILITY_MEASURE] });
  const determination = evaluation.determinations.find((d) => d.measure === UTILITY_MEASURE);
  if (!determination || determination.status !== "eligible") throw new ConflictError("measures.errors.notEligible");
  const utilities = utilitiesOf(determination);
  const months = typeof determination.details.validMonths === "number" ? determination.details.validMonths : null;
  if (utilities.length === 0 || months === null || months < 1) throw new ConflictError("measures.errors.notEligible");

  return db.transaction(async (tx) => {
    // serialise concurrent requests for the same facility on its row
    await tx.select({ id: facilities.id }).from(facilities).where(eq(facilities.id, facility.id)).for("update");
    const [current] = await currentUtilityCertificates(tx, facility.id, today);
    if (current?.validUntil && addDays(today, RENEWAL_WINDOW_DAYS) <= current.validUntil) throw new ConflictError("measures.errors.alreadyValid");
    const { validFrom, validUntil } = utilityValidity(today, months, current?.validUntil ?? null);
    const year = Number(today.slice(0, 4));
    const [seq] = await tx
      .insert(receiptSequences)
      .values({ jurisdictionCode: `utility:${facility.jurisdictionCode}`, year, lastValue: 1 })
      .onConflictDoUpdate({ target: [receiptSequences.jurisdictionCode, receiptSequences.year], set: { lastValue: sql`${receiptSequences.lastValue} + 1`, updatedAt: clockNow() } })
      .returning({ lastValue: receiptSequences.lastValue });
    const number = `${facility.jurisdictionCode}-SDQR-${year}-${String(seq?.lastValue ?? 1).padStart(4, "0")}`;
    return issueCertificate(tx, actorContext(actor), {
      kind: "utility_certificate",
      number,
      facilityId: facility.id,
      issuedOn: today,
      validFrom,
      validUntil,
      issuedBy: actor.userId,
      jurisdictionCode: facility.jurisdictionCode,
      payload: {
        lines: [
          { label: "执行项目", value: utilitiesZh(utilities), labelEn: "Utilities", valueEn: utilitiesEn(utilities) },
          { label: "价格类别", value: "居民生活类价格", labelEn: "Price category", valueEn: "residential prices" },
          { label: "备案回执编号", value: facility.receiptNumber ?? "", labelEn: "Filing receipt", valueEn: facility.receiptNumber ?? "" },
          ...(current ? [{ label: "续期", value: `接续 ${current.number}`, labelEn: "Renewal", valueEn: `follows ${current.number}` }] : []),
        ],
        clauses: determination.legalBasis.map((r) => (r.clause && r.clause !== "—" ? `${r.document} ${r.clause}` : r.document)),
        // bookkeeping, not printed
        utilities,
        rulesVersion: evaluation.rulesVersion,
        renews: current?.id ?? null,
      },
    });
  });
}

// ---- reviewers: the list for utility companies -----------------------------------------------------

export type UtilityCertificateRow = {
  certificateId: string;
  facilityId: string;
  facilityName: string;
  address: string | null;
  countyCode: string;
  countyName: string;
  number: string;
  /** utility ids in order (water, electricity, gas, heat) */
  utilities: string[];
  issuedOn: string;
  validFrom: string;
  validUntil: string | null;
  state: CertificateState;
  code: string;
};

/**
 * The utility certificates in the reviewer's scope that are valid on `today` or start later (a utility
 * company needs both), by county and facility.
 */
export async function validUtilityCertificates(db: Db, actor: Actor, today: string = todayInShanghai()): Promise<UtilityCertificateRow[]> {
  assertPermission(actor, "review:filing:jurisdiction");
  const scope = staffScope(actor);
  const rows = await db
    .select({
      certificateId: certificates.id,
      facilityId: facilities.id,
      facilityName: facilities.name,
      address: facilities.address,
      countyCode: facilities.jurisdictionCode,
      countyName: jurisdictions.nameZh,
      number: certificates.number,
      payload: certificates.payload,
      status: certificates.status,
      issuedOn: certificates.issuedOn,
      validFrom: certificates.validFrom,
      validUntil: certificates.validUntil,
      code: certificates.code,
    })
    .from(certificates)
    .innerJoin(facilities, eq(facilities.id, certificates.facilityId))
    .innerJoin(jurisdictions, eq(jurisdictions.code, facilities.jurisdictionCode))
    .where(
      and(
        eq(certificates.kind, "utility_certificate"),
        eq(certificates.status, "valid"),
        gte(certificates.validUntil, today),
        withinJurisdiction(facilities.jurisdictionCode, scope),
      ),
    )
    .orderBy(asc(facilities.jurisdictionCode), asc(facilities.name), asc(certificates.validFrom));
  return rows.map(({ payload, status, ...r }) => {
    const stored = (payload as { utilities?: unknown } | null)?.utilities;
    const utilities = Array.isArray(stored) ? UTILITY_ORDER.filter((u) => stored.includes(u)) : [];
    return { ...r, utilities, state: certificateState({ status, validFrom: r.validFrom, validUntil: r.validUntil }, today) };
  });
}

// ---- export ----------------------------------------------------------------------------------------

// The export's columns, in order (Chinese headers, as the utility companies' staff read them):
//   机构名称      facility name
//   地址          facility address
//   县区          county / district name
//   县区代码      county code (GB/T 2260)
//   证明编号      certificate number, e.g. 659002-SDQR-2026-0001
//   执行项目      utilities billed at residential prices, 水、电、气、热
//   生效日期      first day of validity (YYYY-MM-DD)
//   截止日期      last day of validity, inclusive (YYYY-MM-DD)
//   状态          有效 / 尚未生效
//   核验码        verification code; anyone checks it at /verify/<code>
const COLUMNS = ["机构名称", "地址", "县区", "县区代码", "证明编号", "执行项目", "生效日期", "截止日期", "状态", "核验码"] as const;
const STATE_ZH: Record<CertificateState, string> = { valid: "有效", not_yet_valid: "尚未生效", expired: "已过期", revoked: "已撤销", void: "已作废" };

function exportCells(row: UtilityCertificateRow): string[] {
  return [row.facilityName, row.address ?? "", row.countyName, row.countyCode, row.number, utilitiesZh(row.utilities), row.validFrom, row.validUntil ?? "", STATE_ZH[row.state], row.code];
}

/** A CSV cell: quoted when needed, and never read by a spreadsheet as a formula (=, +, -, @ are escaped). */
function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The list as a file: CSV (UTF-8 with a BOM so Excel reads the Chinese, CRLF lines) or XLSX. */
export async function utilityExport(rows: readonly UtilityCertificateRow[], format: "csv" | "xlsx"): Promise<Uint8Array> {
  if (format === "csv") {
    const lines = [COLUMNS.join(","), ...rows.map((r) => exportCells(r).map(csvCell).join(","))];
    return new TextEncoder().encode(`\uFEFF${lines.join("\r\n")}\r\n`);
  }
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Tuoyu";
  const sheet = workbook.addWorksheet("居民价格执行证明");
  sheet.columns = COLUMNS.map((header, i) => ({ header, key: String(i), width: i === 0 || i === 1 ? 30 : 16 }));
  for (const r of rows) sheet.addRow(exportCells(r));
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: "frozen", ySplit: 1 }];
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}

const CONTENT_TYPES = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
} as const;

/** The export as an HTTP download (attachment), named utility-certificates-<today>.<format>. */
export async function utilityDownload(rows: readonly UtilityCertificateRow[], format: "csv" | "xlsx", today: string): Promise<Response> {
  const bytes = await utilityExport(rows, format);
  return new Response(new Uint8Array(bytes), {
    status: 200,
    headers: {
      "Content-Type": CONTENT_TYPES[format],
      "Content-Length": String(bytes.byteLength),
      "Content-Disposition": `attachment; filename="utility-certificates-${today}.${format}"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
