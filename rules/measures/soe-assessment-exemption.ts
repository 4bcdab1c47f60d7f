// 8. soe.assessment_exemption — 国有企业运营托育机构，7年内营收不纳入企业领导班子考核. In force in 阿拉尔 (A§16).
//
// details: { endsOn } — the day before the `soe.exemption_years` anniversary of `openedOn`.

import { addDays, addYears } from "../engine/dates";
import type { LeafDefinition, MeasureDefinition } from "../engine/measure";
import { REF } from "../parameters/references";
import { numberParam, unknown } from "./common";

const subject: LeafDefinition = {
  kind: "leaf",
  id: "subject.state_owned_enterprise",
  title: { zh: "国有企业举办的托育机构", en: "A facility run by a state-owned enterprise" },
  references: [REF.alar16],
  parameters: [],
  test(ctx) {
    const ownership = ctx.snapshot.operator.ownership;
    if (ownership == null) return unknown({ ownership: null }, ["operator.ownership"]);
    if (ownership === "state_owned_enterprise") return { result: "met", facts: { ownership } };
    return { result: "unmet", facts: { ownership }, fix: { zh: "本措施仅适用于国有企业举办的托育机构", en: "This measure concerns facilities run by state-owned enterprises only" } };
  },
};

const withinYears: LeafDefinition = {
  kind: "leaf",
  id: "soe.within_years",
  title: { zh: "开办未满7年", en: "Within 7 years of opening" },
  references: [REF.alar16],
  parameters: ["soe.exemption_years"],
  test(ctx) {
    const opened = ctx.snapshot.facility.openedOn;
    const years = numberParam(ctx, "soe.exemption_years");
    const missing: string[] = [];
    if (opened == null) missing.push("facility.openedOn");
    if (years === undefined) missing.push("parameters.soe.exemption_years");
    if (opened == null || years === undefined) return unknown({ openedOn: opened ?? null }, missing);
    const endsOn = addDays(addYears(opened, years), -1);
    const facts = { openedOn: opened, years, endsOn };
    if (ctx.date <= endsOn) return { result: "met", facts };
    return { result: "unmet", facts, fix: { zh: `${years} 年免考核期已于 ${endsOn} 结束`, en: `The ${years}-year exemption ended on ${endsOn}` } };
  },
};

export const soeAssessmentExemption: MeasureDefinition = {
  id: "soe.assessment_exemption",
  title: { zh: "国企办托营收七年内不纳入领导班子考核", en: "SOE childcare revenue kept out of leadership assessment for 7 years" },
  legalBasis: [REF.alar16],
  monetary: false,
  inForce: { parameter: "measure.soe.assessment_exemption.enabled", when: "flag" },
  subject,
  tree: { kind: "all", id: "all", children: [withinYears] },
  outcome(ctx) {
    const opened = ctx.snapshot.facility.openedOn;
    const years = numberParam(ctx, "soe.exemption_years");
    return { amountFen: null, details: { endsOn: opened != null && years !== undefined ? addDays(addYears(opened, years), -1) : null } };
  },
};
