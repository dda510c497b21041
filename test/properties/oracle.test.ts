// The books against the oracle: every pool figure, every count a rule reads, and every verdict of the rules that
// read the ledger, on random ledgers with stock, carry-over, several sites and windows. The oracle
// (test/oracle/books.ts) is an exact-rational implementation of docs/books.md written apart from src/metrics.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkSource } from '../../src/check.js';
import { sourceFromText } from '../../src/declaration/source.js';
import type { Declaration } from '../../src/generated/declaration.js';
import { deriveMetrics } from '../../src/metrics/derive.js';
import type { LedgerMetrics, PoolMetrics } from '../../src/metrics/types.js';
import { oracleBooks, type OracleBooks, type OraclePool } from '../oracle/books.js';
import type { Fraction } from '../oracle/fraction.js';
import { AS_OF, declarationArb, RUNS } from './arbitraries.js';

/** The real books in floating point against the oracle's exact figure: agree to 1e-9 of the larger of them and of the pool's scale. */
function close(real: number | null, exact: Fraction | null, scale: number): boolean {
  if (exact === null || real === null) return exact === null && real === null;
  const e = exact.toNumber();
  return Math.abs(real - e) <= 1e-9 * Math.max(Math.abs(real), Math.abs(e), scale);
}

const POOL_FIGURES: Array<[keyof PoolMetrics, keyof OraclePool]> = [
  ['inputMass', 'inputMass'],
  ['inputEmissions', 'inputEmissions'],
  ['stockCarriedIn', 'stockCarriedIn'],
  ['stockEmissionFactor', 'stockEmissionFactor'],
  ['mass', 'mass'],
  ['emissions', 'emissions'],
  ['averageEmissionFactor', 'averageEmissionFactor'],
  ['lowestInputEmissionFactor', 'lowestEnteredEmissionFactor'],
  ['outputMass', 'outputMass'],
  ['attributedEmissions', 'attributedEmissions'],
  ['massExcess', 'massExcess'],
  ['stockCarriedOut', 'closingStock'],
  ['creditsCarriedIn', 'creditsCarriedIn'],
  ['creditsWithStock', 'creditsWithStock'],
  ['creditsEarned', 'creditsEarned'],
  ['creditsAvailable', 'creditsAvailable'],
  ['creditsUsed', 'creditsUsed'],
  ['creditsExpired', 'creditsExpired'],
  ['creditsForfeited', 'creditsForfeited'],
  ['creditsToStock', 'creditsToStock'],
  ['creditsCarriedOut', 'creditsCarriedOut'],
  ['overdraft', 'overdraft'],
  ['lowestRunningBalance', 'lowestRunningBalance'],
  ['creditsTransferred', 'creditsTransferred'],
  ['creditsTransferredWithoutPhysicalLink', 'creditsTransferredWithoutPhysicalLink'],
];

/** What differs between one real pool and the oracle's, as readable lines. */
function poolDifferences(real: PoolMetrics, exact: OraclePool, baseline: number, stackedIds: string[]): string[] {
  const out: string[] = [];
  const scale = Math.max(real.mass * Math.max(baseline, real.averageEmissionFactor ?? 0), real.creditsAvailable, real.creditsUsed, real.emissions, 1e-300);
  for (const [r, o] of POOL_FIGURES) {
    const value = real[r] as number | null;
    const expected = exact[o] as Fraction | null;
    if (!close(value, expected, scale)) out.push(`${real.id}.${r}: ${value} vs oracle ${expected?.toNumber() ?? null}`);
  }
  const same = (what: string, a: unknown, b: unknown) => {
    if (JSON.stringify(a) !== JSON.stringify(b)) out.push(`${real.id}.${what}: ${JSON.stringify(a)} vs oracle ${JSON.stringify(b)}`);
  };
  same('boundaryKey', real.boundaryKey, exact.unit);
  same('window', real.window.index, exact.windowIndex);
  same('negativeRunningBalance', real.lowestRunningBalanceDate !== null, exact.negativeRunningBalance);
  same('stackedOutputs', [...stackedIds].sort(), exact.stackedOutputs);
  same('volumeHolds', real.volumeHolds ?? true, exact.volumeHolds);
  same('proportional', real.proportional, exact.proportional);
  same('outputsOffAverage', real.outputsOffAverage, exact.outputsOffAverage.length);
  same('freeAttribution', real.freeAttribution, exact.freeAttribution);
  same('technologyChange', real.technologyChange, exact.technologyChange);
  return out;
}

function differences(ledger: LedgerMetrics, oracle: OracleBooks): string[] {
  const out: string[] = [];
  const ids = ledger.pools.map((p) => p.id);
  const oracleIds = oracle.pools.map((p) => p.id);
  if (JSON.stringify(ids) !== JSON.stringify(oracleIds)) return [`pools: ${JSON.stringify(ids)} vs oracle ${JSON.stringify(oracleIds)}`];
  const stackedByPool = new Map<string, string[]>();
  for (const s of ledger.stacking.outputs) stackedByPool.set(s.pool, [...(stackedByPool.get(s.pool) ?? []), s.outputId]);
  ledger.pools.forEach((p, k) => out.push(...poolDifferences(p, oracle.pools[k]!, ledger.baseline.emissionFactor, stackedByPool.get(p.id) ?? [])));
  const total = (what: string, real: number, exact: Fraction, scale: number) => {
    if (!close(real, exact, scale)) out.push(`totals.${what}: ${real} vs oracle ${exact.toNumber()}`);
  };
  const t = ledger.totals;
  const creditScale = Math.max(t.creditsEarned, t.creditsUsed, 1e-300);
  total('inputMass', t.inputMass, oracle.totals.inputMass, t.inputMass);
  total('outputMass', t.outputMass, oracle.totals.outputMass, t.outputMass);
  total('creditsEarned', t.creditsEarned, oracle.totals.creditsEarned, creditScale);
  total('creditsUsed', t.creditsUsed, oracle.totals.creditsUsed, creditScale);
  total('creditsExpired', t.creditsExpired, oracle.totals.creditsExpired, creditScale);
  total('creditsForfeited', t.creditsForfeited, oracle.totals.creditsForfeited, creditScale);
  total('overdraft', ledger.balance.overdraft, oracle.totals.overdraft, creditScale);
  total('creditsTransferred', ledger.crossSite.creditsTransferred, oracle.totals.creditsTransferred, creditScale);
  total('creditsTransferredWithoutPhysicalLink', ledger.crossSite.creditsTransferredWithoutPhysicalLink, oracle.totals.creditsTransferredWithoutPhysicalLink, creditScale);
  total('baselineAboveConventional.creditsCreated', ledger.technology.baselineAboveConventional.creditsCreated, oracle.technology.creditsFromBaselineAboveConventional, creditScale);
  const count = (what: string, real: unknown, exact: unknown) => {
    if (JSON.stringify(real) !== JSON.stringify(exact)) out.push(`${what}: ${JSON.stringify(real)} vs oracle ${JSON.stringify(exact)}`);
  };
  count('balance.poolsOverdrawn', ledger.balance.poolsOverdrawn, oracle.poolsOverdrawn);
  count('massBalance.poolsExceeding', ledger.massBalance.poolsExceeding, oracle.poolsExceedingMass);
  count('balance.poolsWithNegativeRunningBalance', ledger.balance.poolsWithNegativeRunningBalance, oracle.poolsWithNegativeRunningBalance);
  count('stacking.count', ledger.stacking.count, oracle.stackedOutputs.length);
  count('stacking.volume.poolsShort', ledger.stacking.volume.poolsShort, oracle.poolsShortByVolume);
  count('allocation.pools.notProportional', ledger.allocation.pools.notProportional, oracle.allocation.poolsNotProportional);
  count('allocation.declaredShares.agree', ledger.allocation.declaredShares?.agree ?? null, oracle.allocation.declaredSharesAgree);
  count('allocation.ungroupedOutputs', ledger.allocation.ungroupedOutputs, oracle.allocation.ungroupedOutputs.length);
  count('technology.poolsFreeWithoutChange', ledger.technology.poolsFreeWithoutChange, oracle.technology.poolsFreeWithoutChange);
  count('crossSite.sitesWithoutOwnReductions', ledger.crossSite.sitesWithoutOwnReductions, oracle.pools.reduce((n, p) => n + p.sitesWithoutOwnReductions.length, 0));
  count('claimed outputs', ledger.outputs.filter((o) => o.claimed).map((o) => o.id).sort(), oracle.claimedOutputs);
  return out;
}

/** The outcome each rule of the 1.1.0 rulesets that reads the books must have, from the oracle's figures alone. */
function expectedOutcomes(d: Declaration, oracle: OracleBooks): Record<string, 'pass' | 'fail' | 'not-applicable'> {
  const { method } = d;
  const fail = (failing: boolean) => (failing ? 'fail' : 'pass');
  const groups = (method.allocation.productGroups ?? []).length > 0;
  return {
    'integrity/no-stacked-attribution': fail(oracle.stackedOutputs.length > 0),
    'integrity/no-stacking-by-volume': fail(oracle.poolsShortByVolume > 0),
    'integrity/free-attribution-needs-technology-change': method.attribution.proportional === false ? fail(oracle.technology.poolsFreeWithoutChange > 0) : 'not-applicable',
    'integrity/baseline-not-above-conventional-route': fail(oracle.technology.creditsFromBaselineAboveConventional.sign() > 0),
    'integrity/no-transfer-without-physical-link': method.transferBoundary.level === 'multi-site' ? fail(oracle.totals.creditsTransferredWithoutPhysicalLink.sign() > 0) : 'not-applicable',
    'iso-22095-2/no-overdraft': fail(oracle.poolsOverdrawn > 0),
    'iso-22095-2/output-within-input': fail(oracle.poolsExceedingMass > 0),
    'iso-22095-2/no-negative-running-balance': method.temporalBoundary.negativeBalanceAllowed === true ? 'not-applicable' : fail(oracle.poolsWithNegativeRunningBalance > 0),
    'ghg-protocol/attributed-emissions-add-up': fail(oracle.poolsOverdrawn > 0),
    'ghg-protocol/proportional-allocation-between-groups': groups ? fail(oracle.allocation.poolsNotProportional > 0 || oracle.allocation.ungroupedOutputs.length > 0) : 'not-applicable',
  };
}

const RULESETS = ['integrity@1.1.0', 'iso-22095-2@1.1.0', 'ghg-protocol@1.1.0'];

describe('the books agree with the exact oracle', () => {
  it('every pool figure, count and list, on random ledgers', () => {
    fc.assert(
      fc.property(declarationArb(), (d) => {
        const ledger = deriveMetrics(d).ledger!;
        expect(differences(ledger, oracleBooks(d))).toEqual([]);
      }),
      { numRuns: RUNS.cheap * 3 },
    );
  });

  it('every verdict of the rules that read the books', async () => {
    await fc.assert(
      fc.asyncProperty(declarationArb(), async (d) => {
        const result = await checkSource(sourceFromText('oracle.json', JSON.stringify(d)), { asOf: AS_OF, rulesets: RULESETS });
        const expected = expectedOutcomes(d, oracleBooks(d));
        const actual = Object.fromEntries((result.findings ?? []).filter((f) => f.ruleId in expected).map((f) => [f.ruleId, f.outcome]));
        expect(actual).toEqual(expected);
      }),
      { numRuns: RUNS.check * 2 },
    );
  });
});
