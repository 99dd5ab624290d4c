/**
 * A receiver that is down (connection refused: nothing listens on its port) for a while, then back: every
 * delivery keeps retrying on its endpoint's policy and succeeds once the receiver answers again, with every
 * failed attempt recorded and none beyond the policy.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEndpoint } from "@/server/endpoints/create-endpoint";
import { publishMessage } from "@/server/messages/publish-message";
import { retrySchedule } from "@/lib/retry-schedule";
import { createTestDatabase, type TestDatabase } from "@/test/test-database";
import { createTestTenant } from "@/test/fixtures";
import { startDeliveryPipeline, waitForDelivery } from "@/test/delivery-harness";
import { profile, riskPayload, sleep } from "./support";

const MESSAGES = profile(20, 200);
/** how long the receiver stays down after every delivery has failed twice (its retries then span the outage) */
const DOWN_MS = profile(0, 45_000);
// fixed 1 s in the short profile; exponential from 2 s in the long one (2, 4, 8, … covers minutes)
const POLICY = profile(
  { retry_count: 10, retry_interval: 1, backoff: "fixed" as const },
  { retry_count: 8, retry_interval: 2, backoff: "exponential" as const },
);

let database: TestDatabase;
let pipeline: Awaited<ReturnType<typeof startDeliveryPipeline>>;

beforeAll(async () => {
  database = await createTestDatabase();
  pipeline = await startDeliveryPipeline(database.prisma);
});
afterAll(async () => {
  await pipeline?.stop();
  await database?.close();
});

/** A receiver that can go away and come back on the same port. */
async function flappingReceiver() {
  const received: { messageId: string; at: number }[] = [];
  const handler: http.RequestListener = (req, res) => {
    received.push({ messageId: String(req.headers["x-hookline-message-id"]), at: Date.now() });
    req.resume();
    res.writeHead(200).end("ok");
  };
  let server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    received,
    down: close,
    async up() {
      server = http.createServer(handler);
      await new Promise<void>((resolve, reject) => {
        server.once("error", reject);
        server.listen(port, "127.0.0.1", () => resolve());
      });
    },
    close,
  };
}

describe("receiver down for a while, then back", () => {
  it("delivers every message once it answers again, within the endpoint's retry policy", async () => {
    // the outage must fit in the policy: its retries span more than the time the receiver is down
    expect(retrySchedule({ retryCount: POLICY.retry_count, retryIntervalSeconds: POLICY.retry_interval, backoff: POLICY.backoff }).at(-1)! * 1000).toBeGreaterThan(DOWN_MS * 2);

    const db = database.prisma;
    const { tenantId } = await createTestTenant(db);
    const receiver = await flappingReceiver();
    await createEndpoint({ db, tenantId, input: { url: receiver.url, enabled_events: ["RiskAssessmentCalculated"], ...POLICY } });

    await receiver.down();
    const deliveryIds: string[] = [];
    for (let n = 0; n < MESSAGES; n++) {
      const { message } = await publishMessage({ db, tenantId, input: { event_type: "RiskAssessmentCalculated", payload: riskPayload(n) } });
      deliveryIds.push(message.deliveries[0]!.id);
    }
    // every delivery has met the closed port twice — a first attempt and a retry — before the receiver returns:
    // counted, not timed, so a slow machine only makes the outage longer in wall-clock terms
    const failuresDeadline = Date.now() + 60_000;
    const failedTwice = async () =>
      (await db.attempt.groupBy({ by: ["deliveryId"], where: { tenantId, deliveryId: { in: deliveryIds } }, _count: true })).filter(
        (group) => group._count >= 2,
      ).length;
    while ((await failedTwice()) < MESSAGES) {
      if (Date.now() > failuresDeadline) throw new Error("the deliveries did not all fail twice within 60 s");
      await sleep(100);
    }
    await sleep(DOWN_MS);
    const backAt = Date.now();
    await receiver.up();

    const timeout = profile(60_000, 300_000);
    const deliveries = await Promise.all(deliveryIds.map((id) => waitForDelivery(db, id, { timeoutMs: timeout })));
    for (const delivery of deliveries) {
      expect(delivery.status).toBe("succeeded");
      const attempts = delivery.attempts;
      expect(attempts.length).toBeGreaterThanOrEqual(3);
      expect(attempts.length).toBeLessThanOrEqual(POLICY.retry_count + 1);
      // the failures are the outage, recorded as such; the last attempt is the success
      for (const failed of attempts.slice(0, -1)) {
        expect(failed.succeeded).toBe(false);
        expect(failed.errorClass).toBe("connection_refused");
      }
      expect(attempts.at(-1)).toMatchObject({ succeeded: true, responseStatus: 200 });
      expect(attempts.map((a) => a.number)).toEqual(attempts.map((_, i) => i + 1));
    }
    // exactly one request per message reached the receiver: the one that succeeded
    expect(receiver.received).toHaveLength(MESSAGES);
    expect(new Set(receiver.received.map((r) => r.messageId)).size).toBe(MESSAGES);
    expect(receiver.received.every((r) => r.at >= backAt)).toBe(true);
    await receiver.close();
  }, profile(120_000, 600_000));
});
