/**
 * Group commit: calls made while `maxInFlight` writes are running wait, and all of them (up to `maxBatch`)
 * go together into the next write. A lone call is written at once; under load one write serves many calls,
 * which is how a database statement or an HTTP send is shared by concurrent requests. `write` returns one
 * result per item, in order; if it throws, every call of that write rejects with the error. `maxBatch`
 * bounds the items' total `weight` (1 each by default); an item heavier than it goes alone.
 */
export function groupCommit<Item, Result>(
  write: (items: Item[]) => Promise<Result[]>,
  {
    maxInFlight = 1,
    maxBatch = Number.POSITIVE_INFINITY,
    weight = () => 1,
  }: { maxInFlight?: number; maxBatch?: number; weight?: (item: Item) => number } = {},
): (item: Item) => Promise<Result> {
  const waiting: { item: Item; resolve: (result: Result) => void; reject: (error: unknown) => void }[] = [];
  let inFlight = 0;
  const startWrites = () => {
    while (inFlight < maxInFlight && waiting.length) {
      let count = 1;
      for (let total = weight(waiting[0]!.item); count < waiting.length; count++) {
        total += weight(waiting[count]!.item);
        if (total > maxBatch) break;
      }
      const batch = waiting.splice(0, count);
      inFlight++;
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
      waiting.push({ item, resolve, reject });
      startWrites();
    });
}
