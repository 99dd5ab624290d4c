import type { Db } from "@/server/db/client";
import { enqueueDeliveries } from "./enqueue-deliveries";

/** Left alone this long after creation, a delivery's own send is presumed lost (a crash after commit). */
export const UNSENT_GRACE_MS = 30_000;

/**
 * Re-sends deliveries that were committed but never accepted by Inngest. A delivery whose first send did
 * arrive but was not noted (a crash in between) is attempted once more if it has not been attempted yet:
 * at-least-once, which receivers handle by the stable message id. A delivery whose first attempt was made
 * within a request (seed 004's test messages) and whose retries were never handed over is `delivering`
 * with no `enqueuedAt`: sent again, its run hands it to its retries at the time they are due.
 */
export async function sweepUnsentDeliveries({ db, now = new Date(), limit = 5_000, graceMs = UNSENT_GRACE_MS }: {
  db: Db; now?: Date; limit?: number;
  /** 0 at start-up: nothing of this process can still be sending */
  graceMs?: number;
}) {
  const unsent = await db.delivery.findMany({
    where: { status: { in: ["pending", "delivering"] }, enqueuedAt: null, createdAt: { lt: new Date(now.getTime() - graceMs) } },
    select: { id: true, tenantId: true, endpointId: true, orderingKey: true },
    orderBy: { createdAt: "asc" },
    take: limit,
  });
  if (unsent.length) await enqueueDeliveries({ db, deliveries: unsent });
  return { resent: unsent.length };
}
