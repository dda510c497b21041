// The HTTP status of a check result: 200 when the declaration was judged (the verdict is in the body), else why not.
import type { FastifyReply } from 'fastify';
import { problemCount } from '../declaration/problems.js';
import type { CheckResult } from '../result.js';
import { forHttp } from './errors.js';
import { noteErrorCode } from './logging.js';

export type Judged = { status: 200 } | { status: 400 | 413 | 422; error: { code: string; message: string } };

function at(line: number, column: number): string {
  return line > 0 ? ` (line ${line}, column ${column})` : '';
}

function listing(errors: CheckResult['validationErrors']): string {
  const { count, about } = problemCount(errors);
  const listed = errors.filter((e) => e.code !== 'too-many-errors').length;
  return listed === count ? `${count} problem(s), each listed in validationErrors with its line and column` : `${about ? 'about ' : ''}${count} problem(s), the first ${listed} listed in validationErrors with their line and column`;
}

export function judge(result: CheckResult): Judged {
  if (!result.valid) {
    const errors = result.validationErrors;
    const first = errors[0];
    // The library's parser refuses a document too large for YAML; every other parse failure is a syntax error.
    const tooLarge = errors.find((e) => e.code === 'too-large');
    if (tooLarge) return { status: 413, error: { code: 'too-large', message: tooLarge.message } };
    if (first && errors.every((e) => e.code === 'syntax')) {
      return { status: 400, error: { code: 'unparseable', message: `the body cannot be read: ${first.message}${at(first.line, first.column)}` } };
    }
    const where = first ? `; the first: ${first.pointer || '/'}${at(first.line, first.column)}: ${first.message}` : '';
    return {
      status: 422,
      error: { code: 'invalid-declaration', message: `the declaration is not valid: ${listing(errors)}${where}` },
    };
  }
  // Valid but judged by no ruleset (none applies on that date): never let it read as a pass.
  if (result.error) return { status: 422, error: { code: result.error.code, message: forHttp(result.error.message) } };
  return { status: 200 };
}

/** The verdict and the fingerprint of the exact bytes received, for clients that only read headers. */
export function resultHeaders(reply: FastifyReply, result: CheckResult): FastifyReply {
  reply.header('mbcheck-verdict', result.verdict);
  if (result.declaration.sha256) reply.header('mbcheck-declaration-sha256', result.declaration.sha256);
  return reply;
}

/** The result as the body: with its status, and with `error` set whenever the status is not 200. */
export function sendResult(reply: FastifyReply, result: CheckResult, judged = judge(result)): FastifyReply {
  resultHeaders(reply, result);
  if (judged.status === 200) return reply.code(200).send(result);
  noteErrorCode(reply.request, judged.error.code);
  return reply.code(judged.status).send({ ...result, error: judged.error });
}
