// The shared Chromium's life: started again after it dies, its profile directory ours and removed, and the
// errors of a browser that went away told apart from other failures.
import { mkdtempSync, readdirSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as browser from '../../src/report/browser.js';
import { closeSharedBrowser, isBrowserGone, sharedBrowser } from '../../src/report/browser.js';
import { renderPdf } from '../../src/report/pdf.js';

const html = '<!doctype html><title>t</title><p>a page</p>';
const isPdf = (pdf: Buffer) => pdf.subarray(0, 5).toString('latin1') === '%PDF-';

// Each launch makes its profile under os.tmpdir(), which follows TMPDIR: a private one shows what is left behind.
const outerTmp = process.env['TMPDIR'];
let privateTmp: string;
beforeAll(() => {
  privateTmp = mkdtempSync(join(tmpdir(), 'mbcheck-browser-test-'));
  process.env['TMPDIR'] = privateTmp;
});
afterAll(async () => {
  await closeSharedBrowser();
  if (outerTmp === undefined) delete process.env['TMPDIR'];
  else process.env['TMPDIR'] = outerTmp;
});

describe('the shared browser', () => {
  it('keeps its profile and temporary files in a directory of its own under the temporary directory, removed when it closes', async () => {
    await closeSharedBrowser();
    const running = await sharedBrowser();
    const own = readdirSync(privateTmp);
    expect(own).toHaveLength(1);
    expect(running.process()!.spawnargs).toContain(`--user-data-dir=${join(privateTmp, own[0]!, 'profile')}`);
    await closeSharedBrowser();
    expect(readdirSync(privateTmp)).toEqual([]);
  });

  it('is launched again after it is killed while idle, and the dead one leaves no profile behind', async () => {
    await closeSharedBrowser();
    expect(isPdf(await renderPdf(html))).toBe(true);
    const before = browser.launches;
    const dead = await sharedBrowser();
    const exited = once(dead.process()!, 'exit');
    dead.process()!.kill('SIGKILL');
    expect(isPdf(await renderPdf(html))).toBe(true);
    expect(browser.launches - before).toBe(1);
    expect(await sharedBrowser()).not.toBe(dead);
    await exited;
    await closeSharedBrowser();
    expect(readdirSync(privateTmp)).toEqual([]);
  });

  it('turns a render the browser died under into browser-crashed, and renders the next one', async () => {
    const running = await sharedBrowser();
    running.once('targetcreated', () => running.process()!.kill('SIGKILL'));
    await expect(renderPdf(html)).rejects.toMatchObject({ name: 'MbcheckError', code: 'browser-crashed', message: expect.stringMatching(/retry/i) });
    expect(isPdf(await renderPdf(html))).toBe(true);
  });
});

describe('isBrowserGone', () => {
  it.each([
    ['ConnectionClosedError', 'Connection closed.'],
    ['TargetCloseError', 'Protocol error (Page.printToPDF): Target closed'],
    ['ProtocolError', 'Protocol error (Runtime.callFunctionOn): Session closed. Most likely the page has been closed.'],
    ['Error', 'Navigating frame was detached'],
  ])('says a %s (%s) means the browser went away', (name, message) => {
    expect(isBrowserGone(Object.assign(new Error(message), { name }))).toBe(true);
  });

  it('leaves other failures alone', () => {
    expect(isBrowserGone(Object.assign(new Error('Navigation timeout of 60000 ms exceeded'), { name: 'TimeoutError' }))).toBe(false);
    expect(isBrowserGone(new TypeError('x is undefined'))).toBe(false);
    expect(isBrowserGone(undefined)).toBe(false);
  });
});
