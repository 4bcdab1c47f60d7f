// Shared shapes of the rules layer's output (RULES.md "Contract").

export type Text = { zh: string; en: string };

/** Where a number or a condition comes from: a document and its clause. */
export type Reference = { document: string; clause: string; url?: string };

export type Result = "met" | "unmet" | "unknown";

export type Status = "eligible" | "ineligible" | "needs_info" | "not_applicable";

export type NotApplicableReason = "not_in_force" | "outside_subject";
