import { log } from "@/server/logging/logger";
import { countCompletedDelivery, observeAttemptRequest } from "@/server/metrics/delivery-metrics";
import type { AttemptOutcome, PreparedAttempt } from "./attempt-outcome";
import type { DeliveryForAttempt } from "./load-delivery-for-attempt";
import type { SendWebhookResult } from "./send-webhook";

const deliveriesLog = log.child({ component: "deliveries" });

type PendingOutcome = Extract<AttemptOutcome, { done: false }>;
const waitSecondsOf = (outcome: PendingOutcome) => ("retryInSeconds" in outcome ? outcome.retryInSeconds : outcome.throttledForSeconds);

/** What every log line about one delivery carries, so one search finds its whole story. */
export function deliveryLogFields({ delivery, endpoint, message }: DeliveryForAttempt, attempt: number) {
  return { tenantId: delivery.tenantId, endpointId: endpoint.id, messageId: message.id, deliveryId: delivery.id, attempt, eventType: message.eventType };
}

/**
 * The log line and the metrics of one attempt whose request went out and whose outcome is recorded. A success
 * is logged at debug (the attempt record says it all; a line per delivery would cost the hot path), a failure
 * at warn, with what happens next. Returns the outcome, for the caller to return in turn.
 */
export function reportAttempt(prepared: PreparedAttempt, result: SendWebhookResult, outcome: AttemptOutcome): AttemptOutcome {
  const { loaded, sentAt, attemptIndex } = prepared;
  const firstAttempt = attemptIndex === 1 && loaded.delivery.attemptCount === 0;
  observeAttemptRequest({ ...result, sentAt, publishedAt: firstAttempt ? loaded.message.createdAt : undefined });
  if (outcome.done) countCompletedDelivery(loaded.message.eventType, outcome.status);

  const fields = {
    ...deliveryLogFields(loaded, outcome.attempts),
    status: result.status ?? null,
    errorClass: result.errorClass ?? null,
    durationMs: result.durationMs,
  };
  if (result.succeeded) deliveriesLog.debug(fields, "delivery attempt succeeded");
  else if (!outcome.done) {
    deliveriesLog.warn({ ...fields, error: result.errorMessage ?? null, retryInSeconds: waitSecondsOf(outcome) }, "delivery attempt failed; retrying later");
  } else deliveriesLog.warn({ ...fields, error: result.errorMessage ?? null, outcome: outcome.status }, "delivery attempt failed; giving up");
  return outcome;
}

/** A delivery cancelled before its attempt, because its endpoint was deleted, disabled or deactivated. */
export function reportCancelledDelivery(loaded: DeliveryForAttempt): void {
  countCompletedDelivery(loaded.message.eventType, "cancelled");
  const { deletedAt, disabledReason } = loaded.endpoint;
  deliveriesLog.info({ ...deliveryLogFields(loaded, loaded.delivery.attemptCount), endpointDeleted: deletedAt !== null, disabledReason }, "delivery cancelled");
}

/** A delivery its first attempt did not settle (a failure, or a spent rate limit), handed to the per-delivery run. */
export function reportHandover(loaded: DeliveryForAttempt, outcome: PendingOutcome): void {
  deliveriesLog.debug({ ...deliveryLogFields(loaded, outcome.attempts), waitSeconds: waitSecondsOf(outcome) }, "delivery handed over for retries");
}
