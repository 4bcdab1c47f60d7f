// One way to dispatch a form's `intent` (accept | return | cancel | …) in a route action: pick the handler,
// run it, and map domain errors the same way everywhere — a ValidationError becomes a 400 with field errors
// the form shows, a ConflictError a 409 shown on the form, Forbidden/NotFound the error page (403/404).
// An unknown intent is bad input (400), never a silent no-op.
import { guardedAction } from "./http.server";
import { ValidationError } from "../services/errors";

/** A handler receives the posted form; it returns a redirect, or data the page reads with useActionData. */
export type IntentHandler = (form: FormData) => Promise<unknown>;

/**
 * Runs the handler named by the form's `intent` field inside `guardedAction`.
 *   return intentAction(form, { accept: async () => …, return: async (f) => … });
 */
export function intentAction<H extends Record<string, IntentHandler>>(form: FormData, handlers: H) {
  type Result = Awaited<ReturnType<H[keyof H]>>;
  const intent = String(form.get("intent") ?? "");
  return guardedAction<Result>(async (): Promise<Result> => {
    const handler = Object.prototype.hasOwnProperty.call(handlers, intent) ? handlers[intent] : undefined;
    if (!handler) throw new ValidationError({ intent: "filing.validation.choice" }, "filing.validation.choice");
    const result: unknown = await handler(form);
    return result as Result;
  });
}
