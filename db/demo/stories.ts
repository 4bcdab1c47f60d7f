// The demo world's stories that go beyond one facility's filing: guided prices and declared fees, 普惠
// certification in every state, utility certificates and eligibility letters (one later flagged), the
// operating subsidy (local standards, bank details, six months of enrolment reports, three batches with a
// correction line) and the union's employer-run programmes. Each step calls the service a user would.
import type { Actor } from "../../app/auth/session.server";
import { saveBankAccount } from "../../app/services/bank.server";
import { applyForInclusive, certify, lodgeObjection, recordInspection, rejectApplication, revokeCertification, startNotice, takeApplication, yearlyReview } from "../../app/services/certification.server";
import { approveEnrolment, returnEnrolment, saveEnrolmentDraft, submitEnrolment } from "../../app/services/enrolment.server";
import { loadFacility, saveProgrammeProfile } from "../../app/services/facilities.server";
import { buildSnapshot } from "../../app/services/filing.server";
import { issueEligibilityLetter } from "../../app/services/letters.server";
import { requestUtilityCertificate } from "../../app/services/measures.server";
import { countsAsInclusive, declareFee, publishSchedule } from "../../app/services/pricing.server";
import { enterStandard } from "../../app/services/standards.server";
import { approveBatch, markBatchPaid, prepareBatch } from "../../app/services/subsidy.server";
import { decideNomination, nominateProgramme, recordGrant } from "../../app/services/union.server";
import type { FileStorage } from "../../app/services/storage.server";
import { todayInShanghai } from "../../app/utils/format";
import type { Db } from "../client";
import { dateAt, daysUntil, monthBefore, prng, timeline } from "./timeline";
import { DEMO_WORLD, reviewerFor, type DemoFacility, type DemoOrganisation } from "./world";

export type WorldState = {
  db: Db;
  today: string;
  storage: FileStorage;
  rand: ReturnType<typeof prng>;
  actors: Map<string, Actor>;
  actor: (username: string) => Promise<Actor>;
  facilityIds: Map<string, string>;
  facilityInputs: Map<string, Record<string, string | string[]>>;
  specs: Map<string, DemoFacility>;
  orgs: Map<string, DemoOrganisation & { uscc: string }>;
  filingIds?: Map<string, string>;
  /** certificates the README names: key → verification code */
  codes?: Map<string, string>;
};

type Line = ReturnType<typeof timeline>;

const OPERATOR_OF = new Map<string, string>();
for (const org of DEMO_WORLD) for (const f of org.facilities) OPERATOR_OF.set(f.key, org.operator.username);

const FILED = new Set(["filed", "change_submitted", "cancelled"]);
/** The day a facility's filing was accepted (addFiling: submitted two days after it was entered, accepted two later). */
const filedDay = (f: DemoFacility) => -f.builtDaysAgo + 4;
const bengbu = (f: DemoFacility) => f.jurisdictionCode.startsWith("3403");


export function addStories(line: Line, state: WorldState): void {
  const facilitiesOf = () => DEMO_WORLD.flatMap((o) => o.facilities);
  const idOf = (key: string) => {
    const id = state.facilityIds.get(key);
    if (!id) throw new Error(`no facility ${key} yet`);
    return id;
  };
  const operatorOf = (key: string) => state.actor(OPERATOR_OF.get(key) ?? "");
  addPricing(line, state);
  for (const f of facilitiesOf()) {
    if (!FILED.has(f.filing)) continue;
    line.at(filedDay(f) + 1, `${f.key}: fees declared`, async () => declareFees(state, f, idOf(f.key), await operatorOf(f.key)));
    if (f.utilityCertificate) {
      line.at(filedDay(f) + 10, `${f.key}: utility certificate`, async () => {
        await requestUtilityCertificate(state.db, await operatorOf(f.key), idOf(f.key));
      });
    }
    if (f.inclusive) addInclusive(line, state, f, idOf, operatorOf);
  }
  addLetters(line, state, idOf, operatorOf);
  addSubsidy(line, state, idOf, operatorOf);
  addUnion(line, state, idOf);
}

// ---- guided prices and fees ------------------------------------------------------------------------------

const BENGBU_CAPS: Array<[string, string, number]> = [
  ["infant", "full_day", 3000],
  ["infant", "half_day", 1800],
  ["toddler", "full_day", 2600],
  ["toddler", "half_day", 1600],
  ["older_toddler", "full_day", 2400],
  ["older_toddler", "half_day", 1500],
  ["mixed", "full_day", 2500],
  ["mixed", "half_day", 1600],
];
/** 阿拉尔's schedule is a formula: ¥3,800 reference income × 80 % for full-day care (¥3,040). */
const ALAR_FULL_DAY_CAP = 3040;

function addPricing(line: Line, state: WorldState): void {
  line.at(-570, "蚌埠 guided-price schedule", async () => {
    await publishSchedule(state.db, await state.actor("bb-price"), {
      jurisdictionCode: "340300",
      effectiveFrom: dateAt(state.today, -560),
      mode: "caps",
      caps: BENGBU_CAPS.map(([classType, serviceType, cap]) => ({ classType, serviceType, capFen: String(cap) })),
      referenceDocument: "蚌埠市普惠托育服务政府指导价（演示）",
      referenceClause: "第二条",
    });
  });
  line.at(-565, "阿拉尔 guided-price schedule", async () => {
    await publishSchedule(state.db, await state.actor("al-price"), {
      jurisdictionCode: "659002",
      effectiveFrom: dateAt(state.today, -560),
      mode: "formula",
      referenceMonthlyIncome: "3800",
      fullDaySharePercent: "80",
      referenceDocument: "第一师阿拉尔市普惠托育服务价格指导意见（演示）",
      referenceClause: "第三条",
    });
  });
  // published, not yet in force: the price officer's list shows all three states
  line.at(-6, "蚌埠 next year's schedule", async () => {
    const next = `${Number(state.today.slice(0, 4)) + 1}-01-01`;
    await publishSchedule(state.db, await state.actor("bb-price"), {
      jurisdictionCode: "340300",
      effectiveFrom: next,
      mode: "caps",
      caps: BENGBU_CAPS.map(([classType, serviceType, cap]) => ({ classType, serviceType, capFen: String(cap + 100) })),
      referenceDocument: `蚌埠市普惠托育服务政府指导价（${next.slice(0, 4)} 年调整，演示）`,
      referenceClause: "第二条",
    });
  });
  // the first schedule is superseded by an update, so "superseded" shows too
  line.at(-300, "蚌埠 schedule update", async () => {
    await publishSchedule(state.db, await state.actor("bb-price"), {
      jurisdictionCode: "340300",
      effectiveFrom: dateAt(state.today, -290),
      mode: "caps",
      caps: BENGBU_CAPS.map(([classType, serviceType, cap]) => ({ classType, serviceType, capFen: String(cap) })),
      referenceDocument: "蚌埠市普惠托育服务政府指导价（修订，演示）",
      referenceClause: "第二条",
    });
  });
}

async function declareFees(state: WorldState, f: DemoFacility, facilityId: string, operator: Actor): Promise<void> {
  const facility = await loadFacility(state.db, operator, facilityId);
  const today = todayInShanghai();
  const snapshot = await buildSnapshot(state.db, facility, today);
  const types = f.kind === "home_based" ? ["toddler"] : [...(f.children[0] > 0 ? ["toddler"] : []), ...(f.children[1] > 0 ? ["older_toddler"] : [])];
  for (const [i, classType] of types.entries()) {
    const cap = bengbu(f) ? (BENGBU_CAPS.find((c) => c[0] === classType && c[1] === "full_day")?.[2] ?? 2400) : ALAR_FULL_DAY_CAP;
    const amount = f.feeAboveCap && i === 0 ? cap + 600 : cap - state.rand.int(2, 8) * 50;
    await declareFee(state.db, operator, facility, snapshot, countsAsInclusive(snapshot), { kind: "basic", classType, serviceType: "full_day", amount: String(amount) });
  }
  if (f.meals) await declareFee(state.db, operator, facility, snapshot, countsAsInclusive(snapshot), { kind: "other", name: "伙食费（自愿）", amount: "450" });
}

// ---- 普惠 certification -----------------------------------------------------------------------------------

function addInclusive(line: Line, state: WorldState, f: DemoFacility, idOf: (k: string) => string, operatorOf: (k: string) => Promise<Actor>): void {
  const reviewer = () => state.actor(reviewerFor(f.jurisdictionCode));
  const apps = new Map<string, string>();
  const apply = (day: number) =>
    line.at(day, `${f.key}: 普惠 applied`, async () => {
      apps.set(f.key, await applyForInclusive(state.db, await operatorOf(f.key), idOf(f.key), {}));
    });
  const take = (day: number) => line.at(day, `${f.key}: 普惠 taken`, async () => takeApplication(state.db, await reviewer(), apps.get(f.key) ?? ""));
  const inspect = (day: number) =>
    line.at(day, `${f.key}: 普惠 site inspection`, async () =>
      recordInspection(state.db, await reviewer(), apps.get(f.key) ?? "", { inspectionOn: todayInShanghai(), findings: "现场核查：场地、人员、收费公示与申报一致，消防通道畅通。", passed: "true" }),
    );
  const notice = (day: number) => line.at(day, `${f.key}: 普惠 public notice`, async () => startNotice(state.db, await reviewer(), apps.get(f.key) ?? ""));
  // openedOn is 120 days before the facility was entered: six months of operation by day +63
  const start = -f.builtDaysAgo + 70;
  switch (f.inclusive) {
    case "applied":
      apply(-3);
      return;
    case "under_review":
      apply(-8);
      take(-6);
      inspect(-2);
      return;
    case "notice_with_objection":
      apply(-14);
      take(-12);
      inspect(-10);
      notice(-4);
      line.at(-2, `${f.key}: objection lodged`, async () => {
        const request = new Request("http://localhost/notices", { method: "POST", headers: { "x-tuoyu-client-ip": "198.51.100.23", "user-agent": "Tuoyu demo seed" } });
        await lodgeObjection(state.db, request, apps.get(f.key) ?? "", { content: "该园午休室面积偏小，且收费公示栏未张贴在显眼位置，请核实。", contact: "家长 138****5621" });
      });
      return;
    case "rejected":
      apply(start);
      take(start + 2);
      line.at(start + 6, `${f.key}: 普惠 rejected`, async () =>
        rejectApplication(state.db, await reviewer(), apps.get(f.key) ?? "", { reason: "托小班全日托收费高于政府指导价上限，不符合普惠性托育机构认定条件。调整收费后可重新申请。" }),
      );
      return;
    default:
      break;
  }
  apply(start);
  take(start + 2);
  inspect(start + 4);
  notice(start + 5);
  line.at(start + 13, `${f.key}: 普惠 certified`, async () => {
    const spec = state.facilityInputs.get(f.key);
    const slots = Math.max(1, Number(spec?.totalSlots ?? 20) - 5);
    const { number } = await certify(state.db, await reviewer(), apps.get(f.key) ?? "", { certifiedSlots: String(slots) });
    state.codes ??= new Map();
    state.codes.set(`${f.key}:inclusive`, number);
  });
  if (f.inclusive === "revoked") {
    line.at(-25, `${f.key}: 普惠 revoked`, async () =>
      revokeCertification(state.db, await reviewer(), apps.get(f.key) ?? "", { reason: "年度复核发现两名保育人员未签订劳动合同、未缴纳社会保险，不再符合普惠条件。" }),
    );
  }
  if (f.key === "xfl-main") {
    line.at(-60, `${f.key}: yearly review`, async () => yearlyReview(state.db, await reviewer(), apps.get(f.key) ?? "", { outcome: "continue", note: "年度复核：收费、人员、安全管理均符合要求，继续认定。" }));
  }
}

// ---- eligibility letters, and one that no longer holds ------------------------------------------------

function addLetters(line: Line, state: WorldState, idOf: (k: string) => string, operatorOf: (k: string) => Promise<Actor>): void {
  const letters: Array<[key: string, measure: string]> = [
    ["hitech", "employer.union_support"],
    ["hs-logistics", "employer.union_support"],
    ["hy-textile", "employer.union_support"],
    ["yh-community", "tax.community_childcare_relief"],
    ["xxx-main", "tax.community_childcare_relief"],
  ];
  for (const [key, measure] of letters) {
    const f = DEMO_WORLD.flatMap((o) => o.facilities).find((x) => x.key === key);
    if (!f) continue;
    line.at(filedDay(f) + 20, `${key}: letter ${measure}`, async () => {
      await issueEligibilityLetter(state.db, await operatorOf(key), idOf(key), measure);
    });
  }
  // the logistics group opens its centre to the neighbourhood: mainly for its own staff no longer holds,
  // so its union-support letter shows on the reviewer's flagged list
  line.at(-15, "hs-logistics: programme opened to residents", async () => {
    const org = state.orgs.get("hs-logistics");
    await saveProgrammeProfile(state.db, await operatorOf("hs-logistics"), idOf("hs-logistics"), {
      employerName: org?.name ?? "",
      employerUscc: org?.uscc ?? "",
      employerParkName: "淮上沫河口工业园",
      employerMainlyForOwnEmployees: "false",
      employerOpenToOtherEmployers: "true",
      employerOpenToResidents: "true",
      employerReservedSlots: "10",
      employerContactName: "周敏",
      employerContactPhone: "0552-3861200",
    });
  });
}

// ---- operating subsidy -------------------------------------------------------------------------------------

const SUBSIDY_COUNTIES = ["340321", "340302"];
const BANKS: Record<string, string> = { "340321": "中国农业银行怀远县支行", "340302": "中国建设银行蚌埠龙子湖支行", "340323": "中国邮政储蓄银行固镇县支行" };

function firstOf(period: string): string {
  return `${period}-01`;
}

function addSubsidy(line: Line, state: WorldState, idOf: (k: string) => string, operatorOf: (k: string) => Promise<Actor>): void {
  const dayOf = (date: string) => daysUntil(state.today, date);
  /** `day` days into the month after `period` */
  const after = (period: string, day: number) => dayOf(dateAt(firstOf(nextMonth(period)), day - 1));
  for (const county of SUBSIDY_COUNTIES) {
    line.at(-250, `${county}: local subsidy standard`, async () => {
      await enterStandard(state.db, await state.actor("bb-admin"), {
        jurisdictionCode: county,
        effectiveFrom: firstOf(monthBefore(state.today, 8)),
        perChildMonth: "300",
        perChildMonthKindergartenClass: "150",
        maxMonthsPerYear: "10",
        // 怀远 pays whole months; 龙子湖区 pays by the days filed (demo choices, one per rule the rules know)
        periodRule: county === "340321" ? "whole_month_if_filed_on_first" : "pro_rata_days",
        referenceDocument: county === "340321" ? "怀远县普惠性托育机构运营补贴实施办法（演示）" : "龙子湖区普惠托育机构运营补助办法（演示）",
        referenceClause: "第五条",
      });
    });
  }
  const reporting = DEMO_WORLD.flatMap((o) => o.facilities).filter((f) => f.reports);
  const versions = new Map<string, string>();
  for (const f of reporting) {
    line.at(filedDay(f) + 6, `${f.key}: bank details`, async () => {
      await saveBankAccount(state.db, await operatorOf(f.key), idOf(f.key), { accountName: state.orgs.get(orgKeyOf(f.key))?.name ?? f.name, bankName: BANKS[f.jurisdictionCode] ?? "中国工商银行蚌埠分行", accountNumber: accountNumber(f.key, 0) });
    });
    for (let back = 6; back >= 1; back -= 1) {
      const period = monthBefore(state.today, back);
      const key = `${f.key}:${period}`;
      line.at(after(period, 3), `${f.key}: enrolment ${period}`, async () => {
        const operator = await operatorOf(f.key);
        await saveEnrolmentDraft(state.db, operator, idOf(f.key), period, enrolmentContent(f, state.rand));
        versions.set(key, await submitEnrolment(state.db, operator, idOf(f.key), period));
      });
      if (back === 1 && ["hm-main", "hm-east", "xxx-main", "hy-public"].includes(f.key)) continue; // waiting for the reviewer
      if (back === 1 && f.key === "hy-kg") {
        line.at(after(period, 5), `${f.key}: enrolment ${period} returned`, async () =>
          returnEnrolment(state.db, await state.actor(reviewerFor(f.jurisdictionCode)), versions.get(key) ?? "", { reason: "托班在园人数与班级花名册不一致，请核对后重新提交。" }),
        );
        continue;
      }
      line.at(after(period, 5), `${f.key}: enrolment ${period} approved`, async () => approveEnrolment(state.db, await state.actor(reviewerFor(f.jurisdictionCode)), versions.get(key) ?? ""));
    }
  }
  const m4 = monthBefore(state.today, 4);
  const m3 = monthBefore(state.today, 3);
  const m2 = monthBefore(state.today, 2);
  const batches = new Map<string, string>();
  const prepare = (county: string, period: string, by: string) =>
    line.at(after(period, 10), `${county}: batch ${period} prepared`, async () => {
      const { batchId } = await prepareBatch(state.db, await state.actor(by), { jurisdictionCode: county, period });
      batches.set(`${county}:${period}`, batchId);
    });
  const approve = (county: string, period: string) =>
    line.at(after(period, 12), `${county}: batch ${period} approved`, async () => approveBatch(state.db, await state.actor("bb-finance"), batches.get(`${county}:${period}`) ?? ""));
  const pay = (county: string, period: string) =>
    line.at(after(period, 15), `${county}: batch ${period} paid`, async () =>
      markBatchPaid(state.db, await state.actor("bb-finance"), batches.get(`${county}:${period}`) ?? "", { paidOn: todayInShanghai(), paymentReference: `蚌财社〔${period.slice(0, 4)}〕${Number(period.slice(5)) + 40}号` }),
    );
  // 怀远县: paid, approved and waiting for payment, prepared and waiting for approval (by hy-staff, who
  // holds both roles and so cannot approve it: four eyes)
  prepare("340321", m4, "hy-reviewer");
  approve("340321", m4);
  pay("340321", m4);
  prepare("340321", m3, "hy-reviewer");
  approve("340321", m3);
  // an amendment of a paid month, approved after the payment: the next batch carries a correction line
  line.at(after(m3, 16), `hm-main: enrolment ${m4} amended`, async () => {
    const operator = await operatorOf("hm-main");
    const f = state.specs.get("hm-main");
    if (!f) return;
    await saveEnrolmentDraft(state.db, operator, idOf("hm-main"), m4, { ...enrolmentContent(f, prng(7)), fullDayToddler: String(f.children[0] + 2), fullDayOlderToddler: String(f.children[1] + 1), note: "补报：8 月有 2 名幼儿漏报，已补充在园记录。" });
    versions.set(`hm-main:${m4}:amend`, await submitEnrolment(state.db, operator, idOf("hm-main"), m4));
  });
  line.at(after(m3, 18), `hm-main: amendment ${m4} approved`, async () => approveEnrolment(state.db, await state.actor("hy-reviewer"), versions.get(`hm-main:${m4}:amend`) ?? ""));
  prepare("340321", m2, "hy-staff");
  // 固镇县 has entered no standard of its own: its batch rests on the provisional 示例值 and cannot be approved
  prepare("340323", m2, "gz-staff");
  // 龙子湖区: one paid batch
  prepare("340302", m3, "bb-reviewer");
  approve("340302", m3);
  pay("340302", m3);
  // a new account after the last payment: finance sees "bank details changed since last payment"
  line.at(after(m2, 20), "hm-east: bank details changed", async () => {
    await saveBankAccount(state.db, await operatorOf("hm-east"), idOf("hm-east"), { accountName: state.orgs.get("huaiyuan")?.name ?? "", bankName: "怀远农村商业银行城关支行", accountNumber: accountNumber("hm-east", 1) });
  });
}

function nextMonth(period: string): string {
  const [y, m] = period.split("-").map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, "0")}`;
}

function orgKeyOf(facilityKey: string): string {
  return DEMO_WORLD.find((o) => o.facilities.some((f) => f.key === facilityKey))?.key ?? "";
}

function accountNumber(key: string, variant: number): string {
  let h = 7 + variant;
  for (const c of key) h = (h * 31 + c.charCodeAt(0)) % 1_000_000_007;
  return `6228${String(h).padStart(10, "0")}${String(variant * 7 + 12345).slice(-5)}`;
}

function enrolmentContent(f: DemoFacility, rand: ReturnType<typeof prng>): Record<string, string> {
  const some = (n: number) => String(Math.max(0, n - rand.int(0, 2)));
  // one full-day child a month attends fewer days than a minimum-attendance scheme counts (no extra draw)
  const attending = (...counts: string[]) => String(Math.max(0, counts.reduce((sum, n) => sum + Number(n), 0) - 1));
  if (f.kind === "kindergarten_class") {
    const children = some(f.children[1]);
    return { kindergartenClassChildren: children, daysOpen: "21", fullDayAttending: attending(children) };
  }
  const toddler = some(f.children[0]);
  const older = some(f.children[1]);
  return { fullDayToddler: toddler, fullDayOlderToddler: older, otherToddler: "1", daysOpen: String(rand.int(20, 22)), fullDayAttending: attending(toddler, older) };
}

// ---- union: employer-run programmes ----------------------------------------------------------------------

function addUnion(line: Line, state: WorldState, idOf: (k: string) => string): void {
  const year = (day: number) => dateAt(state.today, day).slice(0, 4);
  const nominations = new Map<string, string>();
  const nominate = (key: string, by: string, day: number, notes: string) =>
    line.at(day, `${key}: nominated`, async () => {
      nominations.set(key, await nominateProgramme(state.db, await state.actor(by), idOf(key), { year: year(day), notes }));
    });
  const decide = (key: string, by: string, day: number, status: string, notes: string) =>
    line.at(day, `${key}: nomination ${status}`, async () => decideNomination(state.db, await state.actor(by), nominations.get(key) ?? "", { status, on: todayInShanghai(), notes }));
  nominate("hitech", "bb-union", -330, "职工子女托育覆盖率高，向社会开放部分托位。");
  decide("hitech", "bb-union", -280, "recommended", "省总工会推荐上报。");
  decide("hitech", "bb-union", -200, "awarded", "获评全国爱心托育用人单位。");
  nominate("hy-textile", "bb-union", -90, "开发区企业联合办托，向周边企业职工开放。");
  decide("hy-textile", "bb-union", -40, "recommended", "已推荐至省总工会。");
  nominate("gz-food", "bb-union", -300, "企业自办托育室，服务一线职工。");
  decide("gz-food", "bb-union", -190, "not_awarded", "本年度名额有限，未获评。可于下一年度再推荐。");
  nominate("hs-logistics", "bb-union", -20, "物流园区职工托育需求大，拟推荐。");
  nominate("alar-cotton", "al-union", -120, "兵团企业职工托育示范点。");
  line.at(-180, "hitech: union grant", async () => {
    await recordGrant(state.db, await state.actor("bb-union"), idOf("hitech"), { programmeName: "职工托育服务补助", year: year(-180), amount: "100000", matching: "30000", grantedOn: todayInShanghai(), reference: `蚌工发〔${year(-180)}〕12号` });
  });
  line.at(-100, "alar-cotton: union grant", async () => {
    await recordGrant(state.db, await state.actor("al-union"), idOf("alar-cotton"), { programmeName: "兵团职工托育补助", year: year(-100), amount: "50000", grantedOn: todayInShanghai(), reference: `师工发〔${year(-100)}〕7号` });
  });
}
