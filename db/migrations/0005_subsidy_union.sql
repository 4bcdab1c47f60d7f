CREATE TABLE "enrolment_report_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"report_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"status" text NOT NULL,
	"full_day_infant" integer DEFAULT 0 NOT NULL,
	"full_day_toddler" integer DEFAULT 0 NOT NULL,
	"full_day_older_toddler" integer DEFAULT 0 NOT NULL,
	"full_day_mixed" integer DEFAULT 0 NOT NULL,
	"other_infant" integer DEFAULT 0 NOT NULL,
	"other_toddler" integer DEFAULT 0 NOT NULL,
	"other_older_toddler" integer DEFAULT 0 NOT NULL,
	"other_mixed" integer DEFAULT 0 NOT NULL,
	"kindergarten_class_children" integer DEFAULT 0 NOT NULL,
	"days_open" integer NOT NULL,
	"note" text,
	"submitted_by" text,
	"submitted_at" timestamp with time zone,
	"decided_by" text,
	"decided_at" timestamp with time zone,
	"return_reason" text,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "enrolment_report_versions_nonneg" CHECK ("enrolment_report_versions"."full_day_infant" >= 0 AND "enrolment_report_versions"."full_day_toddler" >= 0 AND "enrolment_report_versions"."full_day_older_toddler" >= 0 AND "enrolment_report_versions"."full_day_mixed" >= 0
        AND "enrolment_report_versions"."other_infant" >= 0 AND "enrolment_report_versions"."other_toddler" >= 0 AND "enrolment_report_versions"."other_older_toddler" >= 0 AND "enrolment_report_versions"."other_mixed" >= 0
        AND "enrolment_report_versions"."kindergarten_class_children" >= 0),
	CONSTRAINT "enrolment_report_versions_days" CHECK ("enrolment_report_versions"."days_open" >= 0 AND "enrolment_report_versions"."days_open" <= 31)
);
--> statement-breakpoint
CREATE TABLE "enrolment_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"facility_id" uuid NOT NULL,
	"period" text NOT NULL,
	"approved_version" integer,
	"approved_full_day_children" integer,
	"approved_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "enrolment_reports_period_format" CHECK ("enrolment_reports"."period" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$')
);
--> statement-breakpoint
CREATE TABLE "facility_bank_accounts" (
	"facility_id" uuid PRIMARY KEY NOT NULL,
	"account_name" text NOT NULL,
	"bank_name" text NOT NULL,
	"account_number" text NOT NULL,
	"updated_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "facility_bank_accounts_number_format" CHECK ("facility_bank_accounts"."account_number" ~ '^[0-9]{8,30}$')
);
--> statement-breakpoint
CREATE TABLE "local_parameter_values" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"parameter" text NOT NULL,
	"jurisdiction_code" text NOT NULL,
	"effective_from" date NOT NULL,
	"effective_to" date,
	"value" jsonb NOT NULL,
	"reference_document" text NOT NULL,
	"reference_clause" text NOT NULL,
	"reference_url" text,
	"entered_by" text NOT NULL,
	"entered_at" timestamp with time zone NOT NULL,
	"superseded_at" timestamp with time zone,
	"superseded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "local_parameter_values_dates" CHECK ("local_parameter_values"."effective_to" IS NULL OR "local_parameter_values"."effective_to" >= "local_parameter_values"."effective_from"),
	CONSTRAINT "local_parameter_values_reference" CHECK (length(trim("local_parameter_values"."reference_document")) > 0 AND length(trim("local_parameter_values"."reference_clause")) > 0)
);
--> statement-breakpoint
CREATE TABLE "parameter_sets" (
	"version" text PRIMARY KEY NOT NULL,
	"values" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "subsidy_batches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"jurisdiction_code" text NOT NULL,
	"period" text NOT NULL,
	"number" text NOT NULL,
	"status" text NOT NULL,
	"run_token" uuid,
	"progress_done" integer DEFAULT 0 NOT NULL,
	"progress_total" integer DEFAULT 0 NOT NULL,
	"line_count" integer DEFAULT 0 NOT NULL,
	"payable_count" integer DEFAULT 0 NOT NULL,
	"excluded_count" integer DEFAULT 0 NOT NULL,
	"total_fen" bigint DEFAULT 0 NOT NULL,
	"provisional" boolean DEFAULT false NOT NULL,
	"rules_version" text,
	"local_parameters_version" text,
	"prepared_by" text NOT NULL,
	"prepared_at" timestamp with time zone,
	"approved_by" text,
	"approved_at" timestamp with time zone,
	"paid_by" text,
	"paid_at" timestamp with time zone,
	"paid_on" date,
	"payment_reference" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "subsidy_batches_period_format" CHECK ("subsidy_batches"."period" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
	CONSTRAINT "subsidy_batches_four_eyes" CHECK ("subsidy_batches"."approved_by" IS NULL OR "subsidy_batches"."approved_by" <> "subsidy_batches"."prepared_by"),
	CONSTRAINT "subsidy_batches_paid_has_reference" CHECK ("subsidy_batches"."status" <> 'paid' OR ("subsidy_batches"."payment_reference" IS NOT NULL AND "subsidy_batches"."paid_on" IS NOT NULL))
);
--> statement-breakpoint
CREATE TABLE "subsidy_lines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"batch_id" uuid NOT NULL,
	"facility_id" uuid NOT NULL,
	"jurisdiction_code" text NOT NULL,
	"period" text NOT NULL,
	"kind" text NOT NULL,
	"corrects_line_id" uuid,
	"payable" boolean NOT NULL,
	"amount_fen" integer NOT NULL,
	"entitled_fen" integer NOT NULL,
	"status" text NOT NULL,
	"reasons" jsonb NOT NULL,
	"decision" jsonb NOT NULL,
	"rules_version" text NOT NULL,
	"local_parameters_version" text,
	"enrolment_version" integer,
	"provisional" boolean NOT NULL,
	"account_name" text,
	"bank_name" text,
	"account_number" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "subsidy_lines_delta_points" CHECK (("subsidy_lines"."kind" = 'original') = ("subsidy_lines"."corrects_line_id" IS NULL)),
	CONSTRAINT "subsidy_lines_original_nonneg" CHECK ("subsidy_lines"."kind" <> 'original' OR "subsidy_lines"."amount_fen" >= 0)
);
--> statement-breakpoint
CREATE TABLE "union_grants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"facility_id" uuid NOT NULL,
	"programme_name" text NOT NULL,
	"year" integer NOT NULL,
	"amount_fen" integer NOT NULL,
	"matching_fen" integer DEFAULT 0 NOT NULL,
	"granted_on" date NOT NULL,
	"reference" text NOT NULL,
	"recorded_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "union_grants_amounts" CHECK ("union_grants"."amount_fen" > 0 AND "union_grants"."matching_fen" >= 0),
	CONSTRAINT "union_grants_year_range" CHECK ("union_grants"."year" BETWEEN 2000 AND 2100)
);
--> statement-breakpoint
CREATE TABLE "union_nominations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"facility_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"status" text NOT NULL,
	"notes" text,
	"document_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"nominated_by" text NOT NULL,
	"recommended_on" date,
	"decided_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "union_nominations_year_range" CHECK ("union_nominations"."year" BETWEEN 2022 AND 2100)
);
--> statement-breakpoint
ALTER TABLE "facilities" ADD COLUMN "employer_uscc" text;--> statement-breakpoint
ALTER TABLE "facilities" ADD COLUMN "employer_park_name" text;--> statement-breakpoint
ALTER TABLE "facilities" ADD COLUMN "employer_open_to_residents" boolean;--> statement-breakpoint
ALTER TABLE "facilities" ADD COLUMN "employer_reserved_slots" integer;--> statement-breakpoint
ALTER TABLE "facilities" ADD COLUMN "employer_contact_name" text;--> statement-breakpoint
ALTER TABLE "facilities" ADD COLUMN "employer_contact_phone" text;--> statement-breakpoint
ALTER TABLE "enrolment_report_versions" ADD CONSTRAINT "enrolment_report_versions_report_id_enrolment_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."enrolment_reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrolment_reports" ADD CONSTRAINT "enrolment_reports_facility_id_facilities_id_fk" FOREIGN KEY ("facility_id") REFERENCES "public"."facilities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "facility_bank_accounts" ADD CONSTRAINT "facility_bank_accounts_facility_id_facilities_id_fk" FOREIGN KEY ("facility_id") REFERENCES "public"."facilities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "local_parameter_values" ADD CONSTRAINT "local_parameter_values_jurisdiction_code_jurisdictions_code_fk" FOREIGN KEY ("jurisdiction_code") REFERENCES "public"."jurisdictions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_batches" ADD CONSTRAINT "subsidy_batches_jurisdiction_code_jurisdictions_code_fk" FOREIGN KEY ("jurisdiction_code") REFERENCES "public"."jurisdictions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_lines" ADD CONSTRAINT "subsidy_lines_batch_id_subsidy_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."subsidy_batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_lines" ADD CONSTRAINT "subsidy_lines_facility_id_facilities_id_fk" FOREIGN KEY ("facility_id") REFERENCES "public"."facilities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "union_grants" ADD CONSTRAINT "union_grants_facility_id_facilities_id_fk" FOREIGN KEY ("facility_id") REFERENCES "public"."facilities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "union_nominations" ADD CONSTRAINT "union_nominations_facility_id_facilities_id_fk" FOREIGN KEY ("facility_id") REFERENCES "public"."facilities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "enrolment_report_versions_uq" ON "enrolment_report_versions" USING btree ("report_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "enrolment_report_versions_open_uq" ON "enrolment_report_versions" USING btree ("report_id") WHERE "enrolment_report_versions"."status" IN ('draft', 'submitted', 'returned');--> statement-breakpoint
CREATE INDEX "enrolment_report_versions_status_idx" ON "enrolment_report_versions" USING btree ("status");--> statement-breakpoint
CREATE UNIQUE INDEX "enrolment_reports_facility_period_uq" ON "enrolment_reports" USING btree ("facility_id","period");--> statement-breakpoint
CREATE INDEX "enrolment_reports_period_idx" ON "enrolment_reports" USING btree ("period");--> statement-breakpoint
CREATE UNIQUE INDEX "local_parameter_values_live_uq" ON "local_parameter_values" USING btree ("parameter","jurisdiction_code","effective_from") WHERE "local_parameter_values"."superseded_at" IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "subsidy_batches_jurisdiction_period_uq" ON "subsidy_batches" USING btree ("jurisdiction_code","period");--> statement-breakpoint
CREATE INDEX "subsidy_batches_status_idx" ON "subsidy_batches" USING btree ("status");--> statement-breakpoint
CREATE UNIQUE INDEX "subsidy_lines_original_uq" ON "subsidy_lines" USING btree ("facility_id","period") WHERE "subsidy_lines"."kind" = 'original';--> statement-breakpoint
CREATE UNIQUE INDEX "subsidy_lines_delta_uq" ON "subsidy_lines" USING btree ("batch_id","facility_id","period") WHERE "subsidy_lines"."kind" = 'delta';--> statement-breakpoint
CREATE INDEX "subsidy_lines_batch_idx" ON "subsidy_lines" USING btree ("batch_id","payable");--> statement-breakpoint
CREATE INDEX "subsidy_lines_facility_idx" ON "subsidy_lines" USING btree ("facility_id","period");--> statement-breakpoint
CREATE INDEX "union_grants_facility_idx" ON "union_grants" USING btree ("facility_id");--> statement-breakpoint
CREATE INDEX "union_grants_year_idx" ON "union_grants" USING btree ("year");--> statement-breakpoint
CREATE UNIQUE INDEX "union_nominations_facility_year_uq" ON "union_nominations" USING btree ("facility_id","year");--> statement-breakpoint
CREATE INDEX "union_nominations_status_idx" ON "union_nominations" USING btree ("status","year");--> statement-breakpoint
ALTER TABLE "facilities" ADD CONSTRAINT "facilities_reserved_slots_nonneg" CHECK ("facilities"."employer_reserved_slots" IS NULL OR "facilities"."employer_reserved_slots" >= 0);--> statement-breakpoint
-- Nothing approved or paid is ever edited (DESIGN.md "Operating subsidy"): the database refuses to
-- change or delete a line of an approved or paid batch, and refuses to take a paid batch back.
CREATE FUNCTION subsidy_lines_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM subsidy_batches b WHERE b.id = OLD.batch_id AND b.status IN ('approved', 'paid')) THEN
    RAISE EXCEPTION 'subsidy line % belongs to an approved batch: % refused', OLD.id, TG_OP
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER subsidy_lines_frozen
  BEFORE UPDATE OR DELETE ON subsidy_lines
  FOR EACH ROW EXECUTE FUNCTION subsidy_lines_refuse_change();
--> statement-breakpoint
CREATE FUNCTION subsidy_batches_refuse_unpay() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status = 'paid' THEN
    RAISE EXCEPTION 'subsidy batch % is paid: % refused', OLD.id, TG_OP
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER subsidy_batches_paid_frozen
  BEFORE UPDATE OR DELETE ON subsidy_batches
  FOR EACH ROW EXECUTE FUNCTION subsidy_batches_refuse_unpay();
