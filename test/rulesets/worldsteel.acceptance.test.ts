// Acceptance of the worldsteel ruleset as a user meets it: the disclosed, verified steel examples pass it, a
// cocoa declaration is outside its scope, and the stacked "100% reduced" example is warned about its claim.
import { describe, expect, it } from 'vitest';
import { checkFile } from '../../src/check.js';
import type { CheckResult, Finding } from '../../src/result.js';

const ASOF = '2026-11-29';

const worldsteelOf = (result: CheckResult) => result.rulesets?.find((r) => r.id === 'worldsteel');
const worldsteelFindings = (result: CheckResult): Finding[] => (result.findings ?? []).filter((f) => f.ruleset === 'worldsteel');
const finding = (result: CheckResult, ruleId: string) => worldsteelFindings(result).find((f) => f.ruleId === ruleId)!;
const failing = (result: CheckResult) => worldsteelFindings(result).filter((f) => f.outcome === 'fail').map((f) => f.ruleId).sort();

describe('the steel examples under worldsteel', () => {
  it('the rolling average example (disclosed, verified, proportional) passes', async () => {
    const result = await checkFile('examples/steel-rolling-average.yaml', { asOf: ASOF });
    expect(worldsteelOf(result)).toMatchObject({ version: '1.1.0', verdict: 'pass', counts: { fail: 0, cannotTell: 0 } });
    // Every coil carries its pool average and no certificate is sold: nothing allocated to set the footprint beside.
    expect(finding(result, 'worldsteel/physical-footprint-disclosed').outcome).toBe('not-applicable');
    expect(finding(result, 'worldsteel/independent-verification')).toMatchObject({ outcome: 'pass', message: expect.stringContaining('Example Verification GmbH') });
    expect(finding(result, 'worldsteel/baseline-declared').message).toContain('Baseline 2.1 tCO2e/t, basis site-historical');
    expect(result.verdict).toBe('pass');
  });

  it('the credit example passes: its claim states the physical average of each quarter', async () => {
    const result = await checkFile('examples/steel-credit-transition.yaml', { asOf: ASOF });
    expect(worldsteelOf(result)).toMatchObject({ verdict: 'pass', counts: { fail: 0, cannotTell: 0 } });
    const footprint = finding(result, 'worldsteel/physical-footprint-disclosed');
    expect(footprint.outcome).toBe('pass');
    // Inputs over the half year: (1200 + 1500) x 0.7 + (8800 + 8500) x 2.1 = 38220 tCO2e over 20000 t.
    expect(footprint.message).toContain('the ledger\'s inputs average 1.911 tCO2e/t');
    expect(result.verdict).toBe('pass');
  });

  it('the method-only example passes, with cannot-tell for the baseline it has no ledger to show', async () => {
    const result = await checkFile('examples/steel-method-only.yaml', { asOf: ASOF });
    expect(worldsteelOf(result)).toMatchObject({ verdict: 'pass', counts: { fail: 0, cannotTell: 1 } });
    expect(finding(result, 'worldsteel/baseline-declared').outcome).toBe('cannot-tell');
  });

  it('the unconnected multi-site example passes with a warning: 3200 tCO2e claimed in Sestao were made in Hamburg', async () => {
    const result = await checkFile('examples/steel-multi-site-unconnected.yaml', { asOf: ASOF });
    expect(worldsteelOf(result)?.verdict).toBe('pass');
    expect(failing(result)).toEqual(['worldsteel/reduction-and-products-physically-linked']);
    const link = finding(result, 'worldsteel/reduction-and-products-physically-linked');
    expect(link).toMatchObject({ level: 'should', severity: 'warning', decision: 3 });
    // Hamburg earns 2000 x (2.1 - 0.5) = 3200 tCO2e and uses none; Sestao earns none and uses 2000 x 1.6 = 3200.
    expect(link.message).toContain('3200 tCO2e of reductions (100% of the 3200 used)');
    expect(link.message).toContain('hamburg earned 3200, used 0, 0 of them from unlinked sites; sestao earned 0, used 3200, 3200 of them from unlinked sites');
  });

  it('the stacked "100% reduced" example gets the should-warning on its claim, and fails for not stating its footprint', async () => {
    const result = await checkFile('examples/steel-stacked-100-percent.yaml', { asOf: ASOF });
    const claim = finding(result, 'worldsteel/no-full-reduction-claim-from-partial-project');
    expect(claim).toMatchObject({ outcome: 'fail', level: 'should', severity: 'warning', decision: 7, interpretation: true });
    // HBI charging brings the one input to 1.8 against a 2.2 baseline: (2.2 - 1.8) / 2.2 = 18.18%.
    expect(claim.message).toContain('label "CO2 100% reduced steel", 100% stated');
    expect(claim.message).toContain('claimed output out-100pct (kakogawa@2026-01-01) is at 1.8 tCO2e/t');
    expect(claim.message).toContain('18.18% below the baseline of 2.2 tCO2e/t');
    expect(claim.evidence).toMatchObject({ outputId: 'out-100pct', lowestInputEmissionFactor: 1.8 });
    expect(failing(result)).toEqual(['worldsteel/no-full-reduction-claim-from-partial-project', 'worldsteel/physical-footprint-disclosed']);
    expect(finding(result, 'worldsteel/physical-footprint-disclosed').message).toContain('the ledger\'s inputs average 1.8 tCO2e/t');
    expect(worldsteelOf(result)?.verdict).toBe('fail');
  });
});

describe('scope', () => {
  it('reports worldsteel not-applicable for a cocoa declaration, with every rule not-applicable', async () => {
    const result = await checkFile('examples/cocoa-eudr-compliant.yaml', { asOf: ASOF });
    expect(worldsteelOf(result)?.verdict).toBe('not-applicable');
    const findings = worldsteelFindings(result);
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.every((f) => f.outcome === 'not-applicable')).toBe(true);
    expect(findings[0]!.message).toContain('sectors steel');
    expect(findings[0]!.message).toContain('agri-food / cocoa');
  });
});
