// The physical account of a pool (docs/books.md section 1): what the material is, stock included.
import type { PoolLines } from './pools.js';
import { agree, clearlyLess, excessOf, Sum } from './tolerance.js';

export interface Stock {
  mass: number;
  /** Null when there is no stock. */
  emissionFactor: number | null;
}

export const NO_STOCK: Stock = { mass: 0, emissionFactor: null };

export interface PhysicalAccount {
  stockIn: Stock;
  inputMass: number;
  inputEmissions: number;
  lowestInputFactor: number | null;
  /** Q and E, stock included. */
  mass: number;
  emissions: number;
  /** E / Q, null when Q = 0. */
  average: number | null;
  outputMass: number;
  attributedEmissions: number;
  massExcess: number;
  stockOut: Stock;
}

export function physicalAccount(pool: PoolLines, stockIn: Stock): PhysicalAccount {
  const inputMass = new Sum();
  const inputEmissions = new Sum();
  let lowest = Infinity;
  for (const input of pool.inputs) {
    inputMass.add(input.quantity);
    inputEmissions.add(input.quantity * input.emissionFactor);
    if (input.emissionFactor < lowest) lowest = input.emissionFactor;
  }
  const outputMass = new Sum();
  const attributed = new Sum();
  for (const output of pool.outputs) {
    outputMass.add(output.quantity);
    attributed.add(output.quantity * output.emissionFactor);
  }
  const mass = new Sum().add(stockIn.mass).add(inputMass.value).value;
  const emissions = new Sum().add(stockIn.mass * (stockIn.emissionFactor ?? 0)).add(inputEmissions.value).value;
  const average = mass > 0 ? emissions / mass : null;
  const m = outputMass.value;
  // Output that takes what the pool holds, to the tolerance, leaves no stock: float noise is not material.
  const left = clearlyLess(m, mass) ? mass - m : 0;
  return {
    stockIn,
    inputMass: inputMass.value,
    inputEmissions: inputEmissions.value,
    lowestInputFactor: pool.inputs.length > 0 ? lowest : null,
    mass,
    emissions,
    average,
    outputMass: m,
    attributedEmissions: attributed.value,
    massExcess: excessOf(m, mass),
    stockOut: left > 0 ? { mass: left, emissionFactor: average } : NO_STOCK,
  };
}

/** Decimal places a factor is written with (1.235 -> 3, 2 -> 0, 1e-7 -> 7), as JSON or YAML would write it. */
export function decimalsOf(value: number): number {
  const text = String(value);
  const exponent = text.indexOf('e');
  if (exponent < 0) {
    const dot = text.indexOf('.');
    return dot < 0 ? 0 : text.length - dot - 1;
  }
  const mantissa = text.slice(0, exponent);
  const dot = mantissa.indexOf('.');
  return Math.max(0, (dot < 0 ? 0 : mantissa.length - dot - 1) - Number(text.slice(exponent + 1)));
}

/**
 * An output carries the pool average when its factor agrees with it, or is the average rounded up to the
 * decimals it is written with (as a parsed number writes it: 2.00 reads as 2): a published factor rounded up is
 * conservative, never a failure. Nothing else reads "at the average": allocation counts outputs at the average
 * only in a pool where every output is (so a residual output at a round baseline cannot tilt a split).
 */
export function atAverage(factor: number, average: number): boolean {
  if (agree(factor, average)) return true;
  if (clearlyLess(factor, average)) return false;
  const decimals = decimalsOf(factor);
  if (decimals > 15) return false;
  // factor >= average here; rounded up means one step of its last decimal below it is below the average.
  return clearlyLess(factor - 10 ** -decimals, average);
}
