import type { Db } from "@/server/db/client";
import { Prisma } from "@/generated/prisma/client";
import { endpointFilterAccepts } from "@/server/endpoints/stored-payload-filter";
import { DELIVERIES_PER_EVENT, enqueueDeliveriesAfterCommit } from "@/server/deliveries/enqueue-deliveries";
import { env } from "@/server/env";
import { groupCommit } from "@/lib/group-commit";
import { quotaExceeded, tenantQuotas } from "@/server/quotas/tenant-quotas";

export type PublishedMessageRow = {
  id: string;
  tenantId: string;
  eventType: string;
  payload: Prisma.InputJsonValue;
  idempotencyKey: string | null;
  orderingKey: string | null;
  createdAt: Date;
};
export type PublishedDeliveryRow = { id: string; tenantId: string; messageId: string; endpointId: string; orderingKey: string | null; createdAt: Date };

/** What became of one publish's messages: all written, or none because one fans out too far. */
export type PublishWrite = { deliveries: PublishedDeliveryRow[] } | { refusedFanOut: { messageId: string; subscribed: number } };
type WriteOutcome = PublishWrite | { error: unknown };
type PublishQueues = {
  write: (messages: PublishedMessageRow[]) => Promise<WriteOutcome>;
  /** hands committed deliveries to Inngest in the background; waits for it only while hand-overs are behind */
  handOver: (deliveries: PublishedDeliveryRow[]) => Promise<void>;
};

/** Messages of one write (a batch larger than this goes alone); the statement carries them as one JSON parameter. */
const MAX_MESSAGES_PER_WRITE = 500;
/** Writes in flight at once; publishes arriving meanwhile wait and go together in the next one. */
const MAX_WRITES_IN_FLIGHT = 2;
/**
 * Committed deliveries waiting for their hand-over before publishes wait for theirs: while Inngest takes
 * events slower than they are published, publishing slows to its pace instead of piling deliveries up in
 * this process's memory (one full send's worth).
 */
const MAX_AWAITING_HAND_OVER = 5_000;

// globalThis: Next evaluates route modules separately; publishes from all of them share one queue per database.
const g = globalThis as unknown as { __hooklinePublishQueues?: WeakMap<Db, PublishQueues> };

function queuesFor(db: Db): PublishQueues {
  const all = (g.__hooklinePublishQueues ??= new WeakMap());
  let queues = all.get(db);
  if (!queues) {
    queues = {
      write: groupCommit((publishes: PublishedMessageRow[][]) => writePublishes(db, publishes), {
        maxInFlight: MAX_WRITES_IN_FLIGHT,
        maxBatch: MAX_MESSAGES_PER_WRITE,
        weight: (messages) => messages.length,
      }),
      handOver: handOverQueue(db),
    };
    all.set(db, queues);
  }
  return queues;
}

/**
 * Commits the messages of one publish (a single message or a batch), each with one delivery per active
 * endpoint of its tenant subscribed to its type whose payload filter (if any) it matches, all or none, then
 * hands the deliveries to Inngest, both in group commits: a publish arriving while earlier writes are in
 * flight shares the next write with every other publish waiting then — one statement for all of them — and
 * likewise the event send. A lone publish is written at once; under load throughput rises. Resolves once
 * the messages are committed (and, while hand-overs are behind, handed over): the hand-over follows in the
 * background, and the sweep sends whatever it does not (a failed send, a crash before it). If one message is subscribed by more
 * endpoints than a message may fan out to, none is written. An idempotency key already stored fails the
 * write with the database's unique violation, and nothing is written.
 */
export async function writePublishedMessages(db: Db, messages: PublishedMessageRow[]): Promise<PublishWrite> {
  const queues = queuesFor(db);
  const outcome = await queues.write(messages);
  if ("error" in outcome) throw outcome.error;
  if ("deliveries" in outcome && outcome.deliveries.length) await queues.handOver(outcome.deliveries);
  return outcome;
}

/**
 * The next write need not wait for this one's hand-over: sends are grouped on their own, and spaced under
 * load: each hand-over starts an Inngest run whose cost hardly depends on how many deliveries it carries, so
 * a few milliseconds of waiting make runs several times larger (docs/benchmarks.md, issue 20).
 */
function handOverQueue(db: Db): PublishQueues["handOver"] {
  let awaiting = 0;
  const send = groupCommit(
    async (batches: PublishedDeliveryRow[][]) => {
      const deliveries = batches.flat();
      try {
        await enqueueDeliveriesAfterCommit({ db, deliveries });
      } finally {
        awaiting -= deliveries.length;
      }
      return batches.map(() => undefined);
    },
    { spacingMs: env().handOverSpacingMs, weight: (deliveries) => deliveries.length, fullAt: DELIVERIES_PER_EVENT },
  );
  return async (deliveries) => {
    awaiting += deliveries.length;
    // never rejects: enqueueDeliveriesAfterCommit logs a failed send and leaves it to the sweep
    const sent = send(deliveries);
    if (awaiting > MAX_AWAITING_HAND_OVER) await sent;
  };
}

/** One statement for all; if the database refuses a row, each publish is written alone so only its own fails. */
async function writePublishes(db: Db, publishes: PublishedMessageRow[][]): Promise<WriteOutcome[]> {
  let written: WrittenMessages;
  try {
    written = await insertMessagesWithDeliveries(db, publishes, tenantQuotas().deliveriesPerMessage);
  } catch (error) {
    if (publishes.length === 1) return [{ error }];
    return (await Promise.all(publishes.map((messages) => writePublishes(db, [messages])))).flat();
  }
  const byMessage = new Map<string, PublishedDeliveryRow[]>();
  for (const delivery of written.deliveries) byMessage.set(delivery.messageId, [...(byMessage.get(delivery.messageId) ?? []), delivery]);
  return publishes.map((messages) => {
    const refused = messages.find((message) => written.refusedFanOut.has(message.id));
    if (refused) return { refusedFanOut: { messageId: refused.id, subscribed: written.refusedFanOut.get(refused.id)! } };
    return { deliveries: messages.flatMap((message) => byMessage.get(message.id) ?? []) };
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
 * The messages of several publishes and their deliveries in one statement: the subscribed endpoints are
 * looked up as the deliveries are inserted, so a publish costs no statement of its own. A publish with a
 * message subscribed by more endpoints than `maxFanOut` is not written at all; that message's id comes back
 * with its fan-out instead.
 */
async function insertMessagesWithDeliveries(db: Db, publishes: PublishedMessageRow[][], maxFanOut: number): Promise<WrittenMessages> {
  const input = JSON.stringify(
    publishes.flatMap((messages, publish) =>
      messages.map((m) => ({
        publish,
        id: m.id,
        tenant_id: m.tenantId,
        event_type: m.eventType,
        payload: m.payload,
        idempotency_key: m.idempotencyKey,
        ordering_key: m.orderingKey,
        created_at: m.createdAt.toISOString(),
      })),
    ).map((row, position) => ({ ...row, position })),
  );
  const rows = await db.$queryRaw<
    { id: string | null; tenant_id: string | null; message_id: string; endpoint_id: string | null; ordering_key: string | null; refused_fan_out: number | null }[]
  >`
    WITH input AS (
      SELECT * FROM jsonb_to_recordset(${input}::jsonb)
        AS i(publish int, position int, id uuid, tenant_id uuid, event_type text, payload jsonb, idempotency_key text, ordering_key text, created_at timestamp(3))
    ), subscribed AS (
      SELECT i.publish, i.position, i.id AS message_id, i.tenant_id, i.ordering_key, i.created_at, e.id AS endpoint_id,
             count(*) OVER (PARTITION BY i.id) AS fan_out
      FROM input i
      JOIN endpoints e ON e.tenant_id = i.tenant_id AND e.is_active AND e.disabled_at IS NULL AND e.deleted_at IS NULL
                      AND e.enabled_events && ARRAY[i.event_type, '*'] AND ${endpointFilterAccepts(Prisma.raw("i.payload"))}
    ), refused AS (
      SELECT DISTINCT publish, message_id, fan_out FROM subscribed WHERE fan_out > ${maxFanOut}
    ), message AS (
      INSERT INTO messages (id, tenant_id, event_type, payload, idempotency_key, ordering_key, created_at)
      SELECT id, tenant_id, event_type, payload, idempotency_key, ordering_key, created_at FROM input
      WHERE publish NOT IN (SELECT publish FROM refused)
    ), delivery AS (
      INSERT INTO deliveries (id, tenant_id, message_id, endpoint_id, ordering_key, created_at, updated_at)
      SELECT gen_random_uuid(), s.tenant_id, s.message_id, s.endpoint_id, s.ordering_key, s.created_at, s.created_at
      FROM subscribed s WHERE s.publish NOT IN (SELECT publish FROM refused)
      -- in publish order, which the deliveries' ordering_sequence then follows (see ordered-deliveries.ts)
      ORDER BY s.position
      RETURNING id, tenant_id, message_id, endpoint_id, ordering_key
    )
    SELECT id::text, tenant_id::text, message_id::text, endpoint_id::text, ordering_key, NULL::int AS refused_fan_out FROM delivery
    UNION ALL
    SELECT NULL, NULL, message_id::text, NULL, NULL, fan_out::int FROM refused`;
  const createdAt = new Map(publishes.flat().map((m) => [m.id, m.createdAt]));
  const deliveries: PublishedDeliveryRow[] = [];
  const refusedFanOut = new Map<string, number>();
  for (const row of rows) {
    if (row.refused_fan_out !== null) refusedFanOut.set(row.message_id, Number(row.refused_fan_out));
    else {
      deliveries.push({
        id: row.id!,
        tenantId: row.tenant_id!,
        messageId: row.message_id,
        endpointId: row.endpoint_id!,
        orderingKey: row.ordering_key,
        createdAt: createdAt.get(row.message_id)!,
      });
    }
  }
  return { deliveries, refusedFanOut };
}
