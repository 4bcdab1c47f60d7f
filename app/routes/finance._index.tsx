// /finance — the operating subsidy desk for finance officers and reviewers in scope (issue #7): the
// batches (status, counts, totals, provisional badge, who prepared and approved), spend by month and
// county for a year (SVG chart + table), and for reviewers the form that prepares a batch. Preparing
// starts the computation in the background and opens the batch page, which shows its progress. The cards
// and the table are in app/components/batches/ (PrepareBatchCard, BatchTable, SpendCard).
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "../../db/client";
import { can } from "../auth/permissions";
import { requireUser } from "../auth/session.server";
import { BatchTable } from "../components/batches/BatchTable";
import { batchesLinks } from "../components/batches/pieces";
import { PrepareBatchCard } from "../components/batches/PrepareBatchCard";
import { SpendCard } from "../components/batches/SpendCard";
import { jurisdictionName } from "../components/checklist";
import { PageHeader } from "../components/layout";
import { titleMeta } from "../i18n/i18n";
import { useLang } from "../i18n/use-lang";
import { isInterrupted, preparableJurisdictions, startPreparation, userNames } from "../services/batch-pages.server";
import { listBatches, spendByMonthAndCounty } from "../services/subsidy.server";
import { clockNow, todayInShanghai } from "../utils/format";
import { guarded, guardedAction } from "../utils/http.server";
import { WorkSummary } from "../components/work-summary";
import { workFor } from "../services/work.server";

export const links = batchesLinks;
export const meta = titleMeta("batches.title");

function previousMonth(today: string): string {
  const [y, m] = today.split("-").map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, "0")}`;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireUser(request);
  return guarded(async () => {
    const db = await getDb();
    const today = todayInShanghai();
    const thisYear = Number(today.slice(0, 4));
    const raw = new URL(request.url).searchParams.get("year") ?? "";
    const asked = Number(raw);
    const yearInvalid = raw !== "" && !(Number.isInteger(asked) && asked >= 2000 && asked <= 2100);
    const year = raw === "" || yearInvalid ? thisYear : asked;
    // refuses (403) anyone who may not see subsidy batches
    const rows = await listBatches(db, actor);
    const spend = await spendByMonthAndCounty(db, actor, year);
    const names = await userNames(
      db,
      rows.flatMap((r) => [r.batch.preparedBy, r.batch.approvedBy]),
    );
    const now = clockNow().getTime();
    const work = actor.roles.includes("finance_officer") ? await workFor(db, actor, "finance_officer", today) : null;
    return {
      work,
      scope: actor.jurisdictionCode,
      year,
      yearInvalid,
      years: Array.from({ length: 6 }, (_, i) => thisYear - i),
      canPrepare: can(actor.roles, "prepare:batch:jurisdiction"),
      isFinance: can(actor.roles, "approve:batch:jurisdiction"),
      defaultPeriod: previousMonth(today),
      jurisdictions: await preparableJurisdictions(db, actor),
      batches: rows.map(({ batch, nameZh, nameEn }) => ({
        id: batch.id,
        number: batch.number,
        nameZh,
        nameEn,
        period: batch.period,
        status: batch.status,
        interrupted: isInterrupted(batch, now),
        lineCount: batch.lineCount,
        payableCount: batch.payableCount,
        excludedCount: batch.excludedCount,
        totalFen: batch.totalFen,
        provisional: batch.provisional,
        preparedBy: names[batch.preparedBy] ?? batch.preparedBy,
        approvedBy: batch.approvedBy ? (names[batch.approvedBy] ?? batch.approvedBy) : null,
      })),
      spend,
    };
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireUser(request);
  const form = await request.formData();
  const input = { jurisdictionCode: String(form.get("jurisdictionCode") ?? ""), period: String(form.get("period") ?? "") };
  return guardedAction(async () => {
    const { batchId } = await startPreparation(await getDb(), actor, input);
    return redirect(`/finance/batches/${batchId}?flash=started`);
  });
}

export default function FinanceHome() {
  const { t } = useTranslation();
  const lang = useLang();
  const data = useLoaderData<typeof loader>();
  return (
    <>
      {/* a finance officer's home (the site's navigation names it so); a reviewer's way to the batches */}
      <PageHeader title={data.isFinance ? t("home.finance_officer.title") : t("batches.title")} intro={data.isFinance ? t("batches.intro") : t("batches.introReviewer")} />
      {data.scope ? <p className="muted">{t("home.scope", { name: jurisdictionName(data.scope, lang) })}</p> : null}
      {data.canPrepare ? <PrepareBatchCard jurisdictions={data.jurisdictions} defaultPeriod={data.defaultPeriod} /> : null}
      {data.work ? <WorkSummary items={data.work} /> : null}
      <section className="card" aria-labelledby="batches-title">
        <h2 id="batches-title">{t("batches.list.title")}</h2>
        <BatchTable batches={data.batches} />
      </section>
      <SpendCard year={data.year} years={data.years} yearInvalid={data.yearInvalid} spend={data.spend} />
    </>
  );
}
