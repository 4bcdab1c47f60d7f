import { boolean, index, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { JURISDICTION_LEVELS } from "../../rules/jurisdictions";

// Reference data seeded from rules/jurisdictions.ts. `path` is the materialised chain from the root
// ("/CN/340000/340300/340321/") so "is X within Y" is one indexed prefix match in SQL.
export const jurisdictions = pgTable(
  "jurisdictions",
  {
    code: text("code").primaryKey(),
    parentCode: text("parent_code"),
    level: text("level", { enum: JURISDICTION_LEVELS }).notNull(),
    nameZh: text("name_zh").notNull(),
    nameEn: text("name_en").notNull(),
    path: text("path").notNull(),
    demo: boolean("demo").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // prefix lookups for scope checks ("path LIKE '/CN/340000/340300/%'")
    index("jurisdictions_path_idx").on(t.path.op("text_pattern_ops")),
  ],
);

export type JurisdictionRow = typeof jurisdictions.$inferSelect;
