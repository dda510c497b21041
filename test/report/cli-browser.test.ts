// `mbcheck report` and its Chromium as processes: an interrupted run leaves neither a browser nor its profile
// behind, and a browser that dies part-way through a batch is replaced so that every report is still written.
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { retryIfBrowserCrashed } from '../../src/cli/batch.js';
import { MbcheckError } from '../../src/errors.js';
import { browserCrashed } from '../../src/report/browser.js';

const ASOF = '2026-11-29';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function stat(pid: number): { state: string; ppid: number; pgrp: number } | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'latin1');
    const [state, ppid, pgrp] = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { state: state!, ppid: Number(ppid), pgrp: Number(pgrp) };
  } catch {
    return undefined;
  }
}

const pids = () => readdirSync('/proc').filter((entry) => /^\d+$/.test(entry)).map(Number);
// A zombie is dead already: it only waits for a parent to collect its exit status.
const running = (pid: number) => ['R', 'S', 'D', 'T', 't', 'I'].includes(stat(pid)?.state ?? 'Z');

/**
 * The processes of one run, found by the private TMPDIR it was given (which Chromium may extend with a path of
 * its own), and every process in the process groups they lead: Chromium's helpers do not all keep the environment.
 */
function processesOfRun(privateTmp: string): number[] {
  const marker = new RegExp(`(^|\0)TMPDIR=${privateTmp.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(\0|/)`);
  const withEnvironment = pids().filter((pid) => {
    try {
      return pid !== process.pid && marker.test(readFileSync(`/proc/${pid}/environ`, 'latin1'));
    } catch {
      return false;
    }
  });
  const leaders = new Set(withEnvironment);
  return [...new Set([...withEnvironment, ...pids().filter((pid) => leaders.has(stat(pid)?.pgrp ?? -1))])].filter(running);
}

/** The Chromium of a run: the processes whose parent is the mbcheck process. */
const chromiumOf = (parent: number, privateTmp: string) => processesOfRun(privateTmp).filter((pid) => stat(pid)?.ppid === parent);

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 1200; i++) {
    if (condition()) return;
    await sleep(25);
  }
  throw new Error(`gave up waiting for ${what}`);
}

const commandLine = (pid: number) => {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'latin1');
  } catch {
    return '';
  }
};

function startReport(args: string[], privateTmp: string) {
  const child = spawn(process.execPath, ['bin/mbcheck.js', 'report', ...args, '--as-of', ASOF], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, TMPDIR: privateTmp, NO_COLOR: '1' },
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, stderr: () => stderr };
}

describe('an interrupted mbcheck report', () => {
  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('stops its Chromium and removes the profile directory on %s', async (signal, exitCode) => {
    const privateTmp = mkdtempSync(join(tmpdir(), 'mbcheck-interrupt-tmp-'));
    const out = mkdtempSync(join(tmpdir(), 'mbcheck-interrupt-out-'));
    const run = startReport(['examples/steel-credit-transition.yaml', '--output', join(out, 'x.pdf')], privateTmp);
    // Interrupt once Chromium runs: its directory exists and it has started its helpers (a wrapper script's
    // own short-lived commands share the process group too, but have no --type).
    const helpersStarted = () => chromiumOf(run.child.pid!, privateTmp).some((leader) => processesOfRun(privateTmp).some((pid) => stat(pid)?.pgrp === leader && commandLine(pid).includes('--type=')));
    await until(() => run.child.exitCode !== null || (readdirSync(privateTmp).length > 0 && helpersStarted()), 'Chromium to start');
    expect(run.child.exitCode).toBeNull();
    const chromium = processesOfRun(privateTmp).filter((pid) => pid !== run.child.pid);
    run.child.kill(signal);
    expect(await run.exited, run.stderr()).toBe(exitCode);
    expect(run.stderr()).toContain(`interrupted (${signal})`);
    expect(readdirSync(privateTmp)).toEqual([]);
    expect(chromium.filter(running)).toEqual([]);
    expect(processesOfRun(privateTmp)).toEqual([]);
    expect(existsSync(join(out, 'x.pdf'))).toBe(false);
    expect(readdirSync(out)).toEqual([]);
  });

  it('removes the profile directory at a normal end too', async () => {
    const privateTmp = mkdtempSync(join(tmpdir(), 'mbcheck-normal-tmp-'));
    const out = mkdtempSync(join(tmpdir(), 'mbcheck-normal-out-'));
    const run = startReport(['examples/steel-credit-transition.yaml', '--output', join(out, 'x.pdf')], privateTmp);
    expect(await run.exited, run.stderr()).toBe(0);
    expect(readFileSync(join(out, 'x.pdf')).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(readdirSync(privateTmp)).toEqual([]);
    expect(processesOfRun(privateTmp)).toEqual([]);
  });
});

describe('a batch of reports whose browser is killed part-way', () => {
  it('starts a new browser and still writes every report', async () => {
    const privateTmp = mkdtempSync(join(tmpdir(), 'mbcheck-crash-tmp-'));
    const inputs = mkdtempSync(join(tmpdir(), 'mbcheck-crash-in-'));
    const out = mkdtempSync(join(tmpdir(), 'mbcheck-crash-out-'));
    const names = ['a', 'b', 'c', 'd', 'e', 'f'];
    for (const name of names) copyFileSync('examples/steel-credit-transition.yaml', join(inputs, `${name}.yaml`));
    const run = startReport([...names.map((name) => join(inputs, `${name}.yaml`)), '--output', out, '-j', '1'], privateTmp);
    // Killed once the first report is written: the browser is then at work on the second, or about to be.
    await until(() => run.child.exitCode !== null || existsSync(join(out, 'a.pdf')), 'the first report');
    const chromium = chromiumOf(run.child.pid!, privateTmp);
    expect(chromium.length).toBeGreaterThan(0);
    for (const pid of chromium) process.kill(pid, 'SIGKILL');
    expect(await run.exited, run.stderr()).toBe(0);
    expect(readdirSync(out).sort()).toEqual(names.map((name) => `${name}.pdf`));
    for (const name of names) expect(readFileSync(join(out, `${name}.pdf`)).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(readdirSync(privateTmp)).toEqual([]);
  });
});

describe('retryIfBrowserCrashed', () => {
  const lines: string[] = [];
  const log = (line: string) => lines.push(line);
  const failing = (errors: unknown[]) => async () => {
    const next = errors.shift();
    if (next) throw next;
    return 'rendered';
  };

  it('renders once more after a crash, and says so', async () => {
    await expect(retryIfBrowserCrashed(failing([browserCrashed()]), log, 'a.yaml')).resolves.toBe('rendered');
    expect(lines.at(-1)).toMatch(/^mbcheck: a\.yaml: the browser stopped while rendering; trying once more/);
  });

  it('gives up after a second crash, and never retries other failures', async () => {
    await expect(retryIfBrowserCrashed(failing([browserCrashed(), browserCrashed()]), log, 'a.yaml')).rejects.toMatchObject({ code: 'browser-crashed' });
    const unreadable = new MbcheckError('unreadable', 'a.yaml: cannot read', 'io');
    await expect(retryIfBrowserCrashed(failing([unreadable]), log, 'a.yaml')).rejects.toBe(unreadable);
  });
});
