// The claim figures (LedgerMetrics.claim, totals.claimed*) recomputed from the per-output figures they summarise.
// They feed the claim rules (integrity/full-reduction-claim-needs-zero-input, worldsteel/no-full-reduction-claim-
// from-partial-project, the claim-excess rules) and the report's disclosure statement, and, being summaries over
// the claimed outputs, they must not depend on the order in which those outputs are met.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deriveMetrics } from '../../src/metrics/derive.js';
import { approxEqual, clearlyLess } from '../../src/metrics/tolerance.js';
import type { Declaration } from '../../src/generated/declaration.js';
import { declarationArb, earlyClaimsDeclarationArb, RUNS } from './arbitraries.js';


function expectClaimFiguresFromOutputs(d: Declaration) {
  const ledger = deriveMetrics(d).ledger!;
  const B = ledger.baseline.emissionFactor;
  const claimed = ledger.outputs.filter((o) => o.claimed);
  for (const o of ledger.outputs) {
    expect(o.claimed).toBe(clearlyLess(o.emissionFactor, B));
    if (B > 0) expect(approxEqual(o.reductionVsBaselinePercent!, (100 * (B - o.emissionFactor)) / B)).toBe(true);
  }
  const { claim, totals } = ledger;
  expect(claim.claimedOutputs).toBe(claimed.length);
  expect(approxEqual(totals.claimedOutputMass, claimed.reduce((s, o) => s + o.quantity, 0))).toBe(true);
  const supported = claimed.length === 0 ? 0 : Math.min(...claimed.map((o) => o.reductionVsBaselinePercent ?? 0));
  expect(approxEqual(claim.supportedReductionPercent, supported)).toBe(true);
  const declared = d.method.reporting.claim?.reductionPercent;
  expect(claim.reductionPercent).toBe(declared ?? null);
  expect(claim.excessPercent === null).toBe(declared === undefined);
  if (declared !== undefined) expect(approxEqual(claim.excessPercent!, Math.max(0, declared - supported))).toBe(true);
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
