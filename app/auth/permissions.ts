// Typed permission strings per role (STYLE.md rule 6). Shared by server checks and the UI, which only
// hides what a role cannot do; the server always checks.
import type { Role } from "../../db/schema/enums";

export const ROLE_PERMISSIONS = {
  operator: ["view:facility:own", "update:facility:own", "submit:filing:own"],
  reviewer: ["view:facility:jurisdiction", "review:filing:jurisdiction", "approve:enrolment:jurisdiction", "prepare:batch:jurisdiction", "view:subsidy:jurisdiction"],
  price_officer: ["publish:price:jurisdiction"],
  finance_officer: ["approve:batch:jurisdiction", "view:subsidy:jurisdiction"],
  union_officer: ["view:programme:jurisdiction", "manage:programme:jurisdiction"],
  admin: ["manage:user:jurisdiction", "manage:parameter:jurisdiction"],
  auditor: ["read:audit:jurisdiction"],
} as const satisfies Record<Role, readonly string[]>;

export type Permission = (typeof ROLE_PERMISSIONS)[Role][number];

export function permissionsOf(roles: readonly Role[]): Set<Permission> {
  const set = new Set<Permission>();
  for (const role of roles) for (const p of ROLE_PERMISSIONS[role]) set.add(p);
  return set;
}

export function can(roles: readonly Role[], permission: Permission): boolean {
  return roles.some((role) => (ROLE_PERMISSIONS[role] as readonly string[]).includes(permission));
}

/** The landing page of each role, in the order a user holding several roles sees them. */
export const ROLE_HOME: Record<Role, string> = {
  operator: "/operator",
  reviewer: "/review",
  price_officer: "/pricing",
  finance_officer: "/finance",
  union_officer: "/union",
  admin: "/admin",
  auditor: "/audit",
};
