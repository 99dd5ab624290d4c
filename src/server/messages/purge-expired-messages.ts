import type { Db } from "@/server/db/client";

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Retention: messages older than `retentionDays` go, with their deliveries and attempts (cascade), once
 * none of their deliveries is still in flight. Deleted in batches so a large backlog never holds one
 * long transaction.
 */
export async function purgeExpiredMessages({ db, retentionDays, now = new Date(), batchSize = 1_000 }: {
  db: Db; retentionDays: number; now?: Date; batchSize?: number;
}): Promise<{ deleted: number }> {
  const cutoff = new Date(now.getTime() - retentionDays * DAY_MS);
  let deleted = 0;
  for (;;) {
    const expired = await db.message.findMany({
      where: { createdAt: { lt: cutoff }, deliveries: { none: { status: { in: ["pending", "delivering"] } } } },
      select: { id: true },
      take: batchSize,
    });
    if (expired.length === 0) return { deleted };
    const result = await db.message.deleteMany({ where: { id: { in: expired.map((m) => m.id) } } });
    deleted += result.count;
  }
}
