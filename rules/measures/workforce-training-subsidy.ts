// 11. workforce.training_subsidy — 职业技能培训补贴. In force in 阿拉尔 (A§17). Eligible when at least one
// caregiver has no counting qualification, or only 保育师 qualifications below the target level
// (a larger level number; 5 = 五级 is the lowest).
//
// details: { staff: [{ staff, path, reason: "no_qualification" | "below_target_level", levels? }] }

import type { Context, LeafDefinition, MeasureDefinition } from "../engine/measure";
import type { Result } from "../engine/types";
import { REF } from "../parameters/references";
import type { StaffMember } from "../snapshot";
import { listParam, numberParam, qualificationCounts, staffLabel, staffPath, unknown } from "./common";

type Need = { staff: string; path: string; reason: "no_qualification" | "below_target_level"; levels?: number[] };

/** Whether one caregiver needs training: met = needs it, unmet = does not, unknown = cannot tell. */
function trainingNeed(m: StaffMember, i: number, kinds: readonly string[], target: number, date: string, missing: string[]): { result: Result; need?: Need } {
  const path = staffPath(m, i);
  const quals = m.qualifications;
  if (quals == null) {
    missing.push(`${path}.qualifications`);
    return { result: "unknown" };
  }
  let otherCounting = false;
  let open = false;
  const levels: number[] = [];
  let atTarget = false;
  for (let q = 0; q < quals.length; q++) {
    const qual = quals[q];
    if (qual.kind == null) {
      missing.push(`${path}.qualifications[${q}].kind`);
      open = true;
      continue;
    }
    if (!kinds.includes(qual.kind)) continue;
    const counts = qualificationCounts(qual, date);
    if (counts === "unmet") continue;
    if (counts === "unknown") {
      missing.push(`${path}.qualifications[${q}]${qual.proofDocument == null ? ".proofDocument" : ".validUntil"}`);
      open = true;
      continue;
    }
    if (qual.kind !== "childcare_worker") {
      otherCounting = true;
      continue;
    }
    if (qual.level === undefined) {
      missing.push(`${path}.qualifications[${q}].level`);
      open = true;
    } else if (qual.level === null || qual.level <= target) atTarget = true;
    else levels.push(qual.level);
  }
  if (otherCounting || atTarget) return { result: "unmet" };
  if (open) return { result: "unknown" };
  if (levels.length) return { result: "met", need: { staff: staffLabel(m, i), path, reason: "below_target_level", levels } };
  return { result: "met", need: { staff: staffLabel(m, i), path, reason: "no_qualification" } };
}

function needs(ctx: Context): { result: Result; needs: Need[]; missing: string[] } {
  const cached = ctx.memo.trainingNeeds as { result: Result; needs: Need[]; missing: string[] } | undefined;
  if (cached) return cached;
  const staff = ctx.snapshot.staff;
  const kinds = listParam(ctx, "staff.caregiver_qualifications");
  const target = numberParam(ctx, "workforce.target_level");
  let out: { result: Result; needs: Need[]; missing: string[] };
  if (staff == null || !kinds || target === undefined) {
    out = { result: "unknown", needs: [], missing: staff == null ? ["staff"] : ["parameters.workforce.target_level"] };
  } else {
    const found: Need[] = [];
    const missing: string[] = [];
    let open = false;
    for (let i = 0; i < staff.length; i++) {
      const m = staff[i];
      if (m.role != null && m.role !== "caregiver") continue;
      const local: string[] = [];
      const r = trainingNeed(m, i, kinds, target, ctx.date, local);
      if (m.role == null) {
        // Unknown role: counts only once we know this person is a caregiver.
        if (r.result !== "unmet") {
          open = true;
          missing.push(`${staffPath(m, i)}.role`, ...local);
        }
        continue;
      }
      if (r.result === "met" && r.need) found.push(r.need);
      else if (r.result === "unknown") {
        open = true;
        missing.push(...local);
      }
    }
    out = { result: found.length ? "met" : open ? "unknown" : "unmet", needs: found, missing };
  }
  ctx.memo.trainingNeeds = out;
  return out;
}

const trainingLeaf: LeafDefinition = {
  kind: "leaf",
  id: "staff.training_need",
  title: { zh: "至少一名保育人员无有效资格，或仅持四级以下保育师证书", en: "At least one caregiver without a counting qualification, or with only 保育师 below level 4" },
  references: [REF.alar17],
  parameters: ["workforce.target_level", "staff.caregiver_qualifications"],
  test(ctx) {
    const r = needs(ctx);
    const facts = { caregiversNeedingTraining: r.needs.map((n) => n.staff) };
    if (r.result === "met") return { result: "met", facts };
    if (r.result === "unknown") return unknown(facts, r.missing);
    return {
      result: "unmet",
      facts,
      fix: { zh: "所有保育人员均已持有有效资格（保育师四级及以上或其他认可资格），暂无培训补贴对象", en: "Every caregiver already holds a counting qualification at or above the target level; no one to train" },
    };
  },
};

export const workforceTrainingSubsidy: MeasureDefinition = {
  id: "workforce.training_subsidy",
  title: { zh: "职业技能培训补贴", en: "Vocational training subsidy" },
  legalBasis: [REF.alar17],
  monetary: false,
  inForce: { parameter: "measure.workforce.training_subsidy.enabled", when: "flag" },
  tree: { kind: "all", id: "all", children: [trainingLeaf] },
  outcome: (ctx) => ({ amountFen: null, details: { staff: needs(ctx).needs } }),
};
