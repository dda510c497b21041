// The workbench's inputs in a real browser: an example folder opened with its CSV ledger files (judged as the command
// line judges it), a broken or missing ledger file said with its place, waivers (refused at their line, applied to
// a finding, kept in the link), the four downloads of a multipart check, and completion from the declaration schema.
// Skipped only when no Chromium is installed; screenshots go to test-artifacts/workbench/ (or MBCHECK_SCREENSHOTS=DIR).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, startWorkbench, WAIT, type OpenedPage, type Workbench } from './workbenchHarness.js';

const executablePath = chromium();
const folder = 'examples/chemicals-csv';
const allocationRule = 'ghg-protocol/proportional-allocation-between-groups';
const waivers = `- rule: ${allocationRule}\n  reason: seen the books\n  approvedBy: A. Verifier\n  expires: 2099-12-31\n`;

/** What the command line says of the example folder, on the same day as the page (its as-of is empty: today). */
function cliVerdict(): { verdict: string; failing: string[] } {
  const run = spawnSync(process.execPath, ['bin/mbcheck.js', 'check', `${folder}/chemicals-csv.yaml`, '--format', 'json'], { encoding: 'utf8' });
  const result = JSON.parse(run.stdout) as { verdict: string; findings: Array<{ ruleId: string; outcome: string }> };
  return { verdict: result.verdict, failing: result.findings.filter((f) => f.outcome === 'fail').map((f) => f.ruleId).sort() };
}

const text = (page: Page, selector: string) => page.$eval(selector, (node) => node.textContent ?? '');

async function fillWaivers(page: Page, value: string): Promise<void> {
  await page.click('#waivers-text', { clickCount: 3 });
  await page.keyboard.down('Control');
  await page.keyboard.press('a');
  await page.keyboard.up('Control');
  await page.keyboard.press('Backspace');
  await page.type('#waivers-text', value);
}

describe.skipIf(!executablePath)('the workbench inputs in Chromium', () => {
  let bench: Workbench;
  let base: string;
  let scratch: string;
  const opened = new Map<Page, OpenedPage>();
  const openPage = async (url: string, width?: number, height?: number) => {
    const page = await bench.openPage(url, width, height);
    opened.set(page.page, page);
    return page;
  };
  /** Whatever a page did, it loaded nothing from elsewhere and broke no policy. */
  const closePage = async (page: Page) => {
    const { outside, violations } = opened.get(page)!;
    expect(await violations()).toEqual([]);
    expect(outside).toEqual([]);
    await page.close();
  };

  beforeAll(async () => {
    bench = await startWorkbench(executablePath!);
    base = bench.base;
    scratch = mkdtempSync(join(tmpdir(), 'mbcheck-workbench-inputs-'));
  });

  afterAll(async () => {
    await bench?.close();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  async function openFolderExample(width?: number, height?: number): Promise<Page> {
    const { page } = await openPage(`${base}/`, width, height);
    await page.waitForSelector('#example:not([disabled])', WAIT);
    await page.select('#example', 'chemicals-csv');
    await page.click('#open-example');
    await page.waitForSelector('#ledger-file-list li[data-file="outputs.csv"]', WAIT);
    await page.waitForSelector(`#result [data-rule-id="${allocationRule}"]`, WAIT);
    return page;
  }

  it('opens an example folder with its CSV ledger files, and judges it as the command line does; a broken or missing file is said with its place', async () => {
    const page = await openFolderExample();
    expect(await page.$$eval('#ledger-file-list li', (nodes) => nodes.map((n) => n.getAttribute('data-file')))).toEqual(['inputs.csv', 'outputs.csv']);
    const cli = cliVerdict();
    expect(cli).toEqual({ verdict: 'fail', failing: [allocationRule] });
    expect(await text(page, '#verdict')).toMatch(/^FAIL olefins-bio-2026q1/);
    const failing = await page.$$eval('#result li.finding.outcome-fail', (nodes) => nodes.map((n) => n.getAttribute('data-rule-id')).sort());
    expect(failing).toEqual(cli.failing);
    await bench.screenshot(page, 'workbench-inputs');

    // A cell that is not a number: the problem names the file, the row and the column.
    const broken = join(scratch, 'inputs.csv');
    writeFileSync(broken, readFileSync(`${folder}/inputs.csv`, 'utf8').replace('nap-001,2026-01-04,antwerp,fossil-naphtha,5400', 'nap-001,2026-01-04,antwerp,fossil-naphtha,lots'));
    await (await page.$('#ledger-file-input'))!.uploadFile(broken);
    await page.waitForFunction(`[...document.querySelectorAll('#result ul.problems li')].some((li) => li.textContent.startsWith('inputs.csv:2:quantity: '))`, WAIT);
    expect(await text(page, '#result ul.problems')).toContain('inputs.csv:2:quantity: /ledger/inputs/0/quantity: must be a number; got "lots"');
    expect(await text(page, '#status')).toBe('Not valid: 1 problem, listed in the result with its file, row and column.');
    expect(await page.$$eval('#ledger-file-list li', (nodes) => nodes.length)).toBe(2);
    await bench.screenshot(page, 'workbench-inputs-broken-csv');

    // Removed: the declaration names a file that is not there, said in the page's own terms.
    await page.click('#ledger-file-list li[data-file="inputs.csv"] button.remove');
    await page.waitForFunction(`document.getElementById('ledger-missing').textContent.includes('inputs.csv')`, WAIT);
    expect(await text(page, '#ledger-missing')).toBe('The declaration names inputs.csv (at ledger.inputs), which is not added: add it with “Add ledger files”.');
    expect(await page.evaluate('document.activeElement.id')).toBe('ledger-file-input');

    // Added again as it was: the verdict is back, and the note is gone.
    await (await page.$('#ledger-file-input'))!.uploadFile(`${folder}/inputs.csv`);
    await page.waitForSelector(`#result [data-rule-id="${allocationRule}"]`, WAIT);
    expect(await text(page, '#ledger-missing')).toBe('');
    await closePage(page);
  });

  it('refuses broken waivers at their line, applies good ones to the finding, downloads all four files with the ledger files and waivers, and keeps the waivers in the link', async () => {
    const page = await openFolderExample();
    await fillWaivers(page, waivers.replace(allocationRule, 'x'));
    await page.waitForSelector('#waiver-problems button.goto[data-line="1"]', WAIT);
    expect(await text(page, '#waiver-problems')).toMatch(/^line 1, column 9: \/0\/rule: must be the id of the rule/);
    expect(await text(page, '#status')).toBe('Not checked: the waivers are not valid; their problems are listed under Waivers.');
    expect(await page.$eval('#waivers-text', (node) => node.getAttribute('aria-invalid'))).toBe('true');

    await fillWaivers(page, waivers);
    const finding = `#result li.finding[data-rule-id="${allocationRule}"]`;
    await page.waitForFunction(`document.querySelector('${finding} .badge.outcome-waived')?.textContent === 'fail, waived'`, WAIT);
    expect(await text(page, `${finding} .waiver`)).toBe('Waived until 2099-12-31 by A. Verifier: seen the books');
    expect(await text(page, '#waiver-status')).toBe('1 waiver: 1 applied, 0 expired, 0 unused.');
    expect(await text(page, '#waiver-problems')).toBe('');
    expect(await text(page, '#verdict')).toMatch(/^PASS olefins-bio-2026q1/);
    await bench.screenshot(page, 'workbench-inputs-waived');

    await page.waitForSelector('#download-html:not([disabled])', WAIT);
    await page.click('#download-html');
    const html = readFileSync(await bench.waitForFile('.html'), 'utf8');
    expect(html).toMatch(/^<!doctype html>/i);
    expect(html).toContain('olefins-bio-2026q1');
    expect(html).toContain(allocationRule);
    expect(html).toContain('fail, waived');

    await page.click('#download-sarif');
    const sarif = JSON.parse(readFileSync(await bench.waitForFile('.sarif'), 'utf8')) as { version: string; runs: Array<{ results: Array<{ ruleId: string; suppressions?: Array<{ justification: string }> }>; artifacts: Array<{ location?: { uri: string } }> }> };
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0]!.results.map((r) => [r.ruleId, r.suppressions?.[0]?.justification])).toEqual([[allocationRule, 'seen the books']]);
    expect(sarif.runs[0]!.artifacts.map((a) => a.location?.uri)).toEqual(expect.arrayContaining(['inputs.csv', 'outputs.csv']));

    await page.click('#download-json');
    const json = JSON.parse(readFileSync(await bench.waitForFile('.result.json'), 'utf8')) as { verdict: string; waivers: Array<{ status: string }>; declaration: { files: Array<{ name: string }> } };
    expect(json.verdict).toBe('pass');
    expect(json.waivers.map((w) => w.status)).toEqual(['applied']);
    expect(json.declaration.files.map((f) => f.name)).toEqual(['declaration.yaml', 'inputs.csv', 'outputs.csv']);

    await page.click('#download-pdf');
    const pdf = await bench.waitForFile('.pdf');
    expect(execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' })).toMatch(/Waived\s+until\s+2099-12-31\s+by\s+A\.\s+Verifier/);

    // The link holds the waivers, not the ledger files: the share note says so.
    await page.click('#copy-link');
    await page.waitForFunction(`document.getElementById('share-note').textContent.includes('not in the link')`, WAIT);
    expect(await text(page, '#share-note')).toContain('The ledger files (inputs.csv, outputs.csv) are not in the link: whoever opens it adds them again.');
    const link = page.url();
    expect(Buffer.from(/[#&]waivers=([^&]+)/.exec(new URL(link).hash)?.[1] ?? '', 'base64url').toString('utf8')).toBe(waivers);
    await closePage(page);

    const { page: reopened } = await openPage(link);
    await reopened.waitForFunction(`document.getElementById('ledger-missing').textContent !== ''`, WAIT);
    expect(await reopened.$eval('#waivers-text', (node) => (node as unknown as { value: string }).value)).toBe(waivers);
    // Sent with its waivers, the declaration goes as multipart: the service names each file it lacks.
    expect(await text(reopened, '#ledger-missing')).toBe('The declaration names inputs.csv (at ledger.inputs), which is not added: add it with “Add ledger files”. The declaration names outputs.csv (at ledger.outputs), which is not added: add it with “Add ledger files”.');
    expect(await text(reopened, '#result ul.problems')).toContain('outputs.csv: /ledger/outputs: the ledger file outputs.csv cannot be read');
    await closePage(reopened);
  });

  it('completes property names from the declaration schema, with their descriptions', async () => {
    const { page } = await openPage(`${base}/#declaration=${Buffer.from('schemaVersion: "1"\nmethod:\n  ').toString('base64url')}`);
    await page.waitForSelector('#verdict', WAIT);
    await page.click('.cm-content');
    await page.keyboard.down('Control');
    await page.keyboard.press('End');
    await page.keyboard.up('Control');
    await page.keyboard.type('inp');
    await page.waitForSelector('.cm-tooltip-autocomplete li[aria-selected="true"]', WAIT);
    expect(await page.$$eval('.cm-tooltip-autocomplete li .cm-completionLabel', (nodes) => nodes.map((n) => n.textContent))).toEqual(['inputBoundary']);
    await page.waitForSelector('.cm-completionInfo', WAIT);
    expect(await text(page, '.cm-completionInfo')).toBe('Decision 1: what may enter the pool.');
    await bench.screenshot(page, 'workbench-completion');
    // The list takes no key in its first moments (interactionDelay), so that a key meant for the text stays there.
    await new Promise((resolve) => setTimeout(resolve, 200));
    await page.keyboard.press('Enter');
    await page.waitForSelector('.cm-tooltip-autocomplete', { hidden: true, ...WAIT });
    expect(await text(page, '.cm-content')).toContain('method:  inputBoundary:');

    // Under it, the values the schema allows. (The YAML mode keeps a new line at its parent's indentation.)
    await page.keyboard.press('Enter');
    await page.keyboard.type('  control: cer');
    await page.waitForSelector('.cm-tooltip-autocomplete li[aria-selected="true"]', WAIT);
    expect(await page.$$eval('.cm-tooltip-autocomplete li .cm-completionLabel', (nodes) => nodes.map((n) => n.textContent))).toContain('certification');
    await closePage(page);
  });

  it('draws each file picker as its whole label, which a click or the keyboard opens', async () => {
    const { page } = await openPage(`${base}/`);
    await page.waitForSelector('#example:not([disabled])', WAIT);
    const pickers = [
      { input: '#ledger-file-input', text: 'Add ledger files' },
      { input: '#waivers-file', text: 'Read waivers from a file' },
    ];
    for (const { input, text: label } of pickers) {
      // The native control squeezed into the options pane read "No fi…osen": it is not drawn, its label is.
      const drawn = await page.evaluate(`(() => {
        const box = document.querySelector('${input}').getBoundingClientRect();
        const button = document.querySelector('label[for="' + document.querySelector('${input}').id + '"]');
        const pane = document.getElementById('options-pane').getBoundingClientRect();
        const at = button.getBoundingClientRect();
        return { input: [box.width, box.height], text: button.textContent, whole: button.scrollWidth <= button.clientWidth, inPane: at.left >= pane.left && at.right <= pane.right, cursor: getComputedStyle(button).cursor };
      })()`);
      expect(drawn, input).toEqual({ input: [1, 1], text: label, whole: true, inPane: true, cursor: 'pointer' });
    }
    // The hidden input keeps its place in the Tab order, shows its focus on the label, and opens with the keyboard.
    await page.waitForSelector('#ruleset-worldsteel', WAIT);
    await page.focus('#ruleset-worldsteel');
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement.id')).toBe('ledger-file-input');
    expect(await page.evaluate(`getComputedStyle(document.querySelector('label[for="ledger-file-input"]')).outlineStyle`)).toBe('solid');
    const [byKey] = await Promise.all([page.waitForFileChooser(WAIT), page.keyboard.press('Space')]);
    expect(byKey.isMultiple()).toBe(true);
    await byKey.accept([`${folder}/inputs.csv`]);
    await page.waitForSelector('#ledger-file-list li[data-file="inputs.csv"]', WAIT);
    writeFileSync(join(scratch, 'waivers.yaml'), waivers);
    const [byClick] = await Promise.all([page.waitForFileChooser(WAIT), page.click('label[for="waivers-file"]')]);
    await byClick.accept([join(scratch, 'waivers.yaml')]);
    await page.waitForFunction(`document.getElementById('waivers-text').value.includes('seen the books')`, WAIT);
    await page.$eval('#ledger-files', (node) => node.scrollIntoView());
    await bench.screenshot(page, 'workbench-inputs-pickers');
    await closePage(page);
  });

  it('fits a narrow window with the ledger files and waivers in it', async () => {
    const page = await openFolderExample(420, 900);
    await fillWaivers(page, waivers);
    await page.waitForSelector(`#result [data-rule-id="${allocationRule}"] .badge.outcome-waived`, WAIT);
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(420);
    const unnamed = await page.evaluate(`
      [...document.querySelectorAll('#options-pane button, #options-pane input, #options-pane textarea')]
        .filter((node) => !(node.labels?.length || node.getAttribute('aria-label') || node.textContent.trim()))
        .map((node) => node.outerHTML.slice(0, 120))
    `);
    expect(unnamed).toEqual([]);
    await bench.screenshot(page, 'workbench-inputs-420-wide', true);
    await page.$eval('#ledger-files', (node) => node.scrollIntoView());
    await bench.screenshot(page, 'workbench-inputs-420-options');
    await closePage(page);
  });
});
