// Merges the lines read from ledger files into the declaration, so that validation, the books and the rules see
// a ledger like any other, and every problem in a line is placed at its file, sheet, row and column.
import type { Located, ValidationError } from '../declaration/problems.js';
import { pointerToSegments } from '../declaration/problems.js';
import { settingNumber, type SheetLines } from './lines.js';
import { ledgerReferences, type LedgerReference } from './references.js';
import type { ReadLedgerFiles } from './load.js';
import type { LedgerTable } from './table.js';

function fileProblem(reference: LedgerReference, message: string, sheet?: string): ValidationError {
  return { pointer: reference.pointer, line: 0, column: 0, file: reference.file, ...(sheet ?? reference.sheet ? { sheet: sheet ?? reference.sheet } : {}), code: 'ledger-file', message };
}

export interface MergedLedger {
  data: unknown;
  problems: ValidationError[];
  /** The place of a pointer into lines read from a file; undefined for any other pointer. */
  locate(pointer: string): Located | undefined;
}

const SETTINGS_FIELDS: Record<string, 'text' | 'number'> = { unit: 'text', baselineEmissionFactor: 'number', baselineBasis: 'text', dateFormat: 'text' };

/** The ledger object of a whole workbook, from its sheet "ledger" (field, value rows); unit is needed. */
function workbookLedger(sheet: ReadLedgerFiles['sheets'][number] | undefined, reference: LedgerReference, problems: ValidationError[]): Record<string, unknown> {
  const ledger: Record<string, unknown> = {};
  if (!sheet?.settings) {
    problems.push(fileProblem(reference, `the workbook ${reference.file} has no sheet "ledger" giving the ledger's unit: add one with the rows "unit | t" (or kg), or write ledger as { unit: t, inputs: ${reference.file}#inputs, outputs: ${reference.file}#outputs }`, 'ledger'));
    return ledger;
  }
  const table = sheet.settings;
  // Its first row may be a header ("field", "value") or already a setting.
  const rows: LedgerTable['rows'] = [{ row: 1, cells: new Map(table.headers.map((h) => [h.column, h.text] as const)) }, ...table.rows];
  for (const { row, cells } of rows) {
    const field = String(cells.get(1) ?? '').trim();
    if (field === '' || field.toLowerCase() === 'field') continue;
    const kind = SETTINGS_FIELDS[field];
    const value = cells.get(2);
    if (!kind) {
      problems.push({ pointer: '/ledger', line: row, column: 1, file: reference.file, sheet: table.sheet!, code: 'ledger-file', message: `the sheet "ledger" names ${JSON.stringify(field)}, which is no setting of a ledger (the settings: ${Object.keys(SETTINGS_FIELDS).join(', ')})` });
      continue;
    }
    if (kind === 'number' && typeof value === 'string') {
      const read = settingNumber(value);
      if ('problem' in read) {
        problems.push({ pointer: `/ledger/${field}`, line: row, column: 2, file: reference.file, sheet: table.sheet!, header: field, code: 'cell', message: read.problem });
        continue;
      }
      ledger[field] = read.value;
    } else ledger[field] = value;
  }
  return ledger;
}

/** The declaration with its ledger files' lines in place of their names, the problems found, and their places. */
export function mergeLedgerFiles(data: unknown, read: ReadLedgerFiles | undefined): MergedLedger {
  const references = ledgerReferences(data);
  if (references.length === 0) return { data, problems: [], locate: () => undefined };
  const problems: ValidationError[] = [];
  if (!read) {
    problems.push({ pointer: references[0]!.pointer, line: 0, column: 0, code: 'ledger-files-not-read', message: `the declaration names the ledger file ${references[0]!.file}, but no file was given with it: the command line reads ledger files beside the declaration; the service takes them as parts of a multipart/form-data request, each named as the declaration names it` });
    return { data, problems, locate: () => undefined };
  }
  const merged = structuredClone(data) as Record<string, unknown>;
  const workbookForm = typeof merged['ledger'] === 'string';
  if (workbookForm && !/^[^#]*\.xlsx$/i.test(merged['ledger'] as string)) {
    problems.push({ pointer: '/ledger', line: 0, column: 0, code: 'ledger-file', message: `ledger names ${JSON.stringify(merged['ledger'])}: a whole ledger in one file is an .xlsx workbook with sheets inputs, outputs and ledger, named without #; for CSV files, write ledger: { unit: t, inputs: inputs.csv, outputs: outputs.csv }` });
    return { data, problems, locate: () => undefined };
  }
  const ledger: Record<string, unknown> = workbookForm
    ? workbookLedger(read.sheets.find((s) => s.reference.part === 'settings'), references[0]!, problems)
    : (merged['ledger'] as Record<string, unknown>);
  merged['ledger'] = ledger;
  const placed = new Map<string, SheetLines>();
  for (const sheet of read.sheets) {
    const part = sheet.reference.part;
    if (part === 'settings') continue;
    if (sheet.problem) problems.push(sheet.problem);
    if (!sheet.lines) {
      ledger[part] = [];
      continue;
    }
    problems.push(...sheet.lines.problems);
    ledger[part] = sheet.lines.lines;
    placed.set(part, sheet.lines);
  }
  return {
    data: merged,
    problems,
    locate(pointer) {
      const [top, part, index, ...field] = pointerToSegments(pointer);
      if (top !== 'ledger' || (part !== 'inputs' && part !== 'outputs')) return undefined;
      const lines = placed.get(part);
      if (!lines) return undefined;
      // The list as a whole (minItems, say) is the file's, without a row.
      if (index === undefined || !/^\d+$/.test(index)) return { ...lines.place(-1, undefined), line: 0 };
      return lines.place(Number(index), field.length > 0 ? field.join('.') : undefined);
    },
  };
}

