// Turns a ledger sheet into the lines of a declaration: each header names a field (through ledger.columns when it
// is written otherwise), and each cell is read by that field's type. A cell that cannot be read is a problem at
// its file, row and column, with what was expected and the setting that would read it.
import { ledgerColumns, LIST_SEPARATOR, type LedgerColumn, type LedgerPart } from './columns.js';
import type { CellValue } from './table.js';
import type { Located, ValidationError } from '../declaration/problems.js';
import { quoted, someOf } from '../quoting.js';

export type DateFormat = 'YYYY-MM-DD' | 'DD.MM.YYYY' | 'DD/MM/YYYY' | 'MM/DD/YYYY';

export interface ReadingOptions {
  /** Header as written -> field name. */
  columns?: Record<string, string>;
  decimal?: '.' | ',';
  /** The decimal mark was neither declared nor shown by the numbers: a number it could read two ways is refused. */
  decimalGuessed?: boolean;
  dateFormat?: DateFormat;
  date1904?: boolean;
}

export interface SheetLines {
  lines: Array<Record<string, unknown>>;
  problems: ValidationError[];
  /** Where a field of a line is: its cell, or the row when the line has no such column. */
  place(index: number, field: string | undefined): Located;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TEXT_DATES: Record<Exclude<DateFormat, 'YYYY-MM-DD'>, { pattern: RegExp; order: [number, number, number] }> = {
  'DD.MM.YYYY': { pattern: /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/, order: [3, 2, 1] },
  'DD/MM/YYYY': { pattern: /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/, order: [3, 2, 1] },
  'MM/DD/YYYY': { pattern: /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/, order: [3, 1, 2] },
};

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** An Excel serial day number as a calendar date (1900 system: day 1 is 1900-01-01, with Excel's phantom 29 February). */
function serialDate(serial: number, date1904: boolean): string | undefined {
  if (!Number.isFinite(serial) || serial < 1 || serial > 2958465) return undefined;
  const days = Math.floor(serial) + (date1904 ? 1462 : 0);
  const epoch = Date.UTC(1899, 11, 30);
  const at = new Date(epoch + days * 86_400_000);
  return `${pad(at.getUTCFullYear(), 4)}-${pad(at.getUTCMonth() + 1)}-${pad(at.getUTCDate())}`;
}

type Read = { value: unknown } | { problem: string };

// The plain form of nearly every cell of a large file: read without the regular expressions below.
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;
const PLAIN_DECIMAL_COMMA = /^-?\d+(,\d+)?$/;

const AMBIGUOUS_GROUPS = /^[-+]?\d{1,3}([.,]\d{3})+$/;
const SPACE = /[\u00a0\u202f ]/;

function readNumber(cell: CellValue, decimal: '.' | ',', guessed: boolean): Read {
  if (typeof cell === 'number') return { value: cell };
  const raw = String(cell).trim();
  const thousands = decimal === ',' ? '.' : ',';
  // With a guessed decimal mark, 1.200 could be twelve hundred or one point two: never read it one way silently.
  if (guessed && AMBIGUOUS_GROUPS.test(raw)) {
    return { problem: `must be a number; got ${quoted(String(cell))}, which reads as ${raw.replace(/[.,]/g, '')} with ${JSON.stringify(thousands)} grouping thousands, or as a decimal: add ledger.csv: { decimal: "." } or { decimal: "," } to the declaration, so that it is read as meant` };
  }
  if (decimal === '.' && PLAIN_NUMBER.test(raw)) return { value: Number(raw) };
  if (decimal === ',' && PLAIN_DECIMAL_COMMA.test(raw)) return { value: Number(raw.replace(',', '.')) };
  // A space groups thousands (1 200, 12 345,5) and nothing else: "5400 1200" is two numbers, not one.
  if (SPACE.test(raw) && !/^[-+]?\d{1,3}([\u00a0\u202f ]\d{3})+([.,]\d+)?$/.test(raw)) return { problem: `must be a number; got ${quoted(String(cell))}, which has a space that does not group thousands` };
  // .5 and ,5 are a half.
  const text = raw.replace(/[\u00a0\u202f ]/g, '').replace(/^([-+]?)([.,]\d)/, '$10$2');
  const form = decimal === ',' ? /^[-+]?(\d{1,3}(\.\d{3})+|\d+)(,\d+)?([eE][-+]?\d+)?$/ : /^[-+]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?([eE][-+]?\d+)?$/;
  if (form.test(text)) {
    const value = Number(text.split(thousands).join('').replace(',', '.'));
    // 1e-400 is no zero: below the smallest number a double holds, it would be read as one without a word.
    if (value === 0 && /[1-9]/.test(text.replace(/[eE].*$/, ''))) return { problem: `must be a number mbcheck can hold; got ${quoted(String(cell))}, too small to tell from 0` };
    return { value };
  }
  const other = decimal === ',' ? /^[-+]?\d+\.\d+$/ : /^[-+]?\d+,\d+$/;
  if (other.test(text)) {
    const setting = decimal === ',' ? 'decimal: "."' : 'decimal: ","';
    return { problem: `must be a number; got ${quoted(String(cell))}, which has ${decimal === ',' ? 'a decimal point' : 'a decimal comma'}: if the file writes decimals that way, add ledger.csv: { ${setting} } to the declaration` };
  }
  return { problem: `must be a number; got ${quoted(String(cell))}` };
}

function readBoolean(cell: CellValue): Read {
  if (typeof cell === 'boolean') return { value: cell };
  const text = String(cell).trim().toLowerCase();
  if (['true', 'yes', '1', 'wahr', 'ja', 'oui', 'sí', 'si', 'vrai'].includes(text)) return { value: true };
  if (['false', 'no', '0', 'falsch', 'nein', 'non', 'faux'].includes(text)) return { value: false };
  return { problem: `must be true or false (yes or no); got ${quoted(String(cell))}` };
}

function readDate(cell: CellValue, options: ReadingOptions): Read {
  if (cell instanceof Date) return { value: `${pad(cell.getUTCFullYear(), 4)}-${pad(cell.getUTCMonth() + 1)}-${pad(cell.getUTCDate())}` };
  if (typeof cell === 'number') {
    const date = serialDate(cell, options.date1904 ?? false);
    return date ? { value: date } : { problem: `must be a date; got the number ${cell}, which is no spreadsheet date` };
  }
  const text = String(cell).trim();
  const format = options.dateFormat ?? 'YYYY-MM-DD';
  if (format === 'YYYY-MM-DD') {
    if (ISO_DATE.test(text)) return { value: text };
    const looks = Object.entries(TEXT_DATES).filter(([, f]) => f.pattern.test(text)).map(([name]) => name);
    const hint = looks.length > 0 ? `; if the file writes dates as ${looks.join(' or ')}, add ledger.dateFormat: "${looks[0]}" to the declaration` : '';
    return { problem: `must be a date written YYYY-MM-DD; got ${quoted(text)}${hint}` };
  }
  // A date written YYYY-MM-DD means one day whatever the declared form.
  if (ISO_DATE.test(text)) return { value: text };
  const known = TEXT_DATES[format];
  if (!known) return { problem: `must be a date; ledger.dateFormat ${quoted(String(format))} is none of the forms read (YYYY-MM-DD, DD.MM.YYYY, DD/MM/YYYY, MM/DD/YYYY)` };
  const { pattern, order } = known;
  const match = pattern.exec(text);
  if (!match) return { problem: `must be a date written ${format} (as ledger.dateFormat says); got ${quoted(text)}` };
  const [year, month, day] = order.map((i) => Number(match[i]));
  return { value: `${pad(year!, 4)}-${pad(month!)}-${pad(day!)}` };
}

/** A number written in a workbook's settings: no decimal mark is declared there, so none is guessed. */
export function settingNumber(cell: CellValue): Read {
  return readNumber(cell, '.', true);
}

function readCell(cell: CellValue, column: LedgerColumn, options: ReadingOptions): Read {
  switch (column.kind) {
    case 'number':
      return readNumber(cell, options.decimal ?? '.', options.decimalGuessed === true);
    case 'boolean':
      return readBoolean(cell);
    case 'date':
      return readDate(cell, options);
    case 'list':
      return { value: String(cell).split(LIST_SEPARATOR).map((item) => item.trim()).filter((item) => item !== '') };
    case 'json':
      try {
        return { value: JSON.parse(String(cell)) };
      } catch {
        return { problem: `must be written as JSON (a structure such as {"type": "Point", "coordinates": [5.1, 7.2]}); got ${quoted(String(cell))}` };
      }
    default:
      if (typeof cell === 'string') return { value: cell.trim() };
      return { value: cell instanceof Date ? cell.toISOString().slice(0, 10) : String(cell) };
  }
}

function setField(line: Record<string, unknown>, keys: readonly string[], value: unknown): void {
  let at = line;
  for (let i = 0; i < keys.length - 1; i++) at = (at[keys[i]!] ??= {}) as Record<string, unknown>;
  at[keys[keys.length - 1]!] = value;
}

type Cells = Iterable<readonly [number, CellValue]>;

/** How many rows are looked at to tell a CSV file's decimal mark before its lines are read. */
const DECIMAL_SAMPLE_ROWS = 1000;

/**
 * Reads a sheet row by row as its file is parsed, keeping the lines and not the rows: a million-row CSV costs its
 * lines, not its lines and its cells. The header comes first; a CSV file whose decimal mark is not declared is
 * told it from its first rows, held back until then.
 */
export class SheetReader {
  private readonly problems: ValidationError[] = [];
  private readonly lines: Array<Record<string, unknown>> = [];
  private rows = new Int32Array(1024);
  private readonly byColumn = new Map<number, { column: LedgerColumn; header: string; keys: string[] }>();
  private readonly columnOfField = new Map<string, number>();
  private readonly namedColumns = new Set<number>();
  private held: Array<{ row: number; cells: Array<readonly [number, CellValue]> }> | undefined;

  constructor(
    private readonly file: string,
    private readonly sheet: string | undefined,
    private readonly part: LedgerPart,
    private options: ReadingOptions,
    /** For a CSV file without a declared decimal mark: its field separator, which the guess weighs. */
    private readonly guessDecimalWith?: string,
  ) {
    if (guessDecimalWith !== undefined) this.held = [];
  }

  private where(row: number, column: number, header?: string): Located {
    return { line: row, column, file: this.file, ...(this.sheet !== undefined ? { sheet: this.sheet } : {}), ...(header !== undefined ? { header } : {}) };
  }

  header(headers: ReadonlyArray<{ column: number; text: string }>): void {
    const known = new Map(ledgerColumns(this.part).map((column) => [column.field, column]));
    const mapped = new Map(Object.entries(this.options.columns ?? {}).map(([header, field]) => [header.trim().toLowerCase(), field]));
    for (const { column: number, text } of headers) {
      if (text === '') continue;
      this.namedColumns.add(number);
      const field = mapped.get(text.toLowerCase()) ?? text;
      const column = known.get(field) ?? [...known.values()].find((c) => c.field.toLowerCase() === field.toLowerCase());
      if (!column) {
        this.problems.push({
          pointer: '',
          ...this.where(1, number, text),
          code: 'unknown-column',
          message: `the column ${quoted(text)} is no field of a ledger ${this.part === 'inputs' ? 'input' : 'output'} (the fields: ${someOf(known.keys(), 40)}); rename it, or map it with ledger.columns: { ${JSON.stringify(text)}: "<field>" }`,
        });
        continue;
      }
      const earlier = this.columnOfField.get(column.field);
      if (earlier !== undefined) {
        this.problems.push({ pointer: '', ...this.where(1, number, text), code: 'duplicate-column', message: `the column ${quoted(text)} gives ${column.field} a second time (first in column ${earlier}); keep one` });
        continue;
      }
      this.columnOfField.set(column.field, number);
      this.byColumn.set(number, { column, header: text, keys: column.field.split('.') });
    }
  }

  /** A row with at least one filled cell, by its number in the file. */
  row(row: number, cells: Cells): void {
    if (this.held) {
      this.held.push({ row, cells: [...cells] });
      if (this.held.length >= DECIMAL_SAMPLE_ROWS) this.release();
      return;
    }
    this.read(row, cells);
  }

  private release(): void {
    const held = this.held!;
    this.held = undefined;
    const { decimal, evidence } = this.guessDecimal(held);
    this.options = { ...this.options, decimal, decimalGuessed: !evidence };
    for (const { row, cells } of held) this.read(row, cells);
  }

  private guessDecimal(rows: ReadonlyArray<{ cells: ReadonlyArray<readonly [number, CellValue]> }>): { decimal: '.' | ','; evidence: boolean } {
    let commas = false;
    let points = false;
    for (const { cells } of rows) {
      for (const [column, cell] of cells) {
        if (this.byColumn.get(column)?.column.kind !== 'number' || typeof cell !== 'string') continue;
        const text = cell.trim();
        if (/^[-+]?\d*\.\d+$/.test(text) && !/^\d{1,3}(\.\d{3})+$/.test(text)) points = true;
        if (/^[-+]?\d*,\d+$/.test(text) && !/^\d{1,3}(,\d{3})+$/.test(text)) commas = true;
      }
      if (commas && points) break;
    }
    return { decimal: decimalFrom(commas, points, this.guessDecimalWith ?? ','), evidence: commas || points };
  }

  private read(row: number, cells: Cells): void {
    const line: Record<string, unknown> = {};
    const index = this.lines.length;
    for (const [number, cell] of cells) {
      const found = this.byColumn.get(number);
      if (!found) {
        if (!this.namedColumns.has(number)) {
          this.problems.push({ pointer: '', ...this.where(row, number), code: 'cell-without-header', message: `row ${row} has a value in column ${number}, which has no header; name the column in row 1, or clear the cell` });
        }
        continue;
      }
      const read = readCell(cell, found.column, this.options);
      if ('problem' in read) {
        this.problems.push({ pointer: `/ledger/${this.part}/${index}/${found.column.field.split('.').join('/')}`, ...this.where(row, number, found.header), code: 'cell', message: read.problem });
      } else setField(line, found.keys, read.value);
    }
    if (index === this.rows.length) {
      const grown = new Int32Array(this.rows.length * 2);
      grown.set(this.rows);
      this.rows = grown;
    }
    this.rows[index] = row;
    this.lines.push(line);
  }

  finish(): SheetLines {
    if (this.held) this.release();
    const rows = this.rows;
    const count = this.lines.length;
    return {
      lines: this.lines,
      problems: this.problems,
      place: (index, field) => {
        const row = index >= 0 && index < count ? rows[index]! : 0;
        const number = field === undefined ? undefined : this.columnOfField.get(field) ?? this.columnOfField.get(field.split('.')[0]!);
        return number === undefined ? this.where(row, 0) : this.where(row, number, this.byColumn.get(number)?.header);
      },
    };
  }
}

/**
 * A comma when the number cells show decimal commas and no decimal point, or, with none of either, when fields
 * are separated by ";" (as spreadsheet programs write CSV where the comma is the decimal mark); a point otherwise.
 */
function decimalFrom(commas: boolean, points: boolean, delimiter: string): '.' | ',' {
  if (commas && !points) return ',';
  if (!commas && !points && delimiter === ';') return ',';
  return '.';
}
