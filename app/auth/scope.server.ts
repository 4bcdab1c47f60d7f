// "Is X within Y" for jurisdictions, answered in SQL so every scoped query filters in its WHERE clause
// (STYLE.md rule 5), not after loading.
import { and, eq, sql, type SQL, type AnyColumn } from "drizzle-orm";
import type { Db } from "../../db/client";
import { jurisdictions } from "../../db/schema";
import { JURISDICTIONS, isWithin } from "../../rules/jurisdictions";
import { ForbiddenError } from "../services/errors";
import type { Actor } from "./session.server";

// The jurisdictions table is seeded from rules/jurisdictions.ts (db/seed.ts), with each row's path
// built from the same parent chains — so "the codes within a scope" is known here without asking the
// database: the scope itself and every code below it.
const CODES_WITHIN: ReadonlyMap<string, readonly string[]> = new Map(
  JURISDICTIONS.map((scope) => [scope.code, JURISDICTIONS.filter((j) => isWithin(j.code, scope.code)).map((j) => j.code)]),
);

/** The codes `scopeCode` covers (itself first, then everything below it); undefined for a code the rules do not know. */
export function codesWithin(scopeCode: string): readonly string[] | undefined {
  return CODES_WITHIN.get(scopeCode);
}

/**
 * SQL condition: `column` holds a jurisdiction code equal to `scopeCode` or below it.
 *
 * For a known scope the codes go into the query as a list (`column IN ($1, $2, …)`): the planner then
 * sees how much of a table the scope covers — a city is every facility, a county a seventh — where the
 * old form (`IN (SELECT code FROM jurisdictions WHERE path LIKE …)`) made it guess one row and walk a
 * whole province with nested loops. A scope code the reference data does not know (a row added to the
 * table by hand) falls back to that path match.
 */
export function withinJurisdiction(column: AnyColumn | SQL, scopeCode: string): SQL {
  const codes = CODES_WITHIN.get(scopeCode);
  if (codes) {
    return sql`${column} IN (${sql.join(
      codes.map((c) => sql`${c}`),
      sql`, `,
    )})`;
  }
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
