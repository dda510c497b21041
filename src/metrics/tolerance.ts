// The one numeric tolerance of mbcheck, stated once and used for every comparison of derived figures.

/** Two figures agree when they differ by at most this fraction of the larger (or of 1, below 1). */
export const RELATIVE_TOLERANCE = 1e-6;

/** Product-group shares must sum to 1 within this. */
export const SHARE_SUM_TOLERANCE = 1e-6;

export const toleranceStatement =
  'figures agree when they differ by at most 1e-6 of the larger magnitude (1e-6 absolute for magnitudes below 1)';

function slack(a: number, b: number): number {
  return RELATIVE_TOLERANCE * Math.max(Math.abs(a), Math.abs(b), 1);
}

export function approxEqual(a: number, b: number): boolean {
  return Math.abs(a - b) <= slack(a, b);
}

/** a < b by more than the tolerance. */
export function clearlyLess(a: number, b: number): boolean {
  return a < b - slack(a, b);
}

/** Rounds a derived figure to 12 significant digits, so float noise (0.30000000000000004) never reaches a report. */
export function tidy(value: number): number {
  // Whole numbers carry no float noise: skip the costly round trip through a string (most quantities are whole).
  if (Number.isInteger(value) && Math.abs(value) < 1e12) return value;
  return Number.isFinite(value) ? Number(value.toPrecision(12)) : value;
}
