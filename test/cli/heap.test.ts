// The heap growth step the crawling commands run with: the default, an operator's override, and a clear error for
// a value that is not one.
import { describe, expect, it } from 'vitest';
import { DEFAULT_HEAP_GROWING_PERCENT, tuneHeap } from '../../cli/heap.ts';

describe('tuneHeap', () => {
  it('applies the default step, an operator-set step, or V8 own growth for 0', () => {
    expect(tuneHeap({})).toBe(DEFAULT_HEAP_GROWING_PERCENT);
    expect(tuneHeap({ GOVAUDIT_HEAP_GROWING_PERCENT: '50' })).toBe(50);
    expect(tuneHeap({ GOVAUDIT_HEAP_GROWING_PERCENT: '0' })).toBeNull();
  });

  it('names the variable and the allowed range when the value is not a whole percent', () => {
    for (const bad of ['fast', '-5', '2.5', '5000'])
      expect(() => tuneHeap({ GOVAUDIT_HEAP_GROWING_PERCENT: bad })).toThrow(`GOVAUDIT_HEAP_GROWING_PERCENT must be an integer from 0 to 1000, not "${bad}"`);
  });
});
