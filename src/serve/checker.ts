// Where a request's check, or an authoring route's work on a sent ruleset, runs: in the pool of worker threads (the
// default), or in the server's own thread when the check or the rulesets were given in code (tests, embedders) or
// no workers were asked for.
import type { FastifyRequest } from 'fastify';
import type { CheckOptions } from '../check.js';
import type { CheckResult } from '../result.js';
import type { LoadedRuleset } from '../rulesets/load.js';
import type { AuthoringBody, AuthoringJob } from './authoringWork.js';
import { declarationSourceOf, requestDeclaration } from './body.js';
import type { CheckPool } from './checkPool.js';
import type { Deadline } from './deadline.js';
import { refuseLongFileLedger, refuseLongLedger } from './ledgerLimit.js';
import type { ResolvedServeOptions } from './options.js';
import type { CheckQuery } from './query.js';
import type { RulesetSources } from './rulesetSources.js';

export interface CheckRequest {
  request: FastifyRequest;
  query: CheckQuery;
  checkOptions: CheckOptions;
  rulesets: LoadedRuleset[];
  deadline: Deadline;
}

export interface Checker {
  check(work: CheckRequest): Promise<CheckResult>;
  /** The check and, when the declaration was judged, the report's HTML. */
  reportHtml(work: CheckRequest): Promise<{ result: CheckResult; html: string | undefined }>;
  /** The JSON body of an authoring route, its work done under the request's deadline. */
  authoring(job: AuthoringJob, deadline: Deadline): Promise<AuthoringBody>;
}

/** Turns of the event loop between cases: the work's steps never wait, and other requests must be served meanwhile. */
async function pause(deadline: Deadline): Promise<void> {
  deadline.checkpoint();
  await new Promise<void>((resolve) => setImmediate(resolve));
  deadline.checkpoint();
}

// The templates are loaded on the first report, not when the server starts.
const reportModule = () => import('../report/index.js');
// Likewise the report's model behind include=view: only a request that asks loads it.
const insightModule = () => import('./insight.js');
// And the authoring tools, loaded by the first request to an authoring route in this thread.
const authoringModules = () => Promise.all([import('./authoringWork.js'), import('./rulesetSources.js')]);

export function inThisThread(options: ResolvedServeOptions): Checker {
  let sources: RulesetSources | undefined;
  return {
    async check({ request, query, checkOptions, rulesets, deadline }) {
      const source = declarationSourceOf(request);
      refuseLongLedger(source, options.maxLedgerLines);
      await deadline.race(refuseLongFileLedger(source, options.maxLedgerLines));
      deadline.checkpoint();
      const result = await deadline.race(options.check(source, checkOptions, rulesets));
      if (!query.include) return result;
      const { withInsight } = await insightModule();
      return withInsight(result, source, query.include);
    },
    async reportHtml({ request, checkOptions, rulesets, deadline }) {
      const source = declarationSourceOf(request);
      refuseLongLedger(source, options.maxLedgerLines);
      await deadline.race(refuseLongFileLedger(source, options.maxLedgerLines));
      deadline.checkpoint();
      const { reportSource } = await reportModule();
      const { result, content } = await deadline.race(reportSource(source, { ...checkOptions, format: 'html' }, rulesets));
      return { result, html: typeof content === 'string' ? content : undefined };
    },
    async authoring(job, deadline) {
      const [{ authoringWork }, { RulesetSources }] = await authoringModules();
      sources ??= new RulesetSources(options.registry, options.patternCompileMs);
      return deadline.race(authoringWork(job, { sources, registry: options.registry, between: () => pause(deadline) }));
    },
  };
}

export function inWorkers(options: ResolvedServeOptions, pool: CheckPool): Checker {
  const task = ({ request, query, checkOptions }: CheckRequest, kind: 'check' | 'report') => {
    // Parsed and fingerprinted in the worker, which needs the exact bytes; the media type picks the parser there too.
    const { name, bytes, files, fileName } = requestDeclaration(request);
    return { kind, name, bytes, ...(files ? { files: [...files] } : {}), ...(fileName ? { fileName } : {}), ...(checkOptions.waivers ? { waivers: checkOptions.waivers } : {}), asOf: query.asOf, ...(query.rulesets ? { rulesets: query.rulesets } : {}), ...(query.include ? { include: query.include } : {}), maxLedgerLines: options.maxLedgerLines };
  };
  return {
    async check(work) {
      return (await pool.run(task(work, 'check'), work.deadline.signal)).result;
    },
    async reportHtml(work) {
      const { result, html } = await pool.run(task(work, 'report'), work.deadline.signal);
      return { result, html };
    },
    async authoring(job, deadline) {
      const { ms, endsAt, what, advice } = deadline;
      const input = { ...job, kind: 'authoring' as const, patternCompileMs: options.patternCompileMs, deadline: { ms, endsAt, what, advice } };
      return (await pool.run(input, deadline.signal)).body;
    },
  };
}
