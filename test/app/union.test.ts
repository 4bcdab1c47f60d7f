// Employer-run childcare for trade unions (issue [7/7]): the operator's programme profile, the union
// officer's scoped directory with the `employer.union_support` determination, nominations for
// 全国爱心托育用人单位 through their steps, nomination papers, union grants with totals, the XLSX export,
// the public directory's employer-run facts — and the boundaries: union officers out of scope, operators
// on union actions, union officers on staff pages and the overview, bad input refused with nothing changed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, like } from "drizzle-orm";
import ExcelJS from "exceljs";
import { auditEvents, documents, facilities, staffMembers, unionGrants, unionNominations } from "../../db/schema";
import type { Actor } from "../../app/auth/session.server";
import { login } from "../../app/services/users.server";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "../../app/services/errors";
import { createFacility, listDocuments, readDocument, removeDocument, saveProgrammeProfile, updateFacility } from "../../app/services/facilities.server";
import { acceptFiling, cancelFiling, submitFiling } from "../../app/services/filing.server";
import {
  attachNominationDocument,
  decideNomination,
  grantTotals,
  nominateProgramme,
  programmeDetail,
  programmeForOperator,
  publicProgrammes,
  recordGrant,
  unionDirectory,
  unionExport,
} from "../../app/services/union.server";
import { grantSchema, nominationSchema, yuanToFen } from "../../app/services/union.schemas";
import * as unionHome from "../../app/routes/union._index";
import * as programmePage from "../../app/routes/union.programmes.$facilityId";
import * as exportRoute from "../../app/routes/union_.export[.]xlsx";
import * as operatorProgramme from "../../app/routes/operator.facilities.$facilityId.programme";
import * as operatorOverview from "../../app/routes/operator.facilities.$facilityId._index";
import * as staffList from "../../app/routes/operator.facilities.$facilityId.staff._index";
import * as staffMember from "../../app/routes/operator.facilities.$facilityId.staff.$staffId";
import * as reviewFiling from "../../app/routes/review.filings.$filingId";
import * as reviewOverview from "../../app/routes/review.overview";
import * as documentRoute from "../../app/routes/documents.$documentId";
import * as directoryList from "../../app/routes/directory._index";
import * as directoryDetail from "../../app/routes/directory.$facilityId";
import { todayInShanghai } from "../../app/utils/format";
import { addDays } from "../../rules/engine/dates";
import { createTestDb, DB_KINDS, type TestDb } from "../db/harness";
import { actorFor, browserRequest, makeOrganisation, makeUser, PASSWORD } from "./fixtures";
import { completeFacility, pdf, storage } from "./filing-fixtures";
import { args, closeAppDbQuietly, routeRequest, statusOf, useAsAppDb } from "./route-helpers";

const EMPLOYER = "怀远示例新材料股份有限公司";
const EMPLOYER_USCC = "91320594670131819W";
const BAD_CHECK_USCC = "91320594670131819X";
const THIS_YEAR = Number(todayInShanghai().slice(0, 4));

const FACILITY_FIELDS = {
  address: "怀远县经济开发区 8 号",
  jurisdictionCode: "340321",
  serviceTypes: ["full_day", "half_day"],
  totalSlots: "60",
  openedOn: "2025-03-01",
  mealsProvided: "false",
  premisesTenure: "owned",
};

const GOOD_PROFILE = {
  employerName: EMPLOYER,
  employerUscc: EMPLOYER_USCC.toLowerCase(),
  employerParkName: "怀远经济开发区",
  employerMainlyForOwnEmployees: "true",
  employerOpenToOtherEmployers: "false",
  employerOpenToResidents: "false",
  employerReservedSlots: "40",
  employerContactName: "王工会",
  employerContactPhone: "0552-8888123",
};

const GRANT = { programmeName: "全总用人单位托育服务项目补助", year: String(THIS_YEAR), amount: "10000", matching: "10,000.50", grantedOn: todayInShanghai(), reference: "皖工发〔2026〕12号" };

describe("union schemas", () => {
  it("turn yuan into fen and refuse minus signs, three decimals and words", () => {
    expect(yuanToFen("10000")).toBe(1_000_000);
    expect(yuanToFen("1,500.5")).toBe(150_050);
    expect(yuanToFen("0.01")).toBe(1);
    expect(yuanToFen("")).toBeUndefined();
    for (const bad of ["-5", "1.234", "十元", "1e5"]) expect(yuanToFen(bad)).toBeNaN();
  });
  it("refuse impossible years, amounts out of range and future dates, field by field", () => {
    const nomination = nominationSchema.safeParse({ year: "2021" });
    expect(nomination.success).toBe(false);
    expect(nomination.error?.issues[0]?.message).toMatch(/^union\.validation\.year\|/);
    expect(nominationSchema.safeParse({ year: String(THIS_YEAR + 1) }).success).toBe(true);
    expect(nominationSchema.safeParse({ year: String(THIS_YEAR + 2) }).success).toBe(false);
    expect(grantSchema.safeParse({ ...GRANT, amount: "10000000" }).success).toBe(true);
    for (const [field, value] of [
      ["amount", "10000000.01"],
      ["amount", "0"],
      ["amount", "-100"],
      ["matching", "-1"],
      ["year", "1999"],
      ["year", "20x6"],
      ["grantedOn", "2026-02-30"],
      ["grantedOn", addDays(todayInShanghai(), 1)],
      ["reference", " "],
    ] as const) {
      const parsed = grantSchema.safeParse({ ...GRANT, [field]: value });
      expect(parsed.success, `${field}=${value}`).toBe(false);
      expect(parsed.error?.issues.map((i) => i.path.join("."))).toEqual([field]);
    }
  });
});

describe.each(DB_KINDS)("employer-run programmes and union work on %s", (kind) => {
  let t: TestDb;
  const sessions: Record<string, string> = {};
  const actors: Record<string, Actor> = {};
  let programmeId: string;
  let standaloneId: string;
  let draftId: string;
  let filingId: string;
  let nominationId: string;
  let paperId: string;

  const get = (path: string, who?: string) => routeRequest(path, { sessionId: who ? sessions[who] : undefined });
  const post = (path: string, who: string, form: Record<string, string>) => routeRequest(path, { sessionId: sessions[who], form });
  const auditCount = async (action: string) => (await t.db.select().from(auditEvents).where(eq(auditEvents.action, action))).length;
  const fieldErrors = async (run: () => Promise<unknown>) => {
    const error: unknown = await run().then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).fieldErrors;
  };

  beforeAll(async () => {
    t = await createTestDb(kind);
    await useAsAppDb(t);
    const org = await makeOrganisation(t.db, "340321", "怀远县禾苗托育服务有限公司");
    const other = await makeOrganisation(t.db, "340321", "别家托育");
    await makeUser(t.db, { username: "op", roles: ["operator"], organisationId: org });
    await makeUser(t.db, { username: "op2", roles: ["operator"], organisationId: other });
    await makeUser(t.db, { username: "hy", roles: ["reviewer"], jurisdictionCode: "340321" });
    await makeUser(t.db, { username: "bbu", roles: ["union_officer"], jurisdictionCode: "340300" });
    await makeUser(t.db, { username: "hyu", roles: ["union_officer"], jurisdictionCode: "340321" });
    await makeUser(t.db, { username: "whu", roles: ["union_officer"], jurisdictionCode: "340322" });
    await makeUser(t.db, { username: "alu", roles: ["union_officer"], jurisdictionCode: "659002" });
    for (const name of ["op", "op2", "hy", "bbu", "hyu", "whu", "alu"]) {
      const r = await login(t.db, browserRequest(), { username: name, password: PASSWORD });
      if (!r.ok) throw new Error(name);
      sessions[name] = r.sessionId;
      actors[name] = await actorFor(t.db, r.sessionId);
    }
    const op = actors.op as Actor;
    // a complete 怀远县 facility, made employer-run for its own staff, then filed
    programmeId = await completeFacility(t.db, op, "示例新材料职工托育园");
    await updateFacility(t.db, op, programmeId, {
      ...FACILITY_FIELDS,
      name: "示例新材料职工托育园",
      kind: "employer_run",
      employerName: EMPLOYER,
      employerMainlyForOwnEmployees: "true",
      employerOpenToOtherEmployers: "false",
    });
    filingId = await submitFiling(t.db, op, programmeId, {});
    await acceptFiling(t.db, actors.hy as Actor, filingId);
    // a filed standalone facility, and an employer-run draft nobody has submitted
    standaloneId = await completeFacility(t.db, op, "禾苗托育中心");
    await acceptFiling(t.db, actors.hy as Actor, await submitFiling(t.db, op, standaloneId, {}));
    draftId = await createFacility(t.db, op, { ...FACILITY_FIELDS, name: "草稿职工托育点", kind: "employer_run", employerName: "草稿单位" });
  }, 240_000);
  afterAll(async () => {
    await closeAppDbQuietly();
    await t.close();
  });

  // ---- profile ---------------------------------------------------------------------------------------

  it("the operator saves the programme profile (USCC upper-cased), audited with the changed fields", async () => {
    await saveProgrammeProfile(t.db, actors.op as Actor, programmeId, GOOD_PROFILE);
    const [f] = await t.db.select().from(facilities).where(eq(facilities.id, programmeId));
    expect(f).toMatchObject({ employerUscc: EMPLOYER_USCC, employerParkName: "怀远经济开发区", employerReservedSlots: 40, employerOpenToResidents: false, employerContactPhone: "0552-8888123" });
    const [row] = await t.db.select().from(auditEvents).where(and(eq(auditEvents.action, "programme.profile_updated"), eq(auditEvents.entityId, programmeId)));
    expect(row?.after).toMatchObject({ employerUscc: EMPLOYER_USCC, employerReservedSlots: 40 });
    expect(row?.before).toMatchObject({ employerUscc: null });
    // through the page too
    const res = await operatorProgramme.action(args(post(`/operator/facilities/${programmeId}/programme`, "op", { ...GOOD_PROFILE, employerContactName: "李工会" }), { facilityId: programmeId }));
    expect(res instanceof Response && res.status).toBe(302);
    expect(await statusOf(() => operatorProgramme.loader(args(get(`/operator/facilities/${programmeId}/programme`, "op"), { facilityId: programmeId })))).toBe(200);
    const overview = (await operatorOverview.loader(args(get(`/operator/facilities/${programmeId}`, "op"), { facilityId: programmeId }))) as { programme: { employerName: string; contactName: string } | null; facilityKind: string };
    expect(overview.programme).toMatchObject({ employerName: EMPLOYER, contactName: "李工会" });
    expect(overview.facilityKind).toBe("employer_run");
  });

  it("a bad USCC check character, reserved slots above the total and a bad phone are refused field by field; nothing changes", async () => {
    const before = await t.db.select().from(facilities).where(eq(facilities.id, programmeId));
    const audits = await auditCount("programme.profile_updated");
    expect(await fieldErrors(() => saveProgrammeProfile(t.db, actors.op as Actor, programmeId, { ...GOOD_PROFILE, employerUscc: BAD_CHECK_USCC }))).toEqual({ employerUscc: "union.validation.usccCheck" });
    expect(await fieldErrors(() => saveProgrammeProfile(t.db, actors.op as Actor, programmeId, { ...GOOD_PROFILE, employerUscc: "9132059467013181" }))).toEqual({ employerUscc: "union.validation.usccShape" });
    expect(await fieldErrors(() => saveProgrammeProfile(t.db, actors.op as Actor, programmeId, { ...GOOD_PROFILE, employerReservedSlots: "61" }))).toEqual({ employerReservedSlots: "union.validation.reservedAboveSlots" });
    expect(await fieldErrors(() => saveProgrammeProfile(t.db, actors.op as Actor, programmeId, { ...GOOD_PROFILE, employerReservedSlots: "-1", employerContactPhone: "call me" }))).toEqual({
      employerReservedSlots: "union.validation.slots",
      employerContactPhone: "union.validation.phone",
    });
    const res = await operatorProgramme.action(args(post(`/operator/facilities/${programmeId}/programme`, "op", { ...GOOD_PROFILE, employerUscc: BAD_CHECK_USCC }), { facilityId: programmeId }));
    expect(await statusOf(() => res)).toBe(400);
    expect(JSON.stringify(res)).toContain("union.validation.usccCheck");
    expect(await t.db.select().from(facilities).where(eq(facilities.id, programmeId))).toEqual(before);
    expect(await auditCount("programme.profile_updated")).toBe(audits);
  });

  it("only the own operator edits the profile, only of an employer-run facility, and not while a change is under review", async () => {
    await expect(saveProgrammeProfile(t.db, actors.op2 as Actor, programmeId, GOOD_PROFILE)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(saveProgrammeProfile(t.db, actors.bbu as Actor, programmeId, GOOD_PROFILE)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(saveProgrammeProfile(t.db, actors.hy as Actor, programmeId, GOOD_PROFILE)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(saveProgrammeProfile(t.db, actors.op as Actor, standaloneId, GOOD_PROFILE)).rejects.toMatchObject({ messageKey: "union.profile.notEmployerRun" });
    for (const who of ["op2", "bbu", "hy"]) {
      expect(await statusOf(() => operatorProgramme.loader(args(get(`/operator/facilities/${programmeId}/programme`, who), { facilityId: programmeId }))), who).toBe(403);
      expect(await statusOf(() => operatorProgramme.action(args(post(`/operator/facilities/${programmeId}/programme`, who, GOOD_PROFILE), { facilityId: programmeId }))), who).toBe(403);
    }
    // locked while a change filing is under review (the working copy's rule)
    const change = await submitFiling(t.db, actors.op as Actor, programmeId, {});
    await expect(saveProgrammeProfile(t.db, actors.op as Actor, programmeId, GOOD_PROFILE)).rejects.toMatchObject({ messageKey: "filing.facility.notEditable" });
    await acceptFiling(t.db, actors.hy as Actor, change);
    // a facility that stops being employer-run loses the programme profile
    await updateFacility(t.db, actors.op as Actor, draftId, { ...FACILITY_FIELDS, name: "草稿职工托育点", kind: "employer_run", employerName: "草稿单位" });
    await saveProgrammeProfile(t.db, actors.op as Actor, draftId, { ...GOOD_PROFILE, employerName: "草稿单位" });
    await updateFacility(t.db, actors.op as Actor, draftId, { ...FACILITY_FIELDS, name: "草稿职工托育点", kind: "standalone" });
    const [cleared] = await t.db.select().from(facilities).where(eq(facilities.id, draftId));
    expect(cleared).toMatchObject({ employerName: null, employerUscc: null, employerParkName: null, employerReservedSlots: null, employerContactPhone: null });
    await updateFacility(t.db, actors.op as Actor, draftId, { ...FACILITY_FIELDS, name: "草稿职工托育点", kind: "employer_run", employerName: "草稿单位" });
  });

  // ---- directory -------------------------------------------------------------------------------------

  it("the union officer finds the programme by employer name with its facts and an eligible determination; drafts and other kinds stay out", async () => {
    const { rows, total } = await unionDirectory(t.db, actors.bbu as Actor, { q: "新材料", page: 1, pageSize: 30 });
    expect(total).toBe(1);
    expect(rows[0]).toMatchObject({
      facilityId: programmeId,
      employerName: EMPLOYER,
      parkName: "怀远经济开发区",
      mainlyForOwnEmployees: true,
      reservedSlots: 40,
      totalSlots: 60,
      filingState: "filed",
      inclusive: "none",
      determination: "eligible",
      awardedYears: [],
      grantCount: 0,
    });
    const all = await unionDirectory(t.db, actors.hyu as Actor, { page: 1, pageSize: 30 });
    expect(all.rows.map((r) => r.facilityId)).toEqual([programmeId]);
    expect((await unionDirectory(t.db, actors.bbu as Actor, { q: "不存在的单位", page: 1, pageSize: 30 })).total).toBe(0);
    expect((await unionDirectory(t.db, actors.bbu as Actor, { openness: "own_only", page: 1, pageSize: 30 })).total).toBe(1);
    expect((await unionDirectory(t.db, actors.bbu as Actor, { openness: "residents", page: 1, pageSize: 30 })).total).toBe(0);
    expect((await unionDirectory(t.db, actors.bbu as Actor, { inclusive: "no", page: 1, pageSize: 30 })).total).toBe(1);
    expect((await unionDirectory(t.db, actors.bbu as Actor, { inclusive: "yes", page: 1, pageSize: 30 })).total).toBe(0);
    expect((await unionDirectory(t.db, actors.bbu as Actor, { county: "340322", page: 1, pageSize: 30 })).total).toBe(0);
    expect((await unionDirectory(t.db, actors.bbu as Actor, { county: "340321", page: 1, pageSize: 30 })).total).toBe(1);
    // the page: 200 for union officers, with the search applied
    const page = (await unionHome.loader(args(get(`/union?q=${encodeURIComponent("示例新材料")}`, "bbu")))) as { rows: Array<{ facilityId: string }>; exportHref: string };
    expect(page.rows.map((r) => r.facilityId)).toEqual([programmeId]);
    expect(page.exportHref).toContain("/union/export.xlsx?q=");
  });

  it("union officers of other places see nothing of it, in the list, by a guessed id or in the export", async () => {
    for (const who of ["whu", "alu"]) {
      expect((await unionDirectory(t.db, actors[who] as Actor, { page: 1, pageSize: 30 })).total, who).toBe(0);
      await expect(programmeDetail(t.db, actors[who] as Actor, programmeId)).rejects.toBeInstanceOf(ForbiddenError);
      expect(await statusOf(() => programmePage.loader(args(get(`/union/programmes/${programmeId}`, who), { facilityId: programmeId }))), who).toBe(403);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load((await unionExport(t.db, actors[who] as Actor, {}, "zh-CN")) as never);
      expect(workbook.worksheets[0]?.rowCount, who).toBe(1);
    }
    // not employer-run, or never submitted: not a programme
    await expect(programmeDetail(t.db, actors.bbu as Actor, standaloneId)).rejects.toBeInstanceOf(NotFoundError);
    await expect(programmeDetail(t.db, actors.bbu as Actor, draftId)).rejects.toBeInstanceOf(NotFoundError);
    expect(await statusOf(() => programmePage.loader(args(get("/union/programmes/not-a-uuid", "bbu"), { facilityId: "not-a-uuid" })))).toBe(404);
  });

  it("operators and reviewers are refused on every union route", async () => {
    for (const who of ["op", "op2", "hy"]) {
      expect(await statusOf(() => unionHome.loader(args(get("/union", who)))), who).toBe(403);
      expect(await statusOf(() => exportRoute.loader(args(get("/union/export.xlsx", who)))), who).toBe(403);
      expect(await statusOf(() => programmePage.loader(args(get(`/union/programmes/${programmeId}`, who), { facilityId: programmeId }))), who).toBe(403);
      for (const form of [
        { intent: "nominate", year: String(THIS_YEAR) },
        { intent: "grant", ...GRANT },
      ]) {
        expect(await statusOf(() => programmePage.action(args(post(`/union/programmes/${programmeId}`, who, form), { facilityId: programmeId }))), `${who} ${form.intent}`).toBe(403);
      }
      await expect(unionDirectory(t.db, actors[who] as Actor, { page: 1, pageSize: 30 })).rejects.toBeInstanceOf(ForbiddenError);
      await expect(nominateProgramme(t.db, actors[who] as Actor, programmeId, { year: THIS_YEAR })).rejects.toBeInstanceOf(ForbiddenError);
      await expect(recordGrant(t.db, actors[who] as Actor, programmeId, GRANT)).rejects.toBeInstanceOf(ForbiddenError);
    }
    expect(await statusOf(() => unionHome.loader(args(get("/union"))))).toBe(302);
    expect(await t.db.select().from(unionNominations)).toHaveLength(0);
    expect(await t.db.select().from(unionGrants)).toHaveLength(0);
  });

  // ---- nominations -----------------------------------------------------------------------------------

  it("impossible and taken years are refused with the allowed range; an ineligible programme is not nominated", async () => {
    for (const year of ["2021", String(THIS_YEAR + 2), "2100", "abcd", ""]) {
      const errors = await fieldErrors(() => nominateProgramme(t.db, actors.bbu as Actor, programmeId, { year }));
      expect(Object.keys(errors), year).toEqual(["year"]);
    }
    const res = await programmePage.action(args(post(`/union/programmes/${programmeId}`, "bbu", { intent: "nominate", year: "2019" }), { facilityId: programmeId }));
    expect(await statusOf(() => res)).toBe(400);
    expect(JSON.stringify(res)).toContain(`union.validation.year|{\\"min\\":2022,\\"max\\":${THIS_YEAR + 1}}`);
    expect(JSON.stringify(res)).toContain('"intent":"nominate"');
    // not mainly for its own staff → the rules say ineligible → refused
    await saveProgrammeProfile(t.db, actors.op as Actor, programmeId, { ...GOOD_PROFILE, employerMainlyForOwnEmployees: "false" });
    await expect(nominateProgramme(t.db, actors.bbu as Actor, programmeId, { year: THIS_YEAR })).rejects.toMatchObject({ messageKey: "union.nomination.notEligible" });
    await saveProgrammeProfile(t.db, actors.op as Actor, programmeId, GOOD_PROFILE);
    expect(await t.db.select().from(unionNominations)).toHaveLength(0);
  });

  it("a union officer in scope nominates the programme for a year, audited with the determination behind it; a second one for that year is refused", async () => {
    const res = await programmePage.action(args(post(`/union/programmes/${programmeId}`, "hyu", { intent: "nominate", year: String(THIS_YEAR), notes: "县总工会推荐" }), { facilityId: programmeId }));
    expect(res instanceof Response && res.status).toBe(302);
    const [n] = await t.db.select().from(unionNominations).where(eq(unionNominations.facilityId, programmeId));
    if (!n) throw new Error("no nomination");
    nominationId = n.id;
    expect(n).toMatchObject({ year: THIS_YEAR, status: "nominated", notes: "县总工会推荐", nominatedBy: actors.hyu?.userId });
    const [audit] = await t.db.select().from(auditEvents).where(eq(auditEvents.action, "union_nomination.created"));
    expect(audit).toMatchObject({ entityId: nominationId, jurisdictionCode: "340321", actorLabel: "hyu" });
    expect(audit?.after).toMatchObject({ year: THIS_YEAR, decision: { measure: "employer.union_support", status: "eligible" } });
    expect(await fieldErrors(() => nominateProgramme(t.db, actors.bbu as Actor, programmeId, { year: String(THIS_YEAR) }))).toEqual({ year: "union.nomination.yearTaken" });
    await expect(nominateProgramme(t.db, actors.whu as Actor, programmeId, { year: THIS_YEAR - 1 })).rejects.toBeInstanceOf(ForbiddenError);
    expect(await t.db.select().from(unionNominations)).toHaveLength(1);
  });

  it("a nomination goes nominated → recommended → awarded; skipping or reversing a step, future dates and a decision before the recommendation are refused", async () => {
    const today = todayInShanghai();
    await expect(decideNomination(t.db, actors.bbu as Actor, nominationId, { status: "awarded", on: today })).rejects.toMatchObject({ messageKey: "union.nomination.badTransition" });
    expect(await fieldErrors(() => decideNomination(t.db, actors.bbu as Actor, nominationId, { status: "recommended", on: addDays(today, 1) }))).toEqual({ on: "union.validation.futureDate" });
    expect(await fieldErrors(() => decideNomination(t.db, actors.bbu as Actor, nominationId, { status: "rejected", on: today }))).toEqual({ status: "union.validation.choice" });
    await expect(decideNomination(t.db, actors.op as Actor, nominationId, { status: "recommended", on: today })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(decideNomination(t.db, actors.whu as Actor, nominationId, { status: "recommended", on: today })).rejects.toBeInstanceOf(ForbiddenError);
    expect(await statusOf(() => programmePage.action(args(post(`/union/programmes/${programmeId}`, "op", { intent: "decide", nominationId, status: "recommended", on: today }), { facilityId: programmeId })))).toBe(403);
    const [unchanged] = await t.db.select().from(unionNominations).where(eq(unionNominations.id, nominationId));
    expect(unchanged?.status).toBe("nominated");

    const res = await programmePage.action(args(post(`/union/programmes/${programmeId}`, "bbu", { intent: "decide", nominationId, status: "recommended", on: today, notes: "省总工会推荐上报" }), { facilityId: programmeId }));
    expect(res instanceof Response && res.status).toBe(302);
    expect(await fieldErrors(() => decideNomination(t.db, actors.bbu as Actor, nominationId, { status: "awarded", on: addDays(today, -1) }))).toEqual({ on: "union.validation.beforeRecommended" });
    const bad = await programmePage.action(args(post(`/union/programmes/${programmeId}`, "bbu", { intent: "decide", nominationId, status: "awarded", on: "2026-02-30" }), { facilityId: programmeId }));
    expect(await statusOf(() => bad)).toBe(400);
    expect(JSON.stringify(bad)).toContain(`"intent":"decide:${nominationId}"`);
    await decideNomination(t.db, actors.bbu as Actor, nominationId, { status: "awarded", on: today, notes: "全国总工会公布" });
    await expect(decideNomination(t.db, actors.bbu as Actor, nominationId, { status: "not_awarded", on: today })).rejects.toBeInstanceOf(ConflictError);
    const [n] = await t.db.select().from(unionNominations).where(eq(unionNominations.id, nominationId));
    expect(n).toMatchObject({ status: "awarded", recommendedOn: today, decidedOn: today });
    expect(n?.notes).toContain("省总工会推荐上报");
    expect(n?.notes).toContain("全国总工会公布");
    expect(await auditCount("union_nomination.recommended")).toBe(1);
    expect(await auditCount("union_nomination.awarded")).toBe(1);
    // a unit awarded once is marked as such, for the union and in public
    const { rows } = await unionDirectory(t.db, actors.bbu as Actor, { awarded: "yes", page: 1, pageSize: 30 });
    expect(rows[0]).toMatchObject({ facilityId: programmeId, awardedYears: [THIS_YEAR] });
    expect((await unionDirectory(t.db, actors.bbu as Actor, { awarded: "no", page: 1, pageSize: 30 })).total).toBe(0);
    expect((await publicProgrammes(t.db, [programmeId]))[programmeId]?.awardedYears).toEqual([THIS_YEAR]);
    // a not-awarded ending straight from nominated is allowed too
    const other = await nominateProgramme(t.db, actors.bbu as Actor, programmeId, { year: THIS_YEAR - 1 });
    await decideNomination(t.db, actors.bbu as Actor, other, { status: "not_awarded", on: today });
    const detail = await programmeDetail(t.db, actors.bbu as Actor, programmeId);
    expect(detail.nominations.map((x) => [x.year, x.status, x.next])).toEqual([
      [THIS_YEAR, "awarded", []],
      [THIS_YEAR - 1, "not_awarded", []],
    ]);
    expect(detail.awardedYears).toEqual([THIS_YEAR]);
  });

  it("nomination papers are stored, listed with the nomination and served only to union officers in scope", async () => {
    paperId = await attachNominationDocument(t.db, actors.bbu as Actor, nominationId, pdf("申报表"), storage);
    const [doc] = await t.db.select().from(documents).where(eq(documents.id, paperId));
    expect(doc).toMatchObject({ kind: "nomination_document", facilityId: programmeId, mimeType: "application/pdf" });
    const [n] = await t.db.select().from(unionNominations).where(eq(unionNominations.id, nominationId));
    expect(n?.documentIds).toEqual([paperId]);
    expect(await auditCount("union_nomination.document_attached")).toBe(1);
    expect((await programmeDetail(t.db, actors.bbu as Actor, programmeId)).nominations[0]?.documents.map((d) => d.id)).toEqual([paperId]);
    // bad files and the wrong people are refused
    expect(await fieldErrors(() => attachNominationDocument(t.db, actors.bbu as Actor, nominationId, { bytes: new TextEncoder().encode("plain text"), name: "x.pdf" }, storage))).toEqual({ file: "filing.upload.badType" });
    await expect(attachNominationDocument(t.db, actors.op as Actor, nominationId, pdf("x"), storage)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(attachNominationDocument(t.db, actors.whu as Actor, nominationId, pdf("x"), storage)).rejects.toBeInstanceOf(ForbiddenError);
    // served to union officers in scope; not to the operator, a reviewer or another county's union officer
    expect((await readDocument(t.db, actors.hyu as Actor, paperId, storage)).doc.id).toBe(paperId);
    for (const who of ["op", "hy", "whu", "alu"]) await expect(readDocument(t.db, actors[who] as Actor, paperId, storage), who).rejects.toBeInstanceOf(ForbiddenError);
    expect(await statusOf(() => documentRoute.loader(args(get(`/documents/${paperId}`, "op"), { documentId: paperId })))).toBe(403);
    expect(await statusOf(() => documentRoute.loader(args(get(`/documents/${paperId}`, "whu"), { documentId: paperId })))).toBe(403);
    // the union's papers are not the operator's documents: not listed, not removable
    expect((await listDocuments(t.db, programmeId)).map((d) => d.kind)).not.toContain("nomination_document");
    await expect(removeDocument(t.db, actors.op as Actor, programmeId, paperId)).rejects.toBeInstanceOf(NotFoundError);
    // a union officer reads none of the operator's own proofs
    const [proof] = await listDocuments(t.db, programmeId);
    if (!proof) throw new Error("no proof");
    await expect(readDocument(t.db, actors.bbu as Actor, proof.id, storage)).rejects.toBeInstanceOf(ForbiddenError);
    expect(await statusOf(() => documentRoute.loader(args(get(`/documents/${proof.id}`, "bbu"), { documentId: proof.id })))).toBe(403);
  });

  it("a paper upload through the page answers with its nomination's intent", async () => {
    const upload = (file: Blob, name: string) => {
      const body = new FormData();
      body.set("file", file, name);
      return new Request(`http://localhost:3000/union/programmes/${programmeId}?nomination=${nominationId}`, {
        method: "POST",
        body,
        headers: { cookie: `tuoyu_session=${sessions.bbu}`, "x-tuoyu-client-ip": "203.0.113.9", "user-agent": "vitest" },
      });
    };
    const bad = await programmePage.action(args(upload(new Blob(["not a pdf"]), "a.pdf"), { facilityId: programmeId }));
    expect(await statusOf(() => bad)).toBe(400);
    expect(JSON.stringify(bad)).toContain(`"intent":"document:${nominationId}"`);
    const res = await programmePage.action(args(upload(new Blob([pdf("通知").bytes as BlobPart], { type: "application/pdf" }), "获评通知.pdf"), { facilityId: programmeId }));
    expect(res instanceof Response && res.status).toBe(302);
    const [n] = await t.db.select().from(unionNominations).where(eq(unionNominations.id, nominationId));
    expect(n?.documentIds).toHaveLength(2);
  });

  // ---- grants ----------------------------------------------------------------------------------------

  it("negative or out-of-range amounts, impossible years and dates, and a missing reference are refused with field messages; nothing is recorded", async () => {
    const cases: Array<[Record<string, string>, string, string]> = [
      [{ amount: "-10000" }, "amount", "union.validation.amount"],
      [{ amount: "0" }, "amount", "union.validation.amount"],
      [{ amount: "10000000.01" }, "amount", "union.validation.amount"],
      [{ matching: "-1" }, "matching", "union.validation.matching"],
      [{ year: "1999" }, "year", `union.validation.year|{"min":2000,"max":${THIS_YEAR + 1}}`],
      [{ year: String(THIS_YEAR + 2) }, "year", `union.validation.year|{"min":2000,"max":${THIS_YEAR + 1}}`],
      [{ grantedOn: "2026-02-30" }, "grantedOn", "union.validation.date"],
      [{ grantedOn: addDays(todayInShanghai(), 1) }, "grantedOn", "union.validation.futureDate"],
      [{ reference: "" }, "reference", "validation.required"],
      [{ programmeName: "" }, "programmeName", "validation.required"],
    ];
    for (const [change, field, message] of cases) {
      expect(await fieldErrors(() => recordGrant(t.db, actors.bbu as Actor, programmeId, { ...GRANT, ...change })), JSON.stringify(change)).toEqual({ [field]: message });
    }
    const res = await programmePage.action(args(post(`/union/programmes/${programmeId}`, "bbu", { intent: "grant", ...GRANT, amount: "-5" }), { facilityId: programmeId }));
    expect(await statusOf(() => res)).toBe(400);
    expect(JSON.stringify(res)).toContain("union.validation.amount");
    expect(JSON.stringify(res)).toContain('"intent":"grant"');
    await expect(recordGrant(t.db, actors.whu as Actor, programmeId, GRANT)).rejects.toBeInstanceOf(ForbiddenError);
    expect(await t.db.select().from(unionGrants)).toHaveLength(0);
    expect(await auditCount("union_grant.recorded")).toBe(0);
  });

  it("a 1万 元 project grant is recorded in fen, audited, totalled by year and county, and shown to the operator read-only", async () => {
    const res = await programmePage.action(args(post(`/union/programmes/${programmeId}`, "bbu", { intent: "grant", ...GRANT }), { facilityId: programmeId }));
    expect(res instanceof Response && res.status).toBe(302);
    await recordGrant(t.db, actors.hyu as Actor, programmeId, { ...GRANT, programmeName: "省总工会托育补助", year: String(THIS_YEAR - 1), amount: "50000", matching: "" });
    const grants = await t.db.select().from(unionGrants).where(eq(unionGrants.facilityId, programmeId));
    expect(grants.map((g) => [g.year, g.amountFen, g.matchingFen]).sort()).toEqual([
      [THIS_YEAR, 1_000_000, 1_000_050],
      [THIS_YEAR - 1, 5_000_000, 0],
    ].sort());
    const [audit] = await t.db.select().from(auditEvents).where(and(eq(auditEvents.action, "union_grant.recorded"), eq(auditEvents.actorLabel, "bbu")));
    expect(audit?.after).toMatchObject({ amountFen: 1_000_000, matchingFen: 1_000_050, reference: GRANT.reference, facilityId: programmeId });
    expect(audit?.jurisdictionCode).toBe("340321");
    const totals = await grantTotals(t.db, actors.bbu as Actor);
    expect(totals.total).toEqual({ count: 2, amountFen: 6_000_000, matchingFen: 1_000_050 });
    expect(totals.byYear.map((r) => [r.year, r.count, r.amountFen])).toEqual([
      [THIS_YEAR, 1, 1_000_000],
      [THIS_YEAR - 1, 1, 5_000_000],
    ]);
    expect(totals.byCounty).toEqual([{ code: "340321", nameZh: "怀远县", nameEn: expect.any(String) as string, count: 2, amountFen: 6_000_000, matchingFen: 1_000_050 }]);
    expect(totals).toMatchObject({ programmes: 1, awarded: 1 });
    expect((await grantTotals(t.db, actors.whu as Actor)).total.count).toBe(0);
    // the operator sees its grants and nomination statuses (not the union's notes or papers)
    const mine = await programmeForOperator(t.db, actors.op as Actor, programmeId);
    expect(mine.grants.map((g) => g.amountFen).sort()).toEqual([1_000_000, 5_000_000]);
    expect(mine.nominations[0]).toEqual({ id: nominationId, year: THIS_YEAR, status: "awarded", recommendedOn: todayInShanghai(), decidedOn: todayInShanghai() });
    expect(mine.awardedYears).toEqual([THIS_YEAR]);
    await expect(programmeForOperator(t.db, actors.op2 as Actor, programmeId)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(programmeForOperator(t.db, actors.bbu as Actor, programmeId)).rejects.toBeInstanceOf(ForbiddenError);
    const page = (await operatorProgramme.loader(args(get(`/operator/facilities/${programmeId}/programme`, "op"), { facilityId: programmeId }))) as { grants: unknown[] };
    expect(page.grants).toHaveLength(2);
    expect(JSON.stringify(page)).not.toContain("省总工会推荐上报");
  });

  // ---- export and public directory ---------------------------------------------------------------------

  it("the XLSX export lists the filtered programmes with their determination, honour and grants — without the contact person", async () => {
    const res = await exportRoute.loader(args(get("/union/export.xlsx?q=%E6%96%B0%E6%9D%90%E6%96%99", "bbu")));
    expect(res instanceof Response && res.status).toBe(200);
    const response = res as Response;
    expect(response.headers.get("content-type")).toContain("spreadsheetml");
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="union-programmes-\d{4}-\d{2}-\d{2}\.xlsx"$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await response.arrayBuffer()) as never);
    const sheet = workbook.worksheets[0];
    if (!sheet) throw new Error("no sheet");
    expect(sheet.rowCount).toBe(2);
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header).toContain("举办单位");
    expect(header).toContain("工会支持政策判定");
    const row = (sheet.getRow(2).values as unknown[]).slice(1);
    expect(row).toContain(EMPLOYER);
    expect(row).toContain(EMPLOYER_USCC);
    expect(row).toContain("符合");
    expect(row).toContain(`全国爱心托育用人单位（${THIS_YEAR}年）`);
    expect(row).toContain(60_000);
    const text = JSON.stringify(row);
    expect(text).not.toContain("0552-8888123");
    expect(text).not.toContain("王工会");
    // in English for an English user
    const en = await unionExport(t.db, actors.bbu as Actor, {}, "en");
    const enBook = new ExcelJS.Workbook();
    await enBook.xlsx.load(en as never);
    expect((enBook.worksheets[0]?.getRow(1).values as unknown[]).slice(1)).toContain("Employer");
    // a filter that matches nothing gives the header only
    const none = new ExcelJS.Workbook();
    await none.xlsx.load((await unionExport(t.db, actors.bbu as Actor, { awarded: "no" }, "zh-CN")) as never);
    expect(none.worksheets[0]?.rowCount).toBe(1);
  });

  it("the public directory lists it under employer-run with employer, park and honour — no contact person, phone or USCC", async () => {
    const list = (await directoryList.loader(args(get("/directory?kind=employer_run")))) as { rows: Array<{ facilityId: string }>; programmes: Record<string, { employerName: string }> };
    expect(list.rows.map((r) => r.facilityId)).toEqual([programmeId]);
    expect(list.programmes[programmeId]?.employerName).toBe(EMPLOYER);
    const detail = await directoryDetail.loader(args(get(`/directory/${programmeId}`), { facilityId: programmeId }));
    expect(detail).toMatchObject({ programme: { employerName: EMPLOYER, parkName: "怀远经济开发区", mainlyForOwnEmployees: true, reservedSlots: 40, awardedYears: [THIS_YEAR] } });
    const text = JSON.stringify(detail);
    for (const secret of ["0552-8888123", "王工会", "李工会", EMPLOYER_USCC, "县总工会推荐", "project", "amountFen\":1000000"]) expect(text, secret).not.toContain(secret);
    // a standalone facility's page has no programme facts
    expect(await directoryDetail.loader(args(get(`/directory/${standaloneId}`), { facilityId: standaloneId }))).toMatchObject({ programme: null });
    expect(await publicProgrammes(t.db, [standaloneId, draftId, "nonsense"])).toEqual({});
  });

  // ---- what union officers never see -----------------------------------------------------------------

  it("union officers are refused on the staff roster, a staff member, the filing review and the overview drill-down", async () => {
    const [staffRow] = await t.db.select({ id: staffMembers.id }).from(staffMembers).where(eq(staffMembers.facilityId, programmeId)).limit(1);
    const staffId = staffRow?.id ?? "";
    expect(staffId).not.toBe("");
    for (const who of ["bbu", "hyu"]) {
      expect(await statusOf(() => staffList.loader(args(get(`/operator/facilities/${programmeId}/staff`, who), { facilityId: programmeId }))), who).toBe(403);
      expect(await statusOf(() => staffMember.loader(args(get(`/operator/facilities/${programmeId}/staff/${staffId}`, who), { facilityId: programmeId, staffId }))), who).toBe(403);
      expect(await statusOf(() => reviewFiling.loader(args(get(`/review/filings/${filingId}`, who), { filingId }))), who).toBe(403);
      expect(await statusOf(() => reviewOverview.loader(args(get("/review/overview?measure=employer.union_support&status=eligible", who)))), who).toBe(403);
      expect(await statusOf(() => reviewOverview.loader(args(get("/review/overview?format=xlsx", who)))), who).toBe(403);
      expect(await statusOf(() => operatorOverview.loader(args(get(`/operator/facilities/${programmeId}`, who), { facilityId: programmeId }))), who).toBe(403);
    }
    // and the union's own pages carry no staff data: no names, no ID numbers
    const page = await programmePage.loader(args(get(`/union/programmes/${programmeId}`, "bbu"), { facilityId: programmeId }));
    const text = JSON.stringify(page);
    expect(text).not.toMatch(/员工\d/);
    expect(text).not.toMatch(/3403211990/);
    expect(text).not.toContain("idNumber");
    // nor any audit row of an ID number viewed by them
    expect(await t.db.select().from(auditEvents).where(and(like(auditEvents.action, "staff.%"), eq(auditEvents.actorLabel, "bbu")))).toHaveLength(0);
  });

  it(`two officers nominating the same year at once get one nomination, and two recording the same step one step${kind === "pglite" ? " (PGlite serialises them; the race itself is exercised on PostgreSQL)" : ""}`, async () => {
    const year = THIS_YEAR + 1;
    const results = await Promise.allSettled([
      nominateProgramme(t.db, actors.bbu as Actor, programmeId, { year }),
      nominateProgramme(t.db, actors.hyu as Actor, programmeId, { year }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((r) => r.status === "rejected");
    expect(refused?.status === "rejected" && refused.reason).toBeInstanceOf(ValidationError);
    expect(refused?.status === "rejected" && (refused.reason as ValidationError).fieldErrors).toEqual({ year: "union.nomination.yearTaken" });
    const rows = await t.db.select().from(unionNominations).where(and(eq(unionNominations.facilityId, programmeId), eq(unionNominations.year, year)));
    expect(rows).toHaveLength(1);
    const id = rows[0]?.id ?? "";
    const steps = await Promise.allSettled([
      decideNomination(t.db, actors.bbu as Actor, id, { status: "recommended", on: todayInShanghai() }),
      decideNomination(t.db, actors.hyu as Actor, id, { status: "recommended", on: todayInShanghai() }),
    ]);
    expect(steps.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const lost = steps.find((r) => r.status === "rejected");
    expect(lost?.status === "rejected" && lost.reason).toBeInstanceOf(ConflictError);
    expect(await t.db.select().from(auditEvents).where(and(eq(auditEvents.action, "union_nomination.recommended"), eq(auditEvents.entityId, id)))).toHaveLength(1);
  });

  it("a cancelled facility takes no new grant", async () => {
    const other = await completeFacility(t.db, actors.op as Actor, "将注销的职工托育点");
    await updateFacility(t.db, actors.op as Actor, other, { ...FACILITY_FIELDS, name: "将注销的职工托育点", kind: "employer_run", employerName: "另一单位", employerMainlyForOwnEmployees: "true" });
    await acceptFiling(t.db, actors.hy as Actor, await submitFiling(t.db, actors.op as Actor, other, {}));
    await cancelFiling(t.db, actors.op as Actor, other, { reason: "停止办托" });
    await expect(recordGrant(t.db, actors.bbu as Actor, other, GRANT)).rejects.toMatchObject({ messageKey: "union.grant.cancelled" });
    await expect(nominateProgramme(t.db, actors.bbu as Actor, other, { year: THIS_YEAR })).rejects.toMatchObject({ messageKey: "union.nomination.notEligible" });
    // still listed for the union, with its filing state
    const { rows } = await unionDirectory(t.db, actors.bbu as Actor, { q: "另一单位", page: 1, pageSize: 30 });
    expect(rows[0]).toMatchObject({ filingState: "cancelled", determination: "ineligible" });
  });
});
