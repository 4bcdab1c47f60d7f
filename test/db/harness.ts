// Test databases: every DB test runs on PGlite and, when DATABASE_URL is set, on PostgreSQL too.
// Isolation: each `createTestDb()` is a fresh database — on PGlite a clone of a migrated template
// (dumpDataDir/loadDataDir, ≈0.4 s), on PostgreSQL a new database created and migrated, dropped at close.
import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { migrateDb, openPglite, openPostgres, type DbHandle, type DbKind } from "../../db/client";
import { seedReferenceData } from "../../db/seed";

export const DB_KINDS: DbKind[] = process.env.DATABASE_URL ? ["pglite", "postgres"] : ["pglite"];

let template: Promise<Blob> | null = null;

async function pgliteTemplate(): Promise<Blob> {
  template ??= (async () => {
    const handle = await openPglite();
    await migrateDb(handle);
    await seedReferenceData(handle.db);
    const dump = await handle.client.dumpDataDir("none");
    await handle.close();
    return dump;
  })();
  return template;
}

export type TestDb = DbHandle & { url?: string };

export async function createTestDb(kind: DbKind): Promise<TestDb> {
  if (kind === "pglite") return openPglite({ loadDataDir: await pgliteTemplate() });
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) throw new Error("DATABASE_URL is not set");
  const name = `tuoyu_t_${randomBytes(6).toString("hex")}`;
  const admin = postgres(adminUrl, { max: 1, idle_timeout: 5, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const handle = openPostgres(url.toString(), { max: 5 });
  await migrateDb(handle);
  await seedReferenceData(handle.db);
  return {
    ...handle,
    url: url.toString(),
    close: async () => {
      await handle.close();
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end({ timeout: 5 });
    },
  };
}

/** Creates an empty PostgreSQL database (not migrated) for boot tests; returns its URL and a dropper. */
export async function createEmptyPostgresDb(): Promise<{ url: string; drop: () => Promise<void> }> {
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) throw new Error("DATABASE_URL is not set");
  const name = `tuoyu_e_${randomBytes(6).toString("hex")}`;
  const admin = postgres(adminUrl, { max: 1, idle_timeout: 5, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end({ timeout: 5 });
    },
  };
}
