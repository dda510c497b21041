// mbcheck init: a commented declaration and its ledger (CSV, XLSX) that a company can start from, which check
// accepts as written, and which is never written over a person's own files without --force.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml, parseDocument } from 'yaml';
import { initProject, initTemplates } from '../../src/cli/init.js';
import { cellText, ledgerColumns, valueAt } from '../../src/ledger/columns.js';
import { loadSchema } from '../../src/schemas.js';

const ASOF = '2026-11-29';
const mbcheck = (args: string[], input?: string) =>
  spawnSync(process.execPath, ['bin/mbcheck.js', ...args], { encoding: 'utf8', input, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined } });
const freshDir = () => mkdtempSync(join(tmpdir(), 'mbcheck-init-'));

async function init(dir: string, force = false): Promise<{ code: number; printed: string }> {
  let printed = '';
  const code = await initProject(dir, { force, print: (text) => void (printed += text) });
  return { code, printed };
}

type Declaration = {
  period: { start: string; end: string };
  method: { transferBoundary: { sites: { id: string }[] }; allocation: { productGroups: { id: string }[] } };
  ledger: Record<string, unknown>;
};

describe('mbcheck init: the files', () => {
  it('writes the declaration, inputs.csv, outputs.csv and ledger.xlsx, and says what to run next', async () => {
    const dir = freshDir();
    const { code, printed } = await init(dir);
    expect(code).toBe(0);
    for (const name of ['declaration.yaml', 'inputs.csv', 'outputs.csv', 'ledger.xlsx']) expect(printed).toContain(join(dir, name));
    expect(printed).toContain(`mbcheck check ${join(dir, 'declaration.yaml')}`);
    expect(readFileSync(join(dir, 'declaration.yaml'), 'utf8')).toBe(initTemplates().declarationText);
  });

  it('writes CSV files that parse back to the required and common columns and the template lines', async () => {
    const dir = freshDir();
    await init(dir);
    const { ledger } = initTemplates();
    const expected = {
      inputs: ['id', 'date', 'site', 'batch', 'material', 'quantity', 'emissionFactor', 'lowCarbon', 'evidence'],
      outputs: ['id', 'date', 'site', 'productGroup', 'quantity', 'emissionFactor'],
    };
    for (const part of ['inputs', 'outputs'] as const) {
      const [header, ...rows] = parseCsv(readFileSync(join(dir, `${part}.csv`), 'utf8')) as string[][];
      expect(header).toEqual(expected[part]);
      const columns = ledgerColumns(part).filter((c) => header!.includes(c.field));
      expect(rows).toEqual(ledger[part].map((line) => columns.map((c) => cellText(valueAt(line, c.field), c))));
      expect(rows).toHaveLength(2);
    }
  });

  it('writes lines that name only the sites, product groups and period the declaration declares', () => {
    const { declarationText, ledger } = initTemplates();
    const declaration = parseYaml(declarationText) as Declaration;
    const sites = declaration.method.transferBoundary.sites.map((s) => s.id);
    const groups = declaration.method.allocation.productGroups.map((g) => g.id);
    for (const line of [...ledger.inputs, ...ledger.outputs]) {
      expect(sites).toContain(line['site']);
      expect(String(line['date']) >= declaration.period.start && String(line['date']) <= declaration.period.end).toBe(true);
    }
    for (const line of ledger.outputs) expect(groups).toContain(line['productGroup']);
    expect(declaration.ledger).toMatchObject({ unit: 't', inputs: 'inputs.csv', outputs: 'outputs.csv' });
  });

  it('writes ledger.xlsx with sheets inputs, outputs and ledger: numbers as numbers, dates as text', async () => {
    const dir = freshDir();
    await init(dir);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(join(dir, 'ledger.xlsx'));
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['inputs', 'outputs', 'ledger']);
    const inputs = workbook.getWorksheet('inputs')!;
    const header = (inputs.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(['id', 'date', 'site', 'batch', 'material', 'quantity', 'emissionFactor', 'lowCarbon', 'evidence']);
    const cell = (name: string, row: number) => inputs.getRow(row).getCell(header.indexOf(name) + 1);
    expect(cell('quantity', 2).type).toBe(ExcelJS.ValueType.Number);
    expect(cell('emissionFactor', 3).value).toBe(0.7);
    expect(cell('date', 2).value).toBe('2025-01-08');
    expect(cell('lowCarbon', 3).value).toBe('true');
    const outputs = workbook.getWorksheet('outputs')!;
    expect(outputs.rowCount).toBe(3);
    expect(outputs.getCell('E2').type).toBe(ExcelJS.ValueType.Number);
    const settings = (workbook.getWorksheet('ledger')!.getSheetValues().filter(Boolean) as unknown[][]).map((row) => row.slice(1));
    expect(settings).toEqual([['field', 'value'], ['unit', 't'], ['baselineEmissionFactor', 2.1], ['baselineBasis', 'site-historical']]);
  });

  it('explains each of the seven decisions and names every option the schema allows for them', () => {
    const text = initTemplates().declarationText;
    const comments = text.split('\n').filter((line) => /^\s*#/.test(line) || / #/.test(line)).join('\n');
    for (let n = 1; n <= 7; n++) expect(comments).toContain(`Decision ${n}`);
    const defs = (loadSchema('declaration.schema.json') as { $defs: Record<string, { properties: Record<string, { enum?: string[]; items?: { enum?: string[] } }> }> }).$defs;
    const options = [
      defs['inputBoundary']!.properties['control']!.enum!,
      defs['transferBoundary']!.properties['level']!.enum!,
      defs['allocation']!.properties['basis']!.enum!,
      defs['attribution']!.properties['model']!.enum!,
      defs['reporting']!.properties['instrument']!.enum!,
      defs['reporting']!.properties['inventories']!.items!.enum!,
      defs['ledger']!.properties['baselineBasis']!.enum!,
    ].flat();
    for (const option of options) expect(comments).toContain(option);
    // And the way to switch to the workbook.
    expect(comments).toContain('ledger: ledger.xlsx');
    expect(comments).toContain('inputs: ledger.xlsx#inputs');
    const method = parseDocument(text).getIn(['method']) as { items: { key: { value: string } }[] };
    expect(method.items.map((pair) => pair.key.value)).toEqual(['inputBoundary', 'temporalBoundary', 'transferBoundary', 'allocation', 'attribution', 'stacking', 'reporting']);
  });
});

describe('mbcheck init: files already there', () => {
  it('refuses to overwrite without --force, naming the files, and writes none of them', async () => {
    const dir = freshDir();
    writeFileSync(join(dir, 'inputs.csv'), 'my own books\n');
    await expect(init(dir)).rejects.toThrow(`${join(dir, 'inputs.csv')} already exists; nothing was written. Add --force`);
    expect(readFileSync(join(dir, 'inputs.csv'), 'utf8')).toBe('my own books\n');
    expect(() => readFileSync(join(dir, 'declaration.yaml'))).toThrow();
  });

  it('replaces them with --force', async () => {
    const dir = freshDir();
    writeFileSync(join(dir, 'inputs.csv'), 'my own books\n');
    expect((await init(dir, true)).code).toBe(0);
    expect(readFileSync(join(dir, 'inputs.csv'), 'utf8')).toMatch(/^id,date,site,batch,/);
  });

  it('exits 2 from the command line, and says which files are there', () => {
    const dir = freshDir();
    expect(mbcheck(['init', dir]).status).toBe(0);
    const again = mbcheck(['init', dir]);
    expect(again.status).toBe(2);
    expect(again.stderr).toContain(`${join(dir, 'declaration.yaml')}, ${join(dir, 'inputs.csv')}, ${join(dir, 'outputs.csv')} and ${join(dir, 'ledger.xlsx')} already exist`);
    expect(again.stderr).not.toMatch(/\n\s+at /);
    expect(mbcheck(['init', dir, '--force']).status).toBe(0);
  });

  it('refuses a file given as the folder', () => {
    const dir = freshDir();
    writeFileSync(join(dir, 'x'), '');
    const run = mbcheck(['init', join(dir, 'x')]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('is not a folder');
  });
});

describe('mbcheck init && mbcheck check (end to end, through the ledger loader)', () => {
  const checked = (file: string) => {
    const run = mbcheck(['check', file, '--as-of', ASOF, '--format', 'json']);
    return { code: run.status, result: JSON.parse(run.stdout), stderr: run.stderr };
  };

  it('the template lines, written inline, pass the bundled rulesets (independent of the loader)', () => {
    const { declarationText, ledger } = initTemplates();
    const doc = parseDocument(declarationText);
    doc.setIn(['ledger', 'inputs'], ledger.inputs);
    doc.setIn(['ledger', 'outputs'], ledger.outputs);
    const run = mbcheck(['check', '-', '--as-of', ASOF, '--format', 'json'], doc.toString());
    const result = JSON.parse(run.stdout);
    expect(result.validationErrors).toEqual([]);
    expect(result.verdict).toBe('pass');
    expect(run.status).toBe(0);
  });

  it('checks the declaration it wrote with no validation error (exit 0, or 1 for a rule, never 2)', () => {
    const dir = freshDir();
    expect(mbcheck(['init', dir]).status).toBe(0);
    const { code, result } = checked(join(dir, 'declaration.yaml'));
    expect(result.validationErrors).toEqual([]);
    expect(result.valid).toBe(true);
    expect([0, 1]).toContain(code);
    expect(result.metrics.hasLedger).toBe(true);
  });

  it('checks it the same with the ledger switched to the workbook, either way the comment says', () => {
    const dir = freshDir();
    expect(mbcheck(['init', dir]).status).toBe(0);
    const text = readFileSync(join(dir, 'declaration.yaml'), 'utf8');
    const sheets = text.replace('  inputs: inputs.csv', '  inputs: ledger.xlsx#inputs').replace('  outputs: outputs.csv', '  outputs: ledger.xlsx#outputs');
    writeFileSync(join(dir, 'sheets.yaml'), sheets);
    const doc = parseDocument(text);
    doc.set('ledger', 'ledger.xlsx');
    writeFileSync(join(dir, 'workbook.yaml'), doc.toString());
    const csv = checked(join(dir, 'declaration.yaml'));
    for (const file of ['sheets.yaml', 'workbook.yaml']) {
      const { code, result } = checked(join(dir, file));
      expect(result.validationErrors).toEqual([]);
      expect([0, 1]).toContain(code);
      expect(result.findings.map((f: { ruleId: string; outcome: string }) => [f.ruleId, f.outcome])).toEqual(csv.result.findings.map((f: { ruleId: string; outcome: string }) => [f.ruleId, f.outcome]));
    }
  });
});
