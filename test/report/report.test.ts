// The PDF report as a reader gets it: its text, pages, bookmarks and metadata, and that nothing from a
// declaration becomes markup or reaches the network.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkSource } from '../../src/check.js';
import { readSource, sourceFromText } from '../../src/declaration/source.js';
import { figure } from '../../src/report/numbers.js';
import { closeSharedBrowser, findBrowser, reportSource } from '../../src/report/index.js';
import * as browser from '../../src/report/browser.js';

const ASOF = '2026-11-29';
const dir = mkdtempSync(join(tmpdir(), 'mbcheck-report-'));

function pdfText(pdf: Buffer, layout = true): string {
  const file = join(dir, `t-${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', [...(layout ? ['-layout'] : []), file, '-'], { encoding: 'utf8' });
}
function pdfInfo(pdf: Buffer): Record<string, string> {
  const file = join(dir, `i-${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, pdf);
  const out = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  return Object.fromEntries(out.split('\n').filter((l) => l.includes(':')).map((l) => [l.slice(0, l.indexOf(':')).trim(), l.slice(l.indexOf(':') + 1).trim()]));
}
function bookmarks(pdf: Buffer): string[] {
  return [...pdf.toString('latin1').matchAll(/\/Title \(([^)]*)\)/g)].map((m) => m[1]!);
}

afterAll(() => closeSharedBrowser());

describe('the PDF of the credit-method example', () => {
  let pdf: Buffer;
  let text: string;
  let flat: string;
  let json: Awaited<ReturnType<typeof checkSource>>;
  beforeAll(async () => {
    const source = await readSource('examples/steel-credit-transition.yaml');
    pdf = (await reportSource(source, { asOf: ASOF })).content as Buffer;
    text = pdfText(pdf);
    // Reading order without layout keeps wrapped hashes and sentences together once whitespace is removed.
    flat = pdfText(pdf, false).replace(/\s+/g, '');
    json = await checkSource(source, { asOf: ASOF });
  });

  it('states the verdict of every ruleset and the rule ids', () => {
    expect(text).toContain('Overall verdict: pass');
    for (const r of json.rulesets!) expect(text).toContain(`${r.id}@${r.version}`);
    // A ruleset that does not apply is summarised in one line; every rule of the others is listed by id.
    const applicable = new Set(json.rulesets!.filter((r) => r.verdict !== 'not-applicable').map((r) => r.id));
    for (const f of json.findings!.filter((f) => applicable.has(f.ruleset))) expect(flat).toContain(f.ruleId);
    expect(text).toMatch(/None of its \d+ rules applies to this declaration/);
  });

  it('states the same figures as the JSON result', () => {
    const t = json.metrics!.ledger!.totals;
    // As the report writes them: thousands separators, masses and emissions to 2 decimals, factors to 4.
    for (const value of [t.inputMass, t.inputEmissions, t.outputMass, t.attributedEmissions, t.creditsEarned, t.creditsUsed]) expect(text).toContain(figure(value));
    expect(text).toContain(figure(t.averageEmissionFactor, 'factor'));
    for (const pool of json.metrics!.ledger!.pools) expect(text).toContain(figure(pool.closingBalance));
  });

  it('carries the declaration and ruleset fingerprints', () => {
    expect(flat).toContain(json.declaration.sha256);
    for (const r of json.rulesets!) expect(flat).toContain(r.sha256);
    expect(text).toContain('an automated pre-check');
  });

  it('has its sections in order, with bookmarks, page numbers, a title and A4 pages', () => {
    const order = ['Executive summary', 'Method profile', 'Ledger metrics', 'Findings', 'Disclosure statement', 'Verification', 'Appendix'];
    const positions = order.map((h) => text.search(new RegExp(`^\\s*${h}`, 'm')));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(bookmarks(pdf)).toEqual(expect.arrayContaining(order.slice(0, 6)));
    const info = pdfInfo(pdf);
    expect(info['Title']).toBe('Mass-balance compliance and disclosure report: Low-CO2 hot-rolled coil and plate, first half of FY2026');
    // Made by mbcheck, not by "Mozilla/5.0 ... HeadlessChrome": the Creator is rewritten, the file still reads.
    expect(info['Creator']).toMatch(/^mbcheck \d+\.\d+\.\d+, printed by Chromium \d/);
    expect(Number(info['Pages'])).toBeGreaterThanOrEqual(7);
    expect(info['Page size']).toMatch(/^595\.\d+ x 841\.\d+ pts \(A4\)/);
    expect(text).toContain(`page 1 of ${info['Pages']}`);
  });

  it('highlights the declared method and writes the disclosure statement', () => {
    expect(text).toContain('credit method');
    expect(flat).toContain('Inputsandoutputsarereconciledevery3months');
    expect(flat).toContain('Noproductisattributedlessthanthelowest-emissioninput');
  });
});

describe('pages, formats and browsers', () => {
  it('prints on Letter paper when asked', async () => {
    const { content } = await reportSource(await readSource('examples/steel-rolling-average.yaml'), { asOf: ASOF, pageSize: 'letter' });
    expect(pdfInfo(content as Buffer)['Page size']).toMatch(/^612 x 792 pts \(letter\)/);
  });

  it('writes the same document as self-contained HTML', async () => {
    const { content } = await reportSource(await readSource('examples/steel-stacked-100-percent.yaml'), { asOf: ASOF, format: 'html' });
    const html = content as string;
    expect(html).toContain('integrity/no-stacked-attribution');
    expect(html).toContain("default-src 'none'");
    // Links in citations are for the reader to follow; nothing is loaded from anywhere but data: URLs.
    expect(html).not.toMatch(/\ssrc="(?!data:)/);
    expect(html).not.toMatch(/<link\b|<script\b|<img\b|<iframe\b/);
    expect(html).toMatch(/@font-face\{font-family:'Source Sans 3'[^}]*src:url\(data:font\/woff2;base64,/);
  });

  it('renders 20 reports in one process with one browser', async () => {
    const source = await readSource('examples/steel-credit-transition.yaml');
    await closeSharedBrowser();
    const before = browser.launches;
    for (let i = 0; i < 20; i++) {
      const { content } = await reportSource(source, { asOf: ASOF });
      expect((content as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
    }
    expect(browser.launches - before).toBe(1);
    // Each report prints twice (the second print carries the contents' page numbers): on a busy machine 20 take a while.
  }, 180_000);

  it('says how to install a browser when none is found', () => {
    expect(() => findBrowser({}, ['/nonexistent/chromium'])).toThrow(/apt-get install chromium.*PUPPETEER_EXECUTABLE_PATH/s);
    expect(() => findBrowser({ PUPPETEER_EXECUTABLE_PATH: '/nonexistent/chrome' })).toThrow(/does not exist/);
  });
});

describe('a hostile declaration', () => {
  let server: ReturnType<typeof createServer>;
  let hits = 0;
  let port = 0;
  beforeAll(async () => {
    server = createServer((_req, res) => {
      hits++;
      res.end('x');
    });
    server.on('connection', () => hits++);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('renders markup as literal text and makes no request', async () => {
    const base = readFileSync('examples/steel-credit-transition.yaml', 'utf8');
    const hostile = base
      .replace('organization: { name: Acme Steel, country: DE }', `organization: { name: "<img src=http://127.0.0.1:${port}/img>", country: DE }`)
      .replace('title: Low-CO2 hot-rolled coil and plate, first half of FY2026', `title: "<script>fetch('http://127.0.0.1:${port}/js')</script><link rel=stylesheet href=http://127.0.0.1:${port}/css>"`)
      .replace('label: low-CO2 hot-rolled coil', `label: "<iframe src=http://127.0.0.1:${port}/frame></iframe>"`);
    const blocked: string[] = [];
    const { content, result } = await reportSource(sourceFromText('hostile.yaml', hostile), { asOf: ASOF, onBlockedRequest: (url) => blocked.push(url) });
    expect(result.valid).toBe(true);
    // Long unbroken strings may wrap anywhere in the PDF: compare without whitespace.
    const text = pdfText(content as Buffer, false).replace(/\s+/g, '');
    expect(text).toContain(`<imgsrc=http://127.0.0.1:${port}/img>`);
    expect(text).toContain(`<script>fetch('http://127.0.0.1:${port}/js')</script>`);
    expect(text).toContain(`<iframesrc=http://127.0.0.1:${port}/frame></iframe>`);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(hits).toBe(0);
    expect(blocked).toEqual([]);
    const { content: html } = await reportSource(sourceFromText('hostile.yaml', hostile), { asOf: ASOF, format: 'html' });
    expect(html).toContain('&lt;img src&#x3D;http://127.0.0.1');
    expect(html).not.toContain('<img src=http://127.0.0.1');
  });
});

describe('mbcheck report', () => {
  const run = (args: string[]) => spawnSync(process.execPath, ['bin/mbcheck.js', 'report', ...args, '--as-of', ASOF], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  it('writes the PDF and exits with the check verdict', () => {
    const out = join(dir, 'cli.pdf');
    const ok = run(['examples/steel-credit-transition.yaml', '--output', out]);
    expect(ok.status).toBe(0);
    expect(readFileSync(out).subarray(0, 5).toString()).toBe('%PDF-');
    const failing = run(['examples/steel-stacked-100-percent.yaml', '--output', join(dir, 'stacked.pdf')]);
    expect(failing.status).toBe(1);
  });
  it('writes a short "not judged" report for an invalid declaration, listing each problem at its line, and exits 1', () => {
    const out = join(dir, 'invalid.pdf');
    const r = run(['test/fixtures/declarations/three-errors.yaml', '--output', out]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('/method/transferBoundary/level');
    expect(r.stderr).toMatch(/wrote .*invalid\.pdf \(not judged/);
    const text = pdfText(readFileSync(out), false).replace(/\s+/g, ' ');
    expect(text).toContain('Not judged');
    expect(text).toContain('it is not valid, and 3 problems must be fixed before any rule can be evaluated');
    // Text extraction orders the table's cells loosely: each cell is looked for on its own.
    expect(text).toContain('line 14, column 12');
    expect(text).toContain('must be one of "batch", "process", "site", "multi-site"; got "regional"');
    expect(text).toContain('line 27, column 9');
    expect(text).toContain('mbcheck validate three-errors.yaml');
    // The file by its name, not the local path it was read from.
    expect(text).not.toContain('test/fixtures/declarations');
    expect(existsSync(out)).toBe(true);
  });
  it('needs --output', () => {
    expect(run(['examples/steel-credit-transition.yaml']).status).toBe(2);
  });
});
