// Helpers the operator's registration services share: zod parsing into field errors, the check that a
// jurisdiction code exists, picking a row's fields for the audit diff, and storing an upload by SHA-256
// after sniffing its type.
import { eq } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { jurisdictions } from "../../../db/schema";
import { ValidationError } from "../errors";
import { checkUpload, type FileStorage } from "../storage.server";
import { fieldErrorsOf } from "../users.server";
import type { z } from "zod";

export function parse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new ValidationError(fieldErrorsOf(parsed.error));
  return parsed.data;
}

export async function assertKnownJurisdiction(db: Db, code: string, field: string) {
  const [j] = await db.select({ code: jurisdictions.code }).from(jurisdictions).where(eq(jurisdictions.code, code));
  if (!j) throw new ValidationError({ [field]: "filing.facility.jurisdictionUnknown" });
}

export function pick(row: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.map((k) => [k, row[k] ?? null]));
}

export async function storeUpload(storage: FileStorage, file: { bytes: Uint8Array; name: string }, field: string) {
  const check = checkUpload(file.bytes, file.name);
  if (!check.ok) throw new ValidationError({ [field]: `filing.${check.error}` });
  const { sha256, sizeBytes } = await storage.put(file.bytes);
  return { sha256, sizeBytes, mimeType: check.mimeType };
}
