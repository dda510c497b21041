// check --fail-on: the lowest rule level whose failure gives exit code 1 (CONTRACT.md section 5), so that a CI
// job can hold a declaration to its recommendations too, while an open question (cannot-tell) never fails it.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../../src/result.js';

const ASOF = '2026-11-29';

function mbcheck(args: string[]) {
  const run = spawnSync(process.execPath, ['bin/mbcheck.js', ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** The levels and outcomes of a check's findings that are not passes or not applicable. */
function notPassing(file: string, extra: string[] = []): Array<[string, string]> {
  const result = JSON.parse(mbcheck(['check', file, ...extra, '--as-of', ASOF, '--format', 'json']).stdout) as CheckResult;
  return [...new Set(result.findings!.filter((f) => f.outcome === 'fail' || f.outcome === 'cannot-tell').map((f) => `${f.level} ${f.outcome}`))].sort().map((s) => s.split(' ') as [string, string]);
}

const exitWith = (file: string, failOn: string | undefined, extra: string[] = []) => mbcheck(['check', file, ...extra, '--as-of', ASOF, ...(failOn ? ['--fail-on', failOn] : [])]).code;

describe('check --fail-on', () => {
  it('fails a declaration whose only failures are should rules under should and may, not under shall (the default)', () => {
    const file = 'examples/steel-multi-site-unconnected.yaml';
    expect(notPassing(file)).toEqual([['should', 'fail']]);
    expect(exitWith(file, undefined)).toBe(0);
    expect(exitWith(file, 'shall')).toBe(0);
    expect(exitWith(file, 'should')).toBe(1);
    expect(exitWith(file, 'may')).toBe(1);
  });

  it('fails a may rule only under may', () => {
    // Under ghg-protocol alone, the stacked example fails only its may rule: credits forfeited.
    const file = 'examples/steel-stacked-100-percent.yaml';
    const ghg = ['--ruleset', 'ghg-protocol'];
    expect(notPassing(file, ghg)).toEqual([['may', 'fail']]);
    expect(exitWith(file, 'should', ghg)).toBe(0);
    expect(exitWith(file, 'may', ghg)).toBe(1);
  });

  it('never counts cannot-tell as a failure, at any level', () => {
    const file = 'examples/steel-method-only.yaml';
    expect(notPassing(file)).toEqual([['may', 'cannot-tell'], ['shall', 'cannot-tell'], ['should', 'cannot-tell']]);
    expect(exitWith(file, 'may')).toBe(0);
  });

  it('fails a shall failure and an invalid declaration whatever the level', () => {
    expect(exitWith('examples/steel-stacked-100-percent.yaml', 'may')).toBe(1);
    const dir = mkdtempSync(join(tmpdir(), 'mbcheck-fail-on-'));
    writeFileSync(join(dir, 'invalid.yaml'), 'schemaVersion: "1"\nid: not-a-declaration\n');
    for (const level of ['shall', 'should', 'may']) expect(exitWith(join(dir, 'invalid.yaml'), level)).toBe(1);
  });

  it('takes the worst of several declarations, and refuses a level that is not one with exit code 2', () => {
    expect(mbcheck(['check', 'examples/steel-credit-transition.yaml', 'examples/steel-multi-site-unconnected.yaml', '--as-of', ASOF, '--fail-on', 'should', '--format', 'json']).code).toBe(1);
    const run = mbcheck(['check', 'examples/steel-multi-site-unconnected.yaml', '--fail-on', 'must']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/shall, should, may/);
  });

  it('says in text what the exit code says: FAIL under --fail-on should, PASS with its warnings counted under shall', () => {
    const file = 'examples/steel-multi-site-unconnected.yaml';
    const held = mbcheck(['check', file, '--as-of', ASOF, '--fail-on', 'should']);
    expect(held.code).toBe(1);
    expect(held.stdout).toMatch(/\(multi-site-2026\)  FAIL \(--fail-on should: 4 should rules failing\)/);
    expect(held.stdout).toMatch(/1 declaration: 0 passed, 1 failed/);
    const plain = mbcheck(['check', file, '--as-of', ASOF]);
    expect(plain.code).toBe(0);
    expect(plain.stdout).toMatch(/\(multi-site-2026\)  PASS, with 4 warnings/);
    expect(plain.stdout).toMatch(/1 declaration: 1 passed, 0 failed/);
  });
});
