// Checks run in worker threads: a long one holds up no other request, and the time limit ends it for real (its
// thread is ended and replaced), so the next checks are served as before.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml, stringify } from 'yaml';
import { ASOF, creditYaml, expectErrorShape, listen, quietApp, YAML } from './helpers.js';

/**
 * The credit example with its ledger lines repeated to about 12 MB of YAML (each line a flow mapping): many
 * seconds of parsing, far beyond the time limit below on any machine, while a small check stays far within it.
 */
function longYaml(): string {
  const example = parseYaml(creditYaml.toString('utf8'));
  const count = 40_000;
  const lines = (kind: string, line: object) => Array.from({ length: count }, (_, i) => `    - ${JSON.stringify({ ...line, id: `${kind}-${i}`, quantity: kind === 'out' ? 0.001 : 1 })}`).join('\n');
  return stringify({ ...example, ledger: { ...example.ledger, inputs: ['INPUTS'], outputs: ['OUTPUTS'] } }, { aliasDuplicateObjects: false })
    .replace('    - INPUTS', lines('in', example.ledger.inputs[0]))
    .replace('    - OUTPUTS', lines('out', example.ledger.outputs[0]));
}

let app: FastifyInstance;
let base: string;
beforeAll(async () => {
  app = quietApp({ checkWorkers: 1, requestTimeoutMs: 2_000, maxBodyBytes: 32 * 1024 * 1024, maxLedgerLines: 1_000_000 });
  base = await listen(app);
});
afterAll(() => app.close());

describe('checks in worker threads', () => {
  it('answers 503 at the time limit, serves the health check meanwhile, and checks again after', async () => {
    const body = longYaml();
    expect(body.length).toBeGreaterThan(10e6);
    const events: string[] = [];
    const long = fetch(`${base}/v1/check?asOf=${ASOF}`, { method: 'POST', body, headers: YAML }).then(async (response) => {
      events.push(`check ${response.status}`);
      return response;
    });
    // The server's thread is free while the worker parses: the health check is answered before the check.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const health = await fetch(`${base}/healthz`);
    events.push(`health ${health.status}`);
    const response = await long;
    expect(events).toEqual(['health 200', 'check 503']);
    expect(expectErrorShape(await response.json()).code).toBe('timeout');
    // The thread that ran it was ended and replaced: a small check is judged as before.
    const next = await fetch(`${base}/v1/check?asOf=${ASOF}`, { method: 'POST', body: creditYaml, headers: YAML });
    expect(next.status).toBe(200);
    expect(((await next.json()) as { verdict: string }).verdict).toBe('pass');
  });

  it('gives the same result as the server\'s own thread, errors included', async () => {
    const inThread = quietApp({ checkWorkers: 0 });
    const inThreadBase = await listen(inThread);
    try {
      for (const [body, type] of [[creditYaml, YAML], ['schemaVersion: "1"\nid: x\n', YAML], [Buffer.from([0xff, 0xfe, 0x00]), YAML], ['{"a": ', { 'content-type': 'application/json' }]] as const) {
        const [ours, theirs] = await Promise.all([base, inThreadBase].map((b) => fetch(`${b}/v1/check?asOf=${ASOF}`, { method: 'POST', body, headers: type })));
        expect(ours!.status).toBe(theirs!.status);
        expect(await ours!.json()).toEqual(await theirs!.json());
      }
    } finally {
      await inThread.close();
    }
  });
});
