// /finance/batches/$batchId — one subsidy batch (issue #7): its steps (preparing → prepared → approved →
// paid), the progress while it is computed (revalidated every second; shown as interrupted after five
// minutes without progress), totals, versions, the provisional warning, the exclusion reasons, the lines
// (payable / excluded / corrections / all, search, pages) and the actions each role may take: a reviewer
// prepares again, a finance officer approves (never their own batch: four eyes), records the payment and
// downloads the payment file. The server decides every action; the page only offers them. The cards
// (facts, actions, exclusion reasons, lines) are in app/components/batches/.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useRevalidator, useSearchParams } from "@remix-run/react";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { getDb } from "../../db/client";
import { can } from "../auth/permissions";
import { requireUser } from "../auth/session.server";
import { BatchActions } from "../components/batches/BatchActions";
import { BatchFacts } from "../components/batches/BatchFacts";
import { BatchLines } from "../components/batches/BatchLines";
import { ExclusionReasons } from "../components/batches/ExclusionReasons";
import { batchesLinks, formatMonth, nameIn, PreparationProgress, StatusSteps } from "../components/batches/pieces";
import { isActionErrors } from "../components/forms";
import { Notice, PageHeader } from "../components/layout";
import { titleMeta } from "../i18n/i18n";
import { useLang } from "../i18n/use-lang";
import { isInterrupted, startPreparation, userNames } from "../services/batch-pages.server";
import { ForbiddenError } from "../services/errors";
import { maskAccountNumber } from "../services/subsidy.schemas";
import { approveBatch, batchDetail, batchLines, LINE_FILTERS, markBatchPaid, type LineFilter } from "../services/subsidy.server";
import { todayInShanghai } from "../utils/format";
import { guarded, type ActionErrorBody } from "../utils/http.server";
import { intentAction } from "../utils/intents.server";
import { pageParam } from "../utils/paging";

export const links = batchesLinks;
export const meta = titleMeta("batches.title");

function isFilter(value: string | null): value is LineFilter {
  return (LINE_FILTERS as readonly string[]).includes(value ?? "");
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireUser(request);
  return guarded(async () => {
    const db = await getDb();
    const url = new URL(request.url);
    const requested = url.searchParams.get("filter");
    const filter: LineFilter = isFilter(requested) ? requested : "all";
    const q = (url.searchParams.get("q") ?? "").trim().slice(0, 100);
    const detail = await batchDetail(db, actor, params.batchId ?? "");
    const { batch } = detail;
    const page = batch.status === "preparing" ? null : await batchLines(db, actor, batch.id, { filter, q, page: pageParam(url) });
    const names = await userNames(db, [batch.preparedBy, batch.approvedBy, batch.paidBy]);
    const name = (id: string | null) => (id ? (names[id] ?? id) : null);
    return {
      today: todayInShanghai(),
      viewer: {
        canPrepare: can(actor.roles, "prepare:batch:jurisdiction"),
        isFinance: can(actor.roles, "approve:batch:jurisdiction"),
        preparedIt: batch.preparedBy === actor.userId,
      },
      batch: {
        id: batch.id,
        number: batch.number,
        jurisdictionCode: batch.jurisdictionCode,
        period: batch.period,
        status: batch.status,
        interrupted: isInterrupted(batch),
        progressDone: batch.progressDone,
        progressTotal: batch.progressTotal,
        lineCount: batch.lineCount,
        payableCount: batch.payableCount,
        excludedCount: batch.excludedCount,
        totalFen: batch.totalFen,
        provisional: batch.provisional,
        rulesVersion: batch.rulesVersion,
        localParametersVersion: batch.localParametersVersion,
        preparedBy: name(batch.preparedBy),
        preparedAt: batch.preparedAt,
        approvedBy: name(batch.approvedBy),
        approvedAt: batch.approvedAt,
        paidBy: name(batch.paidBy),
        paidOn: batch.paidOn,
        paymentReference: batch.paymentReference,
      },
      jurisdiction: detail.jurisdiction,
      deltas: detail.deltas,
      reasons: detail.reasons,
      filter,
      q,
      lines: page
        ? {
            total: page.total,
            page: page.page,
            hasMore: page.page * page.pageSize < page.total,
            items: page.lines.map((l) => ({
              id: l.id,
              facilityId: l.facilityId,
              facilityName: l.facilityName,
              receiptNumber: l.receiptNumber,
              period: l.period,
              kind: l.kind,
              payable: l.payable,
              amountFen: l.amountFen,
              reasons: l.reasons,
              provisional: l.provisional,
              children: l.children,
              countedChildren: l.countedChildren,
              rateFen: l.rateFen,
              accountName: l.accountName,
              bankName: l.bankName,
              // the whole number stays on the server (it is in the payment file for finance)
              accountMasked: l.accountNumber ? maskAccountNumber(l.accountNumber) : null,
              bankChanged: l.bankChanged,
            })),
          }
        : null,
    };
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireUser(request);
  const batchId = params.batchId ?? "";
  const form = await request.formData();
  return intentAction(form, {
    prepare: async () => {
      const db = await getDb();
      const { batch } = await batchDetail(db, actor, batchId);
      const started = await startPreparation(db, actor, { jurisdictionCode: batch.jurisdictionCode, period: batch.period });
      return redirect(`/finance/batches/${started.batchId}?flash=started`);
    },
    approve: async () => {
      const db = await getDb();
      try {
        await approveBatch(db, actor, batchId);
      } catch (error) {
        // four eyes: refused per person — said on the page, where the button was
        if (error instanceof ForbiddenError && error.missing === "batches.fourEyes") {
          return data<ActionErrorBody>({ ok: false, fieldErrors: {}, formError: error.missing }, { status: 403 });
        }
        throw error;
      }
      return redirect(`/finance/batches/${batchId}?flash=approved`);
    },
    paid: async () => {
      const db = await getDb();
      await markBatchPaid(db, actor, batchId, { paymentReference: String(form.get("paymentReference") ?? ""), paidOn: String(form.get("paidOn") ?? "") });
      return redirect(`/finance/batches/${batchId}?flash=paid`);
    },
  });
}

export default function BatchPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<unknown>();
  const formError = isActionErrors(actionData) ? actionData.formError : undefined;
  const [params] = useSearchParams();
  const flash = params.get("flash");
  const b = d.batch;
  const computing = b.status === "preparing" && !b.interrupted;
  const revalidator = useRevalidator();
  // while the batch is computed, ask again every second (each new answer schedules the next)
  useEffect(() => {
    if (!computing) return;
    const timer = setTimeout(() => revalidator.revalidate(), 1000);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- re-armed by each new loader answer
  }, [d, computing]);
  return (
    <>
      <PageHeader
        title={t("batches.batch.heading", { jurisdiction: nameIn(d.jurisdiction, lang), month: formatMonth(b.period, lang) })}
        intro={t("batches.batch.title", { number: b.number })}
        actions={
          b.status !== "preparing" ? (
            <Link className="button button--secondary" to={`/finance/batches/${b.id}/summary`}>
              {t("batches.batch.summaryLink")}
            </Link>
          ) : null
        }
      />
      <p>
        <Link to="/finance">← {t("batches.batch.back")}</Link>
      </p>
      {flash && !actionData && ["started", "approved", "paid"].includes(flash) && !(flash === "started" && b.status !== "preparing") ? (
        <Notice kind="success">{t(`batches.batch.flash.${flash}`)}</Notice>
      ) : null}
      <StatusSteps status={b.status} />
      {b.status === "preparing" ? (
        <section className="card" aria-live="polite">
          {b.interrupted ? (
            <div className="notice notice--error" role="alert">
              <strong>{t("batches.batch.interruptedTitle")}</strong>
              <p>{d.viewer.canPrepare ? t("batches.batch.interruptedBody") : t("batches.batch.interruptedOther")}</p>
            </div>
          ) : (
            <PreparationProgress done={b.progressDone} total={b.progressTotal} />
          )}
        </section>
      ) : null}
      {b.provisional && b.status === "prepared" ? (
        <div className="notice notice--warn" role="note">
          <h2>{t("batches.batch.provisionalTitle")}</h2>
          <p>{t("batches.batch.provisionalBody")}</p>
          <Link to="/admin/standards">{t("batches.batch.provisionalLink")}</Link>
        </div>
      ) : null}
      <BatchFacts batch={b} deltas={d.deltas} />
      <BatchActions batch={b} viewer={d.viewer} today={d.today} formError={formError} />
      <ExclusionReasons batchStatus={b.status} reasons={d.reasons} />
      <BatchLines batch={b} deltaCount={d.deltas.count} filter={d.filter} q={d.q} lines={d.lines} />
    </>
  );
}
