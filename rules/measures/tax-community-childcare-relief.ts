// 6. tax.community_childcare_relief — 税费减免. National (2019年第76号, 2019-06-01..2025-12-31; extended by
// 公告2026年第7号 to 2027-12-31), A§16. In force only within those periods (dated values of the switch).
//
// details: { period: { from, to }, reliefs: [{ id, zh, en }], incomeInclusionShare }

import type { MeasureDefinition } from "../engine/measure";
import { REF } from "../parameters/references";
import { numberParam, operatorRegistered, servicesAny } from "./common";

const RELIEFS = [
  { id: "vat_exemption", zh: "提供社区托育服务取得的收入免征增值税", en: "VAT exemption on community childcare income" },
  { id: "income_reduction", zh: "计算应纳税所得额时减按90%计入收入总额", en: "Childcare income counted at 90 % for income tax" },
  { id: "deed_tax", zh: "承受房屋、土地用于提供托育服务的免征契税", en: "Deed-tax exemption on premises acquired for childcare" },
  { id: "property_tax", zh: "用于提供托育服务的房产免征房产税", en: "Property-tax exemption on premises used for childcare" },
  { id: "land_use_tax", zh: "用于提供托育服务的土地免征城镇土地使用税", en: "Urban land-use tax exemption on land used for childcare" },
  { id: "fees", zh: "免征不动产登记费、耕地开垦费、土地复垦费、土地闲置费、城市基础设施配套费等", en: "Exemption from real-estate registration, land reclamation, idle-land and urban infrastructure fees" },
];

export const taxCommunityChildcareRelief: MeasureDefinition = {
  id: "tax.community_childcare_relief",
  title: { zh: "社区托育服务税费减免", en: "Community childcare tax and fee relief" },
  legalBasis: [REF.tax2019, REF.tax2026, REF.alar16],
  monetary: false,
  inForce: { parameter: "measure.tax.community_childcare_relief.enabled", when: "flag" },
  tree: { kind: "all", id: "all", children: [operatorRegistered([REF.tax2019, REF.filingConditions]), servicesAny] },
  parameters: ["tax.income_inclusion_share"],
  outcome(ctx) {
    const period = ctx.params["measure.tax.community_childcare_relief.enabled"];
    return {
      amountFen: null,
      details: {
        period: period ? { from: period.effectiveFrom, to: period.effectiveTo } : null,
        reliefs: RELIEFS,
        incomeInclusionShare: numberParam(ctx, "tax.income_inclusion_share") ?? null,
      },
    };
  },
};
