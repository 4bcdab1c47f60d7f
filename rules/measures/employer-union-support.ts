// 10. employer.union_support — 用人单位办托 工会支持. National (ACFTU programmes: 全国爱心托育用人单位 since
// 2022; 2025 project grants), named by 蚌埠 B§6.
//
// details: { programmes: [{ id, title, amountFen, basis?, reference }] } — amounts are the parameters in force;
// `basis` says what the caring-employer amount is (the ACFTU's share in 2022, a per-unit minimum from 2023).

import type { LeafDefinition, MeasureDefinition } from "../engine/measure";
import { REF } from "../parameters/references";
import { filingFiled, numberParam, unknown } from "./common";

const subject: LeafDefinition = {
  kind: "leaf",
  id: "subject.employer_run",
  title: { zh: "用人单位（含产业园区、机关企事业单位）举办的托育机构", en: "A facility run by an employer (or industrial park, public body)" },
  references: [REF.bengbu6, REF.caringEmployer],
  parameters: [],
  test(ctx) {
    const kind = ctx.snapshot.facility.kind;
    if (kind == null) return unknown({ kind: null }, ["facility.kind"]);
    if (kind === "employer_run") return { result: "met", facts: { kind } };
    return { result: "unmet", facts: { kind }, fix: { zh: "本措施仅适用于用人单位举办的托育机构", en: "This measure concerns employer-run facilities only" } };
  },
};

const ownStaff: LeafDefinition = {
  kind: "leaf",
  id: "employer.mainly_own_staff",
  title: { zh: "主要为本单位职工的3岁以下子女提供托育服务", en: "Mainly for the employer's own staff's children under 3" },
  references: [REF.caringEmployer, REF.bengbu6],
  parameters: [],
  test(ctx) {
    const employer = ctx.snapshot.facility.employer;
    const value = employer?.mainlyForOwnEmployees;
    if (value == null) return unknown({ mainlyForOwnEmployees: null }, [employer == null ? "facility.employer" : "facility.employer.mainlyForOwnEmployees"]);
    if (value) return { result: "met", facts: { mainlyForOwnEmployees: true, openToOtherEmployers: employer?.openToOtherEmployers ?? null } };
    return { result: "unmet", facts: { mainlyForOwnEmployees: false }, fix: { zh: "需主要面向本单位职工子女", en: "The facility must serve mainly the employer's own staff's children" } };
  },
};

const fullOrHalfDay: LeafDefinition = {
  kind: "leaf",
  id: "services.full_or_half_day",
  title: { zh: "提供全日托或半日托服务", en: "Offers full-day or half-day care" },
  references: [REF.caringEmployer],
  parameters: [],
  test(ctx) {
    const types = ctx.snapshot.facility.serviceTypes;
    if (types == null) return unknown({ serviceTypes: null }, ["facility.serviceTypes"]);
    if (types.includes("full_day") || types.includes("half_day")) return { result: "met", facts: { serviceTypes: types } };
    return { result: "unmet", facts: { serviceTypes: types }, fix: { zh: "需提供全日托或半日托服务（仅计时托、临时托不符合）", en: "Full-day or half-day care is required (hourly or temporary care alone does not qualify)" } };
  },
};

export const employerUnionSupport: MeasureDefinition = {
  id: "employer.union_support",
  title: { zh: "用人单位办托 工会支持", en: "Union support for employer-run childcare" },
  legalBasis: [REF.caringEmployer, REF.caringEmployer2023, REF.projectGrant, REF.bengbu6],
  monetary: false,
  inForce: { parameter: "measure.employer.union_support.enabled", when: "flag" },
  subject,
  tree: { kind: "all", id: "all", children: [ownStaff, fullOrHalfDay, filingFiled] },
  parameters: ["union.caring_employer_acftu_award_fen", "union.caring_employer_min_award_fen", "union.project_grant_fen"],
  outcome(ctx) {
    const programmes = [];
    // Two bases: 2022 states the ACFTU's own share (the province adds ≥ 1:1); from 2023 a minimum per unit.
    const acftu = numberParam(ctx, "union.caring_employer_acftu_award_fen");
    const minimum = numberParam(ctx, "union.caring_employer_min_award_fen");
    const title = { zh: "全国爱心托育用人单位", en: "National caring-childcare employer" };
    if (acftu !== undefined) {
      programmes.push({ id: "national_caring_employer", title, amountFen: acftu, basis: "acftu_share_before_provincial_matching", reference: REF.caringEmployer });
    } else if (minimum !== undefined) {
      programmes.push({ id: "national_caring_employer", title, amountFen: minimum, basis: "minimum_per_unit", reference: REF.caringEmployer2023 });
    }
    const grant = numberParam(ctx, "union.project_grant_fen");
    if (grant !== undefined) {
      programmes.push({ id: "union_project_grant", title: { zh: "全总用人单位托育服务项目补助", en: "ACFTU employer childcare project grant" }, amountFen: grant, reference: REF.projectGrant });
    }
    return { amountFen: null, details: { programmes } };
  },
};
