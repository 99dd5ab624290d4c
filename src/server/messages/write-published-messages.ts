import type { Db } from "@/server/db/client";
import { Prisma } from "@/generated/prisma/client";
import { endpointFilterAccepts } from "@/server/endpoints/stored-payload-filter";
import { enqueueDeliveriesAfterCommit } from "@/server/deliveries/enqueue-deliveries";
import { groupCommit } from "@/lib/group-commit";
import { quotaExceeded, tenantQuotas } from "@/server/quotas/tenant-quotas";

export type PublishedMessageRow = {
  id: string;
  tenantId: string;
  eventType: string;
  payload: Prisma.InputJsonValue;
  createdAt: Date;
};
export type PublishedDeliveryRow = { id: string; tenantId: string; messageId: string; endpointId: string; createdAt: Date };

type WriteOutcome = { deliveries: PublishedDeliveryRow[] } | { error: unknown };
type PublishQueues = {
  write: (message: PublishedMessageRow) => Promise<WriteOutcome>;
  handOver: (deliveries: PublishedDeliveryRow[]) => Promise<void>;
};

/** Messages of one write; the statement carries them as one JSON parameter. */
const MAX_MESSAGES_PER_WRITE = 500;
/** Writes in flight at once; publishes arriving meanwhile wait and go together in the next one. */
const MAX_WRITES_IN_FLIGHT = 2;

// globalThis: Next evaluates route modules separately; publishes from all of them share one queue per database.
const g = globalThis as unknown as { __hooklinePublishQueues?: WeakMap<Db, PublishQueues> };

function queuesFor(db: Db): PublishQueues {
  const all = (g.__hooklinePublishQueues ??= new WeakMap());
  let queues = all.get(db);
  if (!queues) {
    queues = {
      write: groupCommit((messages: PublishedMessageRow[]) => writeMessages(db, messages), { maxInFlight: MAX_WRITES_IN_FLIGHT, maxBatch: MAX_MESSAGES_PER_WRITE }),
      // the next write need not wait for this one's hand-over: sends are grouped on their own
      handOver: groupCommit(async (batches: PublishedDeliveryRow[][]) => {
        await enqueueDeliveriesAfterCommit({ db, deliveries: batches.flat() });
        return batches.map(() => undefined);
      }),
    };
    all.set(db, queues);
  }
  return queues;
}

/**
 * Commits a published message with one delivery per active endpoint of its tenant subscribed to its type
 * whose payload filter (if any) it matches,
 * then hands the deliveries to Inngest, both in group commits: a publish arriving while earlier writes are
 * in flight shares the next write with every other publish waiting then — one statement for all of them —
 * and likewise the event send. A lone publish is written at once; under load throughput rises. Resolves to
 * the message's deliveries once it is committed and they were offered to Inngest (a failed send is swept
 * later, as for a single publish).
 */
export async function writePublishedMessage(db: Db, message: PublishedMessageRow): Promise<PublishedDeliveryRow[]> {
  const queues = queuesFor(db);
  const outcome = await queues.write(message);
  if ("error" in outcome) throw outcome.error;
  if (outcome.deliveries.length) await queues.handOver(outcome.deliveries);
  return outcome.deliveries;
}

/** One statement for all; if the database refuses a row, each message is written alone so only its publish fails. */
async function writeMessages(db: Db, messages: PublishedMessageRow[]): Promise<WriteOutcome[]> {
  let written: WrittenMessages;
  try {
    written = await insertMessagesWithDeliveries(db, messages, tenantQuotas().deliveriesPerMessage);
  } catch (error) {
    if (messages.length === 1) return [{ error }];
    return (await Promise.all(messages.map((message) => writeMessages(db, [message])))).flat();
  }
  const byMessage = new Map<string, PublishedDeliveryRow[]>();
  for (const delivery of written.deliveries) byMessage.set(delivery.messageId, [...(byMessage.get(delivery.messageId) ?? []), delivery]);
  return messages.map((message) => {
    const fanOut = written.refusedFanOut.get(message.id);
    if (fanOut !== undefined) return { error: fanOutExceeded(message.eventType, fanOut) };
    return { deliveries: byMessage.get(message.id) ?? [] };
  });
}

/** A message subscribed by more endpoints than a message may fan out to is refused, not sent to some of them. */
export function fanOutExceeded(eventType: string, subscribed: number) {
  return quotaExceeded(
    "deliveriesPerMessage",
    `${subscribed} active endpoints subscribe to ${eventType}, more than the ${tenantQuotas().deliveriesPerMessage} one message may be delivered to; nothing was published. Disable or narrow some endpoints' event types`,
  );
}

type WrittenMessages = { deliveries: PublishedDeliveryRow[]; refusedFanOut: Map<string, number> };

/**
 * The messages and their deliveries in one statement: the subscribed endpoints are looked up as the
 * deliveries are inserted, so a publish costs no statement of its own. A message with more subscribed
 * endpoints than `maxFanOut` is not written; its id comes back with its fan-out instead.
 */
async function insertMessagesWithDeliveries(db: Db, messages: PublishedMessageRow[], maxFanOut: number): Promise<WrittenMessages> {
  const input = JSON.stringify(
    messages.map((m) => ({ id: m.id, tenant_id: m.tenantId, event_type: m.eventType, payload: m.payload, created_at: m.createdAt.toISOString() })),
  );
  const rows = await db.$queryRaw<{ id: string | null; tenant_id: string | null; message_id: string; endpoint_id: string | null; refused_fan_out: number | null }[]>`
    WITH input AS (
      SELECT * FROM jsonb_to_recordset(${input}::jsonb)
        AS i(id uuid, tenant_id uuid, event_type text, payload jsonb, created_at timestamp(3))
    ), subscribed AS (
      SELECT i.id AS message_id, i.tenant_id, i.created_at, e.id AS endpoint_id, count(*) OVER (PARTITION BY i.id) AS fan_out
      FROM input i
      JOIN endpoints e ON e.tenant_id = i.tenant_id AND e.is_active AND e.disabled_at IS NULL AND e.deleted_at IS NULL
                      AND e.enabled_events && ARRAY[i.event_type, '*'] AND ${endpointFilterAccepts(Prisma.raw("i.payload"))}
    ), refused AS (
      SELECT DISTINCT message_id, fan_out FROM subscribed WHERE fan_out > ${maxFanOut}
    ), message AS (
      INSERT INTO messages (id, tenant_id, event_type, payload, created_at)
      SELECT id, tenant_id, event_type, payload, created_at FROM input WHERE id NOT IN (SELECT message_id FROM refused)
    ), delivery AS (
      INSERT INTO deliveries (id, tenant_id, message_id, endpoint_id, created_at, updated_at)
      SELECT gen_random_uuid(), s.tenant_id, s.message_id, s.endpoint_id, s.created_at, s.created_at
      FROM subscribed s WHERE s.fan_out <= ${maxFanOut}
      RETURNING id, tenant_id, message_id, endpoint_id
    )
    SELECT id::text, tenant_id::text, message_id::text, endpoint_id::text, NULL::int AS refused_fan_out FROM delivery
    UNION ALL
    SELECT NULL, NULL, message_id::text, NULL, fan_out::int FROM refused`;
  const createdAt = new Map(messages.map((m) => [m.id, m.createdAt]));
  const deliveries: PublishedDeliveryRow[] = [];
  const refusedFanOut = new Map<string, number>();
  for (const row of rows) {
    if (row.refused_fan_out !== null) refusedFanOut.set(row.message_id, Number(row.refused_fan_out));
    else deliveries.push({ id: row.id!, tenantId: row.tenant_id!, messageId: row.message_id, endpointId: row.endpoint_id!, createdAt: createdAt.get(row.message_id)! });
  }
  return { deliveries, refusedFanOut };
}
