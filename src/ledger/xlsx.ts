// Reads a sheet of an XLSX workbook with exceljs: a formula by its cached value, rich text as its text, a date
// cell as a date. Merged header cells are refused, since no column can be told from them.
import { createRequire } from 'node:module';
import type { Workbook, Worksheet } from 'exceljs';
import { columnLetters } from '../declaration/problems.js';
import { TableProblem, type CellValue, type LedgerTable } from './table.js';

// exceljs and its zip readers cost a start-up only a workbook should pay.
function newWorkbook(): Workbook {
  const ExcelJS = createRequire(import.meta.url)('exceljs') as { Workbook: new () => Workbook };
  return new ExcelJS.Workbook();
}

export interface LoadedWorkbook {
  sheetNames: string[];
  /** Spreadsheets count dates from 1900, or from 1904 (older Mac workbooks). */
  date1904: boolean;
  sheet(name: string): Worksheet | undefined;
}

export async function loadWorkbook(bytes: Uint8Array): Promise<LoadedWorkbook> {
  const workbook = newWorkbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer);
  } catch (error) {
    throw new TableProblem(`it cannot be read as an XLSX workbook (${(error as Error).message.split('\n')[0]}); save it from the spreadsheet program as "Excel Workbook (.xlsx)"`);
  }
  const sheets = workbook.worksheets;
  return {
    sheetNames: sheets.map((s) => s.name),
    date1904: Boolean((workbook.properties as { date1904?: boolean }).date1904),
    sheet: (name) => sheets.find((s) => s.name === name) ?? sheets.find((s) => s.name.toLowerCase() === name.toLowerCase()),
  };
}

type RawValue = CellValue | { formula?: string; sharedFormula?: string; result?: unknown } | { richText: Array<{ text: string }> } | { text: string; hyperlink: string } | { error: string };

function cellValue(raw: unknown, place: string, row = 0, column = 0): CellValue {
  if (raw === null || raw === undefined) return null;
  if (typeof raw === 'string' || typeof raw === 'number' || typeof raw === 'boolean' || raw instanceof Date) return raw;
  const value = raw as Exclude<RawValue, CellValue>;
  if ('error' in value) throw new TableProblem(`cell ${place} holds the spreadsheet error ${value.error}; correct it and save again`, row, column);
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('formula' in value || 'sharedFormula' in value) {
    const result = value.result;
    // A workbook saved by a program that does not compute formulas has none cached: there is nothing to read.
    if (result === undefined) throw new TableProblem(`cell ${place} holds a formula with no saved value; open the workbook in a spreadsheet program and save it, so that its values are stored`, row, column);
    return cellValue(result, place, row, column);
  }
  // A hyperlink's text may itself be rich text.
  if ('text' in value) return cellValue(value.text, place, row, column);
  throw new TableProblem(`cell ${place} holds a value of a kind mbcheck does not read; write it as a number, text or date`, row, column);
}

type RowSink = { row(row: number, cells: Iterable<readonly [number, CellValue]>): void };

/** A sheet's header and rows handed on as they are read; the place of each cell is `file!sheet!E12`. */
export function readSheetRows(workbook: LoadedWorkbook, file: string, sheetName: string, start: (headers: Array<{ column: number; text: string }>, sheet: string) => RowSink): void {
  const sheet = workbook.sheet(sheetName);
  if (!sheet) throw new TableProblem(`the workbook has no sheet "${sheetName}" (its sheets: ${workbook.sheetNames.join(', ') || 'none'})`);
  const merges = ((sheet.model as { merges?: string[] }).merges ?? []).filter((range) => /^[A-Z]+1(:|$)/.test(range));
  if (merges.length > 0) {
    throw new TableProblem(`the header cells ${merges.join(', ')} of sheet "${sheet.name}" are merged, so the columns cannot be told apart; unmerge them and give each column its own header`, 1, 0);
  }
  const place = (row: number, column: number) => `${file}!${sheet.name}!${columnLetters(column)}${row}`;
  const headers: Array<{ column: number; text: string }> = [];
  sheet.getRow(1).eachCell({ includeEmpty: false }, (cell, column) => {
    const value = cellValue(cell.value, place(1, column));
    headers.push({ column, text: value instanceof Date ? value.toISOString().slice(0, 10) : String(value ?? '').trim() });
  });
  if (headers.length === 0) throw new TableProblem(`sheet "${sheet.name}" has no header row: its first row must name the columns (id, date, site, ...)`, 1, 0);
  const sink = start(headers, sheet.name);
  sheet.eachRow({ includeEmpty: false }, (row, number) => {
    if (number === 1) return;
    const cells: Array<readonly [number, CellValue]> = [];
    row.eachCell({ includeEmpty: false }, (cell, column) => {
      // A merged range holds its value in its first cell only, as the spreadsheet sums it: exceljs would repeat
      // it in every cell the range covers.
      if (cell.isMerged && cell.master.address !== cell.address) return;
      const value = cellValue(cell.value, place(number, column), number, column);
      if (value !== null && !(typeof value === 'string' && value.trim() === '')) cells.push([column, value]);
    });
    if (cells.length > 0) sink.row(number, cells);
  });
}

/** A sheet as a whole table (the small sheet "ledger" of settings). */
export function readSheet(workbook: LoadedWorkbook, file: string, sheetName: string): LedgerTable {
  let table: LedgerTable | undefined;
  readSheetRows(workbook, file, sheetName, (headers, sheet) => {
    const made: LedgerTable = { file, format: 'xlsx', sheet, headers, rows: [] };
    table = made;
    return { row: (row, cells) => void made.rows.push({ row, cells: new Map(cells) }) };
  });
  return table!;
}
