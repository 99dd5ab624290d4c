import type { Inngest } from "inngest";
import { z } from "zod";
import type { Db } from "@/server/db/client";
import type { DeliveryRuntime } from "@/server/deliveries/attempt-delivery";
import { attemptDeliveries } from "@/server/deliveries/attempt-deliveries";
import { DELIVERIES_REQUESTED, deliveryRequestedEvent } from "../client";

const eventData = z.object({ deliveryIds: z.array(z.string().uuid()).min(1) });

/**
 * First attempts, many deliveries per run: what publishing hands over (one event per committed batch of
 * messages) is sent concurrently in one step and recorded in a few statements, instead of one run, one SDK
 * call and several statements per delivery. Deliveries the first attempt does not settle are handed to
 * deliver-webhook, one run each, for their retries; the handover is its own step, so a crash after the
 * attempts re-sends the handover (deduplicated by event id), never the attempts.
 */
export function createDeliverWebhooks(inngest: Inngest, deps: { getDb: () => Promise<Db>; runtime: () => DeliveryRuntime }) {
  return inngest.createFunction(
    { id: "deliver-webhooks", name: "Deliver webhooks (first attempts)", retries: 10, triggers: [{ event: DELIVERIES_REQUESTED }] },
    async ({ event, step }) => {
      const { deliveryIds } = eventData.parse(event.data);
      const { settled, handovers } = await step.run("first-attempts", async () =>
        attemptDeliveries({ db: await deps.getDb(), deliveryIds, runtime: deps.runtime() }),
      );
      if (handovers.length) await step.sendEvent("hand-over-retries", handovers.map(deliveryRequestedEvent));
      return { settled, handedOver: handovers.length };
    },
  );
}
