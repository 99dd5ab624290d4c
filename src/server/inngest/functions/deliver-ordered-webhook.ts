import type { Inngest } from "inngest";
import { z } from "zod";
import type { Db } from "@/server/db/client";
import type { DeliveryRuntime } from "@/server/deliveries/attempt-delivery";
import { startOrderedDeliveries } from "@/server/deliveries/start-ordered-deliveries";
import { ORDERED_DELIVERY_REQUESTED } from "../client";
import { attemptUntilSettled } from "./attempt-until-settled";

const eventData = z.object({
  deliveryId: z.string().uuid(),
  tenantId: z.string().uuid(),
  endpointId: z.string().uuid(),
  orderingKey: z.string().min(1),
});

/**
 * One run per delivery of a publish with an ordering key, started only when it heads its lane (the endpoint's
 * unfinished deliveries of that key, in publish order; see start-ordered-deliveries.ts): all its attempts,
 * backoffs included, then — in a step of its own, so a crash resumes it — the lane's next head. So the next
 * delivery of a key starts only once the previous one succeeded, failed for good or was cancelled, and never
 * goes through the batched first attempts. The concurrency key (one run per lane) is Inngest's own guard on
 * top: it holds on an Inngest server as on the embedded executor, and keeps a lane single-file even if two of
 * its deliveries were committed out of sequence order by concurrent publishes.
 */
export function createDeliverOrderedWebhook(inngest: Inngest, deps: { getDb: () => Promise<Db>; runtime: () => DeliveryRuntime }) {
  return inngest.createFunction(
    {
      id: "deliver-ordered-webhook",
      name: "Deliver a webhook in its ordering key's turn",
      retries: 10,
      triggers: [{ event: ORDERED_DELIVERY_REQUESTED }],
      concurrency: { key: "event.data.endpointId + '-' + event.data.orderingKey", limit: 1 },
    },
    async ({ event, step }) => {
      const { deliveryId, endpointId, orderingKey } = eventData.parse(event.data);
      const outcome = await attemptUntilSettled(step, deps, { deliveryId, firstIndex: 1 });
      const next = await step.run("start-next-in-lane", async () =>
        startOrderedDeliveries({ db: await deps.getDb(), lanes: [{ endpointId, orderingKey }] }),
      );
      return { ...outcome, next: next[0]?.deliveryId ?? null };
    },
  );
}
