// Form building blocks: one zod schema per form, validated in the browser by react-hook-form and again
// by the server action; messages are i18n keys rendered in the user's language.
import { zodResolver } from "@hookform/resolvers/zod";
import { Form, useActionData, useNavigation, useSubmit } from "@remix-run/react";
import { useEffect, useMemo, type FormEvent, type InputHTMLAttributes, type ReactNode } from "react";
import { useForm, type FieldValues, type Path, type UseFormReturn } from "react-hook-form";
import { useTranslation } from "react-i18next";
import type { z } from "zod";

/**
 * A field message is an i18n key, optionally followed by "|" and JSON parameters (e.g. the cap a fee
 * exceeds: `pricing.overCap|{"cap":"¥1,800.00"}`), so a shared schema or service can say more than a key.
 */
export function fieldMessage(t: (key: string, options?: Record<string, unknown>) => string, raw: string): string {
  const bar = raw.indexOf("|");
  if (bar < 0) return t(raw);
  try {
    return t(raw.slice(0, bar), JSON.parse(raw.slice(bar + 1)) as Record<string, unknown>);
  } catch {
    return t(raw.slice(0, bar));
  }
}

/** `intent` names the form a 400 answers, when a page holds several forms with the same field names. */
export type ActionErrors = { ok: false; fieldErrors: Record<string, string>; formError?: string; intent?: string };

export function isActionErrors(value: unknown): value is ActionErrors {
  if (typeof value !== "object" || value === null || !("fieldErrors" in value)) return false;
  return typeof value.fieldErrors === "object" && value.fieldErrors !== null;
}

/**
 * react-hook-form bound to a zod schema, showing server-side field errors after a round trip. With
 * `options.intent`, only the errors of an answer that names that intent (ActionErrors.intent) are shown.
 */
export function useZodForm<S extends z.ZodType<FieldValues, FieldValues>>(schema: S, defaultValues?: Record<string, unknown>, options: { intent?: string } = {}) {
  const answer = useActionData<unknown>();
  const actionData = options.intent === undefined || (isActionErrors(answer) && answer.intent === options.intent) ? answer : undefined;
  // server errors go in as the form's initial errors too, so a page rendered without JavaScript (or before
  // hydration) shows them next to their fields
  const serverErrors = useMemo(() => (isActionErrors(actionData) ? nestedErrors(actionData.fieldErrors) : undefined), [actionData]);
  const form = useForm<z.input<S>, unknown, z.output<S>>({
    resolver: zodResolver(schema as never) as never,
    defaultValues: defaultValues as never,
    errors: serverErrors as never,
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

/** "caps.0.capFen" → { caps: { 0: { capFen: { type, message } } } }, the shape react-hook-form keeps errors in. */
function nestedErrors(flat: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [path, message] of Object.entries(flat)) {
    const keys = path.split(".");
    let node = out;
    keys.forEach((key, i) => {
      if (i === keys.length - 1) node[key] = { type: "server", message };
      else node = (node[key] ??= {}) as Record<string, unknown>;
    });
  }
  return out;
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
      <input
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        defaultValue={ssrDefault(form as UseFormReturn<T>, name)}
        {...(form as UseFormReturn<T>).register(name)}
        {...input}
      />
      {error ? (
        <p id={`${id}-error`} className="field__error" role="alert">
          {fieldMessage(t, String(error))}
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
      {fieldMessage(t, message)}
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

type Option = { value: string; label: string };

// The server-rendered value (before hydration, and without JavaScript) comes from the form's defaults.
function ssrDefault<T extends FieldValues>(form: UseFormReturn<T>, name: Path<T>): string | undefined {
  const value: unknown = (form.formState.defaultValues as Record<string, unknown> | undefined)?.[name];
  return value === undefined || value === null || typeof value === "object" ? undefined : String(value);
}

function checkedByDefault<T extends FieldValues>(form: UseFormReturn<T>, name: Path<T>, option: string): boolean | undefined {
  const value: unknown = (form.formState.defaultValues as Record<string, unknown> | undefined)?.[name];
  return Array.isArray(value) ? value.includes(option) : undefined;
}

type SelectFieldProps<T extends FieldValues> = {
  form: UseFormReturn<T, unknown, FieldValues> | UseFormReturn<T, unknown, never> | UseFormReturn<T>;
  name: Path<T>;
  label: string;
  hint?: string;
  options: readonly Option[];
  placeholder?: string;
};

/** A select bound to react-hook-form; the empty option means "not given yet" (drafts). */
export function SelectField<T extends FieldValues>({ form, name, label, hint, options, placeholder }: SelectFieldProps<T>) {
  const { t } = useTranslation();
  const f = form as UseFormReturn<T>;
  const error = f.formState.errors[name]?.message;
  const id = `field-${name}`;
  return (
    <div className={`field${error ? " field--error" : ""}`}>
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p id={`${id}-hint`} className="field__hint">
          {hint}
        </p>
      ) : null}
      <select id={id} aria-invalid={error ? true : undefined} aria-describedby={hint ? `${id}-hint` : undefined} defaultValue={ssrDefault(f, name)} {...f.register(name)}>
        <option value="">{placeholder ?? t("filing.facility.choose")}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {error ? (
        <p className="field__error" role="alert">
          {fieldMessage(t, String(error))}
        </p>
      ) : null}
    </div>
  );
}

/** Yes / no / not given, as a select (a checkbox cannot say "not known yet"). */
export function YesNoField<T extends FieldValues>(props: Omit<SelectFieldProps<T>, "options">) {
  const { t } = useTranslation();
  return <SelectField<T> {...props} options={[{ value: "true", label: t("filing.enums.yesNo.true") }, { value: "false", label: t("filing.enums.yesNo.false") }]} />;
}

export function CheckboxGroupField<T extends FieldValues>({ form, name, label, options }: Omit<SelectFieldProps<T>, "placeholder" | "hint">) {
  const { t } = useTranslation();
  const f = form as UseFormReturn<T>;
  const error = f.formState.errors[name]?.message;
  return (
    <fieldset className="field">
      <legend>{label}</legend>
      <div className="checkbox-grid">
        {options.map((o) => (
          <label key={o.value} className="checkbox">
            <input type="checkbox" value={o.value} defaultChecked={checkedByDefault(f, name, o.value)} {...f.register(name)} />
            {o.label}
          </label>
        ))}
      </div>
      {error ? (
        <p className="field__error" role="alert">
          {fieldMessage(t, String(error))}
        </p>
      ) : null}
    </fieldset>
  );
}

/** Field-level messages for forms posted without react-hook-form (file uploads). */
export function useServerErrors(): Record<string, string> {
  const actionData = useActionData<unknown>();
  return isActionErrors(actionData) ? actionData.fieldErrors : {};
}

type ServerFieldProps = { name: string; label: string; error?: string };

/** Fields of the multipart forms, validated on the server (files cannot go through react-hook-form here). */
export function ServerInput({ name, label, error, ...input }: ServerFieldProps & Omit<InputHTMLAttributes<HTMLInputElement>, "name">) {
  const { t } = useTranslation();
  return (
    <div className={`field${error ? " field--error" : ""}`}>
      <label htmlFor={`f-${name}`}>{label}</label>
      <input id={`f-${name}`} name={name} aria-invalid={error ? true : undefined} {...input} />
      {error ? (
        <p className="field__error" role="alert">
          {fieldMessage(t, error)}
        </p>
      ) : null}
    </div>
  );
}

export function ServerSelect({ name, label, error, options }: ServerFieldProps & { options: Array<{ value: string; label: string }> }) {
  const { t } = useTranslation();
  return (
    <div className={`field${error ? " field--error" : ""}`}>
      <label htmlFor={`f-${name}`}>{label}</label>
      <select id={`f-${name}`} name={name} aria-invalid={error ? true : undefined} defaultValue="">
        <option value="">{t("filing.facility.choose")}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {error ? (
        <p className="field__error" role="alert">
          {fieldMessage(t, error)}
        </p>
      ) : null}
    </div>
  );
}
