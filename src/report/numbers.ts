// The report's figures for a reader: Intl.NumberFormat in one locale, whatever the machine's, with thousands
// separators and as many decimals as each kind of figure needs to be recomputed by hand. The JSON result keeps
// every figure at full precision; rule messages keep the plain form of engine/messages.ts.

/** One locale for every report, so that the same declaration gives the same document on any machine. */
export const REPORT_LOCALE = 'en-GB';

/**
 * amount: masses and emissions (t, kg, tCO2e), two decimals; factor: emission factors in tCO2e/t, four decimals
 * (five significant digits for the usual 0.1 to 3); percent: a percentage already times 100, two decimals;
 * ratio: a dimensionless ratio, two decimals; count: a whole number.
 */
export type FigureKind = 'amount' | 'factor' | 'percent' | 'ratio' | 'count';

export const DECIMALS: Readonly<Record<FigureKind, number>> = { amount: 2, factor: 4, percent: 2, ratio: 2, count: 0 };

const formats = new Map<string, Intl.NumberFormat>();
function format(options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = JSON.stringify(options);
  let nf = formats.get(key);
  if (!nf) formats.set(key, (nf = new Intl.NumberFormat(REPORT_LOCALE, { useGrouping: true, ...options })));
  return nf;
}

/**
 * A figure as the report prints it: `47,389.55`, `1.8523`, `68.29`. A figure that is not zero never reads 0: one
 * below half the last decimal shown is written to two significant digits (an overdraft of 0.0000007 says so).
 */
export function figure(value: unknown, kind: FigureKind = 'amount'): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) return value === null || value === undefined ? 'n/a' : String(value);
  const decimals = DECIMALS[kind];
  const tiny = value !== 0 && Math.abs(value) < 0.5 * 10 ** -decimals;
  const text = tiny ? format({ maximumSignificantDigits: 2 }).format(value) : format({ maximumFractionDigits: decimals }).format(value);
  // -0 (float noise of a difference of two equal sums) is zero.
  return text === '-0' ? '0' : text;
}

/** A share from 0 to 1 as a percentage: `68.29%`. */
export function percentOf(share: unknown): string {
  return typeof share === 'number' && Number.isFinite(share) ? `${figure(share * 100, 'percent')}%` : 'n/a';
}

/** The Limitations section's account of the rounding, from the same table that does it. */
export const ROUNDING_STATEMENT = `Figures are rounded for reading and written with a comma between thousands (${REPORT_LOCALE}): masses and emissions to ${DECIMALS.amount} decimals, emission factors to ${DECIMALS.factor}, percentages and ratios to ${DECIMALS.percent}; a figure that is not zero but would round to zero is written to two significant digits. The rule messages quoted in the findings give their figures as the rules word them in every output format (to at most four decimals, without separators), and the JSON result of the check keeps every figure at full precision.`;
