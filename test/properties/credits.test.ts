// Property 1: credits used never exceed credits available (carried in, with the stock, and earned) unless an
// overdraft is reported, per pool (unit x balancing window) and in the totals; with the books' own arithmetic
// around it (docs/books.md section 2: earned = q x max(0, B - e), used = m x max(0, B - a), closing = available -
// used, what is left going first with the stock, then carried over or forfeited, carried lots expiring after
// maxPeriods windows). Comparisons use the books' tolerance (src/metrics/tolerance.ts: 1e-6 of the larger of the
// two figures compared), scaled by the credits moved in the window.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deriveMetrics } from '../../src/metrics/derive.js';
import { agree as agreeBooks, RELATIVE_TOLERANCE } from '../../src/metrics/tolerance.js';
import type { Declaration } from '../../src/generated/declaration.js';
import type { LedgerMetrics, PoolMetrics } from '../../src/metrics/types.js';
import { declarationArb, RUNS } from './arbitraries.js';

const ledgerOf = (d: Declaration): LedgerMetrics => deriveMetrics(d).ledger!;

/** a and b agree within the tolerance of the larger of them and of the credits moved (`scale`). */
function agree(a: number, b: number, ...scale: number[]): boolean {
  return Math.abs(a - b) <= RELATIVE_TOLERANCE * Math.max(Math.abs(a), Math.abs(b), ...scale.map(Math.abs), 1) * (1 + 1e-9);
}
/** a <= b within the same tolerance. */
function atMost(a: number, b: number, ...scale: number[]): boolean {
  return a <= b || agree(a, b, ...scale);
}
const moved = (p: PoolMetrics) => [p.creditsAvailable, p.creditsUsed];

/** Every boundary's pools by window index, with the pools the metrics leave out (nothing in them) as zeros. */
function rows(ledger: LedgerMetrics): Map<string, Array<PoolMetrics | undefined>> {
  const byKey = new Map<string, Array<PoolMetrics | undefined>>();
  for (const p of ledger.pools) {
    const row = byKey.get(p.boundaryKey) ?? ledger.windows.map(() => undefined);
    row[p.window.index] = p;
    byKey.set(p.boundaryKey, row);
  }
  return byKey;
}

const withLedger = declarationArb();

describe('property 1: no credits are used beyond those available unless an overdraft is reported', () => {
  it('per pool: used <= carried in + earned, or the pool reports overdraft = used - (carried in + earned) > 0', () => {
    fc.assert(
      fc.property(withLedger, (d) => {
        for (const p of ledgerOf(d).pools) {
          const available = p.creditsCarriedIn + p.creditsWithStock + p.creditsEarned;
          expect(agree(p.creditsAvailable, available, ...moved(p))).toBe(true);
          if (p.overdraft === 0) {
            // docs/books.md section 6: used beyond available by at most 1e-6 of the larger is no overdraft.
            expect(p.creditsUsed - available).toBeLessThanOrEqual(RELATIVE_TOLERANCE * Math.max(p.creditsUsed, available) * (1 + 1e-9));
            expect(atMost(0, p.closingBalance, ...moved(p))).toBe(true);
          } else {
            expect(p.overdraft).toBeGreaterThan(0);
            expect(p.creditsUsed).toBeGreaterThan(available);
            expect(agree(p.overdraft, p.creditsUsed - available, ...moved(p))).toBe(true);
            expect(agree(p.closingBalance, -p.overdraft, ...moved(p))).toBe(true);
          }
        }
      }),
      { numRuns: RUNS.cheap * 2 },
    );
  });

  it('in the totals: used + expired + forfeited <= earned unless a pool is overdrawn; balance sums the pools', () => {
    fc.assert(
      fc.property(withLedger, (d) => {
        const ledger = ledgerOf(d);
        const { totals, balance, pools } = ledger;
        const overdrawn = pools.filter((p) => p.overdraft > 0);
        expect(balance.poolsOverdrawn).toBe(overdrawn.length);
        expect(agree(balance.overdraft, overdrawn.reduce((s, p) => s + p.overdraft, 0))).toBe(true);
        expect(balance.overdraft > 0).toBe(balance.poolsOverdrawn > 0);
        // Each pool may be short by its noise allowance; over the ledger they add up.
        const noise = RELATIVE_TOLERANCE * pools.reduce((s, p) => s + Math.max(p.creditsUsed, 1), 0);
        if (balance.poolsOverdrawn === 0) {
          expect(totals.creditsUsed + totals.creditsExpired + totals.creditsForfeited).toBeLessThanOrEqual(totals.creditsEarned + noise + RELATIVE_TOLERANCE * totals.creditsEarned);
        }
        if (totals.creditsUsed > totals.creditsEarned + noise + RELATIVE_TOLERANCE * totals.creditsEarned) {
          expect(balance.poolsOverdrawn).toBeGreaterThan(0);
          expect(balance.overdraft).toBeGreaterThan(0);
          // What was used beyond everything earned is overdrawn somewhere.
          expect(atMost(totals.creditsUsed - totals.creditsEarned, balance.overdraft, totals.creditsUsed)).toBe(true);
        }
        // An overdrawn pool went below zero on its way to the close.
        expect(balance.poolsWithNegativeRunningBalance).toBeGreaterThanOrEqual(balance.poolsOverdrawn);
        if (balance.worstOverdraft) expect(balance.worstOverdraft.overdraft).toBe(Math.max(...overdrawn.map((p) => p.overdraft)));
        else expect(balance.poolsOverdrawn).toBe(0);
      }),
      { numRuns: RUNS.cheap * 2 },
    );
  });

  it('earned and used are the DOMAIN.md sums over the ledger lines, with B declared or the highest input factor', () => {
    fc.assert(
      fc.property(withLedger, (d) => {
        const ledger = ledgerOf(d);
        const l = d.ledger!;
        const B = l.baselineEmissionFactor ?? Math.max(...l.inputs.map((i) => i.emissionFactor));
        expect(ledger.baseline.emissionFactor).toBe(B);
        const earned = l.inputs.reduce((s, i) => s + i.quantity * Math.max(0, B - i.emissionFactor), 0);
        const used = l.outputs.reduce((s, o) => s + o.quantity * Math.max(0, B - o.emissionFactor), 0);
        expect(agree(ledger.totals.creditsEarned, earned)).toBe(true);
        expect(agree(ledger.totals.creditsUsed, used)).toBe(true);
        expect(agree(ledger.pools.reduce((s, p) => s + p.creditsEarned, 0), earned)).toBe(true);
        expect(agree(ledger.outputs.reduce((s, o) => s + o.creditsUsed, 0), used)).toBe(true);
        for (const p of ledger.pools) {
          for (const k of ['creditsCarriedIn', 'creditsEarned', 'creditsUsed', 'creditsExpired', 'creditsForfeited', 'overdraft'] as const) expect(p[k]).toBeGreaterThanOrEqual(0);
          const usedHere = ledger.outputs.filter((o) => o.pool === p.id).reduce((s, o) => s + o.creditsUsed, 0);
          expect(agree(p.creditsUsed, usedHere, ...moved(p))).toBe(true);
        }
      }),
      { numRuns: RUNS.cheap },
    );
  });

  it('each window reconciles: closing = carried in + earned - used; what it leaves is carried in (or expires) next', () => {
    fc.assert(
      fc.property(withLedger, (d) => {
        const ledger = ledgerOf(d);
        const carry = d.method.temporalBoundary.carryOver;
        const allowed = carry?.allowed ?? false;
        const maxPeriods = allowed ? carry?.maxPeriods ?? Infinity : 0;
        for (const [, row] of rows(ledger)) {
          row.forEach((p, k) => {
            if (!p) return;
            expect(agree(p.closingBalance, p.creditsAvailable - p.creditsUsed, ...moved(p))).toBe(true);
            // The running balance starts at what came in (carried and with the stock) and ends at the close.
            expect(atMost(p.lowestRunningBalance, Math.min(p.creditsCarriedIn + p.creditsWithStock, Math.max(0, p.closingBalance)), ...moved(p))).toBe(true);
            if (!allowed) {
              expect(p.creditsCarriedIn).toBe(0);
              expect(p.creditsExpired).toBe(0);
              expect(p.creditsCarriedOut).toBe(0);
            } else {
              expect(p.creditsForfeited).toBe(0);
            }
            // What is left at the close goes with the stock (at most its share), then carries over or is forfeited.
            expect(agree(p.creditsToStock + p.creditsCarriedOut + p.creditsForfeited, Math.max(0, p.closingBalance), ...moved(p))).toBe(true);
            const share = p.averageEmissionFactor === null ? 0 : p.stockCarriedOut * Math.max(0, ledger.baseline.emissionFactor - p.averageEmissionFactor);
            expect(atMost(p.creditsToStock, share, ...moved(p))).toBe(true);
            // Carried credits are at most those earned in the windows before (or handed to the stock since).
            const earnedBefore = row.slice(0, k).reduce((s, q) => s + (q?.creditsEarned ?? 0), 0);
            expect(atMost(p.creditsCarriedIn + p.creditsWithStock, earnedBefore, ...moved(p))).toBe(true);
            // What the previous window handed on arrives: carried (or expired at the start) and with the stock.
            const previous = k > 0 ? row[k - 1] : undefined;
            const handed = previous ? previous.creditsCarriedOut + previous.creditsToStock : 0;
            expect(agree(p.creditsCarriedIn + p.creditsExpired + p.creditsWithStock, handed, ...moved(p), ...(previous ? moved(previous) : []))).toBe(true);
            if (maxPeriods === Infinity) expect(p.creditsExpired).toBe(0);
          });
        }
      }),
      { numRuns: RUNS.cheap * 2 },
    );
  });

  it('without carry-over, no window uses more than it earns unless it reports an overdraft', () => {
    fc.assert(
      fc.property(
        declarationArb().map((d) => ({ ...d, method: { ...d.method, temporalBoundary: { ...d.method.temporalBoundary, carryOver: { allowed: false } } } })),
        (d) => {
          for (const p of ledgerOf(d).pools) {
            if (!agreeBooks(p.creditsUsed, p.creditsAvailable) && p.creditsUsed > p.creditsAvailable) expect(p.overdraft).toBeGreaterThan(0);
            else expect(p.overdraft).toBe(0);
          }
        },
      ),
      { numRuns: RUNS.cheap },
    );
  });
});
