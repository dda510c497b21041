// Balancing windows at the edges of the calendar the schema admits: years 0001 to 9999 (Date maps years 0-99
// onto 1900-1999 and writes years past 9999 with a sign, which once made these an internal error).
import { describe, expect, it } from 'vitest';
import { checkSource } from '../../src/check.js';
import { sourceFromText } from '../../src/declaration/source.js';
import { addMonths, balancingWindows } from '../../src/metrics/windows.js';

describe('balancing windows at the edges of the calendar', () => {
  it('a period ending 9999-12-31 has its last window end there, and nothing after it', () => {
    expect(balancingWindows({ start: '9999-07-01', end: '9999-12-31' }, 'P3M')).toEqual([
      { index: 0, start: '9999-07-01', end: '9999-09-30' },
      { index: 1, start: '9999-10-01', end: '9999-12-31' },
    ]);
    expect(balancingWindows({ start: '9999-12-31', end: '9999-12-31' }, 'P1M')).toEqual([{ index: 0, start: '9999-12-31', end: '9999-12-31' }]);
  });

  it('years 0001 to 0099 are those years, not 1901 to 1999', () => {
    expect(addMonths('0001-01-31', 1)).toBe('0001-02-28');
    expect(addMonths('0004-01-31', 1)).toBe('0004-02-29');
    expect(addMonths('0099-12-15', 1)).toBe('0100-01-15');
    const windows = balancingWindows({ start: '0001-01-01', end: '0099-12-31' }, 'P1Y');
    expect(windows).toHaveLength(99);
    expect(windows[98]).toEqual({ index: 98, start: '0099-01-01', end: '0099-12-31' });
  });

  it('a declaration in those years is judged, not an internal error', async () => {
    const cases: Array<[string, string, string, string]> = [
      ['9999-10-01', '9999-12-31', '9999-10-05', '9999-12-31'],
      ['0001-01-01', '0099-12-31', '0001-01-05', '0099-06-30'],
    ];
    for (const [start, end, inputDate, outputDate] of cases) {
      const declaration = {
        schemaVersion: '1',
        id: 'calendar-edge',
        title: 'Calendar edge',
        organization: { name: 'Edge Steel', country: 'DE' },
        sector: 'steel',
        commodity: 'crude-steel',
        period: { start, end },
        method: {
          inputBoundary: { control: 'none' },
          temporalBoundary: { balancingPeriod: 'P1M', carryOver: { allowed: true } },
          transferBoundary: { level: 'site', sites: [{ id: 's1', country: 'DE' }] },
          allocation: { basis: 'physical' },
          attribution: { model: 'rolling-average-percentage', proportional: true },
          stacking: { allowed: false },
          reporting: { instrument: 'emission-factor' },
        },
        ledger: {
          unit: 't',
          inputs: [{ id: 'in-1', date: inputDate, site: 's1', material: 'slab', quantity: 10, emissionFactor: 2 }],
          outputs: [{ id: 'out-1', date: outputDate, site: 's1', quantity: 10, emissionFactor: 2 }],
        },
      };
      const result = await checkSource(sourceFromText('edge.json', JSON.stringify(declaration)), { asOf: '2026-11-29' });
      expect(result.error).toBeUndefined();
      expect(result.valid).toBe(true);
      // The 10 t stay in stock from the input's month to the output's: judged against that stock, at its average.
      const last = result.metrics!.ledger!.pools.at(-1)!;
      expect(last).toMatchObject({ window: { end: outputDate.slice(0, 8) + last.window.end.slice(8) }, stockCarriedIn: 10, averageEmissionFactor: 2, proportional: true });
      const ledgerRules = ['iso-22095-2/rolling-average-proportional', 'iso-22095-2/no-overdraft', 'iso-22095-2/output-within-input', 'integrity/no-stacked-attribution', 'integrity/no-stacking-by-volume', 'ghg-protocol/attributed-emissions-add-up'];
      const outcomes = Object.fromEntries(result.findings!.filter((f) => ledgerRules.includes(f.ruleId)).map((f) => [f.ruleId, f.outcome]));
      expect(outcomes).toEqual(Object.fromEntries(ledgerRules.map((id) => [id, 'pass'])));
    }
  });
});
