// The one numeric tolerance of mbcheck's books (docs/books.md section 6), and the sums that keep it meaningful.

/** Two figures agree when they differ by at most this fraction of the larger of them. */
export const RELATIVE_TOLERANCE = 1e-6;

/** Product-group shares must sum to 1 within this. */
export const SHARE_SUM_TOLERANCE = 1e-6;

export const toleranceStatement =
  'figures agree when they differ by at most 1e-6 of the larger of them; a difference (a balance, an excess, a shortfall) is judged by comparing the two amounts it is the difference of, never against an absolute slack around zero';

/**
 * a and b agree. Purely relative: no absolute slack, so that a verdict cannot change with the unit (t or kg) or
 * the size of the ledger. A difference is judged by comparing its two operands with this, never with zero.
 */
export function agree(a: number, b: number): boolean {
  return Math.abs(a - b) <= RELATIVE_TOLERANCE * Math.max(Math.abs(a), Math.abs(b));
}

/** a is below b by more than the tolerance. */
export function clearlyLess(a: number, b: number): boolean {
  return a < b - RELATIVE_TOLERANCE * Math.max(Math.abs(a), Math.abs(b));
}

/** a - b when a is clearly above b, else 0: an excess that float noise alone cannot create. */
export function excessOf(a: number, b: number): number {
  return clearlyLess(b, a) ? a - b : 0;
}

/**
 * The `approxEqual` operator of the ruleset language, as released rulesets were written against it: relative,
 * with 1e-6 absolute below magnitude 1. Its meaning is part of those rulesets and does not change; the books
 * themselves compare with `agree`, and new rules compare figures the books have already judged.
 */
export function approxEqualOperator(a: number, b: number): boolean {
  return Math.abs(a - b) <= RELATIVE_TOLERANCE * Math.max(Math.abs(a), Math.abs(b), 1);
}

/** Rounds a derived figure to 12 significant digits, so float noise (0.30000000000000004) never reaches a report. */
export function tidy(value: number): number {
  // Whole numbers carry no float noise: skip the costly round trip through a string (most quantities are whole).
  if (Number.isInteger(value) && Math.abs(value) < 1e12) return value;
  if (!Number.isFinite(value)) return value;
  const rounded = Number(value.toPrecision(12));
  return rounded === 0 ? 0 : rounded;
}

/**
 * A compensated (Neumaier) running sum: adding a million lines loses no more than a few units in the last
 * place, so a line split in two or a ledger repeated k times sums to the same figure that matters.
 */
export class Sum {
  private total = 0;
  private compensation = 0;

  add(value: number): this {
    const t = this.total + value;
    if (Math.abs(this.total) >= Math.abs(value)) this.compensation += this.total - t + value;
    else this.compensation += value - t + this.total;
    this.total = t;
    return this;
  }

  get value(): number {
    return this.total + this.compensation;
  }
}

/** The compensated sum of a list. */
export function sumOf(values: Iterable<number>): number {
  const sum = new Sum();
  for (const v of values) sum.add(v);
  return sum.value;
}
