// Form building blocks: one zod schema per form, validated in the browser by react-hook-form and again
// by the server action; messages are i18n keys rendered in the user's language.
import { zodResolver } from "@hookform/resolvers/zod";
import { Form, useActionData, useNavigation, useSubmit } from "@remix-run/react";
import { useEffect, type FormEvent, type InputHTMLAttributes, type ReactNode } from "react";
import { useForm, type FieldValues, type Path, type UseFormReturn } from "react-hook-form";
import { useTranslation } from "react-i18next";
import type { z } from "zod";

export type ActionErrors = { ok: false; fieldErrors: Record<string, string>; formError?: string };

export function isActionErrors(value: unknown): value is ActionErrors {
  if (typeof value !== "object" || value === null || !("fieldErrors" in value)) return false;
  return typeof value.fieldErrors === "object" && value.fieldErrors !== null;
}

/** react-hook-form bound to a zod schema, showing server-side field errors after a round trip. */
export function useZodForm<S extends z.ZodType<FieldValues, FieldValues>>(schema: S) {
  const actionData = useActionData<unknown>();
  const form = useForm<z.input<S>, unknown, z.output<S>>({
    resolver: zodResolver(schema as never) as never,
    // validate on submit, then on change: validating on blur shifts the layout under the pointer
    mode: "onSubmit",
    reValidateMode: "onChange",
  });
  useEffect(() => {
    if (!isActionErrors(actionData)) return;
    for (const [field, message] of Object.entries(actionData.fieldErrors)) {
      form.setError(field as Path<z.input<S>>, { type: "server", message });
    }
  }, [actionData, form]);
  const submit = useSubmit();
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    const target = event.currentTarget;
    void form.handleSubmit(() => submit(target))(event);
  };
  return { form, onSubmit, formError: isActionErrors(actionData) ? actionData.formError : undefined };
}

type FieldProps<T extends FieldValues> = {
  form: UseFormReturn<T, unknown, FieldValues> | UseFormReturn<T, unknown, never> | UseFormReturn<T>;
  name: Path<T>;
  label: string;
  hint?: string;
} & Omit<InputHTMLAttributes<HTMLInputElement>, "name" | "form">;

export function Field<T extends FieldValues>({ form, name, label, hint, ...input }: FieldProps<T>) {
  const { t } = useTranslation();
  const error = (form as UseFormReturn<T>).formState.errors[name]?.message;
  const id = `field-${name}`;
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`field${error ? " field--error" : ""}`}>
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p id={`${id}-hint`} className="field__hint">
          {hint}
        </p>
      ) : null}
      <input id={id} aria-invalid={error ? true : undefined} aria-describedby={describedBy} {...(form as UseFormReturn<T>).register(name)} {...input} />
      {error ? (
        <p id={`${id}-error`} className="field__error" role="alert">
          {t(String(error))}
        </p>
      ) : null}
    </div>
  );
}

export function FieldError({ message, id }: { message?: string; id?: string }) {
  const { t } = useTranslation();
  if (!message) return null;
  return (
    <p id={id} className="field__error" role="alert">
      {t(message)}
    </p>
  );
}

export function SubmitButton({ children, intent }: { children: ReactNode; intent?: string }) {
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  return (
    <button type="submit" className="button" name={intent ? "intent" : undefined} value={intent} disabled={busy} aria-busy={busy || undefined}>
      {children}
    </button>
  );
}

export { Form };
