// Monthly enrolment reports (issue #7 part 3): one report per facility and month (the database says so),
// versions draft → submitted → approved | returned, an amendment after approval as a new version that
// needs approval again, impossible numbers refused with field errors and nothing changed, data breaking
// a standard accepted, scope and roles on every action, and the operator's and reviewer's pages.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { auditEvents, enrolmentReports, enrolmentReportVersions, facilities } from "../../db/schema";
import type { Actor } from "../../app/auth/session.server";
import { login } from "../../app/services/users.server";
import { ConflictError, ForbiddenError, ValidationError } from "../../app/services/errors";
import { acceptFiling, submitFiling } from "../../app/services/filing.server";
import { saveClass } from "../../app/services/facilities.server";
import {
  approveEnrolment,
  currentPeriod,
  defaultPeriod,
  enrolmentQueue,
  enrolmentReportFor,
  enrolmentReportsOf,
  returnEnrolment,
  saveEnrolmentDraft,
  submitEnrolment,
} from "../../app/services/enrolment.server";
import * as operatorRoute from "../../app/routes/operator.facilities.$facilityId.enrolment";
import * as reviewRoute from "../../app/routes/review.enrolment";
import { todayInShanghai } from "../../app/utils/format";
import { createTestDb, DB_KINDS, type TestDb } from "../db/harness";
import { actorFor, browserRequest, makeOrganisation, makeUser, PASSWORD } from "./fixtures";
import { completeFacility } from "./filing-fixtures";
import { args, closeAppDbQuietly, routeRequest, statusOf, useAsAppDb } from "./route-helpers";

// The facility's classes (filing-fixtures): 托小班 capacity 15, 托大班 capacity 20; 60 slots in total.
const REPORT = { fullDayToddler: "12", fullDayOlderToddler: "18", otherToddler: "2", daysOpen: "20", note: "" };
const TODAY = "2026-06-15";

describe("periods", () => {
  it("the default month is last month, or the filing month when the facility was filed this month", () => {
    expect(currentPeriod("2026-01-05")).toBe("2026-01");
    expect(defaultPeriod({ filedOn: "2025-03-01" }, "2026-01-05")).toBe("2025-12");
    expect(defaultPeriod({ filedOn: "2026-01-02" }, "2026-01-05")).toBe("2026-01");
    expect(defaultPeriod({ filedOn: null }, "2026-03-31")).toBe("2026-02");
  });
});

describe.each(DB_KINDS)("enrolment reports on %s", (kind) => {
  let t: TestDb;
  let operator: Actor;
  let stranger: Actor;
  let reviewer: Actor;
  let cityReviewer: Actor;
  let outsider: Actor;
  let facilityId: string;
  let kindergartenId: string;
  let unfiledId: string;
  const sessions: Record<string, string> = {};
  const counts = async () => ({
    reports: (await t.db.select({ n: sql<number>`count(*)::int` }).from(enrolmentReports))[0]?.n ?? 0,
    versions: (await t.db.select({ n: sql<number>`count(*)::int` }).from(enrolmentReportVersions))[0]?.n ?? 0,
    audit: (await t.db.select({ n: sql<number>`count(*)::int` }).from(auditEvents))[0]?.n ?? 0,
  });
  const versionsOf = async (facility: string, period: string) =>
    (await enrolmentReportFor(t.db, operator, facility, period))?.versions.map((v) => [v.version, v.status]).sort() ?? [];

  beforeAll(async () => {
    t = await createTestDb(kind);
    await useAsAppDb(t);
    const org = await makeOrganisation(t.db, "340321", "怀远县禾苗托育服务有限公司");
    const other = await makeOrganisation(t.db, "340321", "别家");
    await makeUser(t.db, { username: "op", roles: ["operator"], organisationId: org });
    await makeUser(t.db, { username: "op2", roles: ["operator"], organisationId: other });
    await makeUser(t.db, { username: "hy", roles: ["reviewer"], jurisdictionCode: "340321" });
    await makeUser(t.db, { username: "bb", roles: ["reviewer"], jurisdictionCode: "340300" });
    await makeUser(t.db, { username: "wh", roles: ["reviewer"], jurisdictionCode: "340322" });
    for (const name of ["op", "op2", "hy", "bb", "wh"]) {
      const r = await login(t.db, browserRequest(), { username: name, password: PASSWORD });
      if (!r.ok) throw new Error(name);
      sessions[name] = r.sessionId;
    }
    operator = await actorFor(t.db, sessions.op ?? "");
    stranger = await actorFor(t.db, sessions.op2 ?? "");
    reviewer = await actorFor(t.db, sessions.hy ?? "");
    cityReviewer = await actorFor(t.db, sessions.bb ?? "");
    outsider = await actorFor(t.db, sessions.wh ?? "");
    facilityId = await completeFacility(t.db, operator);
    await acceptFiling(t.db, reviewer, await submitFiling(t.db, operator, facilityId, {}));
    kindergartenId = await completeFacility(t.db, operator, "实验幼儿园托班");
    await acceptFiling(t.db, reviewer, await submitFiling(t.db, operator, kindergartenId, {}));
    unfiledId = await completeFacility(t.db, operator, "未备案托育点");
    // filed in early 2026, so that earlier months of the year can be reported
    await t.db.update(facilities).set({ filedOn: "2026-01-20" }).where(eq(facilities.id, facilityId));
    await t.db.update(facilities).set({ filedOn: "2026-01-20", kind: "kindergarten_class", kindergartenOwnership: "public" }).where(eq(facilities.id, kindergartenId));
  }, 240_000);
  afterAll(async () => {
    await closeAppDbQuietly();
    await t.close();
  });

  it("the operator saves a draft: the month's report and version 1, audited", async () => {
    const before = await counts();
    const saved = await saveEnrolmentDraft(t.db, operator, facilityId, "2026-02", REPORT, TODAY);
    expect(saved).toMatchObject({ version: 1, amendment: false });
    const [version] = await t.db.select().from(enrolmentReportVersions).where(eq(enrolmentReportVersions.id, saved.versionId));
    expect(version).toMatchObject({ status: "draft", fullDayToddler: 12, fullDayOlderToddler: 18, otherToddler: 2, fullDayInfant: 0, daysOpen: 20, note: null, createdBy: operator.userId });
    expect(await counts()).toEqual({ reports: before.reports + 1, versions: before.versions + 1, audit: before.audit + 1 });
    // saving again edits the same draft
    const again = await saveEnrolmentDraft(t.db, operator, facilityId, "2026-02", { ...REPORT, daysOpen: "19", note: "春节" }, TODAY);
    expect(again.versionId).toBe(saved.versionId);
    expect(await counts()).toEqual({ reports: before.reports + 1, versions: before.versions + 1, audit: before.audit + 2 });
    const [event] = await t.db.select().from(auditEvents).where(and(eq(auditEvents.action, "enrolment.draft_saved"), eq(auditEvents.entityId, saved.versionId)));
    expect(event?.before).toMatchObject({ daysOpen: 20, note: null });
    expect(event?.after).toMatchObject({ daysOpen: 19, note: "春节" });
  });

  it("the database holds one report per facility and month", async () => {
    await expect(t.db.insert(enrolmentReports).values({ facilityId, period: "2026-02" })).rejects.toThrow();
    const [report] = await t.db.select().from(enrolmentReports).where(and(eq(enrolmentReports.facilityId, facilityId), eq(enrolmentReports.period, "2026-02")));
    // and at most one version being worked on at a time
    await expect(t.db.insert(enrolmentReportVersions).values({ reportId: report?.id ?? "", version: 2, status: "draft", daysOpen: 1, createdBy: operator.userId })).rejects.toThrow();
  });

  it("concurrent first saves of one month make one report and one version", async () => {
    const before = await counts();
    const results = await Promise.all([1, 2, 3].map((i) => saveEnrolmentDraft(t.db, operator, facilityId, "2026-03", { ...REPORT, daysOpen: String(20 + i) }, TODAY)));
    expect(new Set(results.map((r) => r.reportId)).size).toBe(1);
    expect(new Set(results.map((r) => r.versionId)).size).toBe(1);
    expect(await counts()).toMatchObject({ reports: before.reports + 1, versions: before.versions + 1, audit: before.audit + 3 });
  });

  it("refuses impossible numbers with field errors and changes nothing; a report breaking a standard is accepted", async () => {
    const before = await counts();
    const cases: Array<[string, Record<string, string>, string, string]> = [
      ["2026-04", { fullDayToddler: "-1" }, "fullDayToddler", "subsidy.enrolment.errors.count"],
      ["2026-04", { otherMixed: "1.5" }, "otherMixed", "subsidy.enrolment.errors.count"],
      ["2026-04", { fullDayToddler: "16" }, "fullDayToddler", 'subsidy.enrolment.errors.aboveCapacity|{"capacity":15}'],
      ["2026-04", { fullDayInfant: "1" }, "fullDayInfant", "subsidy.enrolment.errors.noClassOfType"],
      ["2026-04", { kindergartenClassChildren: "3" }, "kindergartenClassChildren", "subsidy.enrolment.errors.notKindergarten"],
      ["2026-04", { daysOpen: "31" }, "daysOpen", 'subsidy.enrolment.errors.daysInMonth|{"days":30}'],
      ["2026-02", { daysOpen: "29" }, "daysOpen", 'subsidy.enrolment.errors.daysInMonth|{"days":28}'],
      ["2026-04", { daysOpen: "" }, "daysOpen", "subsidy.enrolment.errors.daysOpen"],
      ["2026-04", { daysOpen: "32" }, "daysOpen", "subsidy.enrolment.errors.daysOpen"],
      ["2026-04", { note: "备".repeat(501) }, "note", "subsidy.errors.tooLong"],
      ["2026-13", {}, "period", "subsidy.enrolment.errors.period"],
      ["2026-07", {}, "period", "subsidy.enrolment.errors.future"],
      ["2025-12", {}, "period", 'subsidy.enrolment.errors.beforeFiling|{"month":"2026-01"}'],
    ];
    for (const [period, overrides, field, key] of cases) {
      const error = await saveEnrolmentDraft(t.db, operator, facilityId, period, { ...REPORT, ...overrides }, TODAY).catch((e: unknown) => e);
      expect(error, `${period} ${JSON.stringify(overrides)}`).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).fieldErrors[field], `${period} ${JSON.stringify(overrides)}`).toBe(key);
    }
    // more full-day children than slots (slots lowered behind the services' back, as a filed copy could be)
    await t.db.update(facilities).set({ totalSlots: 25 }).where(eq(facilities.id, facilityId));
    await expect(saveEnrolmentDraft(t.db, operator, facilityId, "2026-04", REPORT, TODAY)).rejects.toMatchObject({
      fieldErrors: { fullDayTotal: 'subsidy.enrolment.errors.aboveSlots|{"slots":25,"children":30}' },
    });
    await t.db.update(facilities).set({ totalSlots: 60 }).where(eq(facilities.id, facilityId));
    expect(await counts()).toEqual(before);
    // a 混合班 of 19 breaks the national maximum of 18 but fits the declared capacity: accepted
    await saveClass(t.db, operator, facilityId, null, { type: "mixed", capacity: "20", enrolled: "19", caregivers: "3" });
    await expect(saveEnrolmentDraft(t.db, operator, facilityId, "2026-04", { ...REPORT, fullDayMixed: "19" }, TODAY)).resolves.toMatchObject({ version: 1 });
  });

  it("refuses other organisations, reviewers acting as operators, and an unfiled facility, changing nothing", async () => {
    const before = await counts();
    await expect(saveEnrolmentDraft(t.db, stranger, facilityId, "2026-05", REPORT, TODAY)).rejects.toMatchObject({ status: 403 });
    await expect(saveEnrolmentDraft(t.db, reviewer, facilityId, "2026-05", REPORT, TODAY)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(submitEnrolment(t.db, stranger, facilityId, "2026-02", TODAY)).rejects.toMatchObject({ status: 403 });
    await expect(saveEnrolmentDraft(t.db, operator, unfiledId, "2026-05", REPORT, TODAY)).rejects.toMatchObject({ messageKey: "subsidy.enrolment.errors.notFiled" });
    await expect(enrolmentReportsOf(t.db, stranger, facilityId)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(enrolmentReportsOf(t.db, outsider, facilityId)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(enrolmentQueue(t.db, operator)).rejects.toBeInstanceOf(ForbiddenError);
    expect(await counts()).toEqual(before);
  });

  it("a report is submitted only once its month has ended", async () => {
    await saveEnrolmentDraft(t.db, operator, facilityId, "2026-06", REPORT, TODAY);
    await expect(submitEnrolment(t.db, operator, facilityId, "2026-06", TODAY)).rejects.toMatchObject({ messageKey: "subsidy.enrolment.errors.monthNotEnded" });
    await expect(submitEnrolment(t.db, operator, facilityId, "2026-05", TODAY)).rejects.toMatchObject({ messageKey: "subsidy.enrolment.errors.nothingToSubmit" });
    expect(await versionsOf(facilityId, "2026-06")).toEqual([[1, "draft"]]);
    // on the first day of the next month it can go
    await expect(submitEnrolment(t.db, operator, facilityId, "2026-06", "2026-07-01")).resolves.toEqual(expect.any(String));
  });

  it("approval: editable only until approved; an amendment is a new version, the approved one stays in force until it is approved", async () => {
    const v1 = await submitEnrolment(t.db, operator, facilityId, "2026-02", TODAY);
    // submitted: not editable
    await expect(saveEnrolmentDraft(t.db, operator, facilityId, "2026-02", REPORT, TODAY)).rejects.toMatchObject({ messageKey: "subsidy.enrolment.errors.notEditable" });
    // reviewers outside the county, and operators, cannot decide; nothing changes
    const before = await counts();
    await expect(approveEnrolment(t.db, outsider, v1)).rejects.toMatchObject({ status: 403, reason: "scope" });
    await expect(approveEnrolment(t.db, operator, v1)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(returnEnrolment(t.db, outsider, v1, { reason: "x" })).rejects.toMatchObject({ status: 403 });
    await expect(approveEnrolment(t.db, reviewer, "not-a-uuid")).rejects.toMatchObject({ status: 404 });
    expect(await enrolmentQueue(t.db, outsider)).toMatchObject({ entries: [], total: 0, hasMore: false });
    expect(await counts()).toEqual(before);

    const queue = await enrolmentQueue(t.db, reviewer);
    // oldest submission first
    expect(queue.entries.map((e) => e.period)).toEqual(["2026-06", "2026-02"]);
    // the count covers the same scope as the list, page by page
    expect(queue.total).toBe(2);
    expect(await enrolmentQueue(t.db, cityReviewer, { page: 2, pageSize: 1 })).toMatchObject({ total: 2, hasMore: false, entries: [{ period: "2026-02" }] });
    const entry = queue.entries.find((e) => e.versionId === v1);
    expect(entry).toMatchObject({ facilityName: "禾苗托育中心", organisationName: "怀远县禾苗托育服务有限公司", version: 1, amendment: false, fullDayChildren: 30, changes: [] });

    await approveEnrolment(t.db, reviewer, v1);
    await expect(approveEnrolment(t.db, reviewer, v1)).rejects.toBeInstanceOf(ConflictError);
    const [report] = await t.db.select().from(enrolmentReports).where(and(eq(enrolmentReports.facilityId, facilityId), eq(enrolmentReports.period, "2026-02")));
    expect(report).toMatchObject({ approvedVersion: 1, approvedFullDayChildren: 30 });
    expect(report?.approvedAt).toBeInstanceOf(Date);

    // after approval, saving starts version 2 (an amendment); version 1 stays approved and in force
    const amendment = await saveEnrolmentDraft(t.db, operator, facilityId, "2026-02", { ...REPORT, fullDayToddler: "14", daysOpen: "18" }, TODAY);
    expect(amendment).toMatchObject({ version: 2, amendment: true });
    expect(await versionsOf(facilityId, "2026-02")).toEqual([
      [1, "approved"],
      [2, "draft"],
    ]);
    const v2 = await submitEnrolment(t.db, operator, facilityId, "2026-02", TODAY);
    const amended = (await enrolmentQueue(t.db, cityReviewer)).entries.find((e) => e.versionId === v2);
    expect(amended).toMatchObject({ amendment: true, approvedVersion: 1, version: 2, fullDayChildren: 32 });
    expect(amended?.changes).toEqual([
      { field: "fullDayToddler", before: 12, after: 14 },
      { field: "daysOpen", before: 19, after: 18 },
    ]);
    // a city-level reviewer may decide on a county's facility
    await approveEnrolment(t.db, cityReviewer, v2);
    expect(await versionsOf(facilityId, "2026-02")).toEqual([
      [1, "superseded"],
      [2, "approved"],
    ]);
    const [after] = await t.db.select().from(enrolmentReports).where(eq(enrolmentReports.id, report?.id ?? ""));
    expect(after).toMatchObject({ approvedVersion: 2, approvedFullDayChildren: 32 });
    const events = await t.db.select().from(auditEvents).where(eq(auditEvents.action, "enrolment.approved")).orderBy(auditEvents.id);
    expect(events).toHaveLength(2);
    expect(events[1]?.before).toMatchObject({ approvedVersion: 1, approvedFullDayChildren: 30 });
    expect(events[1]?.after).toMatchObject({ approvedVersion: 2, approvedFullDayChildren: 32 });
  });

  it("returned: the reason is required; the operator corrects and resubmits the same version", async () => {
    const v1 = await submitEnrolment(t.db, operator, facilityId, "2026-03", TODAY);
    const before = await counts();
    await expect(returnEnrolment(t.db, reviewer, v1, { reason: "  " })).rejects.toMatchObject({ fieldErrors: { reason: "subsidy.errors.required" } });
    expect(await counts()).toEqual(before);
    await returnEnrolment(t.db, reviewer, v1, { reason: "托大班人数与考勤表不符" });
    await expect(returnEnrolment(t.db, reviewer, v1, { reason: "again" })).rejects.toBeInstanceOf(ConflictError);
    const [returned] = await t.db.select().from(enrolmentReportVersions).where(eq(enrolmentReportVersions.id, v1));
    expect(returned).toMatchObject({ status: "returned", returnReason: "托大班人数与考勤表不符", decidedBy: reviewer.userId });
    expect(await counts()).toEqual({ ...before, audit: before.audit + 1 });
    // editable again, then resubmitted as the same version
    const edited = await saveEnrolmentDraft(t.db, operator, facilityId, "2026-03", { ...REPORT, fullDayOlderToddler: "17" }, TODAY);
    expect(edited.versionId).toBe(v1);
    expect(await submitEnrolment(t.db, operator, facilityId, "2026-03", TODAY)).toBe(v1);
    const queued = (await enrolmentQueue(t.db, reviewer)).entries.find((e) => e.versionId === v1);
    expect(queued).toMatchObject({ previousReturnReason: "托大班人数与考勤表不符", amendment: false });
    await approveEnrolment(t.db, reviewer, v1);
    const [report] = await t.db.select().from(enrolmentReports).where(and(eq(enrolmentReports.facilityId, facilityId), eq(enrolmentReports.period, "2026-03")));
    expect(report).toMatchObject({ approvedVersion: 1, approvedFullDayChildren: 29 });
  });

  it("a submit re-checks the numbers against today's classes", async () => {
    await saveEnrolmentDraft(t.db, operator, facilityId, "2026-05", { ...REPORT, fullDayMixed: "19" }, TODAY);
    // the mixed class shrinks after the draft was saved
    await t.db.execute(sql`UPDATE facility_classes SET capacity = 18, enrolled = 10 WHERE facility_id = ${facilityId} AND type = 'mixed'`);
    const error = await submitEnrolment(t.db, operator, facilityId, "2026-05", TODAY).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).formError).toBe("subsidy.enrolment.errors.fixBeforeSubmit");
    expect((error as ValidationError).fieldErrors.fullDayMixed).toBe('subsidy.enrolment.errors.aboveCapacity|{"capacity":18}');
    expect(await versionsOf(facilityId, "2026-05")).toEqual([[1, "draft"]]);
  });

  it("a kindergarten's toddler class reports its full-day children in one field, and the approval counts them", async () => {
    const before = await counts();
    await expect(saveEnrolmentDraft(t.db, operator, kindergartenId, "2026-04", { ...REPORT }, TODAY)).rejects.toMatchObject({
      fieldErrors: { fullDayToddler: "subsidy.enrolment.errors.kindergartenFullDay", fullDayOlderToddler: "subsidy.enrolment.errors.kindergartenFullDay" },
    });
    // above all its classes' capacity (15 + 20)
    await expect(saveEnrolmentDraft(t.db, operator, kindergartenId, "2026-04", { kindergartenClassChildren: "36", daysOpen: "20" }, TODAY)).rejects.toMatchObject({
      fieldErrors: { kindergartenClassChildren: 'subsidy.enrolment.errors.aboveCapacity|{"capacity":35}' },
    });
    expect(await counts()).toEqual(before);
    await saveEnrolmentDraft(t.db, operator, kindergartenId, "2026-04", { kindergartenClassChildren: "28", otherOlderToddler: "3", daysOpen: "21" }, TODAY);
    const versionId = await submitEnrolment(t.db, operator, kindergartenId, "2026-04", TODAY);
    await approveEnrolment(t.db, reviewer, versionId);
    const [report] = await t.db.select().from(enrolmentReports).where(and(eq(enrolmentReports.facilityId, kindergartenId), eq(enrolmentReports.period, "2026-04")));
    expect(report).toMatchObject({ approvedVersion: 1, approvedFullDayChildren: 28 });
  });

  it("a report carries the children meeting the county's attendance minimum (optional), never more than the full-day children", async () => {
    const before = await counts();
    await expect(saveEnrolmentDraft(t.db, operator, kindergartenId, "2026-05", { kindergartenClassChildren: "20", fullDayAttending: "21", daysOpen: "21" }, TODAY)).rejects.toMatchObject({
      fieldErrors: { fullDayAttending: 'subsidy.enrolment.errors.attendingAboveFullDay|{"children":20}' },
    });
    await expect(saveEnrolmentDraft(t.db, operator, kindergartenId, "2026-05", { kindergartenClassChildren: "20", fullDayAttending: "-1", daysOpen: "21" }, TODAY)).rejects.toMatchObject({
      fieldErrors: { fullDayAttending: "subsidy.enrolment.errors.count" },
    });
    expect(await counts()).toEqual(before);
    // blank: not reported (a whole-month or pro-rata county does not need it)
    const saved = await saveEnrolmentDraft(t.db, operator, kindergartenId, "2026-05", { kindergartenClassChildren: "20", fullDayAttending: "", daysOpen: "21" }, TODAY);
    const [blank] = await t.db.select().from(enrolmentReportVersions).where(eq(enrolmentReportVersions.id, saved.versionId));
    expect(blank?.fullDayAttending).toBeNull();
    await saveEnrolmentDraft(t.db, operator, kindergartenId, "2026-05", { kindergartenClassChildren: "20", fullDayAttending: "17", daysOpen: "21" }, TODAY);
    const versionId = await submitEnrolment(t.db, operator, kindergartenId, "2026-05", TODAY);
    await approveEnrolment(t.db, reviewer, versionId);
    const [report] = await t.db.select().from(enrolmentReports).where(and(eq(enrolmentReports.facilityId, kindergartenId), eq(enrolmentReports.period, "2026-05")));
    expect(report).toMatchObject({ approvedFullDayChildren: 20, approvedFullDayAttending: 17 });
  });

  it("the operator's page: its own facility only; save and submit through the form; bad input a 400 with nothing changed", async () => {
    const path = `/operator/facilities/${facilityId}/enrolment`;
    const get = (session: string, query = "") => routeRequest(`${path}${query}`, { sessionId: sessions[session] });
    const post = (session: string, form: Record<string, string>) => routeRequest(path, { sessionId: sessions[session], form });
    expect(await statusOf(() => operatorRoute.loader(args(get("op"), { facilityId })))).toBe(200);
    expect(await statusOf(() => operatorRoute.loader(args(get("op2"), { facilityId })))).toBe(403);
    expect(await statusOf(() => operatorRoute.loader(args(get("hy"), { facilityId })))).toBe(403);
    const page = (await operatorRoute.loader(args(get("op", "?period=2026-02"), { facilityId }))) as {
      period: string;
      report: { approvedVersion: number; versions: Array<{ version: number; status: string }> };
      reports: unknown[];
      capacity: { byType: Record<string, number> };
    };
    expect(page.period).toBe("2026-02");
    expect(page.report.approvedVersion).toBe(2);
    expect(page.report.versions.map((v) => v.status)).toEqual(["approved", "superseded"]);
    expect(page.reports.length).toBeGreaterThanOrEqual(4);
    expect(page.capacity.byType).toMatchObject({ toddler: 15, older_toddler: 20, mixed: 18, infant: 0 });
    const future = (await operatorRoute.loader(args(get("op", "?period=2099-01"), { facilityId }))) as { period: string; periodError: string };
    expect(future.periodError).toBe("subsidy.enrolment.errors.future");

    const before = await counts();
    expect(await statusOf(() => operatorRoute.action(args(post("op2", { ...REPORT, period: "2026-01" }), { facilityId })))).toBe(403);
    expect(await statusOf(() => operatorRoute.action(args(post("hy", { ...REPORT, period: "2026-01" }), { facilityId })))).toBe(403);
    const bad = await operatorRoute.action(args(post("op", { ...REPORT, fullDayToddler: "99", period: "2026-01" }), { facilityId }));
    expect(await statusOf(() => bad)).toBe(400);
    expect(JSON.stringify(bad)).toContain("subsidy.enrolment.errors.aboveCapacity");
    expect(await counts()).toEqual(before);

    const saved = await operatorRoute.action(args(post("op", { ...REPORT, period: "2026-01" }), { facilityId }));
    expect(saved instanceof Response && saved.headers.get("location")).toBe(`${path}?period=2026-01&flash=saved`);
    const submitted = await operatorRoute.action(args(post("op", { intent: "submit", period: "2026-01" }), { facilityId }));
    expect(submitted instanceof Response && submitted.status).toBe(302);
    const thisMonth = currentPeriod(todayInShanghai());
    await operatorRoute.action(args(post("op", { ...REPORT, period: thisMonth }), { facilityId }));
    expect(await statusOf(() => operatorRoute.action(args(post("op", { intent: "submit", period: thisMonth }), { facilityId })))).toBe(409);
  });

  it("the reviewer's page: reviewers in scope only; return needs a reason; approve", async () => {
    const get = (session: string) => routeRequest("/review/enrolment", { sessionId: sessions[session] });
    const post = (session: string, form: Record<string, string>) => routeRequest("/review/enrolment", { sessionId: sessions[session], form });
    expect(await statusOf(() => reviewRoute.loader(args(get("hy"))))).toBe(200);
    expect(await statusOf(() => reviewRoute.loader(args(get("op"))))).toBe(403);
    const page = (await reviewRoute.loader(args(get("hy")))) as { entries: Array<{ versionId: string; period: string }>; total: number };
    const entry = page.entries.find((e) => e.period === "2026-01");
    if (!entry) throw new Error("no queued report for 2026-01");
    expect(page.total).toBe(page.entries.length);
    expect(((await reviewRoute.loader(args(get("wh")))) as { entries: unknown[] }).entries).toHaveLength(0);

    const before = await counts();
    expect(await statusOf(() => reviewRoute.action(args(post("wh", { intent: "approve", versionId: entry.versionId }))))).toBe(403);
    expect(await statusOf(() => reviewRoute.action(args(post("op", { intent: "approve", versionId: entry.versionId }))))).toBe(403);
    const noReason = await reviewRoute.action(args(post("hy", { intent: "return", versionId: entry.versionId, reason: "" })));
    expect(await statusOf(() => noReason)).toBe(400);
    expect(JSON.stringify(noReason)).toContain(entry.versionId);
    expect(await counts()).toEqual(before);
    const approved = await reviewRoute.action(args(post("hy", { intent: "approve", versionId: entry.versionId })));
    expect(approved instanceof Response && approved.headers.get("location")).toBe("/review/enrolment?flash=approved");
    expect(await statusOf(() => reviewRoute.action(args(post("hy", { intent: "approve", versionId: entry.versionId }))))).toBe(409);
  });
});
