// The authoring routes for standard-setters: a bundled ruleset with its fixtures, and `mbcheck ruleset lint`,
// `test`, `coverage` and `diff` for a ruleset the client sends. A sent ruleset is untrusted: it is held to the body
// limit, worked on under the request deadline, reads no file, and nothing of it is kept once answered.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { checkSource } from '../../check.js';
import { sourceFromBytes } from '../../declaration/source.js';
import { paths } from '../../paths.js';
import { coverageMatrix } from '../../rulesets/coverage.js';
import { diffRulesets } from '../../rulesets/diff.js';
import { runRuleFixtures } from '../../rulesets/fixtures.js';
import { lintRulesetSource } from '../../rulesets/lint.js';
import type { LoadedRuleset } from '../../rulesets/load.js';
import { quoted } from '../../quoting.js';
import { Deadline } from '../deadline.js';
import { HttpError } from '../errors.js';
import { exampleSource, readExamples, type BundledExample } from '../examples.js';
import type { ResolvedServeOptions } from '../options.js';
import { parseDiffQuery, parseNoQuery } from '../query.js';
import { parsedOrUndefined, readyFixtures, refuseLargeRuleset, RulesetSources, SENT_RULESET, type FixtureText } from '../rulesetSources.js';

const ADVICE = 'If it happens again the ruleset or its fixtures are too large for this server: run `mbcheck ruleset` on your own machine';

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

/** An example's verdict under one ruleset; an example folder is checked with the ledger files read from it alone. */
async function verdictUnder(example: BundledExample, loaded: LoadedRuleset, asOf: string): Promise<string> {
  const result = await checkSource(exampleSource(example), { asOf }, [loaded]);
  return result.valid ? (result.rulesets?.[0]?.verdict ?? 'n/a') : 'invalid';
}

/**
 * Between two cases (or two examples of a diff): the deadline, then a turn of the event loop. The work runs in the
 * server's own thread and its steps are promises that never wait, so without this turn no other request, health
 * probe or timer would run until the whole request was done.
 */
async function pause(deadline: Deadline): Promise<void> {
  deadline.checkpoint();
  await new Promise<void>((resolve) => setImmediate(resolve));
  deadline.checkpoint();
}

async function withDeadline<T>(options: ResolvedServeOptions, what: string, work: (deadline: Deadline) => Promise<T>): Promise<T> {
  const deadline = new Deadline(options.requestTimeoutMs, what, ADVICE);
  try {
    return await deadline.race(work(deadline));
  } finally {
    deadline.dispose();
  }
}

export function registerAuthoring(routes: FastifyInstance, options: ResolvedServeOptions): void {
  const sources = new RulesetSources(options.registry, options.patternCompileMs);
  const knownIds = options.registry.ids();
  /** The corpus a diff judges, read once: examples/*.yaml and the example folders, named as the workbench names them. */
  let examples: BundledExample[] | undefined;
  const json = (reply: FastifyReply, body: unknown) => reply.type('application/json; charset=utf-8').send(body);

  routes.get<{ Params: { id: string; version: string } }>('/v1/rulesets/:id/:version', async (request, reply) => {
    parseNoQuery(request.query);
    const { id, version, title, text, fixtures } = sources.bundledSource(request.params.id, request.params.version);
    return json(reply.header('cache-control', 'public, max-age=300'), { id, version, title, text, fixtures, bases: sources.baseNames() });
  });

  routes.post('/v1/rulesets/lint', async (request, reply) => {
    parseNoQuery(request.query);
    const bytes = jsonBody(request);
    refuseLargeRuleset(parsedOrUndefined(bytes), sources.patternCompileMs);
    const problems = await withDeadline(options, 'ruleset lint', async (deadline) => {
      const found = lintRulesetSource(sourceFromBytes(SENT_RULESET, bytes), sources.lintRegistry());
      deadline.checkpoint();
      return found;
    });
    return json(reply, { problems: problems.map(({ pointer, line, column, code, message }) => ({ pointer, line, column, code, message })) });
  });

  routes.post('/v1/rulesets/test', async (request, reply) => {
    parseNoQuery(request.query);
    const body = testBody(request);
    const report = await withDeadline(options, 'ruleset test', async (deadline) => {
      const loaded = sources.load(body.ruleset);
      const fixtures = [...readyFixtures(body.fixtures, sources.baseDeclarations()), ...sources.baseFixtures(loaded)];
      const rules = await runRuleFixtures(loaded, fixtures, { beforeCase: () => pause(deadline) });
      const judged = rules.map((rule) => ({ ...rule, ok: rule.complete && rule.cases.every((c) => c.ok) }));
      const passed = judged.filter((r) => r.ok).length;
      return { ruleset: `${loaded.ruleset.id}@${loaded.ruleset.version}`, ok: passed === judged.length, passed, failed: judged.length - passed, rules: judged };
    });
    return json(reply, report);
  });

  routes.post('/v1/rulesets/coverage', async (request, reply) => {
    parseNoQuery(request.query);
    const bytes = jsonBody(request);
    const loaded = await withDeadline(options, 'ruleset coverage', async () => sources.load(bytes));
    // The same JSON as `mbcheck ruleset coverage --format json`.
    return json(reply, { rulesets: [`${loaded.ruleset.id}@${loaded.ruleset.version}`], decisions: coverageMatrix([loaded.ruleset]) });
  });

  routes.post('/v1/rulesets/diff', async (request, reply) => {
    const query = parseDiffQuery(request.query, knownIds);
    const bytes = jsonBody(request);
    // The version in force is pinned with this route's own parameter, not with the check's `ruleset`.
    const against = options.registry.resolve(query.against, query.asOf, (id) => `against=${id}@VERSION`);
    const diff = await withDeadline(options, 'ruleset diff', async (deadline) => {
      const sent = sources.load(bytes);
      const corpus = [];
      for (const example of (examples ??= [...readExamples(paths.examples).values()])) {
        await pause(deadline);
        const before = await verdictUnder(example, against, query.asOf);
        await pause(deadline);
        corpus.push({ source: example.name, before, after: await verdictUnder(example, sent, query.asOf) });
      }
      // The same JSON as `mbcheck ruleset diff A B --corpus examples --format json`.
      return { ...diffRulesets(against, sent), asOf: query.asOf, corpus };
    });
    return json(reply, diff);
  });
}
