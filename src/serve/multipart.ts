// A declaration sent with its ledger files as multipart/form-data: one part named "declaration" (YAML or JSON),
// and one part per ledger file, named (or with the file name) as the declaration names it. The body as a whole is
// held to the same byte limit as any other; parts are read with busboy, never written to disk.
import { Busboy } from '@fastify/busboy';
import { basename } from 'node:path';
import { formatOfFileName, formatOfMediaType } from '../declaration/formats.js';
import { HttpError } from './errors.js';

export interface Part {
  field: string;
  fileName: string | undefined;
  mediaType: string | undefined;
  bytes: Buffer;
}

/** A multipart body once read: what the content-type parser hands the routes. */
export interface MultipartBody {
  multipart: Part[];
}

export const isMultipartBody = (body: unknown): body is MultipartBody => body !== null && typeof body === 'object' && Array.isArray((body as MultipartBody).multipart);

/** The part that carries a verifier's waivers (YAML or JSON, schemas/waivers.schema.json). */
export const WAIVERS_PART = 'waivers';

/** More parts than a declaration has ledger files (at most a few) would only be a way to make the server work. */
const MAX_PARTS = 20;

export function readMultipart(body: Buffer, contentType: string): Promise<Part[]> {
  return new Promise((resolve, reject) => {
    const parts: Part[] = [];
    const refuse = (message: string) => reject(new HttpError(400, 'bad-multipart', message));
    let parser: InstanceType<typeof Busboy>;
    try {
      parser = new Busboy({ headers: { 'content-type': contentType }, isPartAFile: () => true, limits: { parts: MAX_PARTS, files: MAX_PARTS, fileSize: body.length + 1 } });
    } catch (error) {
      refuse(`the multipart body cannot be read: ${(error as Error).message}`);
      return;
    }
    parser.on('file', (field: string, stream: NodeJS.ReadableStream, fileName: string | undefined, _encoding: string, mediaType: string | undefined) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => parts.push({ field, fileName: fileName || undefined, mediaType, bytes: Buffer.concat(chunks) }));
    });
    parser.on('partsLimit', () => refuse(`the request has more than ${MAX_PARTS} parts; send the declaration and its ledger files only`));
    parser.on('filesLimit', () => refuse(`the request has more than ${MAX_PARTS} parts; send the declaration and its ledger files only`));
    parser.on('error', (error: Error) => refuse(`the multipart body cannot be read: ${error.message}`));
    parser.on('finish', () => resolve(parts));
    parser.end(body);
  });
}

const declarationFormat = (part: Part) => {
  const named = part.fileName ? formatOfFileName(part.fileName) : undefined;
  const typed = part.mediaType ? formatOfMediaType(part.mediaType) : undefined;
  return [named, typed].find((format) => format?.holds === 'declaration');
};

/** The declaration part: the one named "declaration", else the only part holding YAML or JSON. */
export function declarationPart(parts: Part[]): { part: Part; extension: string } {
  const named = parts.filter((part) => part.field === 'declaration');
  const candidates = named.length > 0 ? named : parts.filter((part) => part.field !== WAIVERS_PART && declarationFormat(part) !== undefined);
  if (candidates.length !== 1) {
    throw new HttpError(400, 'no-declaration-part', candidates.length === 0
      ? 'the multipart request has no declaration: send it as a part named "declaration" (a .yaml or .json file), beside one part per ledger file'
      : 'the multipart request has several declarations: send one, as the part named "declaration"');
  }
  const part = candidates[0]!;
  return { part, extension: declarationFormat(part)?.extensions[0] ?? '.yaml' };
}

/**
 * The ledger files of a request, by the names the declaration gives them: a part's field name or its file name
 * (with or without the folders the declaration puts before it).
 */
export function ledgerFilesOf(parts: Part[], declaration: Part): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  for (const part of parts) {
    if (part === declaration || part.field === WAIVERS_PART) continue;
    for (const name of [part.field, part.fileName].filter((n): n is string => Boolean(n))) if (!files.has(name)) files.set(name, part.bytes);
  }
  return files;
}

/** Reads a ledger file from the parts sent; nothing is ever read from the server's disk. */
export function partReader(files: ReadonlyMap<string, Uint8Array>): (file: string) => Uint8Array {
  return (file) => {
    const bytes = files.get(file) ?? files.get(basename(file));
    if (bytes) return bytes;
    const sent = [...files.keys()];
    throw new Error(`the request has no part named ${JSON.stringify(file)}: send each ledger file as a part named as the declaration names it${sent.length ? ` (parts sent: ${sent.slice(0, 10).join(', ')})` : ''}`);
  };
}
