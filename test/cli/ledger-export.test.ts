// mbcheck ledger export: a declaration's inline lines written out as CSV files or a workbook, and a copy of the
// declaration that names them, comments kept; checked, the copy judges as the original did.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { cellText, ledgerColumns, valueAt } from '../../src/ledger/columns.js';

const ASOF = '2026-11-29';
const EXAMPLE = 'examples/steel-credit-transition.yaml';
const mbcheck = (args: string[], input?: string) =>
  spawnSync(process.execPath, ['bin/mbcheck.js', ...args], { encoding: 'utf8', input, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined } });
const freshDir = () => mkdtempSync(join(tmpdir(), 'mbcheck-export-'));

type Line = Record<string, unknown>;
const example = parseYaml(readFileSync(EXAMPLE, 'utf8')) as { ledger: Record<string, unknown> & { inputs: Line[]; outputs: Line[] } };
const commentsOf = (text: string) => text.split('\n').flatMap((line) => (/#\s?(.*)$/.exec(line.replace(/"[^"]*"/g, '')) ?? []).slice(1)).filter((c) => c.trim() !== '');

describe('mbcheck ledger export --format csv', () => {
  it('writes inputs.csv and outputs.csv whose rows are the example lines, field by field', () => {
    const dir = freshDir();
    const run = mbcheck(['ledger', 'export', EXAMPLE, '--format', 'csv', '--output', dir]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`mbcheck check ${join(dir, 'steel-credit-transition.ledger-files.yaml')}`);
    for (const part of ['inputs', 'outputs'] as const) {
      const [header, ...rows] = parseCsv(readFileSync(join(dir, `${part}.csv`), 'utf8')) as string[][];
      const columns = ledgerColumns(part);
      // Required columns and the used ones only, in schema order.
      expect(header).toEqual(columns.filter((c) => c.required || example.ledger[part].some((line) => valueAt(line, c.field) !== undefined)).map((c) => c.field));
      expect(rows).toHaveLength(example.ledger[part].length);
      example.ledger[part].forEach((line, i) => {
        header!.forEach((field, j) => expect(rows[i]![j]).toBe(cellText(valueAt(line, field), columns.find((c) => c.field === field)!)));
      });
    }
    expect(readFileSync(join(dir, 'inputs.csv'), 'utf8').split('\n')[1]).toBe('in-001,2026-01-20,duisburg,dri-eaf-slab,1200,0.7,true,EPD-2026-114');
  });

  it('writes <name>.ledger-files.yaml: the same declaration naming the files, every comment kept', () => {
    const dir = freshDir();
    expect(mbcheck(['ledger', 'export', EXAMPLE, '-f', 'csv', '-o', dir]).status).toBe(0);
    const text = readFileSync(join(dir, 'steel-credit-transition.ledger-files.yaml'), 'utf8');
    const copy = parseYaml(text) as typeof example;
    expect(copy.ledger.inputs).toBe('inputs.csv');
    expect(copy.ledger.outputs).toBe('outputs.csv');
    expect({ ...copy, ledger: { ...copy.ledger, inputs: [], outputs: [] } }).toEqual({ ...example, ledger: { ...example.ledger, inputs: [], outputs: [] } });
    expect(commentsOf(text)).toEqual(commentsOf(readFileSync(EXAMPLE, 'utf8')));
  });

  it("writes beside the declaration by default, and the copy checks as the original does", () => {
    const dir = freshDir();
    copyFileSync(EXAMPLE, join(dir, 'acme.yaml'));
    expect(mbcheck(['ledger', 'export', join(dir, 'acme.yaml'), '-f', 'csv']).status).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['acme.ledger-files.yaml', 'acme.yaml', 'inputs.csv', 'outputs.csv']);
    const original = JSON.parse(mbcheck(['check', EXAMPLE, '--as-of', ASOF, '--format', 'json']).stdout);
    const run = mbcheck(['check', join(dir, 'acme.ledger-files.yaml'), '--as-of', ASOF, '--format', 'json']);
    const result = JSON.parse(run.stdout);
    expect(result.validationErrors).toEqual([]);
    expect([0, 1]).toContain(run.status);
    expect(result.findings.map((f: { ruleId: string; outcome: string }) => [f.ruleId, f.outcome])).toEqual(original.findings.map((f: { ruleId: string; outcome: string }) => [f.ruleId, f.outcome]));
    expect(result.verdict).toBe(original.verdict);
  });
});

describe('mbcheck ledger export --format xlsx', () => {
  it('writes ledger.xlsx (inputs, outputs, ledger) and a copy naming its sheets, which checks as the original does', async () => {
    const dir = freshDir();
    expect(mbcheck(['ledger', 'export', EXAMPLE, '-f', 'xlsx', '-o', dir]).status).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['ledger.xlsx', 'steel-credit-transition.ledger-files.yaml']);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(join(dir, 'ledger.xlsx'));
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['inputs', 'outputs', 'ledger']);
    const outputs = workbook.getWorksheet('outputs')!;
    expect((outputs.getRow(1).values as unknown[]).slice(1)).toEqual(['id', 'date', 'site', 'productGroup', 'quantity', 'emissionFactor']);
    expect(outputs.rowCount).toBe(example.ledger.outputs.length + 1);
    expect(outputs.getCell('E2')).toMatchObject({ type: ExcelJS.ValueType.Number, value: 600 });
    expect(outputs.getCell('B2')).toMatchObject({ type: ExcelJS.ValueType.String, value: '2026-02-03' });
    const settings = (workbook.getWorksheet('ledger')!.getSheetValues().filter(Boolean) as unknown[][]).map((row) => row.slice(1));
    expect(settings).toEqual([['field', 'value'], ['unit', 't'], ['baselineEmissionFactor', 2.1], ['baselineBasis', 'site-historical']]);

    const copy = parseYaml(readFileSync(join(dir, 'steel-credit-transition.ledger-files.yaml'), 'utf8')) as typeof example;
    expect([copy.ledger.inputs, copy.ledger.outputs]).toEqual(['ledger.xlsx#inputs', 'ledger.xlsx#outputs']);
    const run = mbcheck(['check', join(dir, 'steel-credit-transition.ledger-files.yaml'), '--as-of', ASOF, '--format', 'json']);
    const result = JSON.parse(run.stdout);
    expect(result.validationErrors).toEqual([]);
    expect(run.status).toBe(0);
  });
});

describe('mbcheck ledger export: what it refuses', () => {
  it('refuses to overwrite without --force (exit 2, naming the files, nothing written), and replaces with it', () => {
    const dir = freshDir();
    writeFileSync(join(dir, 'outputs.csv'), 'my own books\n');
    const run = mbcheck(['ledger', 'export', EXAMPLE, '-f', 'csv', '-o', dir]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`${join(dir, 'outputs.csv')} already exists; nothing was written. Add --force`);
    expect(readdirSync(dir)).toEqual(['outputs.csv']);
    expect(readFileSync(join(dir, 'outputs.csv'), 'utf8')).toBe('my own books\n');
    expect(mbcheck(['ledger', 'export', EXAMPLE, '-f', 'csv', '-o', dir, '--force']).status).toBe(0);
    expect(readFileSync(join(dir, 'outputs.csv'), 'utf8')).toMatch(/^id,date,site,productGroup,/);
  });

  it('refuses an invalid declaration with its problems (exit 1), writing nothing', () => {
    const dir = freshDir();
    const broken = readFileSync(EXAMPLE, 'utf8').replace('productGroup: hrc, quantity: 600', 'productGroup: hrc, quantity: -600');
    writeFileSync(join(dir, 'broken.yaml'), broken);
    const run = mbcheck(['ledger', 'export', join(dir, 'broken.yaml'), '-f', 'csv']);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/broken\.yaml:\d+:\d+\s+\/ledger\/outputs\/0\/quantity/);
    expect(run.stderr).toContain('nothing was exported');
    expect(readdirSync(dir)).toEqual(['broken.yaml']);
  });

  it('refuses a declaration without a ledger, or with its ledger already in files (exit 2)', () => {
    const noLedger = mbcheck(['ledger', 'export', 'examples/steel-method-only.yaml', '-f', 'csv', '-o', freshDir()]);
    expect(noLedger.status).toBe(2);
    expect(noLedger.stderr).toContain('has no ledger');
    const dir = freshDir();
    expect(mbcheck(['ledger', 'export', EXAMPLE, '-f', 'csv', '-o', dir]).status).toBe(0);
    const again = mbcheck(['ledger', 'export', join(dir, 'steel-credit-transition.ledger-files.yaml'), '-f', 'xlsx', '-o', freshDir()]);
    expect(again.status).toBe(2);
    expect(again.stderr).toContain('ledger.inputs is already kept in inputs.csv');
  });

  it('takes the format as a usage error (exit 2) when missing or unknown', () => {
    expect(mbcheck(['ledger', 'export', EXAMPLE]).status).toBe(2);
    expect(mbcheck(['ledger', 'export', EXAMPLE, '-f', 'ods']).status).toBe(2);
  });

  it('prints --help, for init too', () => {
    for (const command of [['ledger', 'export'], ['init']]) {
      const run = mbcheck([...command, '--help']);
      expect(run.status).toBe(0);
      expect(run.stdout).toMatch(/Usage: mbcheck/);
    }
  });

  it('leaves out ledger.csv and ledger.dateFormat, which would misread the files it writes', () => {
    const dir = freshDir();
    const text = readFileSync(EXAMPLE, 'utf8').replace('  baselineBasis: site-historical\n', '  baselineBasis: site-historical\n  dateFormat: DD.MM.YYYY\n  csv: { delimiter: ";", decimal: "," }\n');
    const run = mbcheck(['ledger', 'export', '-', '-f', 'csv', '-o', dir], text);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('ledger.csv and ledger.dateFormat left out');
    const copy = parseYaml(readFileSync(join(dir, 'stdin.ledger-files.yaml'), 'utf8')) as typeof example;
    expect(copy.ledger).not.toHaveProperty('csv');
    expect(copy.ledger).not.toHaveProperty('dateFormat');
    expect(existsSync(join(dir, 'inputs.csv'))).toBe(true);
  });
});
