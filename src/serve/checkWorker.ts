// A worker thread of the service's check pool: checks one declaration at a time (and, for a report, writes its
// HTML), or does the work of an authoring route on a sent ruleset, so that long work neither blocks the server's
// thread nor outlives its time limit (the pool ends the thread). It loads the bundled rulesets once and keeps them
// compiled between requests.
import { parentPort } from 'node:worker_threads';
import { resolveRulesets, runCheck } from '../check.js';
import { bundledRegistry } from '../rulesets/registry.js';
import type { AuthoringBody, AuthoringJob } from './authoringWork.js';
import { Deadline } from './deadline.js';
import type { RulesetSources } from './rulesetSources.js';
import { MbcheckError } from '../errors.js';
import { renderReportHtml } from '../report/html.js';
import { buildReportModel } from '../report/model.js';
import type { CheckResult } from '../result.js';
import { HttpError } from './errors.js';
import { refuseLongFileLedger, refuseLongLedger } from './ledgerLimit.js';
import { sourceOfRequest } from './body.js';
import type { Waiver } from '../generated/waivers.js';
import type { Include } from './checkView.js';
import { withInsight } from './insight.js';

export interface DeclarationTask {
  id: number;
  /** A report also needs its HTML, written here from the validated declaration. */
  kind: 'check' | 'report';
  name: string;
  bytes: Uint8Array;
  /** Ledger files sent with the declaration, by the names it gives them. */
  files?: Array<[string, Uint8Array]>;
  fileName?: string;
  waivers?: Waiver[];
  asOf: string;
  rulesets?: string[];
  /** The opt-in parts of a check's answer (see insight.ts). */
  include?: Include[];
  maxLedgerLines: number;
}

export interface AuthoringTask extends AuthoringJob {
  id: number;
  kind: 'authoring';
  /** The server's option, which tests lower: it shapes the answer (413 beyond), so the worker keeps to it too. */
  patternCompileMs: number;
  /** The request's deadline, checked between cases here as in the server's thread, with the same message. */
  deadline: { ms: number; endsAt: number; what: string; advice: string };
}

export type CheckTask = DeclarationTask | AuthoringTask;

export type TaskError =
  | { type: 'http'; statusCode: number; code: string; message: string; headers: Record<string, string>; problems?: unknown[] }
  | { type: 'mbcheck'; code: string; message: string; kind: MbcheckError['kind'] }
  | { type: 'internal'; message: string; stack?: string };

export type TaskAnswer = { result: CheckResult; html?: string } | { body: AuthoringBody };

export type TaskOutcome = ({ id: number; ok: true } & TaskAnswer) | { id: number; ok: false; error: TaskError };

function serialised(error: unknown): TaskError {
  if (error instanceof HttpError) return { type: 'http', statusCode: error.statusCode, code: error.code, message: error.message, headers: error.headers, ...(error.problems ? { problems: error.problems } : {}) };
  if (error instanceof MbcheckError) return { type: 'mbcheck', code: error.code, message: error.message, kind: error.kind };
  return { type: 'internal', message: String((error as Error)?.message ?? error), stack: (error as Error)?.stack };
}

// Loaded with the first authoring task: a worker that only checks needs none of it.
const authoringModules = () => Promise.all([import('./authoringWork.js'), import('./rulesetSources.js')]);
/** By pattern budget: one server gives one, but a worker keeps each cache for the budget it was built with. */
const sourcesByBudget = new Map<number, RulesetSources>();

async function performAuthoring(task: AuthoringTask): Promise<TaskOutcome> {
  const [{ authoringWork }, { RulesetSources }] = await authoringModules();
  let sources = sourcesByBudget.get(task.patternCompileMs);
  if (!sources) sourcesByBudget.set(task.patternCompileMs, (sources = new RulesetSources(bundledRegistry(), task.patternCompileMs)));
  const { ms, endsAt, what, advice } = task.deadline;
  const deadline = new Deadline(ms, what, advice, endsAt);
  try {
    // Nothing else runs in this thread, so there is no turn of the event loop to give between cases: only the deadline.
    const body = await authoringWork(task, { sources, registry: bundledRegistry(), between: () => deadline.checkpoint() });
    return { id: task.id, ok: true, body };
  } finally {
    deadline.dispose();
  }
}

async function perform(task: CheckTask): Promise<TaskOutcome> {
  if (task.kind === 'authoring') return performAuthoring(task);
  const source = sourceOfRequest({ name: task.name, bytes: task.bytes, ...(task.files ? { files: new Map(task.files) } : {}), ...(task.fileName ? { fileName: task.fileName } : {}) });
  refuseLongLedger(source, task.maxLedgerLines);
  await refuseLongFileLedger(source, task.maxLedgerLines);
  const options = { asOf: task.asOf, ...(task.rulesets ? { rulesets: task.rulesets } : {}), ...(task.waivers ? { waivers: task.waivers } : {}) };
  const { result, declaration } = await runCheck(source, options, resolveRulesets(options));
  // Crossing to the server's thread copies the result (structured clone reads the per-output table's getter).
  if (task.kind === 'check' && task.include) return { id: task.id, ok: true, result: withInsight(result, source, task.include, declaration) };
  if (task.kind === 'check' || !declaration || result.error) return { id: task.id, ok: true, result };
  return { id: task.id, ok: true, result, html: renderReportHtml(buildReportModel(result, declaration)) };
}

parentPort?.on('message', (task: CheckTask) => {
  perform(task).then(
    (outcome) => parentPort!.postMessage(outcome),
    (error: unknown) => parentPort!.postMessage({ id: task.id, ok: false, error: serialised(error) } satisfies TaskOutcome),
  );
});
