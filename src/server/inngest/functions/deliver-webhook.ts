import type { Inngest } from "inngest";
import { z } from "zod";
import type { Db } from "@/server/db/client";
import { attemptDelivery, type DeliveryRuntime } from "@/server/deliveries/attempt-delivery";
import { DELIVERY_REQUESTED } from "../client";

const eventData = z.object({ deliveryId: z.string().uuid(), tenantId: z.string().uuid() });

/** Hard stop for a misconfigured endpoint; the schema allows at most 20 retries. */
const MAX_ATTEMPTS = 50;

/**
 * One run per delivery. Each HTTP attempt is its own step, so a crash never repeats a recorded attempt,
 * and the endpoint's backoff is a durable `step.sleep`, so a restart during the wait loses nothing.
 * Step-level retries (the function's `retries`) only cover infrastructure failures such as the database
 * being briefly unreachable; the receiver's failures are the endpoint's retry policy, handled here.
 */
export function createDeliverWebhook(inngest: Inngest, deps: { getDb: () => Promise<Db>; runtime: () => DeliveryRuntime }) {
  return inngest.createFunction(
    { id: "deliver-webhook", name: "Deliver a webhook", retries: 10, triggers: [{ event: DELIVERY_REQUESTED }] },
    async ({ event, step }) => {
      const { deliveryId } = eventData.parse(event.data);
      for (let attemptIndex = 1; attemptIndex <= MAX_ATTEMPTS; attemptIndex++) {
        const outcome = await step.run(`attempt-${attemptIndex}`, async () =>
          attemptDelivery({ db: await deps.getDb(), deliveryId, attemptIndex, runtime: deps.runtime() }),
        );
        if (outcome.done) return outcome;
        await step.sleep(`backoff-${attemptIndex}`, `${outcome.retryInSeconds}s`);
      }
      return { done: true, status: "failed", attempts: MAX_ATTEMPTS };
    },
  );
}
