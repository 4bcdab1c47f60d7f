// The fields of the inclusive application's step forms: a labelled text (or multi-line) input and a
// choice, each showing its message from the action's answer.
import { useTranslation } from "react-i18next";
import { fieldMessage } from "../forms";

function ErrorText({ id, message }: { id: string; message?: string }) {
  const { t } = useTranslation();
  if (!message) return null;
  return (
    <p id={id} className="field__error" role="alert">
      {fieldMessage(t, message)}
    </p>
  );
}

export function TextInput({
  form,
  name,
  label,
  error,
  defaultValue,
  type,
  hint,
  multiline,
}: {
  form: string;
  name: string;
  label: string;
  error?: string;
  defaultValue?: string;
  type?: string;
  hint?: string;
  multiline?: boolean;
}) {
  const id = `${form}-${name}`;
  const describedBy = [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`field${error ? " field--error" : ""}`}>
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p id={`${id}-hint`} className="field__hint">
          {hint}
        </p>
      ) : null}
      {multiline ? (
        <textarea id={id} name={name} defaultValue={defaultValue} aria-invalid={error ? true : undefined} aria-describedby={describedBy} maxLength={2000} />
      ) : (
        <input id={id} name={name} type={type} defaultValue={defaultValue} aria-invalid={error ? true : undefined} aria-describedby={describedBy} />
      )}
      <ErrorText id={`${id}-error`} message={error} />
    </div>
  );
}

export function ChoiceInput({
  form,
  name,
  label,
  options,
  error,
  defaultValue,
}: {
  form: string;
  name: string;
  label: string;
  options: Array<{ value: string; label: string }>;
  error?: string;
  defaultValue?: string;
}) {
  const { t } = useTranslation();
  const id = `${form}-${name}`;
  return (
    <div className={`field${error ? " field--error" : ""}`}>
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} defaultValue={defaultValue ?? ""} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined}>
        <option value="">{t("filing.facility.choose")}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <ErrorText id={`${id}-error`} message={error} />
    </div>
  );
}
