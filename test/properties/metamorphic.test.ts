// Metamorphic properties of the books (DOMAIN.md section 3): the same material written down another way gets
// the same verdicts, and its figures scale exactly as the material does. Tonnes or kilograms, the ledger
// repeated k times, a line split in two, ids renamed: every finding's outcome is unchanged.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkSource } from '../../src/check.js';
import { sourceFromText } from '../../src/declaration/source.js';
import type { Declaration, LedgerInput, LedgerOutput } from '../../src/generated/declaration.js';
import { deriveMetrics } from '../../src/metrics/derive.js';
import type { CheckResult } from '../../src/result.js';
import { AS_OF, declarationArb, RUNS } from './arbitraries.js';

const check = (d: Declaration) => checkSource(sourceFromText('metamorphic.json', JSON.stringify(d)), { asOf: AS_OF });
const outcomes = (r: CheckResult) => Object.fromEntries((r.findings ?? []).map((f) => [f.ruleId, f.outcome]));

const withLedger = declarationArb().filter((d) => d.ledger !== undefined);

function mapLedger(d: Declaration, f: (ledger: NonNullable<Declaration['ledger']>) => NonNullable<Declaration['ledger']>): Declaration {
  return { ...d, ledger: f(d.ledger!) };
}

/** The same declaration in kilograms: every quantity times 1000 (factors are per tonne, equal per kilogram). */
function inKilograms(d: Declaration): Declaration {
  if (d.ledger!.unit === 'kg') return d;
  return mapLedger(d, (l) => ({
    ...l,
    unit: 'kg',
    inputs: l.inputs.map((i) => ({ ...i, quantity: i.quantity * 1000 })) as typeof l.inputs,
    // A certificate's quantity is emissions: kgCO2e in a ledger in kilograms.
    outputs: l.outputs.map((o) => ({ ...o, quantity: o.quantity * 1000, ...(o.certificateQuantity !== undefined ? { certificateQuantity: o.certificateQuantity * 1000 } : {}) })),
  }));
}

/** The ledger written k times, each copy's ids suffixed (copies sort next to their original). */
function repeated(d: Declaration, k: number): Declaration {
  const copy = <T extends { id: string; certificateId?: string }>(line: T, c: number): T =>
    c === 0 ? line : { ...line, id: `${line.id}.r${c}`, ...(line.certificateId ? { certificateId: `${line.certificateId}.r${c}` } : {}) };
  const copies = <T extends { id: string; certificateId?: string }>(lines: readonly T[]) => lines.flatMap((line) => Array.from({ length: k }, (_, c) => copy(line, c)));
  const outputIds = new Set(d.method.reporting.claim?.outputs ?? []);
  const claim = d.method.reporting.claim;
  const method =
    claim?.outputs !== undefined
      ? { ...d.method, reporting: { ...d.method.reporting, claim: { ...claim, outputs: [...outputIds].flatMap((id) => Array.from({ length: k }, (_, c) => (c === 0 ? id : `${id}.r${c}`))) as [string, ...string[]] } } }
      : d.method;
  return { ...mapLedger(d, (l) => ({ ...l, inputs: copies(l.inputs) as typeof l.inputs, outputs: copies(l.outputs) })), method };
}

/** One line split in two of the same date, site and factor (the second part's id sorts right after the first). */
function split<T extends LedgerInput | LedgerOutput>(lines: readonly T[], index: number, fraction: number): T[] {
  return lines.flatMap((line, k) => {
    if (k !== index) return [line];
    const first = Math.round(line.quantity * fraction * 1000) / 1000;
    if (first <= 0 || first >= line.quantity) return [line];
    // A certificate is an id too: each part of a split shipment carries its own, with its share of the quantity.
    const certified = 'certificateId' in line && line.certificateId;
    const quantity = 'certificateQuantity' in line ? line.certificateQuantity : undefined;
    const share = quantity === undefined ? {} : { certificateQuantity: (quantity * first) / line.quantity };
    const rest = quantity === undefined ? {} : { certificateQuantity: quantity - (quantity * first) / line.quantity };
    const certificate = certified ? { certificateId: `${line.certificateId}.1`, ...rest } : {};
    return [{ ...line, quantity: first, ...share }, { ...line, id: `${line.id}.1`, quantity: line.quantity - first, ...certificate }];
  });
}

/** Every id replaced by another of the same order (a prefix), so nothing depends on the names themselves. */
function renamed(d: Declaration): Declaration {
  const rename = (id: string) => `x${id}`;
  const claim = d.method.reporting.claim;
  const method = claim?.outputs ? { ...d.method, reporting: { ...d.method.reporting, claim: { ...claim, outputs: claim.outputs.map(rename) as [string, ...string[]] } } } : d.method;
  return {
    ...mapLedger(d, (l) => ({
      ...l,
      inputs: l.inputs.map((i) => ({ ...i, id: rename(i.id) })) as typeof l.inputs,
      outputs: l.outputs.map((o) => ({ ...o, id: rename(o.id) })),
    })),
    method,
  };
}

/** a = factor x b, to the books' tolerance. */
const scaled = (a: number, b: number, factor: number) => Math.abs(a - factor * b) <= 1e-6 * Math.max(Math.abs(a), Math.abs(factor * b), 1e-300);

describe('metamorphic properties: the same material written another way', () => {
  it('in kilograms instead of tonnes: the same verdicts, masses and credits x1000, factors unchanged', async () => {
    await fc.assert(
      fc.asyncProperty(withLedger.filter((d) => d.ledger!.unit === 't'), async (d) => {
        const kg = inKilograms(d);
        expect(outcomes(await check(kg))).toEqual(outcomes(await check(d)));
        const [t, k] = [deriveMetrics(d).ledger!, deriveMetrics(kg).ledger!];
        expect(k.emissionsUnit).toBe('kgCO2e');
        expect(scaled(k.totals.inputMass, t.totals.inputMass, 1000)).toBe(true);
        expect(scaled(k.totals.creditsEarned, t.totals.creditsEarned, 1000)).toBe(true);
        expect(scaled(k.totals.creditsUsed, t.totals.creditsUsed, 1000)).toBe(true);
        expect(scaled(k.balance.overdraft, t.balance.overdraft, 1000)).toBe(true);
        k.pools.forEach((p, i) => {
          expect(p.averageEmissionFactor === null ? t.pools[i]!.averageEmissionFactor === null : scaled(p.averageEmissionFactor, t.pools[i]!.averageEmissionFactor!, 1)).toBe(true);
          expect(scaled(p.creditsAvailable, t.pools[i]!.creditsAvailable, 1000)).toBe(true);
        });
      }),
      { numRuns: RUNS.check * 2 },
    );
  });

  it('the ledger repeated k times: the same verdicts, masses and credits x k', async () => {
    await fc.assert(
      fc.asyncProperty(withLedger, fc.integer({ min: 2, max: 5 }), async (d, k) => {
        const many = repeated(d, k);
        expect(outcomes(await check(many))).toEqual(outcomes(await check(d)));
        const [one, kx] = [deriveMetrics(d).ledger!, deriveMetrics(many).ledger!];
        expect(kx.pools.map((p) => p.id)).toEqual(one.pools.map((p) => p.id));
        expect(scaled(kx.totals.outputMass, one.totals.outputMass, k)).toBe(true);
        expect(scaled(kx.totals.creditsUsed, one.totals.creditsUsed, k)).toBe(true);
        expect(scaled(kx.stacking.volume.worst?.shortfall ?? 0, one.stacking.volume.worst?.shortfall ?? 0, k)).toBe(true);
      }),
      { numRuns: RUNS.check * 2 },
    );
  });

  it('a line split in two: the same verdicts and pool figures', async () => {
    await fc.assert(
      fc.asyncProperty(withLedger, fc.boolean(), fc.nat(), fc.double({ min: 0.05, max: 0.95, noNaN: true }), async (d, input, at, fraction) => {
        const lines = input ? d.ledger!.inputs : d.ledger!.outputs;
        if (lines.length === 0) return;
        const index = at % lines.length;
        const parted = mapLedger(d, (l) =>
          input ? { ...l, inputs: split(l.inputs, index, fraction) as typeof l.inputs } : { ...l, outputs: split(l.outputs, index, fraction) },
        );
        expect(outcomes(await check(parted))).toEqual(outcomes(await check(d)));
        const [whole, halves] = [deriveMetrics(d).ledger!, deriveMetrics(parted).ledger!];
        halves.pools.forEach((p, i) => {
          expect(scaled(p.creditsUsed, whole.pools[i]!.creditsUsed, 1)).toBe(true);
          expect(scaled(p.creditsAvailable, whole.pools[i]!.creditsAvailable, 1)).toBe(true);
        });
      }),
      { numRuns: RUNS.check * 2 },
    );
  });

  it('ids renamed: the same verdicts', async () => {
    await fc.assert(
      fc.asyncProperty(withLedger, async (d) => {
        expect(outcomes(await check(renamed(d)))).toEqual(outcomes(await check(d)));
      }),
      { numRuns: RUNS.check },
    );
  });
});
