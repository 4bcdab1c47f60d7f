// The "try the rules" page's input card: example facilities to load, the refusals of the last post (the
// date field's own refusal shown next to it), the snapshot JSON and the date to judge on. A plain POST form.
import { Form, Link, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { Evaluation } from "../../../rules/engine/evaluate";
import type { Text } from "../../../rules/engine/types";
import type { Lang } from "../../i18n/i18n";
import { textIn } from "../checklist";

export type InputError = { path: string; message: Text };
/** What the page's action answers: the posted values back, and either the evaluation or the refusals. */
export type TryResult = { snapshot: string; date: string; evaluation?: Evaluation; errors?: InputError[] };

export type TryInputProps = {
  examples: readonly string[];
  /** the example loaded now */
  example: string;
  today: string;
  /** the example's snapshot as JSON */
  snapshot: string;
  result: TryResult | undefined;
  lang: Lang;
};

export function TryInput({ examples, example, today, snapshot, result, lang }: TryInputProps) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const errors = result?.errors ?? [];
  // The date field's own refusal names its value; a bad `asOf` inside the snapshot stays with the snapshot.
  const dateError = result?.date ? errors.find((e) => e.path === "asOf" && e.message.en.endsWith(result.date)) : undefined;
  return (
    <section className="card" aria-labelledby="try-input">
      <h2 id="try-input">{t("policies.try.inputTitle")}</h2>
      <p className="try-examples">
        <span className="muted">{t("policies.try.examples")}</span>{" "}
        {examples.map((e) => (
          <Link
            key={e}
            to={`?example=${e}`}
            className={`button ${e === example ? "" : "button--secondary"}`}
            aria-current={e === example ? "true" : undefined}
            preventScrollReset
          >
            {t(`policies.try.load.${e}`)}
          </Link>
        ))}
      </p>
      {errors.length ? (
        <div className="notice notice--error" role="alert" aria-labelledby="try-errors">
          <p id="try-errors" className="try-errors-title">
            <strong>{t("policies.try.errorsTitle", { count: errors.length })}</strong>
          </p>
          <ul className="error-list">
            {errors.map((e, i) => (
              <li key={`${e.path}-${i}`}>
                {e.path ? <code className="error-list__path">{e.path}</code> : null}
                {textIn(e.message, lang)}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <Form method="post" className="form">
        <div className="field">
          <label htmlFor="snapshot">{t("policies.try.snapshotLabel")}</label>
          <p id="snapshot-hint" className="field__hint">
            {t("policies.try.snapshotHint")}
          </p>
          <textarea
            key={`${example}-${result ? "posted" : "fresh"}`}
            id="snapshot"
            name="snapshot"
            className="snapshot-input"
            rows={22}
            spellCheck={false}
            defaultValue={result?.snapshot || snapshot}
            aria-describedby="snapshot-hint"
            aria-invalid={errors.length && !dateError ? true : undefined}
          />
        </div>
        <div className={`field field--date${dateError ? " field--error" : ""}`}>
          <label htmlFor="date">{t("policies.try.dateLabel")}</label>
          <p id="date-hint" className="field__hint">
            {t("policies.try.dateHint")}
          </p>
          <input
            id="date"
            name="date"
            type="date"
            defaultValue={result ? result.date : today}
            aria-invalid={dateError ? true : undefined}
            aria-describedby={dateError ? "date-hint date-error" : "date-hint"}
          />
          {dateError ? (
            <p id="date-error" className="field__error">
              {textIn(dateError.message, lang)}
            </p>
          ) : null}
        </div>
        <p>
          <button type="submit" className="button" disabled={busy} aria-busy={busy || undefined}>
            {busy ? t("policies.try.evaluating") : t("policies.try.submit")}
          </button>
        </p>
      </Form>
    </section>
  );
}
