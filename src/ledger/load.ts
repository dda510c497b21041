// Reads the ledger files a declaration names, in the load stage before validation: each CSV file or workbook
// sheet straight into lines as it is parsed (no table of cells is kept), with a problem of its own for a file that
// cannot be read. src/ledger/merge.ts puts the lines in the declaration.
import { createHash } from 'node:crypto';
import { MbcheckError } from '../errors.js';
import type { ValidationError } from '../declaration/problems.js';
import { formatOfFileName } from '../declaration/formats.js';
import { readCsvLines, type Delimiter } from './csv.js';
import { SheetReader, type DateFormat, type ReadingOptions, type SheetLines } from './lines.js';
import type { LedgerFileReader } from './reader.js';
import { ledgerReferences, type LedgerReference } from './references.js';
import { TableProblem, type LedgerTable } from './table.js';
import { loadWorkbook, readSheet, readSheetRows, type LoadedWorkbook } from './xlsx.js';

export interface LedgerFileRecord {
  /** As the declaration names it. */
  name: string;
  sha256: string;
}

export interface ReadSheet {
  reference: LedgerReference;
  /** The lines of an inputs or outputs sheet. */
  lines?: SheetLines;
  /** The sheet "ledger" of a whole workbook (its settings), when it has one. */
  settings?: LedgerTable;
  problem?: ValidationError;
}

export interface ReadLedgerFiles {
  files: LedgerFileRecord[];
  sheets: ReadSheet[];
}

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

function ledgerObject(data: unknown): Record<string, unknown> {
  return isObject(data) && isObject(data['ledger']) ? data['ledger'] : {};
}

function fileProblem(reference: LedgerReference, message: string, row = 0, column = 0): ValidationError {
  return { pointer: reference.pointer, line: row, column, file: reference.file, ...(reference.sheet !== undefined ? { sheet: reference.sheet } : {}), code: 'ledger-file', message };
}

/** How the lines are read: from the ledger object, or for a whole workbook from its sheet "ledger". */
const DATE_FORMATS = new Set(['YYYY-MM-DD', 'DD.MM.YYYY', 'DD/MM/YYYY', 'MM/DD/YYYY']);

/**
 * How the lines are read: from the ledger object, or for a whole workbook from its sheet "ledger". Settings of
 * the wrong kind are left out here, before the schema has been checked: validation then says what is wrong.
 */
function readingOptions(ledger: Record<string, unknown>, settings: LedgerTable | undefined): ReadingOptions {
  const dateFormat = ledger['dateFormat'] ?? settings?.rows.find((r) => String(r.cells.get(1) ?? '').trim() === 'dateFormat')?.cells.get(2);
  const csv = isObject(ledger['csv']) ? (ledger['csv'] as { decimal?: unknown }) : {};
  const columns = isObject(ledger['columns']) ? Object.fromEntries(Object.entries(ledger['columns']).filter(([, field]) => typeof field === 'string')) as Record<string, string> : undefined;
  return {
    ...(columns ? { columns } : {}),
    ...(typeof dateFormat === 'string' && DATE_FORMATS.has(dateFormat) ? { dateFormat: dateFormat as DateFormat } : {}),
    ...(csv.decimal === '.' || csv.decimal === ',' ? { decimal: csv.decimal } : {}),
  };
}

type Part = 'inputs' | 'outputs';

/** Reads every ledger file a parsed declaration names; a file that cannot be read becomes a problem of its own. */
export async function readLedgerFiles(data: unknown, reader: LedgerFileReader): Promise<ReadLedgerFiles> {
  const ledger = ledgerObject(data);
  const declared = isObject(ledger['csv']) ? (ledger['csv'] as { delimiter?: unknown }).delimiter : undefined;
  const delimiter = [',', ';', '\t', '|'].includes(declared as string) ? (declared as Delimiter) : undefined;
  const bytesOf = new Map<string, Uint8Array | ValidationError>();
  const workbooks = new Map<string, LoadedWorkbook | ValidationError>();
  const out: ReadLedgerFiles = { files: [], sheets: [] };
  let settings: LedgerTable | undefined;

  const bytesFor = (reference: LedgerReference): Uint8Array | ValidationError => {
    let bytes = bytesOf.get(reference.file);
    if (!bytes) {
      try {
        bytes = reader(reference.file);
        out.files.push({ name: reference.file, sha256: createHash('sha256').update(bytes).digest('hex') });
      } catch (error) {
        // A file's error starts with its path, which the message names already.
        const message = error instanceof MbcheckError ? error.message.replace(/^[^:]*: /, '') : (error as Error).message;
        bytes = fileProblem(reference, `the ledger file ${reference.file} cannot be read: ${message}`);
      }
      bytesOf.set(reference.file, bytes);
    }
    return bytes;
  };
  const workbookFor = async (reference: LedgerReference, bytes: Uint8Array): Promise<LoadedWorkbook | ValidationError> => {
    let workbook = workbooks.get(reference.file);
    if (!workbook) {
      try {
        workbook = await loadWorkbook(bytes);
      } catch (error) {
        if (!(error instanceof TableProblem)) throw error;
        workbook = fileProblem(reference, `the ledger file ${reference.file}: ${error.message}`);
      }
      workbooks.set(reference.file, workbook);
    }
    return workbook;
  };

  for (const reference of ledgerReferences(data)) {
    const bytes = bytesFor(reference);
    if (!(bytes instanceof Uint8Array)) {
      if (reference.part !== 'settings') out.sheets.push({ reference, problem: bytes });
      continue;
    }
    try {
      const format = formatOfFileName(reference.file)?.name;
      if (format === 'csv') {
        if (reference.sheet !== undefined) throw new TableProblem(`a CSV file has no sheets; name it without "#${reference.sheet}"`);
        const options = readingOptions(ledger, settings);
        let sheetReader: SheetReader | undefined;
        await readCsvLines(bytes, reference.file, delimiter, (headers, found) => {
          sheetReader = new SheetReader(reference.file, undefined, reference.part as Part, options, options.decimal ? undefined : found);
          sheetReader.header(headers);
          return sheetReader;
        });
        out.sheets.push({ reference, lines: sheetReader!.finish() });
      } else if (format === 'xlsx') {
        const workbook = await workbookFor(reference, bytes);
        if ('code' in workbook) {
          if (reference.part !== 'settings') out.sheets.push({ reference, problem: workbook });
          continue;
        }
        if (reference.part === 'settings') {
          settings = workbook.sheet(reference.sheet!) ? readSheet(workbook, reference.file, reference.sheet!) : undefined;
          out.sheets.push({ reference, ...(settings ? { settings } : {}) });
          continue;
        }
        // Spreadsheet numbers are numbers; a number stored as text is read with the declared decimal mark, and
        // without one, any it could be read two ways by is refused.
        const base = readingOptions(ledger, settings);
        const options = { ...base, decimal: base.decimal ?? ('.' as const), decimalGuessed: base.decimal === undefined, date1904: workbook.date1904 };
        let sheetReader: SheetReader | undefined;
        readSheetRows(workbook, reference.file, reference.sheet!, (headers, sheet) => {
          sheetReader = new SheetReader(reference.file, sheet, reference.part as Part, options);
          sheetReader.header(headers);
          return sheetReader;
        });
        out.sheets.push({ reference, lines: sheetReader!.finish() });
      } else {
        throw new TableProblem('a ledger file must be a .csv or an .xlsx file');
      }
    } catch (error) {
      if (!(error instanceof TableProblem)) throw error;
      out.sheets.push({ reference, problem: fileProblem(reference, `the ledger file ${reference.file}${reference.sheet ? `, sheet "${reference.sheet}"` : ''}: ${error.message}`, error.row, error.column) });
    }
  }
  return out;
}
