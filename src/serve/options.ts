// The service's settings: limits with their defaults, and the seams tests use to slow a check or a render down.
import { availableParallelism } from 'node:os';
import { checkSource, type CheckOptions } from '../check.js';
import type { DeclarationSource } from '../declaration/source.js';
import { MbcheckError } from '../errors.js';
import type { PageSize } from '../report/pdf.js';
import type { CheckResult } from '../result.js';
import type { LoadedRuleset } from '../rulesets/load.js';
import { bundledRegistry, type RulesetRegistry } from '../rulesets/registry.js';
import { DEFAULTS, LOG_LEVELS, type LogLevel } from './defaults.js';
import { SENT_LIMITS } from './rulesetSources.js';

export type CheckFunction = (source: DeclarationSource, options: CheckOptions, rulesets: LoadedRuleset[]) => Promise<CheckResult>;
export type RenderFunction = (html: string, options: { pageSize: PageSize; onBlockedRequest?: (url: string) => void }) => Promise<Buffer>;

export { DEFAULTS, LOG_LEVELS, type LogLevel } from './defaults.js';

export interface ServeOptions {
  /** Largest request body accepted, in bytes (413 above). */
  maxBodyBytes?: number;
  /** Most ledger lines (inputs plus outputs) one declaration may have (413 above). */
  maxLedgerLines?: number;
  /** PDF renders running at once in the shared Chromium. */
  maxConcurrentRenders?: number;
  /** PDF renders waiting for a free slot; one more is answered 429. Default: twice maxConcurrentRenders. */
  maxQueuedRenders?: number;
  /** Time for one request: receiving it, and then the check or render (503 when the work overruns). */
  requestTimeoutMs?: number;
  logLevel?: LogLevel;
  /** Where the JSON log lines go; default standard output. */
  logStream?: { write(line: string): unknown };
  registry?: RulesetRegistry;
  /**
   * Worker threads that run the checks and the authoring routes' work on a sent ruleset (default: one per core; 0:
   * the server's own thread). Work in a worker neither holds up other requests nor outlives its time limit. A
   * `check` or `registry` given in code runs in the server's own thread: workers use the library's check and the
   * bundled rulesets.
   */
  checkWorkers?: number;
  /** Checks waiting for a free worker; one more is answered 429. Default: 16 per worker. */
  maxQueuedChecks?: number;
  /** The check to run (default: the library's checkSource); tests slow it down to reach the timeout. */
  check?: CheckFunction;
  /** HTML -> PDF (default: the shared Chromium); tests slow it down to fill the render queue. */
  renderPdf?: RenderFunction;
  /** Time a sent ruleset's patterns may take to compile, in ms (413 beyond); tests lower it to reach the limit. */
  patternCompileMs?: number;
}

// Chromium's driver is loaded on the first PDF, not when the library or the server starts.
const renderInChromium: RenderFunction = async (html, options) => (await import('../report/pdf.js')).renderPdf(html, options);

export type ResolvedServeOptions = Required<Omit<ServeOptions, 'logStream'>> & Pick<ServeOptions, 'logStream'>;

function queuedChecksOf(options: ServeOptions): number {
  const chosen = options.maxQueuedChecks ?? 16 * Math.max(1, workersOf(options));
  if (!Number.isSafeInteger(chosen) || chosen < 0) throw new MbcheckError('usage', `max-queued-checks must be a whole number of at least 0; got ${String(options.maxQueuedChecks)}`);
  return chosen;
}

function workersOf(options: ServeOptions): number {
  if (options.check || options.registry) return 0;
  const chosen = options.checkWorkers ?? availableParallelism();
  if (!Number.isSafeInteger(chosen) || chosen < 0) throw new MbcheckError('usage', `check-workers must be a whole number of at least 0; got ${String(options.checkWorkers)}`);
  return chosen;
}

function positiveInteger(name: string, value: number | undefined, fallback: number): number {
  const chosen = value ?? fallback;
  if (!Number.isSafeInteger(chosen) || chosen < 1) throw new MbcheckError('usage', `${name} must be a whole number of at least 1; got ${String(value)}`);
  return chosen;
}

function patternCompileMsOf(options: ServeOptions): number {
  const chosen = options.patternCompileMs ?? SENT_LIMITS.patternCompileMs;
  if (!Number.isSafeInteger(chosen) || chosen < 0) throw new MbcheckError('usage', `pattern-compile-ms must be a whole number of at least 0; got ${String(options.patternCompileMs)}`);
  return chosen;
}

export function resolveServeOptions(options: ServeOptions = {}): ResolvedServeOptions {
  const maxConcurrentRenders = positiveInteger('max-concurrent-renders', options.maxConcurrentRenders, DEFAULTS.maxConcurrentRenders);
  const maxQueuedRenders = options.maxQueuedRenders ?? 2 * maxConcurrentRenders;
  if (!Number.isSafeInteger(maxQueuedRenders) || maxQueuedRenders < 0) throw new MbcheckError('usage', `max-queued-renders must be a whole number of at least 0; got ${String(options.maxQueuedRenders)}`);
  const logLevel = options.logLevel ?? DEFAULTS.logLevel;
  if (!LOG_LEVELS.includes(logLevel)) throw new MbcheckError('usage', `log-level must be one of ${LOG_LEVELS.join(', ')}; got ${String(logLevel)}`);
  return {
    maxBodyBytes: positiveInteger('max-body-bytes', options.maxBodyBytes, DEFAULTS.maxBodyBytes),
    maxLedgerLines: positiveInteger('max-ledger-lines', options.maxLedgerLines, DEFAULTS.maxLedgerLines),
    maxConcurrentRenders,
    maxQueuedRenders,
    requestTimeoutMs: positiveInteger('request-timeout-ms', options.requestTimeoutMs, DEFAULTS.requestTimeoutMs),
    logLevel,
    logStream: options.logStream,
    registry: options.registry ?? bundledRegistry(),
    checkWorkers: workersOf(options),
    maxQueuedChecks: queuedChecksOf(options),
    check: options.check ?? checkSource,
    renderPdf: options.renderPdf ?? renderInChromium,
    patternCompileMs: patternCompileMsOf(options),
  };
}
