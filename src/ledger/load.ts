// Reads the ledger files a declaration names, in the load stage before validation: each CSV file or workbook
// sheet as a table, with a problem of its own for a file that cannot be read. src/ledger/merge.ts puts the lines in.
import { createHash } from 'node:crypto';
import { MbcheckError } from '../errors.js';
import type { LedgerFileReader } from './reader.js';
import type { ValidationError } from '../declaration/problems.js';
import { formatOfFileName } from '../declaration/formats.js';
import { readCsvTable, type Delimiter } from './csv.js';
import { ledgerReferences, type LedgerReference } from './references.js';
import { TableProblem, type LedgerTable } from './table.js';
import { loadWorkbook, readSheet, type LoadedWorkbook } from './xlsx.js';

export interface LedgerFileRecord {
  /** As the declaration names it. */
  name: string;
  sha256: string;
}

export interface ReadLedgerFiles {
  files: LedgerFileRecord[];
  /** The sheets read, by reference. */
  sheets: Array<{ reference: LedgerReference; table?: LedgerTable; problem?: ValidationError }>;
  date1904: Map<string, boolean>;
}

const isProblem = (value: LoadedWorkbook | ValidationError): value is ValidationError => 'code' in value;

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

function csvSettings(data: unknown): { delimiter?: Delimiter; decimal?: '.' | ',' } {
  const csv = isObject(data) && isObject(data['ledger']) ? data['ledger']['csv'] : undefined;
  return isObject(csv) ? (csv as { delimiter?: Delimiter; decimal?: '.' | ',' }) : {};
}

function fileProblem(reference: LedgerReference, message: string, row = 0, column = 0, sheet?: string): ValidationError {
  return { pointer: reference.pointer, line: row, column, file: reference.file, ...(sheet ?? reference.sheet ? { sheet: sheet ?? reference.sheet } : {}), code: 'ledger-file', message };
}

/** Reads every ledger file a parsed declaration names; a file that cannot be read becomes a problem of its own. */
export async function readLedgerFiles(data: unknown, reader: LedgerFileReader): Promise<ReadLedgerFiles> {
  const references = ledgerReferences(data);
  const bytesOf = new Map<string, Uint8Array | ValidationError>();
  const workbooks = new Map<string, LoadedWorkbook | ValidationError>();
  const out: ReadLedgerFiles = { files: [], sheets: [], date1904: new Map() };
  for (const reference of references) {
    if (!bytesOf.has(reference.file)) {
      try {
        const bytes = reader(reference.file);
        bytesOf.set(reference.file, bytes);
        out.files.push({ name: reference.file, sha256: createHash('sha256').update(bytes).digest('hex') });
      } catch (error) {
        // A file's error starts with its path, which the message names already.
        const message = error instanceof MbcheckError ? error.message.replace(/^[^:]*: /, '') : (error as Error).message;
        bytesOf.set(reference.file, fileProblem(reference, `the ledger file ${reference.file} cannot be read: ${message}`));
      }
    }
    const bytes = bytesOf.get(reference.file)!;
    if (!(bytes instanceof Uint8Array)) {
      if (reference.part !== 'settings') out.sheets.push({ reference, problem: bytes });
      continue;
    }
    const format = formatOfFileName(reference.file)?.name;
    try {
      if (format === 'csv') {
        if (reference.sheet !== undefined) throw new TableProblem(`a CSV file has no sheets; name it without "#${reference.sheet}"`);
        out.sheets.push({ reference, table: readCsvTable(bytes, reference.file, csvSettings(data).delimiter) });
      } else if (format === 'xlsx') {
        let workbook = workbooks.get(reference.file);
        if (!workbook) {
          try {
            workbook = await loadWorkbook(bytes);
          } catch (error) {
            workbook = fileProblem(reference, error instanceof TableProblem ? `the ledger file ${reference.file}: ${error.message}` : String(error));
          }
          workbooks.set(reference.file, workbook);
        }
        if (isProblem(workbook)) {
          if (reference.part !== 'settings') out.sheets.push({ reference, problem: workbook });
          continue;
        }
        out.date1904.set(reference.file, workbook.date1904);
        if (reference.part === 'settings' && !workbook.sheet(reference.sheet!)) {
          out.sheets.push({ reference });
          continue;
        }
        out.sheets.push({ reference, table: readSheet(workbook, reference.file, reference.sheet!) });
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

