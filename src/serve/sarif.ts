// POST /v1/check?format=sarif: the result as a SARIF 2.1.0 log (src/format/sarif.ts), the same as `check --format sarif`.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { readNamedLedgerFiles } from '../check.js';
import { placeFindings } from '../findingPlaces.js';
import { formatSarif } from '../format/sarif.js';
import type { CheckResult } from '../result.js';
import { requestDeclaration, sourceOfRequest } from './body.js';
import type { Deadline } from './deadline.js';
import { noteErrorCode } from './logging.js';
import { judge, resultHeaders } from './resultStatus.js';

export const SARIF_MEDIA_TYPE = 'application/sarif+json';

/**
 * The places of the failing findings, found again from the request's bytes: the check (perhaps in a worker) keeps
 * no positions. Only a result with a failure is parsed a second time.
 */
async function placesOf(request: FastifyRequest, result: CheckResult, deadline: Deadline) {
  if (!result.valid || !(result.findings ?? []).some((f) => f.outcome === 'fail')) return undefined;
  const source = sourceOfRequest(requestDeclaration(request));
  await deadline.race(readNamedLedgerFiles(source));
  deadline.checkpoint();
  return placeFindings(source, result);
}

/**
 * The log under the status the JSON result would have had (200 judged, 422 invalid or not judged, 400 unreadable):
 * a SARIF log carries validation problems and an unjudged run too, so the body is always the log.
 */
export async function sendSarif(reply: FastifyReply, request: FastifyRequest, result: CheckResult, deadline: Deadline): Promise<FastifyReply> {
  const places = await placesOf(request, result, deadline);
  const judged = judge(result);
  if (judged.status !== 200) noteErrorCode(request, judged.error.code);
  const log = formatSarif([result], places ? { places: () => places } : {});
  return resultHeaders(reply, result).code(judged.status).type(`${SARIF_MEDIA_TYPE}; charset=utf-8`).send(log);
}
