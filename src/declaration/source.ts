// Reads a declaration's bytes (file or standard input) and fingerprints them, before any parsing.
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { MbcheckError } from '../errors.js';

export interface DeclarationSource {
  /** The path as given, or "-" / "<stdin>" for standard input. */
  name: string;
  text: string;
  /** sha256 of the exact bytes read, so a result can be tied to one file. */
  sha256: string;
}

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

function tooLarge(name: string, maxBytes: number): MbcheckError {
  return new MbcheckError('too-large', `${name}: larger than the limit of ${maxBytes} bytes; split the ledger or raise the limit (--max-bytes)`, 'io');
}

export async function readSource(path: string, maxBytes = DEFAULT_MAX_BYTES): Promise<DeclarationSource> {
  if (path === '-') return sourceFromBytes('<stdin>', await readStdin(maxBytes));
  let size: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new MbcheckError('not-a-file', `${path}: not a file`, 'io');
    size = info.size;
  } catch (error) {
    if (error instanceof MbcheckError) throw error;
    throw new MbcheckError('unreadable', `${path}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? 'error'})`, 'io');
  }
  if (size > maxBytes) throw tooLarge(path, maxBytes);
  try {
    return sourceFromBytes(path, await readFile(path));
  } catch (error) {
    if (error instanceof MbcheckError) throw error;
    throw new MbcheckError('unreadable', `${path}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? 'error'})`, 'io');
  }
}
