// Form schemas shared by the browser (react-hook-form) and the server actions; messages are i18n keys.
import { z } from "zod";
import { ROLES } from "../../db/schema/enums";

export const PASSWORD_MIN_LENGTH = 10;

/** The password rule shared by the browser and the server; messages are i18n keys. */
export const newPasswordSchema = z
  .string({ error: "validation.required" })
  .min(PASSWORD_MIN_LENGTH, { error: "password.tooShort" })
  .max(200, { error: "password.tooLong" });

export const loginSchema = z.object({
  username: z.string({ error: "validation.required" }).trim().min(1, { error: "validation.required" }).max(100),
  password: z.string({ error: "validation.required" }).min(1, { error: "validation.required" }).max(200),
});

export const changePasswordSchema = z
  .object({
    currentPassword: z.string({ error: "validation.required" }).min(1, { error: "validation.required" }),
    newPassword: newPasswordSchema,
    confirmPassword: z.string({ error: "validation.required" }),
  })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ["confirmPassword"], error: "password.mismatch" })
  .refine((v) => v.newPassword !== v.currentPassword, { path: ["newPassword"], error: "password.sameAsOld" });

const usernameSchema = z
  .string({ error: "validation.required" })
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{2,39}$/, { error: "user.usernameFormat" });

export const createUserSchema = z
  .object({
    username: usernameSchema,
    displayName: z.string({ error: "validation.required" }).trim().min(1, { error: "validation.required" }).max(100, { error: "validation.tooLong" }),
    roles: z.array(z.enum(ROLES, { error: "user.roleUnknown" }), { error: "user.rolesRequired" }).min(1, { error: "user.rolesRequired" }),
    jurisdictionCode: z.string().trim().optional(),
    organisationId: z.string().trim().optional(),
    password: newPasswordSchema,
  })
  .superRefine((v, ctx) => {
    const staff = v.roles.some((r) => r !== "operator");
    if (staff && !v.jurisdictionCode) ctx.addIssue({ code: "custom", path: ["jurisdictionCode"], message: "user.scopeRequired" });
    if (v.roles.includes("operator") && !v.organisationId) ctx.addIssue({ code: "custom", path: ["organisationId"], message: "user.organisationRequired" });
  });

export const resetPasswordSchema = z.object({ password: newPasswordSchema });

