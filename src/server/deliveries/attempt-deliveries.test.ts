import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/test-database";
import { createTestTenant } from "@/test/fixtures";
import { startReceiver } from "@/test/http-receiver";
import { createEndpoint } from "@/server/endpoints/create-endpoint";
import { publishMessage } from "@/server/messages/publish-message";
import { attemptDeliveries } from "./attempt-deliveries";
import { recordSuccesses } from "./attempt-delivery";
import { deliveryRuntime } from "./delivery-runtime";

let database: TestDatabase;
const db = () => database.prisma;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

const payload = { RiskAssessmentId: "12345", SubmissionId: "67890", Risk: "Low", ClientRating: "Retail" };

/** Publishes without an Inngest to hand the deliveries to, so they wait, pending, for attemptDeliveries. */
async function publishTo(tenantId: string, count: number) {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const { message } = await publishMessage({ db: db(), tenantId, input: { event_type: "RiskAssessmentCalculated", payload } });
    ids.push(...message.deliveries.map((delivery) => delivery.id));
  }
  return ids;
}

describe("first attempts of many deliveries together", () => {
  it("settles successes, and hands failures and throttled deliveries over with where to continue", async () => {
    const { tenantId } = await createTestTenant(db());
    const healthy = await startReceiver([{ status: 200, body: "ok" }]);
    const failing = await startReceiver([{ status: 503 }]);
    const limited = await startReceiver([{ status: 200 }]);
    const base = { enabled_events: ["RiskAssessmentCalculated" as const] };
    const healthyEndpoint = await createEndpoint({ db: db(), tenantId, input: { ...base, url: healthy.url } });
    await createEndpoint({ db: db(), tenantId, input: { ...base, url: failing.url, retry_interval: 7 } });
    await createEndpoint({ db: db(), tenantId, input: { ...base, url: limited.url, rate_limit_per_second: 1 } });
    const deliveryIds = await publishTo(tenantId, 3);

    const { settled, handovers } = await attemptDeliveries({ db: db(), deliveryIds, runtime: deliveryRuntime() });

    expect(healthy.received).toHaveLength(3);
    expect(failing.received).toHaveLength(3);
    // the three attempts start together, so 1 request/s lets one through (two, should the machine stall
    // for a second between them); the rest are throttled
    const throttled = 3 - limited.received.length;
    expect(throttled).toBeGreaterThanOrEqual(1);
    expect(settled).toBe(3 + limited.received.length);
    const byEndpoint = await db().delivery.findMany({ where: { tenantId }, include: { attempts: true } });
    const handedOver = new Map(handovers.map((handover) => [handover.deliveryId, handover]));
    for (const delivery of byEndpoint) {
      const handover = handedOver.get(delivery.id);
      if (delivery.endpointId === healthyEndpoint.id) {
        expect(delivery).toMatchObject({ status: "succeeded", attemptCount: 1 });
        expect(delivery.attempts).toEqual([expect.objectContaining({ number: 1, succeeded: true, responseStatus: 200, responseBody: "ok" })]);
        expect(handover).toBeUndefined();
      } else if (delivery.status === "delivering") {
        expect(delivery.attempts).toEqual([expect.objectContaining({ number: 1, succeeded: false, responseStatus: 503 })]);
        expect(handover).toEqual({ deliveryId: delivery.id, tenantId, attemptIndex: 2, waitSeconds: 7 });
      } else if (delivery.status === "pending") {
        // throttled by the endpoint's 1 request/s: not attempted, so it keeps its first place in the retry budget
        expect(delivery.attempts).toEqual([]);
        expect(handover).toMatchObject({ deliveryId: delivery.id, attemptIndex: 1 });
        expect(handover!.waitSeconds).toBeGreaterThanOrEqual(1);
      } else {
        expect(delivery).toMatchObject({ status: "succeeded", attemptCount: 1 });
      }
    }
    expect(handovers).toHaveLength(3 + throttled);
    expect(byEndpoint.filter((delivery) => delivery.status === "pending")).toHaveLength(throttled);
    await Promise.all([healthy, failing, limited].map((receiver) => receiver.close()));
  });

  it("run again after a crash, sends nothing twice and hands the same deliveries over again", async () => {
    const { tenantId } = await createTestTenant(db());
    const healthy = await startReceiver([{ status: 204 }]);
    const failing = await startReceiver([{ status: 500 }]);
    await createEndpoint({ db: db(), tenantId, input: { enabled_events: ["*"], url: healthy.url } });
    await createEndpoint({ db: db(), tenantId, input: { enabled_events: ["*"], url: failing.url, retry_interval: 30 } });
    const deliveryIds = await publishTo(tenantId, 2);

    const first = await attemptDeliveries({ db: db(), deliveryIds, runtime: deliveryRuntime() });
    const again = await attemptDeliveries({ db: db(), deliveryIds, runtime: deliveryRuntime(), now: new Date(Date.now() + 10_000) });

    expect(healthy.received).toHaveLength(2);
    expect(failing.received).toHaveLength(2);
    expect(first.settled).toBe(2);
    expect(again.settled).toBe(2);
    const sorted = (list: typeof first.handovers) => [...list].sort((a, b) => a.deliveryId.localeCompare(b.deliveryId));
    expect(sorted(again.handovers).map(({ deliveryId, attemptIndex }) => ({ deliveryId, attemptIndex }))).toEqual(
      sorted(first.handovers).map(({ deliveryId, attemptIndex }) => ({ deliveryId, attemptIndex })),
    );
    // what is left of the backoff, not all of it again
    for (const handover of again.handovers) expect(handover.waitSeconds).toBeLessThanOrEqual(20);
    expect(await db().attempt.count({ where: { tenantId } })).toBe(4);
    await Promise.all([healthy, failing].map((receiver) => receiver.close()));
  });

  it("records a success the database refused for a moment, so the request is not sent again", async () => {
    const { tenantId } = await createTestTenant(db());
    // the database loses the attempts table while the request is out, and has it back a second later
    let outage: Promise<void> | undefined;
    const receiver = await startReceiver(() => {
      outage ??= (async () => {
        await db().$executeRawUnsafe("ALTER TABLE attempts RENAME TO attempts_away");
        await new Promise((resolve) => setTimeout(resolve, 1_000));
        await db().$executeRawUnsafe("ALTER TABLE attempts_away RENAME TO attempts");
      })();
      return { status: 200, delayMs: 300 };
    });
    await createEndpoint({ db: db(), tenantId, input: { enabled_events: ["*"], url: receiver.url } });
    const [deliveryId] = await publishTo(tenantId, 1);

    try {
      const outcome = await attemptDeliveries({ db: db(), deliveryIds: [deliveryId!], runtime: deliveryRuntime() });
      expect(outcome).toEqual({ settled: 1, handovers: [] });
    } finally {
      await outage;
    }

    expect(receiver.received).toHaveLength(1);
    const delivery = await db().delivery.findUniqueOrThrow({ where: { id: deliveryId }, include: { attempts: true } });
    expect(delivery).toMatchObject({ status: "succeeded", attemptCount: 1 });
    expect(delivery.attempts).toEqual([expect.objectContaining({ number: 1, succeeded: true })]);
    await receiver.close();
  });

  it("records a success once when its record is written again after the answer to its commit was lost", async () => {
    const { tenantId } = await createTestTenant(db());
    const endpoint = await createEndpoint({ db: db(), tenantId, input: { enabled_events: ["*"], url: "https://receiver.example/hook" } });
    const [deliveryId] = await publishTo(tenantId, 1);
    const now = new Date();
    const success = {
      attemptId: crypto.randomUUID(),
      tenantId,
      deliveryId: deliveryId!,
      endpointId: endpoint.id,
      requestUrl: endpoint.url,
      requestHeaders: { "content-type": "application/json" },
      requestBody: "{}",
      result: { succeeded: true, status: 200, durationMs: 3 },
      sentAt: now,
      finishedAt: now,
    };

    const first = await recordSuccesses(db(), [success]);
    const again = await recordSuccesses(db(), [success]);

    expect(first.get(deliveryId!)).toBe(1);
    expect(again.get(deliveryId!)).toBe(1);
    const delivery = await db().delivery.findUniqueOrThrow({ where: { id: deliveryId }, include: { attempts: true } });
    expect(delivery).toMatchObject({ status: "succeeded", attemptCount: 1 });
    expect(delivery.attempts).toHaveLength(1);
  });

  it("settles deliveries that no longer exist or whose endpoint was deleted, without sending", async () => {
    const { tenantId } = await createTestTenant(db());
    const receiver = await startReceiver();
    const endpoint = await createEndpoint({ db: db(), tenantId, input: { enabled_events: ["*"], url: receiver.url } });
    const [deliveryId] = await publishTo(tenantId, 1);
    await db().endpoint.update({ where: { id: endpoint.id }, data: { deletedAt: new Date() } });

    const outcome = await attemptDeliveries({ db: db(), deliveryIds: [deliveryId!, crypto.randomUUID()], runtime: deliveryRuntime() });

    expect(outcome).toEqual({ settled: 2, handovers: [] });
    expect(receiver.received).toHaveLength(0);
    expect(await db().delivery.findUniqueOrThrow({ where: { id: deliveryId } })).toMatchObject({ status: "cancelled", lastError: "Endpoint was deleted" });
    await receiver.close();
  });

  it("sends at most 16 requests at once to one endpoint, while other endpoints' requests go alongside", async () => {
    const { tenantId } = await createTestTenant(db());
    // receivers that answer after a moment and note how many requests they hold at once
    const concurrency = () => {
      let open = 0;
      const seen = { most: 0 };
      const receiver = startReceiver(() => {
        open++;
        seen.most = Math.max(seen.most, open);
        setTimeout(() => open--, 200);
        return { status: 200, delayMs: 200 };
      });
      return { receiver, seen };
    };
    const one = concurrency();
    const two = concurrency();
    const [first, second] = await Promise.all([one.receiver, two.receiver]);
    const base = { enabled_events: ["RiskAssessmentCalculated" as const] };
    await createEndpoint({ db: db(), tenantId, input: { ...base, url: first.url } });
    await createEndpoint({ db: db(), tenantId, input: { ...base, url: second.url } });
    const deliveryIds = await publishTo(tenantId, 40);

    const { settled } = await attemptDeliveries({ db: db(), deliveryIds, runtime: deliveryRuntime() });

    expect(settled).toBe(80);
    expect(first.received).toHaveLength(40);
    expect(second.received).toHaveLength(40);
    expect(one.seen.most).toBe(16);
    expect(two.seen.most).toBe(16);
    await first.close();
    await second.close();
  });
});
