// The limits over real HTTP on loopback: each refusal is answered, and the server goes on answering afterwards.
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
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

  /** Sends ten 1 MiB chunks without a Content-Length; resolves with the status, or the error that came instead. */
  function sendChunked(): Promise<number | string> {
    return new Promise((resolve) => {
      const req = httpRequest(`${base}/v1/check?asOf=${ASOF}`, { method: 'POST', headers: { ...YAML, 'transfer-encoding': 'chunked' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
      const chunk = Buffer.alloc(1024 * 1024, 'a');
      let sent = 0;
      const pump = () => {
        while (sent < 10 && req.write(chunk)) sent++;
        if (sent < 10) req.once('drain', () => (sent++, pump()));
        else req.end();
      };
      pump();
    });
  }

  it('answers a 10 MB chunked body (no Content-Length) 413, every time, and keeps serving', async () => {
    // A server that hung up at once would reset the connection over the unsent chunks, and now and then the reset
    // would beat the answer (EPIPE or ECONNRESET instead of 413): repeated, to catch that race.
    const statuses: Array<number | string> = [];
    for (let attempt = 0; attempt < 25; attempt++) statuses.push(await sendChunked());
    expect(statuses).toEqual(Array(25).fill(413));
    await stillServing();
  });

  it('cuts a client that goes on sending after its 413, so it cannot hold the connection', async () => {
    const { port } = new URL(base);
    const outcome = await new Promise<{ answer: string; closedBy: string }>((resolve) => {
      // A raw socket that stays half-open when the server stops sending, and never stops itself: only the
      // server's lingering limit can close this connection.
      const socket = connect({ host: '127.0.0.1', port: Number(port), allowHalfOpen: true });
      let answer = '';
      let closedBy = 'server';
      socket.on('data', (data) => (answer += data.toString('latin1')));
      socket.on('error', (error: NodeJS.ErrnoException) => (closedBy = error.code ?? 'error'));
      socket.write(`POST /v1/check?asOf=${ASOF} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/yaml\r\nTransfer-Encoding: chunked\r\n\r\n`);
      const chunk = `10000\r\n${'a'.repeat(0x10000)}\r\n`;
      const feed = setInterval(() => socket.write(chunk), 5);
      socket.on('close', () => {
        clearInterval(feed);
        resolve({ answer: answer.split('\r\n')[0] ?? '', closedBy });
      });
    });
    expect(outcome.answer).toBe('HTTP/1.1 413 Payload Too Large');
    expect(['server', 'ECONNRESET', 'EPIPE']).toContain(outcome.closedBy);
    await stillServing();
  });

  it('answers a body that trickles in 408 soon after --request-timeout-ms, not up to 30 s later', async () => {
    // Node checks for overdue requests every 30 s unless told otherwise: the 408 of a 2 s limit came after 30 to 60 s.
    const port = new URL(slowBase).port;
    const started = Date.now();
    const answer = await new Promise<string>((resolve) => {
      const socket = connect({ host: '127.0.0.1', port: Number(port) });
      let received = '';
      socket.on('data', (data) => (received += data.toString('latin1')));
      socket.on('error', () => undefined);
      socket.write(`POST /v1/check?asOf=${ASOF} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/yaml\r\nContent-Length: 100000\r\n\r\n`);
      const feed = setInterval(() => socket.write('#'), 200);
      socket.on('close', () => {
        clearInterval(feed);
        resolve(received.split('\r\n')[0] ?? '');
      });
    });
    expect(answer).toBe('HTTP/1.1 408 Request Timeout');
    // Generous for a busy machine, and still well short of the 30 s the old check interval allowed.
    expect(Date.now() - started).toBeLessThan(20_000);
    await stillServing();
  }, 60_000);

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
