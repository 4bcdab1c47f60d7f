// /finance/batches/$batchId — one subsidy batch (issue #7): its steps (preparing → prepared → approved →
// paid), the progress while it is computed (revalidated every second; shown as interrupted after five
// minutes without progress), totals, versions, the provisional warning, the exclusion reasons, the lines
// (payable / excluded / corrections / all, search, pages) and the actions each role may take: a reviewer
// prepares again, a finance officer approves (never their own batch: four eyes), records the payment and
// downloads the payment file. The server decides every action; the page only offers them.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useRevalidator, useSearchParams } from "@remix-run/react";
import { useEffect, type ReactElement } from "react";
import { useTranslation } from "react-i18next";
import { getDb } from "../../db/client";
import { can } from "../auth/permissions";
import { requireUser } from "../auth/session.server";
import {
  BatchStatusBadge,
  batchesLinks,
  colon,
  formatMonth,
  KindBadge,
  PreparationProgress,
  ProvisionalValuesBadge,
  reasonText,
  StatusSteps,
} from "../components/batches";
import { Field, fieldMessage, isActionErrors, SubmitButton, useZodForm } from "../components/forms";
import { EmptyState, Notice, PageHeader } from "../components/layout";
import { Pager } from "../components/pager";
import { titleMeta, type Lang } from "../i18n/i18n";
import { useLang } from "../i18n/use-lang";
import { isInterrupted, startPreparation, userNames } from "../services/batch-pages.server";
import { paidSchema } from "../services/batches.schemas";
import { ForbiddenError } from "../services/errors";
import { maskAccountNumber } from "../services/subsidy.schemas";
import { approveBatch, batchDetail, batchLines, LINE_FILTERS, markBatchPaid, type LineFilter } from "../services/subsidy.server";
import { formatDate, formatDateTime, formatMoney, todayInShanghai } from "../utils/format";
import { guarded, guardedAction, type ActionErrorBody } from "../utils/http.server";
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
  const intent = String(form.get("intent") ?? "");
  return guardedAction(async () => {
    const db = await getDb();
    if (intent === "prepare") {
      const { batch } = await batchDetail(db, actor, batchId);
      const started = await startPreparation(db, actor, { jurisdictionCode: batch.jurisdictionCode, period: batch.period });
      return redirect(`/finance/batches/${started.batchId}?flash=started`);
    }
    if (intent === "approve") {
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
    }
    if (intent === "paid") {
      await markBatchPaid(db, actor, batchId, { paymentReference: String(form.get("paymentReference") ?? ""), paidOn: String(form.get("paidOn") ?? "") });
      return redirect(`/finance/batches/${batchId}?flash=paid`);
    }
    return data<ActionErrorBody>({ ok: false, fieldErrors: {}, formError: "errors.generic" }, { status: 400 });
  });
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>;

function jName(j: { nameZh: string; nameEn: string }, lang: Lang): string {
  return lang === "zh-CN" ? j.nameZh : j.nameEn;
}

function shortVersion(v: string | null): string | null {
  return v ? v.slice(0, 12) : null;
}

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

function Facts({ d }: { d: Data }) {
  const { t } = useTranslation();
  const lang = useLang();
  const b = d.batch;
  const person = (name: string | null, at: Date | string | null) => (name ? (at ? t("batches.batch.at", { name, time: formatDateTime(at, lang) }) : name) : t("batches.batch.notYet"));
  return (
    <section className="card" aria-labelledby="totals-title">
      <h2 id="totals-title" className="visually-hidden">
        {t("batches.batch.totalAmount")}
      </h2>
      {b.status !== "preparing" ? (
        <div className="stat-row">
          <p className="stat">
            <strong>{b.payableCount}</strong>
            {t("batches.batch.payableLines")}
          </p>
          <p className="stat">
            <strong>{formatMoney(b.totalFen)}</strong>
            {t("batches.batch.totalAmount")}
          </p>
          <p className="stat">
            <strong>{b.excludedCount}</strong>
            {t("batches.batch.excludedLines")}
          </p>
          <p className="stat">
            <strong>{d.deltas.count}</strong>
            {t("batches.batch.deltas")}
            {d.deltas.count > 0 ? (
              <span className="small muted">
                <br />
                {t("batches.batch.topUps", { amount: formatMoney(d.deltas.topUpFen) })} · {t("batches.batch.recoveries", { amount: formatMoney(d.deltas.recoveryFen) })}
              </span>
            ) : null}
          </p>
        </div>
      ) : null}
      <dl className="batch-facts">
        <div>
          <dt>{t("batches.list.status")}</dt>
          <dd>
            <BatchStatusBadge status={b.status} interrupted={b.interrupted} />
            {b.provisional && b.status !== "preparing" ? <ProvisionalValuesBadge /> : null}
          </dd>
        </div>
        <div>
          <dt>{t("batches.batch.rulesVersion")}</dt>
          <dd>{b.rulesVersion ? <code title={b.rulesVersion}>{shortVersion(b.rulesVersion)}</code> : t("batches.batch.notYet")}</dd>
        </div>
        <div>
          <dt>{t("batches.batch.localVersion")}</dt>
          <dd>{b.localParametersVersion ? <code title={b.localParametersVersion}>{shortVersion(b.localParametersVersion)}</code> : b.status === "preparing" ? t("batches.batch.notYet") : t("batches.batch.noLocalVersion")}</dd>
        </div>
        <div>
          <dt>{t("batches.batch.preparedBy")}</dt>
          <dd>{person(b.preparedBy, b.preparedAt)}</dd>
        </div>
        <div>
          <dt>{t("batches.batch.approvedBy")}</dt>
          <dd>{person(b.approvedBy, b.approvedAt)}</dd>
        </div>
        <div>
          <dt>{t("batches.batch.paidBy")}</dt>
          <dd>
            {b.paidBy ? (
              <>
                {b.paidBy}
                <br />
                <span className="small">
                  {t("batches.batch.paymentReference")}
                  {colon(lang)}
                  <strong>{b.paymentReference}</strong>
                  {b.paidOn ? (
                    <>
                      <br />
                      {t("batches.batch.paidOn")}
                      {colon(lang)}
                      {formatDate(b.paidOn, lang)}
                    </>
                  ) : null}
                </span>
              </>
            ) : (
              t("batches.batch.notYet")
            )}
          </dd>
        </div>
      </dl>
    </section>
  );
}

function Actions({ d, formError }: { d: Data; formError?: string }) {
  const { t } = useTranslation();
  const b = d.batch;
  const cards: ReactElement[] = [];
  if (d.viewer.canPrepare && (b.status === "prepared" || b.interrupted)) {
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
  if (d.viewer.isFinance && b.status === "prepared") {
    cards.push(
      <section className="card" key="approve" aria-labelledby="approve-title">
        <h2 id="approve-title">{t("batches.batch.approveTitle")}</h2>
        <p className="small muted">{t("batches.batch.approveIntro")}</p>
        {d.viewer.preparedIt ? <p className="small">{t("batches.batch.approveOwn")}</p> : null}
        <Form method="post">
          <SubmitButton intent="approve">{t("batches.batch.approve")}</SubmitButton>
        </Form>
      </section>,
    );
  }
  if (d.viewer.isFinance && b.status === "approved") {
    cards.push(
      <section className="card" key="paid" aria-labelledby="paid-title">
        <h2 id="paid-title">{t("batches.batch.paidTitle")}</h2>
        <p className="small muted">{t("batches.batch.paidIntro")}</p>
        <PaidForm today={d.today} />
      </section>,
    );
  }
  if (d.viewer.isFinance && (b.status === "approved" || b.status === "paid")) {
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

function Reasons({ d }: { d: Data }) {
  const { t } = useTranslation();
  if (d.batch.status === "preparing") return null;
  return (
    <section className="card" aria-labelledby="reasons-title">
      <h2 id="reasons-title">{t("batches.reasons.title")}</h2>
      {d.reasons.length === 0 ? (
        <EmptyState>{t("batches.reasons.none")}</EmptyState>
      ) : (
        <>
          <p className="small muted">{t("batches.reasons.intro")}</p>
          <div className="table-wrap">
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{t("batches.summary.reason")}</th>
                  <th scope="col" className="num">
                    {t("batches.summary.count")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {d.reasons.map((r) => (
                  <tr key={r.reason}>
                    <td>
                      {reasonText(t, r.reason)} <code className="small muted">{r.reason}</code>
                    </td>
                    <td className="num">{r.count}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}

function query(params: Record<string, string | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) search.set(k, v);
  const s = search.toString();
  return s ? `?${s}` : "";
}

function Lines({ d }: { d: Data }) {
  const { t } = useTranslation();
  const lang = useLang();
  if (!d.lines) return null;
  const counts: Record<LineFilter, number> = { payable: d.batch.payableCount, excluded: d.batch.excludedCount, delta: d.deltas.count, all: d.batch.lineCount };
  const tabs: LineFilter[] = ["payable", "excluded", "delta", "all"];
  const base = `/finance/batches/${d.batch.id}`;
  return (
    <section className="card" aria-labelledby="lines-title" id="lines">
      <h2 id="lines-title">{t("batches.lines.title")}</h2>
      <div className="line-filters">
        <nav className="tabs" aria-label={t("batches.lines.tabs")}>
          {tabs.map((f) => (
            <Link key={f} to={`${base}${query({ filter: f === "all" ? null : f, q: d.q })}#lines`} className={`tabs__link${d.filter === f ? " active" : ""}`} aria-current={d.filter === f ? "page" : undefined}>
              {t(`batches.lines.${f}`, { count: counts[f] })}
            </Link>
          ))}
        </nav>
        <Form method="get" role="search" action={`${base}#lines`}>
          {d.filter !== "all" ? <input type="hidden" name="filter" value={d.filter} /> : null}
          <label htmlFor="line-q" className="visually-hidden">
            {t("batches.lines.search")}
          </label>
          <input id="line-q" type="search" name="q" defaultValue={d.q} placeholder={t("batches.lines.search")} />
          <button type="submit" className="button button--secondary">
            {t("batches.lines.searchButton")}
          </button>
          {d.q ? <Link to={`${base}${query({ filter: d.filter === "all" ? null : d.filter })}#lines`}>{t("batches.lines.clear")}</Link> : null}
        </Form>
      </div>
      {d.lines.items.length === 0 ? (
        <EmptyState>{t("batches.lines.empty")}</EmptyState>
      ) : (
        <>
          <p className="small muted">{t("batches.lines.count", { count: d.lines.total })}</p>
          <div className="table-wrap">
            <table className="data-table lines-table">
              <thead>
                <tr>
                  <th scope="col">{t("batches.lines.facility")}</th>
                  <th scope="col">{t("batches.lines.month")}</th>
                  <th scope="col">{t("batches.lines.kind")}</th>
                  <th scope="col">{t("batches.lines.computation")}</th>
                  <th scope="col" className="num">
                    {t("batches.lines.amount")}
                  </th>
                  <th scope="col">{t("batches.lines.reasons")}</th>
                  <th scope="col">{t("batches.lines.bank")}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t("batches.lines.view")}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {d.lines.items.map((l) => (
                  <tr key={l.id} className={l.payable ? undefined : "row--excluded"}>
                    <td>
                      <Link to={`/operator/facilities/${l.facilityId}/subsidy`} title={t("batches.lines.statement")}>
                        {l.facilityName}
                      </Link>
                      {l.receiptNumber ? (
                        <>
                          <br />
                          <span className="small muted">
                            {t("batches.lines.receipt")} {l.receiptNumber}
                          </span>
                        </>
                      ) : null}
                    </td>
                    <td className="nowrap">{formatMonth(l.period, lang)}</td>
                    <td className="kind">
                      <KindBadge kind={l.kind} amountFen={l.amountFen} />
                      {l.kind === "delta" ? (
                        <>
                          <br />
                          <span className="small muted">{t("batches.lines.corrects", { month: formatMonth(l.period, lang) })}</span>
                        </>
                      ) : null}
                    </td>
                    <td className="small computation">
                      {l.payable && l.children !== null && l.countedChildren !== null && l.rateFen !== null
                        ? t("batches.lines.computed", { children: l.children, counted: l.countedChildren, rate: formatMoney(l.rateFen) })
                        : t("batches.lines.noComputation")}
                      {l.provisional && l.payable ? (
                        <>
                          {" "}
                          <span className="badge badge--warn">{t("batches.lines.provisional")}</span>
                        </>
                      ) : null}
                    </td>
                    <td className="num">{l.payable ? formatMoney(l.amountFen) : "—"}</td>
                    <td className="small">
                      {l.reasons.length ? (
                        <ul className="reason-list">
                          {l.reasons.map((r) => (
                            <li key={r}>{reasonText(t, r)}</li>
                          ))}
                        </ul>
                      ) : (
                        "—"
                      )}
                    </td>
                    <td className="small">
                      {l.accountMasked ? (
                        <>
                          {l.accountName}
                          <br />
                          {l.bankName} <span className="account">{l.accountMasked}</span>
                        </>
                      ) : (
                        <span className="muted">{t("batches.lines.noBank")}</span>
                      )}
                      {/* a warning for whoever is about to pay; once paid, the file holds the account as paid */}
                      {l.bankChanged && d.batch.status !== "paid" ? (
                        <>
                          <br />
                          <span className="badge badge--warn">
                            <span aria-hidden="true">! </span>
                            {t("batches.lines.bankChanged")}
                          </span>
                        </>
                      ) : null}
                    </td>
                    <td className="nowrap">
                      <Link to={`/finance/batches/${d.batch.id}/lines/${l.id}`} aria-label={t("batches.lines.viewLine", { facility: l.facilityName })}>
                        {t("batches.lines.view")}
                      </Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager page={d.lines.page} hasMore={d.lines.hasMore} />
        </>
      )}
    </section>
  );
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
        title={t("batches.batch.heading", { jurisdiction: jName(d.jurisdiction, lang), month: formatMonth(b.period, lang) })}
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
      <Facts d={d} />
      <Actions d={d} formError={formError} />
      <Reasons d={d} />
      <Lines d={d} />
    </>
  );
}
