import { describe, expect, it } from 'vitest';
import { forEachConcurrent } from '../../crawler/concurrent.ts';

describe('forEachConcurrent', () => {
  it('calls every item once, in order, never more than n at once', async () => {
    const started: number[] = [];
    let running = 0;
    let most = 0;
    await forEachConcurrent([1, 2, 3, 4, 5, 6, 7], 3, async (n) => {
      started.push(n);
      most = Math.max(most, ++running);
      await new Promise((r) => setImmediate(r));
      running--;
    });
    expect(started).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(most).toBe(3);
  });

  it('does nothing for no items and reports a failure', async () => {
    await forEachConcurrent([], 4, async () => {
      throw new Error('never called');
    });
    await expect(forEachConcurrent([1, 2], 2, async (n) => { if (n === 2) throw new Error('two'); })).rejects.toThrow('two');
  });
});
