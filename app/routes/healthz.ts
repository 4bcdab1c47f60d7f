import { data } from "@remix-run/node";
import { sql } from "drizzle-orm";
import { getDb } from "../../db/client";

// Liveness and readiness: 200 when the database answers, 503 otherwise.
export async function loader() {
  try {
    const db = await getDb();
    await db.execute(sql`SELECT 1`);
    return data({ status: "ok", database: "reachable" }, { headers: { "Cache-Control": "no-store" } });
  } catch {
    return data({ status: "error", database: "unreachable" }, { status: 503, headers: { "Cache-Control": "no-store" } });
  }
}
