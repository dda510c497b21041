// `mbcheck serve` and its Chromium as processes: a browser killed from outside is replaced, and the server
// stopped on SIGTERM leaves no browser directory behind, neither the dead one's nor the last one's.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { ASOF, creditYaml, YAML } from './helpers.js';

function parentOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
}

const childrenOf = (parent: number) =>
  readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .map(Number)
    .filter((pid) => parentOf(pid) === parent);

describe('mbcheck serve with a browser', () => {
  it('replaces a browser killed from outside, and removes every browser directory when it closes on SIGTERM', async () => {
    // A private TMPDIR: what the run leaves behind is what is in it.
    const privateTmp = mkdtempSync(join(tmpdir(), 'mbcheck-serve-tmp-'));
    const child = spawn(process.execPath, ['bin/mbcheck.js', 'serve', '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, TMPDIR: privateTmp } });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const url = await new Promise<string>((resolve) => {
      createInterface({ input: child.stdout }).on('line', (line) => {
        const entry = JSON.parse(line) as Record<string, unknown>;
        if (typeof entry['url'] === 'string' && 'limits' in entry) resolve(entry['url']);
      });
    });
    const postPdf = () => fetch(`${url}/v1/report?asOf=${ASOF}`, { method: 'POST', body: creditYaml, headers: YAML });
    expect((await postPdf()).status).toBe(200);
    expect(readdirSync(privateTmp)).toEqual([expect.stringMatching(/^mbcheck-chromium-/)]);
    // The server's only child process is its Chromium (checks run in threads).
    const chromium = childrenOf(child.pid!);
    expect(chromium).toHaveLength(1);
    process.kill(chromium[0]!, 'SIGKILL');
    expect((await postPdf()).status).toBe(200);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(readdirSync(privateTmp)).toEqual([]);
  });
});
