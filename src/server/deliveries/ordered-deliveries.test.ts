import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEndpoint } from "@/server/endpoints/create-endpoint";
import { publishMessage } from "@/server/messages/publish-message";
import { startDeliveryPipeline, waitForDelivery } from "@/test/delivery-harness";
import { createTestTenant } from "@/test/fixtures";
import { startReceiver, type ReceivedRequest } from "@/test/http-receiver";
import { createTestDatabase, type TestDatabase } from "@/test/test-database";

let database: TestDatabase;
let pipeline: Awaited<ReturnType<typeof startDeliveryPipeline>>;
const db = () => database.prisma;

beforeAll(async () => {
  database = await createTestDatabase();
  pipeline = await startDeliveryPipeline(database.prisma);
});
afterAll(async () => {
  await pipeline?.stop();
  await database?.close();
});

const KEYS = ["order-1", "order-2"];
const PER_KEY = 6;

/** Which message a request carries: session.submitted arrives in its envelope, `meta` as published. */
function sequenceOf(request: ReceivedRequest): { key: string; index: number } {
  return (JSON.parse(request.body) as { data: { meta: { key: string; index: number } } }).data.meta;
}

/**
 * Fails some first attempts (and every attempt of one message, which then gives up) so that a lane only keeps
 * its order if a delivery's whole retry sequence finishes before the next one starts.
 */
function flakyReceiver() {
  const seen = new Map<string, number>();
  return startReceiver((request) => {
    const { key, index } = sequenceOf(request);
    const tries = (seen.get(`${key}/${index}`) ?? 0) + 1;
    seen.set(`${key}/${index}`, tries);
    if (index === 2) return { status: 500 };
    if (index % 2 === 0 && tries === 1) return { status: 503 };
    return { status: 200, delayMs: index === 1 ? 300 : 0 };
  });
}

describe("ordering keys", () => {
  it("attempts each endpoint's deliveries of one key strictly in publish order, retries and give-ups included, with keys and endpoints in parallel", async () => {
    const { tenantId } = await createTestTenant(db());
    const receivers = [await flakyReceiver(), await flakyReceiver()];
    const endpoints = [];
    for (const receiver of receivers) {
      endpoints.push(
        await createEndpoint({ db: db(), tenantId, input: { url: receiver.url, enabled_events: ["session.submitted"], retry_count: 2, retry_interval: 1 } }),
      );
    }
    const deliveryIds: string[] = [];
    // keys interleaved, each publish acknowledged before the next (that is publish order)
    for (let index = 0; index < PER_KEY; index++) {
      for (const key of KEYS) {
        const { message } = await publishMessage({
          db: db(),
          tenantId,
          input: {
            event_type: "session.submitted",
            payload: { sessionId: `${key}-${index}`, date: "2026-01-01T10:00:00Z", integrations: [], meta: { key, index } },
            ordering_key: key,
          },
        });
        deliveryIds.push(...message.deliveries.map((delivery) => delivery.id));
      }
    }
    expect(deliveryIds).toHaveLength(KEYS.length * PER_KEY * endpoints.length);
    for (const id of deliveryIds) await waitForDelivery(db(), id, { timeoutMs: 120_000 });

    for (const receiver of receivers) {
      for (const key of KEYS) {
        const arrivals = receiver.received.map(sequenceOf).filter((request) => request.key === key).map((request) => request.index);
        // every request of delivery k (first try, retries) came before any request of delivery k+1
        expect(arrivals, `arrival order of ${key}`).toEqual([...arrivals].sort((a, b) => a - b));
        expect(new Set(arrivals)).toEqual(new Set(Array.from({ length: PER_KEY }, (_, index) => index)));
        // the give-up (3 attempts of index 2) and the retried ones (2 attempts each) are all there
        expect(arrivals.filter((index) => index === 2)).toHaveLength(3);
        expect(arrivals.filter((index) => index === 4)).toHaveLength(2);
      }
    }
    const deliveries = await db().delivery.findMany({ where: { tenantId }, include: { message: true } });
    const failed = deliveries.filter((delivery) => delivery.status === "failed").map((delivery) => (delivery.message.payload as { meta: { index: number } }).meta.index);
    expect(failed).toEqual([2, 2, 2, 2]);
    expect(deliveries.every((delivery) => delivery.orderingKey === (delivery.message.payload as { meta: { key: string } }).meta.key)).toBe(true);

    // the two keys did not wait for each other: their sequences overlapped in time at each receiver
    for (const receiver of receivers) {
      const span = (key: string) => {
        const times = receiver.received.filter((request) => sequenceOf(request).key === key).map((request) => request.receivedAt);
        return [Math.min(...times), Math.max(...times)] as const;
      };
      const [first, second] = KEYS.map(span) as [readonly [number, number], readonly [number, number]];
      expect(first[0] < second[1] && second[0] < first[1], "both keys' deliveries ran side by side").toBe(true);
    }
  }, 180_000);
});
