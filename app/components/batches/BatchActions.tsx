// The batch page's actions (issue #7), each offered only to whom may take it (the server decides): a
// reviewer prepares again, a finance officer approves (the page says when it is their own batch: four eyes),
// records the payment (reference and date) and downloads the payment file; a refusal is shown above them.
import { Form } from "@remix-run/react";
import type { ReactElement } from "react";
import { useTranslation } from "react-i18next";
import { paidSchema } from "../../services/batches.schemas";
import { Field, fieldMessage, SubmitButton, useZodForm } from "../forms";
import { Notice } from "../layout";

export type BatchActionsView = { id: string; status: string; interrupted: boolean };

/** What the signed-in user may do with the batch (the UI only hides buttons; the action checks again). */
export type BatchViewer = { canPrepare: boolean; isFinance: boolean; preparedIt: boolean };

function PaidForm({ today }: { today: string }) {
  const { t } = useTranslation();
  const { form, onSubmit } = useZodForm(paidSchema, { paymentReference: "", paidOn: today });
  return (
    <Form method="post" className="form" noValidate onSubmit={onSubmit}>
      <input type="hidden" name="intent" value="paid" />
      <Field form={form} name="paymentReference" label={t("batches.batch.paymentReference")} maxLength={100} autoComplete="off" />
      <Field form={form} name="paidOn" type="date" label={t("batches.batch.paidOn")} max={today} />
      <div>
        <SubmitButton>{t("batches.batch.paidSubmit")}</SubmitButton>
      </div>
    </Form>
  );
}

export function BatchActions({ batch: b, viewer, today, formError }: { batch: BatchActionsView; viewer: BatchViewer; today: string; formError?: string }) {
  const { t } = useTranslation();
  const cards: ReactElement[] = [];
  if (viewer.canPrepare && (b.status === "prepared" || b.interrupted)) {
    cards.push(
      <section className="card" key="prepare" aria-labelledby="again-title">
        <h2 id="again-title">{t("batches.prepare.again")}</h2>
        <p className="small muted">{t("batches.prepare.againHint")}</p>
        <Form method="post">
          <SubmitButton intent="prepare">{t("batches.prepare.again")}</SubmitButton>
        </Form>
      </section>,
    );
  }
  if (viewer.isFinance && b.status === "prepared") {
    cards.push(
      <section className="card" key="approve" aria-labelledby="approve-title">
        <h2 id="approve-title">{t("batches.batch.approveTitle")}</h2>
        <p className="small muted">{t("batches.batch.approveIntro")}</p>
        {viewer.preparedIt ? <p className="small">{t("batches.batch.approveOwn")}</p> : null}
        <Form method="post">
          <SubmitButton intent="approve">{t("batches.batch.approve")}</SubmitButton>
        </Form>
      </section>,
    );
  }
  if (viewer.isFinance && b.status === "approved") {
    cards.push(
      <section className="card" key="paid" aria-labelledby="paid-title">
        <h2 id="paid-title">{t("batches.batch.paidTitle")}</h2>
        <p className="small muted">{t("batches.batch.paidIntro")}</p>
        <PaidForm today={today} />
      </section>,
    );
  }
  if (viewer.isFinance && (b.status === "approved" || b.status === "paid")) {
    cards.push(
      <section className="card" key="downloads" aria-labelledby="downloads-title">
        <h2 id="downloads-title">{t("batches.batch.downloads")}</h2>
        <p className="small muted">{t("batches.batch.downloadsIntro")}</p>
        <p className="download-links">
          <a className="button button--secondary" href={`/finance/batches/${b.id}/payment?format=csv`} download>
            {t("batches.batch.downloadCsv")}
          </a>
          <a className="button button--secondary" href={`/finance/batches/${b.id}/payment?format=xlsx`} download>
            {t("batches.batch.downloadXlsx")}
          </a>
        </p>
      </section>,
    );
  }
  if (cards.length === 0 && !formError) return null;
  return (
    <>
      {formError ? <Notice kind="error">{fieldMessage(t, formError)}</Notice> : null}
      {cards.length ? <div className="batch-actions">{cards}</div> : null}
    </>
  );
}
