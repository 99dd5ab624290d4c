import type { Db } from "@/server/db/client";
import { groupCommit } from "@/lib/group-commit";
import {
  isPreparedAttempt,
  prepareAttempt,
  recordAttempt,
  recordSuccesses,
  sendPreparedAttempt,
  type AttemptOutcome,
  type DeliveryRuntime,
  type RecordedSuccess,
} from "./attempt-delivery";
import { loadDeliveriesForAttempt } from "./load-delivery-for-attempt";
import { reportHandover } from "./report-attempt";

/** Requests of one batch in flight at once: enough to hide receivers' latency, few enough to be polite. */
const SENDS_IN_FLIGHT = 64;

/** A delivery whose first attempt did not settle it: the per-delivery run takes over from `attemptIndex`. */
export type DeliveryHandover = { deliveryId: string; tenantId: string; attemptIndex: number; waitSeconds: number };

/**
 * The first attempt of each of these deliveries, made together: one statement loads them all, requests go
 * out concurrently, and successes are recorded in multi-row statements written while other requests are still
 * in flight (so a slow receiver delays nobody's record). What is not settled by its first attempt — a failure
 * to retry after the endpoint's backoff, a spent endpoint or destination host rate limit — is returned as a handover.
 *
 * Safe to run again after a crash: finished deliveries are left alone, and a delivery whose first attempt was
 * already recorded as a failure is handed over again, not attempted again.
 */
export async function attemptDeliveries({ db, deliveryIds, runtime, now = new Date() }: {
  db: Db; deliveryIds: readonly string[]; runtime: DeliveryRuntime; now?: Date;
}): Promise<{ settled: number; handovers: DeliveryHandover[] }> {
  const loaded = [...(await loadDeliveriesForAttempt(db, deliveryIds, now)).values()];
  const handovers: DeliveryHandover[] = [];
  const recordSuccess = coalescedSuccessRecorder(db);
  let settled = deliveryIds.length - loaded.length;

  let next = 0;
  const worker = async () => {
    while (next < loaded.length) {
      const item = loaded[next++]!;
      const { delivery } = item;
      if (delivery.status === "delivering") {
        const waitMs = (delivery.nextAttemptAt?.getTime() ?? now.getTime()) - now.getTime();
        handovers.push({ deliveryId: delivery.id, tenantId: delivery.tenantId, attemptIndex: delivery.attemptCount + 1, waitSeconds: Math.max(0, Math.ceil(waitMs / 1000)) });
        continue;
      }
      const prepared = await prepareAttempt(db, item, 1, runtime);
      const outcome: AttemptOutcome = isPreparedAttempt(prepared)
        ? await recordAttempt(db, prepared, await sendPreparedAttempt(prepared, runtime), runtime, recordSuccess)
        : prepared;
      if (!outcome.done) reportHandover(item, outcome);
      if (outcome.done) settled++;
      else if ("throttledForSeconds" in outcome) handovers.push({ deliveryId: delivery.id, tenantId: delivery.tenantId, attemptIndex: 1, waitSeconds: outcome.throttledForSeconds });
      else handovers.push({ deliveryId: delivery.id, tenantId: delivery.tenantId, attemptIndex: 2, waitSeconds: outcome.retryInSeconds });
    }
  };
  await Promise.all(Array.from({ length: Math.min(SENDS_IN_FLIGHT, loaded.length) }, worker));
  return { settled, handovers };
}

/** Successes finishing while one is being written go together into the next statement. */
function coalescedSuccessRecorder(db: Db) {
  return groupCommit(async (successes: RecordedSuccess[]) => {
    const numbers = await recordSuccesses(db, successes);
    return successes.map((success) => numbers.get(success.deliveryId));
  });
}
