// --output never destroys data: an output that is one of the inputs is refused, a symlink is written through to
// its target, and a FIFO, a device or "-" is written as a stream (a rename once replaced /dev/stdout itself).
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, lstatSync, mkdtempSync, openSync, closeSync, readFileSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'mbcheck-output-'));
const declaration = join(dir, 'x.yaml');
const original = readFileSync('examples/steel-credit-transition.yaml', 'utf8');
const bin = resolve('bin/mbcheck.js');
beforeAll(() => copyFileSync('examples/steel-credit-transition.yaml', declaration));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function mbcheck(args: string[]) {
  const run = spawnSync(process.execPath, [bin, ...args], { cwd: dir, encoding: 'utf8', timeout: 60_000, env: { ...process.env, NO_COLOR: '1' } });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('an output that is one of the inputs', () => {
  it.each([
    ['the declaration itself', ['check', 'x.yaml', '--format', 'json', '--output', 'x.yaml']],
    ['the declaration, as the HTML report', ['report', 'x.yaml', '--format', 'html', '--output', 'x.yaml']],
    ['the declaration by another path', ['check', 'x.yaml', '--format', 'json', '--output', './sub/../x.yaml']],
  ])('is refused with exit 2 and the declaration kept: %s', (_what, args) => {
    const run = mbcheck(args);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/writing there would destroy it: choose another output path/);
    expect(readFileSync(declaration, 'utf8')).toBe(original);
  });

  it('is refused through a symlink, either way round', () => {
    symlinkSync('x.yaml', join(dir, 'alias.yaml'));
    expect(mbcheck(['check', 'alias.yaml', '--format', 'json', '--output', 'x.yaml']).code).toBe(2);
    expect(mbcheck(['check', 'x.yaml', '--format', 'json', '--output', 'alias.yaml']).code).toBe(2);
    expect(readFileSync(declaration, 'utf8')).toBe(original);
  });

  it('the file given on standard input is an input too', () => {
    const fd = openSync(declaration, 'r');
    try {
      const run = spawnSync(process.execPath, [bin, 'check', '-', '--format', 'json', '--output', 'x.yaml'], { cwd: dir, encoding: 'utf8', stdio: [fd, 'pipe', 'pipe'], timeout: 60_000 });
      expect(run.status).toBe(2);
      expect(run.stderr).toMatch(/is the file given on standard input/);
    } finally {
      closeSync(fd);
    }
    expect(readFileSync(declaration, 'utf8')).toBe(original);
  });

  it('a ruleset file given with --ruleset is an input too', () => {
    copyFileSync('rulesets/integrity/1.1.0.json', join(dir, 'mine.json'));
    const before = readFileSync(join(dir, 'mine.json'), 'utf8');
    const run = mbcheck(['check', 'x.yaml', '--ruleset', 'mine.json', '--format', 'json', '--output', 'mine.json']);
    expect(run.code).toBe(2);
    expect(readFileSync(join(dir, 'mine.json'), 'utf8')).toBe(before);
  });
});

describe('what the output path is', () => {
  it('a symlink is written through: the link stays, its target gets the result', () => {
    symlinkSync('results/out.json', join(dir, 'link.json'));
    expect(mbcheck(['check', 'x.yaml', '--format', 'json', '--output', 'link.json']).code).toBe(0);
    expect(lstatSync(join(dir, 'link.json')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(dir, 'link.json'))).toBe('results/out.json');
    expect(JSON.parse(readFileSync(join(dir, 'results/out.json'), 'utf8')).declaration.id).toBe('acme-hrc-2026');
  });

  it('a link to the standard output (as /dev/stdout is) writes to the standard output and stays a link', () => {
    symlinkSync('/proc/self/fd/1', join(dir, 'stdout'));
    const run = mbcheck(['check', 'x.yaml', '--format', 'json', '--output', 'stdout']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).declaration.id).toBe('acme-hrc-2026');
    expect(lstatSync(join(dir, 'stdout')).isSymbolicLink()).toBe(true);
  });

  it('"-" is the standard output', () => {
    const run = mbcheck(['check', 'x.yaml', '--format', 'jsonl', '--output', '-']);
    expect(JSON.parse(run.stdout).declaration.id).toBe('acme-hrc-2026');
  });

  it('a FIFO is written as a stream to its reader and stays a FIFO', async () => {
    const fifo = join(dir, 'pipe');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const reader = spawn('cat', [fifo]);
    let received = '';
    reader.stdout.on('data', (chunk: Buffer) => (received += chunk.toString()));
    const closed = new Promise((done) => reader.on('close', done));
    expect(mbcheck(['check', 'x.yaml', '--format', 'json', '--output', fifo]).code).toBe(0);
    await closed;
    expect(JSON.parse(received).declaration.id).toBe('acme-hrc-2026');
    expect(lstatSync(fifo).isFIFO()).toBe(true);
  });

  it.skipIf(process.getuid?.() !== 0)('a character device is written to, not replaced', () => {
    const device = join(dir, 'null');
    expect(spawnSync('mknod', [device, 'c', '1', '3']).status).toBe(0);
    expect(mbcheck(['check', 'x.yaml', '--format', 'json', '--output', device]).code).toBe(0);
    expect(lstatSync(device).isCharacterDevice()).toBe(true);
  });

  it('a file replaced keeps its permissions: a private result stays private', () => {
    const result = join(dir, 'private.json');
    writeFileSync(result, '{}');
    chmodSync(result, 0o600);
    expect(mbcheck(['check', 'x.yaml', '--format', 'json', '--output', 'private.json']).code).toBe(0);
    expect(statSync(result).mode & 0o777).toBe(0o600);
    expect(mbcheck(['check', 'x.yaml', '--format', 'jsonl', '--output', 'private.json']).code).toBe(0);
    expect(statSync(result).mode & 0o777).toBe(0o600);
  });

  it('a directory is refused for a single result', () => {
    const run = mbcheck(['check', 'x.yaml', '--format', 'json', '--output', dir]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/it is a directory/);
  });
});
