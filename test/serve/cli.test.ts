// `mbcheck serve` as an operator runs it: the built bin listens, logs JSON lines, and closes cleanly on SIGTERM.
import { spawn, spawnSync } from 'node:child_process';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';

describe('mbcheck serve', () => {
  it('says in its help that a container needs --host 0.0.0.0, and lists the limits', () => {
    const run = spawnSync(process.execPath, ['bin/mbcheck.js', 'serve', '--help'], { encoding: 'utf8' });
    expect(run.status).toBe(0);
    for (const flag of ['--port', '--host', '0.0.0.0', 'container', '--max-body-bytes', '--max-ledger-lines', '--max-concurrent-renders', '--request-timeout-ms', '--log-level']) {
      expect(run.stdout).toContain(flag);
    }
  });

  it('refuses a malformed limit with exit code 2 and a message naming it', () => {
    const run = spawnSync(process.execPath, ['bin/mbcheck.js', 'serve', '--max-ledger-lines', '-5'], { encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--max-ledger-lines');
  });

  it('listens, answers, logs one JSON line per request, and exits 0 on SIGTERM', async () => {
    const child = spawn(process.execPath, ['bin/mbcheck.js', 'serve', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const lines: Array<Record<string, unknown>> = [];
    const waiters: Array<() => void> = [];
    createInterface({ input: child.stdout }).on('line', (line) => {
      lines.push(JSON.parse(line) as Record<string, unknown>);
      for (const wake of waiters.splice(0)) wake();
    });
    const lineWhere = (test: (l: Record<string, unknown>) => boolean) =>
      new Promise<Record<string, unknown>>((resolve) => {
        const look = () => {
          const found = lines.find(test);
          if (found) resolve(found);
          else waiters.push(look);
        };
        look();
      });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));

    const listening = await lineWhere((l) => typeof l['url'] === 'string' && 'limits' in l);
    const url = listening['url'] as string;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(listening['limits']).toEqual({ maxBodyBytes: 5242880, maxLedgerLines: 100000, maxConcurrentRenders: 2, maxQueuedRenders: 4, requestTimeoutMs: 30000 });
    const health = await fetch(`${url}/healthz`);
    expect(health.status).toBe(200);
    expect(await lineWhere((l) => l['msg'] === 'request')).toMatchObject({ method: 'GET', url: '/healthz', status: 200 });

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(lines.some((l) => l['msg'] === 'mbcheck serve: closed')).toBe(true);
  });
});
