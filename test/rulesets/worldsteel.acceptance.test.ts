// Acceptance of the worldsteel ruleset as a user meets it: the disclosed, verified steel examples pass it, a
// cocoa declaration is outside its scope, and the stacked "100% reduced" example is warned about its claim.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
    // The wording states both quarters' averages: (1200 x 0.7 + 8800 x 2.1) / 10000 = 1.932 and
    // (1500 x 0.7 + 8500 x 2.1) / 10000 = 1.89. The higher, 1.932, is held against the highest pool average, 1.932.
    expect(footprint.message).toContain('1.932 tCO2e/t (wording), not below the 1.932 tCO2e/t the claimed outputs\' pools average at the most, give or take its rounding to three significant figures (from 1.89;');
    expect(result.verdict).toBe('pass');
  });

  it('a footprint of the second quarter stated for coil of both quarters understates the first quarter\'s', async () => {
    const text = readFileSync('examples/steel-credit-transition.yaml', 'utf8');
    const edited = text.replace('the physical average of the site is 1.932 tCO2e/t in the first quarter and 1.89 tCO2e/t in the second.', 'the physical average of the site is 1.89 tCO2e/t.');
    expect(edited).not.toBe(text);
    const dir = mkdtempSync(join(tmpdir(), 'mbcheck-worldsteel-'));
    const file = join(dir, 'second-quarter-footprint.yaml');
    writeFileSync(file, edited);
    const result = await checkFile(file, { asOf: ASOF }).finally(() => rmSync(dir, { recursive: true, force: true }));
    const footprint = finding(result, 'worldsteel/physical-footprint-disclosed');
    // 1.89 is 0.042 below the first quarter's 1.932, which the coil claimed in January carries: more than 0.005.
    expect(footprint.outcome).toBe('fail');
    expect(footprint.message).toContain('1.89 tCO2e/t (wording), is below what some of the claimed outputs physically carry: 1.932 tCO2e/t, by more than the 0.005 that giving it to three significant figures allows (their pools average from 1.89 to 1.932;');
  });

  it('the method-only example passes, with cannot-tell for the baseline it has no ledger to show', async () => {
    const result = await checkFile('examples/steel-method-only.yaml', { asOf: ASOF });
    expect(worldsteelOf(result)).toMatchObject({ verdict: 'pass', counts: { fail: 0, cannotTell: 3 } });
    expect(finding(result, 'worldsteel/baseline-declared').outcome).toBe('cannot-tell');
    expect(finding(result, 'worldsteel/physical-footprint-disclosed').outcome).toBe('cannot-tell');
    // Its period ends 2027-12-31: verification is judged once the period is over.
    expect(finding(result, 'worldsteel/independent-verification')).toMatchObject({ outcome: 'cannot-tell', message: expect.stringContaining('ends 2027-12-31') });
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
    expect(claim.message).toContain('in its label: "CO2 100% reduced steel"');
    expect(claim.message).toContain('claimed output out-100pct (kakogawa@2026-01-01) is at 1.8 tCO2e/t');
    expect(claim.message).toContain('18.18% below the baseline of 2.2 tCO2e/t');
    expect(claim.evidence).toMatchObject({ outputId: 'out-100pct', lowestInputEmissionFactor: 1.8 });
    expect(failing(result)).toEqual(['worldsteel/no-full-reduction-claim-from-partial-project', 'worldsteel/physical-footprint-disclosed']);
    expect(finding(result, 'worldsteel/physical-footprint-disclosed').message).toContain('the claimed outputs\' pools average up to 1.8 tCO2e/t (from 1.8; 1.8 over them), against a baseline of 2.2 tCO2e/t');
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
