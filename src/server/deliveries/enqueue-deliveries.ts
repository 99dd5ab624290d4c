import type { Db } from "@/server/db/client";
import { log } from "@/server/logging/logger";
import { deliveriesRequestedEvent, getInngest } from "@/server/inngest/client";

/** Deliveries per event, so per first-attempt run: large enough to share its costs, small enough that
 * several runs share the work of a big fan-out or burst. */
const DELIVERIES_PER_EVENT = 100;
/** Inngest accepts at most 5,000 events per send; smaller sends keep each request quick. */
const EVENTS_PER_SEND = 50;

/**
 * Hands deliveries to Inngest and notes when each was accepted. A failure here loses nothing: the
 * deliveries stay pending with no `enqueuedAt`, and the sweep sends them again.
 */
export async function enqueueDeliveries({ db, deliveries }: { db: Db; deliveries: { id: string; tenantId: string }[] }) {
  const perSend = DELIVERIES_PER_EVENT * EVENTS_PER_SEND;
  for (let start = 0; start < deliveries.length; start += perSend) {
    const batch = deliveries.slice(start, start + perSend);
    const events = [];
    for (let offset = 0; offset < batch.length; offset += DELIVERIES_PER_EVENT) {
      events.push(deliveriesRequestedEvent(batch.slice(offset, offset + DELIVERIES_PER_EVENT).map((d) => d.id)));
    }
    await getInngest().send(events);
    await db.delivery.updateMany({
      where: { id: { in: batch.map((d) => d.id) }, enqueuedAt: null },
      data: { enqueuedAt: new Date() },
    });
  }
}

/** The server sets these (embedded executor or an Inngest server); scripts and unit tests run without. */
export function canSendInngestEvents(): boolean {
  return Boolean(process.env.INNGEST_EVENT_KEY || process.env.INNGEST_DEV);
}

/** Best effort right after a commit: the sweep covers a failure, so the caller's request still succeeds. */
export async function enqueueDeliveriesAfterCommit(options: { db: Db; deliveries: { id: string; tenantId: string }[] }) {
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
