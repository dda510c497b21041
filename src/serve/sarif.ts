// POST /v1/check?format=sarif: the result as a SARIF 2.1.0 log (src/format/sarif.ts), the same as `check --format sarif`.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FindingPlace } from '../findingPlaces.js';
import { formatSarif } from '../format/sarif.js';
import type { CheckResult } from '../result.js';
import { plainResult, type CheckAnswerBody } from './checkView.js';
import { noteErrorCode } from './logging.js';
import { judge, resultHeaders } from './resultStatus.js';

export const SARIF_MEDIA_TYPE = 'application/sarif+json';

/**
 * The places the check found where it ran (include=places, asked for by the route): the body is never parsed a
 * second time here, in the thread that answers every other request.
 */
function placesOf(answer: CheckAnswerBody): ReadonlyMap<number, FindingPlace> {
  const places = new Map<number, FindingPlace>();
  (answer.findings ?? []).forEach((finding, index) => {
    if (finding.place) places.set(index, finding.place);
  });
  return places;
}

/**
 * The log under the status the JSON result would have had (200 judged, 422 invalid or not judged, 400 unreadable):
 * a SARIF log carries validation problems and an unjudged run too, so the body is always the log.
 */
export function sendSarif(reply: FastifyReply, request: FastifyRequest, answer: CheckAnswerBody): FastifyReply {
  const places = placesOf(answer);
  const result = plainResult(answer);
  const judged = judge(result);
  if (judged.status !== 200) noteErrorCode(request, judged.error.code);
  const log = formatSarif([result], { places: () => places });
  return resultHeaders(reply, result).code(judged.status).type(`${SARIF_MEDIA_TYPE}; charset=utf-8`).send(log);
}
