// The batch runner's two promises: never more than N at once, and results in input order whatever finishes first.
import { describe, expect, it } from 'vitest';
import { mapInOrder } from '../src/batch.js';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('mapInOrder', () => {
  it('yields in input order although later items finish first, with at most `concurrency` running', async () => {
    let running = 0;
    let most = 0;
    const delays = [30, 1, 20, 1, 5, 1, 25, 1, 1, 10];
    const seen: number[] = [];
    for await (const value of mapInOrder(delays, 3, async (delay, index) => {
      running++;
      most = Math.max(most, running);
      await pause(delay);
      running--;
      return index;
    })) seen.push(value);
    expect(seen).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(most).toBeLessThanOrEqual(3);
    expect(most).toBeGreaterThan(1);
  });

  it('holds back no more than `concurrency` finished results while the first is slow (bounded memory)', async () => {
    const started: number[] = [];
    const out: number[] = [];
    for await (const value of mapInOrder([50, 1, 1, 1, 1, 1], 2, async (delay, index) => {
      started.push(index);
      await pause(delay);
      return index;
    })) {
      if (value === 0) expect(started.length).toBeLessThanOrEqual(2);
      out.push(value);
    }
    expect(out).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('handles an empty batch and a concurrency below 1 (taken as 1)', async () => {
    const none: number[] = [];
    for await (const v of mapInOrder([], 4, async () => 1)) none.push(v);
    expect(none).toEqual([]);
    const one: number[] = [];
    for await (const v of mapInOrder([1, 2], 0, async (x) => x * 2)) one.push(v);
    expect(one).toEqual([2, 4]);
  });
});
