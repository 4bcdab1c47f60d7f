CREATE TABLE "certificates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"code" text NOT NULL,
	"number" text NOT NULL,
	"facility_id" uuid NOT NULL,
	"status" text DEFAULT 'valid' NOT NULL,
	"issued_on" date NOT NULL,
	"valid_from" date NOT NULL,
	"valid_until" date,
	"payload" jsonb NOT NULL,
	"status_reason" text,
	"status_changed_at" timestamp with time zone,
	"issued_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fee_declarations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"facility_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"class_type" text,
	"service_type" text,
	"name" text,
	"amount_fen" integer NOT NULL,
	"voluntary" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "fee_declarations_amount_nonneg" CHECK ("fee_declarations"."amount_fen" >= 0)
);
--> statement-breakpoint
CREATE TABLE "inclusive_applications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"facility_id" uuid NOT NULL,
	"status" text NOT NULL,
	"applied_at" timestamp with time zone NOT NULL,
	"applied_by" text NOT NULL,
	"requested_slots" integer,
	"precheck" jsonb NOT NULL,
	"reviewer_id" text,
	"inspection_on" date,
	"inspection_findings" text,
	"inspection_passed" boolean,
	"notice_starts_on" date,
	"notice_ends_on" date,
	"certified_slots" integer,
	"valid_from" date,
	"valid_until" date,
	"certificate_id" uuid,
	"decision_snapshot" jsonb,
	"decision_evaluation" jsonb,
	"decision_rules_version" text,
	"decided_by" text,
	"decided_at" timestamp with time zone,
	"reasons" text,
	"last_reviewed_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "inclusive_applications_slots_nonneg" CHECK ("inclusive_applications"."certified_slots" IS NULL OR "inclusive_applications"."certified_slots" >= 0)
);
--> statement-breakpoint
CREATE TABLE "objections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"content" text NOT NULL,
	"contact" text,
	"ip" text,
	"ruling" text DEFAULT 'pending' NOT NULL,
	"ruling_note" text,
	"ruled_by" text,
	"ruled_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "price_schedules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"jurisdiction_code" text NOT NULL,
	"effective_from" date NOT NULL,
	"mode" text NOT NULL,
	"caps" jsonb,
	"reference_monthly_income_fen" integer,
	"full_day_share_bp" integer,
	"reference_document" text NOT NULL,
	"reference_clause" text NOT NULL,
	"reference_url" text,
	"published_by" text NOT NULL,
	"published_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "price_schedules_income_nonneg" CHECK ("price_schedules"."reference_monthly_income_fen" IS NULL OR "price_schedules"."reference_monthly_income_fen" > 0),
	CONSTRAINT "price_schedules_share_range" CHECK ("price_schedules"."full_day_share_bp" IS NULL OR ("price_schedules"."full_day_share_bp" > 0 AND "price_schedules"."full_day_share_bp" <= 10000))
);
--> statement-breakpoint
ALTER TABLE "certificates" ADD CONSTRAINT "certificates_facility_id_facilities_id_fk" FOREIGN KEY ("facility_id") REFERENCES "public"."facilities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fee_declarations" ADD CONSTRAINT "fee_declarations_facility_id_facilities_id_fk" FOREIGN KEY ("facility_id") REFERENCES "public"."facilities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inclusive_applications" ADD CONSTRAINT "inclusive_applications_facility_id_facilities_id_fk" FOREIGN KEY ("facility_id") REFERENCES "public"."facilities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "objections" ADD CONSTRAINT "objections_application_id_inclusive_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."inclusive_applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "price_schedules" ADD CONSTRAINT "price_schedules_jurisdiction_code_jurisdictions_code_fk" FOREIGN KEY ("jurisdiction_code") REFERENCES "public"."jurisdictions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "certificates_code_uq" ON "certificates" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "certificates_number_uq" ON "certificates" USING btree ("kind","number");--> statement-breakpoint
CREATE INDEX "certificates_facility_idx" ON "certificates" USING btree ("facility_id","kind");--> statement-breakpoint
CREATE INDEX "fee_declarations_facility_idx" ON "fee_declarations" USING btree ("facility_id");--> statement-breakpoint
CREATE UNIQUE INDEX "fee_declarations_basic_uq" ON "fee_declarations" USING btree ("facility_id","class_type","service_type") WHERE "fee_declarations"."kind" = 'basic';--> statement-breakpoint
CREATE INDEX "inclusive_applications_facility_idx" ON "inclusive_applications" USING btree ("facility_id");--> statement-breakpoint
CREATE INDEX "inclusive_applications_status_idx" ON "inclusive_applications" USING btree ("status","notice_ends_on");--> statement-breakpoint
CREATE UNIQUE INDEX "inclusive_applications_open_uq" ON "inclusive_applications" USING btree ("facility_id") WHERE "inclusive_applications"."status" IN ('applied', 'under_review', 'public_notice', 'certified');--> statement-breakpoint
CREATE INDEX "objections_application_idx" ON "objections" USING btree ("application_id");--> statement-breakpoint
CREATE UNIQUE INDEX "price_schedules_jurisdiction_from_uq" ON "price_schedules" USING btree ("jurisdiction_code","effective_from");