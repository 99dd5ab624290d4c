import type { GetStepTools, Inngest } from "inngest";
import type { Db } from "@/server/db/client";
import { attemptDelivery, type AttemptOutcome, type DeliveryRuntime } from "@/server/deliveries/attempt-delivery";

/** Hard stop for a misconfigured endpoint; the schema allows at most 20 retries. */
const MAX_ATTEMPTS = 50;

type AttemptDeps = { getDb: () => Promise<Db>; runtime: () => DeliveryRuntime };

/**
 * A delivery's attempts from `firstIndex` on, each in its own step, so a crash never repeats a recorded
 * attempt, with the endpoint's backoff as a durable `step.sleep` between them, so a restart during the wait
 * loses nothing; returns once the delivery succeeded, failed for good or was cancelled.
 */
export async function attemptUntilSettled(
  step: GetStepTools<Inngest>,
  deps: AttemptDeps,
  { deliveryId, firstIndex }: { deliveryId: string; firstIndex: number },
): Promise<AttemptOutcome> {
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
}
