import { index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { jurisdictions } from "./jurisdictions";

// The operator's legal entity (举办者). Filing details (legal form, ownership…) arrive with the filing
// issue; the foundation needs only what scopes an operator user.
export const organisations = pgTable(
  "organisations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    uscc: text("uscc"),
    jurisdictionCode: text("jurisdiction_code")
      .notNull()
      .references(() => jurisdictions.code),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // scoped lists of organisations by jurisdiction
    index("organisations_jurisdiction_idx").on(t.jurisdictionCode),
  ],
);

export type OrganisationRow = typeof organisations.$inferSelect;
