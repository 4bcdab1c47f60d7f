// 7. premises.idle_state_assets_priority — 闲置国有资产同等条件下优先提供给有资质的托育机构. In force in
// 阿拉尔 (A§16). "有资质" is read as: filing conditions complete and staffing compliant.

import { evaluateTree, type LeafDefinition, type MeasureDefinition } from "../engine/measure";
import { REF } from "../parameters/references";
import { filingComplete } from "./filing-complete";
import { staffingCompliant } from "./staffing-compliant";
import { unknown } from "./common";

function measureLeaf(id: string, title: LeafDefinition["title"], measure: typeof filingComplete): LeafDefinition {
  return {
    kind: "leaf",
    id,
    title,
    references: [REF.alar16, ...measure.legalBasis.slice(0, 1)],
    parameters: [],
    test(ctx) {
      const tree = evaluateTree(ctx, measure);
      if (tree.result === "met") return { result: "met", facts: { [id]: "met" } };
      if (tree.result === "unknown") return unknown({ [id]: "unknown" }, tree.missing);
      const fixes = tree.conditions.filter((c) => c.result === "unmet" && c.fix);
      return {
        result: "unmet",
        facts: { [id]: "unmet", unmet: fixes.map((c) => c.id) },
        fix: { zh: fixes.map((c) => c.fix?.zh).join("；"), en: fixes.map((c) => c.fix?.en).join("; ") },
      };
    },
  };
}

export const premisesIdleStateAssetsPriority: MeasureDefinition = {
  id: "premises.idle_state_assets_priority",
  title: { zh: "闲置国有资产优先提供", en: "Priority use of idle state-owned premises" },
  legalBasis: [REF.alar16],
  monetary: false,
  inForce: { parameter: "measure.premises.idle_state_assets_priority.enabled", when: "flag" },
  tree: {
    kind: "all",
    id: "all",
    children: [
      measureLeaf("filing.complete", { zh: "备案条件与材料齐全", en: "Filing conditions and documents complete" }, filingComplete),
      measureLeaf("staffing.compliant", { zh: "班额与师幼比符合标准", en: "Class sizes and caregiver ratios meet the standards" }, staffingCompliant),
    ],
  },
};
