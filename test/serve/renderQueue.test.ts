// The render queue alone: slots, a bounded line, leaving the line, and slots held by abandoned renders.
import { describe, expect, it } from 'vitest';
import { HttpError } from '../../src/serve/errors.js';
import { RenderQueue } from '../../src/serve/renderQueue.js';
import { gate } from './helpers.js';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('RenderQueue', () => {
  it('runs up to its concurrency at once, lines the rest up in order, and refuses beyond the line with 429', async () => {
    const queue = new RenderQueue(2, 1);
    const gates = [gate(), gate(), gate()];
    const order: number[] = [];
    const runs = gates.map((g, i) => queue.run(async () => (await g.wait, order.push(i), i)));
    await tick();
    expect([queue.running, queue.queued]).toEqual([2, 1]);
    expect(() => queue.admit()).toThrow(HttpError);
    const refused = await queue.run(async () => 'never').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(HttpError);
    expect((refused as HttpError).statusCode).toBe(429);
    expect(Number((refused as HttpError).headers['retry-after'])).toBeGreaterThanOrEqual(1);
    // The third, already free to finish, starts only when the second ends.
    gates[2]!.open();
    await tick();
    expect(order).toEqual([]);
    gates[1]!.open();
    await runs[2];
    expect([queue.running, queue.queued]).toEqual([1, 0]);
    gates[0]!.open();
    expect(await Promise.all(runs)).toEqual([0, 1, 2]);
    expect(order).toEqual([1, 2, 0]);
    expect([queue.running, queue.queued]).toEqual([0, 0]);
  });

  it('lets a caller leave the line through its signal, freeing the place', async () => {
    const queue = new RenderQueue(1, 1);
    const first = gate();
    const running = queue.run(() => first.wait);
    const controller = new AbortController();
    const waiting = queue.run(async () => 'late', controller.signal);
    await tick();
    expect(queue.queued).toBe(1);
    controller.abort(new Error('gave up'));
    await expect(waiting).rejects.toThrow('gave up');
    expect(queue.queued).toBe(0);
    first.open();
    await running;
    expect([queue.running, queue.queued]).toEqual([0, 0]);
  });

  it('keeps the slot of a task nobody waits for any more until it ends, and frees it after a failure', async () => {
    const queue = new RenderQueue(1, 0);
    const first = gate();
    const abandoned = queue.run(async () => {
      await first.wait;
      throw new Error('chromium crashed');
    });
    expect(() => queue.admit()).toThrow(HttpError);
    first.open();
    await expect(abandoned).rejects.toThrow('chromium crashed');
    expect(queue.running).toBe(0);
    expect(await queue.run(async () => 'next')).toBe('next');
  });
});
