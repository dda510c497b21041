// The oracle's own tests: one small ledger per case, every figure worked out by hand in the comment and
// asserted exactly. Factors are chosen dyadic (0.5, 1.25, 1.5625, ...) so that the doubles of the ledger are
// the decimals of the comments.
import { describe, it, expect } from 'vitest';
import type {
  Allocation,
  Attribution,
  CarryOver,
  Claim,
  Declaration,
  LedgerInput,
  LedgerOutput,
  Site,
  TransferBoundary,
} from '../../src/generated/declaration.js';
import { F, Fraction } from './fraction.js';
import { agree, clearlyLess, oracleBooks, oracleWindows, type OracleBooks, type OraclePool } from './books.js';

// ---------------------------------------------------------------------------------------------------------
// Building declarations

interface Opts {
  period?: { start: string; end: string };
  balancingPeriod?: string | null; // null: none
  carryOver?: CarryOver | null; // null: absent
  negativeBalanceAllowed?: boolean;
  level?: TransferBoundary['level'];
  sites?: Site[];
  allocation?: Allocation;
  attribution?: Attribution;
  claim?: Claim;
  baseline?: number | null; // null: not declared
  unit?: 't' | 'kg';
  inputs: LedgerInput[];
  outputs: LedgerOutput[];
}

function decl(o: Opts): Declaration {
  const [first, ...rest] = o.inputs;
  if (!first) throw new Error('a ledger needs an input');
  return {
    schemaVersion: '1',
    id: 'oracle-case',
    title: 'Oracle case',
    organization: { name: 'Oracle Steel', country: 'DE' },
    sector: 'steel',
    commodity: 'crude-steel',
    period: o.period ?? { start: '2026-01-01', end: '2026-06-30' },
    method: {
      inputBoundary: { control: 'none' },
      temporalBoundary: {
        ...(o.balancingPeriod === null ? {} : { balancingPeriod: o.balancingPeriod ?? 'P3M' }),
        ...(o.carryOver === null ? {} : { carryOver: o.carryOver ?? { allowed: false } }),
        negativeBalanceAllowed: o.negativeBalanceAllowed ?? false,
      },
      transferBoundary: { level: o.level ?? 'site', sites: o.sites ?? [{ id: 's1', country: 'DE' }] },
      allocation: o.allocation ?? { basis: 'physical' },
      attribution: o.attribution ?? { model: 'credit', proportional: false },
      stacking: { allowed: false },
      reporting: { instrument: 'emission-factor', ...(o.claim ? { claim: o.claim } : {}) },
    },
    ledger: {
      unit: o.unit ?? 't',
      ...(o.baseline === null ? {} : { baselineEmissionFactor: o.baseline ?? 2 }),
      inputs: [first, ...rest],
      outputs: o.outputs,
    },
  };
}

const inp = (id: string, date: string, quantity: number, emissionFactor: number, extra: Partial<LedgerInput> = {}): LedgerInput => ({
  id,
  date,
  site: 's1',
  material: 'slab',
  quantity,
  emissionFactor,
  ...extra,
});
const out = (id: string, date: string, quantity: number, emissionFactor: number, extra: Partial<LedgerOutput> = {}): LedgerOutput => ({
  id,
  date,
  site: 's1',
  quantity,
  emissionFactor,
  ...extra,
});

const ROLLING: Attribution = { model: 'rolling-average-percentage', proportional: true };

// ---------------------------------------------------------------------------------------------------------
// Asserting

function eq(actual: Fraction | null, expected: string | null): void {
  expect(actual === null ? null : actual.toString()).toBe(expected === null ? null : F(expected).toString());
}
function pool(books: OracleBooks, id: string): OraclePool {
  const p = books.pools.find((x) => x.id === id);
  if (!p) throw new Error(`no pool ${id}; pools: ${books.pools.map((x) => x.id).join(', ')}`);
  return p;
}

// ---------------------------------------------------------------------------------------------------------

describe('Fraction', () => {
  it('normalises and does exact arithmetic', () => {
    eq(F(1, 2).add(F(1, 3)), '5/6');
    eq(F(1, 2).sub(F(1, 3)), '1/6');
    eq(F(2, 3).mul(F(9, 4)), '3/2');
    eq(F(2, 3).div(F(4, 9)), '3/2');
    expect(Fraction.of(6n, -4n).toString()).toBe('-3/2');
    expect(Fraction.of(0n, -7n).toString()).toBe('0');
    expect(F(1, 3).compare(F(2, 6))).toBe(0);
    expect(F(1, 3).lt(F(1, 2))).toBe(true);
    eq(Fraction.min(F(3), F(-1, 2), F(2)), '-1/2');
    eq(Fraction.max(F(3), F(-1, 2), F(7, 2)), '7/2');
    expect(F(0).isZero()).toBe(true);
    expect([F(-2).sign(), F(0).sign(), F(1, 9).sign()]).toEqual([-1, 0, 1]);
    expect([F(7, 2).floor(), F(7, 2).ceil(), F(-7, 2).floor(), F(-7, 2).ceil(), F(3).ceil()]).toEqual([3n, 4n, -4n, -3n, 3n]);
  });

  it('reads every finite double exactly, from its bits', () => {
    // 0.1 is the double 3602879701896397 / 2^55.
    expect(Fraction.fromNumber(0.1).toString()).toBe(`3602879701896397/${2n ** 55n}`);
    expect(Fraction.fromNumber(-0).toString()).toBe('0');
    expect(Fraction.fromNumber(1.5625).toString()).toBe('25/16');
    expect(Fraction.fromNumber(-2.5).toString()).toBe('-5/2');
    expect(Fraction.fromNumber(Number.MIN_VALUE).toString()).toBe(`1/${2n ** 1074n}`);
    expect(Fraction.fromNumber(Number.MAX_VALUE).toString()).toBe(((2n ** 53n - 1n) * 2n ** 971n).toString());
    expect(Fraction.fromNumber(2 ** 60).toString()).toBe((2n ** 60n).toString());
    expect(() => Fraction.fromNumber(Number.NaN)).toThrow();
    expect(() => Fraction.fromNumber(Infinity)).toThrow();
    for (const x of [0.1, 1 / 3, 2.1, -1e-300, 5e-324, 2.2250738585072014e-308, 1.7976931348623157e308, 123456.789]) {
      expect(Fraction.fromNumber(x).toNumber()).toBe(x);
    }
    expect(F(1, 3).toNumber()).toBe(1 / 3);
    expect(F(2, 3).toNumber()).toBe(2 / 3);
  });

  it('reads decimals as written', () => {
    eq(Fraction.fromDecimalString('1.235'), '247/200');
    eq(Fraction.fromDecimalString('1e-7'), '1/10000000');
    eq(Fraction.fromDecimalString('-2.5E+3'), '-2500');
    eq(Fraction.fromDecimalString('7'), '7');
  });
});

describe('tolerance (books.md section 6)', () => {
  it('agrees within 1e-6 of the larger figure, and is clearly below beyond it', () => {
    // 1000000 and 1000001 differ by 1 = 1e-6 * 1000001 rounded down: |d| = 1 <= 1.000001, agree.
    expect(agree(F(1000000), F(1000001))).toBe(true);
    expect(clearlyLess(F(1000000), F(1000001))).toBe(false);
    // 1000000 and 1000002: 2 > 1.000002.
    expect(agree(F(1000000), F(1000002))).toBe(false);
    expect(clearlyLess(F(1000000), F(1000002))).toBe(true);
    // Around zero: 0 agrees only with 0 (1e-6 * max(|0|, |x|) = 1e-6 |x| < |x|).
    expect(agree(F(0), F(1, 10 ** 12))).toBe(false);
    expect(agree(F(0), F(0))).toBe(true);
    expect(clearlyLess(F(0), F(0))).toBe(false);
  });
});

describe('calendar (books.md section 0)', () => {
  it('keeps the day of the month of period.start, clamped to the month end; the last window ends at period.end', () => {
    // 2024 is a leap year: Jan 31 + 1 month = Feb 29, + 2 = Mar 31 (from period.start, not from Feb 29), ...
    // + 5 = Jun 30 (June has no 31st), which is period.end: a last window of one day.
    expect(oracleWindows({ start: '2024-01-31', end: '2024-06-30' }, 'P1M')).toEqual([
      { start: '2024-01-31', end: '2024-02-28' },
      { start: '2024-02-29', end: '2024-03-30' },
      { start: '2024-03-31', end: '2024-04-29' },
      { start: '2024-04-30', end: '2024-05-30' },
      { start: '2024-05-31', end: '2024-06-29' },
      { start: '2024-06-30', end: '2024-06-30' },
    ]);
    expect(oracleWindows({ start: '2026-01-01', end: '2027-06-30' }, 'P1Y')).toEqual([
      { start: '2026-01-01', end: '2026-12-31' },
      { start: '2027-01-01', end: '2027-06-30' },
    ]);
    expect(oracleWindows({ start: '2026-01-01', end: '2026-12-31' })).toEqual([{ start: '2026-01-01', end: '2026-12-31' }]);
    expect(oracleWindows({ start: '9999-11-15', end: '9999-12-31' }, 'P12M')).toEqual([{ start: '9999-11-15', end: '9999-12-31' }]);
    expect(oracleWindows({ start: '0001-01-01', end: '0001-03-01' }, 'P1M')).toEqual([
      { start: '0001-01-01', end: '0001-01-31' },
      { start: '0001-02-01', end: '0001-02-28' },
      { start: '0001-03-01', end: '0001-03-01' },
    ]);
  });
});

// ---------------------------------------------------------------------------------------------------------
// (a) An honest rolling average over two quarters, with stock carried.
//
// B = 2. Q1: in1 600 t at 2.0, in2 200 t at 1.0. Q = 800, E = 1200 + 200 = 1400, e_avg = 1.75.
//   Outputs o1 400 t, o2 200 t, both at 1.75: M = 600, S' = 200 t at 1.75.
//   Lots: in2 earns 200 (2 - 1) = 200; in1 (at B) nothing. Used 600 x 0.25 = 150; left 50.
//   Stock's lot: at most S'(B - e_avg) = 200 x 0.25 = 50: it takes the 50. Nothing forfeited.
//   Running balance: opening 0; 01-10 0; 01-20 200; 02-15 200 - 100 = 100; 03-15 100 - 50 = 50. Lowest 0.
// Q2: S = 200 at s = 1.75; in3 400 t at 2.0, in4 200 t at 0.5. Q = 800, E = 350 + 800 + 100 = 1250,
//   e_avg = 1250 / 800 = 1.5625. Outputs o3 500 t, o4 300 t at 1.5625: M = 800, S' = 0.
//   Lots: with stock 50 (factor 1.75); in4 earns 200 x 1.5 = 300. Available 350. Used 800 x 0.4375 = 350.
//   Running balance: opening 50; 04-10 50; 04-20 350; 05-10 350 - 218.75 = 131.25; 06-10 0. Lowest 0.
//   Floor = min(2.0, 0.5, s 1.75, lots 1.75 and 0.5) = 0.5.
//   Volume: lots stand for 50/0.25 = 200 t at 1.75 and 300/1.5 = 200 t at 0.5. Breakpoints 0.5, 1.5625, 1.75:
//   x = 0.5: 0 <= 0; x = 1.5625: 0 <= 200 x 1.0625 = 212.5; x = 1.75: 800 x 0.1875 = 150 <= 200 x 1.25 = 250.
const caseA = (): Declaration =>
  decl({
    attribution: ROLLING,
    inputs: [
      inp('in1', '2026-01-10', 600, 2.0),
      inp('in2', '2026-01-20', 200, 1.0),
      inp('in3', '2026-04-10', 400, 2.0),
      inp('in4', '2026-04-20', 200, 0.5),
    ],
    outputs: [
      out('o1', '2026-02-15', 400, 1.75),
      out('o2', '2026-03-15', 200, 1.75),
      out('o3', '2026-05-10', 500, 1.5625),
      out('o4', '2026-06-10', 300, 1.5625),
    ],
  });

describe('(a) honest rolling average with stock carried', () => {
  it('balances, holds every stacking test and is proportional', () => {
    const b = oracleBooks(caseA());
    eq(b.baseline, '2');
    expect(b.pools.map((p) => p.id)).toEqual(['s1@2026-01-01', 's1@2026-04-01']);
    const q1 = pool(b, 's1@2026-01-01');
    eq(q1.inputMass, '800');
    eq(q1.inputEmissions, '1400');
    eq(q1.stockCarriedIn, '0');
    eq(q1.stockEmissionFactor, null);
    eq(q1.averageEmissionFactor, '7/4');
    eq(q1.lowestEnteredEmissionFactor, '1');
    eq(q1.outputMass, '600');
    eq(q1.attributedEmissions, '1050');
    eq(q1.closingStock, '200');
    eq(q1.creditsEarned, '200');
    eq(q1.creditsUsed, '150');
    eq(q1.creditsToStock, '50');
    eq(q1.creditsForfeited, '0');
    eq(q1.creditsCarriedOut, '0');
    eq(q1.lowestRunningBalance, '0');
    expect(q1.volumeHolds).toBe(true);
    expect(q1.proportional).toBe(true);

    const q2 = pool(b, 's1@2026-04-01');
    eq(q2.stockCarriedIn, '200');
    eq(q2.stockEmissionFactor, '7/4');
    eq(q2.mass, '800');
    eq(q2.emissions, '1250');
    eq(q2.averageEmissionFactor, '25/16');
    eq(q2.lowestEnteredEmissionFactor, '1/2');
    eq(q2.creditsCarriedIn, '0');
    eq(q2.creditsWithStock, '50');
    eq(q2.creditsEarned, '300');
    eq(q2.creditsAvailable, '350');
    eq(q2.creditsUsed, '350');
    eq(q2.overdraft, '0');
    eq(q2.closingStock, '0');
    eq(q2.lowestRunningBalance, '0');
    expect(q2.negativeRunningBalance).toBe(false);
    expect(q2.volumeHolds).toBe(true);
    expect(q2.proportional).toBe(true);
    expect(q2.outputsOffAverage).toEqual([]);
    expect(q2.freeAttribution).toBe(false);

    expect(b.poolsOverdrawn).toBe(0);
    expect(b.stackedOutputs).toEqual([]);
    expect(b.poolsShortByVolume).toBe(0);
    eq(b.totals.inputMass, '1400');
    eq(b.totals.outputMass, '1400');
    eq(b.totals.creditsEarned, '500');
    eq(b.totals.creditsUsed, '500');
    // Declared proportional attribution, no named claim: every output is claimed.
    expect(b.claimedOutputs).toEqual(['o1', 'o2', 'o3', 'o4']);
    eq(b.technology.creditsFromBaselineAboveConventional, '0');
  });

  it('counts an average rounded up to the written decimals as at the average, and a rounded-down one as off', () => {
    // One input of 1000 t at 1.23412: e_avg is the double 1.23412 (within 1e-16 of it).
    // 1.235 is e_avg rounded up to 3 decimals: at the average. 1.234 and 1.23 are below it by 1e-4 of it: off.
    const mk = (a: number): Declaration =>
      decl({ attribution: ROLLING, inputs: [inp('in1', '2026-01-10', 1000, 1.23412)], outputs: [out('o1', '2026-02-01', 1000, a)] });
    expect(pool(oracleBooks(mk(1.235)), 's1@2026-01-01').proportional).toBe(true);
    expect(pool(oracleBooks(mk(1.24)), 's1@2026-01-01').proportional).toBe(true);
    expect(pool(oracleBooks(mk(1.23412)), 's1@2026-01-01').proportional).toBe(true);
    const off = pool(oracleBooks(mk(1.234)), 's1@2026-01-01');
    expect(off.proportional).toBe(false);
    expect(off.outputsOffAverage).toEqual(['o1']);
    expect(off.freeAttribution).toBe(true);
    expect(pool(oracleBooks(mk(1.23)), 's1@2026-01-01').proportional).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------------------------
// (b) One tonne of blended stock from a window that once had a zero-emission input, then hundreds of tonnes
//     sold at zero.
//
// B = 2, carry-over allowed. Q1: in1 3 t at 2.0, in2 1 t at 0.0: Q = 4, E = 6, e_avg = 1.5. o1 3 t at 1.5:
//   S' = 1 t at 1.5. in2 earns 1 x 2 = 2; used 3 x 0.5 = 1.5; left 0.5; stock's lot <= 1 x 0.5 = 0.5: all of it.
// Q2: S = 1 t at 1.5 with its lot 0.5 (factor 1.5). in3 500 t at 2.0 (earns nothing). o2 300 t at 0.0,
//   o3 201 t at 2.0. Q = 501, E = 1.5 + 1000 = 2003/2, e_avg = 2003/1002.
//   Floor = min(2.0, s = 1.5, lot 1.5) = 1.5: o2 at 0 is stacked (the 0.0 input of Q1 entered the stock, not Q2).
//   Used 300 x 2 = 600, available 0.5: overdraft 599.5. Running balance 0.5, 0.5, then -599.5.
//   Volume as a blend: the lot stands for 0.5 / 0.5 = 1 t at 1.5. At x = 1.5: 300 x 1.5 = 450 > 0. By origin
//   (named first): o2 is below the average; at x = 0 it uses 600 against lots of origin at or below 0: none.
describe('(b) blended stock after a zero-emission input', () => {
  it('floors the next window at the stock factor, not at 0', () => {
    const b = oracleBooks(
      decl({
        carryOver: { allowed: true },
        inputs: [inp('in1', '2026-01-10', 3, 2.0), inp('in2', '2026-01-11', 1, 0.0), inp('in3', '2026-04-10', 500, 2.0)],
        outputs: [out('o1', '2026-02-01', 3, 1.5), out('o2', '2026-05-01', 300, 0.0), out('o3', '2026-06-01', 201, 2.0)],
      }),
    );
    const q1 = pool(b, 's1@2026-01-01');
    eq(q1.lowestEnteredEmissionFactor, '0');
    eq(q1.closingStock, '1');
    eq(q1.creditsToStock, '1/2');
    eq(q1.creditsCarriedOut, '0');
    expect(q1.stackedOutputs).toEqual([]);
    const q2 = pool(b, 's1@2026-04-01');
    eq(q2.stockCarriedIn, '1');
    eq(q2.stockEmissionFactor, '3/2');
    eq(q2.creditsWithStock, '1/2');
    eq(q2.emissions, '2003/2');
    eq(q2.averageEmissionFactor, '2003/1002');
    eq(q2.lowestEnteredEmissionFactor, '3/2');
    expect(q2.stackedOutputs).toEqual(['o2']);
    eq(q2.creditsUsed, '600');
    eq(q2.overdraft, '1199/2');
    eq(q2.lowestRunningBalance, '-1199/2');
    expect(q2.negativeRunningBalance).toBe(true);
    expect(q2.volumeHolds).toBe(false);
    expect(q2.volumeWorst?.byOrigin).toBe(true);
    eq(q2.volumeWorst?.x ?? null, '0');
    eq(q2.volumeWorst?.outputReduction ?? null, '600');
    eq(q2.volumeWorst?.backedReduction ?? null, '0');
    expect(b.stackedOutputs).toEqual(['o2']);
  });
});

// ---------------------------------------------------------------------------------------------------------
// (c) Credits carried over with no stock left, used next window at the factor of the input that earned them.
//
// B = 2, carry-over allowed for 1 window. Q1: in1 900 t at 2.0, in2 100 t at 1.0 (earns 100); o1 1000 t at 2.0
//   (uses 0). M = Q = 1000: S' = 0, so the stock takes nothing; the lot of 100 carries over. e_avg = 1900/1000.
// Q2: carried in 100 (in2's lot, earned in window 0, usable up to window 1). in3 1000 t at 2.0; o2 100 t at 1.0
//   (uses 100), o3 900 t at 2.0. Available = used = 100. Floor = min(2.0, lot 1.0) = 1.0: o2 not stacked.
//   Volume: the lot stands for 100 t at 1.0; breakpoint 1.0: 0 <= 0. e_avg = 2.0, o2 clearly below: free
//   attribution; the lot at 1.0 <= 0.9 x 2.0 is a technology change. Claimed (free, no names): o2 only
//   (o1 at 2.0 is above Q1's 1.9).
describe('(c) carried credits used at the earning input factor', () => {
  it('is not stacked and holds by volume', () => {
    const b = oracleBooks(
      decl({
        carryOver: { allowed: true, maxPeriods: 1 },
        inputs: [inp('in1', '2026-01-10', 900, 2.0), inp('in2', '2026-01-20', 100, 1.0), inp('in3', '2026-04-10', 1000, 2.0)],
        outputs: [out('o1', '2026-03-01', 1000, 2.0), out('o2', '2026-05-01', 100, 1.0), out('o3', '2026-06-01', 900, 2.0)],
      }),
    );
    const q1 = pool(b, 's1@2026-01-01');
    eq(q1.averageEmissionFactor, '19/10');
    eq(q1.closingStock, '0');
    eq(q1.creditsToStock, '0');
    eq(q1.creditsCarriedOut, '100');
    const q2 = pool(b, 's1@2026-04-01');
    eq(q2.creditsCarriedIn, '100');
    eq(q2.creditsExpired, '0');
    eq(q2.creditsUsed, '100');
    eq(q2.overdraft, '0');
    eq(q2.lowestEnteredEmissionFactor, '1');
    eq(q2.lowestRunningBalance, '0');
    expect(q2.stackedOutputs).toEqual([]);
    expect(q2.volumeHolds).toBe(true);
    expect(q2.freeAttribution).toBe(true);
    expect(q2.technologyChange).toBe(true);
    expect(b.technology.poolsFreeWithoutChange).toBe(0);
    expect(b.claimedOutputs).toEqual(['o2']);
    eq(b.totals.creditsUsed, '100');
  });
});

// ---------------------------------------------------------------------------------------------------------
// (d) Multi-site, two unconnected sites: A's credits used at B in Q1, B's used at A in Q2.
//
// B = 2, one unit 'all'. Q1: inA1 100 t at 1.0 at A (earns 100), inB1 100 t at 2.0 at B; oB1 100 t at 1.0 at B
//   (uses 100), oA1 100 t at 2.0 at A. B has no lot of its own; A and B are not connected; so B takes the 100
//   from A's lot at step 3: transferred 100, all without physical link; B draws its whole reduction from
//   elsewhere. Q2: mirror image (inB2 earns 100 at B, oA2 uses it at A): 100 more, from B to A.
//   Totals: 200 transferred, 200 without link (never netted to 0).
const caseD = (connected: boolean): Declaration =>
  decl({
    level: 'multi-site',
    sites: [
      { id: 'A', country: 'DE', ...(connected ? { connectedTo: ['B'] } : {}) },
      { id: 'B', country: 'FR' },
    ],
    inputs: [
      inp('inA1', '2026-01-10', 100, 1.0, { site: 'A' }),
      inp('inB1', '2026-01-10', 100, 2.0, { site: 'B' }),
      inp('inA2', '2026-04-10', 100, 2.0, { site: 'A' }),
      inp('inB2', '2026-04-10', 100, 1.0, { site: 'B' }),
    ],
    outputs: [
      out('oA1', '2026-02-01', 100, 2.0, { site: 'A' }),
      out('oB1', '2026-02-01', 100, 1.0, { site: 'B' }),
      out('oA2', '2026-05-01', 100, 1.0, { site: 'A' }),
      out('oB2', '2026-05-01', 100, 2.0, { site: 'B' }),
    ],
  });

describe('(d) multi-site transfers', () => {
  it('counts both directions, window by window, without netting', () => {
    const b = oracleBooks(caseD(false));
    expect(b.pools.map((p) => p.id)).toEqual(['all@2026-01-01', 'all@2026-04-01']);
    const q1 = pool(b, 'all@2026-01-01');
    eq(q1.creditsTransferred, '100');
    eq(q1.creditsTransferredWithoutPhysicalLink, '100');
    expect(q1.sitesWithoutOwnReductions).toEqual(['B']);
    eq(q1.overdraft, '0');
    const q2 = pool(b, 'all@2026-04-01');
    eq(q2.creditsTransferred, '100');
    eq(q2.creditsTransferredWithoutPhysicalLink, '100');
    expect(q2.sitesWithoutOwnReductions).toEqual(['A']);
    eq(b.totals.creditsTransferred, '200');
    eq(b.totals.creditsTransferredWithoutPhysicalLink, '200');
  });

  it('still counts transfers between connected sites, but not as without physical link', () => {
    // A connectedTo B (so B is connected to A too): the same 100 + 100 transferred, 0 without link.
    const b = oracleBooks(caseD(true));
    eq(b.totals.creditsTransferred, '200');
    eq(b.totals.creditsTransferredWithoutPhysicalLink, '0');
    expect(pool(b, 'all@2026-01-01').sitesWithoutOwnReductions).toEqual(['B']);
  });

  it('takes from a connected site before an unconnected one, whatever the lots age', () => {
    // Q1 only. Lots: inB 100 at 1.0 on 01-05 at B (older), inC 100 at 1.0 on 01-20 at C, C connected to A
    // through D (A - D - C). oA 100 t at 1.0 at A uses 100: step 2 takes C's lot: transferred 100, none
    // without link; B's lot is left and forfeited (no carry-over, no stock: Q = 300 = M).
    const b = oracleBooks(
      decl({
        level: 'multi-site',
        period: { start: '2026-01-01', end: '2026-03-31' },
        sites: [
          { id: 'A', country: 'DE', connectedTo: ['D'] },
          { id: 'B', country: 'DE' },
          { id: 'C', country: 'DE' },
          { id: 'D', country: 'DE', connectedTo: ['C'] },
        ],
        inputs: [
          inp('inA', '2026-01-05', 100, 2.0, { site: 'A' }),
          inp('inB', '2026-01-05', 100, 1.0, { site: 'B' }),
          inp('inC', '2026-01-20', 100, 1.0, { site: 'C' }),
        ],
        outputs: [out('oA', '2026-02-01', 100, 1.0, { site: 'A' }), out('oB', '2026-02-01', 200, 2.0, { site: 'B' })],
      }),
    );
    const q1 = pool(b, 'all@2026-01-01');
    eq(q1.creditsTransferred, '100');
    eq(q1.creditsTransferredWithoutPhysicalLink, '0');
    eq(q1.creditsForfeited, '100');
    expect(q1.sitesWithoutOwnReductions).toEqual(['A']);
  });
});

describe('(d) multi-site stock lots', () => {
  it('keeps the site of the lots the stock took', () => {
    // No carry-over, unconnected A and B. W0: inA1 100 t at 1.0 (lot of A, 100), inA2 100 t at 2.0, both at A;
    // oB1 100 t at 2.0 at B (uses 0). Q = 200, e_avg 1.5, S' = 100: the stock takes 100 x 0.5 = 50 of A's lot,
    // as a lot of site A; the other 50 is forfeited. W1: oB2 100 t at 1.5 at B uses 50, all from the stock's
    // lot of A: transferred 50, without physical link 50, and B had no lot of its own.
    const b = oracleBooks(
      decl({
        level: 'multi-site',
        sites: [
          { id: 'A', country: 'DE' },
          { id: 'B', country: 'DE' },
        ],
        inputs: [inp('inA1', '2026-01-10', 100, 1.0, { site: 'A' }), inp('inA2', '2026-01-10', 100, 2.0, { site: 'A' })],
        outputs: [out('oB1', '2026-02-01', 100, 2.0, { site: 'B' }), out('oB2', '2026-05-01', 100, 1.5, { site: 'B' })],
      }),
    );
    const [w0, w1] = b.pools as [OraclePool, OraclePool];
    eq(w0.creditsToStock, '50');
    eq(w0.creditsForfeited, '50');
    eq(w0.creditsTransferred, '0');
    eq(w1.creditsWithStock, '50');
    eq(w1.creditsTransferred, '50');
    eq(w1.creditsTransferredWithoutPhysicalLink, '50');
    expect(w1.sitesWithoutOwnReductions).toEqual(['B']);
  });
});

// ---------------------------------------------------------------------------------------------------------
// (e) Site level: one site over-attributes, another under-attributes.
//
// B = 2, no carry-over, one quarter. Site A: inA1 100 t at 1.0 (earns 100), inA2 100 t at 2.0; oA 200 t at
//   1.25 uses 200 x 0.75 = 150: overdraft 50. Running: 0, 01-10 100, 02-01 -50. e_avg 1.5, floor 1.0 (1.25
//   is above it: not stacked). Volume (breakpoints 1.0, 1.25): x = 1.25 gives 0 <= 100 x 0.25 = 25: holds
//   (the shortfall shows at x = B only, which is the overdraft: CHOICE 10).
// Site B: same inputs; oB 200 t at 1.75 uses 50; 50 left, forfeited.
// Total used 200 = total earned 200, yet A's pool is overdrawn: conservation is pool by pool.
describe('(e) site-level conservation', () => {
  it('finds the over-attributing site overdrawn even though the total balances', () => {
    const b = oracleBooks(
      decl({
        period: { start: '2026-01-01', end: '2026-03-31' },
        sites: [
          { id: 'A', country: 'DE' },
          { id: 'B', country: 'DE' },
        ],
        inputs: [
          inp('inA1', '2026-01-10', 100, 1.0, { site: 'A' }),
          inp('inA2', '2026-01-10', 100, 2.0, { site: 'A' }),
          inp('inB1', '2026-01-10', 100, 1.0, { site: 'B' }),
          inp('inB2', '2026-01-10', 100, 2.0, { site: 'B' }),
        ],
        outputs: [out('oA', '2026-02-01', 200, 1.25, { site: 'A' }), out('oB', '2026-02-01', 200, 1.75, { site: 'B' })],
      }),
    );
    const a = pool(b, 'A@2026-01-01');
    eq(a.creditsEarned, '100');
    eq(a.creditsUsed, '150');
    eq(a.overdraft, '50');
    eq(a.lowestRunningBalance, '-50');
    expect(a.negativeRunningBalance).toBe(true);
    expect(a.stackedOutputs).toEqual([]);
    // oA (1.25) is below A's average 1.5: by origin it uses 150 against the 100 of lots at or below 1.25.
    expect(a.volumeHolds).toBe(false);
    expect(a.volumeWorst?.byOrigin).toBe(true);
    eq(a.volumeWorst?.x ?? null, '5/4');
    eq(a.volumeWorst?.outputReduction ?? null, '150');
    eq(a.volumeWorst?.backedReduction ?? null, '100');
    const bb = pool(b, 'B@2026-01-01');
    eq(bb.creditsUsed, '50');
    eq(bb.overdraft, '0');
    eq(bb.creditsForfeited, '50');
    eq(b.totals.creditsEarned, '200');
    eq(b.totals.creditsUsed, '200');
    eq(b.totals.overdraft, '50');
    expect(b.poolsOverdrawn).toBe(1);
    expect(b.poolsWithNegativeRunningBalance).toBe(1);
    eq(b.totals.creditsTransferred, '0');
  });

  it('finds a site with outputs below B and no input overdrawn and exceeding its mass', () => {
    // Site C: no input, oC 50 t at 1.0. Q = 0, M = 50: mass excess 50, closing stock 0. Used 50 x 1 = 50,
    // available 0: overdraft 50; running balance -50. No average: proportional none. Nothing entered: no floor,
    // nothing stacked. Site s1 (in1 10 t at 2.0, o1 10 t at 2.0) is clean.
    const b = oracleBooks(
      decl({
        period: { start: '2026-01-01', end: '2026-03-31' },
        sites: [
          { id: 'C', country: 'DE' },
          { id: 's1', country: 'DE' },
        ],
        inputs: [inp('in1', '2026-01-10', 10, 2.0)],
        outputs: [out('o1', '2026-01-20', 10, 2.0), out('oC', '2026-02-01', 50, 1.0, { site: 'C' })],
      }),
    );
    expect(b.pools.map((p) => p.id)).toEqual(['C@2026-01-01', 's1@2026-01-01']);
    const c = pool(b, 'C@2026-01-01');
    eq(c.mass, '0');
    eq(c.outputMass, '50');
    eq(c.massExcess, '50');
    eq(c.closingStock, '0');
    eq(c.creditsUsed, '50');
    eq(c.overdraft, '50');
    eq(c.lowestRunningBalance, '-50');
    expect(c.negativeRunningBalance).toBe(true);
    eq(c.averageEmissionFactor, null);
    eq(c.lowestEnteredEmissionFactor, null);
    expect(c.proportional).toBe(null);
    expect(c.stackedOutputs).toEqual([]);
    expect(c.technologyChange).toBe(false);
    expect(b.poolsOverdrawn).toBe(1);
    expect(b.poolsExceedingMass).toBe(1);
  });
});

// ---------------------------------------------------------------------------------------------------------
// (f) The same ledger in t and in kg (quantities x 1000): masses, emissions and credits x 1000, factors and
//     verdicts identical. E.g. (a)'s credits earned 500 -> 500000; (e)'s overdraft 50 -> 50000.
function inKg(d: Declaration): Declaration {
  const l = d.ledger!;
  const [first, ...rest] = l.inputs.map((i) => ({ ...i, quantity: i.quantity * 1000 }));
  return { ...d, ledger: { ...l, unit: 'kg', inputs: [first!, ...rest], outputs: l.outputs.map((o) => ({ ...o, quantity: o.quantity * 1000 })) } };
}

function expectScaled(t: OracleBooks, kg: OracleBooks): void {
  const k = F(1000);
  const scaled: (keyof OraclePool)[] = [
    'inputMass', 'inputEmissions', 'stockCarriedIn', 'mass', 'emissions', 'outputMass', 'attributedEmissions', 'massExcess',
    'closingStock', 'creditsCarriedIn', 'creditsWithStock', 'creditsEarned', 'creditsAvailable', 'creditsUsed', 'creditsExpired',
    'creditsForfeited', 'creditsToStock', 'creditsCarriedOut', 'overdraft', 'lowestRunningBalance', 'creditsTransferred',
    'creditsTransferredWithoutPhysicalLink',
  ];
  const same: (keyof OraclePool)[] = [
    'id', 'unit', 'windowIndex', 'negativeRunningBalance', 'sitesWithoutOwnReductions', 'stackedOutputs', 'volumeHolds', 'proportional',
    'outputsOffAverage', 'freeAttribution', 'technologyChange', 'allocationHolds',
  ];
  expect(kg.pools.length).toBe(t.pools.length);
  t.pools.forEach((p, i) => {
    const q = kg.pools[i]!;
    for (const f of scaled) expect((q[f] as Fraction).toString(), `${p.id} ${f}`).toBe((p[f] as Fraction).mul(k).toString());
    for (const f of same) expect(q[f], `${p.id} ${f}`).toEqual(p[f]);
    for (const f of ['stockEmissionFactor', 'averageEmissionFactor', 'lowestEnteredEmissionFactor'] as const) {
      expect(q[f]?.toString() ?? null).toBe(p[f]?.toString() ?? null);
    }
    expect(q.volumeWorst?.x.toString() ?? null).toBe(p.volumeWorst?.x.toString() ?? null);
    expect(q.volumeWorst?.outputReduction.toString() ?? null).toBe(p.volumeWorst?.outputReduction.mul(k).toString() ?? null);
  });
  expect(kg.stackedOutputs).toEqual(t.stackedOutputs);
  expect([kg.poolsOverdrawn, kg.poolsExceedingMass, kg.poolsWithNegativeRunningBalance, kg.poolsShortByVolume]).toEqual([
    t.poolsOverdrawn, t.poolsExceedingMass, t.poolsWithNegativeRunningBalance, t.poolsShortByVolume,
  ]);
  expect(kg.claimedOutputs).toEqual(t.claimedOutputs);
  expect(kg.technology.creditsFromBaselineAboveConventional.toString()).toBe(t.technology.creditsFromBaselineAboveConventional.mul(k).toString());
}

describe('(f) tonnes and kilograms', () => {
  it('gives the same verdicts and credits x 1000', () => {
    const a = oracleBooks(inKg(caseA()));
    eq(a.totals.creditsEarned, '500000');
    eq(pool(a, 's1@2026-04-01').creditsWithStock, '50000');
    eq(pool(a, 's1@2026-04-01').averageEmissionFactor, '25/16');
    expectScaled(oracleBooks(caseA()), a);
    expectScaled(oracleBooks(caseD(false)), oracleBooks(inKg(caseD(false))));
    expectScaled(oracleBooks(caseG()), oracleBooks(inKg(caseG())));
    expectScaled(oracleBooks(caseL(true)), oracleBooks(inKg(caseL(true))));
  });
});

// ---------------------------------------------------------------------------------------------------------
// (g) A token 1 t of zero-emission input beside a DRI line; 667 t sold at 0.0 with the DRI's credits.
//
// B = 2, one quarter. in1 8667 t at 2.0 (BF), in2 1332 t at 1.0 (DRI, earns 1332), in3 1 t at 0.0 (earns 2).
//   Q = 10000, E = 17334 + 1332 = 18666, e_avg = 9333/5000. o1 667 t at 0.0 uses 1334 = 1332 + 2; o2 9333 t
//   at 2.0. No overdraft. Floor 0: o1 is not below it, the red line passes.
//   Volume as a blend: lots stand for 1332 t at 1.0 and 1 t at 0.0. At x = 1.0: outputs 667 x 1 = 667 against
//   1 x 1 = 1: fails (x = 0 gives 0 <= 0). By origin (named first): o1, below the average, uses 1334 at x = 0
//   against the 2 of the lot of origin 0.
const caseG = (): Declaration =>
  decl({
    period: { start: '2026-01-01', end: '2026-03-31' },
    inputs: [inp('in1', '2026-01-05', 8667, 2.0), inp('in2', '2026-01-06', 1332, 1.0), inp('in3', '2026-01-07', 1, 0.0)],
    outputs: [out('o1', '2026-03-01', 667, 0.0), out('o2', '2026-03-02', 9333, 2.0)],
  });

describe('(g) a token zero-emission tonne', () => {
  it('passes the red line and fails by volume', () => {
    const b = oracleBooks(caseG());
    const p = pool(b, 's1@2026-01-01');
    eq(p.averageEmissionFactor, '9333/5000');
    eq(p.creditsEarned, '1334');
    eq(p.creditsUsed, '1334');
    eq(p.overdraft, '0');
    eq(p.lowestEnteredEmissionFactor, '0');
    expect(p.stackedOutputs).toEqual([]);
    expect(p.volumeHolds).toBe(false);
    expect(p.volumeWorst?.byOrigin).toBe(true);
    eq(p.volumeWorst?.x ?? null, '0');
    eq(p.volumeWorst?.outputReduction ?? null, '1334');
    eq(p.volumeWorst?.backedReduction ?? null, '2');
    expect(b.poolsShortByVolume).toBe(1);
    expect(b.claimedOutputs).toEqual(['o1']);
  });
});

// ---------------------------------------------------------------------------------------------------------
// (h) An inflated baseline: declared B = 2.5 above every input; its credits piled onto a few outputs at the DRI
//     factor.
//
// in1 9000 t at 2.0 (BF) earns 9000 x 0.5 = 4500; in2 1000 t at 1.5 (DRI) earns 1000. Available 5500.
//   o1 2500 t + o2 3000 t at 1.5 use 5500 x 1.0 = 5500; o3 4500 t at 2.5. No overdraft. Floor 1.5: not stacked.
//   Volume: lots stand for 4500/0.5 = 9000 t at 2.0 and 1000/1 = 1000 t at 1.5. Breakpoints 1.5, 2.0:
//   x = 2.0: 5500 x 0.5 = 2750 against 1000 x 0.5 = 500: fails. By origin (named first): the 5500 t at 1.5 are
//   below the average 1.95 and use 5500 at x = 1.5, against the 1000 of the lot of origin 1.5.
//   Conventional route 2.0, clearly below B: the baseline creates 10000 x (2.5 - 2.0) = 5000 of the credits.
describe('(h) an inflated baseline', () => {
  it('fails by volume and says how much of the credits the baseline creates', () => {
    const b = oracleBooks(
      decl({
        baseline: 2.5,
        period: { start: '2026-01-01', end: '2026-03-31' },
        inputs: [inp('in1', '2026-01-05', 9000, 2.0), inp('in2', '2026-01-06', 1000, 1.5)],
        outputs: [out('o1', '2026-02-01', 2500, 1.5), out('o2', '2026-02-02', 3000, 1.5), out('o3', '2026-03-01', 4500, 2.5)],
      }),
    );
    const p = pool(b, 's1@2026-01-01');
    eq(b.baseline, '5/2');
    eq(p.creditsEarned, '5500');
    eq(p.creditsUsed, '5500');
    eq(p.overdraft, '0');
    expect(p.stackedOutputs).toEqual([]);
    expect(p.volumeHolds).toBe(false);
    expect(p.volumeWorst?.byOrigin).toBe(true);
    eq(p.volumeWorst?.x ?? null, '3/2');
    eq(p.volumeWorst?.outputReduction ?? null, '5500');
    eq(p.volumeWorst?.backedReduction ?? null, '1000');
    eq(b.technology.creditsFromBaselineAboveConventional, '5000');
  });
});

// ---------------------------------------------------------------------------------------------------------
// (i) An honest credit method: the low factor on exactly as much output as the low inputs can carry.
//
// B = 2. in1 800 t at 2.0, in2 200 t at 0.5 (earns 300, stands for 200 t at 0.5). o1 200 t at 0.5 uses 300,
//   o2 800 t at 2.0. Breakpoint 0.5: 0 <= 0 (and for any x in (0.5, 2): 200 (x - 0.5) on both sides). Floor 0.5.
// Contrast: the same 300 on o1 150 t at 0.0 (o2 850 t at 2.0): as a blend at x = 0.5, 150 x 0.5 = 75 against 0;
//   by origin (named first) at x = 0, o1 uses 300 against no lot of origin 0; o1 is stacked below the 0.5 floor;
//   no overdraft either way.
describe('(i) an honest credit method', () => {
  const mk = (o1: LedgerOutput, o2: LedgerOutput): Declaration =>
    decl({
      period: { start: '2026-01-01', end: '2026-03-31' },
      inputs: [inp('in1', '2026-01-05', 800, 2.0), inp('in2', '2026-01-06', 200, 0.5)],
      outputs: [o1, o2],
    });
  it('holds by volume', () => {
    const p = pool(oracleBooks(mk(out('o1', '2026-02-01', 200, 0.5), out('o2', '2026-02-02', 800, 2.0))), 's1@2026-01-01');
    eq(p.creditsUsed, '300');
    eq(p.overdraft, '0');
    expect(p.stackedOutputs).toEqual([]);
    expect(p.volumeHolds).toBe(true);
    expect(p.volumeWorst).toBe(null);
    expect(p.freeAttribution).toBe(true);
    expect(p.technologyChange).toBe(true);
  });
  it('fails when the same credits are piled lower', () => {
    const p = pool(oracleBooks(mk(out('o1', '2026-02-01', 150, 0.0), out('o2', '2026-02-02', 850, 2.0))), 's1@2026-01-01');
    eq(p.creditsUsed, '300');
    eq(p.overdraft, '0');
    expect(p.stackedOutputs).toEqual(['o1']);
    expect(p.volumeHolds).toBe(false);
    expect(p.volumeWorst?.byOrigin).toBe(true);
    eq(p.volumeWorst?.x ?? null, '0');
    eq(p.volumeWorst?.outputReduction ?? null, '300');
    eq(p.volumeWorst?.backedReduction ?? null, '0');
  });
});

// ---------------------------------------------------------------------------------------------------------
// (j) Allocation between product groups.
//
// (a)'s ledger with groups: Q1 o1 hrc 400 t, o2 plate 200 t at 1.75; Q2 o3 hrc 100 t, o4 plate 700 t at 1.5625.
//   Q1: hrc 700, plate 350 of 1050; mass keys 2/3 and 1/3: 700 = 2/3 x 1050. Q2: hrc 156.25, plate 1093.75 of
//   1250; keys 1/8, 7/8: 156.25 = 1250/8. Both pools hold. (Over the period hrc has 856.25 / 2300 = 0.372 of
//   the emissions for 500 / 1400 = 0.357 of the mass: a period-wide test would call hrc disfavoured.)
//   Period mass split: hrc 5/14 = 0.3571, plate 9/14 = 0.6429. Declared 0.36 / 0.64: within 0.005 of each
//   (0.0029): agree. Declared 0.5 / 0.5: 0.5 - 5/14 = 0.143 > 0.05: disagree.
const caseJ = (shares: [number, number], q1Factors: [number, number] = [1.75, 1.75]): Declaration =>
  decl({
    attribution: ROLLING,
    allocation: { basis: 'physical', productGroups: [{ id: 'hrc', share: shares[0] }, { id: 'plate', share: shares[1] }] },
    inputs: [
      inp('in1', '2026-01-10', 600, 2.0),
      inp('in2', '2026-01-20', 200, 1.0),
      inp('in3', '2026-04-10', 400, 2.0),
      inp('in4', '2026-04-20', 200, 0.5),
    ],
    outputs: [
      out('o1', '2026-02-15', 400, q1Factors[0], { productGroup: 'hrc' }),
      out('o2', '2026-03-15', 200, q1Factors[1], { productGroup: 'plate' }),
      out('o3', '2026-05-10', 100, 1.5625, { productGroup: 'hrc' }),
      out('o4', '2026-06-10', 700, 1.5625, { productGroup: 'plate' }),
    ],
  });

describe('(j) allocation', () => {
  it('holds pool by pool for an honest rolling average, groups made in different quarters', () => {
    const b = oracleBooks(caseJ([0.36, 0.64]));
    expect(b.pools.map((p) => p.allocationHolds)).toEqual([true, true]);
    expect(b.allocation.poolsNotProportional).toBe(0);
    expect(b.allocation.declaredSharesAgree).toBe(true);
    expect(b.allocation.ungroupedOutputs).toEqual([]);
  });
  it('finds a declared share that differs from the mass split', () => {
    expect(oracleBooks(caseJ([0.5, 0.5])).allocation.declaredSharesAgree).toBe(false);
  });
  it('finds a group favoured within a pool', () => {
    // Q1 with o1 hrc 400 t at 1.5 (600) and o2 plate 200 t at 2.25 (450): hrc has 600 of 1050, its key is 2/3
    // (700). (Not 2.0 for plate: written "2", it is 1.75 rounded up to 0 decimals, so at the average.)
    const b = oracleBooks(caseJ([0.36, 0.64], [1.5, 2.25]));
    expect(b.pools.map((p) => p.allocationHolds)).toEqual([false, true]);
    expect(b.allocation.poolsNotProportional).toBe(1);
  });
  it('lists outputs that name no group when groups are declared', () => {
    const d = caseJ([0.36, 0.64]);
    const { productGroup: _dropped, ...o4 } = d.ledger!.outputs[3]!;
    d.ledger!.outputs[3] = o4;
    const b = oracleBooks(d);
    expect(b.allocation.ungroupedOutputs).toEqual(['o4']);
    // Q2 now has one grouped output, hrc: 100% of the grouped emissions against 100% of the grouped mass.
    expect(b.pools.map((p) => p.allocationHolds)).toEqual([true, true]);
  });
  it('weights the declared shares by mass on an economic basis', () => {
    // One quarter: in1 200 t at 1.25 (E = 250). hrc 100 t at 1.5 (150), plate 100 t at 1.0 (100). Declared value
    // shares 0.6 / 0.4 over 100 t each: keys in the pool 0.6 and 0.4; 150 = 0.6 x 250: holds. On a physical
    // basis the keys are 1/2 and 1/2: 150 against 125: does not.
    const mk = (basis: 'economic' | 'physical'): Declaration =>
      decl({
        period: { start: '2026-01-01', end: '2026-03-31' },
        allocation: { basis, productGroups: [{ id: 'hrc', share: 0.6 }, { id: 'plate', share: 0.4 }] },
        inputs: [inp('in1', '2026-01-05', 200, 1.25)],
        outputs: [out('o1', '2026-02-01', 100, 1.5, { productGroup: 'hrc' }), out('o2', '2026-02-01', 100, 1.0, { productGroup: 'plate' })],
      });
    const econ = oracleBooks(mk('economic'));
    expect(econ.pools[0]!.allocationHolds).toBe(true);
    expect(econ.allocation.declaredSharesAgree).toBe(null);
    const phys = oracleBooks(mk('physical'));
    expect(phys.pools[0]!.allocationHolds).toBe(false);
    // 0.6 against the mass split 1/2: 0.1 > 0.05.
    expect(phys.allocation.declaredSharesAgree).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------------------------
// (k) Technology change: every input at the blast-furnace factor, a regional baseline above it, free attribution.
//
// B = 2.5. in1 500 t, in2 500 t at 2.0: each earns 250 (500 available). e_avg = 2.0. o1 500 t at 1.5 uses 500;
//   o2 500 t at 2.5. o1 is clearly below the average: free attribution. Conventional route 2.0; nothing at or
//   below 1.8 entered and nothing is flagged lowCarbon: no technology change. Baseline credits: 1000 x 0.5 = 500
//   (all of them). o1 is also below the 2.0 floor (stacked); as a blend at x = 2.0: 500 x 0.5 = 250 against 0,
//   and by origin (named first) at x = 1.5: o1 uses 500 against no lot of origin at or below 1.5.
// With in2 at 1.9 flagged lowCarbon (clearly below 2.0, though not 10% below): a technology change.
describe('(k) technology change', () => {
  const mk = (in2: LedgerInput): Declaration =>
    decl({
      baseline: 2.5,
      period: { start: '2026-01-01', end: '2026-03-31' },
      inputs: [inp('in1', '2026-01-05', 500, 2.0), in2],
      outputs: [out('o1', '2026-02-01', 500, 1.5), out('o2', '2026-02-02', 500, 2.5)],
    });
  it('finds none when every input is the conventional route', () => {
    const b = oracleBooks(mk(inp('in2', '2026-01-06', 500, 2.0)));
    const p = pool(b, 's1@2026-01-01');
    eq(p.averageEmissionFactor, '2');
    eq(p.creditsEarned, '500');
    expect(p.freeAttribution).toBe(true);
    expect(p.technologyChange).toBe(false);
    expect(b.technology.poolsFreeWithoutChange).toBe(1);
    eq(b.technology.creditsFromBaselineAboveConventional, '500');
    expect(p.stackedOutputs).toEqual(['o1']);
    expect(p.volumeWorst?.byOrigin).toBe(true);
    eq(p.volumeWorst?.x ?? null, '3/2');
    eq(p.volumeWorst?.outputReduction ?? null, '500');
  });
  it('counts a lowCarbon input clearly below the conventional route', () => {
    const b = oracleBooks(mk(inp('in2', '2026-01-06', 500, 1.9, { lowCarbon: true })));
    expect(pool(b, 's1@2026-01-01').technologyChange).toBe(true);
    expect(b.technology.poolsFreeWithoutChange).toBe(0);
  });
});

// ---------------------------------------------------------------------------------------------------------
// (l) Expiry, forfeiture, and the stock's lot.
//
// B = 2, three quarters (Jan-Sep). W0: in1 100 t at 1.0 earns lot L1 = 100; o1 100 t at 2.0 uses 0; S' = 0.
// W1: in2 100 t at 1.5 earns L2 = 50; o2 100 t at 1.5 uses 50.
// W2: in3 100 t at 2.0 earns nothing; o3 100 t at 1.5 uses 50.
// With carry-over for 1 window: W1 has L1 carried in (100); the 50 used come from L1 (oldest first): L1 50 and
//   L2 50 carry out. At W2's start L1 (earned in W0, usable up to W1) expires: 50; L2 (usable up to W2) is
//   carried in: 50, exactly what o3 uses. (Newest first would have expired 100 and overdrawn W2 by 50.)
// Without carry-over: W0 forfeits 100; W1 earns 50 and uses 50; W2 has nothing and uses 50: overdraft 50.
const caseL = (carry: boolean): Declaration =>
  decl({
    period: { start: '2026-01-01', end: '2026-09-30' },
    carryOver: carry ? { allowed: true, maxPeriods: 1 } : { allowed: false },
    inputs: [inp('in1', '2026-01-10', 100, 1.0), inp('in2', '2026-04-10', 100, 1.5), inp('in3', '2026-07-10', 100, 2.0)],
    outputs: [out('o1', '2026-02-01', 100, 2.0), out('o2', '2026-05-01', 100, 1.5), out('o3', '2026-08-01', 100, 1.5)],
  });

describe('(l) expiry, forfeiture and the stock', () => {
  it('uses the oldest lots first and expires what is left after maxPeriods windows', () => {
    const b = oracleBooks(caseL(true));
    expect(b.pools.map((p) => p.id)).toEqual(['s1@2026-01-01', 's1@2026-04-01', 's1@2026-07-01']);
    const [w0, w1, w2] = b.pools as [OraclePool, OraclePool, OraclePool];
    eq(w0.creditsCarriedOut, '100');
    eq(w0.creditsForfeited, '0');
    eq(w1.creditsCarriedIn, '100');
    eq(w1.creditsEarned, '50');
    eq(w1.creditsUsed, '50');
    eq(w1.creditsCarriedOut, '100');
    eq(w1.lowestEnteredEmissionFactor, '1');
    eq(w2.creditsExpired, '50');
    eq(w2.creditsCarriedIn, '50');
    eq(w2.lowestEnteredEmissionFactor, '3/2');
    eq(w2.creditsUsed, '50');
    eq(w2.overdraft, '0');
    eq(w2.creditsCarriedOut, '0');
    eq(b.totals.creditsExpired, '50');
    expect(b.poolsOverdrawn).toBe(0);
  });

  it('forfeits at the close when carry-over is not allowed', () => {
    const b = oracleBooks(caseL(false));
    const [w0, w1, w2] = b.pools as [OraclePool, OraclePool, OraclePool];
    eq(w0.creditsForfeited, '100');
    eq(w0.creditsCarriedOut, '0');
    eq(w1.creditsCarriedIn, '0');
    eq(w1.creditsForfeited, '0');
    eq(w2.creditsAvailable, '0');
    eq(w2.overdraft, '50');
    eq(b.totals.creditsForfeited, '100');
    eq(b.totals.creditsExpired, '0');
  });

  it('gives the closing stock at most S\u2032(B - e_avg) of what is left', () => {
    // W0: in1 100 t at 1.0 (L1 100), in1b 100 t at 2.0; o1 100 t at 2.0 (uses 0). Q = 200, E = 300, e_avg 1.5,
    //   S' = 100: the stock takes 100 x 0.5 = 50 of L1's 100; without carry-over the other 50 is forfeited.
    // W1: S = 100 t at 1.5 with its lot of 50 (factor 1.5): floor 1.5. o2 100 t at 1.5 uses 50 of it: 0 left.
    const b = oracleBooks(
      decl({
        inputs: [inp('in1', '2026-01-10', 100, 1.0), inp('in1b', '2026-01-10', 100, 2.0)],
        outputs: [out('o1', '2026-02-01', 100, 2.0), out('o2', '2026-05-01', 100, 1.5)],
      }),
    );
    const [w0, w1] = b.pools as [OraclePool, OraclePool];
    eq(w0.averageEmissionFactor, '3/2');
    eq(w0.closingStock, '100');
    eq(w0.creditsToStock, '50');
    eq(w0.creditsForfeited, '50');
    eq(w1.stockCarriedIn, '100');
    eq(w1.creditsWithStock, '50');
    eq(w1.creditsCarriedIn, '0');
    eq(w1.lowestEnteredEmissionFactor, '3/2');
    eq(w1.creditsUsed, '50');
    eq(w1.overdraft, '0');
    eq(w1.creditsForfeited, '0');
    expect(w1.stackedOutputs).toEqual([]);
    expect(w1.volumeHolds).toBe(true);
  });

  it('keeps the stock lot from expiring while it travels with the stock', () => {
    // Carry-over for 1 window, three quarters. W0: in1 100 t at 1.0 (L1 100), in1b 100 t at 2.0, o1 100 t at 2.0:
    //   S' = 100 at 1.5, stock lot 50 (from L1), L1's other 50 carried out. W1: nothing happens but the stock
    //   (Q = 100, e_avg 1.5, S'' = 100): the new stock takes 50, oldest first, i.e. L1's carried 50; the old
    //   stock lot (50) carries on as a lot of W1. W2: L1 is gone into the stock (nothing expires), 50 with the
    //   stock, 50 carried in; o2 100 t at 1.0 uses 100: no overdraft.
    const b = oracleBooks(
      decl({
        period: { start: '2026-01-01', end: '2026-09-30' },
        carryOver: { allowed: true, maxPeriods: 1 },
        inputs: [inp('in1', '2026-01-10', 100, 1.0), inp('in1b', '2026-01-10', 100, 2.0)],
        outputs: [out('o1', '2026-02-01', 100, 2.0), out('o2', '2026-08-01', 100, 1.0)],
      }),
    );
    const [w0, w1, w2] = b.pools as [OraclePool, OraclePool, OraclePool];
    eq(w0.creditsToStock, '50');
    eq(w0.creditsCarriedOut, '50');
    eq(w1.creditsCarriedIn, '50');
    eq(w1.creditsWithStock, '50');
    eq(w1.creditsToStock, '50');
    eq(w1.creditsCarriedOut, '50');
    eq(w2.creditsExpired, '0');
    eq(w2.creditsWithStock, '50');
    eq(w2.creditsCarriedIn, '50');
    eq(w2.creditsUsed, '100');
    eq(w2.overdraft, '0');
    // o2 at 1.0 is below the 1.5 that entered W2 (stock and both lots at 1.5).
    expect(w2.stackedOutputs).toEqual(['o2']);
  });
});

// ---------------------------------------------------------------------------------------------------------
// Odds and ends of sections 0 and 2.

describe('running balance, batches, claims', () => {
  it('dips below zero when an output comes before the input that earns its credits', () => {
    // o1 01-05 100 t at 1.0 uses 100; in1 01-20 100 t at 1.0 earns 100. Day 01-05: -100 (negative); 01-20: 0.
    // Closing balance 0: no overdraft. (Counted whether or not negativeBalanceAllowed.)
    for (const allowed of [false, true]) {
      const b = oracleBooks(
        decl({
          negativeBalanceAllowed: allowed,
          period: { start: '2026-01-01', end: '2026-03-31' },
          inputs: [inp('in1', '2026-01-20', 100, 1.0)],
          outputs: [out('o1', '2026-01-05', 100, 1.0)],
        }),
      );
      const p = pool(b, 's1@2026-01-01');
      eq(p.lowestRunningBalance, '-100');
      expect(p.negativeRunningBalance).toBe(true);
      eq(p.overdraft, '0');
      expect(b.poolsWithNegativeRunningBalance).toBe(1);
    }
  });

  it('puts inputs before outputs on the same day', () => {
    // in1 and o1 on 01-05: the day closes at 100 - 100 = 0: not negative.
    const p = oracleBooks(
      decl({
        period: { start: '2026-01-01', end: '2026-03-31' },
        inputs: [inp('in1', '2026-01-05', 100, 1.0)],
        outputs: [out('a-first-by-id', '2026-01-05', 100, 1.0)],
      }),
    ).pools[0]!;
    expect(p.negativeRunningBalance).toBe(false);
    eq(p.lowestRunningBalance, '0');
  });

  it('keys batch units by batch, with lines without one in (no batch)', () => {
    // b1: in1 10 t at 1.0, o1 10 t at 1.0. No batch: in2 10 t at 2.0, o2 10 t at 2.0. B = highest input, 2.0.
    const b = oracleBooks(
      decl({
        level: 'batch',
        baseline: null,
        balancingPeriod: null,
        inputs: [inp('in1', '2026-01-05', 10, 1.0, { batch: 'b1' }), inp('in2', '2026-01-05', 10, 2.0)],
        outputs: [out('o1', '2026-02-01', 10, 1.0, { batch: 'b1' }), out('o2', '2026-02-01', 10, 2.0)],
      }),
    );
    eq(b.baseline, '2');
    expect(b.pools.map((p) => p.id)).toEqual(['(no batch)@2026-01-01', 'b1@2026-01-01']);
    eq(pool(b, 'b1@2026-01-01').creditsUsed, '10');
    eq(pool(b, 'b1@2026-01-01').overdraft, '0');
  });

  it('reads the claimed outputs named by the claim', () => {
    // (c)'s method but the claim names o3 (an output at 2.0) and product group g (o1).
    const d = decl({
      inputs: [inp('in1', '2026-01-10', 100, 2.0)],
      outputs: [out('o1', '2026-02-01', 50, 2.0, { productGroup: 'g' }), out('o2', '2026-02-02', 25, 2.0), out('o3', '2026-02-03', 25, 2.0)],
      claim: { label: 'x', productGroups: ['g'], outputs: ['o3'] } as Claim,
    });
    expect(oracleBooks(d).claimedOutputs).toEqual(['o1', 'o3']);
  });

  it('omits pools in which nothing happens and gives the same books whatever the order of the lines', () => {
    // Nothing in Q2 (no line, no stock, no carry-over): only the Q1 and Q3 pools are listed.
    const d = decl({
      period: { start: '2026-01-01', end: '2026-09-30' },
      inputs: [inp('in1', '2026-01-10', 100, 1.0), inp('in2', '2026-07-10', 100, 1.0)],
      outputs: [out('o1', '2026-02-01', 100, 1.5), out('o2', '2026-08-01', 60, 1.0), out('o3', '2026-08-01', 40, 1.5)],
    });
    const b = oracleBooks(d);
    expect(b.pools.map((p) => p.id)).toEqual(['s1@2026-01-01', 's1@2026-07-01']);
    const l = d.ledger!;
    const reversed: Declaration = {
      ...d,
      ledger: { ...l, inputs: [l.inputs[1]!, l.inputs[0]], outputs: [...l.outputs].reverse() },
    };
    expect(JSON.stringify(oracleBooks(reversed))).toBe(JSON.stringify(b));
  });
});

// ---------------------------------------------------------------------------------------------------------
// (m) Stacking by volume, by origin: blends that could physically be made, but whose reduction comes from credits
//     of higher origin than the output they are given to. (Factors chosen so that every double is exact.)
//
// B = 2.0. in1 1000 t at 0.0 (earns 2000), in2 1000 t at 1.875 (earns 125), in3 8000 t at 2.0. e_avg = 17875 /
//   10000 = 1.7875. o1 2125 t at 1.0 uses 2125; o2 7875 t at 2.0. No overdraft; floor 0, not stacked. As a blend
//   it holds: at x = 1.875, 2125 x 0.875 = 1859.375 against 1000 x 1.875 = 1875 (1000 t at 0, 1000 t at 1.875
//   and 125 t at 2.0 make 2125 t at 1.0). By origin o1 (below the average) uses 2125 at x = 1.0 against the 2000
//   of lots of origin at or below 1.0: 125 short. The same inputs as an honest rolling average hold both tests.
// B = 2.25, in1 1 t at 0.0 (earns 2.25), in2 9999 t at 1.875 (HBI in a blast furnace, earns 3749.625 against the
//   inflated baseline): o1 128 t at 1905/1024 = 1.8603515625 is exactly 1 t at 0 blended with 127 t at 1.875
//   (blend: at x = 1.875, 128 x 15/1024 = 1.875 on both sides, holds), but it uses 128 x (2.25 - 1905/1024) =
//   49.875 against the 2.25 of origin at or below its factor (e_avg = 1.8748125: o1 is clearly below it).
describe('(m) stacking by volume, by origin', () => {
  it('fails a blend whose credits come from a higher origin, and holds the rolling average of the same inputs', () => {
    const inputs = [inp('in1', '2026-01-05', 1000, 0.0), inp('in2', '2026-01-06', 1000, 1.875), inp('in3', '2026-01-07', 8000, 2.0)];
    const period = { start: '2026-01-01', end: '2026-03-31' };
    const credit = pool(oracleBooks(decl({ period, inputs, outputs: [out('o1', '2026-02-01', 2125, 1.0), out('o2', '2026-02-02', 7875, 2.0)] })), 's1@2026-01-01');
    eq(credit.averageEmissionFactor, '143/80');
    eq(credit.overdraft, '0');
    expect(credit.stackedOutputs).toEqual([]);
    expect(credit.volumeHolds).toBe(false);
    expect(credit.volumeWorst?.byOrigin).toBe(true);
    eq(credit.volumeWorst?.x ?? null, '1');
    eq(credit.volumeWorst?.outputReduction ?? null, '2125');
    eq(credit.volumeWorst?.backedReduction ?? null, '2000');
    const rolling = pool(oracleBooks(decl({ period, inputs, outputs: [out('o1', '2026-02-01', 10000, 1.7875)] })), 's1@2026-01-01');
    expect(rolling.proportional).toBe(true);
    expect(rolling.volumeHolds).toBe(true);
  });

  it('fails a sliver below a blast furnace fed with HBI, its credits from the inflated baseline', () => {
    const b = oracleBooks(
      decl({
        baseline: 2.25,
        period: { start: '2026-01-01', end: '2026-03-31' },
        inputs: [inp('in1', '2026-01-05', 1, 0.0), inp('in2', '2026-01-06', 9999, 1.875)],
        outputs: [out('o1', '2026-02-01', 128, 1905 / 1024), out('o2', '2026-02-02', 9872, 2.25)],
      }),
    );
    const p = pool(b, 's1@2026-01-01');
    expect(p.stackedOutputs).toEqual([]);
    expect(p.volumeHolds).toBe(false);
    expect(p.volumeWorst?.byOrigin).toBe(true);
    eq(p.volumeWorst?.x ?? null, '1905/1024');
    eq(p.volumeWorst?.outputReduction ?? null, '399/8');
    eq(p.volumeWorst?.backedReduction ?? null, '9/4');
  });
});
