// A concurrency limit shared fairly between owners: at most `concurrency` tasks run at once, and a freed slot goes
// to the next owner in turn (round robin), not to whoever queued first. A worker with many sites in flight shares
// one browser this way: a site that queues twenty pages, or whose pages each take their whole time limit, gets
// one slot in turn like every other site instead of holding the browser until its list is done. With a `quantum`
// above 1 a slot stays with its owner for up to that many tasks in a row while the owner has more queued (a site's
// next page then reuses the tab its last one left open), and then passes on.

export interface FairLimit {
  /** Runs `work` when a slot is free and it is `owner`'s turn; each owner's tasks run in the order given. */
  run<T>(owner: unknown, work: () => Promise<T>): Promise<T>;
  /** Tasks running now. */
  readonly active: number;
  /** Tasks waiting for a slot. */
  readonly pending: number;
}

export function fairLimit(concurrency: number, opts: { quantum?: number } = {}): FairLimit {
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new RangeError(`concurrency must be a whole number ≥ 1, got ${concurrency}`);
  const quantum = opts.quantum ?? 1;
  /** Owners with waiting tasks, in turn order (a Map keeps insertion order: an owner served goes to the back). */
  const queues = new Map<unknown, ((streak: number) => void)[]>();
  let active = 0;
  let pending = 0;

  const next = () => {
    while (active < concurrency && queues.size > 0) {
      const [owner, queue] = queues.entries().next().value!;
      queues.delete(owner);
      const start = queue.shift()!;
      // an owner with more waiting goes to the back of the turn order
      if (queue.length) queues.set(owner, queue);
      pending--;
      active++;
      start(1);
    }
  };

  /** A task of `owner` ended after `streak` in a row: its slot goes on to the owner's next task or to the next owner. */
  const ended = (owner: unknown, streak: number) => {
    const queue = queues.get(owner);
    if (queue && streak < quantum) {
      // keep the owner's place in the turn order: take its task without sending it to the back
      const start = queue.shift()!;
      if (!queue.length) queues.delete(owner);
      pending--;
      start(streak + 1);
      return;
    }
    // its turn is over: to the back of the turn order
    if (queue) {
      queues.delete(owner);
      queues.set(owner, queue);
    }
    active--;
    next();
  };

  return {
    run<T>(owner: unknown, work: () => Promise<T>): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        const start = (streak: number) => {
          Promise.resolve()
            .then(work)
            .then(resolve, reject)
            .finally(() => ended(owner, streak));
        };
        const queue = queues.get(owner);
        if (queue) queue.push(start);
        else queues.set(owner, [start]);
        pending++;
        next();
      });
    },
    get active() {
      return active;
    },
    get pending() {
      return pending;
    },
  };
}
