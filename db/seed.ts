// Reference data (jurisdictions, always brought up to date) and demo data (once; idempotent).
// `npm run db:seed` runs both against the configured database.
import { pathToFileURL } from "node:url";
import { eq, sql } from "drizzle-orm";
import { JURISDICTIONS, jurisdictionChain } from "../rules/jurisdictions";
import type { Db } from "./client";
import { jurisdictions, organisations, userRoles, users, type Role } from "./schema";
import { hashPassword } from "../app/auth/password.server";
import { newUserId } from "../app/services/users.server";

/** The password of every demo account (README). It is ≥ 10 characters and not a common password. */
export const DEMO_PASSWORD = "Tuoyu-Demo-2026";

export const DEMO_ORGANISATIONS = [
  { key: "bengbu", name: "蚌埠市龙子湖区小星星托育有限公司", uscc: "91340302MA2Q6W7E8R", jurisdictionCode: "340302" },
  { key: "huaiyuan", name: "怀远县禾苗托育服务有限公司", uscc: null, jurisdictionCode: "340321" },
  { key: "alar", name: "阿拉尔市幸福里托育中心", uscc: null, jurisdictionCode: "659002" },
] as const;

type DemoUser = { username: string; displayName: string; roles: Role[]; jurisdictionCode?: string; organisation?: (typeof DEMO_ORGANISATIONS)[number]["key"] };

export const DEMO_USERS: DemoUser[] = [
  { username: "bb-operator", displayName: "蚌埠示例运营方（小星星托育）", roles: ["operator"], organisation: "bengbu" },
  { username: "hy-operator", displayName: "怀远示例运营方（禾苗托育）", roles: ["operator"], organisation: "huaiyuan" },
  { username: "bb-reviewer", displayName: "蚌埠市卫健委审核员", roles: ["reviewer"], jurisdictionCode: "340300" },
  { username: "hy-reviewer", displayName: "怀远县卫健委审核员", roles: ["reviewer"], jurisdictionCode: "340321" },
  { username: "wh-reviewer", displayName: "五河县卫健委审核员", roles: ["reviewer"], jurisdictionCode: "340322" },
  { username: "bb-price", displayName: "蚌埠市发改委价格科", roles: ["price_officer"], jurisdictionCode: "340300" },
  { username: "bb-finance", displayName: "蚌埠市财政局", roles: ["finance_officer"], jurisdictionCode: "340300" },
  { username: "bb-union", displayName: "蚌埠市总工会", roles: ["union_officer"], jurisdictionCode: "340300" },
  { username: "bb-admin", displayName: "蚌埠市卫健委系统管理员", roles: ["admin"], jurisdictionCode: "340300" },
  { username: "bb-auditor", displayName: "蚌埠市审计人员", roles: ["auditor"], jurisdictionCode: "340300" },
  { username: "gz-staff", displayName: "固镇县卫健委（审核与财政兼岗）", roles: ["reviewer", "finance_officer"], jurisdictionCode: "340323" },
  { username: "al-operator", displayName: "阿拉尔示例运营方（幸福里托育）", roles: ["operator"], organisation: "alar" },
  { username: "al-reviewer", displayName: "阿拉尔市卫健委审核员", roles: ["reviewer"], jurisdictionCode: "659002" },
  { username: "al-price", displayName: "阿拉尔市发改委价格科", roles: ["price_officer"], jurisdictionCode: "659002" },
  { username: "al-finance", displayName: "阿拉尔市财政局", roles: ["finance_officer"], jurisdictionCode: "659002" },
  { username: "al-union", displayName: "阿拉尔市总工会", roles: ["union_officer"], jurisdictionCode: "659002" },
  { username: "al-admin", displayName: "阿拉尔市卫健委系统管理员", roles: ["admin"], jurisdictionCode: "659002" },
  { username: "al-auditor", displayName: "阿拉尔市审计人员", roles: ["auditor"], jurisdictionCode: "659002" },
];

export async function seedReferenceData(db: Db): Promise<void> {
  const rows = JURISDICTIONS.map((j) => ({
    code: j.code,
    parentCode: j.parent,
    level: j.level,
    nameZh: j.name.zh,
    nameEn: j.name.en,
    path: `/${jurisdictionChain(j.code).reverse().join("/")}/`,
    demo: j.demo ?? false,
  }));
  await db
    .insert(jurisdictions)
    .values(rows)
    .onConflictDoUpdate({
      target: jurisdictions.code,
      set: {
        parentCode: sql`excluded.parent_code`,
        level: sql`excluded.level`,
        nameZh: sql`excluded.name_zh`,
        nameEn: sql`excluded.name_en`,
        path: sql`excluded.path`,
        demo: sql`excluded.demo`,
        updatedAt: sql`now()`,
      },
    });
}

export async function seedDemoData(db: Db): Promise<{ created: number }> {
  const orgIds = new Map<string, string>();
  for (const org of DEMO_ORGANISATIONS) {
    const [existing] = await db.select({ id: organisations.id }).from(organisations).where(eq(organisations.name, org.name));
    if (existing) {
      orgIds.set(org.key, existing.id);
      continue;
    }
    const [row] = await db
      .insert(organisations)
      .values({ name: org.name, uscc: org.uscc, jurisdictionCode: org.jurisdictionCode })
      .returning({ id: organisations.id });
    if (row) orgIds.set(org.key, row.id);
  }
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  let created = 0;
  for (const u of DEMO_USERS) {
    const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.username, u.username));
    if (existing) continue;
    const id = newUserId();
    await db.transaction(async (tx) => {
      await tx.insert(users).values({
        id,
        username: u.username,
        displayName: u.displayName,
        passwordHash,
        jurisdictionCode: u.jurisdictionCode ?? null,
        organisationId: u.organisation ? (orgIds.get(u.organisation) ?? null) : null,
        isDemo: true,
      });
      await tx.insert(userRoles).values(u.roles.map((role) => ({ userId: id, role })));
    });
    created += 1;
  }
  return { created };
}

async function main() {
  const { openTarget } = await import("./cli-target");
  const handle = await openTarget();
  try {
    await seedReferenceData(handle.db);
    const { created } = await seedDemoData(handle.db);
    console.log(`seeded: ${created} demo account(s) created (${handle.kind})`);
  } finally {
    await handle.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
