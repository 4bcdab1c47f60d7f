// One step of the inclusive certification review: a titled card holding a small form that posts its
// `intent`; useStepErrors picks the action's answer that belongs to this form.
import { Form, useActionData } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { fieldMessage, SubmitButton } from "../forms";
import { Notice } from "../layout";
import { isStepErrors } from "./views";

/** The errors of one form: the one whose intent (and objection) was posted. */
export function useStepErrors(
  intent: string,
  target = ""
): {
  fieldErrors: Record<string, string>;
  formError?: string;
  values: Record<string, string>;
} {
  const actionData = useActionData<unknown>();
  if (!isStepErrors(actionData) || actionData.intent !== intent || actionData.target !== target) return { fieldErrors: {}, values: {} };
  return actionData;
}

/** A titled card holding one step's form; its conflict (someone moved the application first) shows in it. */
export function Step({
  intent,
  title,
  children,
  hint,
  danger,
  target = "",
  hidden,
}: {
  intent: string;
  title: string;
  children?: ReactNode;
  hint?: string;
  danger?: boolean;
  target?: string;
  hidden?: ReactNode;
}) {
  const { t } = useTranslation();
  const { formError } = useStepErrors(intent, target);
  const id = `step-${intent}${target ? `-${target}` : ""}`;
  return (
    <section className="card" aria-labelledby={id}>
      <h3 id={id}>{title}</h3>
      {hint ? <p className="muted small">{hint}</p> : null}
      {formError ? <Notice kind="error">{fieldMessage(t, formError)}</Notice> : null}
      <Form method="post" className="form" noValidate>
        <input type="hidden" name="intent" value={intent} />
        {hidden}
        {children}
        {danger ? (
          <button type="submit" className="button button--danger">
            {title}
          </button>
        ) : (
          <SubmitButton>{title}</SubmitButton>
        )}
      </Form>
    </section>
  );
}
