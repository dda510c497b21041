// The credit books of one transfer boundary across its balancing windows: carry-over, expiry, overdrafts.
// Credits are tCO2e: an input earns q * max(0, B - e), an output uses m * max(0, B - a).
import type { TemporalBoundary } from '../generated/declaration.js';
import type { PoolLines } from './pools.js';
import { RELATIVE_TOLERANCE } from './tolerance.js';

export interface WindowBooks {
  creditsCarriedIn: number;
  creditsEarned: number;
  creditsUsed: number;
  /** Carried credits that reached the end of their life (maxPeriods) at the start of this window. */
  creditsExpired: number;
  /** Unused credits at the close that may not be carried over. */
  creditsForfeited: number;
  /** carried in + earned - used. Negative is an overdraft. */
  closingBalance: number;
  overdraft: number;
  /** The lowest running balance in date order (on one day, inputs before outputs), and when. */
  lowestRunningBalance: number;
  lowestRunningBalanceDate: string | null;
}

export interface CarryOverRules {
  allowed: boolean;
  /** Windows a credit may be carried; Infinity when no limit is declared. */
  maxPeriods: number;
}

export function carryOverRules(temporal: TemporalBoundary): CarryOverRules {
  const allowed = temporal.carryOver?.allowed ?? false;
  return { allowed, maxPeriods: allowed ? (temporal.carryOver?.maxPeriods ?? Infinity) : 0 };
}

export const unlimitedCarryOver: CarryOverRules = { allowed: true, maxPeriods: Infinity };

/** A balance below zero by more than the tolerance of the credits moved: float noise is no overdraft. */
export function isOverdrawn(balance: number, creditsMoved: number): boolean {
  return balance < -RELATIVE_TOLERANCE * Math.max(creditsMoved, 1);
}

interface Lot {
  window: number;
  amount: number;
}

export function creditsEarnedBy(quantity: number, factor: number, baseline: number): number {
  return quantity * Math.max(0, baseline - factor);
}

/**
 * The lowest running balance of a window and the day it happens. Within a day inputs come first and only add,
 * outputs come after and only take away, so the day's lowest point is its close: summing each day once gives
 * the same low as replaying every line, without sorting a million events.
 */
function runningLow(pool: PoolLines, baseline: number, opening: number): { low: number; date: string | null } {
  const netByDay = new Map<string, number>();
  for (const i of pool.inputs) netByDay.set(i.date, (netByDay.get(i.date) ?? 0) + creditsEarnedBy(i.quantity, i.emissionFactor, baseline));
  for (const o of pool.outputs) netByDay.set(o.date, (netByDay.get(o.date) ?? 0) - creditsEarnedBy(o.quantity, o.emissionFactor, baseline));
  const days = [...netByDay.keys()].sort();
  let balance = opening;
  let low = opening;
  let date: string | null = null;
  for (const day of days) {
    balance += netByDay.get(day)!;
    if (balance < low) {
      low = balance;
      date = day;
    }
  }
  return { low, date };
}

/** Keeps the books of one boundary's windows in order. Oldest credits are used first, so they expire last-used. */
export function keepBooks(row: readonly PoolLines[], baseline: number, rules: CarryOverRules): WindowBooks[] {
  let lots: Lot[] = [];
  return row.map((pool, k) => {
    let creditsExpired = 0;
    lots = lots.filter((lot) => {
      const alive = k - lot.window <= rules.maxPeriods;
      if (!alive) creditsExpired += lot.amount;
      return alive;
    });
    const creditsCarriedIn = lots.reduce((sum, lot) => sum + lot.amount, 0);
    let creditsEarned = 0;
    for (const input of pool.inputs) creditsEarned += creditsEarnedBy(input.quantity, input.emissionFactor, baseline);
    let creditsUsed = 0;
    for (const output of pool.outputs) creditsUsed += creditsEarnedBy(output.quantity, output.emissionFactor, baseline);
    // Balances within the tolerance of zero are zero: float noise must not read as an overdraft in a report.
    const noise = RELATIVE_TOLERANCE * Math.max(creditsUsed, creditsEarned, 1);
    const snap = (v: number) => (Math.abs(v) <= noise ? 0 : v);
    const closingBalance = snap(creditsCarriedIn + creditsEarned - creditsUsed);
    const running = runningLow(pool, baseline, creditsCarriedIn);
    const low = snap(running.low);
    const date = low < 0 ? running.date : null;

    let toUse = creditsUsed;
    for (const lot of lots) {
      const taken = Math.min(lot.amount, toUse);
      lot.amount -= taken;
      toUse -= taken;
    }
    lots = lots.filter((lot) => lot.amount > 0);
    const leftFromWindow = Math.max(0, creditsEarned - toUse);
    let creditsForfeited = 0;
    if (isOverdrawn(closingBalance, creditsUsed)) lots = [];
    else if (rules.allowed && leftFromWindow > 0) lots.push({ window: k, amount: leftFromWindow });
    else creditsForfeited = leftFromWindow;

    return {
      creditsCarriedIn,
      creditsEarned,
      creditsUsed,
      creditsExpired,
      creditsForfeited,
      closingBalance,
      overdraft: isOverdrawn(closingBalance, creditsUsed) ? -closingBalance : 0,
      lowestRunningBalance: low,
      lowestRunningBalanceDate: date,
    };
  });
}
