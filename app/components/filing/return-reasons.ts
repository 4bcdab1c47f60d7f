// What a reviewer may name when returning a filing (一次告知), and the return form's one zod schema — used by
// react-hook-form on the review page and by the route's action. Also the order documents are listed in.
import { z } from "zod";
import type { Evaluation } from "../../../rules/engine/evaluate";
import type { Text } from "../../../rules/engine/types";
import { DOCUMENT_KINDS } from "../../../rules/snapshot";

/** Document kinds a reason can point at: the filing documents plus staff proofs and "other". */
const REASON_DOCUMENT_KINDS = [...DOCUMENT_KINDS, "qualification_proof", "health_certificate", "other"] as const;

export type ReasonItem = { value: string; group: "unmet" | "documents" | "other"; title: Text | null; labelKey: string | null };

/**
 * What a return reason may be about: the checklist's unmet or open conditions (stored by condition id,
 * e.g. `documents.fire_safety`), each document kind (`document.<kind>`) and `general`.
 */
export function reasonItems(evaluation: Evaluation): ReasonItem[] {
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

/** How many reason rows the form shows without JavaScript (empty ones are ignored). */
export const REASON_ROWS = 3;
export const MAX_REASON_ROWS = 20;

const reasonRow = z.object({
  item: z.string().trim().max(100, { error: "validation.tooLong" }),
  reason: z.string().trim().max(500, { error: "validation.tooLong" }),
});

/**
 * The return form, in the browser (react-hook-form) and in the action. A row counts when it has a
 * reason or a chosen item; a chosen item needs its reason, and a reason without an item is "其他"
 * (a typed reason is never dropped). At least one row must count.
 */
export function returnFormSchema(allowedItems: ReadonlySet<string>) {
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

export type ReasonRowValue = { item: string; reason: string };

/** `reasons.<n>.item` / `reasons.<n>.reason` form fields → rows in index order. */
export function reasonRowsFrom(form: FormData): ReasonRowValue[] {
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

/** Filing documents first, in the checklist's order, then staff proofs and anything else. */
export function documentRank(kind: string): number {
  const i = (REASON_DOCUMENT_KINDS as readonly string[]).indexOf(kind);
  return i === -1 ? REASON_DOCUMENT_KINDS.length : i;
}
