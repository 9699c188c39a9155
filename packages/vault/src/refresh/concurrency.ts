// Runs async work over a list with at most N calls in flight, keeping results in input order.

/**
 * Maps `items` through `work` with at most `limit` calls running at once; resolves when all are
 * done, results in input order. `work` must not throw (catch inside it) or the first throw rejects.
 */
export async function mapWithConcurrency<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}
