// Generator drift: every declaration the property tests draw must be valid (schema and cross-field checks), and
// the draws must reach every method variant the properties claim to cover.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sourceFromText } from '../../src/declaration/source.js';
import { validateSource } from '../../src/declaration/validate.js';
import { deriveMetrics } from '../../src/metrics/derive.js';
import { declarationArb, proportionalDeclarationArb, RUNS } from './arbitraries.js';

describe('the generators', () => {
  it('draw only valid declarations (validateSource ok)', () => {
    fc.assert(
      fc.property(declarationArb({ withoutLedger: true }), (d) => {
        const outcome = validateSource(sourceFromText('generated.json', JSON.stringify(d)));
        expect(outcome.errors).toEqual([]);
        expect(outcome.valid).toBe(true);
      }),
      { numRuns: RUNS.cheap * 2 },
    );
  });

  it('draw valid proportional declarations whose ledger follows the method (every output at its pool average)', () => {
    fc.assert(
      fc.property(proportionalDeclarationArb, (d) => {
        expect(validateSource(sourceFromText('generated.json', JSON.stringify(d))).errors).toEqual([]);
        const ledger = deriveMetrics(d).ledger!;
        // The generator's own calendar and pools agree with the project's: no output is off its pool average.
        expect(ledger.proportionality.outputsOffAverage).toBe(0);
        if (ledger.outputs.length > 0) expect(ledger.proportionality.allProportional).toBe(true);
      }),
      { numRuns: RUNS.cheap },
    );
  });

  it('cover the method variants: attribution, balancing periods, carry-over, transfer levels, stacking', () => {
    const sample = fc.sample(declarationArb({ withoutLedger: true }), { numRuns: 400, seed: 42 });
    const seen = (f: (d: (typeof sample)[number]) => unknown) => new Set(sample.map((d) => JSON.stringify(f(d) ?? null)));
    expect(seen((d) => d.method.attribution)).toEqual(
      new Set(['{"model":"credit","proportional":false}', '{"model":"rolling-average-percentage","proportional":true}', '{"model":"credit","proportional":true}', '{"model":"rolling-average-percentage","proportional":false}']),
    );
    expect(seen((d) => d.method.temporalBoundary.balancingPeriod)).toEqual(new Set(['null', '"P1M"', '"P2M"', '"P3M"', '"P6M"', '"P12M"', '"P1Y"', '"P2Y"']));
    expect(seen((d) => d.method.temporalBoundary.carryOver?.allowed)).toEqual(new Set(['null', 'true', 'false']));
    expect(sample.some((d) => d.method.temporalBoundary.carryOver?.maxPeriods !== undefined)).toBe(true);
    expect(seen((d) => d.method.transferBoundary.level)).toEqual(new Set(['"batch"', '"process"', '"site"', '"multi-site"']));
    expect(seen((d) => d.method.stacking.allowed)).toEqual(new Set(['true', 'false']));
    expect(seen((d) => d.ledger === undefined)).toEqual(new Set(['true', 'false']));
    expect(sample.some((d) => (d.ledger?.outputs.length ?? 0) === 0)).toBe(true);
    expect(sample.some((d) => d.method.transferBoundary.sites!.some((s) => s.connectedTo))).toBe(true);
  });
});
