// The workbench's result in a real browser: a finding's place control moves the editor to the line of its value,
// the Method tab draws the seven decisions with the declared option and the rules failing there, and the Metrics
// tab shows the report's figures, pools and two charts; no policy violation and no request outside the service.
// Screenshots of both tabs, wide and 420 px narrow, go to test-artifacts/workbench/ (or MBCHECK_SCREENSHOTS=DIR).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkSource, resolveRulesets } from '../../src/check.js';
import { sourceFromBytes } from '../../src/declaration/source.js';
import { validateSource } from '../../src/declaration/validate.js';
import { buildReportModel } from '../../src/report/model.js';
import { exampleBytes } from './helpers.js';
import { chromium, linkTo, startWorkbench, WAIT, type OpenedPage, type Workbench } from './workbenchHarness.js';

const executablePath = chromium();
const stackedLines = exampleBytes('steel-stacked-100-percent.yaml').toString('utf8').split('\n');
// Page code is written as text: the tests are type-checked without the DOM's types.
const activeLineIs = (text: string) => `document.querySelector('.cm-activeLine')?.textContent === ${JSON.stringify(text)}`;
const linkToText = (base: string, text: string) => `${base}/#declaration=${Buffer.from(text, 'utf8').toString('base64url')}`;

/** The 1-based line of the first line matching `pattern` after the first matching `after`. */
function lineOf(lines: string[], pattern: RegExp, after?: RegExp): number {
  const start = after ? lines.findIndex((l) => after.test(l)) : 0;
  const index = lines.findIndex((l, i) => i > start && pattern.test(l));
  if (start < 0 || index < 0) throw new Error(`no line matches ${pattern}`);
  return index + 1;
}

/** The report's key figures of an example, computed by the library as `mbcheck report` computes them. */
async function reportFigures(example: string): Promise<Array<{ label: string; value: string }>> {
  const source = sourceFromBytes(example, exampleBytes(example));
  const result = await checkSource(source, {}, resolveRulesets({}));
  const outcome = validateSource(source);
  if (!outcome.valid) throw new Error(`${example} is not valid`);
  return buildReportModel(result, outcome.declaration).ledger!.figures.map(({ label, value }) => ({ label, value }));
}

describe.skipIf(!executablePath)('the workbench result in Chromium', () => {
  let bench: Workbench;
  let base: string;
  const opened: OpenedPage[] = [];
  const open = async (url: string, width?: number, height?: number) => {
    const page = await bench.openPage(url, width, height);
    opened.push(page);
    return page;
  };

  beforeAll(async () => {
    bench = await startWorkbench(executablePath!);
    base = bench.base;
  });

  afterAll(async () => {
    // Every page of this file kept to its own origin and its policy.
    for (const { outside, violations, page } of opened) {
      if (!page.isClosed()) expect(await violations()).toEqual([]);
      expect(outside).toEqual([]);
    }
    await bench?.close();
  });

  const placeOf = (ruleId: string) => `#result [data-rule-id="${ruleId}"] button.goto-place`;

  it('a finding\'s place control moves the editor to the line of its value, by click and by keyboard', async () => {
    const { page, violations } = await open(linkTo(base, 'steel-stacked-100-percent.yaml'));
    await page.waitForSelector(placeOf('integrity/method-forbids-stacking'), WAIT);
    const activeLine = () => page.$eval('.cm-activeLine', (node) => node.textContent);

    const outputLine = lineOf(stackedLines, /id: out-100pct/);
    const stackedButton = (await page.$(placeOf('integrity/no-stacked-attribution')))!;
    expect(await stackedButton.evaluate((node) => [node.textContent, node.getAttribute('data-line')])).toEqual([`line ${outputLine}`, String(outputLine)]);
    await stackedButton.click();
    await page.waitForFunction(activeLineIs(stackedLines[outputLine - 1]!), WAIT);

    // The control is a button with a name that says where it goes: Tab reaches it, Enter presses it.
    const allowedLine = lineOf(stackedLines, /^\s+allowed: true/, /^\s+stacking:/);
    const forbids = (await page.$(placeOf('integrity/method-forbids-stacking')))!;
    expect(await forbids.evaluate((node) => node.getAttribute('aria-label'))).toContain(`line ${allowedLine}`);
    await forbids.focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(activeLineIs(stackedLines[allowedLine - 1]!), WAIT);
    expect(await activeLine()).toMatch(/^\s+allowed: true$/);
    await forbids.evaluate((node) => node.scrollIntoView());
    await bench.screenshot(page, 'workbench-places');
    expect(await violations()).toEqual([]);
  });

  it('the Method tab maps the seven decisions, decision 6 with its declared option and the rule failing there', async () => {
    const { page } = await open(linkTo(base, 'steel-stacked-100-percent.yaml'));
    await page.waitForSelector(placeOf('integrity/method-forbids-stacking'), WAIT);
    await page.click('#tab-method');
    await page.waitForSelector('#method li.decision-card', WAIT);
    expect(await page.$eval('#method', (node) => (node as unknown as { hidden: boolean }).hidden)).toBe(false);
    const decisions = await page.$$eval('#method li.decision-card', (nodes) => nodes.map((n) => [n.getAttribute('data-decision'), n.querySelectorAll('.option.chosen').length]));
    expect(decisions).toEqual(['1', '2', '3', '4', '5', '6', '7'].map((d) => [d, 1]));
    const stacking = '#method li.decision-card[data-decision="6"]';
    expect(await page.$eval(`${stacking} h4`, (node) => node.textContent)).toBe('6. Stacking');
    expect(await page.$eval(`${stacking} .option.chosen`, (node) => [node.getAttribute('data-value'), node.textContent])).toEqual(['allowed', expect.stringMatching(/^Allowed lower integrity declared/)]);
    const declared = await page.$eval(`${stacking} .declared`, (node) => node.textContent ?? '');
    expect(declared).toMatch(/^Declared: allowed fails /);
    expect(await page.$$eval(`${stacking} .declared .rules-fails code`, (nodes) => nodes.map((n) => n.textContent))).toContain('integrity/method-forbids-stacking');
    expect(await page.$eval('#method', (node) => node.textContent)).toContain('What the claim says');
    await bench.screenshot(page, 'workbench-method');
    await page.$eval(stacking, (node) => node.scrollIntoView());
    await bench.screenshot(page, 'workbench-method-stacking');
    await page.setViewport({ width: 420, height: 900 });
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(420);
    await page.$eval('#result-tabs', (node) => node.scrollIntoView());
    await bench.screenshot(page, 'workbench-method-420');
    await page.$eval(stacking, (node) => node.scrollIntoView());
    await bench.screenshot(page, 'workbench-method-stacking-420');
  });

  it('the Metrics tab shows the report\'s key figures, the pools and the two charts as SVG', async () => {
    const expected = await reportFigures('steel-credit-transition.yaml');
    const { page } = await open(linkTo(base, 'steel-credit-transition.yaml'));
    await page.waitForSelector('#verdict', WAIT);
    await page.click('#tab-metrics');
    await page.waitForSelector('#metrics table.figures', WAIT);
    const figures = await page.$$eval('#metrics table.figures tbody tr', (rows) => rows.map((r) => ({ label: r.querySelector('th')?.textContent, value: r.querySelector('td.num')?.textContent })));
    expect(figures).toEqual(expected);
    const charts = await page.$$eval('#metrics figure.chart svg', (nodes) => nodes.map((n) => [n.namespaceURI, n.getAttribute('aria-label'), n.querySelectorAll('rect').length]));
    expect(charts).toHaveLength(2);
    for (const [namespace, label, rects] of charts) {
      expect(namespace).toBe('http://www.w3.org/2000/svg');
      expect(label).toBeTruthy();
      expect(rects).toBeGreaterThan(2);
    }
    // The drawing is laid out, not empty: the browser measured its marks.
    const drawn = await page.$$eval('#metrics figure.chart svg', (nodes) => nodes.map((n) => (n as unknown as { getBBox(): { width: number; height: number } }).getBBox()).map((b) => b.width * b.height));
    for (const area of drawn) expect(area).toBeGreaterThan(1000);
    expect(await page.$$eval('#metrics table.pools tbody tr', (rows) => rows.length)).toBeGreaterThan(0);
    // The credit example stacks nothing and has one site: neither table the report adds for those is drawn.
    expect(await page.$$('#metrics table.stacked, #metrics table.sites')).toEqual([]);
    await bench.screenshot(page, 'workbench-metrics');
    await page.$eval('#metrics figure.chart', (node) => node.scrollIntoView());
    await bench.screenshot(page, 'workbench-metrics-charts');
    await page.setViewport({ width: 420, height: 900 });
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(420);
    await page.$eval('#result-tabs', (node) => node.scrollIntoView());
    await bench.screenshot(page, 'workbench-metrics-420');
    await page.$eval('#metrics figure.chart', (node) => node.scrollIntoView());
    await bench.screenshot(page, 'workbench-metrics-charts-420');
  });

  it('the Metrics tab lists the stacked outputs of the stacked example, as the report does', async () => {
    const { page } = await open(linkTo(base, 'steel-stacked-100-percent.yaml'));
    await page.waitForSelector(placeOf('integrity/method-forbids-stacking'), WAIT);
    await page.click('#tab-metrics');
    await page.waitForSelector('#metrics table.stacked', WAIT);
    const rows = await page.$$eval('#metrics table.stacked tbody tr', (trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent)));
    // 1800 t at 0 against B 2.2 and the lowest factor 1.8 that entered: (2.2 - 0) / (2.2 - 1.8) = 5.5 inputs' worth.
    expect(rows).toContainEqual(['out-100pct', expect.stringMatching(/^kakogawa@2026-01-01/), '0', '1.8', '5.5']);
    await page.$eval('#metrics table.stacked', (node) => node.scrollIntoView());
    await bench.screenshot(page, 'workbench-metrics-stacked');
    await page.close();
  });

  it('says so when the declaration has no ledger, and when it is not valid', async () => {
    const { page } = await open(linkTo(base, 'steel-method-only.yaml'));
    await page.waitForSelector('#verdict', WAIT);
    await page.click('#tab-metrics');
    await page.waitForSelector('#metrics .no-ledger', WAIT);
    expect(await page.$eval('#metrics', (node) => node.textContent)).toMatch(/has no ledger/);
    await page.click('#tab-method');
    expect(await page.$$eval('#method li.decision-card', (nodes) => nodes.length)).toBe(7);

    const invalid = await open(linkToText(base, 'schemaVersion: "1"\nid: not-a-declaration\n'));
    await invalid.page.waitForSelector('#result ul.problems', WAIT);
    await invalid.page.click('#tab-method');
    expect(await invalid.page.$eval('#method', (node) => node.textContent)).toMatch(/not valid/);
    expect(await invalid.page.$eval('#metrics', (node) => node.textContent)).toMatch(/not valid/);
  });
});
