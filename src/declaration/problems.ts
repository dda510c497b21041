// The shape of a validation problem, shared by syntax, schema and cross-field checks.
import { QUOTED_CHARACTERS } from '../quoting.js';

export { quoted, someOf } from '../quoting.js';

export interface ValidationError {
  /** JSON pointer (RFC 6901) to the value at fault, or to where a missing value belongs. */
  pointer: string;
  /** 1-based line and column in the source file; 0 when the source has no position for it. */
  line: number;
  column: number;
  message: string;
  /** Machine-readable kind: syntax, required, enum, type, duplicate-id, unknown-reference, ... */
  code: string;
}

export interface Position {
  line: number;
  column: number;
}

export type Locate = (pointer: string) => Position;

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
