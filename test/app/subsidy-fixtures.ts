// Building blocks of the subsidy tests (test/app/subsidy.test.ts, test/app/batch-routes.test.ts): actors,
// facilities with an inclusive certificate and approved enrolment reports, a county's entered standard.
// Rows are written directly, as the services leave them, so a test states only what it needs.
import { and, eq } from "drizzle-orm";
import type { Actor } from "../../app/auth/session.server";
import { todayInShanghai } from "../../app/utils/format";
import type { Db } from "../../db/client";
import { enrolmentReports, enrolmentReportVersions, facilities, facilityBankAccounts, facilityClasses, inclusiveApplications, localParameterValues, staffMembers, type Role } from "../../db/schema";
import { makeUser } from "./fixtures";

export const COUNTY = "340321"; // 怀远县
export const OTHER = "340322"; // 五河县
export const RATE = 30_000; // 300 元 per child per month (entered as the county's standard)
export const KG_RATE = 15_000;

export function previousMonth(period: string, back = 1): string {
  const [y, m] = period.split("-").map(Number) as [number, number];
  const index = y * 12 + (m - 1) - back;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;
}
export const THIS_MONTH = todayInShanghai().slice(0, 7);
export const P1 = previousMonth(THIS_MONTH, 2);
export const P2 = previousMonth(THIS_MONTH, 1);

export async function actor(db: Db, username: string, roles: Role[], options: { jurisdictionCode?: string; organisationId?: string } = {}): Promise<Actor> {
  const userId = await makeUser(db, { username, roles, ...options });
  return {
    userId,
    username,
    displayName: username,
    roles,
    jurisdictionCode: options.jurisdictionCode ?? null,
    organisationId: options.organisationId ?? null,
    organisationJurisdictionCode: null,
    mustChangePassword: false,
    sessionId: `s-${username}`,
    ip: "203.0.113.5",
    userAgent: "vitest",
  };
}

export type FacilitySpec = {
  name: string;
  jurisdiction?: string;
  kind?: "standalone" | "kindergarten_class" | "employer_run" | "community_embedded" | "home_based";
  slots?: number;
  filingState?: "filed" | "draft" | "cancelled" | "change_submitted";
  cancelledOn?: string;
  certifiedSlots?: number | null;
  ownership?: "public" | "private";
  children?: Partial<Record<string, number>>; // period → approved full-day children
  /** period → approved children meeting the attendance minimum */
  attending?: Partial<Record<string, number>>;
  filedOn?: string;
  classes?: Array<{ type: "infant" | "toddler" | "older_toddler" | "mixed"; enrolled: number; caregivers: number }>;
  /** caregivers on the staff roster (placeholder people; only their role matters to the subsidy) */
  rosterCaregivers?: number;
};

export async function makeFacility(db: Db, orgId: string, spec: FacilitySpec): Promise<string> {
  const [row] = await db
    .insert(facilities)
    .values({
      organisationId: orgId,
      name: spec.name,
      jurisdictionCode: spec.jurisdiction ?? COUNTY,
      kind: spec.kind ?? "standalone",
      serviceTypes: ["full_day"],
      totalSlots: spec.slots ?? 50,
      filingState: spec.filingState ?? "filed",
      filedOn: spec.filingState === "draft" ? null : (spec.filedOn ?? "2025-01-10"),
      cancelledOn: spec.cancelledOn ?? null,
      receiptNumber: spec.filingState === "draft" ? null : `R-${spec.name}`,
    })
    .returning({ id: facilities.id });
  const id = row?.id ?? "";
  if (spec.certifiedSlots != null) {
    await db.insert(inclusiveApplications).values({
      facilityId: id,
      status: "certified",
      appliedAt: new Date("2025-02-01T00:00:00Z"),
      appliedBy: "test",
      precheck: {},
      certifiedSlots: spec.certifiedSlots,
      validFrom: "2025-03-01",
      validUntil: "2028-02-28",
    });
  }
  for (const c of spec.classes ?? []) await db.insert(facilityClasses).values({ facilityId: id, type: c.type, capacity: c.enrolled, enrolled: c.enrolled, caregivers: c.caregivers });
  for (let i = 0; i < (spec.rosterCaregivers ?? 0); i++) {
    await db.insert(staffMembers).values({ facilityId: id, name: `保育员${i + 1}`, idNumberEncrypted: "x", idNumberHmac: `${id}-${i}`, idNumberMasked: "3403**********0000", role: "caregiver" });
  }
  for (const [period, children] of Object.entries(spec.children ?? {})) await approveReport(db, id, period, children ?? 0, 1, spec.attending?.[period]);
  await db.insert(facilityBankAccounts).values({ facilityId: id, accountName: spec.name, bankName: "中国农业银行怀远支行", accountNumber: "6228480012345678", updatedBy: "test" });
  return id;
}

/** An approved report version, as the enrolment service leaves it (the report points at its approved version). */
export async function approveReport(db: Db, facilityId: string, period: string, children: number, version: number, attending?: number): Promise<void> {
  const [existing] = await db.select().from(enrolmentReports).where(and(eq(enrolmentReports.facilityId, facilityId), eq(enrolmentReports.period, period)));
  const reportId =
    existing?.id ??
    (await db.insert(enrolmentReports).values({ facilityId, period }).returning({ id: enrolmentReports.id }))[0]?.id ??
    "";
  if (existing) await db.update(enrolmentReportVersions).set({ status: "superseded" }).where(eq(enrolmentReportVersions.reportId, reportId));
  await db.insert(enrolmentReportVersions).values({ reportId, version, status: "approved", fullDayToddler: children, fullDayAttending: attending ?? null, daysOpen: 21, createdBy: "test" });
  await db
    .update(enrolmentReports)
    .set({ approvedVersion: version, approvedFullDayChildren: children, approvedFullDayAttending: attending ?? null, approvedAt: new Date() })
    .where(eq(enrolmentReports.id, reportId));
}

export async function enterStandard(db: Db, jurisdiction: string, from: string, rate: number, kgRate: number, months = 10, periodRule = "whole_month_if_filed_on_first"): Promise<void> {
  const reference = { referenceDocument: "怀远县普惠托育机构运营补贴实施办法", referenceClause: "第五条" };
  const base = { jurisdictionCode: jurisdiction, effectiveFrom: from, enteredBy: "test", enteredAt: new Date(), ...reference };
  await db.insert(localParameterValues).values([
    { ...base, parameter: "subsidy.operating.per_child_month_fen", value: rate },
    { ...base, parameter: "subsidy.operating.per_child_month_kindergarten_class_fen", value: kgRate },
    { ...base, parameter: "subsidy.operating.max_months_per_year", value: months },
    { ...base, parameter: "subsidy.operating.period_rule", value: [periodRule] },
  ]);
}
