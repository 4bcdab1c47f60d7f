// One filing for the reviewer in scope: the data as submitted, the checklist at submission next to the
// operator's explanation, documents, the staff roster (masked ID numbers; one full number on explicit
// request, audited by the service), history, and the decision — accept (receipt number) or return /
// reject a change with per-item reasons (一次告知). A reviewer may also cancel a closed facility.
// This module holds the loader, the intent action and the page's layout; the sections are in components/filing/.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "../../db/client";
import type { Evaluation } from "../../rules/engine/evaluate";
import type { Snapshot } from "../../rules/snapshot";
import { requirePermission } from "../auth/session.server";
import { jurisdictionName } from "../components/checklist";
import { FilingStateBadge } from "../components/facility-nav";
import { CancelFacility } from "../components/filing/CancelFacility";
import { ChecklistAtSubmission } from "../components/filing/ChecklistAtSubmission";
import { FilingDecision } from "../components/filing/FilingDecision";
import { FilingDocuments } from "../components/filing/FilingDocuments";
import { FilingFacts } from "../components/filing/FilingFacts";
import { FilingHistory } from "../components/filing/FilingHistory";
import { documentRank, reasonItems, reasonRowsFrom, returnFormSchema, type ReasonRowValue } from "../components/filing/return-reasons";
import { StaffRoster } from "../components/filing/StaffRoster";
import { SubmittedData } from "../components/filing/SubmittedData";
import { isRevealed, type RevealedId } from "../components/filing/views";
import { isActionErrors } from "../components/forms";
import { Notice, PageHeader } from "../components/layout";
import { titleMeta } from "../i18n/i18n";
import { useLang } from "../i18n/use-lang";
import { ConflictError, NotFoundError } from "../services/errors";
import { listDocuments, listStaff, revealStaffIdNumber } from "../services/facilities.server";
import { acceptFiling, cancelFiling, filingHistory, loadFiling, returnFiling } from "../services/filing.server";
import { fieldErrorsOf } from "../services/users.server";
import { todayInShanghai } from "../utils/format";
import { guarded } from "../utils/http.server";
import { intentAction } from "../utils/intents.server";

export type { RevealedId } from "../components/filing/views";

export const meta: MetaFunction<typeof loader> = (args) => {
  const base = titleMeta("filing.review.filingTitle")(args);
  const name = args.data && typeof args.data === "object" && "facility" in args.data ? args.data.facility.name : null;
  return name ? base.map((m) => ({ title: `${name} · ${m.title}` })) : base;
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "review:filing:jurisdiction");
  return guarded(async () => {
    const db = await getDb();
    const { filing, facility } = await loadFiling(db, actor, params.filingId ?? "");
    const [staff, documents, history] = [await listStaff(db, facility.id), await listDocuments(db, facility.id), await filingHistory(db, actor, facility.id)];
    const snapshot = filing.snapshot as Snapshot;
    const today = todayInShanghai();
    const proofOwner = new Map<string, string>();
    for (const s of staff) {
      for (const q of s.qualifications) if (q.proofDocumentId) proofOwner.set(q.proofDocumentId, s.name);
      if (s.healthCertificateDocumentId) proofOwner.set(s.healthCertificateDocumentId, s.name);
    }
    return {
      facility: {
        id: facility.id,
        name: facility.name,
        address: facility.address,
        jurisdictionCode: facility.jurisdictionCode,
        state: facility.filingState,
        receiptNumber: facility.receiptNumber,
        filedOn: facility.filedOn,
      },
      filing: {
        id: filing.id,
        kind: filing.kind,
        status: filing.status,
        submittedAt: filing.submittedAt.toISOString(),
        dueOn: filing.dueOn,
        overdue: filing.status === "submitted" && filing.dueOn < today,
        explanation: filing.explanation,
        receiptNumber: filing.receiptNumber,
        decidedAt: filing.decidedAt?.toISOString() ?? null,
        returnReasons: (filing.returnReasons ?? []) as ReasonRowValue[],
        evaluation: filing.evaluation as Evaluation,
      },
      snapshot: { operator: snapshot.operator, facility: snapshot.facility, classes: snapshot.classes ?? [] },
      staff: staff.map((s) => ({
        id: s.id,
        name: s.name,
        role: s.role,
        idNumberMasked: s.idNumberMasked,
        education: s.education,
        yearsOfExperience: s.yearsOfExperience,
        healthCertificateValidUntil: s.healthCertificateValidUntil,
        backgroundCheckOn: s.backgroundCheckOn,
        qualifications: s.qualifications.map((q) => ({ id: q.id, kind: q.kind, level: q.level, number: q.number, validUntil: q.validUntil, proofDocumentId: q.proofDocumentId })),
      })),
      documents: [...documents].sort((a, b) => documentRank(a.kind) - documentRank(b.kind)).map((d) => ({
        id: d.id,
        kind: d.kind,
        originalName: d.originalName,
        sizeBytes: d.sizeBytes,
        issuedOn: d.issuedOn,
        validUntil: d.validUntil,
        passed: d.passed,
        createdAt: d.createdAt.toISOString(),
        proofOf: proofOwner.get(d.id) ?? null,
      })),
      history: history.map((h) => ({
        id: h.id,
        kind: h.kind,
        status: h.status,
        submittedAt: h.submittedAt.toISOString(),
        decidedAt: h.decidedAt?.toISOString() ?? null,
        receiptNumber: h.receiptNumber,
        returnReasons: (h.returnReasons ?? []) as ReasonRowValue[],
      })),
    };
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "review:filing:jurisdiction");
  const form = await request.formData();
  const filingId = params.filingId ?? "";
  const here = `/review/filings/${filingId}`;
  /** The scope check comes first: out of scope is a 403 whatever the input. */
  async function inScope() {
    const db = await getDb();
    return { db, ...(await loadFiling(db, actor, filingId)) };
  }
  return intentAction(form, {
    accept: async () => {
      const db = await getDb();
      await acceptFiling(db, actor, filingId);
      return redirect(`${here}?flash=accepted`);
    },
    return: async () => {
      const { db, filing } = await inScope();
      if (filing.status !== "submitted") throw new ConflictError("filing.filing.alreadyDecided");
      const rows = reasonRowsFrom(form);
      const allowed = new Set(reasonItems(filing.evaluation as Evaluation).map((i) => i.value));
      const parsed = returnFormSchema(allowed).safeParse({ reasons: rows });
      // the rows come back so a browser without JavaScript shows what was typed next to the messages
      if (!parsed.success) return data({ ok: false as const, fieldErrors: fieldErrorsOf(parsed.error), values: rows }, { status: 400 });
      await returnFiling(db, actor, filingId, parsed.data);
      return redirect(`${here}?flash=${filing.kind === "change" ? "rejected" : "returned"}`);
    },
    reveal: async () => {
      const { db, facility } = await inScope();
      const staffId = String(form.get("staffId") ?? "");
      const member = (await listStaff(db, facility.id)).find((s) => s.id === staffId);
      if (!member) throw new NotFoundError("staff");
      const idNumber = await revealStaffIdNumber(db, actor, staffId);
      return { revealed: { staffId, name: member.name, idNumber } } satisfies RevealedId;
    },
    cancel: async () => {
      const { db, facility } = await inScope();
      await cancelFiling(db, actor, facility.id, { reason: form.get("reason") ?? "" });
      return redirect(`${here}?flash=cancelled`);
    },
  });
}

// ---- page ----------------------------------------------------------------------------------------

const FLASHES: Record<string, string> = {
  returned: "filing.review.returned",
  rejected: "filing.review.changeRejected",
  cancelled: "filing.filing.cancelled",
};

export default function ReviewFiling() {
  const { t } = useTranslation();
  const lang = useLang();
  const loaded = useLoaderData<typeof loader>();
  const { facility, filing, snapshot, staff, documents, history } = loaded;
  const actionData = useActionData<unknown>();
  const errors = isActionErrors(actionData) ? actionData : null;
  const revealed = isRevealed(actionData) ? actionData.revealed : null;
  const [params] = useSearchParams();
  const flashKey = params.get("flash");
  let flash: string | null = null;
  if (flashKey === "accepted" && filing.status === "accepted") {
    flash = filing.kind === "change" ? t("filing.review.changeAccepted") : t("filing.review.accepted", { receipt: filing.receiptNumber ?? "—" });
  } else if (flashKey && FLASHES[flashKey]) {
    flash = t(FLASHES[flashKey]);
  }
  const evaluation = filing.evaluation;
  const cancellable = facility.state === "filed" || facility.state === "change_submitted";
  return (
    <>
      <PageHeader
        title={facility.name}
        intro={`${t(`filing.enums.filingKind.${filing.kind}`)} · ${jurisdictionName(facility.jurisdictionCode, lang)}`}
        actions={<FilingStateBadge state={facility.state} />}
      />
      <p>
        <Link to="/review">← {t("filing.review.back")}</Link>
      </p>
      {flash ? <Notice kind="success">{flash}</Notice> : null}
      {errors?.formError ? <Notice kind="error">{t(errors.formError)}</Notice> : null}
      {filing.status !== "submitted" && !flash ? <Notice>{t("filing.review.decided", { status: t(`filing.enums.filingStatus.${filing.status}`) })}</Notice> : null}

      <FilingFacts filing={filing} facility={facility} />
      <ChecklistAtSubmission evaluation={evaluation} explanation={filing.explanation} />
      <SubmittedData facility={facility} snapshot={snapshot} />
      <FilingDocuments documents={documents} />
      <StaffRoster staff={staff} revealed={revealed} />

      {filing.status === "submitted" ? <FilingDecision filing={filing} /> : null}

      <FilingHistory history={history} current={filing.id} evaluation={evaluation} />

      {cancellable ? <CancelFacility error={errors?.fieldErrors.reason} /> : null}
    </>
  );
}
