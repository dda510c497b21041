// The credit account of a unit (docs/books.md section 2): reductions against the baseline kept as lots with
// their origin, used oldest first (own site first in a multi-site unit), handed to the stock, carried over,
// expired or forfeited, window by window.
import type { TemporalBoundary } from '../generated/declaration.js';
import type { PoolLines } from './pools.js';
import { agree, clearlyLess, excessOf, Sum } from './tolerance.js';

export interface Lot {
  amount: number;
  /** The origin factor: the earning input's, or the pool average for a lot that came with the stock. */
  factor: number;
  site: string;
  /** The window it was earned in, or came into (a lot of the stock counts from the window it entered). */
  window: number;
  /** The earning input, or `stock of <pool>`. */
  origin: string;
  withStock: boolean;
}

export interface CarryOverRules {
  allowed: boolean;
  /** Windows a lot may be carried; Infinity when no limit is declared. */
  maxPeriods: number;
}

export function carryOverRules(temporal: TemporalBoundary): CarryOverRules {
  const allowed = temporal.carryOver?.allowed ?? false;
  return { allowed, maxPeriods: allowed ? (temporal.carryOver?.maxPeriods ?? Infinity) : 0 };
}

export const unlimitedCarryOver: CarryOverRules = { allowed: true, maxPeriods: Infinity };

export const creditsOf = (quantity: number, factor: number, baseline: number): number => (factor < baseline ? quantity * (baseline - factor) : 0);

/** Where the lots of other sites may come from, for a multi-site unit; null for a unit of one site or batch. */
export interface SiteLinks {
  /** The connected group of each declared site. */
  componentOf: Map<string, number>;
}

/** What a pool brings to its credit account, worked out once from its lines (both passes of the books reuse it). */
export interface PoolDemand {
  /** The lots its inputs earn, in date-then-id order (adjacent lots of one site and factor merged). */
  earned: Lot[];
  earnedTotal: number;
  /** Credits its outputs use, by site (sites in id order), and in all. */
  usedBySite: Map<string, number>;
  used: number;
  /** Day by day: credits earned and used that day, in date order. */
  days: Array<{ date: string; earned: number; used: number }>;
}

export function poolDemand(pool: PoolLines, windowIndex: number, baseline: number): PoolDemand {
  const earned: Lot[] = [];
  const earnedTotal = new Sum();
  const byDay = new Map<string, { date: string; earned: number; used: number }>();
  const day = (date: string) => {
    let entry = byDay.get(date);
    if (!entry) byDay.set(date, (entry = { date, earned: 0, used: 0 }));
    return entry;
  };
  for (const input of pool.inputs) {
    const amount = creditsOf(input.quantity, input.emissionFactor, baseline);
    if (amount <= 0) continue;
    earnedTotal.add(amount);
    day(input.date).earned += amount;
    const previous = earned[earned.length - 1];
    if (previous && previous.site === input.site && previous.factor === input.emissionFactor) previous.amount += amount;
    else earned.push({ amount, factor: input.emissionFactor, site: input.site, window: windowIndex, origin: input.id, withStock: false });
  }
  const usedBySite = new Map<string, Sum>();
  const used = new Sum();
  for (const output of pool.outputs) {
    const amount = creditsOf(output.quantity, output.emissionFactor, baseline);
    if (amount <= 0) continue;
    used.add(amount);
    day(output.date).used += amount;
    let site = usedBySite.get(output.site);
    if (!site) usedBySite.set(output.site, (site = new Sum()));
    site.add(amount);
  }
  const days = [...byDay.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const bySite = new Map([...usedBySite].sort(([a], [b]) => (a < b ? -1 : 1)).map(([site, sum]) => [site, sum.value] as const));
  return { earned, earnedTotal: earnedTotal.value, usedBySite: bySite, used: used.value, days };
}

export interface SiteUse {
  used: number;
  imported: number;
  importedWithoutLink: number;
  /** No lot of the site's own was available when it used credits. */
  withoutOwnReductions: boolean;
}

export interface CreditWindow {
  carriedIn: number;
  withStock: number;
  earned: number;
  available: number;
  used: number;
  expired: number;
  forfeited: number;
  toStock: number;
  carriedOut: number;
  closingBalance: number;
  overdraft: number;
  /** The lots available before use, as origin factor -> amount: for the red line, the volume test and technology. */
  lotFactors: Map<number, number>;
  transferred: number;
  transferredWithoutLink: number;
  sites: Map<string, SiteUse>;
}

/** The lots of a unit between windows. */
export interface CreditState {
  carried: Lot[];
  withStock: Lot[];
}

export const emptyCreditState = (): CreditState => ({ carried: [], withStock: [] });

const total = (lots: readonly Lot[]): number => {
  const sum = new Sum();
  for (const lot of lots) sum.add(lot.amount);
  return sum.value;
};

/**
 * What a need takes from a lot: all of it when the need covers it to the tolerance, so that float noise never
 * leaves a sliver of a lot behind (a sliver of a zero-emission lot would lower the next pool's red line).
 */
function portion(lot: Lot, need: number): number {
  return need >= lot.amount || agree(need, lot.amount) ? lot.amount : need;
}

/** Takes up to `need` from the lots that pass `eligible`, in order; returns what it took. */
function take(lots: readonly Lot[], need: number, eligible: (lot: Lot) => boolean): number {
  let taken = 0;
  for (const lot of lots) {
    if (need - taken <= 0) break;
    if (lot.amount <= 0 || !eligible(lot)) continue;
    const part = portion(lot, need - taken);
    lot.amount -= part;
    // A lot taken whole for its sliver gives the need no more than the need: the sliver is noise, not a use.
    taken += Math.min(part, need - taken);
  }
  return taken;
}

/** What is still needed after taking some: nothing when what was taken agrees with the need (float noise is no transfer). */
const unmet = (need: number, taken: number): number => (clearlyLess(taken, need) ? need - taken : 0);

export interface StockClose {
  /** S' and the pool average it leaves at. */
  mass: number;
  average: number | null;
}

/**
 * One window of a unit's credit account. `state` holds the lots coming in and is replaced by those going out.
 * `links` is given for a multi-site unit: each site takes its own lots first, then connected sites', then any.
 */
export function creditWindow(
  state: CreditState,
  demand: PoolDemand,
  windowIndex: number,
  poolId: string,
  baseline: number,
  rules: CarryOverRules,
  stock: StockClose,
  links: SiteLinks | null,
): CreditWindow {
  let expired = 0;
  const carried: Lot[] = [];
  for (const lot of state.carried) {
    if (windowIndex - lot.window > rules.maxPeriods) expired += lot.amount;
    else carried.push(lot);
  }
  const carriedIn = total(carried);
  const withStock = total(state.withStock);
  const earnedLots = demand.earned.map((lot) => ({ ...lot }));
  const lots = [...carried, ...state.withStock, ...earnedLots].filter((lot) => lot.amount > 0);
  const lotFactors = new Map<number, number>();
  for (const lot of lots) lotFactors.set(lot.factor, (lotFactors.get(lot.factor) ?? 0) + lot.amount);
  const available = new Sum().add(carriedIn).add(withStock).add(demand.earnedTotal).value;

  const sites = new Map<string, SiteUse>();
  let transferred = 0;
  let transferredWithoutLink = 0;
  if (links) {
    const need = new Map<string, number>();
    for (const [site, used] of demand.usedBySite) {
      const own = lots.some((lot) => lot.site === site);
      sites.set(site, { used, imported: 0, importedWithoutLink: 0, withoutOwnReductions: !own });
      need.set(site, unmet(used, take(lots, used, (lot) => lot.site === site)));
    }
    const component = (site: string) => links.componentOf.get(site) ?? site;
    for (const [site, rest] of need) {
      if (rest <= 0) continue;
      const linked = take(lots, rest, (lot) => lot.site !== site && component(lot.site) === component(site));
      sites.get(site)!.imported += linked;
      need.set(site, unmet(rest, linked));
    }
    for (const [site, rest] of need) {
      if (rest <= 0) continue;
      const unlinked = take(lots, rest, (lot) => lot.site !== site);
      const use = sites.get(site)!;
      use.imported += unlinked;
      use.importedWithoutLink += unlinked;
    }
    const transfers = new Sum();
    const withoutLink = new Sum();
    for (const use of sites.values()) {
      transfers.add(use.imported);
      withoutLink.add(use.importedWithoutLink);
    }
    transferred = transfers.value;
    transferredWithoutLink = withoutLink.value;
  } else {
    take(lots, demand.used, () => true);
  }

  const overdraft = excessOf(demand.used, available);
  const closingBalance = overdraft > 0 ? available - demand.used : clearlyLess(demand.used, available) ? available - demand.used : 0;
  const left = overdraft > 0 ? [] : lots.filter((lot) => lot.amount > 0);

  // The stock takes its own share of the reductions first, oldest lots first, as lots at the pool average.
  const share = stock.mass > 0 && stock.average !== null && stock.average < baseline ? stock.mass * (baseline - stock.average) : 0;
  let toStockNeed = Math.min(share, total(left));
  const stockLots = new Map<string, Lot>();
  for (const lot of left) {
    if (toStockNeed <= 0) break;
    const part = portion(lot, toStockNeed);
    lot.amount -= part;
    toStockNeed -= part;
    const existing = stockLots.get(lot.site);
    if (existing) existing.amount += part;
    else stockLots.set(lot.site, { amount: part, factor: stock.average!, site: lot.site, window: windowIndex + 1, origin: `stock of ${poolId}`, withStock: true });
  }
  const newStock = [...stockLots.values()].filter((lot) => lot.amount > 0).sort((a, b) => (a.site < b.site ? -1 : a.site > b.site ? 1 : 0));
  const rest = left.filter((lot) => lot.amount > 0).map((lot) => (lot.withStock ? { ...lot, withStock: false } : lot));
  const restTotal = total(rest);
  state.withStock = newStock;
  state.carried = rules.allowed ? rest : [];

  return {
    carriedIn,
    withStock,
    earned: demand.earnedTotal,
    available,
    used: demand.used,
    expired,
    forfeited: rules.allowed ? 0 : restTotal,
    toStock: total(newStock),
    carriedOut: rules.allowed ? restTotal : 0,
    closingBalance,
    overdraft,
    lotFactors,
    transferred,
    transferredWithoutLink,
    sites,
  };
}

export interface RunningLow {
  /** The lowest day-close balance, or the opening when none is lower. */
  low: number;
  /** When the balance is judged negative: the day of the lowest point. */
  date: string | null;
}

/**
 * The running balance of a pool day by day (inputs before outputs on one day, so each day's low is its close).
 * A day is negative when the credits used so far are clearly above those carried in plus earned so far.
 */
export function runningLow(demand: PoolDemand, opening: number): RunningLow {
  const earned = new Sum().add(opening);
  const used = new Sum();
  let low = opening;
  let date: string | null = null;
  for (const day of demand.days) {
    earned.add(day.earned);
    used.add(day.used);
    if (clearlyLess(earned.value, used.value)) {
      const balance = earned.value - used.value;
      if (date === null || balance < low) {
        low = balance;
        date = day.date;
      }
    } else if (date === null) {
      // Not below zero to the tolerance: noise must not read as a dip.
      low = Math.min(low, Math.max(0, earned.value - used.value));
    }
  }
  return { low, date };
}

