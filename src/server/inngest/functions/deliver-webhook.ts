import type { Inngest } from "inngest";
import { z } from "zod";
import type { Db } from "@/server/db/client";
import { attemptDelivery, type DeliveryRuntime } from "@/server/deliveries/attempt-delivery";
import { DELIVERY_REQUESTED } from "../client";

// defaults: events sent before first attempts were batched asked for a delivery from its first attempt, at once
const eventData = z.object({
  deliveryId: z.string().uuid(),
  tenantId: z.string().uuid(),
  attemptIndex: z.number().int().min(1).default(1),
  waitSeconds: z.number().int().min(0).default(0),
});

/** Hard stop for a misconfigured endpoint; the schema allows at most 20 retries. */
const MAX_ATTEMPTS = 50;

/**
 * One run per delivery that its first attempt did not settle (see deliver-webhooks.ts): it waits what the
 * handover says, then makes each further attempt in its own step, so a crash never repeats a recorded
 * attempt, with the endpoint's backoff as a durable `step.sleep` between them, so a restart during the wait
 * loses nothing. Step-level retries (the function's `retries`) only cover infrastructure failures such as
 * the database being briefly unreachable; the receiver's failures are the endpoint's retry policy, handled here.
 */
export function createDeliverWebhook(inngest: Inngest, deps: { getDb: () => Promise<Db>; runtime: () => DeliveryRuntime }) {
  return inngest.createFunction(
    { id: "deliver-webhook", name: "Deliver a webhook", retries: 10, triggers: [{ event: DELIVERY_REQUESTED }] },
    async ({ event, step }) => {
      const { deliveryId, attemptIndex: firstIndex, waitSeconds } = eventData.parse(event.data);
      if (waitSeconds > 0) await step.sleep(`wait-before-attempt-${firstIndex}`, `${waitSeconds}s`);
      let throttledWaits = 0;
      for (let attemptIndex = firstIndex; attemptIndex <= MAX_ATTEMPTS; ) {
        const stepId = throttledWaits ? `attempt-${attemptIndex}-after-wait-${throttledWaits}` : `attempt-${attemptIndex}`;
        const outcome = await step.run(stepId, async () =>
          attemptDelivery({ db: await deps.getDb(), deliveryId, attemptIndex, runtime: deps.runtime() }),
        );
        if (outcome.done) return outcome;
        if ("throttledForSeconds" in outcome) {
          // the endpoint's or the destination host's rate limit: the attempt was not made, so it keeps its place in the retry budget
          throttledWaits++;
          await step.sleep(`rate-limit-wait-${attemptIndex}-${throttledWaits}`, `${outcome.throttledForSeconds}s`);
          continue;
        }
        await step.sleep(`backoff-${attemptIndex}`, `${outcome.retryInSeconds}s`);
        attemptIndex++;
        throttledWaits = 0;
      }
      return { done: true, status: "failed", attempts: MAX_ATTEMPTS };
    },
  );
}
