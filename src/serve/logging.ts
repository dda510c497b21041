// One JSON log line per request (pino, standard output): method, url, status, time, and what was judged. Never a body.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { CheckResult } from '../result.js';

interface Outcome {
  declaration: { id: string | null; sha256: string | null };
  verdict: CheckResult['verdict'];
  valid: boolean;
}

const outcomes = new WeakMap<FastifyRequest, Outcome>();
const errorCodes = new WeakMap<FastifyRequest, string>();

/** Records what a request judged, for its log line. */
export function noteOutcome(request: FastifyRequest, result: CheckResult): void {
  outcomes.set(request, { declaration: { id: result.declaration.id, sha256: result.declaration.sha256 }, verdict: result.verdict, valid: result.valid });
}

/** Records why a request was refused, for its log line. */
export function noteErrorCode(request: FastifyRequest, code: string): void {
  errorCodes.set(request, code);
}

/** A load balancer's X-Request-Id is kept, so one id follows a request through every log; else a fresh one. */
export function requestId(request: IncomingMessage): string {
  const given = request.headers['x-request-id'];
  return typeof given === 'string' && /^[\w.:-]{1,128}$/.test(given) ? given : randomUUID();
}

export function installRequestLog(app: FastifyInstance): void {
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  app.addHook('onResponse', async (request, reply) => {
    const outcome = outcomes.get(request);
    const error = errorCodes.get(request);
    const line = {
      method: request.method,
      url: request.url,
      status: reply.statusCode,
      ms: Math.round(reply.elapsedTime * 10) / 10,
      ...(request.headers['content-length'] ? { bytes: Number(request.headers['content-length']) } : {}),
      ...(outcome ?? {}),
      ...(error ? { error } : {}),
    };
    if (reply.statusCode >= 500) request.log.error(line, 'request');
    else request.log.info(line, 'request');
  });
}
