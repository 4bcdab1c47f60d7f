import { bigserial, index, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";

// Append-only: a trigger (migration 0001) refuses UPDATE, DELETE and TRUNCATE. Each row carries the
// hash of the previous row, so a removed or altered row breaks the chain (verifyAuditChain).
export const auditEvents = pgTable(
  "audit_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    at: timestamp("at", { withTimezone: true }).notNull(),
    actorUserId: text("actor_user_id"),
    actorLabel: text("actor_label"),
    action: text("action").notNull(),
    entityType: text("entity_type").notNull(),
    entityId: text("entity_id"),
    // the jurisdiction the event belongs to, for auditors' scope; null = no scope (e.g. unknown user)
    jurisdictionCode: text("jurisdiction_code"),
    before: jsonb("before"),
    after: jsonb("after"),
    ip: text("ip"),
    userAgent: text("user_agent"),
    prevHash: text("prev_hash").notNull(),
    hash: text("hash").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // auditors filter by jurisdiction, action and time
    index("audit_events_jurisdiction_idx").on(t.jurisdictionCode, t.id),
    index("audit_events_action_idx").on(t.action),
    index("audit_events_entity_idx").on(t.entityType, t.entityId),
  ],
);

export type AuditEventRow = typeof auditEvents.$inferSelect;
