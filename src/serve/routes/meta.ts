// The routes about the service itself: health, the rulesets it bundles, and its own description.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { formatRulesetList } from '../../cli/rulesetList.js';
import { paths } from '../../paths.js';
import { browserProblem } from '../../report/browser.js';
import { tool } from '../../version.js';
import type { ResolvedServeOptions } from '../options.js';
import { parseRulesetsQuery } from '../query.js';

export const openApiFile = join(paths.schemas, 'openapi.json');
export const declarationSchemaFile = join(paths.schemas, 'declaration.schema.json');
export const metricsSchemaFile = join(paths.schemas, 'metrics.schema.json');

/**
 * For a load balancer's liveness and readiness probes: cheap, 503 once the server is closing, and 503 while it
 * cannot start the browser that renders PDFs, so that a probe replaces the instance. It reports the last launch
 * and retries one only after a crash or once a failed one is old enough: probes never launch Chromium each time.
 */
export async function health(): Promise<{ status: 'ok'; version: string }> {
  // Answered 503 no-browser or browser-failed by the error handler, which logs the code like any other.
  const problem = await browserProblem();
  if (problem) throw problem;
  return { status: 'ok', version: tool.version };
}

/** The same JSON as `mbcheck rulesets --format json`. */
export function rulesetsHandler(options: ResolvedServeOptions) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
    const { asOf } = parseRulesetsQuery(request.query);
    return reply.type('application/json; charset=utf-8').send(formatRulesetList(options.registry, asOf, 'json'));
  };
}

/** A data file served as it is, read once. */
export function fileHandler(file: string, mediaType: string) {
  const text = readFileSync(file, 'utf8');
  return async (_request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => reply.type(mediaType).header('cache-control', 'public, max-age=300').send(text);
}
