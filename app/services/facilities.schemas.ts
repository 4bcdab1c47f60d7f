// Form schemas of the operator's organisation, facilities, classes, staff and documents — shared by
// react-hook-form in the browser and the service functions on the server. Messages are i18n keys.
// Drafts save at any point: most fields are optional; only impossible data is refused (negative
// numbers, enrolment above a class's capacity, a lease ending before it starts). Breaking a standard
// (a 托小班 of 16) is accepted: reporting it is the rules' job.
import { z } from "zod";
import { isValidDate } from "../../rules/engine/dates";
import { isUsccShape, isValidResidentId, isValidUscc } from "../../rules/identifiers";
import {
  CLASS_TYPES,
  DOCUMENT_KINDS,
  EDUCATION_LEVELS,
  FACILITY_KINDS,
  KINDERGARTEN_OWNERSHIPS,
  LEGAL_FORMS,
  OWNERSHIPS,
  QUALIFICATION_KINDS,
  SERVICE_TYPES,
  STAFF_ROLES,
  TENURES,
} from "../../rules/snapshot";

const blankToUndefined = (v: unknown) => (v === "" || v === null ? undefined : v);

/** A trimmed optional text field ("" → undefined). */
export const optionalText = (max = 200) =>
  z.preprocess((v) => (typeof v === "string" ? blankToUndefined(v.trim()) : v), z.string().max(max, { error: "validation.tooLong" }).optional());

export const requiredText = (max = 200) =>
  z.preprocess(
    (v) => (typeof v === "string" ? v.trim() : v),
    z.string({ error: "validation.required" }).min(1, { error: "validation.required" }).max(max, { error: "validation.tooLong" }),
  );

/** A non-negative whole number from a form ("" → undefined). */
export const optionalCount = z.preprocess(
  (v) => (typeof v === "string" ? (v.trim() === "" ? undefined : Number(v.trim())) : blankToUndefined(v)),
  z.number({ error: "filing.validation.count" }).int({ error: "filing.validation.count" }).min(0, { error: "filing.validation.count" }).max(1_000_000, { error: "filing.validation.count" }).optional(),
);

export const requiredCount = z.preprocess(
  (v) => (typeof v === "string" ? (v.trim() === "" ? undefined : Number(v.trim())) : v),
  z.number({ error: "filing.validation.count" }).int({ error: "filing.validation.count" }).min(0, { error: "filing.validation.count" }).max(100_000, { error: "filing.validation.count" }),
);

/** A calendar date YYYY-MM-DD ("" → undefined); 2026-02-30 is refused. */
export const optionalDate = z.preprocess(
  blankToUndefined,
  z
    .string()
    .refine((v) => isValidDate(v), { error: "filing.validation.date" })
    .optional(),
);

/** A yes / no / not-yet-known choice from a select ("true" / "false" / ""), or a checkbox. */
export const optionalBool = z.preprocess((v) => {
  if (v === "true" || v === "on" || v === true) return true;
  if (v === "false" || v === false) return false;
  return undefined;
}, z.boolean().optional());

const optionalEnum = <T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess(blankToUndefined, z.enum(values, { error: "filing.validation.choice" }).optional());

const requiredEnum = <T extends readonly [string, ...string[]]>(values: T) => z.enum(values, { error: "filing.validation.choice" });

export const organisationSchema = z.object({
  name: requiredText(),
  uscc: z.preprocess(
    (v) => (typeof v === "string" ? v.trim().toUpperCase() : v),
    z
      .string({ error: "validation.required" })
      .min(1, { error: "validation.required" })
      .refine(isUsccShape, { error: "filing.organisation.usccShape" })
      .refine(isValidUscc, { error: "filing.organisation.usccCheck" }),
  ),
  legalForm: optionalEnum(LEGAL_FORMS),
  ownership: optionalEnum(OWNERSHIPS),
  businessScopeIncludesChildcare: optionalBool,
  address: optionalText(),
  contactName: optionalText(50),
  contactPhone: z.preprocess(
    (v) => (typeof v === "string" ? blankToUndefined(v.trim()) : v),
    z
      .string()
      .regex(/^[0-9+\-() ]{5,30}$/, { error: "filing.organisation.phone" })
      .optional(),
  ),
  jurisdictionCode: requiredText(20),
});

export const facilitySchema = z
  .object({
    name: requiredText(),
    address: optionalText(),
    jurisdictionCode: requiredText(20),
    kind: optionalEnum(FACILITY_KINDS),
    serviceTypes: z.preprocess(
      (v) => (v === undefined || v === false || v === "" ? [] : Array.isArray(v) ? v : [v]),
      z.array(z.enum(SERVICE_TYPES, { error: "filing.validation.choice" })),
    ),
    totalSlots: optionalCount,
    openedOn: optionalDate,
    mealsProvided: optionalBool,
    premisesTenure: optionalEnum(TENURES),
    leaseStartsOn: optionalDate,
    leaseEndsOn: optionalDate,
    premisesStateOwned: optionalBool,
    employerName: optionalText(),
    employerMainlyForOwnEmployees: optionalBool,
    employerOpenToOtherEmployers: optionalBool,
    kindergartenOwnership: optionalEnum(KINDERGARTEN_OWNERSHIPS),
  })
  .superRefine((v, ctx) => {
    if (v.leaseStartsOn && v.leaseEndsOn && v.leaseEndsOn < v.leaseStartsOn) {
      ctx.addIssue({ code: "custom", path: ["leaseEndsOn"], message: "filing.facility.leaseEndsBeforeStart" });
    }
  });

/**
 * The employer-run programme profile (用人单位办托, for unions), edited by the operator of an employer_run
 * facility: the three employer facts the rules read, plus the employer's USCC (check character), the
 * industrial park, openness to nearby residents, slots reserved for the employer's staff and a contact.
 * The service adds the check that needs the facility (reserved slots ≤ total slots).
 */
export const programmeProfileSchema = z.object({
  employerName: requiredText(),
  employerUscc: z.preprocess(
    (v) => (typeof v === "string" ? v.trim().toUpperCase() : v),
    z
      .string({ error: "validation.required" })
      .min(1, { error: "validation.required" })
      .refine(isUsccShape, { error: "union.validation.usccShape" })
      .refine(isValidUscc, { error: "union.validation.usccCheck" }),
  ),
  employerParkName: optionalText(100),
  employerMainlyForOwnEmployees: optionalBool,
  employerOpenToOtherEmployers: optionalBool,
  employerOpenToResidents: optionalBool,
  employerReservedSlots: z.preprocess(
    (v) => (typeof v === "string" ? (v.trim() === "" ? undefined : Number(v.trim())) : blankToUndefined(v)),
    z.number({ error: "union.validation.slots" }).int({ error: "union.validation.slots" }).min(0, { error: "union.validation.slots" }).max(100_000, { error: "union.validation.slots" }).optional(),
  ),
  employerContactName: optionalText(50),
  employerContactPhone: z.preprocess(
    (v) => (typeof v === "string" ? blankToUndefined(v.trim()) : v),
    z
      .string()
      .regex(/^[0-9+\-() ]{5,30}$/, { error: "union.validation.phone" })
      .optional(),
  ),
});

export const classSchema = z
  .object({
    name: optionalText(50),
    type: requiredEnum(CLASS_TYPES),
    capacity: requiredCount,
    enrolled: requiredCount,
    caregivers: requiredCount,
    // the youngest child's age in months (0–36): decides whether a 混合编班 is a 2–3岁 托班 (1477号)
    youngestAgeMonths: optionalCount,
  })
  .superRefine((v, ctx) => {
    if (v.enrolled > v.capacity) ctx.addIssue({ code: "custom", path: ["enrolled"], message: "filing.class.enrolledAboveCapacity" });
    if (v.youngestAgeMonths !== undefined && v.youngestAgeMonths > 36) ctx.addIssue({ code: "custom", path: ["youngestAgeMonths"], message: "filing.class.youngestAgeRange" });
  });

export const staffSchema = z.object({
  name: requiredText(50),
  idNumber: z.preprocess(
    (v) => (typeof v === "string" ? v.trim().toUpperCase() : v),
    z
      .string({ error: "validation.required" })
      .min(1, { error: "validation.required" })
      .regex(/^\d{17}[\dX]$/, { error: "filing.staff.idNumberShape" })
      .refine(isValidResidentId, { error: "filing.staff.idNumberCheck" }),
  ),
  role: requiredEnum(STAFF_ROLES),
  education: optionalEnum(EDUCATION_LEVELS),
  yearsOfExperience: optionalCount,
  healthCertificateValidUntil: optionalDate,
  backgroundCheckOn: optionalDate,
  laborContract: optionalBool,
  socialInsurance: optionalBool,
});

/** Editing a staff member: an empty ID number keeps the stored one (the full number is shown only on request). */
export const staffUpdateSchema = staffSchema.extend({
  idNumber: z.preprocess(
    (v) => (typeof v === "string" ? blankToUndefined(v.trim().toUpperCase()) : v),
    z
      .string()
      .regex(/^\d{17}[\dX]$/, { error: "filing.staff.idNumberShape" })
      .refine(isValidResidentId, { error: "filing.staff.idNumberCheck" })
      .optional(),
  ),
});

/** Levels exist for 保育师 (五级…一级) and 婴幼儿发展引导员 (四级…一级); other kinds have none. */
export const LEVELLED_QUALIFICATIONS = { childcare_worker: [5, 4, 3, 2, 1], infant_development_guide: [4, 3, 2, 1] } as const;

export const qualificationSchema = z
  .object({
    kind: requiredEnum(QUALIFICATION_KINDS),
    level: z.preprocess(
      (v) => (v === "" || v === undefined || v === null ? undefined : Number(v)),
      z.number({ error: "filing.validation.choice" }).int().min(1, { error: "filing.validation.choice" }).max(5, { error: "filing.validation.choice" }).optional(),
    ),
    number: optionalText(60),
    issuer: optionalText(100),
    issuedOn: optionalDate,
    validUntil: optionalDate,
  })
  .superRefine((v, ctx) => {
    const levels = (LEVELLED_QUALIFICATIONS as Record<string, readonly number[]>)[v.kind];
    if (levels && v.level === undefined) ctx.addIssue({ code: "custom", path: ["level"], message: "filing.qualification.levelRequired" });
    if (levels && v.level !== undefined && !levels.includes(v.level)) ctx.addIssue({ code: "custom", path: ["level"], message: "filing.qualification.levelInvalid" });
    if (!levels && v.level !== undefined) ctx.addIssue({ code: "custom", path: ["level"], message: "filing.qualification.noLevels" });
    if (v.issuedOn && v.validUntil && v.validUntil < v.issuedOn) ctx.addIssue({ code: "custom", path: ["validUntil"], message: "filing.validation.endBeforeStart" });
  });

export const documentSchema = z
  .object({
    kind: requiredEnum(DOCUMENT_KINDS),
    issuedOn: optionalDate,
    validUntil: optionalDate,
    passed: optionalBool,
  })
  .superRefine((v, ctx) => {
    if (v.issuedOn && v.validUntil && v.validUntil < v.issuedOn) ctx.addIssue({ code: "custom", path: ["validUntil"], message: "filing.validation.endBeforeStart" });
    if (v.kind === "health_evaluation" && v.passed === undefined) ctx.addIssue({ code: "custom", path: ["passed"], message: "filing.document.resultRequired" });
  });

export const submitFilingSchema = z.object({ explanation: optionalText(2000) });

export const returnFilingSchema = z.object({
  reasons: z
    .array(z.object({ item: requiredText(100), reason: requiredText(500) }), { error: "filing.filing.reasonRequired" })
    .min(1, { error: "filing.filing.reasonRequired" }),
});

export const cancelFilingSchema = z.object({ reason: requiredText(500) });

export type OrganisationInput = z.output<typeof organisationSchema>;
export type FacilityInput = z.output<typeof facilitySchema>;
export type ProgrammeProfileInput = z.output<typeof programmeProfileSchema>;
export type ClassInput = z.output<typeof classSchema>;
export type StaffInput = z.output<typeof staffSchema>;
export type QualificationInput = z.output<typeof qualificationSchema>;
export type DocumentInput = z.output<typeof documentSchema>;
