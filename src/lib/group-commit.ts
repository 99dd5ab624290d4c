/**
 * Group commit: calls made while `maxInFlight` writes are running wait, and all of them (up to `maxBatch`)
 * go together into the next write. A lone call is written at once; under load one write serves many calls,
 * which is how a database statement or an HTTP send is shared by concurrent requests. `write` returns one
 * result per item, in order; if it throws, every call of that write rejects with the error. `maxBatch`
 * bounds the items' total `weight` (1 each by default); an item heavier than it goes alone.
 *
 * `spacingMs` paces the writes: one starts no sooner than that after the previous one started, unless
 * `fullAt` weight is already waiting. When whatever a write does costs the same for one item as for many
 * (an Inngest run per hand-over), spacing them under load makes each carry more; a call arriving after a
 * quiet spell still goes at once.
 */
export function groupCommit<Item, Result>(
  write: (items: Item[]) => Promise<Result[]>,
  {
    maxInFlight = 1,
    maxBatch = Number.POSITIVE_INFINITY,
    weight = () => 1,
    spacingMs = 0,
    fullAt = Number.POSITIVE_INFINITY,
  }: { maxInFlight?: number; maxBatch?: number; weight?: (item: Item) => number; spacingMs?: number; fullAt?: number } = {},
): (item: Item) => Promise<Result> {
  const waiting: { item: Item; weight: number; resolve: (result: Result) => void; reject: (error: unknown) => void }[] = [];
  let waitingWeight = 0;
  let inFlight = 0;
  let lastStart = Number.NEGATIVE_INFINITY;
  let paced: NodeJS.Timeout | undefined;
  const startWrites = () => {
    while (inFlight < maxInFlight && waiting.length) {
      const wait = lastStart + spacingMs - performance.now();
      if (wait > 0 && waitingWeight < fullAt) {
        // unref: a process with nothing else to do is not kept alive by a paced write
        paced ??= setTimeout(() => {
          paced = undefined;
          startWrites();
        }, wait).unref();
        return;
      }
      let count = 1;
      for (let total = waiting[0]!.weight; count < waiting.length; count++) {
        total += waiting[count]!.weight;
        if (total > maxBatch) break;
      }
      const batch = waiting.splice(0, count);
      for (const call of batch) waitingWeight -= call.weight;
      inFlight++;
      lastStart = performance.now();
      write(batch.map((call) => call.item))
        .then(
          (results) => batch.forEach((call, index) => call.resolve(results[index]!)),
          (error: unknown) => batch.forEach((call) => call.reject(error)),
        )
        .finally(() => {
          inFlight--;
          startWrites();
        });
    }
  };
  return (item) =>
    new Promise<Result>((resolve, reject) => {
      const itemWeight = weight(item);
      waiting.push({ item, weight: itemWeight, resolve, reject });
      waitingWeight += itemWeight;
      startWrites();
    });
}
