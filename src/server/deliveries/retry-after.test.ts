import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/test-database";
import { createTestTenant } from "@/test/fixtures";
import { startReceiver } from "@/test/http-receiver";
import { startDeliveryPipeline, waitForDelivery } from "@/test/delivery-harness";
import { createEndpoint } from "@/server/endpoints/create-endpoint";
import { publishMessage } from "@/server/messages/publish-message";
import { getDelivery } from "@/server/deliveries/get-delivery";

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

const riskPayload = { RiskAssessmentId: "12345", SubmissionId: "67890", Risk: "Low", ClientRating: "Retail" };

/** A receiver that first answers `first`, then 200; the delivery's endpoint retries every second, 10 times (a 10 s schedule). */
async function deliverThrough(first: { status: number; headers?: Record<string, string> }) {
  const { tenantId } = await createTestTenant(db());
  const receiver = await startReceiver([first, { status: 200 }]);
  await createEndpoint({ db: db(), tenantId, input: { url: receiver.url, enabled_events: ["RiskAssessmentCalculated"], retry_count: 10, retry_interval: 1 } });
  const { message } = await publishMessage({ db: db(), tenantId, input: { event_type: "RiskAssessmentCalculated", payload: riskPayload } });
  const delivery = await waitForDelivery(db(), message.deliveries[0]!.id);
  await receiver.close();
  const gapMs = receiver.received[1]!.receivedAt - receiver.received[0]!.receivedAt;
  return { tenantId, delivery, gapMs };
}

describe("Retry-After", () => {
  it("waits the seconds a 429 asks for instead of the one-second backoff, and the attempt shows it", async () => {
    const { tenantId, delivery, gapMs } = await deliverThrough({ status: 429, headers: { "retry-after": "8" } });
    expect(delivery.status).toBe("succeeded");
    expect(gapMs).toBeGreaterThanOrEqual(8_000);
    const dto = await getDelivery({ db: db(), tenantId, deliveryId: delivery.id });
    expect(dto.attempts.map((a) => [a.response?.status, a.retry_after_seconds])).toEqual([[429, 8], [200, null]]);
  });

  it("waits until the HTTP date a 503 names", async () => {
    const retryAt = new Date(Date.now() + 10_000);
    const { delivery } = await deliverThrough({ status: 503, headers: { "retry-after": retryAt.toUTCString() } });
    expect(delivery.status).toBe("succeeded");
    // the date has whole seconds: the second request comes no sooner than that second
    expect(delivery.attempts[1]!.createdAt.getTime()).toBeGreaterThanOrEqual(Math.floor(retryAt.getTime() / 1000) * 1000);
    // what was left of the wait when the 503 came (the first attempt's own start varies on a loaded machine)
    const askedSeconds = Math.ceil((Math.floor(retryAt.getTime() / 1000) * 1000 - delivery.attempts[0]!.createdAt.getTime()) / 1000);
    expect(Math.abs(delivery.attempts[0]!.retryAfterSeconds! - askedSeconds)).toBeLessThanOrEqual(1);
  });

  it("never waits longer than the endpoint's whole retry schedule, however long the receiver asks", async () => {
    const { delivery, gapMs } = await deliverThrough({ status: 429, headers: { "retry-after": "86400" } });
    expect(delivery.status).toBe("succeeded");
    // ten retries a second apart span 10 s
    expect(delivery.attempts[0]!.retryAfterSeconds).toBe(10);
    expect(gapMs).toBeGreaterThanOrEqual(10_000);
    expect(gapMs).toBeLessThan(60_000);
  });

  it("keeps the backoff for a Retry-After on any other status", async () => {
    const { delivery } = await deliverThrough({ status: 500, headers: { "retry-after": "30" } });
    expect(delivery.status).toBe("succeeded");
    expect(delivery.attempts[0]!.retryAfterSeconds).toBeNull();
  });
});
