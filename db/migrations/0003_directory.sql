CREATE TABLE "directory_entries" (
	"facility_id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"address" text,
	"jurisdiction_code" text NOT NULL,
	"kind" text,
	"service_types" text[] NOT NULL,
	"total_slots" integer,
	"receipt_number" text NOT NULL,
	"filed_on" date NOT NULL,
	"organisation_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "directory_entries" ADD CONSTRAINT "directory_entries_facility_id_facilities_id_fk" FOREIGN KEY ("facility_id") REFERENCES "public"."facilities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "directory_entries_jurisdiction_idx" ON "directory_entries" USING btree ("jurisdiction_code","name");--> statement-breakpoint
CREATE INDEX "directory_entries_kind_idx" ON "directory_entries" USING btree ("kind");