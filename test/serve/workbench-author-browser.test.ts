// The Author tab in a real browser: start from a bundled ruleset, break a rule and see the lint problem at its line,
// run the fixtures and see the failing case, see the coverage, and diff against the bundled ruleset to see a verdict
// change over the examples; nothing is loaded from elsewhere and the page's policy is never violated.
// Skipped only when no Chromium is installed (see findBrowser); screenshots go to test-artifacts/workbench/ (or MBCHECK_SCREENSHOTS=DIR).
import { readFileSync } from 'node:fs';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, startWorkbench, WAIT, type Workbench } from './workbenchHarness.js';

const executablePath = chromium();
const isoText = readFileSync('rulesets/iso-22095-2/1.1.0.json', 'utf8');
/** More than one site for a system boundary: every one-site example fails (see test/serve/authoring.test.ts). */
const edited = isoText
  .replace(/("path": "\$\.connectivity\.sites",\s*"operator": "greaterThan",\s*"value": )0/, '$11')
  .replace('"path": "$.ledger.balance.poolsOverdrawn"', '"path": "$.ledger.balance.poolsOverdrawnz"');
const brokenLine = edited.split('\n').findIndex((line) => line.includes('poolsOverdrawnz')) + 1;

const text = (page: Page, selector: string) => page.$eval(selector, (node) => node.textContent ?? '');

/** Selects the whole editor and pastes the text, as a person pasting a ruleset of their own does. */
async function paste(page: Page, replacement: string): Promise<void> {
  await page.click('#author-editor .cm-content');
  await page.keyboard.down('Control');
  await page.keyboard.press('a');
  await page.keyboard.up('Control');
  await page.evaluate(`(() => {
    const data = new DataTransfer();
    data.setData('text/plain', ${JSON.stringify(replacement)});
    document.querySelector('#author-editor .cm-content').dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  })()`);
}

async function openBundled(page: Page, spec: string): Promise<void> {
  await page.click('#tab-author');
  await page.waitForSelector(`#author-start option[value="${spec}"]`, WAIT);
  await page.select('#author-start', spec);
  await page.click('#author-open');
  await page.waitForFunction(`document.querySelector('#author-lint-status').textContent === 'No lint problems.'`, WAIT);
}

describe.skipIf(!executablePath)('the Author tab in Chromium', () => {
  let bench: Workbench;

  beforeAll(async () => {
    bench = await startWorkbench(executablePath!);
  });

  afterAll(async () => {
    await bench?.close();
  });

  it('lints, tests, covers and diffs a ruleset started from a bundled one', async () => {
    const { page, outside, violations } = await bench.openPage(`${bench.base}/`, 1280, 900);
    await openBundled(page, 'iso-22095-2@1.1.0');
    expect(await page.$eval('#author-editor .cm-content', (node) => node.textContent ?? '')).toContain('"id": "iso-22095-2"');
    await page.waitForSelector('#author-coverage tbody tr[data-decision="7"]', WAIT);
    expect(await page.$$eval('#author-coverage tbody tr', (rows) => rows.length)).toBe(7);
    // Each column is one ruleset's coverage: its header names which.
    expect(await page.$$eval('#author-coverage thead th', (cells) => cells.map((c) => c.textContent))).toEqual(['Decision', 'iso-22095-2@1.1.0']);
    expect(await text(page, '#author-coverage tr[data-decision="1"] td')).toBe('open');
    expect(await text(page, '#author-fixture-list')).toMatch(/^12 fixture files from iso-22095-2@1\.1\.0/);

    await page.click('#author-run');
    await page.waitForSelector('#author-tests .author-rule', WAIT);
    expect(await text(page, '#author-test-status')).toBe('iso-22095-2@1.1.0: 12 of 12 rules pass; 99 cases, 0 failing.');
    expect(await page.$$('#author-tests .rule-fail')).toHaveLength(0);

    await paste(page, edited);
    const problem = await page.waitForSelector(`#author-problems button.goto[data-line="${brokenLine}"]`, WAIT);
    expect(await problem!.evaluate((node) => node.textContent)).toContain(`line ${brokenLine}`);
    expect(await text(page, '#author-lint-status')).toBe('1 lint problem, marked in the editor.');
    // The editor draws only the lines in view: going to the problem brings its line, marked, into view.
    await problem!.click();
    await page.waitForSelector('#author-editor .cm-line .cm-lintRange-error', WAIT);
    expect(await page.$eval('#author-editor .cm-lintRange-error', (node) => node.closest('.cm-line')?.textContent ?? '')).toContain('poolsOverdrawnz');
    await bench.screenshot(page, 'workbench-author-lint');

    await page.click('#author-run');
    const failing = '#author-tests .rule-fail[data-rule-id="iso-22095-2/system-boundary-declared"]';
    await page.waitForSelector(failing, WAIT);
    const failingCase = await text(page, `${failing} .case-fail`);
    expect(failingCase).toContain('FAIL');
    expect(failingCase).toContain('expected pass, got fail');
    expect(await text(page, '#author-test-status')).toMatch(/^iso-22095-2@1\.1\.0: 10 of 12 rules pass; 99 cases, [1-9]\d* failing\.$/);
    await page.$eval(failing, (node) => node.scrollIntoView());
    await bench.screenshot(page, 'workbench-author-fixtures');

    expect(await page.$eval('#author-against', (node) => (node as unknown as { value: string }).value)).toBe('iso-22095-2@1.1.0');
    await page.click('#author-diff');
    const flipped = '#author-diff-result tr.verdict-changed[data-example="steel-rolling-average.yaml"]';
    await page.waitForSelector(flipped, WAIT);
    expect(await page.$$eval(`${flipped} td .badge`, (nodes) => nodes.map((n) => n.textContent))).toEqual(['pass', 'fail']);
    expect(await page.$('#author-diff-result [data-rule-id="iso-22095-2/system-boundary-declared"]')).not.toBeNull();

    expect(outside).toEqual([]);
    expect(await violations()).toEqual([]);
    await page.$eval('#author-diff-heading', (node) => node.scrollIntoView());
    await bench.screenshot(page, 'workbench-author');
    await page.close();
  });

  it('runs fixture files one uploads, and labels every control of the tab in a narrow window', async () => {
    const { page, outside, violations } = await bench.openPage(`${bench.base}/`, 420, 900);
    await openBundled(page, 'iso-22095-2@1.1.0');
    await page.click('#author-clear-fixtures');
    const upload = await page.$('#author-fixtures');
    await (upload as unknown as { uploadFile(...paths: string[]): Promise<void> }).uploadFile('rulesets/iso-22095-2/tests/system-boundary-declared.yaml');
    await page.waitForFunction(`document.querySelector('#author-fixture-list').textContent.startsWith('1 fixture file')`, WAIT);
    await page.click('#author-run');
    await page.waitForSelector('#author-tests .author-rule', WAIT);
    // One rule has its cases; the other eleven are reported untested, not passed.
    expect(await page.$$('#author-tests .rule-ok[data-rule-id="iso-22095-2/system-boundary-declared"]')).toHaveLength(1);
    expect(await page.$$('#author-tests .rule-fail')).toHaveLength(11);
    expect(await page.$$eval('#author-tests .rule-fail summary .badge', (nodes) => [...new Set(nodes.map((n) => n.textContent))])).toEqual(['untested']);

    const unnamed = await page.evaluate(`
      [...document.querySelectorAll('#author-view button, #author-view select, #author-view input, #author-view [contenteditable="true"]')]
        .filter((node) => !(node.labels?.length || node.getAttribute('aria-label') || node.getAttribute('aria-labelledby') || node.textContent.trim()))
        .map((node) => node.outerHTML.slice(0, 120))
    `);
    expect(unnamed).toEqual([]);
    const unreachable = await page.evaluate(`
      [...document.querySelectorAll('#author-view button, #author-view select, #author-view input')].filter((node) => node.tabIndex < 0).map((node) => node.id)
    `);
    expect(unreachable).toEqual([]);
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(420);
    expect(outside).toEqual([]);
    expect(await violations()).toEqual([]);
    await bench.screenshot(page, 'workbench-author-420-wide', true);
    await page.close();
  });
});
