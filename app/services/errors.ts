// Typed domain errors; routes map them to statuses (STYLE.md rule 4). Messages are i18n keys so the
// route renders them in the user's language.
export type FieldErrors = Record<string, string>;

export class NotFoundError extends Error {
  readonly status = 404;
  constructor(readonly entity: string) {
    super(`${entity} not found`);
  }
}

export class ForbiddenError extends Error {
  readonly status = 403;
  constructor(
    readonly missing: string,
    readonly reason: "permission" | "scope" = "permission",
  ) {
    super(`forbidden: ${reason} ${missing}`);
  }
}

export class ConflictError extends Error {
  readonly status = 409;
  constructor(readonly messageKey: string) {
    super(messageKey);
  }
}

export class ValidationError extends Error {
  readonly status = 400;
  constructor(
    readonly fieldErrors: FieldErrors,
    readonly formError?: string,
  ) {
    super(`validation failed: ${Object.keys(fieldErrors).join(", ")}`);
  }
}
