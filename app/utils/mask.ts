// Masked display of resident ID numbers (DESIGN.md "Personal data": 3401**********1234). Browser-safe:
// lists and logs only ever carry this form; the whole number is decrypted on an audited view only.

const KEEP = 4;

/**
 * The first 4 and last 4 characters with stars between, as many stars as hidden characters so the
 * length still shows (18 → 10 stars). Anything of 8 characters or fewer is starred out entirely: showing
 * 4 + 4 of it would reveal all or most of it.
 */
export function maskIdNumber(plain: string): string {
  const id = plain.trim().toUpperCase();
  if (id.length <= KEEP * 2) return "*".repeat(id.length);
  return maskedFromParts(id.slice(0, KEEP), id.slice(-KEEP), id.length);
}

/** The masked form from the stored region prefix and last four characters, without the whole number. */
export function maskedFromParts(prefix: string, last4: string, length = 18): string {
  const hidden = Math.max(0, length - prefix.length - last4.length);
  return `${prefix}${"*".repeat(hidden)}${last4.toUpperCase()}`;
}
