// 10,000 checks over real keep-alive HTTP at a concurrency of 16: every one answered 2xx, no memory or handle left behind.
import { Agent, request } from 'node:http';
import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';
import { expect, it } from 'vitest';
import { buildApp } from '../../src/serve/app.js';
import { ASOF, creditYaml } from './helpers.js';

const TOTAL = 10_000;
const CONCURRENCY = 16;
const WARM_UP = 500;
/** Heap growth allowed over the run, after a full collection: a leak of 2 KB per request would exceed it. */
const HEAP_GROWTH_LIMIT = 16 * 1024 * 1024;

function collector(): () => void {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (exposed) return exposed;
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

async function settledHeap(gc: () => void): Promise<number> {
  // Several passes, with turns of the event loop between, so finalizers and weak references settle.
  for (let i = 0; i < 4; i++) {
    gc();
    await new Promise((resolve) => setImmediate(resolve));
  }
  return process.memoryUsage().heapUsed;
}

function resourceCounts(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const type of process.getActiveResourcesInfo()) counts[type] = (counts[type] ?? 0) + 1;
  return counts;
}

function post(agent: Agent, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ agent, host: '127.0.0.1', port, method: 'POST', path: `/v1/check?asOf=${ASOF}`, headers: { 'content-type': 'application/yaml', 'content-length': creditYaml.length } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(creditYaml);
  });
}

async function run(agent: Agent, port: number, count: number): Promise<Map<number, number>> {
  const statuses = new Map<number, number>();
  let next = 0;
  const worker = async () => {
    while (next < count) {
      next++;
      const status = await post(agent, port);
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return statuses;
}

it(`answers ${TOTAL} checks at a concurrency of ${CONCURRENCY} over keep-alive, all 2xx, without leaking`, async () => {
  const gc = collector();
  const before = resourceCounts();
  // Logging on, to a sink: the log line is part of every request's cost.
  const app = buildApp({ logStream: { write: () => true } });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.server.address() as { port: number }).port;
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  let connections = 0;
  app.server.on('connection', () => connections++);

  const warm = await run(agent, port, WARM_UP);
  expect([...warm.keys()]).toEqual([200]);
  const heapBefore = await settledHeap(gc);

  const started = performance.now();
  const statuses = await run(agent, port, TOTAL);
  const seconds = (performance.now() - started) / 1000;

  const heapAfter = await settledHeap(gc);
  const growth = heapAfter - heapBefore;
  const mib = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
  console.log(`load: ${TOTAL} checks in ${seconds.toFixed(1)} s (${Math.round(TOTAL / seconds)}/s) over ${connections} connections; heap ${mib(heapBefore)} -> ${mib(heapAfter)} MiB (${growth >= 0 ? '+' : ''}${mib(growth)})`);

  expect(Object.fromEntries(statuses)).toEqual({ 200: TOTAL });
  // Keep-alive: the connections were reused, not one per request.
  expect(connections).toBeLessThanOrEqual(CONCURRENCY * 2);
  expect(growth).toBeLessThan(HEAP_GROWTH_LIMIT);

  agent.destroy();
  await app.close();
  const openConnections = await new Promise<number>((resolve, reject) => app.server.getConnections((error, count) => (error ? reject(error) : resolve(count))));
  expect(openConnections).toBe(0);
  // No socket, server or timer of the run is still open (a deadline timer per request would show here).
  await new Promise((resolve) => setTimeout(resolve, 50));
  const after = resourceCounts();
  for (const type of ['TCPSocketWrap', 'TCPServerWrap', 'Timeout']) expect(after[type] ?? 0, type).toBeLessThanOrEqual((before[type] ?? 0) + 1);
}, 240_000);
