import type { Db } from "@/server/db/client";
import { log } from "@/server/logging/logger";
import { deliveryRequestedEvent, getInngest } from "@/server/inngest/client";
import { attemptDeliveries } from "./attempt-deliveries";
import type { DeliveryRuntime } from "./attempt-delivery";
import { deliveryRuntime } from "./delivery-runtime";
import { canSendInngestEvents } from "./enqueue-deliveries";

/**
 * First attempts made within the caller's request, for an answer that reports how they went (seed 004's test
 * messages). They are the very attempts of deliver-webhooks, SSRF guard and recording included, and what they
 * do not settle is handed to deliver-webhook in the same way, so retries follow the endpoint's policy. Until
 * a handover is noted (`enqueuedAt`), the sweep treats the delivery as never sent, so a failed send or a crash
 * here loses no retry.
 */
export async function deliverNow({ db, deliveryIds, runtime = deliveryRuntime() }: {
  db: Db; deliveryIds: readonly string[]; runtime?: DeliveryRuntime;
}): Promise<void> {
  const { handovers } = await attemptDeliveries({ db, deliveryIds, runtime });
  if (!handovers.length || !canSendInngestEvents()) return;
  try {
    await getInngest().send(handovers.map(deliveryRequestedEvent));
    await db.delivery.updateMany({
      where: { id: { in: handovers.map((handover) => handover.deliveryId) }, enqueuedAt: null },
      data: { enqueuedAt: new Date() },
    });
  } catch (error) {
    // the answer still reports the first attempts truly; the sweep hands these deliveries over later
    const reason = error instanceof Error ? error.message : String(error);
    log.warn({ component: "deliveries", deliveries: handovers.length, cause: reason }, "retries not handed to Inngest yet; the sweep will send them");
  }
}
