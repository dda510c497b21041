// Reads a declaration's bytes (file or standard input) and fingerprints them, before any parsing.
import { createHash } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';
import { MbcheckError } from '../errors.js';
import { formatOfFileName } from './formats.js';
import { openRegularFile, readOpenedFile, readRegularFileSync, tooLarge as fileTooLarge, type ReadLimit } from '../regularFile.js';
import { StreamedJsonParser } from './jsonStream.js';
import type { ReadLedgerFiles } from '../ledger/load.js';
import { ledgerFilesBeside, type LedgerFileReader } from '../ledger/reader.js';

export interface DeclarationSource {
  /** The path as given, or "-" / "<stdin>" for standard input. */
  name: string;
  /** For a large JSON file, parsed as it streamed in, reading the text reads the file again: only errors need it. */
  readonly text: string;
  /** sha256 of the exact bytes read, so a result can be tied to one file. */
  sha256: string;
  /** The document, when it was parsed as it was read (a large JSON file); the text is then not parsed again. */
  readonly parsed?: { data: unknown };
  /**
   * Reads the ledger files the declaration names (CSV, XLSX), relative to it. Set for a file read from disk;
   * a source without it (a service request, a text) can name no file, so nothing local is ever read for it.
   */
  readLedgerFile?: LedgerFileReader;
  /** The declaration's own file name where `name` is not it (a request's part): what its fingerprint lists. */
  fileName?: string;
  /** The ledger files, once read (checkSource reads them before validation). */
  ledgerFiles?: ReadLedgerFiles;
}

/** JSON files from this size on are parsed as they are read, instead of held whole as text and then parsed. */
export const STREAMED_JSON_BYTES = 8 * 1024 * 1024;

/** Above this size a declaration is refused before it is read: a year of lots fits far below it. */
export const DEFAULT_MAX_BYTES = 512 * 1024 * 1024;

export function sourceFromBytes(name: string, bytes: Uint8Array): DeclarationSource {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new MbcheckError('not-utf8', `${name}: the file is not valid UTF-8 text; save it as UTF-8 (YAML or JSON)`, 'io');
  }
  return { name, text, sha256: createHash('sha256').update(bytes).digest('hex') };
}

export function sourceFromText(name: string, text: string): DeclarationSource {
  return sourceFromBytes(name, Buffer.from(text, 'utf8'));
}

async function readStdin(maxBytes: number): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > maxBytes) throw tooLarge('<stdin>', maxBytes);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

function limitOf(maxBytes: number): ReadLimit {
  return { what: 'the declaration', maxBytes, raisedWith: '--max-bytes' };
}

function tooLarge(name: string, maxBytes: number): MbcheckError {
  return fileTooLarge(name, limitOf(maxBytes));
}

export async function readSource(path: string, maxBytes = DEFAULT_MAX_BYTES): Promise<DeclarationSource> {
  const source = await readDeclarationBytes(path, maxBytes);
  source.readLedgerFile = ledgerFilesBeside(path);
  return source;
}

async function readDeclarationBytes(path: string, maxBytes: number): Promise<DeclarationSource> {
  if (path === '-') return sourceFromBytes('<stdin>', await readStdin(maxBytes));
  const limit = limitOf(maxBytes);
  const { handle, size } = await openRegularFile(path, limit);
  try {
    if (size >= STREAMED_JSON_BYTES && formatOfFileName(path)?.name === 'json') {
      const streamed = await streamJsonFile(path, handle, limit);
      if (streamed) return streamed;
    }
    return sourceFromBytes(path, await readOpenedFile(handle, size, path, limit));
  } catch (error) {
    if (error instanceof MbcheckError) throw error;
    throw new MbcheckError('unreadable', `${path}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? 'error'})`, 'io');
  } finally {
    await handle.close();
  }
}

/**
 * Reads a JSON file in chunks, hashing and parsing as it goes; undefined when the document must be parsed whole
 * (a syntax error, invalid UTF-8, duplicate ledger keys), which the caller then does to word the error.
 */
async function streamJsonFile(path: string, handle: FileHandle, limit: ReadLimit): Promise<DeclarationSource | undefined> {
  const hash = createHash('sha256');
  const parser = new StreamedJsonParser();
  let total = 0;
  for await (const chunk of handle.createReadStream({ highWaterMark: 1024 * 1024, autoClose: false, start: 0 })) {
    total += (chunk as Buffer).length;
    if (total > limit.maxBytes) throw fileTooLarge(path, limit);
    hash.update(chunk as Buffer);
    parser.push(chunk as Buffer);
  }
  const data = parser.end();
  if (data === undefined) return undefined;
  const sha256 = hash.digest('hex');
  return {
    name: path,
    sha256,
    parsed: { data },
    get text(): string {
      const bytes = readRegularFileSync(path, limit);
      if (createHash('sha256').update(bytes).digest('hex') !== sha256) {
        throw new MbcheckError('changed-while-read', `${path}: the file changed while it was being checked; check it again`, 'io');
      }
      return sourceFromBytes(path, bytes).text;
    },
  };
}
