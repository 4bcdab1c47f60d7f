// Maps typed domain errors to HTTP responses so the error boundary can say what went wrong
// (a 403 page names the missing permission), and bad input to a 400 with field errors.
import { data } from "@remix-run/node";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError, type FieldErrors } from "../services/errors";

export type ForbiddenBody = { kind: "forbidden"; missing: string; reason: "permission" | "scope" };
export type NotFoundBody = { kind: "not_found"; entity: string };
export type ActionErrorBody = { ok: false; fieldErrors: FieldErrors; formError?: string };

export function errorResponse(error: unknown): unknown {
  if (error instanceof ForbiddenError) {
    return data<ForbiddenBody>({ kind: "forbidden", missing: error.missing, reason: error.reason }, { status: 403 });
  }
  if (error instanceof NotFoundError) return data<NotFoundBody>({ kind: "not_found", entity: error.entity }, { status: 404 });
  if (error instanceof ConflictError) return data({ kind: "conflict", messageKey: error.messageKey }, { status: 409 });
  return error;
}

/** Runs a loader body; domain errors become error responses (rendered by the error boundary). */
export async function guarded<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    throw errorResponse(error);
  }
}

/** Runs an action body; a ValidationError becomes a 400 with field errors the form shows. */
export async function guardedAction<T>(fn: () => Promise<T>) {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof ValidationError) {
      return data<ActionErrorBody>({ ok: false, fieldErrors: error.fieldErrors, formError: error.formError }, { status: 400 });
    }
    // a conflict (someone decided first, the state moved on) is shown on the form, not as an error page
    if (error instanceof ConflictError) return data<ActionErrorBody>({ ok: false, fieldErrors: {}, formError: error.messageKey }, { status: 409 });
    throw errorResponse(error);
  }
}
