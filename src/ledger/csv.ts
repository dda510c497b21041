// Reads a CSV ledger file with csv-parse, as spreadsheet programs and ERP exports write them: a byte-order mark,
// "," or ";" or tab between fields (declared, or told from the header when only one of them appears there).
import { parse } from 'csv-parse';
import { TableProblem } from './table.js';

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

function decode(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new TableProblem('the file is not UTF-8 text; save it as "CSV UTF-8" from the spreadsheet program');
  }
}

/**
 * Parses CSV text with csv-parse's stream parser, handing each record to `onRecord` as it comes and keeping none:
 * a list of records would hold every cell of a million rows beside the lines made of them (and the sync parser's
 * per-record hook is slower than the stream).
 */
function parseRecords(text: string, delimiter: Delimiter, onRecord: (record: string[], row: number) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    let row = 0;
    const parser = parse({ delimiter, relax_column_count: true, skip_empty_lines: false, bom: true });
    parser.on('data', (record: string[]) => {
      try {
        onRecord(record, ++row);
      } catch (error) {
        parser.destroy();
        reject(error);
      }
    });
    parser.on('error', (error: Error & { lines?: number }) => reject(new TableProblem(`it is not valid CSV: ${error.message.replace(/^Invalid Record Length: /, '')}`, error.lines ?? row, 0)));
    parser.on('end', () => resolve());
    const CHUNK = 1 << 16;
    for (let at = 0; at < text.length && !parser.destroyed; at += CHUNK) parser.write(text.slice(at, at + CHUNK));
    if (!parser.destroyed) parser.end();
  });
}

const filled = (record: string[]) => record.some((cell) => cell.trim() !== '');

/** A CSV file read straight into lines: the header row first, then each row as it is parsed. */
export async function readCsvLines(bytes: Uint8Array, file: string, declared: Delimiter | undefined, start: (headers: Array<{ column: number; text: string }>, delimiter: Delimiter) => { row(row: number, cells: Iterable<readonly [number, string]>): void }): Promise<void> {
  const text = decode(bytes);
  const delimiter = delimiterOf(text, declared);
  let sink: ReturnType<typeof start> | undefined;
  await parseRecords(text, delimiter, (record, row) => {
    if (!sink) {
      if (!filled(record)) throw new TableProblem('the file has no header row: its first row must name the columns (id, date, site, ...)', 1, 0);
      sink = start(record.map((cell, i) => ({ column: i + 1, text: cell.trim() })), delimiter);
      return;
    }
    if (!filled(record)) return;
    sink.row(row, cellsOf(record));
  });
  if (!sink) throw new TableProblem('the file is empty: its first row must name the columns (id, date, site, ...)', 1, 0);
}

function* cellsOf(record: string[]): Generator<readonly [number, string]> {
  for (let i = 0; i < record.length; i++) if (record[i]!.trim() !== '') yield [i + 1, record[i]!] as const;
}
