// The limits over real HTTP on loopback: each refusal is answered, and the server goes on answering afterwards.
import { request as httpRequest } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkSource } from '../../src/check.js';
import { ASOF, aliasBomb, creditYaml, expectErrorShape, gate, listen, quietApp, YAML } from './helpers.js';

const held = gate();
let app: FastifyInstance;
let base: string;
let slow: FastifyInstance;
let slowBase: string;
beforeAll(async () => {
  app = quietApp();
  base = await listen(app);
  // A check held back for one marked declaration, to overrun a short time limit on demand.
  slow = quietApp({
    requestTimeoutMs: 2_000,
    check: async (source, options, rulesets) => {
      if (source.text.includes('# hold me')) await held.wait;
      return checkSource(source, options, rulesets);
    },
  });
  slowBase = await listen(slow);
  // The first check of a process compiles the schema and the rulesets: keep that out of the timed requests.
  await checkSource({ name: 'warm.yaml', text: creditYaml.toString('utf8'), sha256: '' }, { asOf: ASOF });
});
afterAll(async () => {
  held.open();
  await Promise.all([app.close(), slow.close()]);
});

async function stillServing(): Promise<void> {
  const health = await fetch(`${base}/healthz`);
  expect(health.status).toBe(200);
  expect(await health.json()).toMatchObject({ status: 'ok' });
}

describe('over real HTTP', () => {
  it('answers a 10 MB body 413 and keeps serving', async () => {
    const response = await fetch(`${base}/v1/check?asOf=${ASOF}`, { method: 'POST', body: Buffer.alloc(10 * 1024 * 1024, 'a'), headers: YAML });
    expect(response.status).toBe(413);
    expect(expectErrorShape(await response.json()).code).toBe('body-too-large');
    await stillServing();
  });

  it('answers a 10 MB chunked body (no Content-Length) 413 and keeps serving', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(`${base}/v1/check?asOf=${ASOF}`, { method: 'POST', headers: { ...YAML, 'transfer-encoding': 'chunked' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      // The server may hang up before every chunk is written: that is the point.
      req.on('error', (error: NodeJS.ErrnoException) => (error.code === 'EPIPE' || error.code === 'ECONNRESET' ? undefined : reject(error)));
      const chunk = Buffer.alloc(1024 * 1024, 'a');
      let sent = 0;
      const pump = () => {
        while (sent < 10 && req.write(chunk)) sent++;
        if (sent < 10) req.once('drain', () => (sent++, pump()));
        else req.end();
      };
      pump();
    });
    expect(status).toBe(413);
    await stillServing();
  });

  it('answers a YAML alias bomb 400 and keeps serving', async () => {
    const response = await fetch(`${base}/v1/check?asOf=${ASOF}`, { method: 'POST', body: aliasBomb, headers: YAML });
    expect(response.status).toBe(400);
    expect(expectErrorShape(await response.json()).code).toBe('unparseable');
    await stillServing();
  });

  it('answers 503 timeout when a check overruns, and keeps serving other checks meanwhile', async () => {
    const started = Date.now();
    const response = await fetch(`${slowBase}/v1/check?asOf=${ASOF}`, { method: 'POST', body: `${creditYaml.toString('utf8')}\n# hold me\n`, headers: YAML });
    expect(response.status).toBe(503);
    expect(expectErrorShape(await response.json()).code).toBe('timeout');
    // Answered at the limit, not when the held check would have ended (never, here).
    expect(Date.now() - started).toBeLessThan(30_000);
    expect((await fetch(`${slowBase}/healthz`)).status).toBe(200);
    const next = await fetch(`${slowBase}/v1/check?asOf=${ASOF}`, { method: 'POST', body: creditYaml, headers: YAML });
    expect(next.status).toBe(200);
  });

  it('answers an unsupported media type 415 and an unknown route 404, in JSON', async () => {
    const media = await fetch(`${base}/v1/check`, { method: 'POST', body: 'x', headers: { 'content-type': 'text/plain' } });
    expect(media.status).toBe(415);
    expect(expectErrorShape(await media.json()).code).toBe('unsupported-media-type');
    const missing = await fetch(`${base}/admin`);
    expect(missing.status).toBe(404);
    expect(expectErrorShape(await missing.json()).code).toBe('not-found');
  });
});
