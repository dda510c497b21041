// The time one request's work may take: a promise race for the asynchronous steps, checkpoints between the others.
import { HttpError } from './errors.js';

/**
 * When the time is up the client is answered at once. A check in a worker thread is then ended with its thread
 * (the signal tells the pool); a step in the server's own thread cannot be interrupted, and its result, when it
 * comes, is dropped. What keeps Chromium bounded is the render queue, whose slot stays taken until the abandoned
 * render has really ended.
 */
export class Deadline {
  private readonly controller = new AbortController();
  private readonly timer: NodeJS.Timeout;
  readonly endsAt: number;

  constructor(
    readonly ms: number,
    readonly what: string,
    /** What the client can do about it: by default, about a declaration too large for the server. */
    readonly advice = 'If it happens again the declaration is too large for this server: send a large ledger as JSON rather than YAML, or split it by period',
    /** A request's deadline carried into a worker thread keeps the time it started with, not a fresh one. */
    endsAt = Date.now() + ms,
  ) {
    this.endsAt = endsAt;
    this.timer = setTimeout(() => this.controller.abort(this.error()), Math.max(0, endsAt - Date.now()));
  }

  /** Aborted, with the timeout error as its reason, when the time is up. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  error(): HttpError {
    return new HttpError(
      503,
      'timeout',
      `the ${this.what} did not finish within this server's limit of ${this.ms} ms and was abandoned; the server is still serving. ${this.advice}`,
    );
  }

  /** Throws the timeout error when the time is up: call it between steps that cannot be interrupted. */
  checkpoint(): void {
    if (this.signal.aborted || Date.now() >= this.endsAt) throw this.error();
  }

  /** The work's outcome, or the timeout error if the time runs out first. */
  race<T>(work: Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const signal = this.signal;
      const onAbort = () => reject(signal.reason as Error);
      if (signal.aborted) {
        work.catch(() => undefined);
        onAbort();
        return;
      }
      signal.addEventListener('abort', onAbort, { once: true });
      work.then(
        (value) => {
          signal.removeEventListener('abort', onAbort);
          resolve(value);
        },
        (error: unknown) => {
          signal.removeEventListener('abort', onAbort);
          reject(error as Error);
        },
      );
    });
  }

  dispose(): void {
    clearTimeout(this.timer);
  }
}
