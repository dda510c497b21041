// Technology change (docs/books.md section 5): whether a lower-emission route, not merely a baseline above the
// plant, feeds a pool that uses free attribution; and the credits a baseline above the conventional route creates.
import type { LedgerInput } from '../generated/declaration.js';
import type { PoolLines } from './pools.js';
import { clearlyLess, Sum, tidy } from './tolerance.js';
import type { LedgerMetrics } from './types.js';

/** "Material" (STANDARDS.md, integrity): at least 10% below the conventional route. */
export const MATERIAL_MARGIN = 0.1;

export interface UnitRoute {
  unit: string;
  /** The unit's highest input factor over the period: its conventional route. */
  conventional: number;
  lowestInput: number;
  inputMass: number;
}

/** The conventional route of a unit from its inputs over the period; null for a unit without inputs. */
export function unitRoute(unit: string, row: readonly PoolLines[]): UnitRoute | null {
  let conventional = -Infinity;
  let lowestInput = Infinity;
  const inputMass = new Sum();
  for (const pool of row) {
    for (const input of pool.inputs) {
      if (input.emissionFactor > conventional) conventional = input.emissionFactor;
      if (input.emissionFactor < lowestInput) lowestInput = input.emissionFactor;
      inputMass.add(input.quantity);
    }
  }
  return conventional === -Infinity ? null : { unit, conventional, lowestInput, inputMass: inputMass.value };
}

const materiallyBelow = (factor: number, conventional: number) => clearlyLess(factor, conventional) && !clearlyLess((1 - MATERIAL_MARGIN) * conventional, factor);

/** Something at least 10% below the conventional route entered the pool (an input or a lot), or a flagged input clearly below it. */
export function hasTechnologyChange(route: UnitRoute | null, inputs: readonly LedgerInput[], lotFactors: ReadonlyMap<number, number>): boolean {
  if (!route) return false;
  for (const input of inputs) {
    if (materiallyBelow(input.emissionFactor, route.conventional)) return true;
    if (input.lowCarbon === true && clearlyLess(input.emissionFactor, route.conventional)) return true;
  }
  for (const [factor, amount] of lotFactors) if (amount > 0 && materiallyBelow(factor, route.conventional)) return true;
  return false;
}

/** Low-carbon input, in the books' sense: below its unit's conventional route, or flagged. */
export function isLowCarbonInput(input: LedgerInput, route: UnitRoute | null): boolean {
  return input.lowCarbon === true || (route !== null && clearlyLess(input.emissionFactor, route.conventional));
}

export function baselineAboveConventional(routes: readonly UnitRoute[], baseline: number, creditsEarned: number): LedgerMetrics['technology']['baselineAboveConventional'] {
  let units = 0;
  const created = new Sum();
  let worst: LedgerMetrics['technology']['baselineAboveConventional']['worst'] = null;
  for (const route of routes) {
    if (!clearlyLess(route.conventional, baseline)) continue;
    units++;
    // Every input of the unit is at or below its conventional route, so each earns q (B - C) more than against C.
    const credits = route.inputMass * (baseline - route.conventional);
    created.add(credits);
    if (!worst || credits > worst.creditsCreated) worst = { unit: route.unit, conventionalEmissionFactor: route.conventional, baseline, inputMass: tidy(route.inputMass), creditsCreated: tidy(credits) };
  }
  return { units, creditsCreated: tidy(created.value), share: creditsEarned > 0 ? tidy(created.value / creditsEarned) : null, worst };
}

export function routeSummary(route: UnitRoute, change: boolean): LedgerMetrics['technology']['units'][number] {
  return {
    unit: route.unit,
    conventionalEmissionFactor: route.conventional,
    lowestInputEmissionFactor: route.lowestInput,
    reductionBelowConventionalPercent: route.conventional > 0 ? tidy((100 * (route.conventional - route.lowestInput)) / route.conventional) : 0,
    change,
  };
}
