// The workbench for people who use a keyboard or a screen reader: in every view and every part of the result,
// Tab alone reaches every visible control and arrow keys move between tabs; axe-core (run in the page) finds no
// serious or critical violation, at 1280x800 and in a narrow window. Skipped only when no Chromium is installed.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, linkTo, startWorkbench, WAIT, type Workbench } from './workbenchHarness.js';

const executablePath = chromium();
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const failure = '#result [data-rule-id="integrity/no-stacked-attribution"]';

/** Every control a person can reach in what is on screen now, numbered in the page (data-kb). */
const MARK_CONTROLS = `(() => {
  const selector = 'a[href], button:not([disabled]), select:not([disabled]), input:not([disabled]), textarea:not([disabled]), summary, [contenteditable="true"], [tabindex="0"]';
  const visible = (node) => node.getClientRects().length > 0 && !node.closest('[hidden]') && getComputedStyle(node).visibility !== 'hidden';
  // A tab out of the tab stop (tabindex -1) is reached with the arrow keys, as the ARIA tabs pattern has it.
  const controls = [...document.querySelectorAll(selector + ', [tabindex="-1"]')].filter((node) => visible(node) && !(node.getAttribute('role') === 'tab' && node.getAttribute('aria-selected') !== 'true') && (node.matches(selector) || node.matches('button, select, input, textarea, a[href]')));
  controls.forEach((node, index) => node.setAttribute('data-kb', String(index)));
  return controls.map((node) => (node.id ? '#' + node.id : node.tagName.toLowerCase() + ' ' + (node.getAttribute('aria-label') || node.textContent || '').trim().slice(0, 40)));
})()`;

/** Presses Tab until focus comes round again; returns the numbers of the controls it stopped at. */
async function tabRound(page: Page, limit: number): Promise<Set<number>> {
  const reached = new Set<number>();
  let first: number | undefined;
  let last: number | undefined;
  await page.evaluate(`document.activeElement && document.activeElement.blur()`);
  for (let presses = 0; presses < limit; presses++) {
    await page.keyboard.press('Tab');
    const mark = (await page.evaluate(`document.activeElement && document.activeElement.closest('[data-kb]') && document.activeElement.closest('[data-kb]').getAttribute('data-kb')`)) as string | null;
    if (mark === null) continue;
    const index = Number(mark);
    // A date field takes one Tab per part (day, month, year): the same control twice running is not a round.
    if (index === first && last !== first) break;
    first ??= index;
    last = index;
    reached.add(index);
  }
  return reached;
}

async function everyControlReached(page: Page): Promise<string[]> {
  const controls = (await page.evaluate(MARK_CONTROLS)) as string[];
  expect(controls.length).toBeGreaterThan(3);
  const reached = await tabRound(page, controls.length * 3 + 20);
  await page.evaluate(`document.querySelectorAll('[data-kb]').forEach((node) => node.removeAttribute('data-kb'))`);
  return controls.filter((_, index) => !reached.has(index));
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[] }>;
}

async function seriousViolations(page: Page): Promise<string[]> {
  // Evaluated through the debugging protocol, which the page's policy does not govern: the page itself loads
  // no script but its own.
  if ((await page.evaluate(`typeof window.axe`)) !== 'object') await page.evaluate(axeSource);
  const violations = (await page.evaluate(`axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations)`)) as AxeViolation[];
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
}

async function selectTab(page: Page, id: string): Promise<void> {
  await page.click(`#${id}`);
  await page.waitForFunction(`document.getElementById('${id}').getAttribute('aria-selected') === 'true'`, WAIT);
}

describe.skipIf(!executablePath)('the workbench with a keyboard and a screen reader', () => {
  let bench: Workbench;

  beforeAll(async () => {
    bench = await startWorkbench(executablePath!);
  });

  afterAll(async () => {
    await bench?.close();
  });

  it('reaches every visible control with Tab alone, in each view and each part of the result', async () => {
    const { page } = await bench.openPage(linkTo(bench.base, 'steel-stacked-100-percent.yaml'));
    await page.waitForSelector(failure, WAIT);
    // The passed findings are folded away: unfolded, their citations' links are controls too.
    await page.$$eval('#result details', (nodes) => nodes.forEach((node) => node.setAttribute('open', '')));
    for (const tab of ['tab-findings', 'tab-method', 'tab-metrics']) {
      await selectTab(page, tab);
      expect({ tab, missed: await everyControlReached(page) }).toEqual({ tab, missed: [] });
    }
    await selectTab(page, 'tab-author');
    expect({ tab: 'tab-author', missed: await everyControlReached(page) }).toEqual({ tab: 'tab-author', missed: [] });
    // The round would see a control taken out of the tab order.
    await selectTab(page, 'tab-check');
    await page.evaluate(`document.getElementById('copy-link').tabIndex = -1`);
    expect(await everyControlReached(page)).toEqual(['#copy-link']);
    await page.close();
  });

  it('moves between tabs with the arrow keys, Home and End, showing each panel', async () => {
    const { page } = await bench.openPage(linkTo(bench.base, 'steel-stacked-100-percent.yaml'));
    await page.waitForSelector(failure, WAIT);
    await page.focus('#tab-findings');
    await page.keyboard.press('ArrowRight');
    expect(await page.evaluate(`[document.activeElement.id, document.getElementById('method').hidden, document.getElementById('result').hidden]`)).toEqual(['tab-method', false, true]);
    await page.keyboard.press('End');
    expect(await page.evaluate(`[document.activeElement.id, document.getElementById('metrics').hidden]`)).toEqual(['tab-metrics', false]);
    await page.keyboard.press('ArrowRight');
    expect(await page.evaluate(`document.activeElement.id`)).toBe('tab-findings');
    await page.keyboard.press('Home');
    expect(await page.evaluate(`document.activeElement.id`)).toBe('tab-findings');
    // The one tab stop of a tab list is its selected tab.
    expect(await page.$$eval('#result-tabs [role="tab"]', (tabs) => tabs.map((t) => t.getAttribute('tabindex')))).toEqual(['0', '-1', '-1']);
    await page.focus('#tab-check');
    await page.keyboard.press('ArrowRight');
    expect(await page.evaluate(`[document.activeElement.id, document.getElementById('author-view').hidden, document.getElementById('check-view').hidden]`)).toEqual(['tab-author', false, true]);
    await page.close();
  });

  it('has no serious accessibility violation in any view, wide or narrow', async () => {
    for (const [width, height] of [[1280, 800], [420, 900]] as const) {
      const { page } = await bench.openPage(linkTo(bench.base, 'steel-credit-transition.yaml'), width, height);
      await page.waitForSelector('#result section.ruleset', WAIT);
      for (const tab of ['tab-findings', 'tab-method', 'tab-metrics', 'tab-author']) {
        await selectTab(page, tab === 'tab-author' ? 'tab-author' : 'tab-check');
        if (tab !== 'tab-author') await selectTab(page, tab);
        expect({ width, tab, violations: await seriousViolations(page) }).toEqual({ width, tab, violations: [] });
      }
      await page.close();
    }
  });
});
