// Writes command output atomically (temporary file, then rename), or to standard output; an interrupted run
// removes its temporary files, so it never leaves a half-written report or result behind. Only a regular file
// is replaced by a rename: a symlink is written through to its target, and a FIFO, a device or "-" is written
// as a stream (a rename would put a regular file in place of /dev/stdout itself).
import { closeSync, fstatSync, lstatSync, mkdirSync, openSync, readlinkSync, realpathSync, renameSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { dirname, basename, isAbsolute, join, resolve } from 'node:path';
import { MbcheckError } from '../errors.js';

type Target = { kind: 'stdout' } | { kind: 'stream'; path: string } | { kind: 'file'; path: string };

/** What the output really is, through any symlinks (a dangling one names the file it would create). */
function targetOf(path: string): Target {
  if (path === '-') return { kind: 'stdout' };
  let info;
  try {
    info = statSync(path);
  } catch {
    return { kind: 'file', path: danglingTarget(path) };
  }
  if (info.isDirectory()) throw new MbcheckError('unwritable', `${path}: cannot write the output there, it is a directory`, 'io');
  if (!info.isFile()) {
    // /dev/stdout of a process whose output is a socket cannot be opened again (ENXIO): write to the one we have.
    if (isStandardOutput(info)) return { kind: 'stdout' };
    // The given path, not a resolved one: /dev/stdout is a link the kernel resolves (to a pipe, say) and readlink cannot.
    return { kind: 'stream', path };
  }
  return { kind: 'file', path: realpathSync(path) };
}

function standardInputIs(info: { dev: number; ino: number }): boolean {
  try {
    return sameFile(fstatSync(0), info);
  } catch {
    return false;
  }
}

function isStandardOutput(info: { dev: number; ino: number }): boolean {
  try {
    return sameFile(fstatSync(1), info);
  } catch {
    return false;
  }
}

function danglingTarget(path: string): string {
  let real = path;
  for (let hops = 0; hops < 40; hops++) {
    try {
      if (!lstatSync(real).isSymbolicLink()) return real;
    } catch {
      return real;
    }
    const link = readlinkSync(real);
    real = isAbsolute(link) ? link : resolve(dirname(real), link);
  }
  throw new MbcheckError('unwritable', `${path}: cannot write the output (too many levels of symbolic links)`, 'io');
}

function sameFile(a: { dev: number; ino: number }, b: { dev: number; ino: number }): boolean {
  return a.dev === b.dev && a.ino === b.ino;
}

/**
 * Refuses an output that is one of the command's inputs (the same file, by any path or link): writing the
 * result over the declaration it judged destroys it.
 */
export function refuseInputAsOutput(output: string | undefined, inputs: readonly string[]): void {
  if (!output || output === '-') return;
  let outputInfo: { dev: number; ino: number } | undefined;
  try {
    const info = statSync(output);
    if (!info.isFile()) return;
    outputInfo = info;
  } catch {
    // Not there yet, or behind a folder not made yet ("sub/../x.yaml"): the path as the write would resolve it.
  }
  const outputPath = resolve(output);
  for (const input of inputs) {
    if (input === '-') {
      // `check - -o x.yaml < x.yaml`: standard input is that very file.
      if (outputInfo && standardInputIs(outputInfo)) throw new MbcheckError('usage', `--output ${output} is the file given on standard input; writing there would destroy it: choose another output path`);
      continue;
    }
    try {
      if (resolve(input) === outputPath || (outputInfo && sameFile(statSync(input), outputInfo))) {
        throw new MbcheckError('usage', `--output ${output} is ${input === output ? 'an input of this command' : `the input ${input}`}; writing there would destroy it: choose another output path`);
      }
    } catch (error) {
      if (error instanceof MbcheckError) throw error;
    }
  }
}

const pendingTemporaries = new Set<string>();
let temporaryCount = 0;

// While a temporary file exists, an interrupt removes it before the process ends (the default would leave it).
function onInterrupt(signal: NodeJS.Signals): void {
  removePendingTemporaries();
  process.stderr.write(`mbcheck: interrupted (${signal}); unfinished output files were removed\n`);
  process.exit(signal === 'SIGINT' ? 130 : signal === 'SIGHUP' ? 129 : 143);
}

function track(temporary: string): void {
  pendingTemporaries.add(temporary);
  if (pendingTemporaries.size === 1) for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, onInterrupt);
}

function untrack(temporary: string): void {
  if (pendingTemporaries.delete(temporary) && pendingTemporaries.size === 0) for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.off(signal, onInterrupt);
}

/** The permissions of the file being replaced, so that a private result stays private; new files get the default. */
function modeOf(path: string): number | undefined {
  try {
    return statSync(path).mode & 0o777;
  } catch {
    return undefined;
  }
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

export function writeAtomically(given: string, content: string | Uint8Array, options: { mode?: number } = {}): void {
  const target = targetOf(given);
  if (target.kind === 'stdout') {
    process.stdout.write(content);
    return;
  }
  if (target.kind === 'stream') {
    try {
      writeFileSync(target.path, content);
    } catch (error) {
      throw unwritable(given, error);
    }
    return;
  }
  const path = target.path;
  const temporary = temporaryFor(path);
  track(temporary);
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(temporary, content, { mode: options.mode ?? modeOf(path) });
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw unwritable(given, error);
  } finally {
    untrack(temporary);
  }
}

export function emit(content: string, outputPath: string | undefined): void {
  writeAtomically(outputPath ?? '-', content);
}

/** Output written piece by piece (jsonl of a batch): to standard output as it comes, or to a file that appears whole at the end. */
export interface OutputStream {
  write(content: string | Uint8Array): void;
  /** Moves the file into place; without it (an error part-way) the temporary file is removed. */
  finish(): void;
  abandon(): void;
}

export function openOutputStream(given: string | undefined): OutputStream {
  const target = targetOf(given ?? '-');
  if (target.kind === 'stdout') return { write: (content) => void process.stdout.write(content), finish: () => undefined, abandon: () => undefined };
  if (target.kind === 'stream') return streamTo(given!, target.path);
  const outputPath = target.path;
  const temporary = temporaryFor(outputPath);
  let fd: number;
  try {
    mkdirSync(dirname(outputPath), { recursive: true });
    track(temporary);
    fd = openSync(temporary, 'w', modeOf(outputPath));
  } catch (error) {
    untrack(temporary);
    throw unwritable(outputPath, error);
  }
  const { write, close } = fdWriter(fd, given!);
  return {
    write,
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

/** A FIFO or a device is written as it comes: there is nothing to replace, and a reader may be waiting. */
function streamTo(given: string, path: string): OutputStream {
  let fd: number;
  try {
    fd = openSync(path, 'w');
  } catch (error) {
    throw unwritable(given, error);
  }
  const { write, close } = fdWriter(fd, given);
  return { write, finish: close, abandon: close };
}

/** Writes to an open file descriptor, with errors that name the output as given; closes it once. */
function fdWriter(fd: number, given: string): { write: (content: string | Uint8Array) => void; close: () => void } {
  let open = true;
  return {
    write(content) {
      try {
        writeAll(fd, content);
      } catch (error) {
        throw unwritable(given, error);
      }
    },
    close() {
      if (open) closeSync(fd);
      open = false;
    },
  };
}

// A pipe may take fewer bytes than offered in one write.
function writeAll(fd: number, content: string | Uint8Array): void {
  const bytes = typeof content === 'string' ? Buffer.from(content) : content;
  for (let offset = 0; offset < bytes.length; ) offset += writeSync(fd, bytes, offset, bytes.length - offset);
}
