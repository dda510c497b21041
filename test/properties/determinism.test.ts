// Property 3: results are identical across runs and do not depend on the order of the input. A ledger's lines,
// its sites and the keys of its objects come in whatever order an export wrote them; the same declaration must
// get the same result, to the last digit of every figure and the order of every list: only the declaration's
// sha256 changes, with its bytes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkSource } from '../../src/check.js';
import { sourceFromText } from '../../src/declaration/source.js';
import { deriveMetrics } from '../../src/metrics/derive.js';
import type { Declaration, Origin } from '../../src/generated/declaration.js';
import type { CheckResult } from '../../src/result.js';
import { AS_OF, buildDeclaration, declarationArb, earlyClaimsDeclarationArb, permutationArb, planArb, reverseKeys, RUNS } from './arbitraries.js';
import { differences, examplesOf, shuffled, type Shuffle } from './compare.js';

const check = (d: Declaration, reverse = false) => checkSource(sourceFromText('property.json', JSON.stringify(reverse ? reverseKeys(d) : d)), { asOf: AS_OF });

/**
 * A declaration (one in ten without a ledger; one in four with claimed outputs in pools holding no input) with a
 * reordering of its lines, sites and keys.
 */
const reorderedArb = fc.oneof({ weight: 3, arbitrary: declarationArb({ withoutLedger: true }) }, { weight: 1, arbitrary: earlyClaimsDeclarationArb }).chain((d) =>
  fc.record({
    d: fc.constant(d),
    shuffle: fc.record({
      inputs: permutationArb(d.ledger?.inputs.length ?? 0),
      outputs: permutationArb(d.ledger?.outputs.length ?? 0),
      sites: permutationArb(d.method.transferBoundary.sites?.length ?? 0),
      reverseKeys: fc.boolean(),
    }) as fc.Arbitrary<Shuffle>,
  }),
);

const outcomes = (r: CheckResult) => ({
  verdict: r.verdict,
  error: r.error,
  rulesets: r.rulesets,
  findings: r.findings?.map((f) => ({ ruleId: f.ruleId, level: f.level, outcome: f.outcome })),
});

/**
 * A full-reduction claim (reductionPercent 100) across sites: in the first months one site's pool holds an input at
 * 0 and another's holds no input at all, both with outputs at 0; the other sites' inputs come late in the period.
 * Which site a ledger mentions first decides the order in which the metrics meet the pools.
 */
const fullClaimAcrossSitesArb = fc
  .tuple(planArb({ maxInputs: 5, maxOutputs: 4 }).filter((p) => p.outputs.length > 0), fc.constantFrom('P1M', 'P2M', 'P3M'), fc.nat({ max: 27 }), fc.nat({ max: 27 }), fc.nat({ max: 27 }))
  .map(([p, balancingPeriod, zeroDay, outDay0, outDay1]) => {
    const siteCount = Math.max(2, p.siteCount);
    return buildDeclaration({
      ...p,
      level: 'site',
      siteCount,
      periodStart: '2026-01-01',
      periodDays: 180,
      lateInputs: false,
      temporal: { ...p.temporal, balancingPeriod },
      reporting: { ...p.reporting, claim: { ...p.reporting.claim, reductionPercent: 100 } },
      inputs: p.inputs.map((i, k) => (k === 0 ? { ...i, site: 0, day: zeroDay, factor: 0 } : { ...i, site: 1 + (i.site % (siteCount - 1)), day: 120 + (i.day % 60) })),
      outputs: [
        { ...p.outputs[0]!, ...{ anchor: null, site: 0, day: outDay0, kind: 'zero' as const } },
        { ...(p.outputs[1] ?? p.outputs[0]!), ...{ anchor: null, site: 1, day: outDay1, kind: 'zero' as const } },
        ...p.outputs.slice(2),
      ],
    });
  })
  .chain((d) =>
    fc.record({
      d: fc.constant(d),
      shuffle: fc.record({ inputs: permutationArb(d.ledger!.inputs.length), outputs: permutationArb(d.ledger!.outputs.length), sites: permutationArb(d.method.transferBoundary.sites!.length), reverseKeys: fc.constant(false) }),
    }),
  );

describe('property 3: results are identical across runs and across input order', () => {
  it('the same declaration checked twice gives deep-equal results (sha256 included)', async () => {
    await fc.assert(
      fc.asyncProperty(declarationArb({ withoutLedger: true }), async (d) => {
        const first = await check(d);
        const second = await check(structuredClone(d));
        expect(second).toStrictEqual(first);
        expect(first.valid).toBe(true);
        expect(deriveMetrics(d, { asOf: AS_OF })).toStrictEqual(first.metrics);
      }),
      { numRuns: RUNS.check },
    );
  });

  it('reordering lines, sites and keys changes no verdict, ruleset summary or finding outcome', async () => {
    await fc.assert(
      fc.asyncProperty(reorderedArb, async ({ d, shuffle }) => {
        const a = await check(d);
        const b = await check(shuffled(d, shuffle));
        expect(b.declaration.sha256 === a.declaration.sha256).toBe(!shuffle.reverseKeys && JSON.stringify(shuffled(d, shuffle)) === JSON.stringify(d));
        expect(differences(outcomes(b), outcomes(a))).toEqual([]);
      }),
      { numRuns: RUNS.check },
    );
  });

  it('... nor the verdict on a full-reduction claim whose claimed outputs sit in pools with and without a zero input', async () => {
    await fc.assert(
      fc.asyncProperty(fullClaimAcrossSitesArb, async ({ d, shuffle }) => {
        expect(differences(outcomes(await check(shuffled(d, shuffle))), outcomes(await check(d)))).toEqual([]);
      }),
      { numRuns: RUNS.check },
    );
  });

  it('reordering changes nothing in the result but the sha256 of the bytes: no figure, list order, example or message', async () => {
    const apartFromBytes = (r: CheckResult) => ({ ...JSON.parse(JSON.stringify(r)), declaration: { ...r.declaration, sha256: '(the bytes)' } });
    await fc.assert(
      fc.asyncProperty(reorderedArb, async ({ d, shuffle }) => {
        expect(differences(apartFromBytes(await check(shuffled(d, shuffle))), apartFromBytes(await check(d)))).toEqual([]);
      }),
      { numRuns: RUNS.check },
    );
  });

  it('reordering changes no figure (the metrics alone, searched wider)', () => {
    fc.assert(
      fc.property(reorderedArb, ({ d, shuffle }) => {
        const a = deriveMetrics(d);
        const b = deriveMetrics(shuffled(d, shuffle));
        expect(differences(JSON.parse(JSON.stringify(b)), JSON.parse(JSON.stringify(a)))).toEqual([]);
      }),
      // Cheap (two derivations a run), and order-dependent figures hide in rare shapes of ledger: search wide.
      { numRuns: RUNS.cheap * 5 },
    );
  });

  it('reordering changes none of the examples a result names (the worst overdraft, stacked output, claimed pool...)', () => {
    fc.assert(
      fc.property(reorderedArb, ({ d, shuffle }) => {
        expect(differences(examplesOf(deriveMetrics(shuffled(d, shuffle))), examplesOf(deriveMetrics(d)))).toEqual([]);
      }),
      { numRuns: RUNS.cheap * 2 },
    );
  });

  it('reordering changes the order of no list a message spells out (credits by site, duplicate certificate ids)', () => {
    fc.assert(
      fc.property(reorderedArb, ({ d, shuffle }) => {
        const lists = (m: ReturnType<typeof deriveMetrics>) => ({ sites: m.ledger?.crossSite.sites.map((s) => s.site), duplicateIds: m.ledger?.certificates.duplicateIds });
        expect(lists(deriveMetrics(shuffled(d, shuffle)))).toEqual(lists(deriveMetrics(d)));
      }),
      { numRuns: RUNS.cheap * 2 },
    );
  });

  it('reordering changes no finding message, evidence or failed condition', async () => {
    await fc.assert(
      fc.asyncProperty(reorderedArb, async ({ d, shuffle }) => {
        const a = await check(d);
        const b = await check(shuffled(d, shuffle));
        const said = (r: CheckResult) => (r.findings ?? []).map(({ ruleId, message, evidence, failedConditions }) => ({ ruleId, message, evidence, failedConditions }));
        expect(differences(said(b), said(a))).toEqual([]);
      }),
      { numRuns: RUNS.check },
    );
  });

  it('the "first input lacking" fields name the earliest such input, by date then id, whatever the order given', () => {
    fc.assert(
      fc.property(reorderedArb, ({ d, shuffle }) => {
        const s = shuffled(d, shuffle);
        const origin = deriveMetrics(s).ledger?.origin;
        const inputs = s.ledger && [...s.ledger.inputs].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.id < b.id ? -1 : 1));
        if (!origin || !inputs) return;
        const first = (lacks: (o: Origin) => boolean) => inputs.find((i) => lacks(i.origin ?? {}))?.id ?? null;
        expect(origin.firstMissing).toEqual({
          country: first((o) => !o.country),
          geolocation: first((o) => !o.geolocation),
          deforestationFree: first((o) => o.deforestationFree !== true),
          legal: first((o) => o.legal !== true),
          dueDiligenceRef: first((o) => !o.dueDiligenceRef),
          location: first((o) => !o.geolocation && !(o.postalAddress && o.microOrSmallPrimaryOperator === true)),
        });
        expect(origin.firstIncomplete?.inputId ?? null).toBe(first((o) => !o.country || !o.geolocation || o.deforestationFree !== true || o.legal !== true || !o.dueDiligenceRef));
      }),
      { numRuns: RUNS.cheap },
    );
  });
});
