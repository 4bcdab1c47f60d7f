// The database the command-line tools (db:migrate, db:seed) work on: the same choice as the app.
import { join } from "node:path";
import { loadConfig } from "../app/config.server";
import { migrateDb, openPglite, openPostgres, type DbHandle } from "./client";

export async function openTarget(): Promise<DbHandle> {
  const cfg = loadConfig();
  if (cfg.databaseUrl) return openPostgres(cfg.databaseUrl, { max: 1 });
  // PGlite: one process per data directory — stop the app before running these.
  const handle = await openPglite({ dataDir: join(cfg.dataDir, "pglite") });
  await migrateDb(handle);
  return handle;
}
