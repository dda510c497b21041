// The short report of a declaration that could not be judged (invalid, or unreadable): a verifier needs a
// document to hand back even then, listing each problem with its place and what is expected.
import { basename } from 'node:path';
import { placeOf } from '../declaration/problems.js';
import type { CheckResult } from '../result.js';

export interface NotJudgedModel {
  title: string;
  reason: string;
  /** The file name only: an absolute local path says nothing to the reader, and the sha256 identifies the file. */
  file: string;
  declarationId: string | null;
  sha256: string | null;
  date: string;
  tool: { name: string; version: string };
  problems: Array<{ number: number; line: number; column: number; pointer: string; message: string; place?: string }>;
  /** The note that more problems were counted than listed, when there were. */
  more: string | null;
  listedAll: boolean;
}

function fileName(source: string): string {
  return source === '-' || source === '<stdin>' ? 'standard input' : basename(source);
}

export function buildNotJudgedModel(result: CheckResult, date: string = result.asOf ?? new Date().toISOString().slice(0, 10)): NotJudgedModel {
  const file = fileName(result.declaration.source);
  const listed = result.validationErrors.filter((e) => e.code !== 'too-many-errors');
  const more = result.validationErrors.find((e) => e.code === 'too-many-errors')?.message ?? null;
  const problems = result.error
    ? [{ number: 1, line: 0, column: 0, pointer: '', message: result.error.message }]
    : listed.map((e, i) => ({ number: i + 1, line: e.line, column: e.column, pointer: e.pointer, message: e.message, ...(e.file !== undefined ? { place: placeOf(e, file) } : {}) }));
  const count = problems.length;
  const reason = result.error
    ? `This declaration was not judged: ${file} could not be read as a declaration.`
    : `This declaration was not judged: it is not valid, and ${more ? 'more than ' : ''}${count} problem${count === 1 ? '' : 's'} must be fixed before any rule can be evaluated.`;
  return {
    title: `Not judged: ${result.declaration.id ?? file}`,
    reason,
    file,
    declarationId: result.declaration.id,
    sha256: result.declaration.sha256,
    date,
    tool: result.tool,
    problems,
    more: more ? more.replace(/^and /, 'And ') : null,
    listedAll: count <= 1 && !more,
  };
}
