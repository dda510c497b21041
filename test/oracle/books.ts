// The test oracle's books: a slow, exact reference implementation of docs/books.md sections 0-6, written apart
// from src/metrics so that the two can disagree.
//
// Every amount is a Fraction (exact rational on BigInt). Input quantities and factors are read exactly as the
// doubles they are (Fraction.fromNumber), so the only tolerance anywhere is the one of section 6, used where the
// procedure says "clearly" or "agrees". Everything is recomputed from scratch, one unit and one window at a
// time, with plain loops over the (few dozen) lines: clarity over speed.
//
// Choices this oracle makes where docs/books.md and DOMAIN.md leave one (each is marked CHOICE in the code):
//  1. Windows: window k starts at period.start + k*n calendar months (counted from period.start, so the day of
//     month of period.start is kept, clamped to the month's last day; not stepped from the previous, clamped,
//     start) and ends the day before window k+1 starts, the last at period.end. PnY is 12n months. A start
//     clamped onto period.end makes a one-day last window (2024-01-31 + 5 months = 2024-06-30).
//  2. Lines dated before period.start or after period.end belong to no window and are left out of every figure
//     (the baseline B, when not declared, is still the highest factor of every input of the ledger).
//  3. No ledger: baseline 0 and no pools. carryOver absent means carry-over not allowed.
//  4. "Alphabetical" is JavaScript code-unit order (so '(no batch)' comes before letters and digits).
//  5. Lots that came with the stock are ordered among themselves by site id. Left over at a close and carried
//     on, such a lot counts as a lot of the window it came into, placed before that window's earned lots (it
//     was available before them); earned lots of one window are ordered by date then input id.
//  6. The stock's lot at the close takes from the remaining lots in the order of use (carried in, with the
//     stock, earned), oldest first, as books.md says; the rest carries over or is forfeited.
//  7. Multi-site use: step 1 own site, step 2 sites of the same connected component (connectedTo, symmetric,
//     transitive; sites only named by lines are components of their own), step 3 any site; at each step the
//     sites with a demand are served in id order, each taking from the lots in the order of use.
//     "Without physical link" = taken from a lot whose site is in another component.
//  8. sitesWithoutOwnReductions: sites whose outputs' demand sum m max(0, B - a) is > 0 while no available lot
//     (carried in after expiry, with the stock, or earned, amount > 0) has that site.
//  9. Running balance: one balance per pool (not per site), closed on each date that has a line of the pool.
// 10. Stacking by volume, both tests (by origin, on the outputs clearly below the pool average, inclusive "at or below x";
//     and as a blend): tested at the breakpoints books.md names (every output factor and every available
//     lot's origin factor strictly below B), not at x = B itself; books.md calls x = B the overdraft test, and
//     overdraft is its own figure. (Read literally, "for every x below B" also fails in the limit x -> B
//     whenever the pool is overdrawn; the breakpoint rule does not.) A breakpoint fails when the backed
//     reduction is clearly below the output reduction (section 6), not on an exact comparison.
// 11. "At the pool average": agrees with e_avg, or its value as written (the shortest decimal of the double,
//     String(a)) is not clearly below e_avg while one unit of its last decimal less is clearly below it (the
//     round-up, judged with the tolerance: the double of 2.1 is a hair above 2.1), d = the decimals it is written with. So an output
//     above the average that is not its round-up (say 1.25 for 1.2) is off the average.
//     With outputs but no average (Q = 0), proportional is null and outputsOffAverage is empty. The written
//     form is lost when YAML/JSON is parsed: 2.0 reads as 2 (0 decimals), so a factor of 2.0 is "at the
//     average" for any average in (1, 2]; 1.50 reads as 1.5.
// 12. Allocation: only outputs that name a declared group take part; shares are of the pool's attributed
//     emissions of those outputs (counted at e_avg when every output of the pool is at the average), and group g holds when its
//     emissions A_g agree with key_g * A_total (the same test as share vs key when A_total > 0, and holding when
//     every grouped output is at 0). basis 'none' gives allocationHolds null. Economic basis with a zero
//     weighted key total in a pool gives null. Outputs naming no group, or a group that is not declared, are
//     ungrouped (listed only when groups are declared).
// 13. declaredSharesAgree: only with basis physical and groups declared; the period's mass split is over the
//     outputs that name a declared group (null when that mass is 0); the half-unit band is closed and the share
//     is read as written (String(share)), so 0.7 covers [0.65, 0.75].
// 14. allocation.poolsNotProportional counts pools whose allocationHolds is false.
// 15. Technology change: "at least 10% below" is e clearly below conv and not clearly above 9/10 conv (the
//     tolerance: the double of 0.63 is a hair above 9/10 of the double of 0.7); the lowCarbon flag counts
//     when e is clearly below conv. Only inputs and available lots count (not the stock factor s by itself). A
//     unit with no input in the period has no conventional route: no technology change, and no baseline credits.
//     creditsFromBaselineAboveConventional sums, over units whose conv is clearly below B, the unit's input
//     mass in the period times (B - conv).
// 16. Claimed outputs: claim.productGroups / claim.outputs that are absent or empty "name none". Without a
//     named claim, "proportional attribution" is the declared method.attribution.proportional, or the rolling
//     average percentage model (ISO 22095's proportional method, whatever the flag says). Only outputs
//     dated within the period are listed; the list is sorted.
// 17. The pool's demand is used in full in creditsUsed even when it exceeds what is available; what is
//     taken from the lots is min(used, available), so an overdraft that is within tolerance still empties them.

import type { Declaration, LedgerInput, LedgerOutput } from '../../src/generated/declaration.js';
import { Fraction } from './fraction.js';

// ---------------------------------------------------------------------------------------------------------
// Section 6: tolerance

const REL = Fraction.of(1n, 1000000n);
const ZERO = Fraction.ZERO;

function scale(a: Fraction, b: Fraction): Fraction {
  return REL.mul(Fraction.max(a.abs(), b.abs()));
}
/** |a - b| <= 1e-6 * max(|a|, |b|) */
export function agree(a: Fraction, b: Fraction): boolean {
  return a.sub(b).abs().le(scale(a, b));
}
/** a < b - 1e-6 * max(|a|, |b|) */
export function clearlyLess(a: Fraction, b: Fraction): boolean {
  return a.lt(b.sub(scale(a, b)));
}

// ---------------------------------------------------------------------------------------------------------
// Section 0: calendar, on year/month/day numbers

interface Ymd {
  y: number;
  m: number; // 1..12
  d: number;
}
function parseDate(s: string): Ymd {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) throw new RangeError(`not a date: ${s}`);
  return { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) };
}
function formatDate(x: Ymd): string {
  return `${String(x.y).padStart(4, '0')}-${String(x.m).padStart(2, '0')}-${String(x.d).padStart(2, '0')}`;
}
/** Chronological order on year/month/day numbers (strings would misorder a year past 9999). */
function compareYmd(a: Ymd, b: Ymd): number {
  return a.y - b.y || a.m - b.m || a.d - b.d;
}
function compareDates(a: string, b: string): number {
  return compareYmd(parseDate(a), parseDate(b));
}
function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}
function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeap(y) ? 29 : 28;
  return [4, 6, 9, 11].includes(m) ? 30 : 31;
}
function addMonths(x: Ymd, k: number): Ymd {
  const total = x.y * 12 + (x.m - 1) + k;
  const y = Math.floor(total / 12);
  const m = (total % 12) + 1;
  return { y, m, d: Math.min(x.d, daysInMonth(y, m)) };
}
function previousDay(x: Ymd): Ymd {
  if (x.d > 1) return { y: x.y, m: x.m, d: x.d - 1 };
  if (x.m > 1) return { y: x.y, m: x.m - 1, d: daysInMonth(x.y, x.m - 1) };
  return { y: x.y - 1, m: 12, d: 31 };
}

export interface OracleWindow {
  start: string;
  end: string;
}

/** The balancing windows of a period (CHOICE 1). */
export function oracleWindows(period: { start: string; end: string }, balancingPeriod?: string): OracleWindow[] {
  if (balancingPeriod === undefined) return [{ start: period.start, end: period.end }];
  const m = /^P(\d+)([MY])$/.exec(balancingPeriod);
  if (!m) throw new RangeError(`unsupported balancing period ${balancingPeriod}`);
  const months = Number(m[1]) * (m[2] === 'Y' ? 12 : 1);
  if (months <= 0) throw new RangeError(`empty balancing period ${balancingPeriod}`);
  const origin = parseDate(period.start);
  const end = parseDate(period.end);
  const out: OracleWindow[] = [];
  for (let k = 0; ; k++) {
    const start = addMonths(origin, k * months);
    if (compareYmd(start, end) > 0) break;
    const dayBefore = previousDay(addMonths(origin, (k + 1) * months));
    out.push({ start: formatDate(start), end: formatDate(compareYmd(dayBefore, end) < 0 ? dayBefore : end) });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Output shape

export interface OraclePool {
  id: string;
  unit: string;
  windowIndex: number;
  inputMass: Fraction;
  inputEmissions: Fraction;
  stockCarriedIn: Fraction;
  stockEmissionFactor: Fraction | null;
  mass: Fraction;
  emissions: Fraction;
  averageEmissionFactor: Fraction | null;
  lowestEnteredEmissionFactor: Fraction | null;
  outputMass: Fraction;
  attributedEmissions: Fraction;
  massExcess: Fraction;
  closingStock: Fraction;
  creditsCarriedIn: Fraction;
  creditsWithStock: Fraction;
  creditsEarned: Fraction;
  creditsAvailable: Fraction;
  creditsUsed: Fraction;
  creditsExpired: Fraction;
  creditsForfeited: Fraction;
  creditsToStock: Fraction;
  creditsCarriedOut: Fraction;
  overdraft: Fraction;
  lowestRunningBalance: Fraction;
  negativeRunningBalance: boolean;
  creditsTransferred: Fraction;
  creditsTransferredWithoutPhysicalLink: Fraction;
  sitesWithoutOwnReductions: string[];
  stackedOutputs: string[];
  volumeHolds: boolean;
  volumeWorst: { byOrigin: boolean; x: Fraction; outputReduction: Fraction; backedReduction: Fraction } | null;
  proportional: boolean | null;
  outputsOffAverage: string[];
  freeAttribution: boolean;
  technologyChange: boolean;
  allocationHolds: boolean | null;
}

export interface OracleTotals {
  inputMass: Fraction;
  outputMass: Fraction;
  creditsEarned: Fraction;
  creditsUsed: Fraction;
  creditsExpired: Fraction;
  creditsForfeited: Fraction;
  overdraft: Fraction;
  creditsTransferred: Fraction;
  creditsTransferredWithoutPhysicalLink: Fraction;
}

export interface OracleBooks {
  baseline: Fraction;
  pools: OraclePool[];
  totals: OracleTotals;
  poolsOverdrawn: number;
  poolsExceedingMass: number;
  poolsWithNegativeRunningBalance: number;
  stackedOutputs: string[];
  poolsShortByVolume: number;
  allocation: { poolsNotProportional: number; declaredSharesAgree: boolean | null; ungroupedOutputs: string[] };
  technology: { poolsFreeWithoutChange: number; creditsFromBaselineAboveConventional: Fraction };
  claimedOutputs: string[];
}

// ---------------------------------------------------------------------------------------------------------
// Helpers

const NO_BATCH = '(no batch)';

function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
function sorted(xs: Iterable<string>): string[] {
  return [...new Set(xs)].sort(byCodeUnit);
}
function sum(xs: Iterable<Fraction>): Fraction {
  return Fraction.sum(xs);
}
function posPart(x: Fraction): Fraction {
  return x.sign() > 0 ? x : ZERO;
}

/** Decimals a number is written with, reading String(x) (which may use an exponent). */
function decimalsWritten(x: number): number {
  const m = /^-?\d*(?:\.(\d*))?(?:e([+-]?\d+))?$/.exec(String(x));
  if (!m) return 0;
  return Math.max(0, (m[1] ?? '').length - Number(m[2] ?? '0'));
}
/** The value of a number as written (String(x) read as a decimal numeral). */
function asWritten(x: number): Fraction {
  return Fraction.fromDecimalString(String(x));
}

/** Section 1: the output's factor agrees with e_avg, or is e_avg rounded up to the decimals it is written with. */
function atAverage(a: number, average: Fraction): boolean {
  const fa = Fraction.fromNumber(a);
  if (agree(fa, average)) return true;
  const d = decimalsWritten(a);
  // Rounded up: not below the average, and one step of its last decimal lower would be (clearly) below it. Judged
  // with the tolerance, as the double of a decimal such as 2.1 is a hair above 2.1 and would round up to 2.2.
  const written = asWritten(a);
  if (clearlyLess(written, average)) return false;
  const places = d;
  return clearlyLess(written.sub(Fraction.of(1n, 10n ** BigInt(places))), average);
}

interface Line<T> {
  line: T;
  q: Fraction; // quantity
  e: Fraction; // factor
  unit: string;
  window: number;
}

type LotKind = 'earned' | 'stock' | 'exStock';
interface Lot {
  amount: Fraction;
  factor: Fraction;
  site: string;
  window: number; // earned in (or, for stock lots, the window they came into)
  kind: LotKind;
  date: string; // earned lots: the input's date
  key: string; // earned lots: the input id; stock lots: the site
}

/** Carried lots, oldest first (CHOICE 5): window, then former stock before earned, then date, then key. */
function lotOrder(a: Lot, b: Lot): number {
  if (a.window !== b.window) return a.window - b.window;
  const ra = a.kind === 'earned' ? 1 : 0;
  const rb = b.kind === 'earned' ? 1 : 0;
  if (ra !== rb) return ra - rb;
  return byCodeUnit(a.date, b.date) || byCodeUnit(a.key, b.key);
}

/** Working copy of a lot during one window. */
interface Slot {
  lot: Lot;
  left: Fraction;
}

/** Take up to `want` from the slots (in their order) accepted by `accept`; returns what each site gave. */
function takeFrom(slots: Slot[], want: Fraction, accept: (s: Slot) => boolean): { taken: Fraction; bySite: Map<string, Fraction> } {
  let need = want;
  const bySite = new Map<string, Fraction>();
  let taken = ZERO;
  for (const s of slots) {
    if (need.sign() <= 0) break;
    if (s.left.sign() <= 0 || !accept(s)) continue;
    // A need that agrees with what is left of the lot takes it whole: no sliver of a lot is left (books.md section 2).
    const t = agree(need, s.left) ? s.left : Fraction.min(need, s.left);
    s.left = s.left.sub(t);
    need = need.sub(t);
    taken = taken.add(t);
    bySite.set(s.lot.site, (bySite.get(s.lot.site) ?? ZERO).add(t));
  }
  return { taken, bySite };
}

/** Connected components of sites (CHOICE 7). */
function siteComponents(declaration: Declaration, extraSites: Iterable<string>): (site: string) => string {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    if (!parent.has(x)) parent.set(x, x);
    let r = x;
    while (parent.get(r) !== r) r = parent.get(r) as string;
    return r;
  };
  const union = (a: string, b: string): void => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) {
      // deterministic: the smaller id is the root
      if (ra < rb) parent.set(rb, ra);
      else parent.set(ra, rb);
    }
  };
  for (const site of declaration.method.transferBoundary.sites ?? []) {
    find(site.id);
    for (const other of site.connectedTo ?? []) union(site.id, other);
  }
  for (const s of extraSites) find(s);
  return find;
}

// ---------------------------------------------------------------------------------------------------------
// The books

export function oracleBooks(declaration: Declaration): OracleBooks {
  const ledger = declaration.ledger;
  const method = declaration.method;
  const emptyTotals: OracleTotals = {
    inputMass: ZERO,
    outputMass: ZERO,
    creditsEarned: ZERO,
    creditsUsed: ZERO,
    creditsExpired: ZERO,
    creditsForfeited: ZERO,
    overdraft: ZERO,
    creditsTransferred: ZERO,
    creditsTransferredWithoutPhysicalLink: ZERO,
  };
  if (!ledger) {
    // CHOICE 3
    return {
      baseline: ZERO,
      pools: [],
      totals: emptyTotals,
      poolsOverdrawn: 0,
      poolsExceedingMass: 0,
      poolsWithNegativeRunningBalance: 0,
      stackedOutputs: [],
      poolsShortByVolume: 0,
      allocation: { poolsNotProportional: 0, declaredSharesAgree: null, ungroupedOutputs: [] },
      technology: { poolsFreeWithoutChange: 0, creditsFromBaselineAboveConventional: ZERO },
      claimedOutputs: [],
    };
  }

  // Section 0: baseline
  const B =
    ledger.baselineEmissionFactor !== undefined
      ? Fraction.fromNumber(ledger.baselineEmissionFactor)
      : Fraction.max(ZERO, ...ledger.inputs.map((i) => Fraction.fromNumber(i.emissionFactor)));

  // Section 0: windows, units, order
  const windows = oracleWindows(declaration.period, method.temporalBoundary.balancingPeriod);
  const windowOf = (date: string): number => windows.findIndex((w) => compareDates(w.start, date) <= 0 && compareDates(date, w.end) <= 0); // -1: CHOICE 2
  const level = method.transferBoundary.level;
  const multiSite = level === 'multi-site';
  const unitOf = (l: { site: string; batch?: string }): string =>
    level === 'batch' ? (l.batch ?? NO_BATCH) : level === 'multi-site' ? 'all' : l.site;
  const lineOrder = (a: { date: string; id: string }, b: { date: string; id: string }): number =>
    byCodeUnit(a.date, b.date) || byCodeUnit(a.id, b.id);

  const inputs: Line<LedgerInput>[] = [...ledger.inputs]
    .sort(lineOrder)
    .map((line) => ({ line, q: Fraction.fromNumber(line.quantity), e: Fraction.fromNumber(line.emissionFactor), unit: unitOf(line), window: windowOf(line.date) }))
    .filter((l) => l.window >= 0);
  const outputs: Line<LedgerOutput>[] = [...ledger.outputs]
    .sort(lineOrder)
    .map((line) => ({ line, q: Fraction.fromNumber(line.quantity), e: Fraction.fromNumber(line.emissionFactor), unit: unitOf(line), window: windowOf(line.date) }))
    .filter((l) => l.window >= 0);

  const units = sorted([...inputs.map((l) => l.unit), ...outputs.map((l) => l.unit)]);
  const componentOf = siteComponents(declaration, [...inputs, ...outputs].map((l) => l.line.site));

  // Temporal boundary (CHOICE 3: absent carryOver = not allowed)
  const carryAllowed = method.temporalBoundary.carryOver?.allowed === true;
  const maxPeriods = carryAllowed ? method.temporalBoundary.carryOver?.maxPeriods : undefined;

  // Section 5: product groups
  const groups = method.allocation.productGroups ?? [];
  const groupIds = new Set(groups.map((g) => g.id));
  const groupsDeclared = groups.length > 0;
  const groupOf = (o: LedgerOutput): string | null =>
    o.productGroup !== undefined && groupIds.has(o.productGroup) ? o.productGroup : null;
  const groupPeriodMass = new Map<string, Fraction>();
  for (const o of outputs) {
    const g = groupOf(o.line);
    if (g !== null) groupPeriodMass.set(g, (groupPeriodMass.get(g) ?? ZERO).add(o.q));
  }

  const demandOf = (o: Line<LedgerOutput>): Fraction => o.q.mul(posPart(B.sub(o.e)));

  const pools: OraclePool[] = [];
  let creditsFromBaselineAboveConventional = ZERO;
  const claimedFree: string[] = []; // outputs clearly below their pool's average

  for (const unit of units) {
    const unitInputs = inputs.filter((l) => l.unit === unit);
    const unitOutputs = outputs.filter((l) => l.unit === unit);

    // Section 5: the unit's conventional route
    const conv = unitInputs.length > 0 ? Fraction.max(unitInputs[0]!.e, ...unitInputs.map((l) => l.e)) : null;
    if (conv !== null && clearlyLess(conv, B)) {
      creditsFromBaselineAboveConventional = creditsFromBaselineAboveConventional.add(
        sum(unitInputs.map((l) => l.q)).mul(B.sub(conv)),
      );
    }

    // State carried between windows
    let S = ZERO;
    let s: Fraction | null = null;
    let stockLots: Lot[] = [];
    let carried: Lot[] = [];

    for (let k = 0; k < windows.length; k++) {
      const window = windows[k]!;
      const ins = unitInputs.filter((l) => l.window === k);
      const outs = unitOutputs.filter((l) => l.window === k);

      // Expiry at the start of the window: earned in j, usable up to j + maxPeriods
      let creditsExpired = ZERO;
      if (maxPeriods !== undefined) {
        const keep: Lot[] = [];
        for (const lot of carried) {
          if (k > lot.window + maxPeriods) creditsExpired = creditsExpired.add(lot.amount);
          else keep.push(lot);
        }
        carried = keep;
      }
      carried.sort(lotOrder);

      // Section 1: physical account
      const stockCarriedIn = S;
      const stockEmissionFactor: Fraction | null = S.sign() > 0 ? s : null;
      const inputMass = sum(ins.map((l) => l.q));
      const inputEmissions = sum(ins.map((l) => l.q.mul(l.e)));
      const Q = S.add(inputMass);
      const E: Fraction = (stockEmissionFactor ? S.mul(stockEmissionFactor) : ZERO).add(inputEmissions);
      const avg: Fraction | null = Q.sign() > 0 ? E.div(Q) : null;
      const M = sum(outs.map((l) => l.q));
      const attributedEmissions = sum(outs.map((l) => l.q.mul(l.e)));
      const massExcess = clearlyLess(Q, M) ? M.sub(Q) : ZERO;
      const closingStock = posPart(Q.sub(M));

      // Section 2: lots available, in order of use
      const earned: Lot[] = ins
        .filter((l) => l.e.lt(B))
        .map((l) => ({ amount: l.q.mul(B.sub(l.e)), factor: l.e, site: l.line.site, window: k, kind: 'earned' as const, date: l.line.date, key: l.line.id }));
      const withStock = [...stockLots].sort((a, b) => byCodeUnit(a.site, b.site));
      const available: Lot[] = [...carried, ...withStock, ...earned].filter((l) => l.amount.sign() > 0);
      const creditsCarriedIn = sum(carried.map((l) => l.amount));
      const creditsWithStock = sum(withStock.map((l) => l.amount));
      const creditsEarned = sum(earned.map((l) => l.amount));
      const creditsAvailable = creditsCarriedIn.add(creditsWithStock).add(creditsEarned);

      // Use
      const creditsUsed = sum(outs.map(demandOf));
      const slots: Slot[] = available.map((lot) => ({ lot, left: lot.amount }));
      let creditsTransferred = ZERO;
      let creditsTransferredWithoutPhysicalLink = ZERO;
      let sitesWithoutOwnReductions: string[] = [];
      if (!multiSite) {
        takeFrom(slots, creditsUsed, () => true);
      } else {
        const demand = new Map<string, Fraction>();
        for (const o of outs) demand.set(o.line.site, (demand.get(o.line.site) ?? ZERO).add(demandOf(o)));
        const sites = sorted(demand.keys());
        const need = new Map(sites.map((x) => [x, demand.get(x)!] as const));
        const steps: ((site: string) => (sl: Slot) => boolean)[] = [
          (site) => (sl) => sl.lot.site === site,
          (site) => (sl) => sl.lot.site !== site && componentOf(sl.lot.site) === componentOf(site),
          () => () => true,
        ];
        for (const step of steps) {
          for (const site of sites) {
            const { taken, bySite } = takeFrom(slots, need.get(site)!, step(site));
            // A need met to the tolerance is met: the noise of a rounded factor is not a transfer.
            const before = need.get(site)!;
            need.set(site, agree(taken, before) ? ZERO : before.sub(taken));
            for (const [from, amount] of bySite) {
              if (from === site) continue;
              creditsTransferred = creditsTransferred.add(amount);
              if (componentOf(from) !== componentOf(site)) creditsTransferredWithoutPhysicalLink = creditsTransferredWithoutPhysicalLink.add(amount);
            }
          }
        }
        sitesWithoutOwnReductions = sites.filter((site) => demand.get(site)!.sign() > 0 && !available.some((l) => l.site === site));
      }
      const overdraft = clearlyLess(creditsAvailable, creditsUsed) ? creditsUsed.sub(creditsAvailable) : ZERO;

      // Running balance, day by day (inputs before outputs on a day: a day's close sees both)
      const opening = creditsCarriedIn.add(creditsWithStock);
      let lowestRunningBalance = opening;
      let negativeRunningBalance = false;
      {
        const days = sorted([...ins.map((l) => l.line.date), ...outs.map((l) => l.line.date)]);
        let earnedSoFar = ZERO;
        let usedSoFar = ZERO;
        for (const day of days) {
          earnedSoFar = earnedSoFar.add(sum(earned.filter((l) => l.date === day).map((l) => l.amount)));
          usedSoFar = usedSoFar.add(sum(outs.filter((o) => o.line.date === day).map(demandOf)));
          const balance = opening.add(earnedSoFar).sub(usedSoFar);
          lowestRunningBalance = Fraction.min(lowestRunningBalance, balance);
          if (clearlyLess(opening.add(earnedSoFar), usedSoFar)) negativeRunningBalance = true;
        }
      }

      // At the close: the stock takes its share first, oldest first
      const stockCap = avg === null ? ZERO : closingStock.mul(posPart(B.sub(avg)));
      const { taken: creditsToStock, bySite: stockBySite } = takeFrom(slots, stockCap, () => true);
      const nextStockLots: Lot[] = [];
      for (const site of sorted(stockBySite.keys())) {
        const amount = stockBySite.get(site)!;
        if (amount.sign() > 0 && avg !== null) {
          nextStockLots.push({ amount, factor: avg, site, window: k + 1, kind: 'stock', date: '', key: site });
        }
      }
      const rest = slots.filter((sl) => sl.left.sign() > 0);
      let creditsCarriedOut = ZERO;
      let creditsForfeited = ZERO;
      const nextCarried: Lot[] = [];
      if (carryAllowed) {
        for (const sl of rest) {
          creditsCarriedOut = creditsCarriedOut.add(sl.left);
          nextCarried.push({ ...sl.lot, amount: sl.left, kind: sl.lot.kind === 'earned' ? 'earned' : 'exStock' });
        }
      } else {
        creditsForfeited = sum(rest.map((sl) => sl.left));
      }

      // Section 4: the red line
      const enteredFactors: Fraction[] = [...ins.map((l) => l.e), ...(stockEmissionFactor ? [stockEmissionFactor] : []), ...available.map((l) => l.factor)];
      const lowestEnteredEmissionFactor = enteredFactors.length > 0 ? Fraction.min(enteredFactors[0]!, ...enteredFactors) : null;
      const stackedOutputs =
        lowestEnteredEmissionFactor === null ? [] : sorted(outs.filter((o) => clearlyLess(o.e, lowestEnteredEmissionFactor)).map((o) => o.line.id));

      // Section 4: stacking by volume (CHOICE 10)
      // Factors that agree (section 6) are one point, at the lowest of them (books.md section 4).
      const distinct = [...outs.map((o) => o.e), ...available.map((l) => l.factor)]
        .filter((x) => x.lt(B))
        .sort((a, b) => a.compare(b))
        .filter((x, i, xs) => i === 0 || !x.eq(xs[i - 1]!));
      const clusterOf = new Map<string, Fraction>();
      let clusterStart: Fraction | null = null;
      for (const x of distinct) {
        if (clusterStart === null || !agree(clusterStart, x)) clusterStart = x;
        clusterOf.set(x.toString(), clusterStart);
      }
      const at = (x: Fraction): Fraction => clusterOf.get(x.toString()) ?? x;
      const breakpoints = [...new Set([...clusterOf.values()])];
      let volumeWorst: OraclePool['volumeWorst'] = null;
      // A failure by origin is named before one as a blend; then the larger gap; then the smaller x.
      const consider = (candidate: NonNullable<OraclePool['volumeWorst']>) => {
        const gap = candidate.outputReduction.sub(candidate.backedReduction);
        if (volumeWorst === null || (candidate.byOrigin && !volumeWorst.byOrigin) || (candidate.byOrigin === volumeWorst.byOrigin && gap.gt(volumeWorst.outputReduction.sub(volumeWorst.backedReduction)))) volumeWorst = candidate;
      };
      // The average of this pool (section 1), needed here for the test by origin.
      const poolAverage = Q.sign() > 0 ? E.div(Q) : null;
      // By origin: outputs given more than their share (clearly below the average; all of them without one).
      const givenMore = outs.filter((o) => o.e.lt(B) && (poolAverage === null || clearlyLess(o.e, poolAverage)));
      for (const x of breakpoints) {
        const outputReduction = sum(outs.filter((o) => o.e.lt(B) && at(o.e).lt(x)).map((o) => o.q.mul(x.sub(at(o.e)))));
        const backedReduction = sum(available.filter((l) => at(l.factor).lt(x)).map((l) => l.amount.div(B.sub(l.factor)).mul(x.sub(at(l.factor)))));
        if (clearlyLess(backedReduction, outputReduction)) consider({ byOrigin: false, x, outputReduction, backedReduction });
        const creditsUsed = sum(givenMore.filter((o) => at(o.e).le(x)).map((o) => o.q.mul(B.sub(o.e))));
        const creditsHeld = sum(available.filter((l) => at(l.factor).le(x)).map((l) => l.amount));
        if (clearlyLess(creditsHeld, creditsUsed)) consider({ byOrigin: true, x, outputReduction: creditsUsed, backedReduction: creditsHeld });
      }
      const volumeHolds = volumeWorst === null;

      // Section 1: proportional attribution (CHOICE 11)
      let proportional: boolean | null = null;
      let outputsOffAverage: string[] = [];
      let freeAttribution = false;
      if (outs.length > 0 && avg !== null) {
        outputsOffAverage = sorted(outs.filter((o) => !atAverage(o.line.emissionFactor, avg)).map((o) => o.line.id));
        proportional = outputsOffAverage.length === 0;
        const below = outs.filter((o) => clearlyLess(o.e, avg));
        freeAttribution = below.length > 0;
        claimedFree.push(...below.map((o) => o.line.id));
      } else if (avg === null) {
        // No physical average (nothing in the pool): an output below the baseline carries a reduction from nowhere.
        claimedFree.push(...outs.filter((o) => clearlyLess(o.e, B)).map((o) => o.line.id));
      }

      // Section 5: technology change (CHOICE 15)
      let technologyChange = false;
      if (conv !== null) {
        // At least 10% below, judged with the tolerance: 0.63 against 0.7 is 10% below, whatever the doubles say.
        const tenPercentBelow = (e: Fraction): boolean => clearlyLess(e, conv) && !clearlyLess(conv.mul(Fraction.of(9n, 10n)), e);
        technologyChange =
          ins.some((l) => tenPercentBelow(l.e)) ||
          available.some((l) => tenPercentBelow(l.factor)) ||
          ins.some((l) => l.line.lowCarbon === true && clearlyLess(l.e, conv));
      }

      // Section 5: allocation (CHOICE 12)
      let allocationHolds: boolean | null = null;
      const grouped = outs.filter((o) => groupOf(o.line) !== null);
      if (groupsDeclared && method.allocation.basis !== 'none' && grouped.length > 0) {
        const poolGroups = sorted(grouped.map((o) => groupOf(o.line)!));
        const massOf = (g: string): Fraction => sum(grouped.filter((o) => groupOf(o.line) === g).map((o) => o.q));
        const emissionsOf = (g: string): Fraction =>
          // In a pool whose every output is at the average, outputs count at it (rounding up tilts nothing).
          sum(grouped.filter((o) => groupOf(o.line) === g).map((o) => o.q.mul(avg !== null && proportional === true ? avg : o.e)));
        const weight = (g: string): Fraction => {
          if (method.allocation.basis === 'physical') return massOf(g);
          const share = Fraction.fromNumber(groups.find((x) => x.id === g)!.share);
          return share.div(groupPeriodMass.get(g)!).mul(massOf(g));
        };
        const totalWeight = sum(poolGroups.map(weight));
        const totalEmissions = sum(poolGroups.map(emissionsOf));
        if (totalWeight.sign() > 0) {
          allocationHolds = poolGroups.every((g) => agree(emissionsOf(g), weight(g).div(totalWeight).mul(totalEmissions)));
        }
      }

      // Set the next window's state
      S = closingStock;
      s = closingStock.sign() > 0 ? avg : null;
      stockLots = nextStockLots;
      carried = nextCarried;

      const somethingHappens = ins.length > 0 || outs.length > 0 || stockCarriedIn.sign() > 0 || opening.sign() > 0 || creditsExpired.sign() > 0;
      if (!somethingHappens) continue;
      pools.push({
        id: `${unit}@${window.start}`,
        unit,
        windowIndex: k,
        inputMass,
        inputEmissions,
        stockCarriedIn,
        stockEmissionFactor,
        mass: Q,
        emissions: E,
        averageEmissionFactor: avg,
        lowestEnteredEmissionFactor,
        outputMass: M,
        attributedEmissions,
        massExcess,
        closingStock,
        creditsCarriedIn,
        creditsWithStock,
        creditsEarned,
        creditsAvailable,
        creditsUsed,
        creditsExpired,
        creditsForfeited,
        creditsToStock,
        creditsCarriedOut,
        overdraft,
        lowestRunningBalance,
        negativeRunningBalance,
        creditsTransferred,
        creditsTransferredWithoutPhysicalLink,
        sitesWithoutOwnReductions,
        stackedOutputs,
        volumeHolds,
        volumeWorst,
        proportional,
        outputsOffAverage,
        freeAttribution,
        technologyChange,
        allocationHolds,
      });
    }
  }

  const total = (f: (p: OraclePool) => Fraction): Fraction => sum(pools.map(f));
  const totals: OracleTotals = {
    inputMass: total((p) => p.inputMass),
    outputMass: total((p) => p.outputMass),
    creditsEarned: total((p) => p.creditsEarned),
    creditsUsed: total((p) => p.creditsUsed),
    creditsExpired: total((p) => p.creditsExpired),
    creditsForfeited: total((p) => p.creditsForfeited),
    overdraft: total((p) => p.overdraft),
    creditsTransferred: total((p) => p.creditsTransferred),
    creditsTransferredWithoutPhysicalLink: total((p) => p.creditsTransferredWithoutPhysicalLink),
  };

  // Section 5: declared shares (CHOICE 13)
  let declaredSharesAgree: boolean | null = null;
  if (groupsDeclared && method.allocation.basis === 'physical') {
    const groupedMass = sum(groupPeriodMass.values());
    if (groupedMass.sign() > 0) {
      declaredSharesAgree = groups.every((g) => {
        const actual = (groupPeriodMass.get(g.id) ?? ZERO).div(groupedMass);
        const halfUnit = Fraction.of(1n, 2n * 10n ** BigInt(decimalsWritten(g.share)));
        return asWritten(g.share).sub(actual).abs().le(halfUnit);
      });
    }
  }
  const ungroupedOutputs = groupsDeclared ? sorted(outputs.filter((o) => groupOf(o.line) === null).map((o) => o.line.id)) : [];

  // Section 5: claimed outputs (CHOICE 16)
  const claim = (method.reporting.claim ?? {}) as Record<string, unknown>;
  const names = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
  const claimGroups = names(claim['productGroups']);
  const claimOutputs = names(claim['outputs']);
  let claimedOutputs: string[];
  if (claimGroups.length > 0 || claimOutputs.length > 0) {
    claimedOutputs = sorted(
      outputs
        .filter((o) => (o.line.productGroup !== undefined && claimGroups.includes(o.line.productGroup)) || claimOutputs.includes(o.line.id))
        .map((o) => o.line.id),
    );
  } else if (method.attribution.proportional || method.attribution.model === 'rolling-average-percentage') {
    claimedOutputs = sorted(outputs.map((o) => o.line.id));
  } else {
    claimedOutputs = sorted(claimedFree);
  }

  return {
    baseline: B,
    pools,
    totals,
    poolsOverdrawn: pools.filter((p) => p.overdraft.sign() > 0).length,
    poolsExceedingMass: pools.filter((p) => p.massExcess.sign() > 0).length,
    poolsWithNegativeRunningBalance: pools.filter((p) => p.negativeRunningBalance).length,
    stackedOutputs: sorted(pools.flatMap((p) => p.stackedOutputs)),
    poolsShortByVolume: pools.filter((p) => !p.volumeHolds).length,
    allocation: {
      poolsNotProportional: pools.filter((p) => p.allocationHolds === false).length,
      declaredSharesAgree,
      ungroupedOutputs,
    },
    technology: {
      poolsFreeWithoutChange: pools.filter((p) => p.freeAttribution && !p.technologyChange).length,
      creditsFromBaselineAboveConventional,
    },
    claimedOutputs,
  };
}
