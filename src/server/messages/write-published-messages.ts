import type { Db } from "@/server/db/client";
import type { Prisma } from "@/generated/prisma/client";
import { enqueueDeliveriesAfterCommit } from "@/server/deliveries/enqueue-deliveries";

export type PublishedMessageRow = {
  id: string;
  tenantId: string;
  eventType: string;
  payload: Prisma.InputJsonValue;
  createdAt: Date;
};
export type PublishedDeliveryRow = { id: string; tenantId: string; messageId: string; endpointId: string; createdAt: Date };

type Waiting = { message: PublishedMessageRow; deliveries: PublishedDeliveryRow[]; settle: (error: unknown | null) => void };
type Queue = { waiting: Waiting[]; writing: number };

/** Rows of one multi-row insert stay well below PostgreSQL's 65,535 bind parameters. */
const MAX_MESSAGES_PER_WRITE = 500;
/** Writes in flight at once; publishes arriving meanwhile wait and go together in the next one. */
const MAX_WRITES_IN_FLIGHT = 2;

// globalThis: Next evaluates route modules separately; publishes from all of them share one queue per database.
const g = globalThis as unknown as { __hooklinePublishQueues?: WeakMap<Db, Queue> };

/**
 * Commits a published message with its deliveries, then hands the deliveries to Inngest: group commit. A
 * publish that arrives while earlier writes are in flight waits for the next write and shares it with every
 * other publish waiting then: one transaction and one event send for all of them instead of one each, so
 * throughput rises with load while a lone publish is written at once. Resolves once the message is committed
 * and its deliveries were offered to Inngest (a failed send is swept later, as for a single publish).
 */
export function writePublishedMessage(db: Db, message: PublishedMessageRow, deliveries: PublishedDeliveryRow[]): Promise<void> {
  const queues = (g.__hooklinePublishQueues ??= new WeakMap());
  let queue = queues.get(db);
  if (!queue) queues.set(db, (queue = { waiting: [], writing: 0 }));
  const target = queue;
  return new Promise<void>((resolve, reject) => {
    target.waiting.push({ message, deliveries, settle: (error) => (error === null ? resolve() : reject(error)) });
    startWrites(db, target);
  });
}

function startWrites(db: Db, queue: Queue) {
  while (queue.writing < MAX_WRITES_IN_FLIGHT && queue.waiting.length) {
    const batch = queue.waiting.splice(0, MAX_MESSAGES_PER_WRITE);
    queue.writing++;
    void writeBatch(db, batch).finally(() => {
      queue.writing--;
      startWrites(db, queue);
    });
  }
}

async function writeBatch(db: Db, batch: Waiting[]): Promise<void> {
  const deliveries = batch.flatMap((item) => item.deliveries);
  try {
    await db.$transaction([
      db.message.createMany({ data: batch.map((item) => ({ ...item.message, idempotencyKey: null })) }),
      ...(deliveries.length ? [db.delivery.createMany({ data: deliveries })] : []),
    ]);
  } catch (error) {
    if (batch.length === 1) {
      batch[0]!.settle(error);
      return;
    }
    // one row the database refuses fails the whole statement: write each alone, so only that publish fails
    await Promise.all(batch.map((item) => writeBatch(db, [item])));
    return;
  }
  await enqueueDeliveriesAfterCommit({ db, deliveries });
  for (const item of batch) item.settle(null);
}
