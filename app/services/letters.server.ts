// Eligibility letters (政策享受资格告知书, issue [5/7]) and the re-evaluation of issued documents.
//
// A filed facility's operator asks for a letter for a measure the rules find `eligible` today — one of
// LETTER_MEASURES. The letter is issued through the one mechanism for verifiable documents
// (certificates.server.ts, kind `eligibility_letter`): a PDF at /certificates/<id>.pdf and the public
// check at /verify/<code>. Its payload cites the decision (measure, result, date, rules version) and the
// clauses behind it; `measure`, `rulesVersion`, `asOf` and `localParametersVersion` are kept as
// bookkeeping (stored, never printed). One valid letter per facility and measure.
//
// `reevaluateIssued` re-judges, set-based, every valid utility certificate and letter in a reviewer's
// scope and returns those whose measure is no longer eligible for the facility today, so the reviewer
// can act. (A cancelled filing voids them at once elsewhere: inclusive-status.server.ts.)
import { and, asc, eq, gte, inArray, isNull, or, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import {
  certificates,
  facilities,
  jurisdictions,
  receiptSequences,
  type CertificateRow,
} from "../../db/schema";
import { evaluate, type Determination } from "../../rules/engine/evaluate";
import type { Reference, Status } from "../../rules/engine/types";
import type { Actor } from "../auth/session.server";
import { assertPermission } from "../auth/session.server";
import { staffScope, withinJurisdiction } from "../auth/scope.server";
import { clockNow, todayInShanghai } from "../utils/format";
import {
  certificateState,
  issueCertificate,
  type CertificateKind,
  type CertificateLine,
  type CertificateState,
} from "./certificates.server";
import { ConflictError, ForbiddenError, ValidationError } from "./errors";
import { loadFacility } from "./facilities.server";
import { buildSnapshot } from "./filing.server";
import { buildSnapshots } from "./overview.server";
import { localParameters } from "./pricing.server";
import { actorContext } from "./users.server";

/** The measures a letter can be asked for (RULES.md 6, 7, 8, 10). */
export const LETTER_MEASURES = [
  "premises.idle_state_assets_priority",
  "soe.assessment_exemption",
  "tax.community_childcare_relief",
  "employer.union_support",
] as const;
export type LetterMeasure = (typeof LETTER_MEASURES)[number];

export function isLetterMeasure(value: string): value is LetterMeasure {
  return (LETTER_MEASURES as readonly string[]).includes(value);
}

const FILED_STATES = ["filed", "change_submitted"];
/** The measure a utility price certificate rests on (RULES.md 5). */
const UTILITY_MEASURE = "utility.residential_price";

function referenceText(r: Reference): string {
  return r.clause && r.clause !== "—"
    ? `${r.document} ${r.clause}`
    : r.document;
}

/** The legal basis first, then every condition's references, deduplicated (the payload holds 20 at most). */
export function letterClauses(
  determination: Pick<Determination, "legalBasis" | "conditions">
): string[] {
  const all = [
    ...determination.legalBasis,
    ...determination.conditions.flatMap((c) => c.references),
  ].map(referenceText);
  return [...new Set(all)].slice(0, 20);
}

/**
 * The letter's last day from the decision: the SOE exemption's `details.endsOn`; the tax relief's period
 * end (the in-force switch's `effectiveTo`, `details.period.to`); the other measures have none (null).
 */
export function letterValidUntil(
  measure: LetterMeasure,
  details: Determination["details"]
): string | null {
  if (measure === "soe.assessment_exemption") {
    const endsOn = details.endsOn;
    return typeof endsOn === "string" ? endsOn : null;
  }
  if (measure === "tax.community_childcare_relief") {
    const period = details.period as { to?: unknown } | null | undefined;
    return typeof period?.to === "string" ? period.to : null;
  }
  return null;
}

function fen(amount: number): string {
  return `¥${(amount / 100).toLocaleString("en-US", {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  })}`;
}

type Line = CertificateLine;

/** What the letter states about the measure beyond the decision itself. */
function measureLines(
  measure: LetterMeasure,
  details: Determination["details"]
): Line[] {
  if (
    measure === "soe.assessment_exemption" &&
    typeof details.endsOn === "string"
  ) {
    return [
      {
        label: "免考核截止日期",
        value: details.endsOn,
        labelEn: "Exemption ends on",
        valueEn: details.endsOn,
      },
    ];
  }
  if (measure === "tax.community_childcare_relief") {
    const reliefs = Array.isArray(details.reliefs)
      ? (details.reliefs as Array<{ zh?: unknown; en?: unknown }>)
      : [];
    const period = details.period as
      | { from?: unknown; to?: unknown }
      | null
      | undefined;
    const lines: Line[] = [];
    if (period && typeof period.from === "string") {
      const to = typeof period.to === "string" ? period.to : "—";
      lines.push({
        label: "政策执行期",
        value: `${period.from} 至 ${to}`,
        labelEn: "Relief period",
        valueEn: `${period.from} to ${to}`,
      });
    }
    reliefs.forEach((r, i) => {
      if (typeof r.zh === "string")
        lines.push({
          label: `减免事项 ${i + 1}`,
          value: r.zh,
          labelEn: `Relief ${i + 1}`,
          valueEn: typeof r.en === "string" ? r.en : r.zh,
        });
    });
    return lines;
  }
  if (measure === "employer.union_support") {
    const programmes = Array.isArray(details.programmes)
      ? (details.programmes as Array<{
          title?: { zh?: string; en?: string };
          amountFen?: unknown;
        }>)
      : [];
    return programmes.map((p, i) => {
      const amount =
        typeof p.amountFen === "number" ? `（${fen(p.amountFen)}）` : "";
      return {
        label: `可申报项目 ${i + 1}`,
        value: `${p.title?.zh ?? ""}${amount}`,
        labelEn: `Programme ${i + 1}`,
        valueEn: `${p.title?.en ?? p.title?.zh ?? ""}${
          amount ? ` (${fen(p.amountFen as number)})` : ""
        }`,
      };
    });
  }
  return [];
}

/** The facility's letters for `measure` that are valid and not over on `today`. */
export async function currentLetters(
  db: Db,
  facilityId: string,
  measure: string,
  today: string
): Promise<CertificateRow[]> {
  return db
    .select()
    .from(certificates)
    .where(
      and(
        eq(certificates.facilityId, facilityId),
        eq(certificates.kind, "eligibility_letter"),
        eq(certificates.status, "valid"),
        sql`${certificates.payload} ->> 'measure' = ${measure}`,
        or(isNull(certificates.validUntil), gte(certificates.validUntil, today))
      )
    );
}

/**
 * The operator of a filed facility asks for an eligibility letter. Refused with ValidationError for a
 * measure that has no letter, ConflictError `overview.letters.errors.notFiled` when the facility is not
 * filed, `…notEligible` when the rules do not find the measure eligible today, `…duplicate` while a
 * valid letter for the same measure exists. Issued today, valid from today until `letterValidUntil`.
 */
export async function issueEligibilityLetter(
  db: Db,
  actor: Actor,
  facilityId: string,
  measure: string
): Promise<CertificateRow> {
  assertPermission(actor, "submit:filing:own");
  if (!isLetterMeasure(measure))
    throw new ValidationError({ measure: "overview.letters.errors.measure" });
  const facility = await loadFacility(db, actor, facilityId);
  if (facility.organisationId !== actor.organisationId)
    throw new ForbiddenError("facility", "scope");
  if (!FILED_STATES.includes(facility.filingState))
    throw new ConflictError("overview.letters.errors.notFiled");
  const today = todayInShanghai();
  const snapshot = await buildSnapshot(db, facility, today);
  const evaluation = evaluate(snapshot, {
    asOf: today,
    localParameters: await localParameters(db),
    measures: [measure],
  });
  const determination = evaluation.determinations.find(
    (d) => d.measure === measure
  );
  if (!determination || determination.status !== "eligible")
    throw new ConflictError("overview.letters.errors.notEligible");
  const validUntil = letterValidUntil(measure, determination.details);
  if (validUntil !== null && validUntil < today)
    throw new ConflictError("overview.letters.errors.notEligible");

  return db.transaction(async (tx) => {
    // serialise concurrent requests for the same facility on its row
    await tx
      .select({ id: facilities.id })
      .from(facilities)
      .where(eq(facilities.id, facility.id))
      .for("update");
    const existing = await currentLetters(tx, facility.id, measure, today);
    if (existing.length > 0)
      throw new ConflictError("overview.letters.errors.duplicate");
    const year = Number(today.slice(0, 4));
    const [seq] = await tx
      .insert(receiptSequences)
      .values({
        jurisdictionCode: `letter:${facility.jurisdictionCode}`,
        year,
        lastValue: 1,
      })
      .onConflictDoUpdate({
        target: [receiptSequences.jurisdictionCode, receiptSequences.year],
        set: {
          lastValue: sql`${receiptSequences.lastValue} + 1`,
          updatedAt: clockNow(),
        },
      })
      .returning({ lastValue: receiptSequences.lastValue });
    const number = `${facility.jurisdictionCode}-ZGGZ-${year}-${String(
      seq?.lastValue ?? 1
    ).padStart(4, "0")}`;
    const title = determination.title;
    return issueCertificate(tx, actorContext(actor), {
      kind: "eligibility_letter",
      number,
      facilityId: facility.id,
      issuedOn: today,
      validFrom: today,
      validUntil,
      issuedBy: actor.userId,
      jurisdictionCode: facility.jurisdictionCode,
      payload: {
        lines: [
          {
            label: "政策措施",
            value: title.zh,
            labelEn: "Measure",
            valueEn: title.en,
          },
          {
            label: "判定结果",
            value: "符合条件",
            labelEn: "Decision",
            valueEn: "Eligible",
          },
          {
            label: "判定日期",
            value: today,
            labelEn: "Decided on",
            valueEn: today,
          },
          {
            label: "规则版本",
            value: evaluation.rulesVersion,
            labelEn: "Rules version",
            valueEn: evaluation.rulesVersion,
          },
          ...(facility.receiptNumber
            ? [
                {
                  label: "备案回执编号",
                  value: facility.receiptNumber,
                  labelEn: "Filing receipt",
                  valueEn: facility.receiptNumber,
                },
              ]
            : []),
          ...measureLines(measure, determination.details),
        ].slice(0, 30),
        clauses: letterClauses(determination),
        // bookkeeping, not printed
        measure,
        asOf: today,
        rulesVersion: evaluation.rulesVersion,
        localParametersVersion: evaluation.localParametersVersion,
      },
    });
  });
}

// ---- re-evaluation ----------------------------------------------------------------------------------

export type FlaggedDocument = {
  certificateId: string;
  kind: CertificateKind;
  number: string;
  facilityId: string;
  facilityName: string;
  jurisdictionCode: string;
  jurisdictionNameZh: string;
  jurisdictionNameEn: string;
  validFrom: string;
  validUntil: string | null;
  state: CertificateState;
  /** the measure the document rests on, and its status today */
  measure: string;
  status: Status;
  missing: string[];
};

/** The measure a stored document rests on (utility certificates: the utility measure; letters: their payload). */
export function basisMeasure(
  kind: CertificateKind,
  payload: unknown
): string | null {
  if (kind === "utility_certificate") return UTILITY_MEASURE;
  if (kind === "eligibility_letter") {
    const m = (payload as { measure?: unknown } | null)?.measure;
    return typeof m === "string" ? m : null;
  }
  return null;
}

/**
 * For reviewers: the valid (or not yet started) utility certificates and eligibility letters in scope
 * whose measure is no longer eligible for the facility on `today`. Set-based: one query for the documents,
 * snapshots in chunks, each facility evaluated once for the measures its documents rest on.
 */
export async function reevaluateIssued(
  db: Db,
  actor: Actor,
  today: string = todayInShanghai()
): Promise<FlaggedDocument[]> {
  assertPermission(actor, "review:filing:jurisdiction");
  const scope = staffScope(actor);
  const rows = await db
    .select({
      certificateId: certificates.id,
      kind: certificates.kind,
      number: certificates.number,
      payload: certificates.payload,
      status: certificates.status,
      validFrom: certificates.validFrom,
      validUntil: certificates.validUntil,
      facilityId: facilities.id,
      facilityName: facilities.name,
      jurisdictionCode: facilities.jurisdictionCode,
      jurisdictionNameZh: jurisdictions.nameZh,
      jurisdictionNameEn: jurisdictions.nameEn,
    })
    .from(certificates)
    .innerJoin(facilities, eq(facilities.id, certificates.facilityId))
    .innerJoin(
      jurisdictions,
      eq(jurisdictions.code, facilities.jurisdictionCode)
    )
    .where(
      and(
        inArray(certificates.kind, [
          "utility_certificate",
          "eligibility_letter",
        ]),
        eq(certificates.status, "valid"),
        or(
          isNull(certificates.validUntil),
          gte(certificates.validUntil, today)
        ),
        withinJurisdiction(facilities.jurisdictionCode, scope)
      )
    )
    .orderBy(
      asc(facilities.jurisdictionCode),
      asc(facilities.name),
      asc(certificates.issuedOn),
      asc(certificates.number)
    );
  const withMeasure = rows.flatMap((r) => {
    const measure = basisMeasure(r.kind, r.payload);
    return measure ? [{ ...r, measure }] : [];
  });
  if (withMeasure.length === 0) return [];
  const measuresByFacility = new Map<string, Set<string>>();
  for (const r of withMeasure) {
    const set = measuresByFacility.get(r.facilityId) ?? new Set<string>();
    set.add(r.measure);
    measuresByFacility.set(r.facilityId, set);
  }
  const local = await localParameters(db);
  const verdicts = new Map<string, Map<string, Determination>>();
  const ids = [...measuresByFacility.keys()];
  for (let i = 0; i < ids.length; i += 1000) {
    const snapshots = await buildSnapshots(db, ids.slice(i, i + 1000), today);
    for (const [facilityId, snapshot] of snapshots) {
      const evaluation = evaluate(snapshot, {
        asOf: today,
        localParameters: local,
        measures: [...(measuresByFacility.get(facilityId) ?? [])],
      });
      verdicts.set(
        facilityId,
        new Map(evaluation.determinations.map((d) => [d.measure, d]))
      );
    }
  }
  const flagged: FlaggedDocument[] = [];
  for (const r of withMeasure) {
    const d = verdicts.get(r.facilityId)?.get(r.measure);
    if (!d || d.status === "eligible") continue;
    flagged.push({
      certificateId: r.certificateId,
      kind: r.kind,
      number: r.number,
      facilityId: r.facilityId,
      facilityName: r.facilityName,
      jurisdictionCode: r.jurisdictionCode,
      jurisdictionNameZh: r.jurisdictionNameZh,
      jurisdictionNameEn: r.jurisdictionNameEn,
      validFrom: r.validFrom,
      validUntil: r.validUntil,
      state: certificateState(
        { status: r.status, validFrom: r.validFrom, validUntil: r.validUntil },
        today
      ),
      measure: r.measure,
      status: d.status,
      missing: d.missing,
    });
  }
  return flagged;
}
