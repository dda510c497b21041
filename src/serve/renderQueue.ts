// At most N PDF renders at once in the shared Chromium, a short bounded wait line, and 429 beyond it.
import { HttpError } from './errors.js';

export class RenderQueue {
  private active = 0;
  private readonly waiting: Array<() => void> = [];
  /** A moving average of render times, for Retry-After. */
  private averageMs = 2_000;

  constructor(
    readonly concurrency: number,
    readonly queueSize: number,
  ) {}

  get running(): number {
    return this.active;
  }

  get queued(): number {
    return this.waiting.length;
  }

  /** Refuses at once when a render could neither start nor wait: called before the check, so no work is wasted. */
  admit(): void {
    if (this.active >= this.concurrency && this.waiting.length >= this.queueSize) throw this.busy();
  }

  /**
   * Runs the task in a slot, waiting for one if needed. A caller that stops waiting (the signal) leaves the line;
   * a task that has started keeps its slot until it really ends, even if nobody waits for it any more.
   */
  async run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    if (this.active < this.concurrency) this.active++;
    else await this.waitForSlot(signal);
    const started = Date.now();
    try {
      return await task();
    } finally {
      this.averageMs = 0.8 * this.averageMs + 0.2 * (Date.now() - started);
      this.release();
    }
  }

  private waitForSlot(signal: AbortSignal | undefined): Promise<void> {
    if (this.waiting.length >= this.queueSize) return Promise.reject(this.busy());
    if (signal?.aborted) return Promise.reject(signal.reason as Error);
    return new Promise<void>((resolve, reject) => {
      const onAbort = () => {
        const index = this.waiting.indexOf(handOver);
        if (index >= 0) this.waiting.splice(index, 1);
        reject(signal!.reason as Error);
      };
      // release() passes its slot on without freeing it, so `active` already counts this task.
      const handOver = () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(handOver);
    });
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.active--;
  }

  private busy(): HttpError {
    const seconds = Math.min(60, Math.max(1, Math.ceil((this.averageMs * (this.waiting.length + 1)) / this.concurrency / 1000)));
    return new HttpError(
      429,
      'busy',
      `this server is already rendering ${this.active} report(s) with ${this.waiting.length} waiting, its limit; retry after ${seconds} s, or ask for format=html, which needs no renderer`,
      { 'retry-after': String(seconds) },
    );
  }
}
