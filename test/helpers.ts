// Small declarations built in code for unit tests: a valid credit-method steel declaration to vary.
import type { Declaration, Ledger, LedgerInput, LedgerOutput } from '../src/generated/declaration.js';

let counter = 0;
export const input = (date: string, quantity: number, emissionFactor: number, extra: Partial<LedgerInput> = {}): LedgerInput => ({
  id: `in-${++counter}`, date, site: 's1', material: 'slab', quantity, emissionFactor, ...extra,
});
export const output = (date: string, quantity: number, emissionFactor: number, extra: Partial<LedgerOutput> = {}): LedgerOutput => ({
  id: `out-${++counter}`, date, site: 's1', quantity, emissionFactor, ...extra,
});

export function declaration(overrides: Partial<Declaration> = {}): Declaration {
  return {
    schemaVersion: '1',
    id: 'unit',
    title: 'Unit-test declaration',
    organization: { name: 'Unit Steel', country: 'DE' },
    sector: 'steel',
    commodity: 'crude-steel',
    period: { start: '2026-01-01', end: '2026-12-31' },
    method: {
      inputBoundary: { control: 'none' },
      temporalBoundary: { balancingPeriod: 'P3M', carryOver: { allowed: true, maxPeriods: 1 }, negativeBalanceAllowed: false },
      transferBoundary: { level: 'site', sites: [{ id: 's1', country: 'DE' }, { id: 's2', country: 'DE' }] },
      allocation: { basis: 'physical' },
      attribution: { model: 'credit', proportional: false },
      stacking: { allowed: false },
      reporting: { instrument: 'emission-factor' },
    },
    ledger: { unit: 't', baselineEmissionFactor: 2.1, inputs: [input('2026-01-05', 1, 2.1)], outputs: [] },
    ...overrides,
  };
}

export function withLedger(inputs: LedgerInput[], outputs: LedgerOutput[], overrides: Partial<Declaration> = {}): Declaration {
  const base = declaration(overrides);
  return { ...base, ledger: { ...base.ledger!, inputs: inputs as Ledger['inputs'], outputs } };
}
