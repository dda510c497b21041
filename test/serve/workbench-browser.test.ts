// The workbench in a real browser: the system Chromium (driven by Puppeteer) against a service on a loopback port.
// A shared link of the stacked example shows its integrity failure by rule id; a schema error typed in the editor
// is marked at its line; the PDF and JSON downloads are what the service answers; nothing is loaded from elsewhere.
// Skipped only when no Chromium is installed (see findBrowser); screenshots go to test-artifacts/workbench/ (or MBCHECK_SCREENSHOTS=DIR).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleBytes } from './helpers.js';
import { chromium, linkTo, startWorkbench, WAIT, type Workbench } from './workbenchHarness.js';

const executablePath = chromium();
const stacked = exampleBytes('steel-stacked-100-percent.yaml');
const sharedLink = (base: string) => linkTo(base, 'steel-stacked-100-percent.yaml');

describe.skipIf(!executablePath)('the workbench in Chromium', () => {
  let bench: Workbench;
  let base: string;
  const openPage = (url: string, width?: number, height?: number) => bench.openPage(url, width, height);
  const waitForFile = (suffix: string) => bench.waitForFile(suffix);

  beforeAll(async () => {
    bench = await startWorkbench(executablePath!);
    base = bench.base;
  });

  afterAll(async () => {
    await bench?.close();
  });

  const failure = '#result [data-rule-id="integrity/no-stacked-attribution"]';

  it('opens a shared link checked: the integrity failure with its rule id, and no request outside the service', async () => {
    const { page, outside, violations } = await openPage(sharedLink(base));
    await page.waitForSelector(failure, WAIT);
    expect(await page.$eval(`${failure} .rule-id`, (node) => node.textContent)).toBe('integrity/no-stacked-attribution');
    const item = await page.$eval(failure, (node) => node.textContent ?? '');
    expect(item).toContain('Remedy:');
    expect(item).toContain('Citation:');
    expect(await page.$eval('#verdict', (node) => node.textContent)).toMatch(/^FAIL stacked-100-2026/);
    expect(await page.$eval('.cm-content', (node) => node.textContent)).toContain('id: stacked-100-2026');
    // The failing rulesets come first, and within one its shall failures before should and may.
    const levels = await page.$$eval('#result section.ruleset:first-of-type > ul.findings > li .badge[class*="level-"]', (nodes) => nodes.map((n) => n.textContent));
    expect(levels.length).toBeGreaterThan(0);
    expect([...levels].sort((a, b) => ['shall', 'should', 'may'].indexOf(a!) - ['shall', 'should', 'may'].indexOf(b!))).toEqual(levels);
    expect(outside).toEqual([]);
    expect(await violations()).toEqual([]);
    await bench.screenshot(page, 'workbench-1280x800');
    await page.close();
  });

  it('labels every control, and fits a narrow window', async () => {
    const { page } = await openPage(sharedLink(base), 420, 900);
    await page.waitForSelector(failure, WAIT);
    const unnamed = await page.evaluate(`
      [...document.querySelectorAll('button, select, input, [contenteditable="true"]')]
        .filter((node) => !(node.labels?.length || node.getAttribute('aria-label') || node.getAttribute('aria-labelledby') || node.textContent.trim()))
        .map((node) => node.outerHTML.slice(0, 120))
    `);
    expect(unnamed).toEqual([]);
    expect(await page.$$eval('main > section[aria-labelledby]', (nodes) => nodes.length)).toBe(3);
    expect(await page.$eval('#status', (node) => node.getAttribute('role'))).toBe('status');
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(420);
    await bench.screenshot(page, 'workbench-420-wide', true);
    await page.close();
  });

  it('marks a schema error typed in the editor at its line, and a click on the problem goes there', async () => {
    const { page } = await openPage(sharedLink(base));
    await page.waitForSelector(failure, WAIT);
    // The example ends with a newline: Ctrl+End is the empty line after its last, where the typing lands.
    const line = stacked.toString('utf8').split('\n').length;
    await page.click('.cm-content');
    await page.keyboard.down('Control');
    await page.keyboard.press('End');
    await page.keyboard.up('Control');
    await page.keyboard.type('bogusField: 1');
    await page.waitForSelector('.cm-line .cm-lintRange-error', WAIT);
    expect(await page.$eval('.cm-line .cm-lintRange-error', (node) => node.closest('.cm-line')?.textContent)).toBe('bogusField: 1');
    const problem = await page.waitForSelector(`#result button.goto[data-line="${line}"]`, WAIT);
    expect(await problem!.evaluate((node) => node.textContent)).toContain(`line ${line}`);
    expect(await page.$eval('#status', (node) => node.textContent)).toMatch(/^Not valid: 1 problem/);
    // The link follows the text.
    expect(Buffer.from(new URL(page.url()).hash.replace(/^#declaration=/, ''), 'base64url').toString('utf8')).toContain('bogusField: 1');
    await page.keyboard.down('Control');
    await page.keyboard.press('Home');
    await page.keyboard.up('Control');
    await problem!.click();
    await page.waitForFunction(`document.querySelector('.cm-activeLine')?.textContent === 'bogusField: 1'`, WAIT);
    await page.close();
  });

  it('downloads the PDF report and the JSON result of the declaration', async () => {
    const { page } = await openPage(sharedLink(base));
    await page.waitForSelector(failure, WAIT);
    await page.waitForSelector('#download-json:not([disabled])', WAIT);
    await page.click('#download-json');
    const json = JSON.parse(readFileSync(await waitForFile('.result.json'), 'utf8')) as { declaration: { id: string }; verdict: string };
    expect(json).toMatchObject({ declaration: { id: 'stacked-100-2026' }, verdict: 'fail' });
    await page.click('#download-pdf');
    const pdf = await waitForFile('.pdf');
    expect(readFileSync(pdf).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' })).toContain('stacked-100-2026');
    await page.waitForFunction(`/^Downloaded /.test(document.getElementById('status').textContent)`, WAIT);
    await page.close();
  });

  it('opens a bundled example from the list, and writes it into the link', async () => {
    const { page } = await openPage(`${base}/`);
    await page.waitForSelector('#example:not([disabled])', WAIT);
    await page.select('#example', 'cocoa-unknown-origin.yaml');
    await page.click('#open-example');
    await page.waitForSelector('#result [data-rule-id^="eudr/"]', WAIT);
    const hash = new URL(page.url()).hash;
    expect(Buffer.from(hash.replace(/^#declaration=/, ''), 'base64url').toString('utf8')).toBe(readFileSync('examples/cocoa-unknown-origin.yaml', 'utf8'));
    await page.close();
  });

  it('keeps the example named in the list while it is edited, and lets it go once a paste or a link replaces the text', async () => {
    const { page } = await openPage(`${base}/`);
    const chosen = () => page.$eval('#example', (node) => (node as unknown as { value: string }).value);
    const open = async () => {
      await page.select('#example', 'cocoa-unknown-origin.yaml');
      await page.click('#open-example');
      await page.waitForSelector('#result [data-rule-id^="eudr/"]', WAIT);
    };
    await page.waitForSelector('#example:not([disabled])', WAIT);
    await open();
    await page.click('.cm-content');
    await page.keyboard.down('Control');
    await page.keyboard.press('End');
    await page.keyboard.up('Control');
    await page.keyboard.type('# mine\n');
    expect(await chosen()).toBe('cocoa-unknown-origin.yaml');

    await page.keyboard.down('Control');
    await page.keyboard.press('a');
    await page.keyboard.up('Control');
    await page.evaluate(`(() => {
      const data = new DataTransfer();
      data.setData('text/plain', ${JSON.stringify(stacked.toString('utf8'))});
      document.querySelector('#editor .cm-content').dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    })()`);
    await page.waitForSelector(failure, WAIT);
    expect(await chosen()).toBe('');

    await open();
    expect(await chosen()).toBe('cocoa-unknown-origin.yaml');
    // A link pasted into the address bar: the page stays, the text is the link's.
    await page.evaluate(`location.hash = ${JSON.stringify(new URL(sharedLink(base)).hash)}`);
    await page.waitForSelector(failure, WAIT);
    expect(await chosen()).toBe('');
    await page.close();
  });
});
