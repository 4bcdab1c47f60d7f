// A reviewer may cancel the filing of a facility that has closed (filed, or with a change pending); the
// reason is required and its message comes back from the action.
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";

export function CancelFacility({ error }: { error: string | undefined }) {
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby="cancel-title">
      <h2 id="cancel-title">{t("filing.review.cancelTitle")}</h2>
      <p className="muted small">{t("filing.review.cancelHint")}</p>
      <Form method="post" className="form">
        <input type="hidden" name="intent" value="cancel" />
        <div className={`field${error ? " field--error" : ""}`}>
          <label htmlFor="cancel-reason">{t("filing.filing.cancelReason")}</label>
          <input
            id="cancel-reason"
            name="reason"
            maxLength={500}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? "cancel-reason-error" : undefined}
          />
          {error ? (
            <p id="cancel-reason-error" className="field__error" role="alert">
              {t(error)}
            </p>
          ) : null}
        </div>
        <p>
          <button type="submit" className="button button--danger">
            {t("filing.filing.cancel")}
          </button>
        </p>
      </Form>
    </section>
  );
}
