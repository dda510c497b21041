// The claim figures (LedgerMetrics.claim, totals.claimed*) recomputed from the per-output figures they summarise.
// They feed the claim rules (integrity/full-reduction-claim-needs-zero-input, worldsteel/no-full-reduction-claim-
// from-partial-project, the claim-excess rules) and the report's disclosure statement, and, being summaries over
// the claimed outputs, they must not depend on the order in which those outputs are met.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deriveMetrics } from '../../src/metrics/derive.js';
import { agree, clearlyLess } from '../../src/metrics/tolerance.js';
import type { Declaration } from '../../src/generated/declaration.js';
import { declarationArb, earlyClaimsDeclarationArb, RUNS } from './arbitraries.js';


/** Figures recomputed here agree with the books' to their tolerance, or both are within it of zero. */
const near = (a: number, b: number) => agree(a, b) || Math.abs(a - b) <= 1e-9;

/** docs/books.md section 5: named by the claim, else every output under proportional attribution, else those below their pool's average. */
function claimedByDefinition(d: Declaration, o: { id: string; productGroup: string | null; emissionFactor: number; poolAverage: number | null }, B: number): boolean {
  const claim = d.method.reporting.claim;
  const groups: readonly string[] = claim?.productGroups ?? [];
  const outputs: readonly string[] = claim?.outputs ?? [];
  if (groups.length > 0 || outputs.length > 0) return outputs.includes(o.id) || (o.productGroup !== null && groups.includes(o.productGroup));
  if (d.method.attribution.proportional || d.method.attribution.model === 'rolling-average-percentage') return true;
  return clearlyLess(o.emissionFactor, o.poolAverage ?? B);
}

function expectClaimFiguresFromOutputs(d: Declaration) {
  const ledger = deriveMetrics(d).ledger!;
  const B = ledger.baseline.emissionFactor;
  const claimed = ledger.outputs.filter((o) => o.claimed);
  for (const o of ledger.outputs) {
    // poolAverage is the books' figure to 12 digits: judge the definition only away from its edge.
    if (o.poolAverage === null || !agree(o.emissionFactor, o.poolAverage)) expect(o.claimed).toBe(claimedByDefinition(d, o, B));
    if (B > 0) expect(near(o.reductionVsBaselinePercent!, (100 * (B - o.emissionFactor)) / B)).toBe(true);
  }
  const { claim, totals } = ledger;
  expect(claim.claimedOutputs).toBe(claimed.length);
  expect(near(totals.claimedOutputMass, claimed.reduce((s, o) => s + o.quantity, 0))).toBe(true);
  const supported = claimed.length === 0 ? 0 : Math.min(...claimed.map((o) => o.reductionVsBaselinePercent ?? 0));
  expect(near(claim.supportedReductionPercent, supported)).toBe(true);
  const declared = d.method.reporting.claim?.reductionPercent;
  expect(claim.reductionPercent).toBe(declared ?? null);
  expect(claim.excessPercent === null).toBe(declared === undefined);
  if (declared !== undefined) expect(near(claim.excessPercent!, Math.max(0, declared - supported))).toBe(true);
  // derive.ts: "A full-reduction claim needs a zero input in the pool of every claimed output: the worst is the
  // claimed output whose pool's lowest input is highest". A claimed output whose pool holds no input at all (no
  // lowest factor) has no zero input either: it is the worst, and the figure is null (no zero input shown).
  const expected = claimed.length === 0 ? null : claimed.some((o) => o.lowestInputEmissionFactor === null) ? null : Math.max(...claimed.map((o) => o.lowestInputEmissionFactor!));
  expect(claim.highestLowestInputOfClaimedPools).toBe(expected);
  expect(claim.worstClaimedPool?.lowestInputEmissionFactor ?? null).toBe(expected);
  if (claim.worstClaimedPool) expect(claimed.map((o) => o.id)).toContain(claim.worstClaimedPool.outputId);
}

describe('the claim figures summarise the claimed outputs, whatever their order', () => {
  it('claimed outputs, claimed mass, supported reduction and excess agree with the per-output figures', () => {
    fc.assert(fc.property(declarationArb(), (d) => expectClaimFiguresFromOutputs(d)), { numRuns: RUNS.cheap * 5 });
  });

  it('the highest lowest input over claimed pools counts a claimed pool without any input as the worst', () => {
    fc.assert(fc.property(earlyClaimsDeclarationArb, (d) => expectClaimFiguresFromOutputs(d)), { numRuns: RUNS.cheap });
  });
});
