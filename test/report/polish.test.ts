// The report a verifier hands over (issue 14, part 4): figures a reader can check, a contents page whose page
// numbers are those of the PDF, no page left mostly blank by a forced break, applicability in words, and the
// verifier's own block in place of the signature lines.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCheck } from '../../src/check.js';
import { readSource, sourceFromText } from '../../src/declaration/source.js';
import { describeApplicability } from '../../src/engine/describe.js';
import type { Condition } from '../../src/generated/ruleset.js';
import { headingPages, headingsOf, withPageNumbers } from '../../src/report/contents.js';
import { renderReportHtml } from '../../src/report/html.js';
import { closeSharedBrowser, reportSource } from '../../src/report/index.js';
import { buildReportModel } from '../../src/report/model.js';
import { figure, percentOf } from '../../src/report/numbers.js';
import { imageTypeOf, parseVerifier } from '../../src/report/verifier.js';

const ASOF = '2026-11-29';
const dir = mkdtempSync(join(tmpdir(), 'mbcheck-polish-'));

/** The text of each page, read by pdftotext page by page: what a reader sees where. */
function pages(pdf: Buffer): string[] {
  const file = join(dir, `p-${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, pdf);
  const count = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]);
  return Array.from({ length: count }, (_, i) => execFileSync('pdftotext', ['-layout', '-f', String(i + 1), '-l', String(i + 1), file, '-'], { encoding: 'utf8' }));
}
/** The page (from 1) whose text has a line starting with `heading`. */
const pageOf = (texts: string[], heading: string) => texts.findIndex((t) => new RegExp(`^\\s*${heading.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`, 'm').test(t)) + 1;
/** Lines of a page that say something: not blank, not the footer. */
const contentLines = (text: string) => text.split('\n').filter((l) => l.trim() && !/page \d+ of \d+\s*$/.test(l));

afterAll(() => closeSharedBrowser());

describe('figures', () => {
  it('are written with Intl.NumberFormat in en-GB: thousands separators, decimals by kind, never 0 for a figure that is not', () => {
    expect(figure(47389.5512)).toBe('47,389.55');
    expect(figure(1.852347, 'factor')).toBe('1.8523');
    expect(figure(1234567.1, 'factor')).toBe('1,234,567.1');
    expect(percentOf(0.682927)).toBe('68.29%');
    expect(figure(0.0000007)).toBe('0.0000007');
    expect(figure(-0)).toBe('0');
    expect(figure(12, 'count')).toBe('12');
    expect(figure(null)).toBe('n/a');
  });

  it('in the report have separators while the JSON result keeps full precision, and the Limitations say how they are rounded', async () => {
    const { result, declaration } = await runCheck(await readSource('examples/steel-multi-site-unconnected.yaml'), { asOf: ASOF });
    const totals = result.metrics!.ledger!.totals;
    expect(totals.inputMass).toBeGreaterThanOrEqual(1000);
    const model = buildReportModel(result, declaration!);
    const byLabel = Object.fromEntries(model.ledger!.figures.map((f) => [f.label, f.value]));
    expect(byLabel['Input mass']).toBe(new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 }).format(totals.inputMass));
    expect(byLabel['Input mass']).toMatch(/^\d{1,3}(,\d{3})+(\.\d+)?$/);
    expect(byLabel['Average input factor']).toBe(new Intl.NumberFormat('en-GB', { maximumFractionDigits: 4 }).format(totals.averageEmissionFactor!));
    const html = renderReportHtml(model);
    expect(html).not.toContain('rounding in this report is to four decimals');
    expect(html).toContain('masses and emissions to 2 decimals, emission factors to 4, percentages and ratios to 2');
    expect(JSON.stringify(result.metrics)).toContain(`"inputMass":${totals.inputMass}`);
  });
});

describe('the contents page', () => {
  let texts: string[];
  let html: string;
  beforeAll(async () => {
    const source = await readSource('examples/steel-stacked-100-percent.yaml');
    texts = pages((await reportSource(source, { asOf: ASOF })).content as Buffer);
    html = (await reportSource(source, { asOf: ASOF, format: 'html' })).content as string;
  });

  it('follows the cover and gives each chapter the page its heading is printed on', () => {
    expect(pageOf(texts, 'Contents')).toBe(2);
    const chapters = ['Executive summary', 'Method profile', 'Ledger metrics', 'Findings', 'Disclosure statement', 'Verification', 'Appendix: fingerprints and limitations'];
    for (const chapter of chapters) {
      const printedOn = pageOf(texts.slice(2), chapter) + 2;
      expect(printedOn, chapter).toBeGreaterThan(2);
      const entry = new RegExp(`^\\s*${chapter.replace(/[()]/g, '\\$&')}(?::[^\\n]*?)?\\s+(\\d+)\\s*$`, 'm').exec(texts[1]!);
      expect(entry, `${chapter} in the contents`).not.toBeNull();
      expect(Number(entry![1]), chapter).toBe(printedOn);
    }
    // The ruleset sections of the findings too.
    const entry = /^\s*integrity@1\.1\.0: .*?\s(\d+)\s*$/m.exec(texts[1]!);
    expect(texts[Number(entry![1]) - 1]).toMatch(/integrity@1\.1\.0: Integrity safeguards/);
  });

  it('is links without numbers in HTML, and numbers are written only for headings the PDF outline places', () => {
    expect(html).toContain('<a href="#summary"><span class="toc-title">Executive summary</span><span class="toc-page" data-page-of="summary"></span></a>');
    expect(headingsOf(html).find((h) => h.id === 'findings')?.text).toBe('Findings');
    expect(withPageNumbers(html, new Map([['summary', 3]]))).toContain('data-page-of="summary">3</span>');
    // A PDF whose outline does not have the document's headings gives no numbers rather than wrong ones.
    expect(headingPages(html, Buffer.from('%PDF-1.4\n%%EOF\n'))).toBeUndefined();
  });
});

describe('pages', () => {
  it('no page of an example report is left mostly blank by a forced break before a short chapter', async () => {
    for (const example of ['steel-credit-transition.yaml', 'steel-method-only.yaml']) {
      const texts = pages((await reportSource(await readSource(`examples/${example}`), { asOf: ASOF })).content as Buffer);
      // Every page but the cover, the contents and the last one is at least a third full.
      for (const [i, text] of texts.entries()) {
        if (i < 2 || i === texts.length - 1) continue;
        expect(contentLines(text).length, `${example} page ${i + 1}`).toBeGreaterThanOrEqual(14);
      }
      // The short chapters follow on: the verification does not take a page of its own.
      expect(pageOf(texts, 'Verification'), example).toBe(pageOf(texts, 'Appendix: fingerprints and limitations'));
    }
  });
});

describe('not-applicable findings', () => {
  const condition = (ruleset: string, rule: string) => (JSON.parse(readFileSync(`rulesets/${ruleset}.json`, 'utf8')) as { rules: Array<{ id: string; appliesWhen?: Condition }> }).rules.find((r) => r.id === rule)!.appliesWhen!;

  it('say in words what a rule of a released ruleset applies to, never its regular expression', async () => {
    const words = describeApplicability(condition('integrity/1.0.0', 'integrity/full-reduction-claim-needs-zero-input'));
    expect(words).toBe(
      "the claim's stated reduction is at least 100% or the claim's label claims a full reduction (such as “100%”, “zero carbon”, “carbon neutral”, “CO2-free” or “net zero”, in any case) or the claim's wording claims a full reduction (such as “100%”, “zero carbon”, “carbon neutral”, “CO2-free” or “net zero”, in any case)",
    );
    const { content } = await reportSource(await readSource('examples/steel-credit-transition.yaml'), { asOf: ASOF, rulesets: ['integrity@1.0.0'], format: 'html' });
    const listed = /integrity\/full-reduction-claim-needs-zero-input<\/strong>: ([^<]*)<\/li>/.exec(content as string)![1]!;
    expect(listed).toContain('claims a full reduction');
    expect(listed).not.toMatch(/\\|\[- \]|matches|declaration\.method/);
  });

  it('of every bundled ruleset name no raw path, pattern or escaped character', () => {
    for (const file of execFileSync('git', ['ls-files', 'rulesets/*/*.json'], { encoding: 'utf8' }).trim().split('\n')) {
      for (const rule of (JSON.parse(readFileSync(file, 'utf8')) as { rules: Array<{ id: string; appliesWhen?: Condition }> }).rules) {
        if (!rule.appliesWhen) continue;
        expect(describeApplicability(rule.appliesWhen), `${file} ${rule.id}`).not.toMatch(/\\|\$|\bdeclaration\.|\bmetrics\.|\[0\]|"/);
      }
    }
  });
});

describe('the verifier block', () => {
  const svg = '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="60" height="20"><rect width="60" height="20" fill="#123"/></svg>\n';
  const block = (extra = '') => `name: Dr. A. Verifier\nbody: Example Assurance GmbH\naccreditation: DAkkS D-VS-12345-01\nassurance: reasonable\ndate: 2027-02-15\nopinion: |\n  In our opinion the declaration <b>is</b> fairly stated.\n\n  Second paragraph.\n${extra}`;
  const run = (args: string[]) => spawnSync(process.execPath, ['bin/mbcheck.js', 'report', 'examples/steel-credit-transition.yaml', '--as-of', ASOF, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });

  it('replaces the signature lines with the verifier, the opinion (escaped) and the logo inlined', () => {
    writeFileSync(join(dir, 'logo.svg'), svg);
    writeFileSync(join(dir, 'verifier.yaml'), block('logo: logo.svg\n'));
    const out = join(dir, 'verified.html');
    const r = run(['--verifier', join(dir, 'verifier.yaml'), '--format', 'html', '--output', out]);
    expect(r.status, r.stderr).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(html).toContain(`<img class="verifier-logo" src="data:image/svg+xml;base64,${Buffer.from(svg).toString('base64').replace(/=/g, '&#x3D;')}"`);
    expect(html).toContain('<p>In our opinion the declaration &lt;b&gt;is&lt;/b&gt; fairly stated.</p>');
    expect(html).toContain('<p>Second paragraph.</p>');
    expect(html).toContain('reasonable assurance');
    expect(html).not.toContain('class="signature"');
  });

  it('takes the place of the blank signature lines of a declaration that names no verification', async () => {
    const text = readFileSync('examples/steel-credit-transition.yaml', 'utf8').replace(/^ {4}verification:.*\n( {6}.*\n)*/m, '');
    expect(text).not.toContain('verification:');
    const source = sourceFromText('unverified.yaml', text);
    const { content, result } = await reportSource(source, { asOf: ASOF, format: 'html' });
    expect(result.valid).toBe(true);
    const plain = content as string;
    expect(plain).toContain('class="signature"');
    const signed = (await reportSource(source, { asOf: ASOF, format: 'html', verifier: parseVerifier('v.yaml', Buffer.from(block())) })).content as string;
    expect(signed).not.toContain('class="signature"');
    expect(signed).toContain('<div class="verifier-name">Dr. A. Verifier</div>');
  });

  it('prints in the PDF', async () => {
    const { content } = await reportSource(await readSource('examples/steel-credit-transition.yaml'), { asOf: ASOF, verifier: parseVerifier('v.yaml', Buffer.from(block())) });
    const text = pages(content as Buffer).join('\n');
    expect(text).toContain("The verifier's opinion");
    expect(text).toContain('Dr. A. Verifier, Example Assurance GmbH');
    expect(text).not.toContain('Signature');
  });

  it('is refused with exit 2 and no stack trace when its logo is missing or not an image, or it breaks its schema (at the line)', () => {
    writeFileSync(join(dir, 'no-logo.yaml'), block('logo: missing.png\n'));
    const missing = run(['--verifier', join(dir, 'no-logo.yaml'), '--output', join(dir, 'x.pdf')]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/no-logo\.yaml:10:7 {2}\/logo {2}.*missing\.png: cannot read the verifier's logo \(no such file\)/);
    expect(missing.stderr).not.toMatch(/\n\s+at /);
    writeFileSync(join(dir, 'logo.txt'), 'not an image');
    writeFileSync(join(dir, 'text-logo.yaml'), block('logo: logo.txt\n'));
    const text = run(['--verifier', join(dir, 'text-logo.yaml'), '--output', join(dir, 'x.pdf')]);
    expect(text.status).toBe(2);
    expect(text.stderr).toContain('logo.txt is not a PNG, JPEG or SVG image');
    writeFileSync(join(dir, 'broken.yaml'), 'name: X\nassurance: high\ndate: 2027-02-15\n');
    const broken = run(['--verifier', join(dir, 'broken.yaml'), '--output', join(dir, 'x.pdf')]);
    expect(broken.status).toBe(2);
    expect(broken.stderr).toContain('not a valid verifier file');
    expect(broken.stderr).toMatch(/broken\.yaml:2:12 {2}\/assurance/);
    expect(broken.stderr).toMatch(/missing required property "opinion"/);
  });

  it('knows an image by its content, not its name', () => {
    expect(imageTypeOf(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe('image/png');
    expect(imageTypeOf(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(imageTypeOf(Buffer.from(svg))).toBe('image/svg+xml');
    expect(imageTypeOf(Buffer.from('<html><svg></svg></html>'))).toBeUndefined();
  });
});
