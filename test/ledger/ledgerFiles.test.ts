// Ledgers kept as CSV files or XLSX workbooks beside a YAML method: the same verdicts as written inline, and
// every problem at its file, sheet, row and column, with the setting that would read it.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse as parseYaml, stringify } from 'yaml';
import { checkSource } from '../../src/check.js';
import { readSource, sourceFromText } from '../../src/declaration/source.js';
import { placeOf } from '../../src/declaration/problems.js';
import { cellText, ledgerColumns, valueAt, type LedgerPart } from '../../src/ledger/columns.js';

const ASOF = '2026-11-29';
const dir = mkdtempSync(join(tmpdir(), 'mbcheck-ledger-files-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Line = Record<string, unknown>;
type Example = { ledger: Record<string, unknown> & { inputs: Line[]; outputs: Line[] } } & Record<string, unknown>;
const example = (name = 'steel-credit-transition.yaml') => parseYaml(readFileSync(`examples/${name}`, 'utf8')) as Example;

function csvOf(lines: Line[], part: LedgerPart, delimiter = ','): string {
  const columns = ledgerColumns(part).filter((c) => lines.some((l) => valueAt(l, c.field) !== undefined));
  const quote = (text: string) => (text.includes(delimiter) || /["\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
  return [columns.map((c) => c.field).join(delimiter), ...lines.map((l) => columns.map((c) => quote(cellText(valueAt(l, c.field), c))).join(delimiter))].join('\n') + '\n';
}

/** A folder with the declaration and its ledger as CSV files; `edit` changes the files' text first. */
function csvTwin(name: string, declaration = example(), edit: (part: LedgerPart, text: string) => string = (_p, t) => t, ledgerExtra: Record<string, unknown> = {}): string {
  const folder = join(dir, name);
  execFileSync('mkdir', ['-p', folder]);
  for (const part of ['inputs', 'outputs'] as const) writeFileSync(join(folder, `${part}.csv`), edit(part, csvOf(declaration.ledger[part], part)));
  const method = { ...declaration, ledger: { ...declaration.ledger, inputs: 'inputs.csv', outputs: 'outputs.csv', ...ledgerExtra } };
  writeFileSync(join(folder, 'declaration.yaml'), stringify(method));
  return join(folder, 'declaration.yaml');
}

async function check(path: string) {
  return checkSource(await readSource(path), { asOf: ASOF });
}

describe('CSV ledgers', () => {
  it.each(['steel-credit-transition.yaml', 'steel-stacked-100-percent.yaml', 'cocoa-eudr-compliant.yaml', 'chemicals-two-groups.yaml', 'steel-multi-site-unconnected.yaml'])('%s: the same verdicts and figures as its inline twin', async (name) => {
    const inline = await checkSource(sourceFromText(`examples/${name}`, readFileSync(`examples/${name}`, 'utf8')), { asOf: ASOF });
    const twin = await check(csvTwin(`twin-${name}`, example(name)));
    expect(twin.validationErrors).toEqual([]);
    expect(twin.verdict).toBe(inline.verdict);
    expect(twin.findings!.map((f) => [f.ruleId, f.outcome])).toEqual(inline.findings!.map((f) => [f.ruleId, f.outcome]));
    expect(twin.metrics).toEqual(inline.metrics);
  });

  it('a wrong quantity is placed at its file, row and column, in the JSON and the text', async () => {
    const path = csvTwin('wrong-quantity', example(), (part, text) => (part === 'inputs' ? text.split('\n').map((l, i) => (i === 2 ? l.replace(/,8800,/, ',-5,') : l)).join('\n') : text));
    const result = await check(path);
    expect(result.valid).toBe(false);
    expect(result.validationErrors).toEqual([expect.objectContaining({ pointer: '/ledger/inputs/1/quantity', file: 'inputs.csv', line: 3, header: 'quantity', message: 'must be > 0; got -5' })]);
    expect(placeOf(result.validationErrors[0]!, path)).toBe(join(dir, 'wrong-quantity', 'inputs.csv:3:quantity'));
  });

  it('a spreadsheet dialect (";" and decimal commas, a byte-order mark, empty trailing rows) is read as it is', async () => {
    const dialect = (_part: LedgerPart, text: string) => `\ufeff${text.replace(/,/g, ';').replace(/(\d)\.(\d)/g, '$1,$2')};;;\n;;\n\n`;
    const result = await check(csvTwin('dialect', example(), dialect));
    expect(result.validationErrors).toEqual([]);
    expect(result.metrics).toEqual((await check(csvTwin('dialect-plain', example()))).metrics);
  });

  it('decimal commas and points in one file: read with points, and the commas named with the setting', async () => {
    const result = await check(csvTwin('mixed', example(), (_p, text) => text.replace(/,/g, ';').replace(/(\d)\.(\d)/, '$1,$2')));
    expect(result.validationErrors).toContainEqual(expect.objectContaining({ file: 'inputs.csv', line: 2, header: 'emissionFactor', message: 'must be a number; got "0,7", which has a decimal comma: if the file writes decimals that way, add ledger.csv: { decimal: "," } to the declaration' }));
  });

  it('a number a guessed decimal mark could read two ways (1.200) is refused, not read one way silently', async () => {
    // No number in the file shows its decimal mark: 1.200 could be 1200 or 1.2.
    const integers = (part: LedgerPart, text: string) => (part === 'inputs' ? text.replace(/,/g, ';').replace(/(\d)\.\d/g, '$1').replace(';1200;', ';1.200;') : text.replace(/,/g, ';').replace(/(\d)\.\d/g, '$1'));
    const refused = await check(csvTwin('grouped', example(), integers));
    expect(refused.validationErrors).toContainEqual(expect.objectContaining({ file: 'inputs.csv', header: 'quantity', message: expect.stringContaining('add ledger.csv: { decimal: "." } or { decimal: "," }') }));
    // Declared, it is read as meant.
    const grouped = (part: LedgerPart, text: string) => text.replace(/,/g, ';').replace(/(\d)\.(\d)/g, '$1,$2').replace(';1200;', ';1.200;');
    const declared = await check(csvTwin('grouped-declared', example(), grouped, { csv: { decimal: ',' } }));
    expect(declared.validationErrors).toEqual([]);
    expect(declared.metrics).toEqual((await check(csvTwin('grouped-plain', example()))).metrics);
  });

  it('a header that is no field names the fields and ledger.columns; mapped, it is read', async () => {
    const german = (part: LedgerPart, text: string) => (part === 'inputs' ? text.replace('quantity', 'Menge') : text);
    const refused = await check(csvTwin('unknown-column', example(), german));
    expect(refused.validationErrors).toContainEqual(expect.objectContaining({ code: 'unknown-column', file: 'inputs.csv', line: 1, header: 'Menge', message: expect.stringContaining('map it with ledger.columns: { "Menge": "<field>" }') }));
    const mapped = await check(csvTwin('mapped-column', example(), german, { columns: { Menge: 'quantity' } }));
    expect(mapped.validationErrors).toEqual([]);
  });

  it('dates written DD.MM.YYYY need ledger.dateFormat, which the message names', async () => {
    const dotted = (_p: LedgerPart, text: string) => text.replace(/(\d{4})-(\d{2})-(\d{2})/g, '$3.$2.$1');
    const refused = await check(csvTwin('dotted-dates', example(), dotted));
    expect(refused.validationErrors[0]).toMatchObject({ header: 'date', message: expect.stringContaining('add ledger.dateFormat: "DD.MM.YYYY"') });
    expect((await check(csvTwin('dotted-dates-declared', example(), dotted, { dateFormat: 'DD.MM.YYYY' }))).validationErrors).toEqual([]);
  });

  it('the sha256 covers the declaration and every file, as sha256sum of them all gives it', async () => {
    const path = csvTwin('fingerprint', example());
    const result = await check(path);
    expect(result.declaration.files!.map((f) => f.name)).toEqual(['declaration.yaml', 'inputs.csv', 'outputs.csv']);
    const manifest = execFileSync('sha256sum', ['declaration.yaml', 'inputs.csv', 'outputs.csv'], { cwd: join(dir, 'fingerprint') });
    expect(result.declaration.sha256).toBe(execFileSync('sha256sum', [], { input: manifest, encoding: 'utf8' }).split(' ')[0]);
  });

  it('the sha256 recipe holds for a file name with a backslash and for a declaration on standard input', async () => {
    const path = csvTwin('escaped', example());
    const folder = join(dir, 'escaped');
    execFileSync('mv', [join(folder, 'inputs.csv'), join(folder, 'in\\puts.csv')]);
    writeFileSync(path, readFileSync(path, 'utf8').replace('inputs: inputs.csv', 'inputs: "in\\\\puts.csv"'));
    const result = await check(path);
    expect(result.validationErrors).toEqual([]);
    const manifest = execFileSync('sha256sum', ['declaration.yaml', 'in\\puts.csv', 'outputs.csv'], { cwd: folder });
    expect(result.declaration.sha256).toBe(execFileSync('sha256sum', [], { input: manifest, encoding: 'utf8' }).split(' ')[0]);
    const { sourceFromBytes } = await import('../../src/declaration/source.js');
    const { ledgerFilesBeside } = await import('../../src/ledger/reader.js');
    const stdin = sourceFromBytes('<stdin>', readFileSync(path));
    stdin.readLedgerFile = ledgerFilesBeside(path);
    const fromStdin = await checkSource(stdin, { asOf: ASOF });
    const piped = execFileSync('sha256sum', ['-', 'in\\puts.csv', 'outputs.csv'], { cwd: folder, input: readFileSync(path) });
    expect(fromStdin.declaration.sha256).toBe(execFileSync('sha256sum', [], { input: piped, encoding: 'utf8' }).split(' ')[0]);
  });

  it('a missing file is a problem at the place that names it', async () => {
    const path = csvTwin('missing', example());
    rmSync(join(dir, 'missing', 'outputs.csv'));
    const result = await check(path);
    expect(result.validationErrors).toEqual([expect.objectContaining({ pointer: '/ledger/outputs', file: 'outputs.csv', code: 'ledger-file', message: expect.stringContaining('cannot read the ledger file (no such file)') })]);
  });

  it('a declaration given as text reads no local file: naming one is a problem, not a read', async () => {
    const method = { ...example(), ledger: { unit: 't', inputs: '/etc/passwd.csv', outputs: 'outputs.csv' } };
    const result = await checkSource(sourceFromText('request.yaml', stringify(method)), { asOf: ASOF });
    expect(result.validationErrors).toEqual([expect.objectContaining({ code: 'ledger-files-not-read' })]);
  });
});

describe('XLSX ledgers', () => {
  async function workbook(name: string, build: (wb: import('exceljs').Workbook) => void, ledger: unknown): Promise<string> {
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    build(wb);
    const folder = join(dir, name);
    execFileSync('mkdir', ['-p', folder]);
    await wb.xlsx.writeFile(join(folder, 'ledger.xlsx'));
    writeFileSync(join(folder, 'declaration.yaml'), stringify({ ...example(), ledger }));
    return join(folder, 'declaration.yaml');
  }

  function addLines(wb: import('exceljs').Workbook, declaration = example()): void {
    for (const part of ['inputs', 'outputs'] as const) {
      const sheet = wb.addWorksheet(part);
      const columns = ledgerColumns(part).filter((c) => declaration.ledger[part].some((l) => valueAt(l, c.field) !== undefined));
      sheet.addRow(columns.map((c) => c.field));
      for (const line of declaration.ledger[part]) sheet.addRow(columns.map((c) => (c.kind === 'number' ? valueAt(line, c.field) ?? null : cellText(valueAt(line, c.field), c) || null)));
    }
  }

  it('sheets named with #, and the whole workbook with its sheet "ledger": the same figures as inline', async () => {
    const inline = await checkSource(sourceFromText('x.yaml', readFileSync('examples/steel-credit-transition.yaml', 'utf8')), { asOf: ASOF });
    const bySheet = await check(await workbook('by-sheet', (wb) => addLines(wb), { ...example().ledger, inputs: 'ledger.xlsx#inputs', outputs: 'ledger.xlsx#outputs' }));
    expect(bySheet.validationErrors).toEqual([]);
    expect(bySheet.metrics).toEqual(inline.metrics);
    const whole = await check(
      await workbook('whole', (wb) => {
        addLines(wb);
        const settings = wb.addWorksheet('ledger');
        settings.addRow(['field', 'value']);
        for (const [field, value] of Object.entries(example().ledger).filter(([k]) => k !== 'inputs' && k !== 'outputs')) settings.addRow([field, value as string | number]);
      }, 'ledger.xlsx'),
    );
    expect(whole.validationErrors).toEqual([]);
    expect(whole.metrics).toEqual(inline.metrics);
  });

  it('a wrong quantity in row 12 is that sheet, row 12, the quantity column', async () => {
    const declaration = example();
    const line = declaration.ledger.inputs[1]!;
    for (let i = 0; declaration.ledger.inputs.length < 14; i++) declaration.ledger.inputs.push({ ...line, id: `extra-${i}` });
    const path = await workbook('row-12', (wb) => {
      addLines(wb, declaration);
      const sheet = wb.getWorksheet('inputs')!;
      const quantity = (sheet.getRow(1).values as unknown[]).indexOf('quantity');
      sheet.getRow(12).getCell(quantity).value = 'lots';
    }, { ...declaration.ledger, inputs: 'ledger.xlsx#inputs', outputs: 'ledger.xlsx#outputs' });
    const result = await check(path);
    expect(result.validationErrors).toEqual([expect.objectContaining({ pointer: '/ledger/inputs/10/quantity', file: 'ledger.xlsx', sheet: 'inputs', line: 12, header: 'quantity', message: 'must be a number; got "lots"' })]);
    expect(placeOf(result.validationErrors[0]!, 'declaration.yaml')).toBe('ledger.xlsx!inputs!E12');
    // The same place in the text a user reads and in the report a verifier hands back.
    const { formatters } = await import('../../src/format/index.js');
    expect(formatters.text([result], { color: false })).toContain(`${join(dir, 'row-12')}/ledger.xlsx!inputs!E12  /ledger/inputs/10/quantity  must be a number; got "lots"`);
    const { reportSource } = await import('../../src/report/index.js');
    const { content } = await reportSource(await readSource(path), { asOf: ASOF, format: 'html' });
    expect(content as string).toContain('ledger.xlsx!inputs!E12');
  });

  it('reads formulas by their saved value and dates as spreadsheet dates or serial numbers', async () => {
    const path = await workbook('formulas', (wb) => {
      addLines(wb);
      const sheet = wb.getWorksheet('inputs')!;
      sheet.getCell('E2').value = { formula: '600*2', result: 1200 };
      sheet.getCell('B2').value = new Date(Date.UTC(2026, 0, 20));
      sheet.getCell('B3').value = 46027; // 2026-01-05 as an Excel serial day
    }, { ...example().ledger, inputs: 'ledger.xlsx#inputs', outputs: 'ledger.xlsx#outputs' });
    const result = await check(path);
    expect(result.validationErrors).toEqual([]);
    expect(result.metrics).toEqual((await checkSource(sourceFromText('x.yaml', readFileSync('examples/steel-credit-transition.yaml', 'utf8')), { asOf: ASOF })).metrics);
  });

  it('a number stored as text is read with the declared decimal mark; without one, a reading two ways is refused', async () => {
    const sheets = { ...example().ledger, inputs: 'ledger.xlsx#inputs', outputs: 'ledger.xlsx#outputs' };
    const textFactor = (wb: import('exceljs').Workbook) => {
      addLines(wb);
      wb.getWorksheet('inputs')!.getCell('F2').value = '0,700';
    };
    const refused = await check(await workbook('text-number', textFactor, sheets));
    expect(refused.validationErrors).toEqual([expect.objectContaining({ sheet: 'inputs', line: 2, header: 'emissionFactor', message: expect.stringContaining('add ledger.csv: { decimal: "." } or { decimal: "," }') })]);
    const declared = await check(await workbook('text-number-declared', textFactor, { ...sheets, csv: { decimal: ',' } }));
    expect(declared.validationErrors).toEqual([]);
    expect(declared.metrics!.ledger?.totals).toEqual((await checkSource(sourceFromText('x.yaml', readFileSync('examples/steel-credit-transition.yaml', 'utf8')), { asOf: ASOF })).metrics!.ledger?.totals);
  });

  it('a merged range counts its value once, in its first cell, as the spreadsheet sums it', async () => {
    const result = await check(await workbook('merged-data', (wb) => {
      addLines(wb);
      wb.getWorksheet('outputs')!.mergeCells('E2:E3');
    }, { ...example().ledger, inputs: 'ledger.xlsx#inputs', outputs: 'ledger.xlsx#outputs' }));
    expect(result.validationErrors).toContainEqual(expect.objectContaining({ sheet: 'outputs', line: 3, pointer: '/ledger/outputs/1/quantity' }));
  });

  it('a hyperlink whose text is rich text is read as its text; an error cell is placed at its cell', async () => {
    const sheets = { ...example().ledger, inputs: 'ledger.xlsx#inputs', outputs: 'ledger.xlsx#outputs' };
    const linked = await check(await workbook('rich-link', (wb) => {
      addLines(wb);
      const sheet = wb.getWorksheet('inputs')!;
      const evidence = (sheet.getRow(1).values as unknown[]).indexOf('evidence');
      sheet.getRow(2).getCell(evidence).value = { text: { richText: [{ text: 'EPD-' }, { text: '2026-114', font: { bold: true } }] }, hyperlink: 'https://example.org' } as never;
    }, sheets));
    expect(linked.validationErrors).toEqual([]);
    expect(JSON.stringify(linked.metrics)).not.toContain('[object Object]');
    const errorCell = await check(await workbook('error-cell', (wb) => {
      addLines(wb);
      wb.getWorksheet('inputs')!.getCell('E3').value = { error: '#DIV/0!' } as never;
    }, sheets));
    expect(errorCell.validationErrors[0]).toMatchObject({ file: 'ledger.xlsx', line: 3, column: 5, message: expect.stringContaining('#DIV/0!') });
  });

  it('merged header cells and a missing sheet are refused, naming what to do', async () => {
    const merged = await check(await workbook('merged', (wb) => {
      addLines(wb);
      wb.getWorksheet('inputs')!.mergeCells('A1:B1');
    }, { ...example().ledger, inputs: 'ledger.xlsx#inputs', outputs: 'ledger.xlsx#outputs' }));
    expect(merged.validationErrors[0]!.message).toMatch(/header cells A1:B1 of sheet "inputs" are merged.*unmerge them/);
    const missing = await check(await workbook('no-sheet', (wb) => addLines(wb), { ...example().ledger, inputs: 'ledger.xlsx#Eingänge', outputs: 'ledger.xlsx#outputs' }));
    expect(missing.validationErrors[0]!.message).toMatch(/no sheet "Eingänge" \(its sheets: inputs, outputs\)/);
    const noSettings = await check(await workbook('no-settings', (wb) => addLines(wb), 'ledger.xlsx'));
    expect(noSettings.validationErrors[0]!.message).toMatch(/has no sheet "ledger" giving the ledger's unit/);
  });
});

describe('files that could be read two ways, or that broke the reader (an adversarial review found these)', () => {
  const withQuantity = (text: string) => (part: LedgerPart, csv: string) => (part === 'inputs' ? csv.split('\n').map((l, i) => (i === 2 ? l.replace(/,8800,/, `,${text},`) : l)).join('\n') : csv);

  it('tab-separated quantities with thousands points and no decimal anywhere are refused, not read as 5.4', async () => {
    const tabs = (part: LedgerPart, text: string) => {
      const rows = text.replace(/(\d)\.\d/g, '$1').split('\n').map((line) => line.replace(/,/g, '\t'));
      if (part === 'inputs') rows[2] = rows[2]!.replace('\t8800\t', '\t8.800\t');
      return rows.join('\n');
    };
    const result = await check(csvTwin('tabs-grouped', example(), tabs));
    expect(result.validationErrors).toContainEqual(expect.objectContaining({ header: 'quantity', line: 3, message: expect.stringContaining('grouping thousands, or as a decimal') }));
  });

  it('a space that does not group thousands is refused, not deleted ("5400 1200" is no 54001200)', async () => {
    const result = await check(csvTwin('space', example(), withQuantity('"5400 1200"')));
    expect(result.validationErrors).toContainEqual(expect.objectContaining({ header: 'quantity', message: expect.stringContaining('a space that does not group thousands') }));
    expect((await check(csvTwin('space-grouped', example(), withQuantity('"8 800"')))).metrics).toEqual((await check(csvTwin('space-plain', example()))).metrics);
  });

  it('a number too small to tell from 0 is refused', async () => {
    const result = await check(csvTwin('underflow', example(), withQuantity('1e-400')));
    expect(result.validationErrors).toContainEqual(expect.objectContaining({ header: 'quantity', message: expect.stringContaining('too small to tell from 0') }));
  });

  it('an unknown dateFormat or a column mapped to a number is a validation error, not an internal one', async () => {
    const badDate = await check(csvTwin('bad-date-format', example(), undefined, { dateFormat: 'dd.mm.yyyy' }));
    expect(badDate.error).toBeUndefined();
    expect(badDate.validationErrors.map((e) => e.pointer)).toContain('/ledger/dateFormat');
    const badColumns = await check(csvTwin('bad-columns', example(), undefined, { columns: { quantity: 5 } }));
    expect(badColumns.error).toBeUndefined();
    expect(badColumns.validationErrors.map((e) => e.pointer)).toContain('/ledger/columns/quantity');
  });

  it('a whole ledger named as a CSV file, or with #, says what a whole-ledger workbook is', async () => {
    const folder = join(dir, 'whole-csv');
    execFileSync('mkdir', ['-p', folder]);
    writeFileSync(join(folder, 'declaration.yaml'), stringify({ ...example(), ledger: 'inputs.csv' }));
    writeFileSync(join(folder, 'inputs.csv'), csvOf(example().ledger.inputs, 'inputs'));
    const result = await check(join(folder, 'declaration.yaml'));
    expect(result.validationErrors).toEqual([expect.objectContaining({ pointer: '/ledger', message: expect.stringContaining('a whole ledger in one file is an .xlsx workbook') })]);
  });
});
