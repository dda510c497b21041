// Reads a CSV ledger file with csv-parse, as spreadsheet programs and ERP exports write them: a byte-order mark,
// "," or ";" or tab between fields (declared, or told from the header when only one of them appears there).
import { parse } from 'csv-parse/sync';
import { TableProblem, type LedgerTable } from './table.js';

export type Delimiter = ',' | ';' | '\t' | '|';
const DELIMITERS: Delimiter[] = [',', ';', '\t', '|'];
const shown = (d: string) => (d === '\t' ? '"\\t" (tab)' : `"${d}"`);

function headerLine(text: string): string {
  const end = text.search(/\r?\n/);
  return end < 0 ? text : text.slice(0, end);
}

/** The delimiter of a CSV text: the declared one, else the only candidate its header line holds. */
export function delimiterOf(text: string, declared: Delimiter | undefined): Delimiter {
  if (declared) return declared;
  const header = headerLine(text).replace(/"[^"]*"/g, '');
  const found = DELIMITERS.filter((d) => header.includes(d));
  if (found.length === 1) return found[0]!;
  if (found.length === 0) {
    // One column only, or no header: "," reads it, and a missing column is named when the lines are read.
    return ',';
  }
  throw new TableProblem(`the header row holds ${found.map(shown).join(' and ')}, so the separator between fields cannot be told; add ledger.csv: { delimiter: ${JSON.stringify(found[0])} } (or the one the file uses) to the declaration`, 1, 0);
}

export function readCsvTable(bytes: Uint8Array, file: string, declared: Delimiter | undefined): LedgerTable {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new TableProblem('the file is not UTF-8 text; save it as "CSV UTF-8" from the spreadsheet program');
  }
  const delimiter = delimiterOf(text, declared);
  let records: string[][];
  try {
    records = parse(text, { delimiter, relax_column_count: true, skip_empty_lines: false, bom: true }) as string[][];
  } catch (error) {
    const e = error as { message: string; lines?: number };
    throw new TableProblem(`it is not valid CSV: ${e.message.replace(/^Invalid Record Length: /, '')}`, e.lines ?? 0, 0);
  }
  const [header, ...body] = records;
  if (!header || header.every((cell) => cell.trim() === '')) throw new TableProblem('the file has no header row: its first row must name the columns (id, date, site, ...)', 1, 0);
  const table: LedgerTable = { file, format: 'csv', delimiter, headers: header.map((text, i) => ({ column: i + 1, text: text.trim() })), rows: [] };
  body.forEach((cells, i) => {
    if (cells.every((cell) => cell.trim() === '')) return;
    table.rows.push({ row: i + 2, cells: new Map(cells.map((cell, j) => [j + 1, cell] as const).filter(([, cell]) => cell.trim() !== '')) });
  });
  return table;
}
