// Every file mbcheck reads on a user's behalf (declarations, rulesets and their bases, fixtures, waivers) comes
// through here: only a regular file, and never more than a limit. /dev/zero would otherwise be read until the
// process dies, and a FIFO would hold the run forever waiting for a writer.
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { MbcheckError } from './errors.js';

export interface ReadLimit {
  /** What the file is, for the messages ("the ruleset", "the declaration"). */
  what: string;
  maxBytes: number;
  /** Where the limit is raised, when a user can raise it ("--max-bytes"). */
  raisedWith?: string;
}

// O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer before we could even look at it.
const readFlags = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

function kindOf(info: { isDirectory(): boolean; isFIFO(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean; isSocket(): boolean }): string {
  if (info.isDirectory()) return 'a directory';
  if (info.isFIFO()) return 'a named pipe (FIFO)';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device';
  if (info.isSocket()) return 'a socket';
  return 'not a regular file';
}

function notAFile(path: string, limit: ReadLimit, kind: string): MbcheckError {
  return new MbcheckError('not-a-file', `${path}: ${limit.what} must be a regular file, and this is ${kind}`, 'io');
}

export function tooLarge(path: string, limit: ReadLimit): MbcheckError {
  const raise = limit.raisedWith ? `, or raise the limit (${limit.raisedWith})` : '';
  return new MbcheckError('too-large', `${path}: ${limit.what} is larger than the limit of ${limit.maxBytes} bytes; split it${raise}`, 'io');
}

function unreadable(path: string, limit: ReadLimit, error: unknown): MbcheckError {
  if (error instanceof MbcheckError) return error;
  const code = (error as NodeJS.ErrnoException).code;
  const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'EISDIR' ? 'it is a directory' : (code ?? 'error');
  return new MbcheckError('unreadable', `${path}: cannot read ${limit.what} (${why})`, 'io');
}

/** The bytes of a regular file, refused when it is anything else or larger than the limit (even if it grows while read). */
export function readRegularFileSync(path: string, limit: ReadLimit): Buffer {
  let fd: number;
  try {
    fd = openSync(path, readFlags);
  } catch (error) {
    throw unreadable(path, limit, error);
  }
  try {
    const info = fstatSync(fd);
    if (!info.isFile()) throw notAFile(path, limit, kindOf(info));
    if (info.size > limit.maxBytes) throw tooLarge(path, limit);
    const collected = new Collected(info.size, path, limit);
    while (collected.advance(readSync(fd, collected.buffer, collected.filled, collected.buffer.length - collected.filled, collected.position)));
    return collected.bytes();
  } catch (error) {
    throw unreadable(path, limit, error);
  } finally {
    closeSync(fd);
  }
}

/**
 * Collects a file's bytes into one buffer of the size fstat gave, then on until end of file: a file that grew
 * since is still held to the limit, and one that shrank is cut where it ends.
 */
class Collected {
  private readonly chunks: Buffer[] = [];
  private total = 0;
  buffer: Buffer;
  /** Reads go by position from the start, whatever the handle read before (a streamed attempt, say). */
  get position(): number {
    return this.total;
  }
  filled = 0;

  constructor(
    expected: number,
    private readonly path: string,
    private readonly limit: ReadLimit,
  ) {
    this.buffer = Buffer.allocUnsafe(Math.max(expected, 1));
  }

  /** Counts bytes just read into `buffer` at `filled`; false at end of file. */
  advance(read: number): boolean {
    if (read === 0) return false;
    this.filled += read;
    this.total += read;
    if (this.total > this.limit.maxBytes) throw tooLarge(this.path, this.limit);
    if (this.filled === this.buffer.length) {
      this.chunks.push(this.buffer);
      this.buffer = Buffer.allocUnsafe(64 * 1024);
      this.filled = 0;
    }
    return true;
  }

  bytes(): Buffer {
    this.chunks.push(this.buffer.subarray(0, this.filled));
    return this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks, this.total);
  }
}

export function readRegularTextSync(path: string, limit: ReadLimit): string {
  return readRegularFileSync(path, limit).toString('utf8');
}

/** The size of a regular file that is now open for reading; the caller reads it through the handle it gets. */
export async function openRegularFile(path: string, limit: ReadLimit): Promise<{ handle: FileHandle; size: number }> {
  let handle: FileHandle;
  try {
    handle = await open(path, readFlags);
  } catch (error) {
    throw unreadable(path, limit, error);
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw notAFile(path, limit, kindOf(info));
    if (info.size > limit.maxBytes) throw tooLarge(path, limit);
    return { handle, size: info.size };
  } catch (error) {
    await handle.close();
    throw unreadable(path, limit, error);
  }
}

/** The bytes of a regular file, read without blocking the event loop; the same refusals as the synchronous read. */
export async function readRegularFile(path: string, limit: ReadLimit): Promise<Buffer> {
  const { handle, size } = await openRegularFile(path, limit);
  try {
    return await readOpenedFile(handle, size, path, limit);
  } finally {
    await handle.close();
  }
}

/** Reads a file opened by openRegularFile to its end, held to the limit; the caller closes the handle. */
export async function readOpenedFile(handle: FileHandle, size: number, path: string, limit: ReadLimit): Promise<Buffer> {
  try {
    const collected = new Collected(size, path, limit);
    while (collected.advance((await handle.read(collected.buffer, collected.filled, collected.buffer.length - collected.filled, collected.position)).bytesRead));
    return collected.bytes();
  } catch (error) {
    throw unreadable(path, limit, error);
  }
}
