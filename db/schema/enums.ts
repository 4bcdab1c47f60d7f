// Enumerations listed once (STYLE.md rule 7). Plain data, no drizzle import, so the browser bundle
// (forms, permissions) can use them.
export const ROLES = [
  "operator",
  "reviewer",
  "price_officer",
  "finance_officer",
  "union_officer",
  "admin",
  "auditor",
] as const;
export type Role = (typeof ROLES)[number];
