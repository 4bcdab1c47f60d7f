// The overview's XLSX export (../overview.server.ts): the per-measure table and, with a drill-down, the
// listed facilities.
import ExcelJS from "exceljs";
import type { Status } from "../../../rules/engine/types";
import type { Overview } from "./counts.server";
import type { OverviewDrill } from "./drill.server";
import { STATUSES } from "./scope.server";

// Sheet 1 「措施统计」 columns: 措施 (zh title) · 措施编号 (id) · 符合 · 不符合 · 待补充信息 · 不适用 · 合计.
// Sheet 2 「机构名单」 (only with a drill-down): 机构名称 · 县区 · 县区代码 · 需补充的信息.
const STATUS_ZH: Record<Status, string> = {
  eligible: "符合",
  ineligible: "不符合",
  needs_info: "待补充信息",
  not_applicable: "不适用",
};

/** A text cell that a spreadsheet never reads as a formula. */
function safeText(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** The per-measure table (and, with `drill`, the listed facilities) as XLSX bytes. */
export async function overviewExport(
  overview: Overview,
  drill?: OverviewDrill
): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Tuoyu";
  const sheet = workbook.addWorksheet("措施统计");
  sheet.addRow([
    `${overview.scopeNameZh}（${overview.scope}） 截至 ${overview.asOf} 已备案机构 ${overview.facilities} 家 · 规则版本 ${overview.rulesVersion}`,
  ]);
  const header = sheet.addRow([
    "措施",
    "措施编号",
    ...STATUSES.map((s) => STATUS_ZH[s]),
    "合计",
  ]);
  header.font = { bold: true };
  for (const m of overview.measures) {
    const values = STATUSES.map((s) => m.counts[s]);
    sheet.addRow([
      safeText(m.title.zh),
      m.measure,
      ...values,
      values.reduce((a, b) => a + b, 0),
    ]);
  }
  sheet.columns.forEach((c, i) => {
    c.width = i === 0 ? 34 : i === 1 ? 36 : 12;
  });
  sheet.views = [{ state: "frozen", ySplit: 2 }];
  if (drill) {
    const list = workbook.addWorksheet("机构名单");
    list.addRow([
      `${drill.title.zh}（${drill.measure}） · ${STATUS_ZH[drill.status]} · ${
        drill.asOf
      } · 共 ${drill.total} 家`,
    ]);
    const h = list.addRow(["机构名称", "县区", "县区代码", "需补充的信息"]);
    h.font = { bold: true };
    for (const item of drill.items)
      list.addRow([
        safeText(item.name),
        item.jurisdictionNameZh,
        item.jurisdictionCode,
        item.missing.join("; "),
      ]);
    list.columns.forEach((c, i) => {
      c.width = i === 0 ? 36 : i === 3 ? 50 : 14;
    });
    list.views = [{ state: "frozen", ySplit: 2 }];
  }
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}
