/**
 * A receiver answers 429 with Retry-After; the app process is SIGKILLed while the delivery waits, and a new
 * process on the same database takes over. The wait is a durable step.sleep: the retry still comes no sooner
 * than the receiver asked, and it comes.
 */
import { Pool } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startReceiver, type Receiver } from "@/test/http-receiver";
import { appSecrets, createSharedDatabase, eventually, publisherFor, riskPayload, seedPublisher, startPipelineApp, type AppProcess, type SharedDatabase } from "./support";

/** what the receiver asks for: longer than the endpoint's 1 s backoff, within its 20 s schedule */
const RETRY_AFTER_SECONDS = 12;

let database: SharedDatabase;
let receiver: Receiver;
const secrets = appSecrets();
const fixture = { tenantId: "", apiKey: "" };
const apps: AppProcess[] = [];

beforeAll(async () => {
  receiver = await startReceiver([{ status: 429, headers: { "retry-after": String(RETRY_AFTER_SECONDS) } }, { status: 200 }]);
  database = await createSharedDatabase();
  const handle = await database.open();
  try {
    const { tenantId, apiKey } = await seedPublisher(handle.prisma, {
      secrets,
      keyName: "retry-after",
      endpoints: [{ url: receiver.url, enabled_events: ["RiskAssessmentCalculated"], retry_count: 20, retry_interval: 1 }],
    });
    Object.assign(fixture, { tenantId, apiKey });
  } finally {
    await handle.close();
  }
});

afterAll(async () => {
  for (const app of apps) await app.kill("SIGKILL");
  await receiver?.close();
  await database?.close();
});

describe("Retry-After across a restart", () => {
  it("waits out the receiver's Retry-After after a SIGKILL during the wait, no sooner", async () => {
    let app = await startPipelineApp(database, secrets);
    apps.push(app);
    const publisher = publisherFor(app.origin, fixture.apiKey, 1);
    const messageId = await publisher.publish("RiskAssessmentCalculated", riskPayload(1));
    await publisher.close();
    expect(messageId).toBeDefined();
    await eventually(async () => (receiver.received.length >= 1 ? true : undefined), "the first attempt, answered 429");
    const firstAt = receiver.received[0]!.receivedAt;
    // killed once the 429 is recorded, so the process dies inside the wait, not between send and record
    const reader = new Pool(app.origin, { connections: 1 });
    await eventually(async () => {
      const res = await reader.request({ method: "GET", path: `/api/v2/messages/${messageId}`, headers: { authorization: `Bearer ${fixture.apiKey}` } });
      const message = (await res.body.json()) as { deliveries?: { attempt_count: number }[] };
      return message.deliveries?.[0]?.attempt_count === 1 ? true : undefined;
    }, "the 429 to be recorded");
    await reader.destroy();

    await app.kill("SIGKILL");
    const killedAt = Date.now();
    expect(receiver.received, "no retry before the kill").toHaveLength(1);
    app = await startPipelineApp(database, secrets);
    apps.push(app);

    await eventually(async () => (receiver.received.length >= 2 ? true : undefined), "the retry after the restart", 90_000);
    expect(killedAt - firstAt, "the kill landed inside the wait").toBeLessThan(RETRY_AFTER_SECONDS * 1000);
    expect(receiver.received[1]!.receivedAt - firstAt, "the retry waited what the receiver asked").toBeGreaterThanOrEqual(RETRY_AFTER_SECONDS * 1000);
    await eventually(async () => ((await app.stats()).backlog === 0 ? true : undefined), "the delivery to finish", 60_000, 250);
    await app.kill("SIGTERM");

    const handle = await database.open();
    try {
      const delivery = await handle.prisma.delivery.findFirstOrThrow({ where: { messageId }, include: { attempts: { orderBy: { number: "asc" } } } });
      expect(delivery.status).toBe("succeeded");
      expect(delivery.attempts.map((a) => [a.responseStatus, a.retryAfterSeconds])).toEqual([[429, RETRY_AFTER_SECONDS], [200, null]]);
    } finally {
      await handle.close();
    }
  }, 180_000);
});
