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
import { loadDeliveriesForAttempt, type DeliveryForAttempt } from "./load-delivery-for-attempt";
import { reportHandover } from "./report-attempt";

/** Requests of one batch in flight at once: enough to hide receivers' latency, few enough to be polite. */
const SENDS_IN_FLIGHT = 64;
/**
 * Requests of one batch in flight to one endpoint. Politeness to one receiver, and what a crash repeats: a
 * request is in flight until its success is recorded, and whatever was in flight at a crash is sent again;
 * at one endpoint, 64 in flight repeated 0.4–0.8 % of the messages of `npm run bench`'s SIGKILL (k), 16 at most
 * 0.015 %, at the same rate with one message per publish; with 100 per publish, records coalesce less
 * (docs/benchmarks.md, issue 20).
 */
const SENDS_IN_FLIGHT_PER_ENDPOINT = 16;
/**
 * How long a success's record is retried (the database restarting, a connection cut) before the batch gives
 * up: the request was sent and answered, and an unrecorded success is sent again when the batch is retried.
 */
const RECORD_RETRY_MS = 20_000;

/** A delivery whose first attempt did not settle it: the per-delivery run takes over from `attemptIndex`. */
export type DeliveryHandover = { deliveryId: string; tenantId: string; attemptIndex: number; waitSeconds: number };

/**
 * The first attempt of each of these deliveries, made together: one statement loads them all, requests go
 * out concurrently, and successes are recorded in multi-row statements written while other requests are still
 * in flight (so a slow receiver delays nobody's record). What is not settled by its first attempt — a failure
 * to retry after the endpoint's backoff, a spent endpoint or destination host rate limit — is returned as a handover.
 *
 * Safe to run again after a crash: finished deliveries are left alone, and a delivery whose first attempt was
 * already recorded as a failure is handed over again, not attempted again. A success that cannot be recorded
 * (the database away) is retried for a while; once one is given up, no further request of the batch goes out
 * (it would only be sent again too), and the batch fails so its run retries what is left.
 */
export async function attemptDeliveries({ db, deliveryIds, runtime, now = new Date() }: {
  db: Db; deliveryIds: readonly string[]; runtime: DeliveryRuntime; now?: Date;
}): Promise<{ settled: number; handovers: DeliveryHandover[] }> {
  const loaded = [...(await loadDeliveriesForAttempt(db, deliveryIds, now)).values()];
  const handovers: DeliveryHandover[] = [];
  const recordSuccess = coalescedSuccessRecorder(db);
  let settled = deliveryIds.length - loaded.length;
  let failure: { error: unknown } | undefined;

  const attemptOne = async (item: DeliveryForAttempt) => {
    const { delivery } = item;
    if (delivery.status === "delivering") {
      const waitMs = (delivery.nextAttemptAt?.getTime() ?? now.getTime()) - now.getTime();
      handovers.push({ deliveryId: delivery.id, tenantId: delivery.tenantId, attemptIndex: delivery.attemptCount + 1, waitSeconds: Math.max(0, Math.ceil(waitMs / 1000)) });
      return;
    }
    let outcome: AttemptOutcome;
    try {
      const prepared = await prepareAttempt(db, item, 1, runtime);
      outcome = isPreparedAttempt(prepared) ? await recordAttempt(db, prepared, await sendPreparedAttempt(prepared, runtime), runtime, recordSuccess) : prepared;
    } catch (error) {
      failure ??= { error };
      return;
    }
    if (!outcome.done) reportHandover(item, outcome);
    if (outcome.done) settled++;
    else if ("throttledForSeconds" in outcome) handovers.push({ deliveryId: delivery.id, tenantId: delivery.tenantId, attemptIndex: 1, waitSeconds: outcome.throttledForSeconds });
    else handovers.push({ deliveryId: delivery.id, tenantId: delivery.tenantId, attemptIndex: 2, waitSeconds: outcome.retryInSeconds });
  };

  // each endpoint's deliveries in their own queue, worked by up to SENDS_IN_FLIGHT_PER_ENDPOINT workers, all
  // of them together holding at most SENDS_IN_FLIGHT slots
  const queues = new Map<string, DeliveryForAttempt[]>();
  for (const item of loaded) {
    const queue = queues.get(item.endpoint.id);
    if (queue) queue.push(item);
    else queues.set(item.endpoint.id, [item]);
  }
  const slots = slotsOf(SENDS_IN_FLIGHT);
  const worker = async (queue: DeliveryForAttempt[]) => {
    while (queue.length && !failure) {
      await slots.take();
      try {
        const item = queue.shift();
        if (!item || failure) return;
        await attemptOne(item);
      } finally {
        slots.give();
      }
    }
  };
  // every worker finishes what it sent (and records it) before the batch fails
  await Promise.all([...queues.values()].flatMap((queue) => Array.from({ length: Math.min(SENDS_IN_FLIGHT_PER_ENDPOINT, queue.length) }, () => worker(queue))));
  if (failure) throw failure.error;
  return { settled, handovers };
}

/** At most `count` holders at once; `take` waits for a free slot, first come first served. */
function slotsOf(count: number) {
  let free = count;
  const waiting: (() => void)[] = [];
  return {
    take: () => (free > 0 ? (free--, Promise.resolve()) : new Promise<void>((resolve) => waiting.push(resolve))),
    give: () => {
      const next = waiting.shift();
      if (next) next();
      else free++;
    },
  };
}

/** Successes finishing while earlier ones are being written go together into the next statement. */
function coalescedSuccessRecorder(db: Db) {
  return groupCommit(async (successes: RecordedSuccess[]) => {
    const numbers = await retried(() => recordSuccesses(db, successes), RECORD_RETRY_MS);
    return successes.map((success) => numbers.get(success.deliveryId));
  });
}

/** `work` again after a growing pause while it fails, until `forMs` have passed; then its last error. */
async function retried<T>(work: () => Promise<T>, forMs: number): Promise<T> {
  const giveUpAt = Date.now() + forMs;
  for (let pauseMs = 100; ; pauseMs = Math.min(pauseMs * 2, 2_000)) {
    try {
      return await work();
    } catch (error) {
      if (Date.now() + pauseMs > giveUpAt) throw error;
      await new Promise((resolve) => setTimeout(resolve, pauseMs));
    }
  }
}
