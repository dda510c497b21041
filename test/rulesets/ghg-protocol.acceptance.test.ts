// Acceptance of the ghg-protocol ruleset as a user meets it: the cracker example fails at decision 4 naming
// both product groups' shares, unbundled certificates declared for the physical inventory fail at decision 7,
// and the rolling-average steel example passes.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkFile } from '../../src/check.js';
import type { CheckResult, Finding } from '../../src/result.js';

const ASOF = '2026-11-29';

const ghgOf = (result: CheckResult) => result.rulesets?.find((r) => r.id === 'ghg-protocol');
const ghgFindings = (result: CheckResult): Finding[] => (result.findings ?? []).filter((f) => f.ruleset === 'ghg-protocol');
const failing = (result: CheckResult) => ghgFindings(result).filter((f) => f.outcome === 'fail');

describe('ghg-protocol', () => {
  it('fails the cracker whose low-carbon factor all goes to ethylene at decision 4, naming both groups\' shares', async () => {
    const result = await checkFile('examples/chemicals-two-groups.yaml', { asOf: ASOF });
    expect(result.valid).toBe(true);
    expect(ghgOf(result)).toMatchObject({ version: '1.1.0', verdict: 'fail' });
    expect(failing(result).map((f) => f.ruleId)).toEqual(['ghg-protocol/proportional-allocation-between-groups']);
    const allocation = failing(result)[0]!;
    expect(allocation).toMatchObject({ decision: 4, level: 'shall', interpretation: false });
    // One pool, judged on its own: 7560 / 16560 and 9000 / 16560 of its attributed emissions, against its mass
    // split of 0.5 each (the physical key).
    expect(allocation.message).toContain("ethylene in pool antwerp@2026-01-01 carries 45.65% of the pool's attributed emissions against a key of 50%");
    expect(allocation.message).toContain('ethylene 50% of the grouped output mass and 45.65% of its emissions; propylene 50% of the grouped output mass and 54.35% of its emissions');
    expect(result.verdict).toBe('fail');
  });

  it('the same books pass integrity and iso-22095-2, which leave allocation between groups open', async () => {
    const result = await checkFile('examples/chemicals-two-groups.yaml', { asOf: ASOF });
    const others = (result.rulesets ?? []).filter((r) => r.id === 'integrity' || r.id === 'iso-22095-2');
    expect(others.map((r) => [r.id, r.verdict])).toEqual([['integrity', 'pass'], ['iso-22095-2', 'pass']]);
  });

  it('fails unbundled certificates declared for the physical inventory at decision 7', async () => {
    const text = readFileSync('examples/steel-credit-transition.yaml', 'utf8');
    const edited = text.replace(
      '    instrument: emission-factor\n    inventories: [physical]\n',
      '    instrument: certificate\n    certificate: { bundled: false, registry: Example Registry }\n    inventories: [physical]\n',
    );
    expect(edited).not.toBe(text);
    const dir = mkdtempSync(join(tmpdir(), 'mbcheck-ghg-'));
    const file = join(dir, 'unbundled.yaml');
    writeFileSync(file, edited);
    const result = await checkFile(file, { asOf: ASOF }).finally(() => rmSync(dir, { recursive: true, force: true }));
    expect(result.valid).toBe(true);
    expect(ghgOf(result)?.verdict).toBe('fail');
    const unbundled = failing(result).find((f) => f.ruleId === 'ghg-protocol/unbundled-certificate-not-in-physical-inventory');
    expect(unbundled).toMatchObject({ decision: 7, level: 'shall' });
    expect(unbundled!.message).toContain('Unbundled certificates (Example Registry) are declared for the inventories physical');
    expect(failing(result).filter((f) => f.level === 'shall').map((f) => f.ruleId)).toEqual(['ghg-protocol/unbundled-certificate-not-in-physical-inventory']);
  });

  it('passes the rolling-average steel example', async () => {
    const result = await checkFile('examples/steel-rolling-average.yaml', { asOf: ASOF });
    expect(ghgOf(result)).toMatchObject({ verdict: 'pass', counts: { fail: 0, cannotTell: 0 } });
    const outcome = (id: string) => ghgFindings(result).find((f) => f.ruleId === id)?.outcome;
    expect(outcome('ghg-protocol/attributed-emissions-add-up')).toBe('pass');
    expect(outcome('ghg-protocol/proportional-allocation-between-groups')).toBe('not-applicable');
    expect(outcome('ghg-protocol/land-sector-traceability')).toBe('not-applicable');
  });
});
