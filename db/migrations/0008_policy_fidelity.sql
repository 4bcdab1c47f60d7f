ALTER TABLE "facility_classes" ADD COLUMN "youngest_age_months" integer;--> statement-breakpoint
ALTER TABLE "enrolment_report_versions" ADD COLUMN "full_day_attending" integer;--> statement-breakpoint
ALTER TABLE "enrolment_reports" ADD COLUMN "approved_full_day_attending" integer;--> statement-breakpoint
ALTER TABLE "facility_classes" ADD CONSTRAINT "facility_classes_youngest_age" CHECK ("facility_classes"."youngest_age_months" IS NULL OR ("facility_classes"."youngest_age_months" >= 0 AND "facility_classes"."youngest_age_months" <= 36));--> statement-breakpoint
ALTER TABLE "enrolment_report_versions" ADD CONSTRAINT "enrolment_report_versions_attending" CHECK ("enrolment_report_versions"."full_day_attending" IS NULL OR "enrolment_report_versions"."full_day_attending" >= 0);