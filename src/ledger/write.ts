// Writes ledger lines as the files the loader reads back: CSV (one file per part) and an XLSX workbook (sheets
// inputs, outputs and ledger), cell by cell through columns.ts so both sides agree on every value's text.
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { cellText, ledgerColumns, LIST_SEPARATOR, valueAt, type LedgerColumn, type LedgerPart } from './columns.js';
import { MbcheckError } from '../errors.js';

export type LedgerLine = Record<string, unknown>;

/** One sheet or CSV file: its columns, in ledgerColumns order, and its lines. */
export interface LedgerTable {
  columns: readonly LedgerColumn[];
  lines: readonly LedgerLine[];
}

/** The ledger's own settings (unit, baseline), as written on the workbook's sheet "ledger". */
export type LedgerSettings = Record<string, string | number | boolean>;

export const LEDGER_SHEET = 'ledger';
export const SETTINGS_HEADER = ['field', 'value'] as const;

/** Every required column and each column that some line fills, so an exported file has no column empty throughout. */
export function usedColumns(part: LedgerPart, lines: readonly LedgerLine[]): LedgerColumn[] {
  return ledgerColumns(part).filter((column) => column.required || lines.some((line) => valueAt(line, column.field) !== undefined));
}

/** Every required column and the named optional ones (a template shows the columns worth knowing about). */
export function chosenColumns(part: LedgerPart, optional: readonly string[]): LedgerColumn[] {
  const all = ledgerColumns(part);
  const unknown = optional.filter((field) => !all.some((column) => column.field === field));
  // A template naming a column the schema no longer has would silently drop it: that is a packaging bug.
  if (unknown.length > 0) throw new Error(`no ${part} column ${unknown.join(', ')} in the declaration schema`);
  return all.filter((column) => column.required || optional.includes(column.field));
}

/** The CSV text of a table: UTF-8 without BOM, comma, "\n" line ends, quoted by csv-stringify where a cell needs it. */
export function csvText(table: LedgerTable): string {
  refuseUnwritable(table, true);
  const header = table.columns.map((column) => column.field);
  const rows = table.lines.map((line) => table.columns.map((column) => cellText(valueAt(line, column.field), column)));
  return stringify([header, ...rows], { record_delimiter: 'unix', bom: false });
}

/**
 * Values a file cannot carry as they are: a list item holding the separator would come back as two items, and
 * text starting with = + or @ is run as a formula when a spreadsheet program opens the file. Refused, not altered.
 */
function refuseUnwritable(table: LedgerTable, csv: boolean): void {
  table.lines.forEach((line, index) => {
    for (const column of table.columns) {
      const value = valueAt(line, column.field);
      const items = column.kind === 'list' && Array.isArray(value) ? value.map(String) : column.kind === 'text' && typeof value === 'string' ? [value] : [];
      for (const item of items) {
        const why = column.kind === 'list' && item.includes(LIST_SEPARATOR)
          ? `holds "${LIST_SEPARATOR}", which separates the items of a list in a cell`
          : csv && (/^[=+@]/.test(item) || /^-[^\d.]/.test(item))
            ? 'starts like a formula, which a spreadsheet program would run when it opens the file'
            : undefined;
        if (why) throw new MbcheckError('unwritable-value', `line ${index + 1}, ${column.field}: ${JSON.stringify(item.slice(0, 80))} ${why}; change it in the declaration before exporting`);
      }
    }
  });
}

/**
 * The settings the sheet "ledger" carries: what the books are (unit, baseline). Not how files are written
 * (ledger.csv, ledger.dateFormat): the files written here always use "," "." and YYYY-MM-DD.
 */
export const SETTINGS_FIELDS = ['unit', 'baselineEmissionFactor', 'baselineBasis'] as const;

export function ledgerSettings(ledger: Record<string, unknown>): LedgerSettings {
  const settings: LedgerSettings = {};
  for (const field of SETTINGS_FIELDS) {
    const value = ledger[field];
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') settings[field] = value;
  }
  return settings;
}

/** Text cells are formatted as text ("@"), so that Excel keeps 2026-01-20 or 007 as typed when a user edits them. */
const TEXT_FORMAT = '@';

function addTableSheet(workbook: ExcelJS.Workbook, name: LedgerPart, table: LedgerTable): void {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.addRow(table.columns.map((column) => column.field));
  for (const line of table.lines) {
    sheet.addRow(
      table.columns.map((column) => {
        const value = valueAt(line, column.field);
        if (value === undefined || value === null) return null;
        return column.kind === 'number' && typeof value === 'number' ? value : cellText(value, column);
      }),
    );
  }
  table.columns.forEach((column, index) => {
    const sheetColumn = sheet.getColumn(index + 1);
    sheetColumn.width = Math.max(10, column.field.length + 2);
    if (column.kind !== 'number') sheetColumn.numFmt = TEXT_FORMAT;
  });
  sheet.getRow(1).font = { bold: true };
}

function addSettingsSheet(workbook: ExcelJS.Workbook, settings: LedgerSettings): void {
  const sheet = workbook.addWorksheet(LEDGER_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.addRow([...SETTINGS_HEADER]);
  for (const [field, value] of Object.entries(settings)) sheet.addRow([field, typeof value === 'boolean' ? String(value) : value]);
  sheet.getColumn(1).width = 26;
  sheet.getColumn(1).numFmt = TEXT_FORMAT;
  sheet.getColumn(2).width = 20;
  sheet.getRow(1).font = { bold: true };
}

/** The workbook: sheets inputs and outputs (header in row 1, numbers as numeric cells), and the ledger settings. */
export async function workbookBytes(tables: Record<LedgerPart, LedgerTable>, settings: LedgerSettings): Promise<Uint8Array> {
  for (const table of Object.values(tables)) refuseUnwritable(table, false);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'mbcheck';
  addTableSheet(workbook, 'inputs', tables.inputs);
  addTableSheet(workbook, 'outputs', tables.outputs);
  addSettingsSheet(workbook, settings);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
