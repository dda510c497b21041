// POST /v1/report over real HTTP: a PDF from the shared Chromium, HTML without it, and the render queue's limits.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeSharedBrowser } from '../../src/report/browser.js';
import type { RenderFunction } from '../../src/serve/options.js';
import { ASOF, creditYaml, expectErrorShape, gate, listen, quietApp, YAML } from './helpers.js';

const post = (base: string, query: string, body: Buffer | string = creditYaml) => fetch(`${base}/v1/report?${query}`, { method: 'POST', body, headers: YAML });

describe('with the shared Chromium', () => {
  let app: FastifyInstance;
  let base: string;
  beforeAll(async () => {
    app = quietApp();
    base = await listen(app);
  });
  afterAll(async () => {
    await app.close();
    await closeSharedBrowser();
  });

  it('answers a PDF, with the verdict and the sha256 of the declaration in headers', async () => {
    const response = await post(base, `asOf=${ASOF}&pageSize=letter`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('mbcheck-verdict')).toBe('pass');
    expect(response.headers.get('mbcheck-declaration-sha256')).toMatch(/^[0-9a-f]{64}$/);
    expect(response.headers.get('content-disposition')).toBe('inline; filename="acme-hrc-2026.pdf"');
    const pdf = Buffer.from(await response.arrayBuffer());
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // US Letter is 612 x 792 points.
    expect(pdf.toString('latin1')).toMatch(/\/MediaBox \[0 0 612 792\]/);
  });

  it('answers self-contained HTML with format=html, locked down by a content security policy', async () => {
    const response = await post(base, `asOf=${ASOF}&format=html`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(await response.text()).toContain('acme-hrc-2026');
  });

  it('answers 422 with the result for an invalid declaration, and 400 for a bad format', async () => {
    const invalid = await post(base, `asOf=${ASOF}`, 'schemaVersion: "1"\nid: x\n');
    expect(invalid.status).toBe(422);
    expect(expectErrorShape(await invalid.json()).code).toBe('invalid-declaration');
    const badFormat = await post(base, `asOf=${ASOF}&format=docx`);
    expect(badFormat.status).toBe(400);
    expect(expectErrorShape(await badFormat.json()).message).toBe('format must be one of pdf, html; got "docx"');
  });
});

/** A renderer that reports each call and finishes only when the test opens its gate. */
function heldRenderer() {
  const calls: Array<ReturnType<typeof gate>> = [];
  let announce: () => void = () => undefined;
  const render: RenderFunction = async () => {
    const held = gate();
    calls.push(held);
    announce();
    await held.wait;
    return Buffer.from('%PDF-1.7 held\n');
  };
  const nthCall = (n: number) =>
    new Promise<void>((resolve) => {
      const check = () => (calls.length >= n ? resolve() : (announce = check));
      check();
    });
  return { render, calls, nthCall };
}

describe('the render queue', () => {
  it('answers 429 with Retry-After when every slot and the wait line are taken, and serves again after', async () => {
    const held = heldRenderer();
    const app = quietApp({ maxConcurrentRenders: 1, maxQueuedRenders: 0, renderPdf: held.render });
    const base = await listen(app);
    const first = post(base, `asOf=${ASOF}`);
    await held.nthCall(1);
    const refused = await post(base, `asOf=${ASOF}`);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(expectErrorShape(await refused.json()).code).toBe('busy');
    expect(refused.headers.get('mbcheck-verdict')).toBeNull();
    // HTML needs no renderer and is never queued.
    expect((await post(base, `asOf=${ASOF}&format=html`)).status).toBe(200);
    held.calls[0]!.open();
    expect((await first).status).toBe(200);
    const again = post(base, `asOf=${ASOF}`);
    await held.nthCall(2);
    held.calls[1]!.open();
    expect((await again).status).toBe(200);
    await app.close();
  });

  it('lets a request wait in line for a slot, and serves it when the slot frees', async () => {
    const held = heldRenderer();
    const app = quietApp({ maxConcurrentRenders: 1, maxQueuedRenders: 4, renderPdf: held.render });
    const base = await listen(app);
    const first = post(base, `asOf=${ASOF}`);
    await held.nthCall(1);
    const second = post(base, `asOf=${ASOF}`);
    held.calls[0]!.open();
    await held.nthCall(2);
    held.calls[1]!.open();
    expect((await first).status).toBe(200);
    expect((await second).status).toBe(200);
    await app.close();
  });

  it('answers 503 timeout for a render that overruns, and keeps its slot until the render really ends', async () => {
    const held = heldRenderer();
    const app = quietApp({ maxConcurrentRenders: 1, maxQueuedRenders: 0, requestTimeoutMs: 3_000, renderPdf: held.render });
    const base = await listen(app);
    const overrun = await post(base, `asOf=${ASOF}`);
    expect(overrun.status).toBe(503);
    expect(expectErrorShape(await overrun.json()).code).toBe('timeout');
    // Chromium is still busy with the abandoned render: a new one must not start beside it.
    expect((await post(base, `asOf=${ASOF}`)).status).toBe(429);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    held.calls[0]!.open();
    await new Promise((resolve) => setImmediate(resolve));
    const after = post(base, `asOf=${ASOF}`);
    await held.nthCall(2);
    held.calls[1]!.open();
    expect((await after).status).toBe(200);
    await app.close();
  });
});
