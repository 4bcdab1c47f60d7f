import { boolean, index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { LEGAL_FORMS, OWNERSHIPS } from "../../rules/snapshot";
import { jurisdictions } from "./jurisdictions";

// The operator's legal entity (举办者). USCC check character verified by the service (GB 32100).
export const organisations = pgTable(
  "organisations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    uscc: text("uscc"),
    legalForm: text("legal_form", { enum: LEGAL_FORMS }),
    ownership: text("ownership", { enum: OWNERSHIPS }),
    businessScopeIncludesChildcare: boolean("business_scope_includes_childcare"),
    address: text("address"),
    contactName: text("contact_name"),
    contactPhone: text("contact_phone"),
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
