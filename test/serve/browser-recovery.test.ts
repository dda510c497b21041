// The service outlives its Chromium: a browser killed idle or mid-render is started again, the render it took
// down is answered 503 browser-crashed, and /healthz says 503 while no browser can be started.
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as browser from '../../src/report/browser.js';
import { closeSharedBrowser, sharedBrowser } from '../../src/report/browser.js';
import { renderPdf } from '../../src/report/pdf.js';
import type { RenderFunction } from '../../src/serve/options.js';
import { ASOF, creditYaml, expectErrorShape, listen, quietApp, YAML } from './helpers.js';

const postPdf = (base: string) => fetch(`${base}/v1/report?asOf=${ASOF}`, { method: 'POST', body: creditYaml, headers: YAML });

async function expectPdf(response: Response): Promise<void> {
  expect(response.status, await response.clone().text().catch(() => '')).toBe(200);
  expect(Buffer.from(await response.arrayBuffer()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
}

async function killBrowser(): Promise<void> {
  (await sharedBrowser()).process()!.kill('SIGKILL');
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('a browser that dies', () => {
  let app: FastifyInstance;
  let base: string;
  // The first render only: its browser is killed as soon as the render opens its page.
  let killDuringNextRender = false;
  const renderer: RenderFunction = async (html, options) => {
    if (killDuringNextRender) {
      killDuringNextRender = false;
      const running = await sharedBrowser();
      running.once('targetcreated', () => running.process()!.kill('SIGKILL'));
    }
    return renderPdf(html, options);
  };
  beforeAll(async () => {
    app = quietApp({ renderPdf: renderer });
    base = await listen(app);
  });
  afterAll(async () => {
    await app.close();
    await closeSharedBrowser();
  });

  it('is started again: the service keeps serving PDFs after its browser is killed twice in a row', async () => {
    await expectPdf(await postPdf(base));
    await killBrowser();
    await expectPdf(await postPdf(base));
    await killBrowser();
    await expectPdf(await postPdf(base));
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  });

  it('answers the render it took down 503 browser-crashed, says to retry, and serves the retry', async () => {
    await expectPdf(await postPdf(base));
    killDuringNextRender = true;
    const crashed = await postPdf(base);
    expect(crashed.status).toBe(503);
    expect(crashed.headers.get('retry-after')).toBe('1');
    const error = expectErrorShape(await crashed.json());
    expect(error.code).toBe('browser-crashed');
    expect(error.message).toMatch(/retry/i);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    await expectPdf(await postPdf(base));
  });
});

describe('GET /healthz and a browser that cannot start', () => {
  let app: FastifyInstance;
  let base: string;
  const configured = process.env['PUPPETEER_EXECUTABLE_PATH'];
  beforeAll(async () => {
    app = quietApp();
    base = await listen(app);
  });
  afterEach(async () => {
    if (configured === undefined) delete process.env['PUPPETEER_EXECUTABLE_PATH'];
    else process.env['PUPPETEER_EXECUTABLE_PATH'] = configured;
    await closeSharedBrowser();
  });
  afterAll(() => app.close());

  it('answers 503 with the reason once a launch failed, without launching on every probe, and 200 once one starts', async () => {
    await closeSharedBrowser();
    process.env['PUPPETEER_EXECUTABLE_PATH'] = '/bin/false';
    // No PDF was asked for yet: the probe starts no browser, and has nothing against this one.
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const refused = await postPdf(base);
    expect(refused.status).toBe(503);
    expect(expectErrorShape(await refused.json()).code).toBe('browser-failed');
    const launchesAfterRender = browser.launches;
    for (let i = 0; i < 3; i++) {
      const probe = await fetch(`${base}/healthz`);
      expect(probe.status).toBe(503);
      const error = expectErrorShape(await probe.json());
      expect(error.code).toBe('browser-failed');
      expect(error.message).toContain('/bin/false');
    }
    expect(browser.launches).toBe(launchesAfterRender);
    // The operator fixes the browser: the next probe after the retry interval launches it, and says so.
    process.env['PUPPETEER_EXECUTABLE_PATH'] = configured ?? '/usr/bin/chromium';
    await sleep(browser.LAUNCH_RETRY_MS + 200);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect(browser.launches).toBeGreaterThan(launchesAfterRender);
    await expectPdf(await postPdf(base));
  });

  it('answers 503 no-browser when the configured browser does not exist', async () => {
    await closeSharedBrowser();
    process.env['PUPPETEER_EXECUTABLE_PATH'] = '/nonexistent/chromium';
    const refused = await postPdf(base);
    expect(refused.status).toBe(503);
    expect(expectErrorShape(await refused.json()).code).toBe('no-browser');
    const probe = await fetch(`${base}/healthz`);
    expect(probe.status).toBe(503);
    expect(expectErrorShape(await probe.json())).toMatchObject({ code: 'no-browser', message: expect.stringContaining('/nonexistent/chromium') });
  });
});
