// The request body as the library's DeclarationSource: the exact bytes (so the sha256 is theirs), JSON or YAML by media type.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { basename } from 'node:path';
import { sourceFromBytes, type DeclarationSource } from '../declaration/source.js';
import { DOCUMENT_FORMATS, formatOfMediaType } from '../declaration/formats.js';
import { HttpError } from './errors.js';
import { declarationPart, isMultipartBody, ledgerFilesOf, partReader, readMultipart, WAIVERS_PART, type MultipartBody } from './multipart.js';
import { InvalidWaiversError, parseWaivers } from '../waivers/read.js';
import type { Waiver } from '../generated/waivers.js';
import { MbcheckError } from '../errors.js';

/** The media types a declaration may be sent as (see declaration/formats.ts). */
export const DECLARATION_MEDIA_TYPES = DOCUMENT_FORMATS.filter((format) => format.holds === 'declaration').flatMap((format) => format.mediaTypes);

function mediaTypeOf(header: string | undefined): { type: string; charset: string | undefined } {
  const [type = '', ...parameters] = (header ?? '').split(';').map((part) => part.trim());
  const charset = parameters.map((p) => /^charset\s*=\s*"?([^";]*)"?$/i.exec(p)?.[1]).find((c) => c !== undefined);
  return { type: type.toLowerCase(), charset: charset?.toLowerCase() };
}

/**
 * Replaces Fastify's parsers: the body is kept as raw bytes, parsed later by the library with line and column
 * positions. Any other media type is answered 415 by Fastify; bodies over the limit 413.
 */
export function registerDeclarationParsers(app: FastifyInstance, maxBodyBytes: number): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser([...DECLARATION_MEDIA_TYPES], { parseAs: 'buffer', bodyLimit: maxBodyBytes }, (request, body, done) => {
    const { charset } = mediaTypeOf(request.headers['content-type']);
    if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
      done(new HttpError(415, 'unsupported-charset', `the declaration must be UTF-8; the request says charset=${charset}. Save it as UTF-8 and send it with charset=utf-8 or no charset`), undefined);
      return;
    }
    done(null, body);
  });
  // A declaration with its ledger files: read into parts here, within the same byte limit.
  app.addContentTypeParser('multipart/form-data', { parseAs: 'buffer', bodyLimit: maxBodyBytes }, (request, body, done) => {
    readMultipart(body as Buffer, request.headers['content-type'] ?? '').then(
      (parts) => done(null, { multipart: parts } satisfies MultipartBody),
      (error: unknown) => done(error as Error, undefined),
    );
  });
}

/** The declaration a request sends: its bytes, the name that says how to parse them, and any ledger files sent with it. */
export interface RequestDeclaration {
  name: string;
  bytes: Buffer;
  files?: Map<string, Uint8Array>;
  /** The file name the declaration part was sent with. */
  fileName?: string;
}

export function requestDeclaration(request: FastifyRequest): RequestDeclaration {
  const body = request.body;
  if (isMultipartBody(body)) {
    const { part, extension } = declarationPart(body.multipart);
    if (part.bytes.length === 0) throw new HttpError(400, 'empty-body', 'the declaration part of the request is empty');
    return { name: `request${extension}`, bytes: part.bytes, files: ledgerFilesOf(body.multipart, part), ...(part.fileName ? { fileName: basename(part.fileName) } : {}) };
  }
  if (!Buffer.isBuffer(body) || body.length === 0) {
    throw new HttpError(400, 'empty-body', 'the request has no body; send the declaration (YAML or JSON) as the body, with Content-Type application/yaml or application/json');
  }
  const { type } = mediaTypeOf(request.headers['content-type']);
  const format = formatOfMediaType(type);
  return { name: `request${format?.holds === 'declaration' ? format.extensions[0] : '.yaml'}`, bytes: body };
}

/** The waivers sent as the part "waivers" of a multipart request, validated; undefined when none were sent. */
export function requestWaivers(request: FastifyRequest): Waiver[] | undefined {
  const body = request.body;
  if (!isMultipartBody(body)) return undefined;
  const part = body.multipart.find((p) => p.field === WAIVERS_PART);
  if (!part) return undefined;
  try {
    return parseWaivers(part.fileName ?? 'waivers', part.bytes);
  } catch (error) {
    if (error instanceof InvalidWaiversError) throw new HttpError(400, 'invalid-waivers', error.message, {}, error.problems);
    if (error instanceof MbcheckError) throw new HttpError(400, 'invalid-waivers', error.message);
    throw error;
  }
}

/** The declaration as the library reads it; its ledger files, when sent, come from the request's parts alone. */
export function sourceOfRequest(declaration: { name: string; bytes: Uint8Array; files?: ReadonlyMap<string, Uint8Array>; fileName?: string }): DeclarationSource {
  const source = sourceFromBytes(declaration.name, declaration.bytes);
  if (declaration.files) source.readLedgerFile = partReader(declaration.files);
  if (declaration.fileName) source.fileName = declaration.fileName;
  return source;
}

/**
 * The declaration in the body, named after its media type so the library parses JSON as JSON and YAML as YAML.
 * With decode: false only the name is worked out (and an empty body refused): a check worker decodes the bytes.
 */
export function declarationSourceOf(request: FastifyRequest): DeclarationSource;
export function declarationSourceOf(request: FastifyRequest, options: { decode: false }): Pick<DeclarationSource, 'name'>;
export function declarationSourceOf(request: FastifyRequest, { decode = true }: { decode?: boolean } = {}): DeclarationSource | Pick<DeclarationSource, 'name'> {
  const declaration = requestDeclaration(request);
  return decode ? sourceOfRequest(declaration) : { name: declaration.name };
}
