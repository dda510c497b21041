// Writes command output atomically (temporary file, then rename), or to standard output; an interrupted run
// removes its temporary files, so it never leaves a half-written report or result behind.
import { closeSync, mkdirSync, openSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { dirname, basename, join } from 'node:path';
import { MbcheckError } from '../errors.js';

const pendingTemporaries = new Set<string>();
let temporaryCount = 0;

// While a temporary file exists, an interrupt removes it before the process ends (the default would leave it).
function onInterrupt(signal: NodeJS.Signals): void {
  removePendingTemporaries();
  process.stderr.write(`mbcheck: interrupted (${signal}); unfinished output files were removed\n`);
  process.exit(signal === 'SIGINT' ? 130 : 143);
}

function track(temporary: string): void {
  pendingTemporaries.add(temporary);
  if (pendingTemporaries.size === 1) for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, onInterrupt);
}

function untrack(temporary: string): void {
  if (pendingTemporaries.delete(temporary) && pendingTemporaries.size === 0) for (const signal of ['SIGINT', 'SIGTERM'] as const) process.off(signal, onInterrupt);
}

function temporaryFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${temporaryCount++}.tmp`);
}

function unwritable(path: string, error: unknown): MbcheckError {
  return new MbcheckError('unwritable', `${path}: cannot write the output (${(error as NodeJS.ErrnoException).code ?? 'error'})`, 'io');
}

/** Removes the temporary files of writes still in progress. */
export function removePendingTemporaries(): void {
  for (const temporary of [...pendingTemporaries]) {
    rmSync(temporary, { force: true });
    untrack(temporary);
  }
}

export function writeAtomically(path: string, content: string | Uint8Array): void {
  const temporary = temporaryFor(path);
  track(temporary);
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(temporary, content);
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw unwritable(path, error);
  } finally {
    untrack(temporary);
  }
}

export function emit(content: string, outputPath: string | undefined): void {
  if (outputPath) writeAtomically(outputPath, content);
  else process.stdout.write(content);
}

/** Output written piece by piece (jsonl of a batch): to standard output as it comes, or to a file that appears whole at the end. */
export interface OutputStream {
  write(content: string | Uint8Array): void;
  /** Moves the file into place; without it (an error part-way) the temporary file is removed. */
  finish(): void;
  abandon(): void;
}

export function openOutputStream(outputPath: string | undefined): OutputStream {
  if (!outputPath) return { write: (content) => void process.stdout.write(content), finish: () => undefined, abandon: () => undefined };
  const temporary = temporaryFor(outputPath);
  let fd: number;
  try {
    mkdirSync(dirname(outputPath), { recursive: true });
    track(temporary);
    fd = openSync(temporary, 'w');
  } catch (error) {
    untrack(temporary);
    throw unwritable(outputPath, error);
  }
  let open = true;
  const close = () => {
    if (open) closeSync(fd);
    open = false;
  };
  return {
    write(content) {
      try {
        if (typeof content === 'string') writeSync(fd, content);
        else writeSync(fd, content);
      } catch (error) {
        throw unwritable(outputPath, error);
      }
    },
    finish() {
      close();
      try {
        renameSync(temporary, outputPath);
      } catch (error) {
        rmSync(temporary, { force: true });
        throw unwritable(outputPath, error);
      } finally {
        untrack(temporary);
      }
    },
    abandon() {
      close();
      rmSync(temporary, { force: true });
      untrack(temporary);
    },
  };
}
