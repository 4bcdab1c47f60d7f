// Check characters of the two national identifiers (DOMAIN.md "Identifiers"). Pure, so the app reuses
// them in browser form validation as well as in the rules (a USCC of the right shape with a wrong check
// character is accepted by the snapshot schema and makes `filing.complete` unmet).

/** GB 32100-2015 alphabet: digits and capitals without I, O, S, V, Z; a character's value is its index. */
export const USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const USCC_SHAPE = /^[0-9A-HJ-NPQRTUWXY]{18}$/;

/** True when `code` is 18 characters of the USCC alphabet (upper case); says nothing of the check character. */
export function isUsccShape(code: string): boolean {
  return USCC_SHAPE.test(code);
}

/** The check character for the first 17 characters, or null when they are not from the alphabet. */
export function usccCheckCharacter(first17: string): string | null {
  if (first17.length < 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = USCC_ALPHABET.indexOf(first17[i]);
    if (value < 0) return null;
    sum += value * USCC_WEIGHTS[i];
  }
  return USCC_ALPHABET[(31 - (sum % 31)) % 31];
}

/** A unified social credit code with a correct check character (upper case only). */
export function isValidUscc(code: string): boolean {
  if (!USCC_SHAPE.test(code)) return false;
  return usccCheckCharacter(code) === code[17];
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = "10X98765432";
const ID_SHAPE = /^\d{17}[\dXx]$/;

/** The GB 11643-1999 check character for 17 digits, or null when they are not 17 digits. */
export function residentIdCheckCharacter(first17: string): string | null {
  if (!/^\d{17}/.test(first17)) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * ID_WEIGHTS[i];
  return ID_CHECK[sum % 11];
}

/** Upper-cases a trailing x: the stored form (DOMAIN.md: accept lower-case x, store upper-case). */
export function normaliseResidentId(id: string): string {
  return id.trim().toUpperCase();
}

/**
 * A resident ID number with a correct check character and an existing birth date (digits 7–14).
 * Lower-case x is accepted.
 */
export function isValidResidentId(id: string): boolean {
  if (!ID_SHAPE.test(id)) return false;
  const normal = id.toUpperCase();
  if (residentIdCheckCharacter(normal) !== normal[17]) return false;
  const y = Number(normal.slice(6, 10));
  const m = Number(normal.slice(10, 12));
  const d = Number(normal.slice(12, 14));
  if (y < 1900 || m < 1 || m > 12 || d < 1) return false;
  const days = [31, y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return d <= days[m - 1];
}
