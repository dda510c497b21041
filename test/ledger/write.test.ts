// The ledger files mbcheck writes read back as the lines they came from: CSV through csv-parse, XLSX through
// exceljs, every cell as columns.ts says (the loader reads the same format).
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { cellText, ledgerColumns, valueAt } from '../../src/ledger/columns.js';
import { chosenColumns, csvText, ledgerSettings, usedColumns, workbookBytes, type LedgerLine } from '../../src/ledger/write.js';

// Lines that need every kind of cell and every kind of quoting: a comma, a quote and a line break in text, a
// list, a structure (geolocation as JSON), booleans, an unknown (null) yes/no, decimals.
const inputs: LedgerLine[] = [
  {
    id: 'in-1', date: '2026-01-05', site: 's1', material: 'slab, "grade A"\nsecond line', quantity: 1200.5, emissionFactor: 0.7,
    lowCarbon: true, evidence: ['EPD-1', 'EPD-2'],
    origin: { country: 'CI', geolocation: [{ lat: 6.82, lon: -5.27 }], deforestationFree: null, legal: false },
  },
  { id: 'in-2', date: '2026-01-06', site: 's1', material: 'bf-bof-slab', quantity: 8800, emissionFactor: 2.1 },
];
const outputs: LedgerLine[] = [{ id: 'out-1', date: '2026-02-01', site: 's1', productGroup: 'hrc', quantity: 300, emissionFactor: 0.7, certificateId: 'C-1' }];

describe('usedColumns', () => {
  it('keeps the required columns and those some line fills, in schema order', () => {
    const fields = usedColumns('inputs', inputs).map((c) => c.field);
    expect(fields).toEqual(['id', 'date', 'site', 'material', 'quantity', 'emissionFactor', 'lowCarbon', 'evidence', 'origin.country', 'origin.geolocation', 'origin.deforestationFree', 'origin.legal']);
    const order = ledgerColumns('inputs').map((c) => c.field);
    expect([...fields].sort((a, b) => order.indexOf(a) - order.indexOf(b))).toEqual(fields);
  });
  it('writes every required column even when no line fills it', () => {
    expect(usedColumns('outputs', []).map((c) => c.field)).toEqual(ledgerColumns('outputs').filter((c) => c.required).map((c) => c.field));
  });
});

describe('chosenColumns', () => {
  it('adds the named optional columns and refuses a name the schema does not have', () => {
    expect(chosenColumns('outputs', ['productGroup']).map((c) => c.field)).toEqual(['id', 'date', 'site', 'productGroup', 'quantity', 'emissionFactor']);
    expect(() => chosenColumns('inputs', ['weight'])).toThrow(/no inputs column weight/);
  });
});

describe('csvText', () => {
  it('parses back (csv-parse) to the header and the cell text of every line', () => {
    const columns = usedColumns('inputs', inputs);
    const text = csvText({ columns, lines: inputs });
    const [header, ...rows] = parse(text) as string[][];
    expect(header).toEqual(columns.map((c) => c.field));
    expect(rows).toEqual(inputs.map((line) => columns.map((c) => cellText(valueAt(line, c.field), c))));
    expect(rows[0]).toContain('slab, "grade A"\nsecond line');
    expect(rows[0]).toContain('EPD-1|EPD-2');
    expect(rows[0]).toContain('[{"lat":6.82,"lon":-5.27}]');
    expect(rows[0]![columns.findIndex((c) => c.field === 'origin.deforestationFree')]).toBe('');
    expect(rows[0]![columns.findIndex((c) => c.field === 'origin.legal')]).toBe('false');
  });
  it('is UTF-8 without a byte-order mark, with "\\n" line ends and "." decimals', () => {
    const text = csvText({ columns: usedColumns('inputs', inputs.slice(1)), lines: [{ ...inputs[1]!, material: 'Stahl \u00e4\u00f6\u00fc' }] });
    expect(text.charCodeAt(0)).not.toBe(0xfeff);
    expect(text).not.toContain('\r');
    expect(text).toBe('id,date,site,material,quantity,emissionFactor\nin-2,2026-01-06,s1,Stahl \u00e4\u00f6\u00fc,8800,2.1\n');
  });
});

describe('ledgerSettings', () => {
  it('takes what the books are (unit, baseline), not how files are written', () => {
    expect(ledgerSettings({ unit: 't', baselineEmissionFactor: 2.1, baselineBasis: 'site-historical', dateFormat: 'DD.MM.YYYY', csv: { delimiter: ';' }, inputs: [] })).toEqual({ unit: 't', baselineEmissionFactor: 2.1, baselineBasis: 'site-historical' });
    expect(ledgerSettings({ unit: 'kg', inputs: [] })).toEqual({ unit: 'kg' });
  });
});

describe('workbookBytes', () => {
  it('opens in exceljs with sheets inputs, outputs and ledger; numbers numeric, everything else text', async () => {
    const tables = { inputs: { columns: usedColumns('inputs', inputs), lines: inputs }, outputs: { columns: usedColumns('outputs', outputs), lines: outputs } };
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await workbookBytes(tables, { unit: 't', baselineEmissionFactor: 2.1, baselineBasis: 'site-historical' })) as unknown as ExcelJS.Buffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['inputs', 'outputs', 'ledger']);

    for (const part of ['inputs', 'outputs'] as const) {
      const sheet = workbook.getWorksheet(part)!;
      const { columns, lines } = tables[part];
      expect(columns.map((c, i) => sheet.getRow(1).getCell(i + 1).value)).toEqual(columns.map((c) => c.field));
      expect(sheet.rowCount).toBe(lines.length + 1);
      lines.forEach((line, index) => {
        const row = sheet.getRow(index + 2);
        columns.forEach((column, i) => {
          const cell = row.getCell(i + 1);
          const value = valueAt(line, column.field);
          if (value === undefined || value === null) expect(cell.value).toBeNull();
          else if (column.kind === 'number') {
            expect(cell.type).toBe(ExcelJS.ValueType.Number);
            expect(cell.value).toBe(value);
          } else {
            expect(cell.type).toBe(ExcelJS.ValueType.String);
            expect(cell.value).toBe(cellText(value, column));
          }
        });
      });
    }
    // Dates are text YYYY-MM-DD, never spreadsheet dates.
    expect(workbook.getWorksheet('inputs')!.getCell('B2').value).toBe('2026-01-05');

    const settings = workbook.getWorksheet('ledger')!;
    const rows = settings.getSheetValues().filter(Boolean).map((row) => (row as unknown[]).slice(1));
    expect(rows).toEqual([['field', 'value'], ['unit', 't'], ['baselineEmissionFactor', 2.1], ['baselineBasis', 'site-historical']]);
    expect(settings.getCell('B3').type).toBe(ExcelJS.ValueType.Number);
  });
});

describe('values a file cannot carry as they are', () => {
  it('are refused, not altered: a list item holding "|", and text a spreadsheet would run as a formula', async () => {
    const { csvText, workbookBytes, usedColumns } = await import('../../src/ledger/write.js');
    const line = { id: 'in-1', date: '2026-01-02', site: 's', material: 'slab', quantity: 1, emissionFactor: 1 };
    const table = (lines: Array<Record<string, unknown>>) => ({ columns: usedColumns('inputs', lines), lines });
    expect(() => csvText(table([{ ...line, evidence: ['ISCC|PLUS 2026'] }]))).toThrow(/line 1, evidence: "ISCC\|PLUS 2026" holds "\|"/);
    expect(() => csvText(table([{ ...line, material: '=HYPERLINK("x")' }]))).toThrow(/starts like a formula/);
    expect(() => csvText(table([{ ...line, material: '-slab' }]))).toThrow(/starts like a formula/);
    expect(() => csvText(table([{ ...line, quantity: 5, emissionFactor: 0 }]))).not.toThrow();
    await expect(workbookBytes({ inputs: table([{ ...line, evidence: ['a|b'] }]), outputs: { columns: usedColumns('outputs', []), lines: [] } }, { unit: 't' })).rejects.toThrow(/holds "\|"/);
  });
});
