// The command line as a user runs it: the built bin, real files, exit codes 0/1/2 (CONTRACT.md section 4).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ASOF = '2026-11-29';

function mbcheck(args: string[], input?: string) {
  const run = spawnSync(process.execPath, ['bin/mbcheck.js', ...args], { encoding: 'utf8', input, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined } });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('mbcheck check', () => {
  it('fails a stacked "100% reduced" claim on integrity at decision 6, naming the output, its factor and the lowest input', () => {
    const run = mbcheck(['check', 'examples/steel-stacked-100-percent.yaml', '--as-of', ASOF]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('integrity/no-stacked-attribution  shall  decision 6');
    expect(run.stdout).toMatch(/output out-100pct carries 0 tCO2e\/t while the lowest factor that entered pool .* is 1\.8 tCO2e\/t/);
    expect(run.stdout).toContain('integrity/no-stacking-by-volume  shall  decision 6');
    expect(run.stdout).toContain('iso-22095-2@1.1.0  pass');
  });

  it('passes the credit-method transition example with exit code 0', () => {
    const run = mbcheck(['check', 'examples/steel-credit-transition.yaml', '--as-of', ASOF]);
    expect(run.stdout).toContain('PASS');
    expect(run.code).toBe(0);
  });

  it('gives cannot-tell, never pass, for ledger rules on a method-only declaration', () => {
    const run = mbcheck(['check', 'examples/steel-method-only.yaml', '--as-of', ASOF, '--format', 'json']);
    const result = JSON.parse(run.stdout);
    const outcome = (id: string) => result.findings.find((f: { ruleId: string }) => f.ruleId === id).outcome;
    expect(outcome('integrity/no-stacked-attribution')).toBe('cannot-tell');
    expect(outcome('iso-22095-2/no-overdraft')).toBe('cannot-tell');
    expect(outcome('integrity/method-forbids-stacking')).toBe('pass');
    expect(result.metrics.hasLedger).toBe(false);
  });

  it('fails iso-22095-2 on credits used beyond those earned, and shows the overdraft in tCO2e', () => {
    const text = readFileSync('examples/steel-credit-transition.yaml', 'utf8').replace('{ id: out-001, date: 2026-02-03, site: duisburg, productGroup: hrc, quantity: 600, emissionFactor: 0.7 }', '{ id: out-001, date: 2026-02-03, site: duisburg, productGroup: hrc, quantity: 700, emissionFactor: 0.7 }');
    const run = mbcheck(['check', '-', '--ruleset', 'iso-22095-2', '--as-of', ASOF, '--format', 'json'], text);
    const result = JSON.parse(run.stdout);
    expect(run.code).toBe(1);
    // Q1 earns 1200 x 1.4 = 1680 and now uses 1300 x 1.4 = 1820: 140 tCO2e overdrawn.
    expect(result.metrics.ledger.balance).toMatchObject({ poolsOverdrawn: 1, overdraft: 140 });
    const finding = result.findings.find((f: { ruleId: string }) => f.ruleId === 'iso-22095-2/no-overdraft');
    expect(finding.outcome).toBe('fail');
    expect(finding.message).toContain('140 tCO2e');
    expect(result.rulesets.map((r: { id: string }) => r.id)).toEqual(['iso-22095-2']);
  });

  it('records each ruleset version and sha256 and the declaration sha256', () => {
    const result = JSON.parse(mbcheck(['check', 'examples/steel-credit-transition.yaml', '--as-of', ASOF, '--format', 'json']).stdout);
    expect(result.declaration.sha256).toMatch(/^[0-9a-f]{64}$/);
    for (const r of result.rulesets) expect(r).toMatchObject({ version: expect.stringMatching(/^\d+\.\d+\.\d+$/), sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(result.schemaVersion).toBe('1');
    expect(result.tool.name).toBe('mbcheck');
  });

  it('prints one JSON line per input with --format jsonl, a broken file included', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mbcheck-'));
    writeFileSync(join(dir, 'a.yaml'), readFileSync('examples/steel-credit-transition.yaml'));
    writeFileSync(join(dir, 'b.yaml'), 'schemaVersion: "1"\nid: [broken\n');
    writeFileSync(join(dir, 'c.json'), Buffer.from([0xff, 0xfe, 0x00]));
    const run = mbcheck(['check', dir, '--as-of', ASOF, '--format', 'jsonl']);
    const lines = run.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => [l.declaration.source.split('/').at(-1), l.verdict])).toEqual([['a.yaml', 'pass'], ['b.yaml', 'fail'], ['c.json', 'fail']]);
    expect(lines[2].error.message).toMatch(/UTF-8/);
    expect(run.code).toBe(2);
  });

  it('writes the output to a file with --output', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'mbcheck-')), 'sub', 'result.xml');
    const run = mbcheck(['check', 'examples/steel-stacked-100-percent.yaml', '--as-of', ASOF, '--format', 'junit', '--output', out]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(readFileSync(out, 'utf8')).toContain('integrity/no-stacked-attribution');
  });
});

describe('mbcheck validate', () => {
  it('reports an unknown level, a negative quantity and a missing attribution block, each with pointer and line', () => {
    const run = mbcheck(['validate', 'test/fixtures/declarations/three-errors.yaml']);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('three-errors.yaml:14:12  /method/transferBoundary/level');
    expect(run.stdout).toContain('three-errors.yaml:27:9  /ledger/inputs/0/quantity');
    expect(run.stdout).toContain('three-errors.yaml:10:3  /method/attribution');
  });
  it('gives the result object without rulesets and findings as JSON', () => {
    const run = mbcheck(['validate', 'examples/steel-rolling-average.yaml', '--format', 'json']);
    const result = JSON.parse(run.stdout);
    expect(run.code).toBe(0);
    expect(result).toMatchObject({ valid: true, validationErrors: [], verdict: 'pass' });
    expect(result.rulesets).toBeUndefined();
    expect(result.findings).toBeUndefined();
  });
});

describe('usage and errors', () => {
  it('exits 2 on an unknown option, an unreadable file and an unknown ruleset, without a stack trace', () => {
    for (const args of [['check', '--bogus', 'x.yaml'], ['check', 'no-such-file.yaml'], ['check', 'examples/steel-method-only.yaml', '--ruleset', 'nope'], ['check', 'examples/steel-method-only.yaml', '--as-of', '2026-13-45']]) {
      const run = mbcheck(args);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr + run.stdout).not.toMatch(/\n\s+at /);
    }
  });
  it('says which versions exist when none is in force on --as-of', () => {
    const run = mbcheck(['check', 'examples/steel-method-only.yaml', '--ruleset', 'integrity', '--as-of', '2020-01-01']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('ruleset integrity has no version in force on 2020-01-01; versions: 1.1.0 (2026-01-01 to now), 1.0.0 (2026-01-01 to now)');
  });
  it('prints --help for every command', () => {
    for (const command of [[], ['check'], ['validate'], ['rulesets']]) {
      const run = mbcheck([...command, '--help']);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/Usage: mbcheck/);
    }
  });
  it('lists the rulesets with their versions, dates in force and scope', () => {
    const run = mbcheck(['rulesets', '--as-of', ASOF, '--format', 'json']);
    const listing = JSON.parse(run.stdout);
    expect(listing.rulesets.map((r: { id: string; version: string }) => `${r.id}@${r.version}`)).toEqual(expect.arrayContaining(['integrity@1.0.0', 'iso-22095-2@1.0.0']));
    expect(listing.rulesets[0]).toMatchObject({ inForce: { from: expect.any(String) }, appliesTo: expect.any(Object), inForceOnAsOf: true });
  });
  it('prints no colour codes when NO_COLOR is set', () => {
    expect(mbcheck(['check', 'examples/steel-stacked-100-percent.yaml', '--as-of', ASOF]).stdout).not.toContain('\u001b[');
  });
});
