import { eq } from "drizzle-orm";
import { getDb } from "../../db/client";
import { jurisdictions, organisations } from "../../db/schema";
import type { Role } from "../../db/schema/enums";
import type { Permission } from "../auth/permissions";
import { requirePermission } from "../auth/session.server";
import { langFromCookie } from "../i18n/i18n";
import type { RoleHomeData } from "../components/role-home";

/** Loader body shared by the role homes: the permission that opens it, and what the header shows. */
export async function loadRoleHome(request: Request, role: Role, permission: Permission): Promise<RoleHomeData> {
  const actor = await requirePermission(request, permission);
  const db = await getDb();
  const en = langFromCookie(request.headers.get("cookie")) === "en";
  let scopeName: string | null = null;
  let organisationName: string | null = null;
  if (actor.jurisdictionCode) {
    const [j] = await db.select().from(jurisdictions).where(eq(jurisdictions.code, actor.jurisdictionCode));
    scopeName = j ? (en ? j.nameEn : j.nameZh) : actor.jurisdictionCode;
  }
  if (actor.organisationId) {
    const [o] = await db.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, actor.organisationId));
    organisationName = o?.name ?? null;
  }
  return { role, scopeName, organisationName };
}
