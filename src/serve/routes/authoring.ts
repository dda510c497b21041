// The authoring routes for standard-setters: a bundled ruleset with its fixtures, and `mbcheck ruleset lint`,
// `test`, `coverage` and `diff` for a ruleset the client sends. A sent ruleset is untrusted: it is held to the body
// limit, worked on under the request deadline (in a worker thread when the server has them), reads no file, and
// nothing of it is kept once answered. The route reads the request; authoringWork.ts does the work.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { quoted } from '../../quoting.js';
import { AUTHORING_ADVICE, authoringWhat, type AuthoringBody, type AuthoringJob } from '../authoringWork.js';
import type { Checker } from '../checker.js';
import { Deadline } from '../deadline.js';
import { HttpError } from '../errors.js';
import type { ResolvedServeOptions } from '../options.js';
import { parseDiffQuery, parseNoQuery } from '../query.js';
import { RulesetSources, type FixtureText } from '../rulesetSources.js';

function jsonBody(request: FastifyRequest): Buffer {
  const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json') {
    throw new HttpError(415, 'unsupported-media-type', `send the ruleset as JSON, with Content-Type application/json; got ${type ? quoted(type) : 'none'}`);
  }
  const body = request.body;
  if (!Buffer.isBuffer(body) || body.length === 0) throw new HttpError(400, 'empty-body', 'the request has no body; send the ruleset (JSON, as the files under rulesets/ are) as the body');
  return body;
}

/** The body of POST /v1/rulesets/test: the ruleset's text and its fixture files, each as text. */
function testBody(request: FastifyRequest): { ruleset: Buffer; fixtures: FixtureText[] } {
  const expected = 'send {"ruleset": "<the ruleset JSON, as text>", "fixtures": [{"name": "rule-name.yaml", "text": "<the fixture YAML>"}, ...]}';
  let data: unknown;
  try {
    data = JSON.parse(jsonBody(request).toString('utf8'));
  } catch (error) {
    if (error instanceof HttpError) throw error;
    throw new HttpError(400, 'bad-request', `the body is not valid JSON (${(error as Error).message}); ${expected}`);
  }
  const body = data as { ruleset?: unknown; fixtures?: unknown } | null;
  if (!body || typeof body !== 'object' || typeof body.ruleset !== 'string') throw new HttpError(400, 'bad-request', `the body has no "ruleset" text; ${expected}`);
  const fixtures = body.fixtures ?? [];
  if (!Array.isArray(fixtures)) throw new HttpError(400, 'bad-request', `"fixtures" must be a list; ${expected}`);
  return {
    ruleset: Buffer.from(body.ruleset, 'utf8'),
    fixtures: fixtures.map((f: unknown, i) => {
      const fixture = f as { name?: unknown; text?: unknown } | null;
      if (!fixture || typeof fixture.text !== 'string') throw new HttpError(400, 'bad-request', `fixtures/${i} has no "text"; ${expected}`);
      return { name: typeof fixture.name === 'string' && fixture.name ? fixture.name : `fixture-${i + 1}.yaml`, text: fixture.text };
    }),
  };
}

/** The work handed to the checker (a worker thread, or this thread), under the request's deadline. */
async function worked(checker: Checker, options: ResolvedServeOptions, job: AuthoringJob): Promise<AuthoringBody> {
  const deadline = new Deadline(options.requestTimeoutMs, authoringWhat(job.op), AUTHORING_ADVICE);
  try {
    return await checker.authoring(job, deadline);
  } finally {
    deadline.dispose();
  }
}

export function registerAuthoring(routes: FastifyInstance, options: ResolvedServeOptions, checker: Checker): void {
  const sources = new RulesetSources(options.registry, options.patternCompileMs);
  const knownIds = options.registry.ids();
  const json = (reply: FastifyReply, body: unknown) => reply.type('application/json; charset=utf-8').send(body);

  routes.get<{ Params: { id: string; version: string } }>('/v1/rulesets/:id/:version', async (request, reply) => {
    parseNoQuery(request.query);
    const { id, version, title, text, fixtures } = sources.bundledSource(request.params.id, request.params.version);
    return json(reply.header('cache-control', 'public, max-age=300'), { id, version, title, text, fixtures, bases: sources.baseNames() });
  });

  routes.post('/v1/rulesets/lint', async (request, reply) => {
    parseNoQuery(request.query);
    return json(reply, await worked(checker, options, { op: 'lint', bytes: jsonBody(request) }));
  });

  routes.post('/v1/rulesets/test', async (request, reply) => {
    parseNoQuery(request.query);
    const { ruleset, fixtures } = testBody(request);
    return json(reply, await worked(checker, options, { op: 'test', bytes: ruleset, fixtures }));
  });

  routes.post('/v1/rulesets/coverage', async (request, reply) => {
    parseNoQuery(request.query);
    return json(reply, await worked(checker, options, { op: 'coverage', bytes: jsonBody(request) }));
  });

  routes.post('/v1/rulesets/diff', async (request, reply) => {
    const query = parseDiffQuery(request.query, knownIds);
    const bytes = jsonBody(request);
    return json(reply, await worked(checker, options, { op: 'diff', bytes, against: query.against, asOf: query.asOf }));
  });
}
