// The fair limit: never more than `concurrency` at once, freed slots handed round robin between owners (a late
// owner is served before an early owner's long queue is done), each owner's tasks in order, failures passed on.
import { describe, expect, it } from 'vitest';
import { fairLimit } from '../../util/fair-limit.ts';

/** Tasks that finish when the test says so, recording the order they started in. */
function harness() {
  const started: string[] = [];
  const finish = new Map<string, () => void>();
  const task = (name: string) => () =>
    new Promise<string>((resolve) => {
      started.push(name);
      finish.set(name, () => resolve(name));
    });
  const tick = () => new Promise((r) => setImmediate(r));
  return { started, task, tick, done: async (name: string) => (finish.get(name)!(), await tick(), await tick()) };
}

describe('fairLimit', () => {
  it('hands freed slots to owners in turn, each owner in its own order, never more than `concurrency` at once', async () => {
    const limit = fairLimit(2);
    const { started, task, tick, done } = harness();
    const all = [
      ...['a1', 'a2', 'a3', 'a4', 'a5'].map((n) => limit.run('slow-site', task(n))),
      ...['b1', 'b2'].map((n) => limit.run('site-b', task(n))),
      ...['c1'].map((n) => limit.run('site-c', task(n))),
    ];
    await tick();
    // nobody else was waiting when the slow site queued its pages: it takes both free slots
    expect(started).toEqual(['a1', 'a2']);
    expect([limit.active, limit.pending]).toEqual([2, 6]);
    // from the first freed slot on, the slow site waits its turn behind b and c
    await done('a1');
    expect(started).toEqual(['a1', 'a2', 'b1']);
    await done('a2');
    expect(started).toEqual(['a1', 'a2', 'b1', 'c1']);
    await done('b1');
    expect(started).toEqual(['a1', 'a2', 'b1', 'c1', 'a3']);
    await done('c1');
    expect(started).toEqual(['a1', 'a2', 'b1', 'c1', 'a3', 'b2']);
    for (const n of ['a3', 'b2', 'a4']) await done(n);
    expect(started).toEqual(['a1', 'a2', 'b1', 'c1', 'a3', 'b2', 'a4', 'a5']);
    await done('a5');
    expect(await Promise.all(all)).toEqual(['a1', 'a2', 'a3', 'a4', 'a5', 'b1', 'b2', 'c1']);
    expect([limit.active, limit.pending]).toEqual([0, 0]);
  });

  it('with a quantum, lets an owner keep its slot for that many tasks in a row, then passes it on', async () => {
    const limit = fairLimit(1, { quantum: 3 });
    const { started, task, tick, done } = harness();
    const all = [...['a1', 'a2', 'a3', 'a4', 'a5'].map((n) => limit.run('a', task(n))), ...['b1', 'b2'].map((n) => limit.run('b', task(n)))];
    await tick();
    for (const n of ['a1', 'a2', 'a3', 'b1', 'b2', 'a4', 'a5']) await done(n);
    expect(started).toEqual(['a1', 'a2', 'a3', 'b1', 'b2', 'a4', 'a5']);
    expect(await Promise.all(all)).toEqual(['a1', 'a2', 'a3', 'a4', 'a5', 'b1', 'b2']);
    expect([limit.active, limit.pending]).toEqual([0, 0]);
  });

  it('passes a failure on and frees its slot', async () => {
    const limit = fairLimit(1);
    const failing = limit.run('x', async () => {
      throw new Error('boom');
    });
    const after = limit.run('y', async () => 'next');
    await expect(failing).rejects.toThrow('boom');
    expect(await after).toBe('next');
    expect(() => fairLimit(0)).toThrow(RangeError);
  });
});
