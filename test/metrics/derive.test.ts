// The arithmetic of DOMAIN.md section 3, on ledgers small enough to work out by hand.
import { describe, expect, it } from 'vitest';
import { deriveMetrics } from '../../src/metrics/derive.js';
import { addMonths, balancingWindows } from '../../src/metrics/windows.js';
import { input, output, withLedger, declaration } from '../helpers.js';

const ledgerOf = (d: Parameters<typeof deriveMetrics>[0]) => deriveMetrics(d).ledger!;

describe('balancing windows', () => {
  it('step by the balancing period from period.start, the last one ending with the period', () => {
    expect(balancingWindows({ start: '2026-01-01', end: '2026-12-31' }, 'P3M').map((w) => [w.start, w.end])).toEqual([
      ['2026-01-01', '2026-03-31'],
      ['2026-04-01', '2026-06-30'],
      ['2026-07-01', '2026-09-30'],
      ['2026-10-01', '2026-12-31'],
    ]);
    expect(balancingWindows({ start: '2026-02-01', end: '2026-05-15' }, 'P1M').at(-1)).toEqual({ index: 3, start: '2026-05-01', end: '2026-05-15' });
    expect(balancingWindows({ start: '2026-01-01', end: '2027-12-31' }, 'P1Y')).toHaveLength(2);
  });
  it('without a balancing period the whole period is one window', () => {
    expect(balancingWindows({ start: '2026-01-01', end: '2026-12-31' }, undefined)).toEqual([{ index: 0, start: '2026-01-01', end: '2026-12-31' }]);
  });
  it('keep the last day of a month when the day does not exist', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2026-11-15', 3)).toBe('2027-02-15');
  });
});

describe('one pool, credit method', () => {
  // 900 t at 2.1 and 100 t at 0.7; B = 2.1. Q = 1000, E = 1890 + 70 = 1960, average 1.96, lowest 0.7.
  // Credits earned 100 x 1.4 = 140; 100 t out at 0.7 uses 140, 900 t at 2.1 uses 0.
  const m = ledgerOf(withLedger(
    [input('2026-01-05', 900, 2.1), input('2026-01-10', 100, 0.7)],
    [output('2026-02-01', 100, 0.7), output('2026-02-15', 900, 2.1)],
  ));
  const pool = m.pools[0]!;

  it('sums the physical figures', () => {
    expect(m.pools).toHaveLength(1);
    expect(pool).toMatchObject({ id: 's1@2026-01-01', inputMass: 1000, inputEmissions: 1960, averageEmissionFactor: 1.96, lowestInputEmissionFactor: 0.7, outputMass: 1000, attributedEmissions: 1960 });
    expect(pool.unattributedEmissions).toBeCloseTo(0, 9);
  });
  it('keeps the credit books', () => {
    expect(pool).toMatchObject({ creditsEarned: 140, creditsUsed: 140, closingBalance: 0, overdraft: 0, creditsCarriedIn: 0 });
    expect(m.balance.poolsOverdrawn).toBe(0);
  });
  it('sees non-proportional attribution without stacking', () => {
    expect(pool.proportional).toBe(false);
    expect(m.proportionality.outputsOffAverage).toBe(2);
    expect(m.stacking.count).toBe(0);
  });
  it('states the claimed reduction against the baseline and the pool average', () => {
    const lowCarbon = m.outputs.find((o) => o.emissionFactor === 0.7)!;
    expect(lowCarbon.reductionVsBaselinePercent).toBeCloseTo((100 * 1.4) / 2.1, 9); // 66.67
    expect(lowCarbon.reductionVsPoolAveragePercent).toBeCloseTo((100 * 1.26) / 1.96, 9); // 64.29
    expect(m.claim.claimedOutputs).toBe(1);
    expect(m.totals.lowCarbonInputShare).toBe(0.1);
    expect(m.totals.claimedLowCarbonOutputShare).toBe(0.1);
  });
});

describe('stacking', () => {
  it('finds an output below the lowest input, with its stacking factor', () => {
    // B = 2.2, every input at 1.8: one output at 0.0 carries (2.2 - 0) / (2.2 - 1.8) = 5.5 inputs' worth.
    const m = ledgerOf(withLedger([input('2026-01-05', 1000, 1.8)], [output('2026-02-01', 150, 0), output('2026-02-02', 850, 2.2)], {
      ledger: { unit: 't', baselineEmissionFactor: 2.2, inputs: [input('2026-01-05', 1, 2.2)], outputs: [] },
    }));
    expect(m.stacking.count).toBe(1);
    expect(m.stacking.worst).toMatchObject({ emissionFactor: 0, lowestInputEmissionFactor: 1.8, stackingFactor: 5.5 });
  });
  it('a proportional pool never reports stacking', () => {
    const m = ledgerOf(withLedger([input('2026-01-05', 500, 2.1), input('2026-01-06', 500, 1.5)], [output('2026-02-01', 1000, 1.8)]));
    expect(m.stacking.count).toBe(0);
    expect(m.proportionality.allProportional).toBe(true);
  });
});

describe('carry-over and expiry', () => {
  // Q1 earns 140 and uses none. Credits may be carried 1 window.
  const q1 = [input('2026-01-05', 900, 2.1), input('2026-01-10', 100, 0.7)];
  it('uses carried credits within maxPeriods', () => {
    const m = ledgerOf(withLedger(q1, [output('2026-02-01', 1000, 2.1), output('2026-04-10', 100, 0.7)]));
    const q2 = m.pools.find((p) => p.window.start === '2026-04-01')!;
    expect(q2).toMatchObject({ creditsCarriedIn: 140, creditsUsed: 140, closingBalance: 0, overdraft: 0 });
    expect(m.balance.creditsBeyondCarryOverRules).toBe(0);
  });
  it('expires credits after maxPeriods windows and shows what relied on them', () => {
    const m = ledgerOf(withLedger(q1, [output('2026-02-01', 1000, 2.1), output('2026-07-10', 100, 0.7)]));
    const q3 = m.pools.find((p) => p.window.start === '2026-07-01')!;
    expect(q3).toMatchObject({ creditsExpired: 140, creditsCarriedIn: 0, creditsUsed: 140, closingBalance: -140, overdraft: 140 });
    expect(m.balance.overdraft).toBe(140);
    expect(m.balance.creditsBeyondCarryOverRules).toBe(140);
    expect(m.totals.creditsExpired).toBe(140);
  });
  it('forfeits unused credits where carry-over is not allowed', () => {
    const d = withLedger(q1, [output('2026-02-01', 1000, 2.1), output('2026-04-10', 100, 0.7)]);
    d.method.temporalBoundary.carryOver = { allowed: false };
    const m = ledgerOf(d);
    expect(m.pools[0]!.creditsForfeited).toBe(140);
    expect(m.balance.overdraft).toBe(140);
    expect(m.balance.creditsBeyondCarryOverRules).toBe(140);
  });
});

describe('running balance and overdraft', () => {
  it('dips below zero when an output uses credits before the input that earns them', () => {
    const m = ledgerOf(withLedger([input('2026-02-10', 900, 2.1), input('2026-02-10', 100, 0.7)], [output('2026-02-01', 100, 0.7), output('2026-02-15', 900, 2.1)]));
    expect(m.balance.worstRunningBalance).toEqual({ pool: 's1@2026-01-01', balance: -140, date: '2026-02-01' });
    expect(m.balance.poolsOverdrawn).toBe(0);
  });
  it('on one day, inputs count before outputs', () => {
    const m = ledgerOf(withLedger([input('2026-02-01', 100, 0.7)], [output('2026-02-01', 100, 0.7)]));
    expect(m.balance.poolsWithNegativeRunningBalance).toBe(0);
  });
  it('reports the overdraft in tCO2e when more credits are used than earned', () => {
    // Earned 100 x 1.4 = 140; used 150 x 1.4 = 210: overdraft 70.
    const m = ledgerOf(withLedger([input('2026-01-05', 900, 2.1), input('2026-01-10', 100, 0.7)], [output('2026-02-01', 150, 0.7), output('2026-02-15', 850, 2.1)]));
    expect(m.balance).toMatchObject({ poolsOverdrawn: 1, overdraft: 70 });
    expect(m.balance.worstOverdraft).toMatchObject({ creditsAvailable: 140, creditsUsed: 210, overdraft: 70 });
    expect(m.emissionsUnit).toBe('tCO2e');
  });
});

describe('mass balance and stock', () => {
  it('carries physical stock to the next window and flags output beyond input plus stock', () => {
    // Q1: 1000 in, 800 out -> 200 in stock. Q2: 100 in, 350 out -> 50 beyond 100 + 200.
    const m = ledgerOf(withLedger([input('2026-01-05', 1000, 2.1), input('2026-04-05', 100, 2.1)], [output('2026-02-01', 800, 2.1), output('2026-05-01', 350, 2.1)]));
    const q2 = m.pools.find((p) => p.window.start === '2026-04-01')!;
    expect(q2).toMatchObject({ stockCarriedIn: 200, massExcess: 50 });
    expect(m.massBalance).toMatchObject({ poolsExceeding: 1, worst: { excess: 50 } });
  });
});

describe('baseline', () => {
  it('defaults to the highest input factor', () => {
    const d = withLedger([input('2026-01-05', 10, 2.3), input('2026-01-06', 10, 1.0)], []);
    delete d.ledger!.baselineEmissionFactor;
    const m = ledgerOf(d);
    expect(m.baseline).toEqual({ emissionFactor: 2.3, basis: null, declared: false });
    expect(m.totals.creditsEarned).toBe(13);
  });
});

describe('allocation between product groups', () => {
  it('compares each group share of attributed emissions with its allocation share', () => {
    // a: 100 t at 0.7 = 70; b: 100 t at 2.1 = 210; total 280 -> a 25%, b 75% against 50/50.
    const d = withLedger([input('2026-01-05', 100, 2.1), input('2026-01-05', 100, 0.7)], [output('2026-02-01', 100, 0.7, { productGroup: 'a' }), output('2026-02-01', 100, 2.1, { productGroup: 'b' })]);
    d.method.allocation.productGroups = [{ id: 'a', share: 0.5 }, { id: 'b', share: 0.5 }];
    const m = ledgerOf(d);
    expect(m.allocation.groups.map((g) => [g.id, g.emissionsShare, g.deviation])).toEqual([['a', 0.25, -0.25], ['b', 0.75, 0.25]]);
    expect(m.allocation.proportional).toBe(false);
    expect(m.allocation.summary).toBe('a: 25.00% of emissions against a share of 50.00%; b: 75.00% of emissions against a share of 50.00%');
  });
});

describe('cross-site transfer in multi-site pools', () => {
  const multi = (connected: boolean) => {
    const d = withLedger([input('2026-01-05', 100, 0.7, { site: 's1' }), input('2026-01-05', 900, 2.1, { site: 's2' })], [output('2026-02-01', 100, 0.7, { site: 's2' }), output('2026-02-01', 900, 2.1, { site: 's1' })]);
    d.method.transferBoundary = { level: 'multi-site', sites: [{ id: 's1', country: 'DE', connectedTo: connected ? ['s2'] : [] }, { id: 's2', country: 'ES' }] };
    return ledgerOf(d);
  };
  it('counts credits used at a site beyond those earned there', () => {
    const m = multi(false);
    expect(m.pools[0]!.id).toBe('all@2026-01-01');
    expect(m.crossSite).toMatchObject({ multiSite: true, creditsUsed: 140, creditsTransferred: 140, transferShare: 1, creditsTransferredWithoutPhysicalLink: 140 });
  });
  it('does not count a transfer along a declared physical link as unlinked', () => {
    expect(multi(true).crossSite).toMatchObject({ creditsTransferred: 140, creditsTransferredWithoutPhysicalLink: 0 });
  });
});

describe('pools by transfer boundary', () => {
  it('keys pools by batch at batch level', () => {
    const d = withLedger([input('2026-01-05', 10, 2.1, { batch: 'b1' }), input('2026-01-05', 10, 0.7, { batch: 'b2' })], [output('2026-02-01', 10, 2.1, { batch: 'b1' }), output('2026-02-01', 10, 0.7, { batch: 'b2' })]);
    d.method.transferBoundary.level = 'batch';
    expect(ledgerOf(d).pools.map((p) => [p.id, p.averageEmissionFactor])).toEqual([['b1@2026-01-01', 2.1], ['b2@2026-01-01', 0.7]]);
  });
  it('keys pools by site at site level', () => {
    const m = ledgerOf(withLedger([input('2026-01-05', 10, 2.1, { site: 's1' }), input('2026-01-05', 10, 0.7, { site: 's2' })], []));
    expect(m.pools.filter((p) => p.inputs > 0).map((p) => p.id)).toEqual(['s1@2026-01-01', 's2@2026-01-01']);
    // s2's 10 t at 0.7 earns 14 tCO2e against B = 2.1 and nothing leaves: the 10 t stay in stock at 0.7 and take
    // their own share of the reductions, 10 x (2.1 - 0.7) = 14, which travels with them and never expires.
    expect(m.pools.filter((p) => p.boundaryKey === 's2').map((p) => [p.window.start, p.stockCarriedIn, p.creditsWithStock, p.creditsCarriedIn, p.creditsExpired])).toEqual([
      ['2026-01-01', 0, 0, 0, 0], ['2026-04-01', 10, 14, 0, 0], ['2026-07-01', 10, 14, 0, 0], ['2026-10-01', 10, 14, 0, 0],
    ]);
  });
});

describe('declarations without a ledger', () => {
  it('derive only the declared figures', () => {
    const d = declaration();
    delete d.ledger;
    const m = deriveMetrics(d);
    expect(m.hasLedger).toBe(false);
    expect(m.ledger).toBeNull();
    expect(m.connectivity).toMatchObject({ level: 'site', sites: 2, connected: false });
  });
});

describe('windows without inputs', () => {
  it('judge their outputs against the stock carried in', () => {
    // January: 900 t at 2.1 and 100 t at 0.7 (average 1.96), nothing out: all 1000 t go to stock at 1.96, with
    // their share of the reductions, 1000 x (2.1 - 1.96) = 140, as a lot of origin factor 1.96. February has no
    // inputs: its outputs are judged against the stock, which entered at its blended 1.96, never at the 0.7 of
    // the lowest input that went into it.
    const d = withLedger([input('2026-01-05', 900, 2.1), input('2026-01-10', 100, 0.7)], [output('2026-02-01', 100, 0), output('2026-02-02', 900, 2.1)]);
    d.method.temporalBoundary.balancingPeriod = 'P1M';
    const m = ledgerOf(d);
    const feb = m.pools.find((p) => p.window.start === '2026-02-01')!;
    expect(feb).toMatchObject({ inputs: 0, stockCarriedIn: 1000, stockEmissionFactor: 1.96, averageEmissionFactor: 1.96, lowestInputEmissionFactor: 1.96, creditsWithStock: 140, massExcess: 0 });
    expect(m.stacking.count).toBe(1);
    expect(m.proportionality.outputsOffAverage).toBe(2);
  });
});

describe('cross-site transfer and carry-over', () => {
  it('does not count a site using its own carried credits as a transfer', () => {
    const d = withLedger([input('2026-01-05', 100, 0.7, { site: 's1' })], [output('2026-04-05', 100, 0.7, { site: 's1' })]);
    d.method.transferBoundary = { level: 'multi-site', sites: [{ id: 's1', country: 'DE' }, { id: 's2', country: 'DE' }] };
    expect(ledgerOf(d).crossSite).toMatchObject({ creditsTransferred: 0, creditsTransferredWithoutPhysicalLink: 0 });
  });
});

describe('the per-output table', () => {
  // Two pools (Q1 and Q2 windows of one site), outputs given out of date order.
  const d = withLedger(
    [input('2026-01-05', 900, 2.1), input('2026-01-10', 100, 0.7), input('2026-04-02', 500, 1.5)],
    [output('2026-04-20', 300, 1.5), output('2026-02-01', 100, 0.7), output('2026-02-15', 900, 2.1)],
  );

  it('is computed when first read, then kept, and serialises in its place among the figures', () => {
    const m = ledgerOf(d);
    const descriptor = Object.getOwnPropertyDescriptor(m, 'outputs')!;
    expect(descriptor.get).toBeTypeOf('function');
    expect(descriptor.enumerable).toBe(true);
    const first = m.outputs;
    expect(m.outputs).toBe(first);
    expect(Object.getOwnPropertyDescriptor(m, 'outputs')!.value).toBe(first);
    const keys = Object.keys(JSON.parse(JSON.stringify(ledgerOf(d))));
    expect(keys.indexOf('outputs')).toBe(keys.indexOf('pools') + 1);
    const replaced = ledgerOf(d);
    replaced.outputs = [];
    expect(replaced.outputs).toEqual([]);
  });

  it('lists every output once, pool by pool, with the figures the totals were computed from', () => {
    const m = ledgerOf(d);
    expect(m.outputs.map((o) => [o.pool, o.quantity])).toEqual(
      m.pools.flatMap((p) => m.outputs.filter((o) => o.pool === p.id).map((o) => [p.id, o.quantity])),
    );
    expect(m.outputs).toHaveLength(3);
    expect(m.outputs.filter((o) => o.claimed).length).toBe(m.claim.claimedOutputs);
    expect(m.outputs.filter((o) => o.atPoolAverage === false).length).toBe(m.proportionality.outputsOffAverage);
    const claimedMass = m.outputs.filter((o) => o.claimed).reduce((total, o) => total + o.quantity, 0);
    expect(m.totals.claimedOutputMass).toBe(claimedMass);
    expect(m.claim.supportedReductionPercent).toBe(Math.min(...m.outputs.filter((o) => o.claimed).map((o) => o.reductionVsBaselinePercent!)));
  });
});
