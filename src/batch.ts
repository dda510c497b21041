// Runs one job per input with bounded concurrency and hands the results back in input order, as they complete.

/**
 * Maps `items` through `run`, at most `concurrency` at a time, yielding each result in the order of `items`
 * as soon as it and every earlier one are done. Only results not yet yielded are held, so a batch of ten
 * thousand declarations streamed to jsonl keeps a handful in memory, not all of them.
 * `run` must not throw: a batch never drops an input, so turn failures into results.
 */
export async function* mapInOrder<T, R>(items: readonly T[], concurrency: number, run: (item: T, index: number) => Promise<R>): AsyncGenerator<R> {
  const limit = Math.max(1, Math.floor(concurrency));
  const done = new Map<number, R>();
  const running = new Map<number, Promise<void>>();
  let next = 0;
  let emitted = 0;
  const start = (index: number) => {
    running.set(
      index,
      run(items[index]!, index).then((result) => {
        done.set(index, result);
        running.delete(index);
      }),
    );
  };
  while (emitted < items.length) {
    while (next < items.length && running.size + done.size < limit) start(next++);
    if (done.has(emitted)) {
      const result = done.get(emitted)!;
      done.delete(emitted++);
      yield result;
    } else await Promise.race(running.values());
  }
}
