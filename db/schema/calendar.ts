import { date, pgTable, text, timestamp } from "drizzle-orm/pg-core";

// The official holiday calendar (国务院办公厅 annual notice), kept as data and editable by an admin:
// `holiday` days off on weekdays, `workday` weekend days worked in exchange (调休).
export const CALENDAR_DAY_KINDS = ["holiday", "workday"] as const;

export const calendarDays = pgTable("calendar_days", {
  day: date("day").primaryKey(),
  kind: text("kind", { enum: CALENDAR_DAY_KINDS }).notNull(),
  nameZh: text("name_zh").notNull(),
  nameEn: text("name_en").notNull(),
  reference: text("reference").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});
