import type { Inngest } from "inngest";
import { z } from "zod";
import type { Db } from "@/server/db/client";
import type { DeliveryRuntime } from "@/server/deliveries/attempt-delivery";
import { DELIVERY_REQUESTED } from "../client";
import { attemptUntilSettled } from "./attempt-until-settled";

// defaults: events sent before first attempts were batched asked for a delivery from its first attempt, at once
const eventData = z.object({
  deliveryId: z.string().uuid(),
  tenantId: z.string().uuid(),
  attemptIndex: z.number().int().min(1).default(1),
  waitSeconds: z.number().int().min(0).default(0),
});

/**
 * One run per delivery that its first attempt did not settle (see deliver-webhooks.ts): it waits what the
 * handover says, then makes each further attempt (see attempt-until-settled.ts). Step-level retries (the
 * function's `retries`) only cover infrastructure failures such as the database being briefly unreachable;
 * the receiver's failures are the endpoint's retry policy, handled there.
 */
export function createDeliverWebhook(inngest: Inngest, deps: { getDb: () => Promise<Db>; runtime: () => DeliveryRuntime }) {
  return inngest.createFunction(
    { id: "deliver-webhook", name: "Deliver a webhook", retries: 10, triggers: [{ event: DELIVERY_REQUESTED }] },
    async ({ event, step }) => {
      const { deliveryId, attemptIndex: firstIndex, waitSeconds } = eventData.parse(event.data);
      if (waitSeconds > 0) await step.sleep(`wait-before-attempt-${firstIndex}`, `${waitSeconds}s`);
      return attemptUntilSettled(step, deps, { deliveryId, firstIndex });
    },
  );
}
