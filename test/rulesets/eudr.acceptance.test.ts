// Acceptance of the eudr ruleset as a user meets it: the two cocoa examples pass and fail it, whatever way the
// commodity is written (a misspelling of it is a validation error, never a silent not-applicable), a steel
// declaration is outside its scope, and --as-of picks the version in force (1.1.0, correcting 1.0.0, until the
// spring 2026 package of 4 May 2026, 2.1.0, correcting 2.0.0, from then), while eudr@VERSION pins one whatever the date.
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { checkFile, checkSource } from '../../src/check.js';
import { sourceFromText } from '../../src/declaration/source.js';
import type { CheckResult, Finding } from '../../src/result.js';
import { bundledRegistry } from '../../src/rulesets/registry.js';

const BEFORE_AMENDMENT = '2026-03-01';
const AFTER_AMENDMENT = '2026-11-29';
const COMPLIANT = 'examples/cocoa-eudr-compliant.yaml';
const UNKNOWN_ORIGIN = 'examples/cocoa-unknown-origin.yaml';

const eudrOf = (result: CheckResult) => result.rulesets?.find((r) => r.id === 'eudr');
const eudrFindings = (result: CheckResult): Finding[] => (result.findings ?? []).filter((f) => f.ruleset === 'eudr');
const failing = (result: CheckResult) => eudrFindings(result).filter((f) => f.outcome === 'fail').map((f) => f.ruleId).sort();

describe('the cocoa examples under eudr', () => {
  it.each([
    [BEFORE_AMENDMENT, '1.1.0'],
    [AFTER_AMENDMENT, '2.1.0'],
  ])('every lot geolocated, deforestation-free, legal and with a statement reference passes eudr (as of %s: %s)', async (asOf, version) => {
    const result = await checkFile(COMPLIANT, { asOf });
    expect(result.valid).toBe(true);
    expect(eudrOf(result)).toMatchObject({ version, verdict: 'pass', counts: { fail: 0, notApplicable: 0, cannotTell: 0 } });
    expect(eudrFindings(result).every((f) => f.outcome === 'pass')).toBe(true);
    expect(result.verdict).toBe('pass');
  });

  it('one lot of unknown deforestation status fails 1.1.0: the pool mixes in an incomplete input', async () => {
    const result = await checkFile(UNKNOWN_ORIGIN, { asOf: BEFORE_AMENDMENT });
    expect(eudrOf(result)).toMatchObject({ version: '1.1.0', verdict: 'fail' });
    expect(failing(result)).toEqual(['eudr/deforestation-free', 'eudr/no-mixing-with-incomplete-inputs']);
    const mixing = eudrFindings(result).find((f) => f.ruleId === 'eudr/no-mixing-with-incomplete-inputs')!;
    expect(mixing.message).toContain('Only 5 of 6 input(s) (83.33%)');
    expect(mixing.message).toContain('lot-006 (missing: deforestationFree unknown)');
    expect(mixing.evidence).toMatchObject({ inputs: 6, complete: 5, firstIncompleteInput: 'lot-006' });
    expect(result.verdict).toBe('fail');
  });

  it('one lot of unknown deforestation status fails 2.1.0: a mass balance needs every input compliant', async () => {
    const result = await checkFile(UNKNOWN_ORIGIN, { asOf: AFTER_AMENDMENT });
    expect(eudrOf(result)).toMatchObject({ version: '2.1.0', verdict: 'fail' });
    expect(failing(result)).toEqual(['eudr/deforestation-free', 'eudr/mass-balance-only-compliant-inputs']);
    const pool = eudrFindings(result).find((f) => f.ruleId === 'eudr/mass-balance-only-compliant-inputs')!;
    expect(pool.interpretation).toBe(true);
    expect(pool.message).toContain('of unknown deforestation status: 1');
    expect(pool.message).toContain('lot-006');
  });

  it('the unknown lot fails eudr only: the emission books still pass integrity and iso-22095-2', async () => {
    const result = await checkFile(UNKNOWN_ORIGIN, { asOf: AFTER_AMENDMENT });
    const others = (result.rulesets ?? []).filter((r) => r.id === 'integrity' || r.id === 'iso-22095-2');
    expect(others.map((r) => [r.id, r.verdict])).toEqual([['integrity', 'pass'], ['iso-22095-2', 'pass']]);
  });
});

describe('scope', () => {
  it('reports eudr not-applicable for a steel declaration, with every rule not-applicable', async () => {
    const result = await checkFile('examples/steel-credit-transition.yaml', { asOf: AFTER_AMENDMENT });
    expect(eudrOf(result)?.verdict).toBe('not-applicable');
    const findings = eudrFindings(result);
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.every((f) => f.outcome === 'not-applicable')).toBe(true);
    expect(findings[0]!.message).toContain('crude-steel');
  });
});

describe('versions by date', () => {
  const registry = bundledRegistry();

  it('selects 1.1.0 before the spring 2026 package and 2.1.0 from its publication on 4 May 2026', () => {
    expect(registry.resolve('eudr', '2023-06-29').ruleset.version).toBe('1.1.0');
    expect(registry.resolve('eudr', BEFORE_AMENDMENT).ruleset.version).toBe('1.1.0');
    expect(registry.resolve('eudr', '2026-05-03').ruleset.version).toBe('1.1.0');
    expect(registry.resolve('eudr', '2026-05-04').ruleset.version).toBe('2.1.0');
    expect(registry.resolve('eudr', AFTER_AMENDMENT).ruleset.version).toBe('2.1.0');
  });

  it('1.1.0 and 2.1.0 correct 1.0.0 and 2.0.0 over the same dates, which stay pinnable', () => {
    for (const [correction, corrected] of [['1.1.0', '1.0.0'], ['2.1.0', '2.0.0']] as const) {
      const newer = registry.resolve(`eudr@${correction}`, AFTER_AMENDMENT).ruleset;
      expect(newer.supersedes?.version).toBe(corrected);
      expect(newer.inForce).toEqual(registry.resolve(`eudr@${corrected}`, AFTER_AMENDMENT).ruleset.inForce);
      expect(newer.rules.map((r) => r.id)).toEqual(expect.arrayContaining(['eudr/geolocation-precision', 'eudr/polygon-above-four-hectares']));
    }
  });

  it('has no version in force before the Regulation entered into force', () => {
    expect(() => registry.resolve('eudr', '2023-06-28')).toThrow(/no version in force on 2023-06-28/);
  });

  it('states the application dates of the amended Regulation', () => {
    const amended = registry.resolve('eudr@2.0.0', AFTER_AMENDMENT).ruleset;
    expect(amended.description).toContain('30 December 2026');
    expect(amended.description).toContain('30 June 2027');
    expect(amended.inForce).toEqual({ from: '2026-05-04' });
    expect(registry.resolve('eudr@1.0.0', AFTER_AMENDMENT).ruleset.inForce).toEqual({ from: '2023-06-29', until: '2026-05-04' });
  });

  it('eudr@1.0.0 pins the adopted version after the amendment', async () => {
    expect(registry.resolve('eudr@1.0.0', AFTER_AMENDMENT).ruleset.version).toBe('1.0.0');
    const result = await checkFile(UNKNOWN_ORIGIN, { asOf: AFTER_AMENDMENT, rulesets: ['eudr@1.0.0'] });
    expect(result.rulesets?.map((r) => `${r.id}@${r.version}`)).toEqual(['eudr@1.0.0']);
    expect(failing(result)).toContain('eudr/no-mixing-with-incomplete-inputs');
  });

  it('eudr@2.0.0 pins the amended version before it came into force', async () => {
    const result = await checkFile(COMPLIANT, { asOf: BEFORE_AMENDMENT, rulesets: ['eudr@2.0.0'] });
    expect(result.rulesets?.map((r) => `${r.id}@${r.version}`)).toEqual(['eudr@2.0.0']);
    expect(eudrOf(result)?.verdict).toBe('pass');
  });
});

describe('the commodity, however it is written', () => {
  /** The failing cocoa example with its commodity written another way. */
  const unknownOriginAs = (commodity: string) => {
    const declaration = parseYaml(readFileSync(UNKNOWN_ORIGIN, 'utf8')) as Record<string, unknown>;
    return checkSource(sourceFromText(`${UNKNOWN_ORIGIN}#${commodity}`, JSON.stringify({ ...declaration, commodity })), { asOf: AFTER_AMENDMENT });
  };

  it.each(['Cocoa', 'cocoa-beans', 'cocoa beans', 'COCOA_BEANS', 'HS 1801', '1801 00 00', 'Kakaobohnen', 'fèves de cacao', 'chocolate'])(
    'still fails eudr with commodity %j, never not-applicable',
    async (commodity) => {
      const result = await unknownOriginAs(commodity);
      expect(result.valid).toBe(true);
      expect(eudrOf(result)).toMatchObject({ version: '2.1.0', verdict: 'fail' });
      expect(failing(result)).toEqual(['eudr/deforestation-free', 'eudr/mass-balance-only-compliant-inputs']);
      expect(result.metrics?.eudrCommodity?.commodity).toBe('cocoa');
      expect(result.verdict).toBe('fail');
    },
  );

  it('reads the HS heading as such', async () => {
    const result = await unknownOriginAs('HS 1801');
    expect(result.metrics?.eudrCommodity).toEqual({ commodity: 'cocoa', matchedBy: 'hs-code', matched: '1801' });
  });

  it.each([
    ['cocao', '"cocoa"'],
    ['caffee', '"coffee"'],
    ['palm oill', '"palm oil" or "oil-palm"'],
  ])('a near miss %j is a validation error at /commodity that suggests %s', async (commodity, suggestion) => {
    const result = await unknownOriginAs(commodity);
    expect(result.valid).toBe(false);
    expect(result.verdict).toBe('fail');
    expect(result.rulesets).toEqual([]);
    const error = result.validationErrors.find((e) => e.pointer === '/commodity');
    expect(error).toMatchObject({ code: 'commodity-near-miss', line: expect.any(Number) });
    expect(error!.message).toContain(`commodity "${commodity}"`);
    expect(error!.message).toContain(`write ${suggestion}`);
  });

  it('leaves a commodity that is clearly something else alone: eudr is not applicable to it', async () => {
    const result = await checkFile('examples/steel-credit-transition.yaml', { asOf: AFTER_AMENDMENT });
    expect(result.valid).toBe(true);
    expect(result.metrics?.eudrCommodity).toBeNull();
    expect(eudrOf(result)?.verdict).toBe('not-applicable');
  });
});
