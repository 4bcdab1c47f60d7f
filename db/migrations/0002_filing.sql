CREATE TABLE "facilities" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"name" text NOT NULL,
	"address" text,
	"jurisdiction_code" text NOT NULL,
	"kind" text,
	"service_types" text[] DEFAULT '{}'::text[] NOT NULL,
	"total_slots" integer,
	"opened_on" date,
	"meals_provided" boolean,
	"premises_tenure" text,
	"lease_starts_on" date,
	"lease_ends_on" date,
	"premises_state_owned" boolean,
	"employer_name" text,
	"employer_mainly_for_own_employees" boolean,
	"employer_open_to_other_employers" boolean,
	"kindergarten_ownership" text,
	"filing_state" text DEFAULT 'draft' NOT NULL,
	"receipt_number" text,
	"filed_on" date,
	"cancelled_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "facilities_total_slots_nonneg" CHECK ("facilities"."total_slots" IS NULL OR "facilities"."total_slots" >= 0)
);
--> statement-breakpoint
CREATE TABLE "facility_classes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"facility_id" uuid NOT NULL,
	"name" text,
	"type" text NOT NULL,
	"capacity" integer NOT NULL,
	"enrolled" integer NOT NULL,
	"caregivers" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "facility_classes_counts_nonneg" CHECK ("facility_classes"."capacity" >= 0 AND "facility_classes"."enrolled" >= 0 AND "facility_classes"."caregivers" >= 0),
	CONSTRAINT "facility_classes_enrolled_within_capacity" CHECK ("facility_classes"."enrolled" <= "facility_classes"."capacity")
);
--> statement-breakpoint
CREATE TABLE "documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"facility_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"sha256" text NOT NULL,
	"mime_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"original_name" text NOT NULL,
	"issued_on" date,
	"valid_until" date,
	"passed" boolean,
	"uploaded_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "documents_size_limit" CHECK ("documents"."size_bytes" > 0 AND "documents"."size_bytes" <= 10485760)
);
--> statement-breakpoint
CREATE TABLE "staff_members" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"facility_id" uuid NOT NULL,
	"name" text NOT NULL,
	"id_number_encrypted" text NOT NULL,
	"id_number_hmac" text NOT NULL,
	"id_number_masked" text NOT NULL,
	"role" text NOT NULL,
	"education" text,
	"years_of_experience" integer,
	"health_certificate_valid_until" date,
	"health_certificate_document_id" uuid,
	"background_check_on" date,
	"labor_contract" boolean,
	"social_insurance" boolean,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "staff_members_years_nonneg" CHECK ("staff_members"."years_of_experience" IS NULL OR "staff_members"."years_of_experience" >= 0)
);
--> statement-breakpoint
CREATE TABLE "staff_qualifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"staff_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"level" integer,
	"number" text,
	"issuer" text,
	"issued_on" date,
	"valid_until" date,
	"proof_document_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "staff_qualifications_level_range" CHECK ("staff_qualifications"."level" IS NULL OR ("staff_qualifications"."level" BETWEEN 1 AND 5))
);
--> statement-breakpoint
CREATE TABLE "filings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"facility_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"status" text NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL,
	"submitted_by" text NOT NULL,
	"due_on" date NOT NULL,
	"explanation" text,
	"snapshot" jsonb NOT NULL,
	"evaluation" jsonb NOT NULL,
	"rules_version" text NOT NULL,
	"decided_at" timestamp with time zone,
	"decided_by" text,
	"decision_rules_version" text,
	"decision_evaluation" jsonb,
	"return_reasons" jsonb,
	"receipt_number" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inbox_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"facility_id" uuid,
	"filing_id" uuid,
	"kind" text NOT NULL,
	"params" jsonb,
	"read_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "receipt_sequences" (
	"jurisdiction_code" text NOT NULL,
	"year" integer NOT NULL,
	"last_value" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "receipt_sequences_pk" PRIMARY KEY("jurisdiction_code","year")
);
--> statement-breakpoint
CREATE TABLE "calendar_days" (
	"day" date PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"reference" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "legal_form" text;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "ownership" text;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "business_scope_includes_childcare" boolean;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "address" text;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "contact_name" text;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "contact_phone" text;--> statement-breakpoint
ALTER TABLE "facilities" ADD CONSTRAINT "facilities_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "facilities" ADD CONSTRAINT "facilities_jurisdiction_code_jurisdictions_code_fk" FOREIGN KEY ("jurisdiction_code") REFERENCES "public"."jurisdictions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "facility_classes" ADD CONSTRAINT "facility_classes_facility_id_facilities_id_fk" FOREIGN KEY ("facility_id") REFERENCES "public"."facilities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_facility_id_facilities_id_fk" FOREIGN KEY ("facility_id") REFERENCES "public"."facilities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_members" ADD CONSTRAINT "staff_members_facility_id_facilities_id_fk" FOREIGN KEY ("facility_id") REFERENCES "public"."facilities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_members" ADD CONSTRAINT "staff_members_health_certificate_document_id_documents_id_fk" FOREIGN KEY ("health_certificate_document_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_qualifications" ADD CONSTRAINT "staff_qualifications_staff_id_staff_members_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff_members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_qualifications" ADD CONSTRAINT "staff_qualifications_proof_document_id_documents_id_fk" FOREIGN KEY ("proof_document_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "filings" ADD CONSTRAINT "filings_facility_id_facilities_id_fk" FOREIGN KEY ("facility_id") REFERENCES "public"."facilities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbox_messages" ADD CONSTRAINT "inbox_messages_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbox_messages" ADD CONSTRAINT "inbox_messages_facility_id_facilities_id_fk" FOREIGN KEY ("facility_id") REFERENCES "public"."facilities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbox_messages" ADD CONSTRAINT "inbox_messages_filing_id_filings_id_fk" FOREIGN KEY ("filing_id") REFERENCES "public"."filings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "facilities_organisation_idx" ON "facilities" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "facilities_jurisdiction_state_idx" ON "facilities" USING btree ("jurisdiction_code","filing_state");--> statement-breakpoint
CREATE UNIQUE INDEX "facilities_receipt_number_uq" ON "facilities" USING btree ("receipt_number");--> statement-breakpoint
CREATE INDEX "facility_classes_facility_idx" ON "facility_classes" USING btree ("facility_id");--> statement-breakpoint
CREATE INDEX "documents_facility_kind_idx" ON "documents" USING btree ("facility_id","kind");--> statement-breakpoint
CREATE INDEX "staff_members_facility_idx" ON "staff_members" USING btree ("facility_id");--> statement-breakpoint
CREATE INDEX "staff_members_id_hmac_idx" ON "staff_members" USING btree ("id_number_hmac");--> statement-breakpoint
CREATE INDEX "staff_qualifications_staff_idx" ON "staff_qualifications" USING btree ("staff_id");--> statement-breakpoint
CREATE INDEX "staff_qualifications_valid_until_idx" ON "staff_qualifications" USING btree ("valid_until");--> statement-breakpoint
CREATE INDEX "filings_facility_idx" ON "filings" USING btree ("facility_id","submitted_at");--> statement-breakpoint
CREATE INDEX "filings_status_due_idx" ON "filings" USING btree ("status","due_on");--> statement-breakpoint
CREATE INDEX "inbox_messages_organisation_idx" ON "inbox_messages" USING btree ("organisation_id","created_at");