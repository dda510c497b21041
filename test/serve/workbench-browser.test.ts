// The workbench in a real browser: the system Chromium (driven by Puppeteer) against a service on a loopback port.
// A shared link of the stacked example shows its integrity failure by rule id; a schema error typed in the editor
// is marked at its line; the PDF and JSON downloads are what the service answers; nothing is loaded from elsewhere.
// Skipped only when no Chromium is installed (see findBrowser); screenshots go to test-artifacts/workbench/ (or MBCHECK_SCREENSHOTS=DIR).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { Page } from 'puppeteer-core';
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

  const text = (page: Page, selector: string) => page.$eval(selector, (node) => node.textContent ?? '');
  const downloadsDisabled = (page: Page) => page.$$eval('#download-pdf, #download-json, #download-html, #download-sarif', (nodes) => nodes.map((n) => (n as unknown as { disabled: boolean }).disabled));
  // Page code is written as text: the tests are type-checked without the DOM's types.
  const statusMatches = (pattern: RegExp) => `${pattern}.test(document.getElementById('status').textContent)`;

  it.each([
    ['a ruleset version it does not have', '&ruleset=integrity@9.9.9', /^The link asks for integrity@9\.9\.9; this service has integrity (\d+\.\d+\.\d+, )*1\.1\.0(, \d+\.\d+\.\d+)*: choose one in the options\. Not checked until then\.$/],
    ['a ruleset it does not have', '&ruleset=nosuch', /^The link asks for nosuch; this service has no ruleset nosuch \(it has .*integrity.*\): choose one in the options\. Not checked until then\.$/],
    ['a date that is no date', '&asOf=2026-13-45', /^The link cannot be opened: its as-of date "2026-13-45" is not a date \(YYYY-MM-DD\)/],
  ])('a link that asks for %s says so, checks nothing and keeps the link as it was', async (_what, options, status) => {
    const url = `${sharedLink(base)}${options}`;
    const { page } = await openPage(url);
    await page.waitForFunction(statusMatches(status), WAIT);
    // Long enough for a check the page would wrongly start once the rulesets are listed.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await text(page, '#status')).toMatch(status);
    expect(await page.$('#result #verdict')).toBeNull();
    expect(await downloadsDisabled(page)).toEqual([true, true, true, true]);
    expect(await page.evaluate('location.hash')).toBe(new URL(url).hash);
    await page.close();
  });

  it('lets the person choose in the options for a link it cannot reproduce, and only then writes the link', async () => {
    const url = `${sharedLink(base)}&ruleset=integrity@9.9.9`;
    const { page } = await openPage(url);
    await page.waitForFunction(statusMatches(/^The link asks for integrity@9\.9\.9/), WAIT);
    expect(await page.$eval('#ruleset-integrity', (node) => node.getAttribute('aria-invalid'))).toBe('true');
    await page.select('#ruleset-integrity', '1.1.0');
    await page.waitForSelector(failure, WAIT);
    expect(await text(page, '#status')).toBe('Checked: fail.');
    const fields = new URLSearchParams(String(await page.evaluate('location.hash')).slice(1));
    expect([...fields.keys()]).toEqual(['declaration', 'ruleset']);
    expect(fields.get('ruleset')).toBe('integrity@1.1.0');
    await page.close();
  });

  it('offers the downloads only while the result shown is of the text in the editor', async () => {
    const { page } = await openPage(sharedLink(base));
    await page.waitForSelector(failure, WAIT);
    await page.waitForSelector('#download-json:not([disabled])', WAIT);
    expect(await downloadsDisabled(page)).toEqual([false, false, false, false]);
    // The counts are the report's and the command line's: should and may failures count as failures too.
    const rows = await page.$$eval('#result table.rulesets tbody tr', (trs) => Object.fromEntries(trs.map((tr) => [tr.querySelector('code')?.textContent?.split('@')[0], tr.lastElementChild?.textContent])));
    expect(rows['integrity']).toMatch(/^6 fail \(5 shall, 1 should\), /);
    expect(rows['ghg-protocol']).toMatch(/^1 fail \(1 may, a note\), /);

    await page.click('.cm-content');
    await page.keyboard.down('Control');
    await page.keyboard.press('End');
    await page.keyboard.up('Control');
    await page.keyboard.type('#');
    // Within the pause before the check of the new text, the result shown is of the old one.
    expect(await downloadsDisabled(page)).toEqual([true, true, true, true]);
    await page.waitForSelector('#download-json:not([disabled])', WAIT);
    expect(await text(page, '#status')).toBe('Checked: fail.');
    expect(await downloadsDisabled(page)).toEqual([false, false, false, false]);

    // Not checked (no ruleset chosen): the result still shown is of the text and options before.
    for (const id of await page.$$eval('#rulesets select[data-ruleset]', (nodes) => nodes.map((n) => n.id))) await page.select(`#${id}`, 'off');
    await page.waitForFunction(statusMatches(/^Choose at least one ruleset/), WAIT);
    expect(await downloadsDisabled(page)).toEqual([true, true, true, true]);
    await page.select('#ruleset-integrity', '');
    await page.waitForSelector('#download-json:not([disabled])', WAIT);
    expect(await downloadsDisabled(page)).toEqual([false, false, false, false]);
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
