// Reference data (jurisdictions, always brought up to date) and demo data (once; idempotent).
// `npm run db:seed` runs both against the configured database.
import { pathToFileURL } from "node:url";
import { eq, sql } from "drizzle-orm";
import { JURISDICTIONS, jurisdictionChain } from "../rules/jurisdictions";
import type { Db } from "./client";
import { jurisdictions, organisations, userRoles, users } from "./schema";
import { DEMO_ORGANISATIONS, DEMO_PASSWORD, DEMO_USERS } from "./demo-accounts";

export { DEMO_ORGANISATIONS, DEMO_PASSWORD, DEMO_USERS };
import { hashPassword } from "../app/auth/password.server";
import { seedCalendar } from "../app/services/calendar.server";
import { newUserId } from "../app/services/users.server";

export async function seedReferenceData(db: Db): Promise<void> {
  await seedCalendar(db);
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
    // `npm run db:seed -- --demo`: the demo world too (facilities, filings, certificates, batches…)
    if (process.argv.includes("--demo")) {
      const { seedDemoWorld } = await import("./demo/build");
      const result = await seedDemoWorld(handle.db, { log: (line) => console.log(line) });
      if (!result.seeded) console.log("demo world: already there (or the database has facilities of its own), nothing changed");
    }
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
