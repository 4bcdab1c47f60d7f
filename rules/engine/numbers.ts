/**
 * Half-up rounding to an integer (fen). Products like 0.6 × 12345 come out as 7406.999999…; rounding to
 * six decimals first removes that binary noise before the half-up step. Amounts here are far below 1e9.
 */
export function roundHalfUp(value: number): number {
  const cleaned = Math.round(value * 1e6) / 1e6;
  return value >= 0 ? Math.floor(cleaned + 0.5) : -Math.floor(-cleaned + 0.5);
}
