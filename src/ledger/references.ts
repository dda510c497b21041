// Where a declaration names ledger files instead of writing its lines: `ledger.inputs: inputs.csv`,
// `ledger.outputs: ledger.xlsx#outputs`, or `ledger: ledger.xlsx` for a whole workbook.
import type { LedgerPart } from './columns.js';

export interface LedgerReference {
  part: LedgerPart | 'settings';
  /** The file as the declaration names it, relative to the declaration's folder. */
  file: string;
  /** The sheet of a workbook; for a workbook named without one, the part's own name. */
  sheet?: string;
  /** Where the declaration names it. */
  pointer: string;
}

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

function split(text: string): { file: string; sheet?: string } {
  const hash = text.indexOf('#');
  return hash < 0 ? { file: text } : { file: text.slice(0, hash), sheet: text.slice(hash + 1) };
}

const isWorkbook = (file: string) => /\.xlsx$/i.test(file);

/** The ledger files a parsed declaration names, in the order it names them; none for a ledger written inline. */
export function ledgerReferences(data: unknown): LedgerReference[] {
  if (!isObject(data)) return [];
  const ledger = data['ledger'];
  if (typeof ledger === 'string') {
    const { file } = split(ledger);
    // The workbook's sheet "ledger" gives what a ledger object would hold besides its lines (unit first).
    return [
      { part: 'settings', file, sheet: 'ledger', pointer: '/ledger' },
      { part: 'inputs', file, sheet: 'inputs', pointer: '/ledger' },
      { part: 'outputs', file, sheet: 'outputs', pointer: '/ledger' },
    ];
  }
  if (!isObject(ledger)) return [];
  const references: LedgerReference[] = [];
  for (const part of ['inputs', 'outputs'] as const) {
    const value = ledger[part];
    if (typeof value !== 'string') continue;
    const { file, sheet } = split(value);
    references.push({ part, file, ...(sheet !== undefined ? { sheet } : isWorkbook(file) ? { sheet: part } : {}), pointer: `/ledger/${part}` });
  }
  return references;
}
