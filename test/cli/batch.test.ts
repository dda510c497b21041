// Batch runs as a verifier would do them: a folder with a broken file, globs, jsonl to a file, interruption,
// several reports in one browser, and when a progress bar may be drawn.
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { showsProgress } from '../../src/cli/batch.js';

const ASOF = '2026-11-29';

function mbcheck(args: string[]) {
  const run = spawnSync(process.execPath, ['bin/mbcheck.js', ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** A folder of two good declarations, one that fails, one that is not YAML and one that is not UTF-8. */
function mixedFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mbcheck-batch-'));
  copyFileSync('examples/steel-credit-transition.yaml', join(dir, 'a-pass.yaml'));
  copyFileSync('examples/cocoa-eudr-compliant.yaml', join(dir, 'b-pass.yaml'));
  copyFileSync('examples/steel-stacked-100-percent.yaml', join(dir, 'c-fail.yaml'));
  writeFileSync(join(dir, 'd-broken.yaml'), 'id: [not closed\n');
  writeFileSync(join(dir, 'e-bytes.json'), Buffer.from([0x7b, 0xff, 0xfe, 0x7d]));
  return dir;
}

describe('check on many inputs', () => {
  it('prints one jsonl line per file of a folder, the broken ones as entries with their error, in file order', () => {
    const dir = mixedFolder();
    const run = mbcheck(['check', dir, '--format', 'jsonl', '--as-of', ASOF]);
    const lines = run.stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(lines.map((r) => r.declaration.source)).toEqual(['a-pass.yaml', 'b-pass.yaml', 'c-fail.yaml', 'd-broken.yaml', 'e-bytes.json'].map((f) => `${dir}/${f}`));
    expect(lines.map((r) => r.verdict)).toEqual(['pass', 'pass', 'fail', 'fail', 'fail']);
    expect(lines[3].valid).toBe(false);
    expect(lines[3].validationErrors[0]).toMatchObject({ line: 2, message: expect.stringContaining('not valid YAML') });
    expect(lines[4].error).toMatchObject({ code: 'not-utf8' });
    // An unreadable input makes the run exit 2, but only after every other input was checked.
    expect(run.code).toBe(2);
  });

  it('keeps an argument that names nothing as an entry, and checks the rest', () => {
    const run = mbcheck(['check', 'examples/steel-credit-transition.yaml', 'no-such-dir/*.yaml', 'missing.yaml', '--format', 'jsonl', '--as-of', ASOF]);
    const lines = run.stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(lines).toHaveLength(3);
    expect(lines[0].verdict).toBe('pass');
    expect(lines[1]).toMatchObject({ declaration: { source: 'no-such-dir/*.yaml' }, error: { code: 'no-input', message: 'no file matches the pattern' } });
    expect(lines[2]).toMatchObject({ declaration: { source: 'missing.yaml' }, error: { code: 'unreadable' } });
    expect(run.code).toBe(2);
  });

  it('gives the same results whatever the concurrency', () => {
    const dir = mixedFolder();
    const strip = (stdout: string) => stdout.trim().split('\n').map((l) => JSON.parse(l)).map((r) => ({ source: r.declaration.source, verdict: r.verdict, findings: r.findings?.length }));
    expect(strip(mbcheck(['check', dir, '-f', 'jsonl', '-j', '1', '--as-of', ASOF]).stdout)).toEqual(strip(mbcheck(['check', dir, '-f', 'jsonl', '-j', '8', '--as-of', ASOF]).stdout));
  });

  it('refuses a concurrency that is not a whole number from 1 to 64', () => {
    const run = mbcheck(['check', 'examples/steel-credit-transition.yaml', '-j', '0']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--concurrency must be a whole number from 1 to 64');
  });

  it('writes jsonl --output whole, and an interrupted run leaves neither the file nor its temporary', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mbcheck-interrupt-'));
    const target = join(dir, 'results.jsonl');
    const complete = mbcheck(['check', mixedFolder(), '-f', 'jsonl', '-o', target, '--as-of', ASOF]);
    expect(complete.stdout).toBe('');
    expect(readFileSync(target, 'utf8').trim().split('\n')).toHaveLength(5);

    const interrupted = join(dir, 'interrupted.jsonl');
    const many = Array.from({ length: 4000 }, () => 'examples/steel-credit-transition.yaml');
    const child = spawn(process.execPath, ['bin/mbcheck.js', 'check', ...many, '-f', 'jsonl', '-o', interrupted, '--as-of', ASOF], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    // Wait until the run is under way (its temporary file exists), then interrupt it.
    const temporary = () => readdirSync(dir).find((f) => f.startsWith('.interrupted.jsonl.'));
    for (let i = 0; i < 600 && !temporary() && child.exitCode === null; i++) await new Promise((r) => setTimeout(r, 50));
    expect(temporary()).toBeDefined();
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(stderr).toContain('interrupted (SIGINT)');
    expect(existsSync(interrupted)).toBe(false);
    expect(temporary()).toBeUndefined();
  });
});

describe('report on many inputs', () => {
  it('writes one report per declaration into the folder, names fixed in input order, the broken one as "not judged" and on stderr', () => {
    const out = mkdtempSync(join(tmpdir(), 'mbcheck-reports-'));
    const other = mkdtempSync(join(tmpdir(), 'mbcheck-same-name-'));
    mkdirSync(join(other, 'x'));
    copyFileSync('examples/steel-rolling-average.yaml', join(other, 'x', 'steel-credit-transition.yaml'));
    const broken = join(other, 'broken.yaml');
    writeFileSync(broken, 'id: [\n');
    const run = mbcheck(['report', 'examples/steel-credit-transition.yaml', join(other, 'x', 'steel-credit-transition.yaml'), broken, '--format', 'html', '-o', out, '-j', '2', '--as-of', ASOF]);
    expect(run.code).toBe(1);
    expect(readdirSync(out).sort()).toEqual(['broken.html', 'steel-credit-transition-2.html', 'steel-credit-transition.html']);
    expect(readFileSync(join(out, 'broken.html'), 'utf8')).toContain('Not judged');
    // The first argument gets the plain name, whichever finished first.
    expect(readFileSync(join(out, 'steel-credit-transition.html'), 'utf8')).toContain('acme-hrc-2026');
    expect(readFileSync(join(out, 'steel-credit-transition-2.html'), 'utf8')).toContain('acme-hrc-rolling-2026');
    expect(run.stderr).toContain(`${broken}  FAIL  invalid declaration`);
  });
});

describe('the progress bar', () => {
  const terminal = { disabled: false, inputs: 10, stdoutIsTTY: true, stderrIsTTY: true, streamingToStdout: false, env: {} };
  it('is drawn for a batch on a terminal', () => expect(showsProgress(terminal)).toBe(true));
  it('is not drawn when output is piped, under CI, for one input, when jsonl streams to the terminal, or with --no-progress', () => {
    expect(showsProgress({ ...terminal, stdoutIsTTY: false })).toBe(false);
    expect(showsProgress({ ...terminal, stderrIsTTY: false })).toBe(false);
    expect(showsProgress({ ...terminal, env: { CI: 'true' } })).toBe(false);
    expect(showsProgress({ ...terminal, inputs: 1 })).toBe(false);
    expect(showsProgress({ ...terminal, streamingToStdout: true })).toBe(false);
    expect(showsProgress({ ...terminal, disabled: true })).toBe(false);
  });
  it('is drawn when CI is set to false', () => expect(showsProgress({ ...terminal, env: { CI: 'false' } })).toBe(true));

  it('stops quietly when the reader closes the pipe early (| head), the exit code still the verdict', async () => {
    // Twenty copies of a passing declaration and one failing: far more than a pipe holds before the reader leaves.
    const args = ['bin/mbcheck.js', 'check', 'examples/steel-stacked-100-percent.yaml', ...Array(20).fill('examples/steel-credit-transition.yaml'), '-f', 'jsonl', '--as-of', ASOF];
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(1);
  });
});
