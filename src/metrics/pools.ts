// Groups ledger lines into pools (transfer boundary x balancing window) and sums each pool's physical figures.
import type { Declaration, Ledger, LedgerInput, LedgerOutput } from '../generated/declaration.js';
import { balancingWindows, windowIndexer, type BalancingWindow } from './windows.js';

export interface PoolLines {
  /** `<boundary key>@<window start>`; the boundary key is the batch, the site, or "all" for multi-site. */
  id: string;
  boundaryKey: string;
  window: BalancingWindow;
  inputs: LedgerInput[];
  outputs: LedgerOutput[];
}

export const MULTI_SITE_KEY = 'all';

export function boundaryKeyOf(declaration: Declaration, line: LedgerInput | LedgerOutput): string {
  switch (declaration.method.transferBoundary.level) {
    case 'batch':
      return line.batch ?? '(no batch)';
    case 'process':
    case 'site':
      return line.site;
    case 'multi-site':
      return MULTI_SITE_KEY;
  }
}

export interface PoolLayout {
  windows: BalancingWindow[];
  /** Boundary keys in alphabetical order, each with one entry per window (empty pools included). */
  boundaries: Map<string, PoolLines[]>;
}

export function layOutPools(declaration: Declaration, ledger: Ledger): PoolLayout {
  const windows = balancingWindows(declaration.period, declaration.method.temporalBoundary.balancingPeriod);
  const windowOf = windowIndexer(windows);
  const boundaries = new Map<string, PoolLines[]>();
  const poolFor = (line: LedgerInput | LedgerOutput): PoolLines => {
    const key = boundaryKeyOf(declaration, line);
    let row = boundaries.get(key);
    if (!row) {
      row = windows.map((window) => ({ id: `${key}@${window.start}`, boundaryKey: key, window, inputs: [], outputs: [] }));
      boundaries.set(key, row);
    }
    return row[windowOf(line.date)]!;
  };
  for (const input of ledger.inputs) poolFor(input).inputs.push(input);
  for (const output of ledger.outputs) poolFor(output).outputs.push(output);
  // Pools in an order of their own (not the ledger's): the report lists them, and re-exports must read the same.
  return { windows, boundaries: new Map([...boundaries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) };
}

export interface PhysicalFigures {
  inputMass: number;
  inputEmissions: number;
  /** E / Q; null for a window without inputs. */
  averageEmissionFactor: number | null;
  lowestInputEmissionFactor: number | null;
  outputMass: number;
  attributedEmissions: number;
}

export interface PoolPhysics extends PhysicalFigures {
  /** Physical stock (mass) carried in from earlier windows of this boundary, and its average factor. */
  stockCarriedIn: number;
  stockAverageEmissionFactor: number | null;
  /** What the window's outputs are judged against: its own inputs, or, without inputs, the stock it draws on. */
  averageBasis: 'inputs' | 'stock carried in' | null;
}

/**
 * The physical figures of one boundary's windows in order, with the stock each window inherits. Material
 * left over (Q + stock - M) stays in stock at the blended average; its lowest factor is the lowest of the
 * inputs it came from. The pool's lowest factor counts that stock too, and a window without inputs takes its
 * average from the stock, so an output can never escape the proportionality or stacking checks by being
 * booked in a later window than its material.
 */
export function physicsOfRow(row: readonly PoolLines[]): PoolPhysics[] {
  let stockMass = 0;
  let stockEmissions = 0;
  let stockLowest: number | null = null;
  return row.map((pool) => {
    const f = physicalFigures(pool);
    const stockAverage = stockMass > 0 ? stockEmissions / stockMass : null;
    const fromInputs = f.inputMass > 0;
    const physics: PoolPhysics = {
      ...f,
      averageEmissionFactor: fromInputs ? f.averageEmissionFactor : stockAverage,
      // Stock carried in is in the pool as much as this window's inputs: no output may go below either.
      lowestInputEmissionFactor: stockMass > 0 && stockLowest !== null ? Math.min(stockLowest, f.lowestInputEmissionFactor ?? Infinity) : f.lowestInputEmissionFactor,
      stockCarriedIn: stockMass,
      stockAverageEmissionFactor: stockAverage,
      averageBasis: fromInputs ? 'inputs' : stockMass > 0 ? 'stock carried in' : null,
    };
    const massAvailable = stockMass + f.inputMass;
    const emissionsAvailable = stockEmissions + f.inputEmissions;
    const left = Math.max(0, massAvailable - f.outputMass);
    stockEmissions = massAvailable > 0 ? (left * emissionsAvailable) / massAvailable : 0;
    stockLowest = left > 0 ? Math.min(stockLowest ?? Infinity, f.lowestInputEmissionFactor ?? Infinity) : null;
    stockMass = left;
    return physics;
  });
}

export function physicalFigures(pool: PoolLines): PhysicalFigures {
  let inputMass = 0;
  let inputEmissions = 0;
  let lowest = Infinity;
  for (const input of pool.inputs) {
    inputMass += input.quantity;
    inputEmissions += input.quantity * input.emissionFactor;
    if (input.emissionFactor < lowest) lowest = input.emissionFactor;
  }
  let outputMass = 0;
  let attributedEmissions = 0;
  for (const output of pool.outputs) {
    outputMass += output.quantity;
    attributedEmissions += output.quantity * output.emissionFactor;
  }
  return {
    inputMass,
    inputEmissions,
    averageEmissionFactor: inputMass > 0 ? inputEmissions / inputMass : null,
    lowestInputEmissionFactor: pool.inputs.length > 0 ? lowest : null,
    outputMass,
    attributedEmissions,
  };
}
