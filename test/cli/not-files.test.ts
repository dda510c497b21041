// Only regular files are read, everywhere a user names one: /dev/zero would be read until the process dies and
// a FIFO would wait forever for a writer. Each run has a timeout so that a hang fails the test instead of the suite.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'mbcheck-not-files-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const example = 'examples/steel-credit-transition.yaml';

function mbcheck(args: string[]) {
  const run = spawnSync(process.execPath, ['--max-old-space-size=256', 'bin/mbcheck.js', ...args], { encoding: 'utf8', timeout: 60_000, env: { ...process.env, NO_COLOR: '1' } });
  return { code: run.status, signal: run.signal, output: run.stdout + run.stderr };
}

function fifo(name: string): string {
  const path = join(dir, name);
  expect(spawnSync('mkfifo', [path]).status).toBe(0);
  return path;
}

describe('files that are not regular files', () => {
  it.each([
    ['a device', '/dev/zero', /the ruleset must be a regular file, and this is a device/],
    ['a FIFO', 'fifo', /the ruleset must be a regular file, and this is a named pipe/],
    ['a directory', 'dir', /the ruleset must be a regular file, and this is a directory/],
  ])('--ruleset naming %s is refused at once (exit 2)', (_kind, target, message) => {
    const path = target === 'fifo' ? fifo('ruleset.json') : target === 'dir' ? dir : target;
    const run = mbcheck(['check', example, '--ruleset', path]);
    expect(run.signal).toBeNull();
    expect(run.code).toBe(2);
    expect(run.output).toMatch(message);
  });

  it('a ruleset that extends /dev/zero is refused, naming the base', () => {
    const ruleset = JSON.parse(readFileSync('rulesets/integrity/1.1.0.json', 'utf8'));
    const mine = { ...ruleset, id: 'mine', extends: '/dev/zero', rules: [] };
    const file = join(dir, 'extends-zero.json');
    writeFileSync(file, JSON.stringify(mine));
    const run = mbcheck(['check', example, '--ruleset', file]);
    expect(run.signal).toBeNull();
    expect(run.code).toBe(2);
    expect(run.output).toMatch(/\/dev\/zero: the ruleset must be a regular file/);
  });

  it('a declaration that is a FIFO or a device is an entry of its own with the reason', () => {
    const run = mbcheck(['check', fifo('declaration.yaml'), '/dev/zero', example]);
    expect(run.signal).toBeNull();
    expect(run.code).toBe(2);
    expect(run.output).toMatch(/declaration\.yaml: error: the declaration must be a regular file, and this is a named pipe/);
    expect(run.output).toMatch(/\/dev\/zero: error: the declaration must be a regular file, and this is a device/);
    expect(run.output).toMatch(/3 declarations: 1 passed, 0 failed, 2 could not be checked/);
  });

  it('every declaration-named entry of a directory gets an answer: FIFO, device link, dangling link', () => {
    const folder = join(dir, 'batch');
    mkdirSync(folder);
    copyFileSync(example, join(folder, 'a.yaml'));
    spawnSync('mkfifo', [join(folder, 'b.yaml')]);
    symlinkSync('/dev/zero', join(folder, 'c.yaml'));
    symlinkSync(join(folder, 'nowhere'), join(folder, 'd.json'));
    const run = mbcheck(['check', folder, '--format', 'jsonl']);
    expect(run.signal).toBeNull();
    const entries = run.output.trim().split('\n').map((line) => JSON.parse(line) as { declaration: { source: string }; error?: { message: string } });
    expect(entries.map((e) => e.declaration.source.replace(`${folder}/`, ''))).toEqual(['a.yaml', 'b.yaml', 'c.yaml', 'd.json']);
    expect(entries[1]!.error?.message).toMatch(/named pipe/);
    expect(entries[2]!.error?.message).toMatch(/device/);
    expect(entries[3]!.error?.message).toMatch(/no such file/);
  });
});
