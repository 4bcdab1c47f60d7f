// The demo world (issue #12), built through the services — the same permission → zod → transaction →
// audit path a user takes — on the business clock, in one outer transaction: the world appears whole or
// not at all, and seeding it again is a no-op. Facilities and their filings are here; the stories that
// span facilities (guided prices, 普惠, documents, subsidy, union) are in db/demo/stories.ts.
import { count, eq } from "drizzle-orm";
import type { Actor } from "../../app/auth/session.server";
import { setDemoCodeSource } from "../../app/services/certificates.server";
import { addQualification, createFacility, saveClass, saveOrganisation, saveProgrammeProfile, saveStaffMember, updateFacility, uploadDocument } from "../../app/services/facilities.server";
import { acceptFiling, cancelFiling, returnFiling, submitFiling } from "../../app/services/filing.server";
import { defaultStorage, type FileStorage } from "../../app/services/storage.server";
import { todayInShanghai } from "../../app/utils/format";
import type { Db } from "../client";
import { auditEvents, facilities, organisations, userRoles, users } from "../schema";
import { hashPassword } from "../../app/auth/password.server";
import { newUserId } from "../../app/services/users.server";
import { DEMO_PASSWORD } from "../demo-accounts";
import { addStories, type WorldState } from "./stories";
import { actorOf, chineseName, dateAt, demoPdf, prng, residentId, timeline, uscc } from "./timeline";
import { DEMO_WORLD, reviewerFor, type DemoFacility, type DemoOrganisation } from "./world";

/** The fixed seed of the demo world: the same seed and clock give the same world. */
export const DEMO_SEED = 20261207;
const SEEDED_ACTION = "demo_world.seeded";

export type DemoWorldResult = { seeded: boolean; steps: number; facilities: number; ms: number };


export async function demoWorldSeeded(db: Db): Promise<boolean> {
  const [row] = await db.select({ n: count() }).from(auditEvents).where(eq(auditEvents.action, SEEDED_ACTION));
  return (row?.n ?? 0) > 0;
}

/**
 * Seeds the demo world once (the demo accounts must exist: db/seed.ts seedDemoData). Idempotent: a
 * database that has it already — or has facilities of its own — is left alone.
 */
export async function seedDemoWorld(db: Db, options: { storage?: FileStorage; seed?: number; log?: (line: string) => void } = {}): Promise<DemoWorldResult> {
  const started = Date.now();
  if (await demoWorldSeeded(db)) return { seeded: false, steps: 0, facilities: 0, ms: Date.now() - started };
  const [existing] = await db.select({ n: count() }).from(facilities);
  if ((existing?.n ?? 0) > 0) return { seeded: false, steps: 0, facilities: 0, ms: Date.now() - started };
  const storage = options.storage ?? defaultStorage();
  const rand = prng(options.seed ?? DEMO_SEED);
  const codes = prng((options.seed ?? DEMO_SEED) ^ 0x5eed);
  const today = todayInShanghai();
  let steps = 0;
  setDemoCodeSource((max) => Math.floor(codes.next() * max));
  try {
    await db.transaction(async (tx) => {
      await ensureAccounts(tx);
      const actors = new Map<string, Actor>();
      const actor = async (username: string) => {
        let a = actors.get(username);
        if (!a) {
          a = await actorOf(tx, username);
          actors.set(username, a);
        }
        return a;
      };
      const state: WorldState = { db: tx, today, storage, rand, actors, actor, facilityIds: new Map(), facilityInputs: new Map(), specs: new Map(), orgs: new Map() };
      const line = timeline();
      for (const org of DEMO_WORLD) addOrganisation(line, state, org);
      addStories(line, state);
      steps = await line.run();
      const [{ n } = { n: 0 }] = await tx.select({ n: count() }).from(facilities);
      const admin = await state.actor("bb-admin");
      const { recordAudit } = await import("../../app/services/audit.server");
      await recordAudit(tx, { actorUserId: admin.userId, actorLabel: "demo seed", ip: null, userAgent: "Tuoyu demo seed" }, {
        action: SEEDED_ACTION,
        entityType: "system",
        entityId: null,
        jurisdictionCode: null,
        after: { seed: options.seed ?? DEMO_SEED, today, steps, facilities: n },
      });
    });
  } finally {
    setDemoCodeSource(null);
  }
  const [{ n } = { n: 0 }] = await db.select({ n: count() }).from(facilities);
  const ms = Date.now() - started;
  options.log?.(`demo world: ${n} facilities, ${steps} steps in ${ms} ms`);
  return { seeded: true, steps, facilities: n, ms };
}

/** Organisations and operator accounts of the cast that db/seed.ts does not create (same password, demo flag). */
async function ensureAccounts(db: Db): Promise<void> {
  let passwordHash: string | null = null;
  for (const org of DEMO_WORLD) {
    const [user] = await db.select({ id: users.id }).from(users).where(eq(users.username, org.operator.username));
    if (user) continue;
    const [row] = await db.insert(organisations).values({ name: org.name, jurisdictionCode: org.jurisdictionCode }).returning({ id: organisations.id });
    passwordHash ??= await hashPassword(DEMO_PASSWORD);
    const id = newUserId();
    await db.insert(users).values({ id, username: org.operator.username, displayName: org.operator.displayName, passwordHash, organisationId: row?.id ?? null, isDemo: true });
    await db.insert(userRoles).values({ userId: id, role: "operator" });
  }
}

// ---- a facility's own story: built, filed (or not), and what happened to it since ------------------------

const CLASS_MAX = { infant: 10, toddler: 15, older_toddler: 20 } as const;
const RATIO = { infant: 3, toddler: 5, older_toddler: 7 } as const;

type Line = ReturnType<typeof timeline>;

function addOrganisation(line: Line, state: WorldState, org: DemoOrganisation): void {
  const first = Math.max(...org.facilities.map((f) => f.builtDaysAgo));
  line.at(-first, `${org.key}: organisation`, async () => {
    const operator = await state.actor(org.operator.username);
    await saveOrganisation(state.db, operator, {
      name: org.name,
      uscc: uscc(org.uscc17),
      legalForm: org.legalForm,
      ownership: org.ownership,
      businessScopeIncludesChildcare: "true",
      address: org.facilities[0]?.address ?? "",
      contactName: chineseName(state.rand),
      contactPhone: `0552-${String(state.rand.int(2_000_000, 8_999_999))}`,
      jurisdictionCode: org.jurisdictionCode,
    });
    state.orgs.set(org.key, { ...org, uscc: uscc(org.uscc17) });
  });
  for (const facility of org.facilities) addFacility(line, state, org, facility);
}

function classesOf(f: DemoFacility): Array<{ type: "infant" | "toddler" | "older_toddler"; enrolled: number }> {
  const out: Array<{ type: "infant" | "toddler" | "older_toddler"; enrolled: number }> = [];
  if (f.infants) out.push({ type: "infant", enrolled: f.infants });
  if (f.children[0] > 0) out.push({ type: "toddler", enrolled: f.children[0] });
  if (f.children[1] > 0) out.push({ type: "older_toddler", enrolled: f.children[1] });
  return out;
}

function facilityInput(state: WorldState, f: DemoFacility, slots: number) {
  const built = dateAt(state.today, -f.builtDaysAgo);
  return {
    name: f.name,
    address: f.address,
    jurisdictionCode: f.jurisdictionCode,
    kind: f.kind,
    serviceTypes: f.kind === "home_based" ? ["full_day"] : ["full_day", "half_day"],
    totalSlots: String(slots),
    openedOn: dateAt(built, -120),
    mealsProvided: f.meals ? "true" : "false",
    premisesTenure: f.leased ? "leased" : "owned",
    leaseStartsOn: f.leased ? dateAt(built, -150) : "",
    leaseEndsOn: f.leased ? dateAt(built, 5 * 365) : "",
    premisesStateOwned: f.kind === "kindergarten_class" || f.key.startsWith("brand") ? "true" : "false",
    employerMainlyForOwnEmployees: f.employer ? String(f.employer.mainlyOwn) : "",
    employerOpenToOtherEmployers: f.employer ? String(f.employer.openToOthers) : "",
    kindergartenOwnership: f.kindergartenOwnership ?? "",
  };
}

function addFacility(line: Line, state: WorldState, org: DemoOrganisation, f: DemoFacility): void {
  const built = -f.builtDaysAgo;
  const classes = classesOf(f);
  const capacities = classes.map((c) => (f.kind === "home_based" ? Math.max(c.enrolled, 5) : Math.min(CLASS_MAX[c.type], c.enrolled + 3)));
  const slots = capacities.reduce((s, c) => s + c, 0) + (f.kind === "home_based" ? 0 : 5);
  state.specs.set(f.key, f);
  const roster: RosterEntry[] = [];
  line.at(built, `${f.key}: facility, classes, documents, staff`, async () => {
    const operator = await state.actor(org.operator.username);
    const input = facilityInput(state, f, slots);
    const facilityId = await createFacility(state.db, operator, input);
    state.facilityIds.set(f.key, facilityId);
    state.facilityInputs.set(f.key, input);
    const caregiversNeeded: number[] = [];
    for (const [i, c] of classes.entries()) {
      const caregivers = f.kind === "home_based" ? Math.ceil(c.enrolled / 3) : Math.ceil(c.enrolled / RATIO[c.type]);
      caregiversNeeded.push(caregivers);
      await saveClass(state.db, operator, facilityId, null, { name: className(c.type), type: c.type, capacity: String(capacities[i]), enrolled: String(c.enrolled), caregivers: String(caregivers) });
    }
    const issued = dateAt(state.today, built - 20);
    const documents: Array<Record<string, string>> = [
      { kind: "business_license", issuedOn: issued },
      { kind: "site_proof", issuedOn: issued },
      { kind: "fire_safety", issuedOn: issued },
      { kind: "health_evaluation", issuedOn: issued, passed: "true" },
    ];
    if (f.meals) documents.push({ kind: "food_license", issuedOn: issued, validUntil: dateAt(issued, 5 * 365) });
    for (const d of documents) await uploadDocument(state.db, operator, facilityId, d, await demoPdf(`${d.kind} ${f.key}`), state.storage);
    roster.push(...(await addStaff(state, operator, f, facilityId, caregiversNeeded.reduce((s, n) => s + n, 0))));
    if (f.employer) {
      const o = state.orgs.get(org.key);
      await saveProgrammeProfile(state.db, operator, facilityId, {
        employerName: org.name,
        employerUscc: o?.uscc ?? uscc(org.uscc17),
        employerParkName: f.employer.park ?? "",
        employerMainlyForOwnEmployees: String(f.employer.mainlyOwn),
        employerOpenToOtherEmployers: String(f.employer.openToOthers),
        employerOpenToResidents: String(f.employer.openToResidents),
        employerReservedSlots: String(Math.min(f.employer.reservedSlots, slots)),
        employerContactName: chineseName(state.rand),
        employerContactPhone: `0552-${String(state.rand.int(2_000_000, 8_999_999))}`,
      });
    }
  });
  addFiling(line, state, org, f);
  addYearlyRecheck(line, state, org, f, roster);
}

function className(type: string): string {
  const names: Record<string, string> = { infant: "乳儿班", toddler: "托小班", older_toddler: "托大班" };
  return names[type] ?? "班";
}

type RosterEntry = { staffId: string; input: Record<string, string> };

/**
 * 未成年人保护法 第六十二条: the record check is repeated every year. A filed facility older than a year
 * records its staff's re-check (the operator edits each member; the ID number is kept as it is).
 */
function addYearlyRecheck(line: Line, state: WorldState, org: DemoOrganisation, f: DemoFacility, roster: RosterEntry[]): void {
  if (f.filing !== "filed" || f.builtDaysAgo <= 330) return;
  const day = -(20 + (f.builtDaysAgo % 200));
  line.at(day, `${f.key}: yearly background re-check`, async () => {
    const operator = await state.actor(org.operator.username);
    const facilityId = state.facilityIds.get(f.key) as string;
    const checkedOn = dateAt(state.today, day);
    for (const member of roster) {
      await saveStaffMember(state.db, operator, facilityId, member.staffId, { ...member.input, idNumber: "", backgroundCheckOn: checkedOn });
    }
  });
}

async function addStaff(state: WorldState, operator: Actor, f: DemoFacility, facilityId: string, caregivers: number): Promise<RosterEntry[]> {
  const roster: RosterEntry[] = [];
  const built = dateAt(state.today, -f.builtDaysAgo);
  const roles: string[] = [];
  if (f.kind !== "home_based") roles.push("director", "health_worker");
  if (f.kind === "standalone") roles.push("security_guard");
  if (f.meals) roles.push("cook");
  for (let i = 0; i < caregivers; i += 1) roles.push("caregiver");
  let sequence = state.rand.int(100, 800);
  for (const [i, role] of roles.entries()) {
    sequence += 1;
    const birth = dateAt("1990-01-01", state.rand.int(-3650, 3650));
    const lastCaregiver = role === "caregiver" && i === roles.length - 1;
    const health = f.noHealthCertificate && lastCaregiver ? "" : f.expiringSoon && i === 0 ? dateAt(state.today, 18) : dateAt(state.today, state.rand.int(90, 330));
    const staffInput = {
      name: chineseName(state.rand),
      idNumber: residentId(f.jurisdictionCode.slice(0, 6), birth, sequence),
      role,
      education: role === "director" ? "bachelor" : state.rand.pick(["secondary", "junior_college", "junior_college", "bachelor"]),
      yearsOfExperience: String(role === "director" ? state.rand.int(5, 15) : state.rand.int(1, 10)),
      healthCertificateValidUntil: health,
      backgroundCheckOn: dateAt(built, -state.rand.int(10, 60)),
      laborContract: "true",
      socialInsurance: "true",
    };
    const staffId = await saveStaffMember(state.db, operator, facilityId, null, staffInput);
    roster.push({ staffId, input: staffInput });
    const qualification = QUALIFICATION_OF[role];
    if (!qualification) continue;
    const withoutProof = f.missingProof && lastCaregiver;
    const expiring = f.expiringSoon && role === "caregiver" && i === roles.length - 1;
    const input = {
      ...qualification,
      number: `${f.jurisdictionCode.slice(0, 6)}${String(sequence).padStart(6, "0")}`,
      issuer: ISSUER[role] ?? "人力资源和社会保障局",
      issuedOn: dateAt(built, -state.rand.int(200, 900)),
      validUntil: expiring ? dateAt(state.today, 21) : "",
    };
    await addQualification(state.db, operator, facilityId, staffId, input, withoutProof ? null : await demoPdf(`${qualification.kind} ${f.key} ${i}`), state.storage);
  }
  return roster;
}

const QUALIFICATION_OF: Record<string, { kind: string; level?: string }> = {
  director: { kind: "director_training" },
  health_worker: { kind: "health_care_training" },
  security_guard: { kind: "security_guard_certificate" },
  caregiver: { kind: "childcare_worker", level: "4" },
};
const ISSUER: Record<string, string> = { director: "卫生健康委员会", health_worker: "妇幼保健院", security_guard: "公安局", caregiver: "人力资源和社会保障局" };

const RETURN_REASONS: Record<string, Array<{ item: string; reason: string }>> = {
  proof: [{ item: "staff.qualification", reason: "一名保育人员的保育师证书未上传证明材料，请补充上传后重新提交。" }],
  health: [{ item: "staff.health_certificate", reason: "一名保育人员缺少有效健康证明，请补充后重新提交。" }],
  other: [{ item: "documents.site_proof", reason: "场地证明材料与登记地址不一致，请核对后重新上传。" }],
};

function addFiling(line: Line, state: WorldState, org: DemoOrganisation, f: DemoFacility): void {
  const built = -f.builtDaysAgo;
  const reviewer = reviewerFor(f.jurisdictionCode);
  const id = () => state.facilityIds.get(f.key) ?? "";
  const submit = (day: number, explanation?: string) =>
    line.at(day, `${f.key}: submitted`, async () => {
      const filingId = await submitFiling(state.db, await state.actor(org.operator.username), id(), { explanation: explanation ?? (f.missingProof || f.noHealthCertificate ? "一名保育人员的证明材料正在补办，先行提交其余材料。" : "") });
      state.filingIds ??= new Map();
      state.filingIds.set(f.key, filingId);
    });
  const accept = (day: number) =>
    line.at(day, `${f.key}: accepted`, async () => {
      await acceptFiling(state.db, await state.actor(reviewer), state.filingIds?.get(f.key) ?? "");
    });
  switch (f.filing) {
    case "draft":
      return;
    case "submitted":
      submit(-1);
      return;
    case "overdue":
      submit(-12);
      return;
    case "returned": {
      submit(built + 3);
      line.at(built + 5, `${f.key}: returned`, async () => {
        const reasons = f.missingProof ? RETURN_REASONS.proof : f.noHealthCertificate ? RETURN_REASONS.health : RETURN_REASONS.other;
        await returnFiling(state.db, await state.actor(reviewer), state.filingIds?.get(f.key) ?? "", { reasons });
      });
      return;
    }
    default:
      break;
  }
  submit(built + 2);
  accept(built + 4);
  if (f.filing === "change_submitted") {
    line.at(-3, `${f.key}: change submitted`, async () => {
      const operator = await state.actor(org.operator.username);
      const input = state.facilityInputs.get(f.key) ?? {};
      await updateFacility(state.db, operator, id(), { ...input, totalSlots: String(Number((input as { totalSlots?: string }).totalSlots ?? 30) + 10), address: `${f.address}（扩建后）` });
      const filingId = await submitFiling(state.db, operator, id(), { explanation: "扩建后托位数增加 10 个，地址门牌调整。" });
      state.filingIds?.set(f.key, filingId);
    });
  }
  if (f.filing === "cancelled") {
    line.at(-35, `${f.key}: cancelled`, async () => {
      await cancelFiling(state.db, await state.actor(org.operator.username), id(), { reason: "场地租约到期，机构停止办托，申请注销备案。" });
    });
  }
}
