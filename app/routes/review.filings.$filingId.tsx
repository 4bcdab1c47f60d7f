// One filing for the reviewer in scope: the data as submitted, the checklist at submission next to the
// operator's explanation, documents, the staff roster (masked ID numbers; one full number on explicit
// request, audited by the service), history, and the decision — accept (receipt number) or return /
// reject a change with per-item reasons (一次告知). A reviewer may also cancel a closed facility.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useEffect, useState } from "react";
import type { FieldErrors as RhfErrors } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { getDb } from "../../db/client";
import type { Evaluation } from "../../rules/engine/evaluate";
import type { Text } from "../../rules/engine/types";
import { DOCUMENT_KINDS, type Snapshot } from "../../rules/snapshot";
import { requirePermission } from "../auth/session.server";
import { Checklist, ChecklistSummary, jurisdictionName, returnReasonLabel, textIn } from "../components/checklist";
import { FilingStateBadge } from "../components/facility-nav";
import { isActionErrors, SubmitButton, useZodForm } from "../components/forms";
import { Notice, PageHeader } from "../components/layout";
import { titleMeta } from "../i18n/i18n";
import { useLang } from "../i18n/use-lang";
import { ConflictError, NotFoundError, ValidationError } from "../services/errors";
import { listDocuments, listStaff, revealStaffIdNumber } from "../services/facilities.server";
import { acceptFiling, cancelFiling, filingHistory, loadFiling, returnFiling } from "../services/filing.server";
import { fieldErrorsOf } from "../services/users.server";
import { formatDate, formatDateTime, todayInShanghai } from "../utils/format";
import { guarded, guardedAction } from "../utils/http.server";

// ---- return reasons: the items a reviewer can name, and the form schema ------------------------------

/** Document kinds a reason can point at: the filing documents plus staff proofs and "other". */
const REASON_DOCUMENT_KINDS = [...DOCUMENT_KINDS, "qualification_proof", "health_certificate", "other"] as const;

type ReasonItem = { value: string; group: "unmet" | "documents" | "other"; title: Text | null; labelKey: string | null };

/**
 * What a return reason may be about: the checklist's unmet or open conditions (stored by condition id,
 * e.g. `documents.fire_safety`), each document kind (`document.<kind>`) and `general`.
 */
function reasonItems(evaluation: Evaluation): ReasonItem[] {
  const seen = new Set<string>();
  const unmet: ReasonItem[] = [];
  for (const d of evaluation.determinations) {
    for (const c of d.conditions) {
      if (c.result === "met" || seen.has(c.id)) continue;
      seen.add(c.id);
      unmet.push({ value: c.id, group: "unmet", title: c.title, labelKey: null });
    }
  }
  const documents = REASON_DOCUMENT_KINDS.map((k): ReasonItem => ({ value: `document.${k}`, group: "documents", title: null, labelKey: `filing.enums.documentKind.${k}` }));
  return [...unmet, ...documents, { value: "general", group: "other", title: null, labelKey: "filing.review.general" }];
}

type T = (key: string, options?: Record<string, unknown>) => string;

/** A stored reason item in words (condition titles come from the filing's own checklist). */
/** How many reason rows the form shows without JavaScript (empty ones are ignored). */
const REASON_ROWS = 3;
const MAX_REASON_ROWS = 20;

const reasonRow = z.object({
  item: z.string().trim().max(100, { error: "validation.tooLong" }),
  reason: z.string().trim().max(500, { error: "validation.tooLong" }),
});

/**
 * The return form, in the browser (react-hook-form) and in the action. A row counts when it has a
 * reason or a chosen item; a chosen item needs its reason, and a reason without an item is "其他"
 * (a typed reason is never dropped). At least one row must count.
 */
function returnFormSchema(allowedItems: ReadonlySet<string>) {
  return z
    .object({ reasons: z.array(reasonRow).max(MAX_REASON_ROWS) })
    .superRefine((v, ctx) => {
      let filled = 0;
      v.reasons.forEach((r, i) => {
        if (!r.item && !r.reason) return;
        filled += 1;
        if (r.item && !allowedItems.has(r.item)) ctx.addIssue({ code: "custom", path: ["reasons", i, "item"], message: "filing.validation.choice" });
        if (!r.reason) ctx.addIssue({ code: "custom", path: ["reasons", i, "reason"], message: "filing.review.reasonTextRequired" });
      });
      if (filled === 0) ctx.addIssue({ code: "custom", path: ["reasons"], message: "filing.filing.reasonRequired" });
    })
    .transform((v) => ({ reasons: v.reasons.filter((r) => r.item || r.reason).map((r) => ({ item: r.item || "general", reason: r.reason })) }));
}

type ReasonRowValue = { item: string; reason: string };

/** `reasons.<n>.item` / `reasons.<n>.reason` form fields → rows in index order. */
function reasonRowsFrom(form: FormData): ReasonRowValue[] {
  const rows: ReasonRowValue[] = [];
  for (const [key, value] of form.entries()) {
    const m = /^reasons\.(\d{1,2})\.(item|reason)$/.exec(key);
    if (!m || typeof value !== "string") continue;
    const index = Number(m[1]);
    if (index >= MAX_REASON_ROWS) continue;
    while (rows.length <= index) rows.push({ item: "", reason: "" });
    const row = rows[index];
    if (row) row[m[2] as "item" | "reason"] = value;
  }
  return rows;
}

// ---- loader / action -----------------------------------------------------------------------------

/** Filing documents first, in the checklist's order, then staff proofs and anything else. */
function documentRank(kind: string): number {
  const i = (REASON_DOCUMENT_KINDS as readonly string[]).indexOf(kind);
  return i === -1 ? REASON_DOCUMENT_KINDS.length : i;
}

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

export type RevealedId = { revealed: { staffId: string; name: string; idNumber: string } };

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "review:filing:jurisdiction");
  const form = await request.formData();
  const filingId = params.filingId ?? "";
  const here = `/review/filings/${filingId}`;
  const intent = form.get("intent");
  return guardedAction(async () => {
    const db = await getDb();
    if (intent === "accept") {
      await acceptFiling(db, actor, filingId);
      return redirect(`${here}?flash=accepted`);
    }
    // the scope check comes first: out of scope is a 403 whatever the input
    const { filing, facility } = await loadFiling(db, actor, filingId);
    if (intent === "return") {
      if (filing.status !== "submitted") throw new ConflictError("filing.filing.alreadyDecided");
      const rows = reasonRowsFrom(form);
      const allowed = new Set(reasonItems(filing.evaluation as Evaluation).map((i) => i.value));
      const parsed = returnFormSchema(allowed).safeParse({ reasons: rows });
      // the rows come back so a browser without JavaScript shows what was typed next to the messages
      if (!parsed.success) return data({ ok: false as const, fieldErrors: fieldErrorsOf(parsed.error), values: rows }, { status: 400 });
      await returnFiling(db, actor, filingId, parsed.data);
      return redirect(`${here}?flash=${filing.kind === "change" ? "rejected" : "returned"}`);
    }
    if (intent === "reveal") {
      const staffId = String(form.get("staffId") ?? "");
      const member = (await listStaff(db, facility.id)).find((s) => s.id === staffId);
      if (!member) throw new NotFoundError("staff");
      const idNumber = await revealStaffIdNumber(db, actor, staffId);
      return { revealed: { staffId, name: member.name, idNumber } } satisfies RevealedId;
    }
    if (intent === "cancel") {
      await cancelFiling(db, actor, facility.id, { reason: form.get("reason") ?? "" });
      return redirect(`${here}?flash=cancelled`);
    }
    throw new ValidationError({ intent: "filing.validation.choice" }, "filing.validation.choice");
  });
}

// ---- page ----------------------------------------------------------------------------------------

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

function isRevealed(value: unknown): value is RevealedId {
  return typeof value === "object" && value !== null && "revealed" in value && typeof value.revealed === "object" && value.revealed !== null;
}

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

function yesNo(value: boolean | null | undefined, t: T): string {
  return value === true ? t("filing.enums.yesNo.true") : value === false ? t("filing.enums.yesNo.false") : t("filing.enums.yesNo.unknown");
}

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

      <section className="card" aria-label={t("filing.review.filingTitle")}>
      <dl className="facts">
        <dt>{t("filing.review.kind")}</dt>
        <dd>{t(`filing.enums.filingKind.${filing.kind}`)}</dd>
        <dt>{t("filing.review.status")}</dt>
        <dd>{t(`filing.enums.filingStatus.${filing.status}`)}</dd>
        <dt>{t("filing.review.submittedAt")}</dt>
        <dd>{formatDateTime(filing.submittedAt, lang)}</dd>
        <dt>{t("filing.review.dueOn")}</dt>
        <dd>
          <time dateTime={filing.dueOn}>{formatDate(filing.dueOn, lang)}</time>
          {filing.overdue ? (
            <>
              {" "}
              <span className="badge badge--err">
                <span aria-hidden="true">! </span>
                {t("filing.review.overdue")}
              </span>
            </>
          ) : null}
        </dd>
        {filing.decidedAt ? (
          <>
            <dt>{t("filing.review.decidedAt")}</dt>
            <dd>{formatDateTime(filing.decidedAt, lang)}</dd>
          </>
        ) : null}
        {filing.receiptNumber ?? facility.receiptNumber ? (
          <>
            <dt>{t("filing.facility.receipt")}</dt>
            <dd>
              <strong>{filing.receiptNumber ?? facility.receiptNumber}</strong>
            </dd>
          </>
        ) : null}
      </dl>
      </section>

      <section className="card" aria-labelledby="checklist-title">
        <h2 id="checklist-title">{t("filing.review.checklistAtSubmission")}</h2>
        <p className="muted small">{t("filing.review.checklistAtSubmissionIntro", { date: formatDate(evaluation.asOf, lang) })}</p>
        <ChecklistSummary evaluation={evaluation} />
        {filing.explanation ? (
          <div className="notice">
            <h3 style={{ margin: "0 0 .25rem" }}>{t("filing.review.explanation")}</h3>
            <p style={{ whiteSpace: "pre-wrap", margin: 0 }}>{filing.explanation}</p>
          </div>
        ) : (
          <p className="muted small">{t("filing.review.noExplanation")}</p>
        )}
        <Checklist evaluation={evaluation} lang={lang} />
      </section>

      <SubmittedData facility={facility} snapshot={snapshot} />
      <Documents documents={documents} />
      <StaffRoster staff={staff} revealed={revealed} />

      {filing.status === "submitted" ? <Decision filing={filing} /> : null}

      <History history={history} current={filing.id} evaluation={evaluation} />

      {cancellable ? (
        <section className="card" aria-labelledby="cancel-title">
          <h2 id="cancel-title">{t("filing.review.cancelTitle")}</h2>
          <p className="muted small">{t("filing.review.cancelHint")}</p>
          <Form method="post" className="form">
            <input type="hidden" name="intent" value="cancel" />
            <div className={`field${errors?.fieldErrors.reason ? " field--error" : ""}`}>
              <label htmlFor="cancel-reason">{t("filing.filing.cancelReason")}</label>
              <input
                id="cancel-reason"
                name="reason"
                maxLength={500}
                aria-invalid={errors?.fieldErrors.reason ? true : undefined}
                aria-describedby={errors?.fieldErrors.reason ? "cancel-reason-error" : undefined}
              />
              {errors?.fieldErrors.reason ? (
                <p id="cancel-reason-error" className="field__error" role="alert">
                  {t(errors.fieldErrors.reason)}
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
      ) : null}
    </>
  );
}

function SubmittedData({ facility, snapshot }: { facility: LoaderData["facility"]; snapshot: LoaderData["snapshot"] }) {
  const { t } = useTranslation();
  const lang = useLang();
  const op = snapshot.operator;
  const f = snapshot.facility;
  const premises = f.premises;
  const leased = premises?.tenure === "leased" || premises?.tenure === "free_use";
  const dash = "—";
  const date = (d: string | null | undefined) => (d ? formatDate(d, lang) : dash);
  return (
    <section className="card" aria-labelledby="snapshot-title">
      <h2 id="snapshot-title">{t("filing.review.snapshot")}</h2>
      <p className="muted small">{t("filing.review.snapshotIntro")}</p>
      <div className="grid-2">
        <div>
          <h3>{t("filing.review.facilitySection")}</h3>
          <dl className="facts">
            <dt>{t("filing.facility.name")}</dt>
            <dd>{facility.name}</dd>
            <dt>{t("filing.facility.address")}</dt>
            <dd>{facility.address ?? dash}</dd>
            <dt>{t("filing.facility.jurisdiction")}</dt>
            <dd>{jurisdictionName(facility.jurisdictionCode, lang)}</dd>
            <dt>{t("filing.facility.kind")}</dt>
            <dd>{f.kind ? t(`filing.enums.kind.${f.kind}`) : dash}</dd>
            <dt>{t("filing.facility.serviceTypes")}</dt>
            <dd>{f.serviceTypes?.length ? f.serviceTypes.map((s) => t(`filing.enums.serviceType.${s}`)).join(t("policies.listSeparator")) : dash}</dd>
            <dt>{t("filing.facility.totalSlots")}</dt>
            <dd>{f.totalSlots ?? dash}</dd>
            <dt>{t("filing.facility.openedOn")}</dt>
            <dd>{date(f.openedOn)}</dd>
            <dt>{t("filing.facility.mealsProvided")}</dt>
            <dd>{yesNo(f.mealsProvided, t)}</dd>
            <dt>{t("filing.facility.premisesTenure")}</dt>
            <dd>
              {premises?.tenure ? t(`filing.enums.tenure.${premises.tenure}`) : dash}
              {leased ? (
                <span className="muted">
                  {" "}
                  （{premises?.leaseEndsOn === null
                    ? `${date(premises.leaseStartsOn)} · ${t("filing.review.openEnded")}`
                    : t("filing.review.premisesLease", { start: date(premises?.leaseStartsOn), end: date(premises?.leaseEndsOn) })}
                  ）
                </span>
              ) : null}
            </dd>
            <dt>{t("filing.facility.premisesStateOwned")}</dt>
            <dd>{yesNo(premises?.stateOwned, t)}</dd>
            {f.kind === "employer_run" ? (
              <>
                <dt>{t("filing.facility.employerName")}</dt>
                <dd>{f.employer?.name ?? dash}</dd>
                <dt>{t("filing.facility.employerMainlyForOwnEmployees")}</dt>
                <dd>{yesNo(f.employer?.mainlyForOwnEmployees, t)}</dd>
                <dt>{t("filing.facility.employerOpenToOtherEmployers")}</dt>
                <dd>{yesNo(f.employer?.openToOtherEmployers, t)}</dd>
              </>
            ) : null}
            {f.kind === "kindergarten_class" ? (
              <>
                <dt>{t("filing.facility.kindergartenOwnership")}</dt>
                <dd>{f.kindergarten?.ownership ? t(`filing.enums.kindergartenOwnership.${f.kindergarten.ownership}`) : dash}</dd>
              </>
            ) : null}
          </dl>
        </div>
        <div>
          <h3>{t("filing.review.operatorSection")}</h3>
          <dl className="facts">
            <dt>{t("filing.organisation.name")}</dt>
            <dd>{op.name ?? dash}</dd>
            <dt>{t("filing.organisation.uscc")}</dt>
            <dd>{op.uscc ? <code>{op.uscc}</code> : dash}</dd>
            <dt>{t("filing.organisation.legalForm")}</dt>
            <dd>{op.legalForm ? t(`filing.enums.legalForm.${op.legalForm}`) : dash}</dd>
            <dt>{t("filing.organisation.ownership")}</dt>
            <dd>{op.ownership ? t(`filing.enums.ownership.${op.ownership}`) : dash}</dd>
            <dt>{t("filing.organisation.businessScope")}</dt>
            <dd>{yesNo(op.businessScopeIncludesChildcare, t)}</dd>
          </dl>
        </div>
      </div>
      <h3>{t("filing.class.title")}</h3>
      {snapshot.classes.length === 0 ? (
        <p className="muted">{t("filing.review.classesNone")}</p>
      ) : (
        <div className="table-wrap">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t("filing.class.type")}</th>
                <th scope="col">{t("filing.class.enrolled")}</th>
                <th scope="col">{t("filing.class.caregivers")}</th>
              </tr>
            </thead>
            <tbody>
              {snapshot.classes.map((c, i) => (
                <tr key={i}>
                  <td>{c.type ? t(`filing.enums.classType.${c.type}`) : dash}</td>
                  <td>{c.enrolled ?? dash}</td>
                  <td>{c.caregivers ?? dash}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function fileSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

function Documents({ documents }: { documents: LoaderData["documents"] }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <section className="card" aria-labelledby="documents-title">
      <h2 id="documents-title">{t("filing.document.title")}</h2>
      <p className="muted small">{t("filing.review.documentsIntro")}</p>
      {documents.length === 0 ? (
        <p className="empty-state">{t("filing.document.none")}</p>
      ) : (
        <div className="table-wrap">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t("filing.document.kind")}</th>
                <th scope="col">{t("filing.review.fileName")}</th>
                <th scope="col">{t("filing.document.issuedOn")}</th>
                <th scope="col">{t("filing.review.validUntil")}</th>
                <th scope="col">{t("filing.document.passed")}</th>
                <th scope="col">{t("filing.review.uploadedAt")}</th>
              </tr>
            </thead>
            <tbody>
              {documents.map((d) => (
                <tr key={d.id}>
                  <td>
                    {t(`filing.enums.documentKind.${d.kind}`)}
                    {d.proofOf ? <div className="small muted">{t("filing.review.proofOf", { name: d.proofOf })}</div> : null}
                  </td>
                  <td>
                    <a href={`/documents/${d.id}`} download>
                      {d.originalName}
                    </a>{" "}
                    <span className="small muted nowrap">（{fileSize(d.sizeBytes)}）</span>
                  </td>
                  <td className="nowrap">{d.issuedOn ? formatDate(d.issuedOn, lang) : "—"}</td>
                  <td className="nowrap">{d.validUntil ? formatDate(d.validUntil, lang) : t("filing.document.noExpiry")}</td>
                  <td>{d.kind === "health_evaluation" ? (d.passed === true ? t("filing.document.passedYes") : d.passed === false ? t("filing.document.passedNo") : "—") : ""}</td>
                  <td className="nowrap small">{formatDateTime(d.createdAt, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function StaffRoster({ staff, revealed }: { staff: LoaderData["staff"]; revealed: RevealedId["revealed"] | null }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <section className="card" aria-labelledby="staff-title">
      <h2 id="staff-title">{t("filing.staff.title")}</h2>
      <p className="muted small">{t("filing.review.staffIntro")}</p>
      {revealed ? <Notice>{t("filing.review.idRevealed", { name: revealed.name })}</Notice> : null}
      {staff.length === 0 ? (
        <p className="empty-state">{t("filing.staff.none")}</p>
      ) : (
        <div className="table-wrap">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t("filing.staff.name")}</th>
                <th scope="col">{t("filing.staff.role")}</th>
                <th scope="col">{t("filing.staff.idNumber")}</th>
                <th scope="col">{t("filing.staff.qualifications")}</th>
                <th scope="col">{t("filing.staff.education")}</th>
                <th scope="col">{t("filing.review.health")}</th>
                <th scope="col">{t("filing.review.background")}</th>
              </tr>
            </thead>
            <tbody>
              {staff.map((s) => {
                const shown = revealed?.staffId === s.id ? revealed.idNumber : null;
                return (
                  <tr key={s.id}>
                    <td className="nowrap">{s.name}</td>
                    <td className="nowrap">{t(`filing.enums.staffRole.${s.role}`)}</td>
                    <td className="nowrap">
                      {shown ? (
                        <>
                          <code aria-label={`${t("filing.review.idNumberFull")}：${s.name}`}>{shown}</code>{" "}
                          <Link to="." replace className="small" preventScrollReset>
                            {t("filing.review.hideId")}
                          </Link>
                        </>
                      ) : (
                        <Form method="post" className="row-actions" preventScrollReset>
                          <code>{s.idNumberMasked}</code>
                          <input type="hidden" name="intent" value="reveal" />
                          <input type="hidden" name="staffId" value={s.id} />
                          <button type="submit" className="button button--secondary small" aria-label={`${t("filing.staff.showId")}：${s.name}`}>
                            {t("filing.staff.showId")}
                          </button>
                        </Form>
                      )}
                    </td>
                    <td className="small">
                      {s.qualifications.length === 0 ? (
                        <span className="muted">{t("filing.staff.noQualifications")}</span>
                      ) : (
                        <ul className="plain-list">
                          {s.qualifications.map((q) => (
                            <li key={q.id}>
                              {t(`filing.enums.qualificationKind.${q.kind}`)}
                              {q.level ? `（${t(`filing.enums.level.${q.level}`)}）` : ""}
                              {q.number ? <span className="muted"> · {q.number}</span> : null}
                              {q.validUntil ? <span className="muted"> · {t("filing.review.validUntil")} {formatDate(q.validUntil, lang)}</span> : null}{" "}
                              {q.proofDocumentId ? (
                                <a href={`/documents/${q.proofDocumentId}`} download>
                                  {t("filing.qualification.withProof")}
                                </a>
                              ) : (
                                <span className="badge badge--warn">{t("filing.qualification.withoutProof")}</span>
                              )}
                            </li>
                          ))}
                        </ul>
                      )}
                    </td>
                    <td className="nowrap">
                      {s.education ? t(`filing.enums.education.${s.education}`) : "—"}
                      {s.yearsOfExperience !== null ? <div className="small muted">{t("filing.staff.yearsOfExperience")}：{s.yearsOfExperience}</div> : null}
                    </td>
                    <td className="nowrap">{s.healthCertificateValidUntil ? formatDate(s.healthCertificateValidUntil, lang) : "—"}</td>
                    <td className="nowrap">{s.backgroundCheckOn ? formatDate(s.backgroundCheckOn, lang) : "—"}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function Decision({ filing }: { filing: LoaderData["filing"] }) {
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

function History({ history, current, evaluation }: { history: LoaderData["history"]; current: string; evaluation: Evaluation }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <section className="card" aria-labelledby="history-title">
      <h2 id="history-title">{t("filing.facility.history")}</h2>
      <div className="table-wrap">
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t("filing.review.kind")}</th>
              <th scope="col">{t("filing.review.submittedAt")}</th>
              <th scope="col">{t("filing.review.status")}</th>
              <th scope="col">{t("filing.review.decidedAt")}</th>
              <th scope="col">{t("filing.facility.receipt")}</th>
              <th scope="col">{t("filing.review.returnReasons")}</th>
            </tr>
          </thead>
          <tbody>
            {history.map((h) => (
              <tr key={h.id} aria-current={h.id === current ? "page" : undefined}>
                <td className="nowrap">{h.id === current ? <strong>{t(`filing.enums.filingKind.${h.kind}`)}</strong> : <Link to={`/review/filings/${h.id}`}>{t(`filing.enums.filingKind.${h.kind}`)}</Link>}</td>
                <td className="nowrap">{formatDateTime(h.submittedAt, lang)}</td>
                <td className="nowrap">{t(`filing.enums.filingStatus.${h.status}`)}</td>
                <td className="nowrap">{h.decidedAt ? formatDateTime(h.decidedAt, lang) : "—"}</td>
                <td className="nowrap">{h.receiptNumber ?? "—"}</td>
                <td className="small">
                  {h.returnReasons.length === 0 ? (
                    "—"
                  ) : (
                    <ul className="plain-list">
                      {h.returnReasons.map((r, i) => (
                        <li key={i}>
                          <strong>{returnReasonLabel(r.item, evaluation, t, lang)}</strong>：{r.reason}
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
