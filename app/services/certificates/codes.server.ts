// Verification codes (../certificates.server.ts, DESIGN.md "Numbers and codes"): random, unambiguous when
// read aloud, normalised from what a visitor types; drawn from a fixed seed while the demo world is built.
import { randomInt } from "node:crypto";

/** 30 symbols that cannot be confused when read aloud or retyped: no 0/O, 1/I/L, nor U (looks like V). */
export const CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ";
/** 12 symbols of 30 ≈ 58.9 bits: guessing a live code among a million issued takes ~2^39 tries. */
export const CODE_LENGTH = 12;

function formatCode(raw: string): string {
  return `${raw.slice(0, 4)}-${raw.slice(4, 8)}-${raw.slice(8, 12)}`;
}

/**
 * Where codes come from: crypto-random, except while the demo world is seeded, whose codes come from its
 * fixed seed so that the README can list working ones (the demo world's codes are public anyway).
 */
let codeSource: ((max: number) => number) | null = null;

/** Draw codes from `source` (returns an integer in [0, max)) until `null` restores crypto randomness. */
export function setDemoCodeSource(source: ((max: number) => number) | null): void {
  codeSource = source;
}

/** A fresh verification code, e.g. `7KQ4-XMPB-2HZT`: crypto-random and uniform (randomInt rejects bias). */
export function newVerificationCode(): string {
  let raw = "";
  for (let i = 0; i < CODE_LENGTH; i += 1) raw += CODE_ALPHABET[codeSource ? codeSource(CODE_ALPHABET.length) : randomInt(CODE_ALPHABET.length)];
  return formatCode(raw);
}

/** The stored form of a typed code (any case, with or without dashes and spaces), or null if it cannot be one. */
export function normaliseVerificationCode(input: string): string | null {
  const raw = input.toUpperCase().replace(/[\s\-–—_.]/g, "");
  if (raw.length !== CODE_LENGTH) return null;
  for (const c of raw) if (!CODE_ALPHABET.includes(c)) return null;
  return formatCode(raw);
}
