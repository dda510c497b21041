// The shape of a validation problem, shared by syntax, schema and cross-field checks.
import { QUOTED_CHARACTERS } from '../quoting.js';


export interface ValidationError {
  /** JSON pointer (RFC 6901) to the value at fault, or to where a missing value belongs. */
  pointer: string;
  /** 1-based line and column in the source file; 0 when the source has no position for it. */
  line: number;
  column: number;
  message: string;
  /** Machine-readable kind: syntax, required, enum, type, duplicate-id, unknown-reference, ... */
  code: string;
  /**
   * For a problem in a ledger file the declaration names: that file (as the declaration names it), its sheet in
   * a workbook, and the header of the column; line and column are then the row and column number in that file.
   */
  file?: string;
  sheet?: string;
  header?: string;
}

/** Spreadsheet column letters: 1 -> A, 27 -> AA. */
export function columnLetters(column: number): string {
  let out = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) out = String.fromCharCode(65 + ((n - 1) % 26)) + out;
  return out;
}

/**
 * Where a problem is, as a person looks for it: `declaration.yaml:12:5`, `inputs.csv:12:quantity`, or
 * `ledger.xlsx!inputs!E12`; the declaration's own name alone when the problem has no position.
 */
export function placeOf(error: Pick<ValidationError, 'line' | 'column' | 'file' | 'sheet' | 'header'>, declarationName: string): string {
  if (error.file === undefined) return error.line > 0 ? `${declarationName}:${error.line}:${error.column}` : declarationName;
  // The ledger file as it is found from where the user stands: beside the declaration.
  const slash = Math.max(declarationName.lastIndexOf('/'), declarationName.lastIndexOf('\\'));
  const file = slash >= 0 && !error.file.startsWith('/') ? `${declarationName.slice(0, slash + 1)}${error.file}` : error.file;
  if (error.line <= 0) return error.sheet ? `${file}!${error.sheet}` : file;
  if (error.sheet !== undefined) return `${file}!${error.sheet}!${error.column > 0 ? columnLetters(error.column) : ''}${error.line}`;
  return `${file}:${error.line}${error.header ? `:${error.header}` : error.column > 0 ? `:${error.column}` : ''}`;
}

export interface Position {
  line: number;
  column: number;
}

/** A position, and for a ledger file the file, sheet and header it is in. */
export type Located = Position & Pick<ValidationError, 'file' | 'sheet' | 'header'>;

export type Locate = (pointer: string) => Located;

export function pointerToSegments(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
}

export function segmentsToPointer(segments: ReadonlyArray<string | number>): string {
  return segments.map((s) => '/' + String(s).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

/** Past this many, a declaration's problems are counted, not listed: the first ones show what to fix. */
export const MAX_REPORTED_PROBLEMS = 200;

/** The last entry of a list cut at MAX_REPORTED_PROBLEMS: how many more there were, and what to do. */
export function moreProblemsNote(more: number, about = false): ValidationError {
  return {
    pointer: '',
    line: 0,
    column: 0,
    code: 'too-many-errors',
    message: `and ${about ? 'about ' : ''}${more} more problem(s) not listed: fix the ${MAX_REPORTED_PROBLEMS} above (they are often the same mistake repeated) and check again`,
  };
}

/**
 * Collects problems up to the cap and counts the rest. A message is built only for a problem that is kept: a
 * million ledger lines naming an unknown site cost a count, not a million sentences.
 */
export class ProblemList<P> {
  readonly kept: P[] = [];
  more = 0;

  add(make: () => P): void {
    if (this.kept.length < MAX_REPORTED_PROBLEMS) this.kept.push(make());
    else this.more++;
  }

  get size(): number {
    return this.kept.length + this.more;
  }
}

/**
 * A pointer as shown in a problem, each segment clipped like quoted text. Only a key nobody declared (an unknown
 * property) is ever this long, and its line and column still say where it is.
 */
export function clippedPointer(pointer: string): string {
  if (pointer.length <= QUOTED_CHARACTERS * 4) return pointer;
  return pointer.split('/').map((segment) => (segment.length > QUOTED_CHARACTERS ? `${segment.slice(0, QUOTED_CHARACTERS)}…` : segment)).join('/');
}

/** How many problems a list stands for: those listed, and those its last entry counts without listing. */
export function problemCount(errors: readonly ValidationError[]): { count: number; about: boolean } {
  let count = 0;
  let about = false;
  for (const error of errors) {
    if (error.code !== 'too-many-errors') count++;
    else {
      count += Number(/(\d+) more/.exec(error.message)?.[1] ?? 0);
      about ||= / about /.test(error.message);
    }
  }
  return { count, about };
}
