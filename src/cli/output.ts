// Writes command output: to a file atomically (temporary file, then rename), or to standard output.
import { mkdirSync, renameSync, writeFileSync, rmSync } from 'node:fs';
import { dirname, basename, join } from 'node:path';
import { MbcheckError } from '../errors.js';

export function writeAtomically(path: string, content: string | Uint8Array): void {
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(temporary, content);
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw new MbcheckError('unwritable', `${path}: cannot write the output (${(error as NodeJS.ErrnoException).code ?? 'error'})`, 'io');
  }
}

export function emit(content: string, outputPath: string | undefined): void {
  if (outputPath) writeAtomically(outputPath, content);
  else process.stdout.write(content);
}
