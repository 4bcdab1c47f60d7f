// Opens the application database the way the configuration says. Embedded (no DATABASE_URL): PGlite in
// DATA_DIR/pglite, migrated on every boot, reference data refreshed, demo data seeded on first boot.
// PostgreSQL: migrations are a separate step (`npm run db:migrate`); the app refuses to start on a
// schema that is behind, or while demo passwords are unchanged unless ALLOW_DEMO=1.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { count, and, eq, sql } from "drizzle-orm";
import { migrateDb, MIGRATIONS_FOLDER, openPglite, openPostgres, queryRows, type DbHandle } from "../../db/client";
import { users } from "../../db/schema";
import { seedDemoWorld } from "../../db/demo/build";
import { seedDemoData, seedReferenceData } from "../../db/seed";
import { localDiskStorage } from "../services/storage.server";
import { config, ConfigError, type Config } from "../config.server";

export async function bootDatabase(cfg: Config = config()): Promise<DbHandle> {
  if (!cfg.databaseUrl) {
    const handle = await openPglite({ dataDir: join(cfg.dataDir, "pglite") });
    await migrateDb(handle);
    await seedReferenceData(handle.db);
    const [{ n } = { n: 0 }] = await handle.db.select({ n: count() }).from(users);
    if (n === 0) await seedDemoData(handle.db);
    // the demo world, once (a no-op when it is there, or when the database holds facilities of its own)
    if (cfg.demoWorld) await seedDemoWorld(handle.db, { storage: localDiskStorage(cfg.uploadDir), log: (line) => console.log(line) });
    return handle;
  }
  const handle = openPostgres(cfg.databaseUrl);
  try {
    await assertMigrated(handle);
    await seedReferenceData(handle.db);
    const [{ n } = { n: 0 }] = await handle.db
      .select({ n: count() })
      .from(users)
      .where(and(eq(users.isDemo, true), eq(users.active, true)));
    if (n > 0 && !cfg.allowDemo) {
      throw new ConfigError(
        `Refusing to start: ${n} demo account(s) still have the published demo password on PostgreSQL. ` +
          "Change or deactivate them, or set ALLOW_DEMO=1 for a demonstration deployment. " +
          "（演示账户密码未修改，拒绝启动；如为演示部署请设置 ALLOW_DEMO=1）",
      );
    }
    return handle;
  } catch (error) {
    await handle.close();
    throw error;
  }
}

async function assertMigrated(handle: DbHandle): Promise<void> {
  const journal = JSON.parse(readFileSync(join(MIGRATIONS_FOLDER, "meta", "_journal.json"), "utf8")) as { entries: unknown[] };
  let applied = 0;
  try {
    const rows = await queryRows<{ n: number | string }>(handle.db, sql`SELECT count(*) AS n FROM drizzle.__drizzle_migrations`);
    applied = Number(rows[0]?.n ?? 0);
  } catch {
    applied = 0;
  }
  if (applied < journal.entries.length) {
    throw new ConfigError(
      `The database schema is behind (${applied} of ${journal.entries.length} migrations applied). Run \`npm run db:migrate\` first. （数据库未迁移，请先运行 npm run db:migrate）`,
    );
  }
}
