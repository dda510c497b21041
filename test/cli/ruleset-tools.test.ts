// The authoring tools: a rule writer tests rules against their fixtures and sees which decisions are left open.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const mbcheck = (args: string[]) => spawnSync(process.execPath, ['bin/mbcheck.js', ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });

describe('mbcheck ruleset coverage', () => {
  it('shows ISO 22095-2 leaving stacking open while integrity constrains it', () => {
    const run = mbcheck(['ruleset', 'coverage', 'integrity', 'iso-22095-2', '--as-of', '2026-11-29', '--format', 'json']);
    expect(run.status).toBe(0);
    const { decisions } = JSON.parse(run.stdout);
    const stacking = decisions.find((d: { decision: number }) => d.decision === 6);
    expect(stacking.cells).toEqual([{ ruleset: 'integrity', shall: 2, should: 0, may: 0 }, { ruleset: 'iso-22095-2', shall: 0, should: 0, may: 0 }]);
    expect(mbcheck(['ruleset', 'coverage', 'integrity', 'iso-22095-2', '--as-of', '2026-11-29']).stdout).toMatch(/6\. Stacking\s+2 shall\s+open/);
  });
});

describe('mbcheck ruleset test', () => {
  it('passes the bundled rulesets', () => {
    const run = mbcheck(['ruleset', 'test', 'integrity']);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/13 passed, 0 failed/);
  });
  it('fails a rule whose fixture does not hold, and a rule without fixtures', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mbcheck-rs-'));
    mkdirSync(join(dir, 'tests'));
    const ruleset = JSON.parse(readFileSync('rulesets/integrity/1.0.0.json', 'utf8'));
    ruleset.id = 'mine';
    ruleset.rules = ruleset.rules.slice(0, 2).map((r: { id: string }) => ({ ...r, id: r.id.replace('integrity/', 'mine/') }));
    writeFileSync(join(dir, '1.0.0.json'), JSON.stringify(ruleset));
    const fixture = readFileSync('rulesets/integrity/tests/method-forbids-stacking.yaml', 'utf8')
      .replace('rule: integrity/method-forbids-stacking', 'rule: mine/method-forbids-stacking')
      .replaceAll('../../_fixtures/', `${process.cwd()}/rulesets/_fixtures/`)
      .replace('expect: pass', 'expect: fail');
    writeFileSync(join(dir, 'tests', 'method-forbids-stacking.yaml'), fixture);
    const run = mbcheck(['ruleset', 'test', join(dir, '1.0.0.json')]);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/FAIL mine\/method-forbids-stacking/);
    expect(run.stdout).toMatch(/expected fail, got pass/);
    expect(run.stdout).toMatch(/FAIL mine\/no-stacked-attribution[\s\S]*no fixture file/);
  });
});
