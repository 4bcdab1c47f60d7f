import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { openPostgres, queryRows } from "../../db/client";

// PostgreSQL's JIT compiled the queue queries for ~60 ms a time; openPostgres turns it off for every
// connection of its pool. (PGlite has no JIT to speak of — it is built without LLVM — and openPglite
// passes no such setting.)
describe.skipIf(!process.env.DATABASE_URL)("PostgreSQL client (needs DATABASE_URL)", () => {
  let handle: ReturnType<typeof openPostgres>;
  beforeAll(() => {
    handle = openPostgres(process.env.DATABASE_URL ?? "", { max: 2 });
  });
  afterAll(async () => handle.close());

  it("runs with JIT off on every connection", async () => {
    const rows = await Promise.all([0, 1, 2, 3].map(() => queryRows<{ jit: string }>(handle.db, sql`SELECT current_setting('jit') AS jit, pg_sleep(0.05)`)));
    expect(rows.map((r) => r[0]?.jit)).toEqual(["off", "off", "off", "off"]);
  });
});
