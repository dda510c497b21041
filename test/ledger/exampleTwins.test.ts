// The bundled examples whose ledger lives in files judge exactly as their twins written inline: same verdicts,
// findings and figures. A change to either side that breaks the pair fails here.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkSource } from '../../src/check.js';
import { readSource, sourceFromText } from '../../src/declaration/source.js';

const ASOF = '2026-11-29';

describe.each([
  ['examples/steel-credit-workbook/steel-credit-workbook.yaml', 'examples/steel-credit-transition.yaml', ['steel-credit-workbook.yaml', 'ledger.xlsx']],
  ['examples/chemicals-csv/chemicals-csv.yaml', 'examples/chemicals-two-groups.yaml', ['chemicals-csv.yaml', 'inputs.csv', 'outputs.csv']],
])('%s', (withFiles, inline, files) => {
  it(`judges as ${inline}`, async () => {
    const [fromFiles, written] = await Promise.all([
      readSource(withFiles).then((source) => checkSource(source, { asOf: ASOF })),
      checkSource(sourceFromText(inline, readFileSync(inline, 'utf8')), { asOf: ASOF }),
    ]);
    expect(fromFiles.validationErrors).toEqual([]);
    expect(fromFiles.verdict).toBe(written.verdict);
    expect(fromFiles.rulesets).toEqual(written.rulesets);
    expect(fromFiles.findings!.map((f) => [f.ruleId, f.outcome, f.message])).toEqual(written.findings!.map((f) => [f.ruleId, f.outcome, f.message]));
    expect(fromFiles.metrics).toEqual(written.metrics);
    expect(fromFiles.declaration.files!.map((f) => f.name)).toEqual(files);
  });
});

describe('the report of a declaration whose ledger is in files', () => {
  it('lists each file with its sha256 in the appendix, beside the sha256 of them all', async () => {
    const { reportSource } = await import('../../src/report/index.js');
    const { result, content } = await reportSource(await readSource('examples/chemicals-csv/chemicals-csv.yaml'), { asOf: ASOF, format: 'html' });
    const html = content as string;
    expect(html).toContain(result.declaration.sha256!);
    // The declaration by its file name, never the folder it was read from.
    expect(html).not.toContain('examples/chemicals-csv/');
    expect(html).toContain('(chemicals-csv.yaml)');
    for (const file of result.declaration.files!) {
      expect(html).toContain(`<th class="small">${file.name}</th><td class="mono">${file.sha256}</td>`);
    }
  });
});
