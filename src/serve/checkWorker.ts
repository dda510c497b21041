// A worker thread of the service's check pool: checks one declaration at a time (and, for a report, writes its
// HTML), so that a long check neither blocks the server's thread nor outlives its time limit (the pool ends the
// thread). It loads the bundled rulesets once and keeps them compiled between requests.
import { parentPort } from 'node:worker_threads';
import { resolveRulesets, runCheck } from '../check.js';
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

export interface CheckTask {
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

export type TaskError =
  | { type: 'http'; statusCode: number; code: string; message: string; headers: Record<string, string> }
  | { type: 'mbcheck'; code: string; message: string; kind: MbcheckError['kind'] }
  | { type: 'internal'; message: string; stack?: string };

export type TaskOutcome = { id: number; ok: true; result: CheckResult; html?: string } | { id: number; ok: false; error: TaskError };

function serialised(error: unknown): TaskError {
  if (error instanceof HttpError) return { type: 'http', statusCode: error.statusCode, code: error.code, message: error.message, headers: error.headers };
  if (error instanceof MbcheckError) return { type: 'mbcheck', code: error.code, message: error.message, kind: error.kind };
  return { type: 'internal', message: String((error as Error)?.message ?? error), stack: (error as Error)?.stack };
}

async function perform(task: CheckTask): Promise<TaskOutcome> {
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
