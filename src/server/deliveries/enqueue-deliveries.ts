import type { Db } from "@/server/db/client";
import { log } from "@/server/logging/logger";
import { deliveriesRequestedEvent, getInngest } from "@/server/inngest/client";
import { startOrderedDeliveries } from "./start-ordered-deliveries";

/** Deliveries per event, so per first-attempt run: large enough to share its costs, small enough that
 * several runs share the work of a big fan-out or burst. */
export const DELIVERIES_PER_EVENT = 100;
/** Inngest accepts at most 5,000 events per send; smaller sends keep each request quick. */
const EVENTS_PER_SEND = 50;

/** A delivery to hand over; one with an ordering key (only a publish gives one) is started in its lane's order. */
type EnqueuedDelivery = { id: string; tenantId: string; endpointId: string; orderingKey?: string | null };

/**
 * Hands deliveries to Inngest and notes when each was accepted. A failure here loses nothing: the
 * deliveries stay pending with no `enqueuedAt`, and the sweep sends them again. Deliveries with an ordering
 * key never go to the batched first attempts: each lane's head is started, and the rest are its to start.
 */
export async function enqueueDeliveries({ db, deliveries }: { db: Db; deliveries: EnqueuedDelivery[] }) {
  const ordered = deliveries.filter((delivery) => delivery.orderingKey);
  if (ordered.length) {
    await startOrderedDeliveries({ db, lanes: ordered.map((delivery) => ({ endpointId: delivery.endpointId, orderingKey: delivery.orderingKey! })) });
    await markEnqueued(db, ordered);
  }
  const unordered = ordered.length ? deliveries.filter((delivery) => !delivery.orderingKey) : deliveries;
  const perSend = DELIVERIES_PER_EVENT * EVENTS_PER_SEND;
  for (let start = 0; start < unordered.length; start += perSend) {
    const batch = unordered.slice(start, start + perSend);
    const events = [];
    for (let offset = 0; offset < batch.length; offset += DELIVERIES_PER_EVENT) {
      events.push(deliveriesRequestedEvent(batch.slice(offset, offset + DELIVERIES_PER_EVENT).map((d) => d.id)));
    }
    await getInngest().send(events);
    await markEnqueued(db, batch);
  }
}

async function markEnqueued(db: Db, deliveries: { id: string }[]) {
  await db.delivery.updateMany({ where: { id: { in: deliveries.map((d) => d.id) }, enqueuedAt: null }, data: { enqueuedAt: new Date() } });
}

/** The server sets these (embedded executor or an Inngest server); scripts and unit tests run without. */
export function canSendInngestEvents(): boolean {
  return Boolean(process.env.INNGEST_EVENT_KEY || process.env.INNGEST_DEV);
}

/** Best effort right after a commit: the sweep covers a failure, so the caller's request still succeeds. */
export async function enqueueDeliveriesAfterCommit(options: { db: Db; deliveries: EnqueuedDelivery[] }) {
  // A process with no way to reach Inngest (a seed or admin script in embedded mode) leaves the
  // deliveries to the server, whose start-up sweep sends them.
  if (!canSendInngestEvents()) return;
  try {
    await enqueueDeliveries(options);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    log.warn({ component: "deliveries", deliveries: options.deliveries.length, cause: reason }, "deliveries not handed to Inngest yet; the sweep will send them");
  }
}
