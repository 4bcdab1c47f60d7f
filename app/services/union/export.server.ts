// The union officer's filtered directory as an XLSX workbook (headers and values in the user's
// language), and as a download response.
import ExcelJS from "exceljs";
import type { Db } from "../../../db/client";
import type { Actor } from "../../auth/session.server";
import { translator, type Lang } from "../../i18n/i18n";
import { formatMoney, todayInShanghai } from "../../utils/format";
import { programmeRows, type UnionDirectoryQuery } from "./directory.server";
import { unionScope } from "./shared.server";

/** The export carries the whole filtered list; a province has a few hundred employer-run programmes. */
export const EXPORT_LIMIT = 20_000;

/** The filtered directory as an XLSX workbook (headers and values in the user's language). */
export async function unionExport(db: Db, actor: Actor, query: Omit<UnionDirectoryQuery, "page" | "pageSize">, lang: Lang, today: string = todayInShanghai()): Promise<Uint8Array> {
  const scope = unionScope(actor, "view:programme:jurisdiction");
  const rows = await programmeRows(db, scope, query, EXPORT_LIMIT, 0, today);
  const t = translator(lang);
  const yesNo = (v: boolean | null) => (v === null ? "" : v ? t("filing.enums.yesNo.true") : t("filing.enums.yesNo.false"));
  const separator = t("policies.listSeparator");
  const columns: Array<[string, number]> = [
    ["union.export.programme", 28],
    ["union.export.employer", 28],
    ["union.export.uscc", 22],
    ["union.export.park", 24],
    ["union.export.county", 12],
    ["union.export.operator", 28],
    ["union.export.totalSlots", 10],
    ["union.export.reservedSlots", 12],
    ["union.export.mainlyOwn", 12],
    ["union.export.openOther", 12],
    ["union.export.openResidents", 12],
    ["union.export.filing", 12],
    ["union.export.receipt", 18],
    ["union.export.inclusive", 14],
    ["union.export.fees", 40],
    ["union.export.determination", 14],
    ["union.export.honour", 22],
    ["union.export.latestNomination", 18],
    ["union.export.grantCount", 10],
    ["union.export.grants", 14],
    ["union.export.matching", 14],
  ];
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Tuoyu";
  const sheet = workbook.addWorksheet(t("union.export.sheet"));
  sheet.columns = columns.map(([key, width], i) => ({ header: t(key), key: String(i), width }));
  for (const r of rows) {
    sheet.addRow([
      r.facilityName,
      r.employerName ?? "",
      r.employerUscc ?? "",
      r.parkName ?? "",
      lang === "en" ? r.countyEn : r.countyZh,
      r.organisationName,
      r.totalSlots,
      r.reservedSlots,
      yesNo(r.mainlyForOwnEmployees),
      yesNo(r.openToOtherEmployers),
      yesNo(r.openToResidents),
      t(`filing.enums.filingState.${r.filingState}`),
      r.receiptNumber ?? "",
      t(`union.inclusive.${r.inclusive}`),
      r.fees.map((f) => `${t(`filing.enums.classType.${f.classType ?? ""}`)} · ${t(`filing.enums.serviceType.${f.serviceType ?? ""}`)} ${formatMoney(f.amountFen)}`).join(separator),
      t(`policies.status.${r.determination}`),
      r.awardedYears.length ? t("union.honour", { year: r.awardedYears.join(separator) }) : "",
      r.latestNomination ? `${r.latestNomination.year} · ${t(`union.nomination.status.${r.latestNomination.status}`)}` : "",
      r.grantCount,
      r.grantsFen / 100,
      r.matchingFen / 100,
    ]);
  }
  for (const key of [20, 21]) sheet.getColumn(key).numFmt = "#,##0.00";
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: "frozen", ySplit: 1 }];
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}

/** The export as an attachment named union-programmes-<today>.xlsx. */
export async function unionDownload(db: Db, actor: Actor, query: Omit<UnionDirectoryQuery, "page" | "pageSize">, lang: Lang, today: string = todayInShanghai()): Promise<Response> {
  const bytes = await unionExport(db, actor, query, lang, today);
  return new Response(new Uint8Array(bytes), {
    status: 200,
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Length": String(bytes.byteLength),
      "Content-Disposition": `attachment; filename="union-programmes-${today}.xlsx"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
