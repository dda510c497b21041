// A batch of declarations through one job each: bounded concurrency, results in input order, a progress bar on
// a terminal, and every input accounted for (an unreadable or broken one becomes an error entry).
import cliProgress from 'cli-progress';
import { mapInOrder } from '../batch.js';
import { MbcheckError } from '../errors.js';
import { FAIL_ON_LEVELS, failuresAt, type CheckResult, type Level } from '../result.js';
import { tool } from '../version.js';
import type { InputEntry } from './inputs.js';
import { removePendingTemporaries } from './output.js';

export const EXIT = { ok: 0, failed: 1, error: 2 } as const;

/** The result of an input that could not be judged: what went wrong, and where. */
export function errorResult(source: string, error: unknown): CheckResult {
  const known = error instanceof MbcheckError && error.kind !== 'internal';
  const message = known
    ? error.message
    : `internal error: ${(error as Error)?.message ?? String(error)}; this is a bug in mbcheck, please report it with the file that caused it`;
  return {
    schemaVersion: '1',
    tool: { ...tool },
    declaration: { id: null, source, sha256: null },
    valid: false,
    validationErrors: [],
    metrics: null,
    verdict: 'fail',
    // The source is shown beside the message already; do not name it twice.
    error: { code: known ? error.code : 'internal', message: message.startsWith(`${source}: `) ? message.slice(source.length + 2) : message },
  };
}

export { FAIL_ON_LEVELS };

/**
 * 2 if the input could not be read or judged, else 1 if the declaration is invalid or fails a rule at `failOn` or
 * above, else 0. Only a `fail` counts: `cannot-tell` is a question the declaration leaves open, not a failure.
 */
export function exitCodeOf(result: CheckResult, failOn: Level = 'shall'): number {
  if (result.error) return EXIT.error;
  if (result.verdict === 'fail') return EXIT.failed;
  // A waived failure stays a fail in the result, and no longer fails the run.
  return failuresAt(result, failOn).length > 0 ? EXIT.failed : EXIT.ok;
}

export interface ProgressContext {
  /** --no-progress given */
  disabled: boolean;
  inputs: number;
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
  /** Results are printed to standard output while the batch runs (jsonl without --output). */
  streamingToStdout: boolean;
  env: NodeJS.ProcessEnv;
}

/**
 * A bar only helps a person watching a terminal: never when output is piped, under CI, for one input, or
 * when results stream to the same terminal (the lines themselves show the progress).
 */
export function showsProgress(c: ProgressContext): boolean {
  const ci = c.env['CI'] !== undefined && c.env['CI'] !== '' && c.env['CI'] !== 'false' && c.env['CI'] !== '0';
  return !c.disabled && !ci && c.inputs > 1 && c.stderrIsTTY && c.stdoutIsTTY && !c.streamingToStdout;
}

export interface BatchJob {
  entries: InputEntry[];
  concurrency: number;
  progress: boolean;
  /** What one input becomes; `log` writes a line to standard error without tearing the progress bar. */
  run: (name: string, log: (line: string) => void, index: number) => Promise<CheckResult>;
  onResult: (result: CheckResult) => void;
  /** The lowest level whose failure fails the batch (check --fail-on); shall by default. */
  failOn?: Level;
}

/** Runs the batch and returns its exit code (the worst of its inputs). */
export async function runBatch(job: BatchJob): Promise<number> {
  const bars = job.progress
    ? new cliProgress.MultiBar({ stream: process.stderr, clearOnComplete: true, hideCursor: true, format: ' {bar} {value}/{total} declarations | failing: {failing} | could not be checked: {errors} | {eta_formatted} left' }, cliProgress.Presets.shades_classic)
    : undefined;
  const bar = bars?.create(job.entries.length, 0, { failing: 0, errors: 0 });
  const log = (line: string) => (bars ? bars.log(`${line}\n`) : void process.stderr.write(`${line}\n`));
  let worst: number = EXIT.ok;
  let failing = 0;
  let errors = 0;
  const one = async (entry: InputEntry, index: number): Promise<CheckResult> => {
    const shown = entry.name === '-' ? '<stdin>' : entry.name;
    if (entry.problem) return errorResult(shown, entry.problem);
    try {
      return await job.run(entry.name, log, index);
    } catch (error) {
      return errorResult(shown, error);
    }
  };
  try {
    for await (const result of mapInOrder(job.entries, job.concurrency, one)) {
      const code = exitCodeOf(result, job.failOn);
      worst = Math.max(worst, code);
      if (code === EXIT.error) errors++;
      else if (code === EXIT.failed) failing++;
      bar?.increment(1, { failing, errors });
      job.onResult(result);
    }
  } finally {
    bars?.stop();
  }
  return worst;
}

/** A report whose browser died under it is rendered once more in a new browser; a second crash is its error. */
export async function retryIfBrowserCrashed<T>(task: () => Promise<T>, log: (line: string) => void, name: string): Promise<T> {
  try {
    return await task();
  } catch (error) {
    if (!(error instanceof MbcheckError) || error.code !== 'browser-crashed') throw error;
    log(`mbcheck: ${name}: the browser stopped while rendering; trying once more in a new one`);
    return task();
  }
}

// SIGHUP: the terminal was closed. Its default ends the process as abruptly as the others.
const signalExitCodes = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;

/**
 * Runs `work`, then `cleanup` however it ends. Node's default on SIGINT and SIGTERM ends the process at once,
 * which would leave a running Chromium and its profile behind: here the signal runs `cleanup` (and removes
 * unfinished output files) before exiting with 130 or 143. A second signal exits at once.
 */
export async function withCleanupOnSignals<T>(cleanup: (ending: 'done' | 'signal') => Promise<void>, work: () => Promise<T>): Promise<T> {
  let interrupted = false;
  const onSignal = (signal: keyof typeof signalExitCodes) => {
    const code = signalExitCodes[signal];
    if (interrupted) process.exit(code);
    interrupted = true;
    removePendingTemporaries();
    process.stderr.write(`mbcheck: interrupted (${signal}); stopping the browser, unfinished output files were removed\n`);
    void cleanup('signal')
      .catch(() => undefined)
      .finally(() => process.exit(code));
  };
  for (const signal of Object.keys(signalExitCodes) as Array<keyof typeof signalExitCodes>) process.on(signal, onSignal);
  try {
    return await work();
  } finally {
    await cleanup('done');
    for (const signal of Object.keys(signalExitCodes) as Array<keyof typeof signalExitCodes>) process.off(signal, onSignal);
  }
}
