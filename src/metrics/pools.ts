// Groups ledger lines into pools (unit x balancing window), the lines in the canonical order of the books.
import type { Declaration, Ledger, LedgerInput, LedgerOutput } from '../generated/declaration.js';
import { balancingWindows, windowIndexer, type BalancingWindow } from './windows.js';

export interface PoolLines {
  /** `<unit>@<window start>`; the unit is the batch, the site, or "all" for multi-site. */
  id: string;
  boundaryKey: string;
  window: BalancingWindow;
  /** In date-then-id order. */
  inputs: LedgerInput[];
  outputs: LedgerOutput[];
}

export const MULTI_SITE_KEY = 'all';
export const NO_BATCH_KEY = '(no batch)';

export function boundaryKeyOf(declaration: Declaration, line: LedgerInput | LedgerOutput): string {
  switch (declaration.method.transferBoundary.level) {
    case 'batch':
      return line.batch ?? NO_BATCH_KEY;
    case 'process':
    case 'site':
      return line.site;
    case 'multi-site':
      return MULTI_SITE_KEY;
  }
}

/** Date, then id: the order in which the books meet the lines, whatever order the ledger was written in. */
export const byDateThenId = (a: { date: string; id: string }, b: { date: string; id: string }): number =>
  a.date < b.date ? -1 : a.date > b.date ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

/**
 * The ledger with its lines in date-then-id order. Sums of floating-point figures depend on the order they are
 * added in, and "the first input lacking X" on which comes first: in this order every figure, every example a
 * result names and every list is the same for the same lines however an export ordered them. Exports are
 * usually in date order already, which the sort makes cheap.
 */
export function inCanonicalOrder(ledger: Ledger): Ledger {
  return { ...ledger, inputs: [...ledger.inputs].sort(byDateThenId) as Ledger['inputs'], outputs: [...ledger.outputs].sort(byDateThenId) };
}

export interface PoolLayout {
  windows: BalancingWindow[];
  /** Units in alphabetical order, each with one entry per window (empty pools included). */
  units: Map<string, PoolLines[]>;
}

/** Lays the lines of a ledger already in canonical order into pools; each pool keeps that order. */
export function layOutPools(declaration: Declaration, ledger: Ledger): PoolLayout {
  const windows = balancingWindows(declaration.period, declaration.method.temporalBoundary.balancingPeriod);
  const windowOf = windowIndexer(windows);
  const units = new Map<string, PoolLines[]>();
  const poolFor = (line: LedgerInput | LedgerOutput): PoolLines => {
    const key = boundaryKeyOf(declaration, line);
    let row = units.get(key);
    if (!row) {
      row = windows.map((window) => ({ id: `${key}@${window.start}`, boundaryKey: key, window, inputs: [], outputs: [] }));
      units.set(key, row);
    }
    return row[windowOf(line.date)]!;
  };
  for (const input of ledger.inputs) poolFor(input).inputs.push(input);
  for (const output of ledger.outputs) poolFor(output).outputs.push(output);
  return { windows, units: new Map([...units].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) };
}
