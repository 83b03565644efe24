// Runs an async function over a list, at most `n` calls at once, items taken in order — without a promise per
// item created up front (a level of a large crawl holds tens of thousands of URLs; p-limit would queue them all).

/** Calls `fn` on every item, at most `n` at once, in list order. Rejects with the first failure (others finish). */
export async function forEachConcurrent<T>(items: readonly T[], n: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(n, items.length)) }, worker));
}
