// The jurisdiction overview, its drill-down and export, eligibility letters and the re-evaluation of
// issued documents — on PGlite and (with DATABASE_URL) PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, inArray } from "drizzle-orm";
import ExcelJS from "exceljs";
import {
  facilities,
  facilityClasses,
  feeDeclarations,
  inclusiveApplications,
  organisations,
  type FacilityRow,
} from "../../db/schema";
import type { Actor } from "../../app/auth/session.server";
import { login } from "../../app/services/users.server";
import {
  ConflictError,
  ForbiddenError,
  ValidationError,
} from "../../app/services/errors";
import { buildSnapshot } from "../../app/services/filing.server";
import { localParameters } from "../../app/services/pricing.server";
import {
  buildSnapshots,
  jurisdictionOverview,
  MEASURE_IDS,
  overviewExport,
  overviewFacilities,
  STATUSES,
} from "../../app/services/overview.server";
import {
  issueEligibilityLetter,
  reevaluateIssued,
} from "../../app/services/letters.server";
import { evaluate } from "../../rules/engine/evaluate";
import type { Snapshot } from "../../rules/snapshot";
import { todayInShanghai } from "../../app/utils/format";
import { loader as overviewLoader } from "../../app/routes/review.overview";
import { createTestDb, DB_KINDS, type TestDb } from "../db/harness";
import {
  actorFor,
  browserRequest,
  makeOrganisation,
  makeUser,
  PASSWORD,
} from "./fixtures";
import { completeFacility } from "./filing-fixtures";
import {
  args,
  closeAppDbQuietly,
  routeRequest,
  statusOf,
  useAsAppDb,
} from "./route-helpers";

/** Which county codes each test scope covers (GB/T 2260: 怀远 340321 and 五河 340322 under 蚌埠 340300). */
const SCOPES: Record<string, string[]> = {
  "340321": ["340321"],
  "340322": ["340322"],
  "340300": ["340321", "340322"],
  "659002": ["659002"],
};

/**
 * buildSnapshot reads documents, fees and qualifications without an ORDER BY (their order is whatever
 * plan the database picks, and no rule depends on it): compare those lists as sets, everything else as is.
 */
function canonical(snapshot: Snapshot | undefined): unknown {
  if (!snapshot) return snapshot;
  const key = (v: unknown) => JSON.stringify(v);
  const sorted = <T>(list: readonly T[] | null | undefined) =>
    list ? [...list].sort((a, b) => key(a).localeCompare(key(b))) : list;
  return {
    ...snapshot,
    documents: sorted(snapshot.documents),
    fees: sorted(snapshot.fees),
    staff: snapshot.staff?.map((s) => ({
      ...s,
      qualifications: sorted(s.qualifications),
    })),
  };
}

describe.each(DB_KINDS)(
  "jurisdiction overview and eligibility letters on %s",
  (kind) => {
    let t: TestDb;
    let operator: Actor;
    let huaiyuan: Actor;
    let wuhe: Actor;
    let city: Actor;
    let alar: Actor;
    let finance: Actor;
    const ids: Record<string, string> = {};
    const sessions: Record<string, string> = {};
    const today = todayInShanghai();

    async function signedIn(username: string): Promise<Actor> {
      const r = await login(t.db, browserRequest(), {
        username,
        password: PASSWORD,
      });
      if (!r.ok) throw new Error(`login ${username}`);
      sessions[username] = r.sessionId;
      return actorFor(t.db, r.sessionId);
    }

    async function setFacility(id: string, values: Partial<FacilityRow>) {
      await t.db.update(facilities).set(values).where(eq(facilities.id, id));
    }

    async function allFacilities(): Promise<FacilityRow[]> {
      return t.db.select().from(facilities);
    }

    /** The overview's numbers computed the slow, obvious way: one buildSnapshot + evaluate per facility. */
    async function directCounts(scope: string, asOf: string) {
      const local = await localParameters(t.db);
      const counts = new Map(
        MEASURE_IDS.map((m) => [
          m,
          { eligible: 0, ineligible: 0, needs_info: 0, not_applicable: 0 },
        ])
      );
      const members = new Map<string, Set<string>>();
      const counties = SCOPES[scope] ?? [];
      for (const f of await allFacilities()) {
        if (
          !["filed", "change_submitted"].includes(f.filingState) ||
          !counties.includes(f.jurisdictionCode)
        )
          continue;
        const evaluation = evaluate(await buildSnapshot(t.db, f, asOf), {
          asOf,
          localParameters: local,
        });
        for (const d of evaluation.determinations) {
          const c = counts.get(d.measure);
          if (c) c[d.status] += 1;
          const key = `${d.measure}|${d.status}`;
          members.set(key, (members.get(key) ?? new Set()).add(f.id));
        }
      }
      return { counts: Object.fromEntries(counts), members };
    }

    beforeAll(async () => {
      t = await createTestDb(kind);
      const orgId = await makeOrganisation(
        t.db,
        "340321",
        "怀远县禾苗托育服务有限公司"
      );
      await makeUser(t.db, {
        username: "op",
        roles: ["operator"],
        organisationId: orgId,
      });
      await makeUser(t.db, {
        username: "hy",
        roles: ["reviewer"],
        jurisdictionCode: "340321",
      });
      await makeUser(t.db, {
        username: "wh",
        roles: ["reviewer"],
        jurisdictionCode: "340322",
      });
      await makeUser(t.db, {
        username: "bb",
        roles: ["reviewer"],
        jurisdictionCode: "340300",
      });
      await makeUser(t.db, {
        username: "al",
        roles: ["reviewer"],
        jurisdictionCode: "659002",
      });
      await makeUser(t.db, {
        username: "fin",
        roles: ["finance_officer"],
        jurisdictionCode: "340322",
      });
      operator = await signedIn("op");
      huaiyuan = await signedIn("hy");
      wuhe = await signedIn("wh");
      city = await signedIn("bb");
      alar = await signedIn("al");
      finance = await signedIn("fin");

      // 怀远: a complete filed facility (with a fee and an inclusive application history), an employer-run
      // one, a draft (not counted), and a bare filed record that needs information
      ids.hyFiled = await completeFacility(t.db, operator, "怀远禾苗托育中心");
      await setFacility(ids.hyFiled, {
        filingState: "filed",
        filedOn: "2026-01-10",
        receiptNumber: "340321-2026-0001",
      });
      await t.db
        .insert(feeDeclarations)
        .values({
          facilityId: ids.hyFiled,
          kind: "basic",
          classType: "toddler",
          serviceType: "full_day",
          amountFen: 150000,
        });
      await t.db.insert(inclusiveApplications).values([
        {
          facilityId: ids.hyFiled,
          status: "rejected",
          appliedAt: new Date("2026-01-15T02:00:00Z"),
          appliedBy: "x",
          precheck: {},
        },
        {
          facilityId: ids.hyFiled,
          status: "applied",
          appliedAt: new Date("2026-02-15T02:00:00Z"),
          appliedBy: "x",
          precheck: {},
        },
      ]);
      ids.hyEmployer = await completeFacility(
        t.db,
        operator,
        "怀远园区职工托育点"
      );
      await setFacility(ids.hyEmployer, {
        filingState: "filed",
        filedOn: "2026-01-12",
        receiptNumber: "340321-2026-0002",
        kind: "employer_run",
        employerName: "怀远经开区管委会",
        employerMainlyForOwnEmployees: true,
        employerOpenToOtherEmployers: false,
      });
      ids.hyDraft = await completeFacility(t.db, operator, "怀远草稿托育");
      const [bare] = await t.db
        .insert(facilities)
        .values({
          organisationId: orgId,
          name: "怀远信息不全托育",
          jurisdictionCode: "340321",
          filingState: "filed",
          filedOn: "2026-02-01",
          receiptNumber: "340321-2026-0003",
        })
        .returning({ id: facilities.id });
      ids.hyBare = bare?.id ?? "";
      // 五河: one filed with an understaffed class, one filed with a change pending
      ids.whFiled = await completeFacility(t.db, operator, "五河童心托育");
      await setFacility(ids.whFiled, {
        jurisdictionCode: "340322",
        filingState: "filed",
        filedOn: "2026-01-20",
        receiptNumber: "340322-2026-0001",
      });
      await t.db
        .update(facilityClasses)
        .set({ caregivers: 1 })
        .where(eq(facilityClasses.facilityId, ids.whFiled));
      ids.whChange = await completeFacility(t.db, operator, "五河小太阳托育");
      await setFacility(ids.whChange, {
        jurisdictionCode: "340322",
        filingState: "change_submitted",
        filedOn: "2026-01-21",
        receiptNumber: "340322-2026-0002",
      });
      // 阿拉尔: a state-owned operator's filed facility (the organisation is shared, so it is state-owned)
      ids.alFiled = await completeFacility(
        t.db,
        operator,
        "阿拉尔国企托育中心"
      );
      await setFacility(ids.alFiled, {
        jurisdictionCode: "659002",
        filingState: "filed",
        filedOn: "2026-01-05",
        receiptNumber: "659002-2026-0001",
      });
      await t.db
        .update(organisations)
        .set({ ownership: "state_owned_enterprise" })
        .where(eq(organisations.id, orgId));
    }, 300_000);
    afterAll(async () => {
      await closeAppDbQuietly();
      await t.close();
    });

    it("buildSnapshots (set-based) gives exactly the snapshots buildSnapshot gives, one by one", async () => {
      const rows = await allFacilities();
      for (const asOf of [today, "2026-03-01"]) {
        const many = await buildSnapshots(
          t.db,
          rows.map((r) => r.id),
          asOf
        );
        expect([...many.keys()]).toEqual(rows.map((r) => r.id));
        for (const f of rows)
          expect(canonical(many.get(f.id))).toEqual(
            canonical(await buildSnapshot(t.db, f, asOf))
          );
      }
      // the latest inclusive application counts (applied, not the older rejection)
      expect(
        (await buildSnapshots(t.db, [ids.hyFiled ?? ""], today)).get(
          ids.hyFiled ?? ""
        )?.inclusive?.status
      ).toBe("applied");
      expect(
        (
          await buildSnapshots(
            t.db,
            ["00000000-0000-4000-8000-000000000000"],
            today
          )
        ).size
      ).toBe(0);
    });

    it("the overview numbers equal a direct evaluation of every facility in scope", async () => {
      for (const [actor, scope] of [
        [huaiyuan, "340321"],
        [wuhe, "340322"],
        [city, "340300"],
        [alar, "659002"],
      ] as const) {
        for (const asOf of [today, "2026-03-01"]) {
          const overview = await jurisdictionOverview(t.db, actor, asOf);
          const expected = await directCounts(scope, asOf);
          expect(
            Object.fromEntries(
              overview.measures.map((m) => [m.measure, m.counts])
            )
          ).toEqual(expected.counts);
          const facilitiesInScope = {
            "340321": 3,
            "340322": 2,
            "340300": 5,
            "659002": 1,
          }[scope];
          expect(overview.facilities).toBe(facilitiesInScope);
          for (const m of overview.measures)
            expect(STATUSES.reduce((a, s) => a + m.counts[s], 0)).toBe(
              facilitiesInScope
            );
        }
      }
      // the states differ across facilities: not everything lands in one bucket
      const overview = await jurisdictionOverview(t.db, city, today);
      const filing = overview.measures.find(
        (m) => m.measure === "filing.complete"
      )?.counts;
      expect(filing?.eligible).toBeGreaterThan(0);
      expect(overview.measures.some((m) => m.counts.needs_info > 0)).toBe(true);
      const staffing = overview.measures.find(
        (m) => m.measure === "staffing.compliant"
      )?.counts;
      expect(staffing?.ineligible).toBeGreaterThan(0);
    });

    it("each count drills down to exactly the facilities behind it, paginated", async () => {
      const expected = await directCounts("340300", today);
      for (const measure of MEASURE_IDS) {
        for (const status of STATUSES) {
          const drill = await overviewFacilities(
            t.db,
            city,
            today,
            measure,
            status,
            1,
            100
          );
          const want = [
            ...(expected.members.get(`${measure}|${status}`) ?? []),
          ].sort();
          expect(drill.total).toBe(want.length);
          expect(drill.items.map((i) => i.facilityId).sort()).toEqual(want);
        }
      }
      const all = await overviewFacilities(
        t.db,
        city,
        today,
        "utility.residential_price",
        "eligible",
        1,
        100
      );
      const page2 = await overviewFacilities(
        t.db,
        city,
        today,
        "utility.residential_price",
        "eligible",
        2,
        2
      );
      expect(page2.pages).toBe(Math.ceil(all.total / 2));
      expect(page2.items.map((i) => i.facilityId)).toEqual(
        all.items.slice(2, 4).map((i) => i.facilityId)
      );
      // the bare record needs information somewhere, and the drill-down says what is missing
      const bareMeasure = MEASURE_IDS.find((m) =>
        expected.members.get(`${m}|needs_info`)?.has(ids.hyBare ?? "")
      );
      expect(bareMeasure).toBeDefined();
      const needsInfo = await overviewFacilities(
        t.db,
        huaiyuan,
        today,
        bareMeasure ?? "",
        "needs_info"
      );
      expect(
        needsInfo.items.find((i) => i.facilityId === ids.hyBare)?.missing.length
      ).toBeGreaterThan(0);
      await expect(
        overviewFacilities(t.db, city, today, "no.such_measure", "eligible")
      ).rejects.toBeInstanceOf(ValidationError);
      await expect(
        overviewFacilities(t.db, city, today, "filing.complete", "maybe")
      ).rejects.toBeInstanceOf(ValidationError);
      await expect(
        jurisdictionOverview(t.db, city, "2026-02-30")
      ).rejects.toBeInstanceOf(ValidationError);
    });

    it("scope is enforced: 五河 sees no 怀远 facility, an operator is refused, finance sees its own county", async () => {
      const wh = await jurisdictionOverview(t.db, wuhe, today);
      expect(wh.facilities).toBe(2);
      const whIds = new Set<string>();
      for (const status of STATUSES)
        for (const i of (
          await overviewFacilities(t.db, wuhe, today, "filing.complete", status)
        ).items)
          whIds.add(i.facilityId);
      expect([...whIds].sort()).toEqual([ids.whFiled, ids.whChange].sort());
      await expect(
        jurisdictionOverview(t.db, operator, today)
      ).rejects.toBeInstanceOf(ForbiddenError);
      await expect(
        overviewFacilities(t.db, operator, today, "filing.complete", "eligible")
      ).rejects.toBeInstanceOf(ForbiddenError);
      const fin = await jurisdictionOverview(t.db, finance, today);
      expect(fin.measures).toEqual(wh.measures);
    });

    it("the export holds the per-measure table and only in-scope facilities", async () => {
      const overview = await jurisdictionOverview(t.db, wuhe, today);
      const names: string[] = [];
      for (const status of STATUSES) {
        const drill = await overviewFacilities(
          t.db,
          wuhe,
          today,
          "filing.complete",
          status,
          1,
          100_000
        );
        const workbook = new ExcelJS.Workbook();
        await workbook.xlsx.load(
          (
            await overviewExport(overview, drill)
          ).buffer as ArrayBuffer
        );
        const table = workbook.getWorksheet("措施统计");
        const list = workbook.getWorksheet("机构名单");
        expect(table?.getRow(2).values).toEqual([
          undefined,
          "措施",
          "措施编号",
          "符合",
          "不符合",
          "待补充信息",
          "不适用",
          "合计",
        ]);
        expect(table?.rowCount).toBe(2 + MEASURE_IDS.length);
        const first = overview.measures[0];
        expect(table?.getRow(3).getCell(2).value).toBe(first?.measure);
        expect(table?.getRow(3).getCell(3).value).toBe(first?.counts.eligible);
        list?.eachRow((row, n) => {
          if (n > 2) names.push(String(row.getCell(1).value));
        });
      }
      expect(names.sort()).toEqual(["五河小太阳托育", "五河童心托育"]);
      const plain = new ExcelJS.Workbook();
      await plain.xlsx.load(
        (
          await overviewExport(overview)
        ).buffer as ArrayBuffer
      );
      expect(plain.worksheets.map((w) => w.name)).toEqual(["措施统计"]);
    });

    it("the page and its XLSX download are scoped; an operator gets 403", async () => {
      await useAsAppDb(t);
      const page = (await overviewLoader(
        args(
          routeRequest(
            "/review/overview?measure=filing.complete&status=eligible",
            { sessionId: sessions.wh }
          )
        )
      )) as {
        overview: { facilities: number };
        drill: { items: Array<{ name: string }> } | null;
      };
      expect(page.overview.facilities).toBe(2);
      for (const item of page.drill?.items ?? [])
        expect(item.name.startsWith("五河")).toBe(true);
      const file = (await overviewLoader(
        args(
          routeRequest("/review/overview?format=xlsx", {
            sessionId: sessions.wh,
          })
        )
      )) as Response;
      expect(file.headers.get("content-type")).toContain("spreadsheetml");
      expect(
        await statusOf(() =>
          overviewLoader(
            args(routeRequest("/review/overview", { sessionId: sessions.op }))
          )
        )
      ).toBe(403);
    });

    it("issues an eligibility letter when the measure is eligible, refuses otherwise and refuses duplicates", async () => {
      const letter = await issueEligibilityLetter(
        t.db,
        operator,
        ids.alFiled ?? "",
        "premises.idle_state_assets_priority"
      );
      expect(letter.kind).toBe("eligibility_letter");
      expect(letter.status).toBe("valid");
      expect(letter.validFrom).toBe(today);
      expect(letter.validUntil).toBeNull();
      const payload = letter.payload as {
        lines: Array<{ label: string; value: string }>;
        clauses: string[];
        measure: string;
      };
      expect(payload.measure).toBe("premises.idle_state_assets_priority");
      expect(payload.lines.find((l) => l.label === "政策措施")?.value).toBe(
        "闲置国有资产优先提供"
      );
      expect(payload.lines.find((l) => l.label === "判定日期")?.value).toBe(
        today
      );
      expect(payload.lines.some((l) => l.label === "规则版本")).toBe(true);
      expect(payload.clauses.length).toBeGreaterThan(0);
      await expect(
        issueEligibilityLetter(
          t.db,
          operator,
          ids.alFiled ?? "",
          "premises.idle_state_assets_priority"
        )
      ).rejects.toBeInstanceOf(ConflictError);
      // not in force in 怀远; not employer-run; not a letter measure; not filed; not the operator
      await expect(
        issueEligibilityLetter(
          t.db,
          operator,
          ids.hyFiled ?? "",
          "soe.assessment_exemption"
        )
      ).rejects.toMatchObject({
        messageKey: "overview.letters.errors.notEligible",
      });
      await expect(
        issueEligibilityLetter(
          t.db,
          operator,
          ids.hyFiled ?? "",
          "employer.union_support"
        )
      ).rejects.toBeInstanceOf(ConflictError);
      await expect(
        issueEligibilityLetter(
          t.db,
          operator,
          ids.hyFiled ?? "",
          "utility.residential_price"
        )
      ).rejects.toBeInstanceOf(ValidationError);
      await expect(
        issueEligibilityLetter(
          t.db,
          operator,
          ids.hyDraft ?? "",
          "tax.community_childcare_relief"
        )
      ).rejects.toMatchObject({
        messageKey: "overview.letters.errors.notFiled",
      });
      await expect(
        issueEligibilityLetter(
          t.db,
          huaiyuan,
          ids.hyFiled ?? "",
          "tax.community_childcare_relief"
        )
      ).rejects.toBeInstanceOf(ForbiddenError);
      // an employer-run facility gets its union-support letter, with the programmes listed
      const union = await issueEligibilityLetter(
        t.db,
        operator,
        ids.hyEmployer ?? "",
        "employer.union_support"
      );
      expect(
        (union.payload as { lines: Array<{ label: string }> }).lines.some((l) =>
          l.label.startsWith("可申报项目")
        )
      ).toBe(true);
    });

    it("the SOE exemption letter runs until details.endsOn; the tax letter until the relief period's end", async () => {
      const [facility] = await t.db
        .select()
        .from(facilities)
        .where(eq(facilities.id, ids.alFiled ?? ""));
      if (!facility) throw new Error("no facility");
      const evaluation = evaluate(await buildSnapshot(t.db, facility, today), {
        asOf: today,
        localParameters: await localParameters(t.db),
      });
      const soe = evaluation.determinations.find(
        (d) => d.measure === "soe.assessment_exemption"
      );
      expect(soe?.status).toBe("eligible");
      const letter = await issueEligibilityLetter(
        t.db,
        operator,
        facility.id,
        "soe.assessment_exemption"
      );
      expect(letter.validUntil).toBe(soe?.details.endsOn);
      expect(letter.validUntil).toBe("2032-02-29"); // opened 2025-03-01: the day before the 7th anniversary
      const tax = evaluation.determinations.find(
        (d) => d.measure === "tax.community_childcare_relief"
      );
      if (tax?.status === "eligible") {
        const taxLetter = await issueEligibilityLetter(
          t.db,
          operator,
          facility.id,
          "tax.community_childcare_relief"
        );
        expect(taxLetter.validUntil).toBe(
          (tax.details.period as { to: string }).to
        );
      }
    });

    it("reevaluateIssued flags a letter whose measure is no longer eligible, in scope only", async () => {
      const before = await reevaluateIssued(t.db, alar, today);
      expect(before.filter((f) => f.facilityId === ids.alFiled)).toEqual([]);
      // the 托小班 loses a caregiver: staffing is no longer compliant, so the premises priority falls away
      await t.db
        .update(facilityClasses)
        .set({ caregivers: 1 })
        .where(inArray(facilityClasses.facilityId, [ids.alFiled ?? ""]));
      const after = await reevaluateIssued(t.db, alar, today);
      const flagged = after.find(
        (f) => f.measure === "premises.idle_state_assets_priority"
      );
      expect(flagged).toMatchObject({
        facilityId: ids.alFiled,
        kind: "eligibility_letter",
        status: "ineligible",
        state: "valid",
      });
      // the SOE exemption does not depend on staffing: not flagged
      expect(after.some((f) => f.measure === "soe.assessment_exemption")).toBe(
        false
      );
      expect(
        (await reevaluateIssued(t.db, huaiyuan, today)).some(
          (f) => f.facilityId === ids.alFiled
        )
      ).toBe(false);
      await expect(
        reevaluateIssued(t.db, operator, today)
      ).rejects.toBeInstanceOf(ForbiddenError);
    });
  }
);
