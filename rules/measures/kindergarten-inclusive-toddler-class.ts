// 12. kindergarten.inclusive_toddler_class — 托幼一体 普惠托班. National (1477号: 托班 of public and
// inclusive-private kindergartens are inclusive), A§15, B§8. Such a class counts as inclusive without a
// separate certification; measures 3, 4 and 9 rely on this one.

import type { LeafDefinition, MeasureDefinition } from "../engine/measure";
import { REF } from "../parameters/references";
import { numberParam, unknown } from "./common";

const MIN_AGE = "kindergarten.toddler_class_min_age_months";

const subject: LeafDefinition = {
  kind: "leaf",
  id: "subject.kindergarten_class",
  title: { zh: "幼儿园开设的托班", en: "A kindergarten's toddler class" },
  references: [REF.inclusiveProviders],
  parameters: [],
  test(ctx) {
    const kind = ctx.snapshot.facility.kind;
    if (kind == null) return unknown({ kind: null }, ["facility.kind"]);
    if (kind === "kindergarten_class") return { result: "met", facts: { kind } };
    return { result: "unmet", facts: { kind }, fix: { zh: "本措施仅适用于幼儿园开设的托班", en: "This measure concerns kindergarten toddler classes only" } };
  },
};

const ownership: LeafDefinition = {
  kind: "leaf",
  id: "kindergarten.ownership",
  title: { zh: "公办或普惠性民办幼儿园", en: "A public or inclusive-private kindergarten" },
  references: [REF.inclusiveProviders, REF.alar15, REF.bengbu8],
  parameters: [],
  test(ctx) {
    const value = ctx.snapshot.facility.kindergarten?.ownership;
    if (value == null) return unknown({ ownership: null }, ["facility.kindergarten.ownership"]);
    if (value === "public" || value === "inclusive_private") return { result: "met", facts: { ownership: value } };
    return {
      result: "unmet",
      facts: { ownership: value },
      fix: { zh: "民办幼儿园需先认定为普惠性幼儿园，其托班方可按普惠托班对待", en: "A private kindergarten must first be recognised as inclusive for its toddler class to count as inclusive" },
    };
  },
};

// 1477号: the 托班 of a kindergarten takes 2–3-year-olds. A 托大班 (24–36 months) is one; a 混合编班 takes children
// from 18 months, so it counts only when its youngest child is at least `kindergarten.toddler_class_min_age_months`.
const classAges: LeafDefinition = {
  kind: "leaf",
  id: "classes.two_to_three",
  title: { zh: "所有班级均招收2—3岁幼儿（托大班，或最小幼儿满24个月的混合编班）", en: "Every class takes 2–3-year-olds (an older-toddler class, or a mixed class whose youngest child is 24 months or older)" },
  references: [REF.inclusiveProviders, REF.bengbu8],
  parameters: [MIN_AGE],
  test(ctx) {
    const classes = ctx.snapshot.classes;
    if (classes == null) return unknown({ classes: null }, ["classes"]);
    const minAge = numberParam(ctx, MIN_AGE);
    const missing: string[] = [];
    const other: number[] = [];
    const younger: number[] = [];
    for (let i = 0; i < classes.length; i++) {
      const { type, youngestAgeMonths } = classes[i];
      if (type == null) missing.push(`classes[${i}].type`);
      else if (type === "mixed") {
        if (minAge === undefined) missing.push(`parameters.${MIN_AGE}`);
        else if (youngestAgeMonths == null) missing.push(`classes[${i}].youngestAgeMonths`);
        else if (youngestAgeMonths < minAge) younger.push(i + 1);
      } else if (type !== "older_toddler") other.push(i + 1);
    }
    if (other.length || younger.length) {
      const zh: string[] = [];
      const en: string[] = [];
      if (other.length) {
        zh.push(`第${other.join("、")}班不是托大班或混合编班；幼儿园托班招收2—3岁幼儿`);
        en.push(`Class ${other.join(", ")} is not an older-toddler or mixed class; kindergarten classes take 2–3-year-olds`);
      }
      if (younger.length) {
        zh.push(`第${younger.join("、")}班为混合编班且收有不满 ${minAge} 个月的幼儿，不属于2—3岁托班`);
        en.push(`Class ${younger.join(", ")} is a mixed class with children under ${minAge} months, not a 2–3-year-old class`);
      }
      return { result: "unmet", facts: { classes: classes.length, otherClasses: other, youngerMixedClasses: younger }, fix: { zh: zh.join("；"), en: en.join("; ") } };
    }
    if (missing.length) return unknown({ classes: classes.length }, missing);
    return { result: "met", facts: { classes: classes.length } };
  },
};

export const kindergartenInclusiveToddlerClass: MeasureDefinition = {
  id: "kindergarten.inclusive_toddler_class",
  title: { zh: "托幼一体 普惠托班", en: "Inclusive kindergarten toddler class" },
  legalBasis: [REF.inclusiveProviders, REF.alar15, REF.bengbu8],
  monetary: false,
  inForce: { parameter: "measure.kindergarten.inclusive_toddler_class.enabled", when: "flag" },
  subject,
  tree: { kind: "all", id: "all", children: [ownership, classAges] },
};
