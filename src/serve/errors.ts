// Every failure of the service as one JSON shape, { error: { code, message } }, with the HTTP status it earns.
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { MbcheckError } from '../errors.js';
import { LAUNCH_RETRY_MS } from '../report/browser.js';

export interface ErrorBody {
  /** `problems`: each problem of an input the error is about (invalid-waivers), at its line, for a program to place. */
  error: { code: string; message: string; problems?: unknown[] };
}

/** A failure with its status: thrown anywhere in a request, answered by the error handler. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
    readonly problems?: unknown[],
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export function errorBody(code: string, message: string, problems?: unknown[]): ErrorBody {
  return { error: { code, message, ...(problems ? { problems } : {}) } };
}

/** The library speaks to a command line; a client of the service sets query parameters instead. */
export function forHttp(message: string): string {
  return message.replace(/--ruleset /g, 'ruleset=').replace(/--ruleset\b/g, 'ruleset').replace(/--as-of\b/g, 'asOf');
}

// The library's errors that are the server's fault or its environment's, not the request's.
const serverSide: Record<string, number> = { 'no-browser': 503, 'browser-failed': 503, 'browser-crashed': 503, 'browser-closed': 503 };
// A crashed browser is replaced by the next render, so the same request may be sent again at once; after a failed
// launch, renders get the same answer until the next launch is due.
const serverSideHeaders: Record<string, Record<string, string>> = {
  'browser-crashed': { 'retry-after': '1' },
  'browser-failed': { 'retry-after': String(Math.ceil(LAUNCH_RETRY_MS / 1000)) },
};

interface FastifyLikeError {
  code?: unknown;
  statusCode?: unknown;
  message?: unknown;
}

export interface Limits {
  maxBodyBytes: number;
}

function mebibytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? ` (${+(bytes / 1024 / 1024).toFixed(2)} MiB)` : '';
}

/** Any thrown value as an HttpError; undefined when it is a bug (answered 500, and logged with its stack). */
export function toHttpError(error: unknown, limits: Limits): HttpError | undefined {
  if (error instanceof HttpError) return error;
  if (error instanceof MbcheckError) {
    if (serverSide[error.code]) return new HttpError(serverSide[error.code]!, error.code, error.message, serverSideHeaders[error.code]);
    if (error.kind === 'internal') return undefined;
    return new HttpError(400, error.code === 'usage' ? 'bad-request' : error.code, forHttp(error.message));
  }
  const e = (error ?? {}) as FastifyLikeError;
  switch (e.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new HttpError(413, 'body-too-large', `the request body is larger than this server's limit of ${limits.maxBodyBytes} bytes${mebibytes(limits.maxBodyBytes)}; split the ledger by period into several declarations, or ask the operator to raise --max-body-bytes`);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new HttpError(415, 'unsupported-media-type', `send the declaration with Content-Type application/json or application/yaml (application/x-yaml, text/yaml and text/x-yaml are accepted too), or with its ledger files as multipart/form-data`);
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new HttpError(400, 'bad-content-length', 'the Content-Length header does not match the body that was sent');
    case 'FST_ERR_BAD_URL':
      return new HttpError(400, 'bad-url', 'the request URL is not valid (a malformed percent-encoding?)');
  }
  const status = typeof e.statusCode === 'number' ? e.statusCode : 500;
  if (status >= 400 && status < 500) {
    return new HttpError(status, 'bad-request', typeof e.message === 'string' && e.message ? e.message : (STATUS_CODES[status] ?? 'bad request'));
  }
  return undefined;
}

/** A request so malformed that Node refused it before Fastify saw it: answer in the same JSON shape and hang up. */
export function clientErrorHandler(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, code, message] =
    error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? [408, 'request-timeout', 'the request was not received in full within the time limit; send it again on a faster connection']
      : error.code === 'HPE_HEADER_OVERFLOW'
        ? [431, 'headers-too-large', 'the request headers are too large']
        : [400, 'bad-http', 'the request is not valid HTTP/1.1'];
  const body = JSON.stringify(errorBody(code, message));
  if (socket.writable) {
    socket.write(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
  }
  socket.destroy(error);
}
