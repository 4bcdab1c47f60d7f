CREATE TABLE "subsidy_batch_totals" (
	"batch_id" uuid NOT NULL,
	"period" text NOT NULL,
	"jurisdiction_code" text NOT NULL,
	"lines" integer NOT NULL,
	"amount_fen" bigint NOT NULL,
	CONSTRAINT "subsidy_batch_totals_batch_id_period_jurisdiction_code_pk" PRIMARY KEY("batch_id","period","jurisdiction_code")
);
--> statement-breakpoint
ALTER TABLE "subsidy_batches" ADD COLUMN "delta_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "subsidy_batches" ADD COLUMN "top_up_fen" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "subsidy_batches" ADD COLUMN "recovery_fen" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "subsidy_batches" ADD COLUMN "reason_counts" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "subsidy_lines" ADD COLUMN "facility_name" text;--> statement-breakpoint
-- Backfill what earlier batches already hold. The freeze triggers guard against the application; this
-- one-off derivation of stored facts (no amount, status or decision changes) runs with them disabled.
ALTER TABLE "subsidy_lines" DISABLE TRIGGER "subsidy_lines_frozen";--> statement-breakpoint
ALTER TABLE "subsidy_batches" DISABLE TRIGGER "subsidy_batches_paid_frozen";--> statement-breakpoint
UPDATE "subsidy_lines" l SET "facility_name" = f."name" FROM "facilities" f WHERE f."id" = l."facility_id";--> statement-breakpoint
UPDATE "subsidy_batches" b SET
  "delta_count" = s.deltas, "top_up_fen" = s.top_up, "recovery_fen" = s.recovery
  FROM (SELECT batch_id, count(*) FILTER (WHERE kind = 'delta') AS deltas,
               coalesce(sum(amount_fen) FILTER (WHERE kind = 'delta' AND amount_fen > 0), 0) AS top_up,
               coalesce(sum(amount_fen) FILTER (WHERE kind = 'delta' AND amount_fen < 0), 0) AS recovery
          FROM "subsidy_lines" GROUP BY batch_id) s
 WHERE s.batch_id = b."id";--> statement-breakpoint
UPDATE "subsidy_batches" b SET "reason_counts" = s.counts
  FROM (SELECT batch_id, jsonb_agg(jsonb_build_object('reason', reason, 'count', n) ORDER BY n DESC, reason) AS counts
          FROM (SELECT l.batch_id, r.reason, count(*) AS n
                  FROM "subsidy_lines" l, jsonb_array_elements_text(l."reasons") AS r(reason)
                 WHERE NOT l."payable" GROUP BY l.batch_id, r.reason) x
         GROUP BY batch_id) s
 WHERE s.batch_id = b."id";--> statement-breakpoint
ALTER TABLE "subsidy_lines" ENABLE TRIGGER "subsidy_lines_frozen";--> statement-breakpoint
ALTER TABLE "subsidy_batches" ENABLE TRIGGER "subsidy_batches_paid_frozen";--> statement-breakpoint
ALTER TABLE "subsidy_lines" ALTER COLUMN "facility_name" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "subsidy_batch_totals" ADD CONSTRAINT "subsidy_batch_totals_batch_id_subsidy_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."subsidy_batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "subsidy_batch_totals_period_idx" ON "subsidy_batch_totals" USING btree ("period");--> statement-breakpoint
CREATE INDEX "subsidy_lines_batch_name_idx" ON "subsidy_lines" USING btree ("batch_id","facility_name","period","id");--> statement-breakpoint
INSERT INTO "subsidy_batch_totals" ("batch_id", "period", "jurisdiction_code", "lines", "amount_fen")
SELECT batch_id, period, jurisdiction_code, count(*), sum(amount_fen) FROM "subsidy_lines" WHERE payable GROUP BY batch_id, period, jurisdiction_code;