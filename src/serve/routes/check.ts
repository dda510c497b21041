// POST /v1/check: the declaration in the body, judged by the rulesets of the query; the library's CheckResult back.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { resolveRulesets, type CheckOptions } from '../../check.js';
import type { RulesetRegistry } from '../../rulesets/registry.js';
import type { Checker } from '../checker.js';
import { Deadline } from '../deadline.js';
import { noteOutcome } from '../logging.js';
import type { ResolvedServeOptions } from '../options.js';
import { parseCheckQuery, type CheckQuery } from '../query.js';
import { sendResult } from '../resultStatus.js';
import { requestWaivers } from '../body.js';
import { sendSarif } from '../sarif.js';

export function checkOptionsOf(query: CheckQuery, registry: RulesetRegistry): CheckOptions {
  return { asOf: query.asOf, registry, ...(query.rulesets ? { rulesets: query.rulesets } : {}) };
}

export function checkHandler(options: ResolvedServeOptions, checker: Checker) {
  const knownIds = options.registry.ids();
  return async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
    const query = parseCheckQuery(request.query, knownIds);
    const waivers = requestWaivers(request);
    const checkOptions = { ...checkOptionsOf(query, options.registry), ...(waivers ? { waivers } : {}) };
    const rulesets = resolveRulesets(checkOptions);
    const deadline = new Deadline(options.requestTimeoutMs, 'check');
    try {
      // A SARIF log places each failure at its line: found where the check runs, from the bytes it parsed.
      const asked = query.format === 'sarif' ? { ...query, include: ['places' as const] } : query;
      const result = await checker.check({ request, query: asked, checkOptions, rulesets, deadline });
      noteOutcome(request, result);
      if (query.format === 'sarif') return sendSarif(reply, request, result);
      return sendResult(reply, result);
    } finally {
      deadline.dispose();
    }
  };
}
