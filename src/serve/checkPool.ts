// A fixed set of worker threads that run checks for the service. A check parses, validates and computes in one
// go; in the server's own thread a large YAML body (seconds of parsing) would hold up every other request, and a
// time limit could only answer the client while the work went on. Here the limit ends the thread itself. The
// authoring routes' work on a sent ruleset runs here too, under the same queue and limits.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { MbcheckError } from '../errors.js';
import { paths } from '../paths.js';
import type { CheckTask, TaskAnswer, TaskError, TaskOutcome } from './checkWorker.js';
import { HttpError } from './errors.js';

/** The compiled worker: also when the server runs from src/ (tests) or from the bundled command line. */
export const WORKER_FILE = join(paths.root, 'dist', 'serve', 'checkWorker.js');

/** A task as the caller gives it: the pool numbers it. Omit over each kind, so that the kinds stay apart. */
export type TaskInput = CheckTask extends infer Kind ? (Kind extends CheckTask ? Omit<Kind, 'id'> : never) : never;

/** What a worker answers a task of each kind with. */
export type AnswerOf<Task extends TaskInput> = { id: number; ok: true } & (Task extends { kind: 'authoring' } ? Extract<TaskAnswer, { body: unknown }> : Extract<TaskAnswer, { result: unknown }>);

interface Waiting {
  task: CheckTask;
  resolve: (outcome: Extract<TaskOutcome, { ok: true }>) => void;
  reject: (error: Error) => void;
  signal: AbortSignal;
  onAbort: () => void;
}

function revived(error: TaskError): Error {
  if (error.type === 'http') return new HttpError(error.statusCode, error.code, error.message, error.headers, error.problems);
  if (error.type === 'mbcheck') return new MbcheckError(error.code, error.message, error.kind);
  const internal = new Error(`in a check worker: ${error.message}`);
  if (error.stack) internal.stack = error.stack;
  return internal;
}

export class CheckPool {
  private readonly idle: Worker[] = [];
  private readonly busy = new Map<Worker, Waiting>();
  private readonly queue: Waiting[] = [];
  private nextId = 1;
  private started = false;
  private closed = false;
  /** Threads lost one after another without a check answered: a worker that cannot start must not respawn forever. */
  private lostInARow = 0;
  private broken: string | undefined;

  /** A moving average of check times, for Retry-After. */
  private averageMs = 50;
  private readonly startedAt = new Map<Worker, number>();

  constructor(
    readonly size: number,
    /** Checks that may wait for a free worker; one more is answered 429, so that a flood cannot pile up bodies. */
    readonly maxQueued: number,
  ) {
    if (!existsSync(WORKER_FILE)) {
      throw new MbcheckError('not-built', `the check worker ${WORKER_FILE} is missing: run npm run build`, 'internal');
    }
  }

  /** The task's outcome; rejected with the signal's reason (the thread running it ended) when it is aborted first. */
  run<Task extends TaskInput>(task: Task, signal: AbortSignal): Promise<AnswerOf<Task>> {
    return new Promise<AnswerOf<Task>>((resolveAnswer, reject) => {
      // The worker answers a task with its kind's answer: checkWorker.ts's perform.
      const resolve = (outcome: Extract<TaskOutcome, { ok: true }>) => resolveAnswer(outcome as unknown as AnswerOf<Task>);
      if (signal.aborted) return reject(signal.reason as Error);
      if (this.broken) return reject(new Error(`the check workers cannot run (${this.broken})`));
      if (this.closed) return reject(new HttpError(503, 'closing', 'the server is shutting down; send the request again'));
      // The threads start with the first check: a server that only lists rulesets or renders nothing needs none.
      if (!this.started) {
        this.started = true;
        for (let i = 0; i < this.size; i++) this.idle.push(this.spawn());
      }
      if (this.idle.length === 0 && this.queue.length >= this.maxQueued) return reject(this.busyError());
      const waiting: Waiting = { task: { ...task, id: this.nextId++ } as CheckTask, resolve, reject, signal, onAbort: () => this.abort(waiting) };
      signal.addEventListener('abort', waiting.onAbort, { once: true });
      this.queue.push(waiting);
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const waiting of this.queue.splice(0)) this.settle(waiting, new HttpError(503, 'closing', 'the server is shutting down; send the request again'));
    await Promise.all([...this.idle.splice(0), ...this.busy.keys()].map((worker) => worker.terminate()));
  }

  private spawn(): Worker {
    const worker = new Worker(WORKER_FILE);
    worker.on('message', (outcome: TaskOutcome) => {
      const waiting = this.busy.get(worker);
      if (!waiting || waiting.task.id !== outcome.id) return;
      this.lostInARow = 0;
      this.averageMs = 0.8 * this.averageMs + 0.2 * (Date.now() - (this.startedAt.get(worker) ?? Date.now()));
      this.busy.delete(worker);
      this.idle.push(worker);
      if (outcome.ok) {
        waiting.signal.removeEventListener('abort', waiting.onAbort);
        waiting.resolve(outcome);
      } else {
        this.settle(waiting, revived(outcome.error));
      }
      this.dispatch();
    });
    // A thread that dies (out of memory, a crash) takes only its own check with it; another takes its place.
    worker.on('error', (error: Error & { code?: string }) => this.lost(worker, error));
    worker.on('exit', () => this.lost(worker, new Error('the check worker exited')));
    return worker;
  }

  private lost(worker: Worker, error: Error & { code?: string }): void {
    const waiting = this.busy.get(worker);
    const wasIdle = this.idle.indexOf(worker);
    if (wasIdle >= 0) this.idle.splice(wasIdle, 1);
    if (!waiting && wasIdle < 0) return;
    this.busy.delete(worker);
    this.startedAt.delete(worker);
    if (waiting) {
      this.settle(
        waiting,
        error.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? new HttpError(503, 'out-of-memory', 'the check ran out of memory on this server and was abandoned; the server is still serving. Split the ledger by period into several declarations')
          : error,
      );
    }
    if (this.closed || this.broken) return;
    if (++this.lostInARow > 3 * this.size) {
      // Not a declaration's fault: the workers cannot run at all. Stop, and say so to every waiting request.
      this.broken = error.message;
      for (const queued of this.queue.splice(0)) this.settle(queued, new Error(`the check workers cannot run (${error.message})`));
      return;
    }
    this.idle.push(this.spawn());
    this.dispatch();
  }

  private abort(waiting: Waiting): void {
    const queued = this.queue.indexOf(waiting);
    if (queued >= 0) this.queue.splice(queued, 1);
    for (const [worker, running] of this.busy) {
      if (running !== waiting) continue;
      // The only way to stop a synchronous check: end its thread, and start a fresh one for the next.
      this.busy.delete(worker);
      this.startedAt.delete(worker);
      worker.removeAllListeners();
      void worker.terminate();
      if (!this.closed) this.idle.push(this.spawn());
    }
    waiting.reject(waiting.signal.reason as Error);
    this.dispatch();
  }

  private busyError(): HttpError {
    const seconds = Math.min(60, Math.max(1, Math.ceil((this.averageMs * (this.queue.length + 1)) / this.size / 1000)));
    return new HttpError(
      429,
      'busy',
      `this server is already running ${this.busy.size} check(s) or ruleset task(s) with ${this.queue.length} waiting, its limit; retry after ${seconds} s`,
      { 'retry-after': String(seconds) },
    );
  }

  private settle(waiting: Waiting, error: Error): void {
    waiting.signal.removeEventListener('abort', waiting.onAbort);
    waiting.reject(error);
  }

  private dispatch(): void {
    while (!this.closed && !this.broken && this.idle.length > 0 && this.queue.length > 0) {
      const worker = this.idle.shift()!;
      const waiting = this.queue.shift()!;
      this.busy.set(worker, waiting);
      this.startedAt.set(worker, Date.now());
      worker.postMessage(waiting.task);
    }
  }
}
