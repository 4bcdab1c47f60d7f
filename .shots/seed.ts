// Screenshot data (not part of the project): batches in several states on a fresh embedded database.
import { eq } from "drizzle-orm";
import { bootDatabase } from "../app/server/boot.server";
import type { Actor } from "../app/auth/session.server";
import { approveBatch, beginPreparation, markBatchPaid, prepareBatch } from "../app/services/subsidy.server";
import { facilityBankAccounts, organisations, subsidyBatches, userRoles, users, type Role } from "../db/schema";
import { approveReport, enterStandard, makeFacility, previousMonth, THIS_MONTH } from "../test/app/subsidy-fixtures";
import { todayInShanghai } from "../app/utils/format";
import { config } from "../app/config.server";

const handle = await bootDatabase(config());
const db = handle.db;
async function as(username: string): Promise<Actor> {
  const [u] = await db.select().from(users).where(eq(users.username, username));
  if (!u) throw new Error(username);
  const roles = (await db.select().from(userRoles).where(eq(userRoles.userId, u.id))).map((r) => r.role as Role);
  return { userId: u.id, username, displayName: u.displayName, roles, jurisdictionCode: u.jurisdictionCode, organisationId: u.organisationId, organisationJurisdictionCode: null, mustChangePassword: false, sessionId: "seed", ip: "127.0.0.1", userAgent: "seed" };
}
const [hyOrg] = await db.select().from(organisations).where(eq(organisations.name, "怀远县禾苗托育服务有限公司"));
const [bbOrg] = await db.select().from(organisations).where(eq(organisations.name, "蚌埠市龙子湖区小星星托育有限公司"));
await db.update(organisations).set({ ownership: "private" }).where(eq(organisations.id, hyOrg!.id));
const M = [4, 3, 2, 1].map((b) => previousMonth(THIS_MONTH, b));
const kids = (n: number) => Object.fromEntries(M.map((m) => [m, n]));
const ids: Record<string, string> = {};
ids.heMiao = await makeFacility(db, hyOrg!.id, { name: "禾苗托育中心", slots: 60, certifiedSlots: 40, children: kids(45) });
ids.star = await makeFacility(db, hyOrg!.id, { name: "禾苗托育城东园", slots: 30, certifiedSlots: 30, children: kids(22) });
await makeFacility(db, hyOrg!.id, { name: "禾苗托育荆山园", slots: 40, certifiedSlots: 35, children: kids(31) });
await makeFacility(db, hyOrg!.id, { name: "禾苗托育龙亢园", slots: 25, children: kids(18) });
await makeFacility(db, hyOrg!.id, { name: "禾苗家庭托育点", kind: "home_based", slots: 5, certifiedSlots: 5, children: kids(4) });
await makeFacility(db, hyOrg!.id, { name: "禾苗托育新城园", slots: 30, certifiedSlots: 30 });
for (let i = 1; i <= 4; i += 1) await makeFacility(db, bbOrg!.id, { name: `小星星托育${i}园`, jurisdiction: "340302", slots: 40, certifiedSlots: 30 + i, children: kids(20 + i * 4) });
await makeFacility(db, bbOrg!.id, { name: "五河县小星星托育园", jurisdiction: "340322", slots: 40, certifiedSlots: 30, children: kids(26) });
await enterStandard(db, "340321", "2024-01-01", 30_000, 15_000);
await enterStandard(db, "340302", "2024-01-01", 40_000, 20_000);
const today = todayInShanghai();
const hyRev = await as("hy-reviewer"), bbRev = await as("bb-reviewer"), fin = await as("bb-finance"), hyStaff = await as("hy-staff"), whRev = await as("wh-reviewer");
async function paid(actor: Actor, county: string, period: string, ref: string) {
  const { batchId } = await prepareBatch(db, actor, { jurisdictionCode: county, period });
  await approveBatch(db, fin, batchId);
  await markBatchPaid(db, fin, batchId, { paymentReference: ref, paidOn: today });
  return batchId;
}
ids.b1 = await paid(hyRev, "340321", M[0]!, "HY-PAY-0001");
ids.l1 = await paid(bbRev, "340302", M[0]!, "LZH-PAY-0001");
ids.b2 = await paid(hyRev, "340321", M[1]!, "HY-PAY-0002");
ids.l2 = await paid(bbRev, "340302", M[1]!, "LZH-PAY-0002");
await approveReport(db, ids.star, M[1]!, 26, 2);
await approveReport(db, ids.heMiao, M[0]!, 38, 2);
ids.b3 = await paid(hyRev, "340321", M[2]!, "HY-PAY-0003");
await db.update(facilityBankAccounts).set({ accountNumber: "6228480099998888", updatedAt: new Date() }).where(eq(facilityBankAccounts.facilityId, ids.star));
ids.b4 = (await prepareBatch(db, hyStaff, { jurisdictionCode: "340321", period: M[3]! })).batchId;
ids.wh = (await prepareBatch(db, whRev, { jurisdictionCode: "340322", period: M[3]! })).batchId;
const l3 = await prepareBatch(db, bbRev, { jurisdictionCode: "340302", period: M[2]! });
await approveBatch(db, fin, l3.batchId);
const { batchId: preparing } = await beginPreparation(db, bbRev, { jurisdictionCode: "340302", period: M[3]! });
await db.update(subsidyBatches).set({ progressDone: 3217, progressTotal: 5012, updatedAt: new Date(Date.now() + 20 * 60_000) }).where(eq(subsidyBatches.id, preparing));
ids.preparing = preparing;
console.log(JSON.stringify(ids));
await handle.close();
