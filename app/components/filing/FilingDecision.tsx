// The decision on a submitted filing: accept it (the service issues the receipt number), or return it —
// reject a change — with per-item reasons (一次告知). The return form works without JavaScript (three rows,
// messages from the action's answer); with it, react-hook-form checks the same schema and rows can be added.
import { Form, useActionData } from "@remix-run/react";
import { useEffect, useState } from "react";
import type { FieldErrors as RhfErrors } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { useLang } from "../../i18n/use-lang";
import { textIn } from "../checklist";
import { isActionErrors, SubmitButton, useZodForm } from "../forms";
import { MAX_REASON_ROWS, REASON_ROWS, reasonItems, returnFormSchema, type ReasonItem, type ReasonRowValue } from "./return-reasons";
import type { ReviewFilingView } from "./views";

function useHydrated(): boolean {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}

/** A message at a dotted path of react-hook-form's nested errors ("reasons.0.item", "reasons"). */
function errorAt(errors: RhfErrors, path: string): string | undefined {
  let node: unknown = errors;
  for (const part of path.split(".")) {
    if (typeof node !== "object" || node === null) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  if (typeof node !== "object" || node === null) return undefined;
  const own = (node as { message?: unknown }).message;
  if (typeof own === "string") return own;
  const root = (node as { root?: { message?: unknown } }).root?.message;
  return typeof root === "string" ? root : undefined;
}

export function FilingDecision({ filing }: { filing: ReviewFilingView }) {
  const { t } = useTranslation();
  const lang = useLang();
  const hydrated = useHydrated();
  const items = reasonItems(filing.evaluation);
  const allowed = new Set(items.map((i) => i.value));
  const actionData = useActionData<unknown>();
  const sent = isActionErrors(actionData) && "values" in actionData && Array.isArray(actionData.values) ? (actionData.values as ReasonRowValue[]) : [];
  const serverErrors = isActionErrors(actionData) ? actionData.fieldErrors : {};
  const initialRows = Math.max(REASON_ROWS, sent.length);
  const defaults = { reasons: Array.from({ length: initialRows }, (_, i) => ({ item: sent[i]?.item ?? "", reason: sent[i]?.reason ?? "" })) };
  const { form, onSubmit } = useZodForm(returnFormSchema(allowed), defaults);
  const [rows, setRows] = useState(initialRows);
  const isChange = filing.kind === "change";
  // before hydration (or without JavaScript) the messages come straight from the action's answer
  const messageAt = (path: string) => (hydrated ? errorAt(form.formState.errors, path) : serverErrors[path]);
  const listError = messageAt("reasons");
  const groups: Array<{ key: ReasonItem["group"]; label: string }> = [
    { key: "unmet", label: t("filing.review.itemsUnmet") },
    { key: "documents", label: t("filing.review.itemsDocuments") },
    { key: "other", label: t("filing.review.itemsOther") },
  ];
  return (
    <>
      <section className="card" aria-labelledby="accept-title">
        <h2 id="accept-title">{isChange ? t("filing.review.acceptChange") : t("filing.review.accept")}</h2>
        <p className="muted small">{isChange ? t("filing.review.acceptChangeHint") : t("filing.review.acceptHint")}</p>
        <Form method="post">
          <input type="hidden" name="intent" value="accept" />
          <SubmitButton>{isChange ? t("filing.review.acceptChange") : t("filing.review.accept")}</SubmitButton>
        </Form>
      </section>
      <section className="card" aria-labelledby="return-title">
        <h2 id="return-title">{isChange ? t("filing.review.returnChange") : t("filing.review.return")}</h2>
        <p className="muted small" id="return-hint">
          {isChange ? t("filing.review.returnChangeHint") : t("filing.review.returnHint")}
        </p>
        <Form method="post" className="form" onSubmit={onSubmit} noValidate aria-labelledby="return-title" aria-describedby="return-hint">
          <input type="hidden" name="intent" value="return" />
          {listError ? (
            <p className="field__error" role="alert" id="reasons-error">
              {t(listError)}
            </p>
          ) : null}
          <div className="table-wrap">
            <table className="data-table">
              <colgroup>
                <col style={{ width: "3.5rem" }} />
                <col style={{ width: "38%" }} />
                <col />
              </colgroup>
              <thead>
                <tr>
                  <th scope="col">{t("filing.review.rowNumber")}</th>
                  <th scope="col">{t("filing.review.reasonItem")}</th>
                  <th scope="col">{t("filing.review.reason")}</th>
                </tr>
              </thead>
              <tbody>
                {Array.from({ length: rows }, (_, i) => {
                  const itemError = messageAt(`reasons.${i}.item`);
                  const reasonError = messageAt(`reasons.${i}.reason`);
                  const itemId = `reason-${i}-item`;
                  const reasonId = `reason-${i}-reason`;
                  return (
                    <tr key={i}>
                      <td>{i + 1}</td>
                      <td>
                        <div className={`field${itemError ? " field--error" : ""}`}>
                          <label htmlFor={itemId} className="visually-hidden">
                            {t("filing.review.reasonItem")} {i + 1}
                          </label>
                          <select
                            id={itemId}
                            defaultValue={defaults.reasons[i]?.item ?? ""}
                            aria-invalid={itemError ? true : undefined}
                            aria-describedby={itemError ? `${itemId}-error` : undefined}
                            {...form.register(`reasons.${i}.item`)}
                          >
                            <option value="">{t("filing.review.chooseItem")}</option>
                            {groups.map((g) => {
                              const options = items.filter((it) => it.group === g.key);
                              if (options.length === 0) return null;
                              return (
                                <optgroup key={g.key} label={g.label}>
                                  {options.map((it) => (
                                    <option key={it.value} value={it.value}>
                                      {it.title ? textIn(it.title, lang) : t(it.labelKey ?? it.value)}
                                    </option>
                                  ))}
                                </optgroup>
                              );
                            })}
                          </select>
                          {itemError ? (
                            <p id={`${itemId}-error`} className="field__error" role="alert">
                              {t(itemError)}
                            </p>
                          ) : null}
                        </div>
                      </td>
                      <td>
                        <div className={`field${reasonError ? " field--error" : ""}`}>
                          <label htmlFor={reasonId} className="visually-hidden">
                            {t("filing.review.reason")} {i + 1}
                          </label>
                          <input
                            id={reasonId}
                            maxLength={500}
                            defaultValue={defaults.reasons[i]?.reason ?? ""}
                            aria-invalid={reasonError ? true : undefined}
                            aria-describedby={reasonError ? `${reasonId}-error` : undefined}
                            {...form.register(`reasons.${i}.reason`)}
                          />
                          {reasonError ? (
                            <p id={`${reasonId}-error`} className="field__error" role="alert">
                              {t(reasonError)}
                            </p>
                          ) : null}
                        </div>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <p className="row-actions">
            {hydrated && rows < MAX_REASON_ROWS ? (
              <button type="button" className="button button--secondary" onClick={() => setRows((n) => n + 1)}>
                {t("filing.review.addReason")}
              </button>
            ) : null}
            <button type="submit" className="button button--danger">
              {isChange ? t("filing.review.returnChange") : t("filing.review.return")}
            </button>
          </p>
        </Form>
      </section>
    </>
  );
}
