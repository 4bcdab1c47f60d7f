// The operator's bank details for the operating subsidy (issue #7 part 2): the account on file (number
// masked but for its last four digits), when and by whom it last changed, and the form that enters or
// changes it. Every change is audited; finance sees a change made after the last payment.
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "../../db/client";
import { requirePermission } from "../auth/session.server";
import { FacilityNav } from "../components/facility-nav";
import { Field, fieldMessage, Form, SubmitButton, useZodForm } from "../components/forms";
import { Notice, PageHeader } from "../components/layout";
import { titleMeta } from "../i18n/i18n";
import { useLang } from "../i18n/use-lang";
import { ownBankAccount, saveBankAccount } from "../services/bank.server";
import { bankAccountSchema, maskAccountNumber } from "../services/subsidy.schemas";
import { formatDateTime } from "../utils/format";
import { guarded, guardedAction } from "../utils/http.server";

export const meta = titleMeta("subsidy.bank.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "update:facility:own");
  return guarded(async () => {
    const { facility, account } = await ownBankAccount(await getDb(), actor, params.facilityId ?? "");
    return {
      facility: { id: facility.id, name: facility.name },
      account: account
        ? {
            accountName: account.accountName,
            bankName: account.bankName,
            accountNumber: account.accountNumber,
            masked: maskAccountNumber(account.accountNumber),
            updatedAt: account.updatedAt.toISOString(),
            updatedBy: account.updatedByName ?? "",
          }
        : null,
    };
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "update:facility:own");
  const form = await request.formData();
  return guardedAction(async () => {
    const facilityId = params.facilityId ?? "";
    const { changed } = await saveBankAccount(await getDb(), actor, facilityId, {
      accountName: form.get("accountName") ?? "",
      bankName: form.get("bankName") ?? "",
      accountNumber: form.get("accountNumber") ?? "",
    });
    return redirect(`/operator/facilities/${facilityId}/bank?flash=${changed ? "saved" : "unchanged"}`);
  });
}

export default function BankAccount() {
  const { t } = useTranslation();
  const lang = useLang();
  const { facility, account } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const flash = params.get("flash");
  const { form, onSubmit, formError } = useZodForm(bankAccountSchema, {
    accountName: account?.accountName ?? "",
    bankName: account?.bankName ?? "",
    accountNumber: account?.accountNumber ?? "",
  });
  return (
    <>
      <PageHeader title={facility.name} />
      <FacilityNav facilityId={facility.id} />
      {flash === "saved" ? <Notice kind="success">{t("subsidy.bank.saved")}</Notice> : null}
      {flash === "unchanged" ? <Notice>{t("subsidy.bank.unchanged")}</Notice> : null}
      <section className="card" aria-labelledby="bank-title">
        <h2 id="bank-title">{t("subsidy.bank.title")}</h2>
        <p className="muted">{t("subsidy.bank.intro")}</p>
        <h3>{t("subsidy.bank.current")}</h3>
        {account ? (
          <>
            <dl className="facts">
              <dt>{t("subsidy.bank.accountName")}</dt>
              <dd>{account.accountName}</dd>
              <dt>{t("subsidy.bank.bankName")}</dt>
              <dd>{account.bankName}</dd>
              <dt>{t("subsidy.bank.accountNumber")}</dt>
              <dd>
                <code>{account.masked}</code>
              </dd>
            </dl>
            <p className="small muted">{t("subsidy.bank.updated", { date: formatDateTime(account.updatedAt, lang), name: account.updatedBy })}</p>
          </>
        ) : (
          <Notice>{t("subsidy.bank.none")}</Notice>
        )}
      </section>
      <section className="card" aria-labelledby="bank-form-title">
        <h2 id="bank-form-title">{account ? t("subsidy.bank.edit") : t("subsidy.bank.enter")}</h2>
        {formError ? <Notice kind="error">{fieldMessage(t, formError)}</Notice> : null}
        <Form method="post" className="form" onSubmit={onSubmit} noValidate>
          <div className="form-grid form-grid--top">
            <Field form={form} name="accountName" label={t("subsidy.bank.accountName")} hint={t("subsidy.bank.accountNameHint")} maxLength={100} autoComplete="off" />
            <Field form={form} name="bankName" label={t("subsidy.bank.bankName")} hint={t("subsidy.bank.bankNameHint")} maxLength={100} autoComplete="off" />
            <Field form={form} name="accountNumber" label={t("subsidy.bank.accountNumber")} hint={t("subsidy.bank.accountNumberHint")} inputMode="numeric" maxLength={40} autoComplete="off" />
          </div>
          <p className="row-actions">
            <SubmitButton>{t("subsidy.bank.save")}</SubmitButton>
          </p>
        </Form>
      </section>
    </>
  );
}
