// The one database client module. No DATABASE_URL → embedded PGlite in DATA_DIR/pglite, migrated on
// open (and seeded once by the caller); with DATABASE_URL → PostgreSQL through postgres.js.
// The handle lives on globalThis because the server entry (run by tsx) and the Remix server build are
// separate module graphs in one process, and PGlite allows only one opener per data directory.
import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import * as schema from "./schema";

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
export type DbKind = "pglite" | "postgres";
export type DbHandle = { db: Db; kind: DbKind; close: () => Promise<void> };
export type PgliteHandle = DbHandle & { client: PGlite };

export const MIGRATIONS_FOLDER = fileURLToPath(new URL("./migrations", import.meta.url));

/** Opens an embedded database. `dataDir` undefined = in memory; `loadDataDir` clones a dump (tests). */
export async function openPglite(options: { dataDir?: string; loadDataDir?: Blob } = {}): Promise<PgliteHandle> {
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true }); // PGlite won't create parents
  const client = new PGlite({ dataDir: options.dataDir, loadDataDir: options.loadDataDir });
  await client.waitReady;
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  let closed = false;
  return {
    db,
    kind: "pglite",
    client,
    close: async () => {
      if (closed) return;
      closed = true;
      await client.close();
    },
  };
}

export function openPostgres(url: string, options: { max?: number } = {}): DbHandle & { client: postgres.Sql } {
  // idle_timeout: without it postgres.js keeps the process alive forever (STACK.md trap 8).
  // jit off (a startup parameter of each connection): the app's queries are short, and PostgreSQL's JIT
  // compiled the costlier-looking ones for ~60 ms each time. A `?jit=on` in DATABASE_URL still wins.
  // (PGlite is opened by openPglite and never sees this.)
  const client = postgres(url, { max: options.max ?? 10, idle_timeout: 20, onnotice: () => {}, connection: { jit: "off" } });
  const db = drizzlePostgres(client, { schema }) as unknown as Db;
  let closed = false;
  return {
    db,
    kind: "postgres",
    client,
    close: async () => {
      if (closed) return;
      closed = true;
      await client.end({ timeout: 5 });
    },
  };
}

export async function migrateDb(handle: DbHandle): Promise<void> {
  if (handle.kind === "pglite") {
    await migratePglite(handle.db as never, { migrationsFolder: MIGRATIONS_FOLDER });
  } else {
    await migratePostgres(handle.db as never, { migrationsFolder: MIGRATIONS_FOLDER });
  }
}

/** `db.execute` returns `{ rows }` on PGlite and an array on postgres.js (STACK.md trap 5). */
export async function queryRows<T extends Record<string, unknown>>(db: Db, query: ReturnType<typeof sql>): Promise<T[]> {
  const result: unknown = await db.execute(query);
  if (Array.isArray(result)) return result as T[];
  if (result && typeof result === "object" && "rows" in result && Array.isArray(result.rows)) return result.rows as T[];
  return [];
}

type AppDbState = { promise: Promise<DbHandle> | null; handle: DbHandle | null };
const STATE_KEY = Symbol.for("tuoyu.appDb");

function appDbState(): AppDbState {
  const g = globalThis as unknown as Record<symbol, AppDbState | undefined>;
  let state = g[STATE_KEY];
  if (!state) {
    state = { promise: null, handle: null };
    g[STATE_KEY] = state;
  }
  return state;
}

/**
 * The application's shared handle, opened once per process by `init` (the server entry passes one that
 * migrates and seeds). Routes call `getDb()`.
 */
export function setAppDb(init: () => Promise<DbHandle>): Promise<DbHandle> {
  const state = appDbState();
  if (!state.promise) {
    state.promise = init().then((handle) => {
      state.handle = handle;
      return handle;
    });
  }
  return state.promise;
}

export async function getDb(): Promise<Db> {
  const state = appDbState();
  // app/entry.server.tsx registers the boot (migrate, seed) before any loader runs
  if (!state.promise) throw new Error("The database was not initialised (setAppDb was not called).");
  const handle = await (state.promise as Promise<DbHandle>);
  return handle.db;
}

export function appDbKind(): DbKind | null {
  return appDbState().handle?.kind ?? null;
}

export async function closeAppDb(): Promise<void> {
  const state = appDbState();
  const promise = state.promise;
  state.promise = null;
  state.handle = null;
  if (promise) await (await promise).close();
}
