// "Is X within Y" for jurisdictions, answered in SQL from the materialised path so every scoped query
// filters in its WHERE clause (STYLE.md rule 5), not after loading.
import { and, eq, sql, type SQL, type AnyColumn } from "drizzle-orm";
import type { Db } from "../../db/client";
import { jurisdictions } from "../../db/schema";
import { ForbiddenError } from "../services/errors";
import type { Actor } from "./session.server";

/** SQL condition: `column` holds a jurisdiction code equal to `scopeCode` or below it. */
export function withinJurisdiction(column: AnyColumn | SQL, scopeCode: string): SQL {
  return sql`${column} IN (SELECT j.code FROM ${jurisdictions} j WHERE j.path LIKE (SELECT s.path FROM ${jurisdictions} s WHERE s.code = ${scopeCode}) || '%')`;
}

export async function isWithinJurisdiction(db: Db, code: string, scopeCode: string): Promise<boolean> {
  const rows = await db
    .select({ code: jurisdictions.code })
    .from(jurisdictions)
    .where(and(eq(jurisdictions.code, code), withinJurisdiction(jurisdictions.code, scopeCode)))
    .limit(1);
  return rows.length > 0;
}

/** The jurisdiction an actor's staff scope covers; operators have none (they are scoped by organisation). */
export function staffScope(actor: Actor): string {
  if (!actor.jurisdictionCode) throw new ForbiddenError("jurisdiction", "scope");
  return actor.jurisdictionCode;
}

/** Refuses (403) when `jurisdictionCode` lies outside the actor's staff scope. */
export async function requireWithinScope(db: Db, actor: Actor, jurisdictionCode: string): Promise<void> {
  const scope = staffScope(actor);
  if (!(await isWithinJurisdiction(db, jurisdictionCode, scope))) {
    throw new ForbiddenError(jurisdictionCode, "scope");
  }
}
