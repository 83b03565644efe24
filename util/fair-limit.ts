// A concurrency limit shared fairly between owners: at most `concurrency` tasks run at once, and a freed slot goes
// to the next owner in turn (round robin), not to whoever queued first. A worker with many sites in flight shares
// one browser this way: a site that queues twenty pages, or whose pages each take their whole time limit, gets
// one slot in turn like every other site instead of holding the browser until its list is done.

export interface FairLimit {
  /** Runs `work` when a slot is free and it is `owner`'s turn; each owner's tasks run in the order given. */
  run<T>(owner: unknown, work: () => Promise<T>): Promise<T>;
  /** Tasks running now. */
  readonly active: number;
  /** Tasks waiting for a slot. */
  readonly pending: number;
}

export function fairLimit(concurrency: number): FairLimit {
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new RangeError(`concurrency must be a whole number ≥ 1, got ${concurrency}`);
  /** Owners with waiting tasks, in turn order (a Map keeps insertion order: an owner served goes to the back). */
  const queues = new Map<unknown, (() => void)[]>();
  let active = 0;
  let pending = 0;

  const next = () => {
    while (active < concurrency && queues.size > 0) {
      const [owner, queue] = queues.entries().next().value!;
      queues.delete(owner);
      const start = queue.shift()!;
      if (queue.length) queues.set(owner, queue);
      pending--;
      active++;
      start();
    }
  };

  return {
    run<T>(owner: unknown, work: () => Promise<T>): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        const start = () => {
          Promise.resolve()
            .then(work)
            .then(resolve, reject)
            .finally(() => {
              active--;
              next();
            });
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
