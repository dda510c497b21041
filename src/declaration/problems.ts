// The shape of a validation problem, shared by syntax, schema and cross-field checks.

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
