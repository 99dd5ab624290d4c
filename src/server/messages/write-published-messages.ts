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

type Waiting = { message: PublishedMessageRow; settle: (outcome: { deliveries: PublishedDeliveryRow[] } | { error: unknown }) => void };
type Queue = { waiting: Waiting[]; writing: number };

/** Messages of one write; the statement carries them as one JSON parameter. */
const MAX_MESSAGES_PER_WRITE = 500;
/** Writes in flight at once; publishes arriving meanwhile wait and go together in the next one. */
const MAX_WRITES_IN_FLIGHT = 2;

// globalThis: Next evaluates route modules separately; publishes from all of them share one queue per database.
const g = globalThis as unknown as { __hooklinePublishQueues?: WeakMap<Db, Queue> };

/**
 * Commits a published message with one delivery per active endpoint of its tenant subscribed to its type,
 * then hands the deliveries to Inngest: group commit. A publish that arrives while earlier writes are in
 * flight waits for the next write and shares it with every other publish waiting then: one statement and
 * one event send for all of them instead of several each, so throughput rises with load while a lone
 * publish is written at once. Resolves to the message's deliveries once it is committed and they were
 * offered to Inngest (a failed send is swept later, as for a single publish).
 */
export function writePublishedMessage(db: Db, message: PublishedMessageRow): Promise<PublishedDeliveryRow[]> {
  const queues = (g.__hooklinePublishQueues ??= new WeakMap());
  let queue = queues.get(db);
  if (!queue) queues.set(db, (queue = { waiting: [], writing: 0 }));
  const target = queue;
  return new Promise<PublishedDeliveryRow[]>((resolve, reject) => {
    target.waiting.push({ message, settle: (outcome) => ("error" in outcome ? reject(outcome.error) : resolve(outcome.deliveries)) });
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
  let deliveries: PublishedDeliveryRow[];
  try {
    deliveries = await insertMessagesWithDeliveries(db, batch.map((item) => item.message));
  } catch (error) {
    if (batch.length === 1) {
      batch[0]!.settle({ error });
      return;
    }
    // one row the database refuses fails the whole statement: write each alone, so only that publish fails
    await Promise.all(batch.map((item) => writeBatch(db, [item])));
    return;
  }
  await enqueueDeliveriesAfterCommit({ db, deliveries });
  const byMessage = new Map<string, PublishedDeliveryRow[]>();
  for (const delivery of deliveries) byMessage.set(delivery.messageId, [...(byMessage.get(delivery.messageId) ?? []), delivery]);
  for (const item of batch) item.settle({ deliveries: byMessage.get(item.message.id) ?? [] });
}

/**
 * The messages and their deliveries in one statement: the subscribed endpoints are looked up as the
 * deliveries are inserted, so a publish costs no statement of its own.
 */
async function insertMessagesWithDeliveries(db: Db, messages: PublishedMessageRow[]): Promise<PublishedDeliveryRow[]> {
  const input = JSON.stringify(
    messages.map((m) => ({ id: m.id, tenant_id: m.tenantId, event_type: m.eventType, payload: m.payload, created_at: m.createdAt.toISOString() })),
  );
  const rows = await db.$queryRaw<{ id: string; tenant_id: string; message_id: string; endpoint_id: string }[]>`
    WITH input AS (
      SELECT * FROM jsonb_to_recordset(${input}::jsonb)
        AS i(id uuid, tenant_id uuid, event_type text, payload jsonb, created_at timestamp(3))
    ), message AS (
      INSERT INTO messages (id, tenant_id, event_type, payload, created_at)
      SELECT id, tenant_id, event_type, payload, created_at FROM input
    )
    INSERT INTO deliveries (id, tenant_id, message_id, endpoint_id, created_at, updated_at)
    SELECT gen_random_uuid(), i.tenant_id, i.id, e.id, i.created_at, i.created_at
    FROM input i
    JOIN endpoints e ON e.tenant_id = i.tenant_id AND e.is_active AND e.disabled_at IS NULL AND e.deleted_at IS NULL
                    AND e.enabled_events && ARRAY[i.event_type, '*']
    RETURNING id::text, tenant_id::text, message_id::text, endpoint_id::text`;
  const createdAt = new Map(messages.map((m) => [m.id, m.createdAt]));
  return rows.map((row) => ({ id: row.id, tenantId: row.tenant_id, messageId: row.message_id, endpointId: row.endpoint_id, createdAt: createdAt.get(row.message_id)! }));
}
