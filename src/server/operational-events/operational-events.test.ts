import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Webhook } from "standardwebhooks";
import { createTestDatabase, type TestDatabase } from "@/test/test-database";
import { createTestTenant } from "@/test/fixtures";
import { startReceiver, type ReceivedRequest, type Receiver } from "@/test/http-receiver";
import { startDeliveryPipeline, waitForDelivery } from "@/test/delivery-harness";
import { operationalEventTypeNames, requireEventType } from "@/server/catalog";
import { deliveryRuntime } from "@/server/deliveries/delivery-runtime";
import { createEndpoint } from "@/server/endpoints/create-endpoint";
import { getEndpointSecret } from "@/server/endpoints/get-endpoint-secret";
import type { CreateEndpointInput } from "@/server/endpoints/schemas";
import { updateEndpoint } from "@/server/endpoints/update-endpoint";
import { env } from "@/server/env";
import { publishMessage } from "@/server/messages/publish-message";
import { recordEndpointHealth } from "@/server/deliveries/record-endpoint-health";
import { configureOperationalWebhook } from "./configure-operational-webhook";

/** failed attempts in a row that make an endpoint failing, in this suite */
const FAILING_AFTER = 3;
const OPERATOR_SECRET = `whsec_${randomBytes(24).toString("base64")}`;

let database: TestDatabase;
let pipeline: Awaited<ReturnType<typeof startDeliveryPipeline>>;
let operator: Receiver;
const db = () => database.prisma;
const receivers: Receiver[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  pipeline = await startDeliveryPipeline(database.prisma, { runtime: () => ({ ...deliveryRuntime(), failingAfterFailures: FAILING_AFTER }) });
  operator = await startReceiver();
  await configureOperationalWebhook({ db: db(), webhook: { url: operator.url, secret: OPERATOR_SECRET }, encryptionKey: env().encryptionKey });
});
afterAll(async () => {
  await pipeline?.stop();
  for (const receiver of [operator, ...receivers]) await receiver?.close();
  await database?.close();
});

async function receiver(reply: Parameters<typeof startReceiver>[0]) {
  const started = await startReceiver(reply);
  receivers.push(started);
  return started;
}

const endpointFor = (tenantId: string, input: CreateEndpointInput) => createEndpoint({ db: db(), tenantId, input: { retry_interval: 1, ...input } });
const publish = (tenantId: string, eventType: "RiskAssessmentCalculated" | "ProfileStatusUpdated") =>
  publishMessage({ db: db(), tenantId, input: { event_type: eventType, payload: requireEventType(eventType).example as object } }).then((r) => r.message);

type OperationalBody = { event_type: string; group_type: string; data: { tenant_id: string; endpoint_id: string; trigger?: string } };

/** The operational events a receiver got about `tenantId`, after checking each one's Standard Webhooks signature. */
function operationalEvents(requests: ReceivedRequest[], tenantId: string, secret: string) {
  const verifier = new Webhook(secret);
  return requests
    .map((request) => {
      const headers = Object.fromEntries(["webhook-id", "webhook-timestamp", "webhook-signature"].map((name) => [name, String(request.headers[name])]));
      return verifier.verify(request.body, headers) as OperationalBody;
    })
    .filter((body) => body.group_type === "operational" && body.data.tenant_id === tenantId);
}

const summary = (events: OperationalBody[], names: Record<string, string>) =>
  events.map((e) => `${e.event_type} ${names[e.data.endpoint_id] ?? e.data.endpoint_id}${e.data.trigger ? ` ${e.data.trigger}` : ""}`).sort();

async function settled(tenantId: string) {
  for (const deadline = Date.now() + 60_000; ; ) {
    const busy = await db().delivery.count({ where: { tenantId, status: { in: ["pending", "delivering"] } } });
    if (!busy) return;
    if (Date.now() > deadline) throw new Error(`${busy} deliveries of ${tenantId} still busy`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe("operational webhooks", () => {
  it("tells the operator and the tenant's subscribed endpoint each episode once, signed; '*' endpoints get none", async () => {
    const { tenantId } = await createTestTenant(db());
    let down = true;
    const flaky = await receiver(() => ({ status: down ? 503 : 200 }));
    const gone = await receiver([{ status: 410 }]);
    const alerts = await receiver([{ status: 200 }]);
    const everything = await receiver([{ status: 200 }]);
    const failing = await endpointFor(tenantId, { url: flaky.url, enabled_events: ["RiskAssessmentCalculated"], retry_count: 2 });
    const goneEndpoint = await endpointFor(tenantId, { url: gone.url, enabled_events: ["ProfileStatusUpdated"], retry_count: 2 });
    const subscriber = await endpointFor(tenantId, { url: alerts.url, enabled_events: [...operationalEventTypeNames] });
    await endpointFor(tenantId, { url: everything.url, enabled_events: ["*"] });
    const names = { [failing.id]: "flaky", [goneEndpoint.id]: "gone" };

    // two messages fail three attempts each: six failures in a row, one failing episode
    const failed = await Promise.all([publish(tenantId, "RiskAssessmentCalculated"), publish(tenantId, "RiskAssessmentCalculated")]);
    for (const message of failed) {
      const delivery = message.deliveries.find((d) => d.endpoint_id === failing.id)!;
      expect((await waitForDelivery(db(), delivery.id)).status).toBe("failed");
    }
    down = false;
    const recovered = await publish(tenantId, "RiskAssessmentCalculated");
    expect((await waitForDelivery(db(), recovered.deliveries.find((d) => d.endpoint_id === failing.id)!.id)).status).toBe("succeeded");
    await updateEndpoint({ db: db(), tenantId, endpointId: failing.id, input: { is_active: false } });
    const goneMessage = await publish(tenantId, "ProfileStatusUpdated");
    await waitForDelivery(db(), goneMessage.deliveries.find((d) => d.endpoint_id === goneEndpoint.id)!.id);
    await settled(tenantId);

    const expected = [
      "endpoint.disabled flaky manual",
      "endpoint.disabled gone automatic",
      "endpoint.failing flaky",
      "endpoint.recovered flaky",
      "message.attempt.exhausted flaky",
      "message.attempt.exhausted flaky",
      "message.attempt.exhausted gone",
    ];
    await operator.waitFor(1);
    for (const deadline = Date.now() + 30_000; operationalEvents(operator.received, tenantId, OPERATOR_SECRET).length < expected.length && Date.now() < deadline; ) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(summary(operationalEvents(operator.received, tenantId, OPERATOR_SECRET), names)).toEqual(expected);
    const subscriberSecret = (await getEndpointSecret({ db: db(), tenantId, endpointId: subscriber.id })).secret;
    expect(summary(operationalEvents(alerts.received, tenantId, subscriberSecret), names)).toEqual(expected);
    // "*" means every published event type, never Hookline's own
    expect(everything.received.map((r) => String(r.headers["x-hookline-event-type"])).sort()).toEqual([
      "ProfileStatusUpdated",
      "RiskAssessmentCalculated",
      "RiskAssessmentCalculated",
      "RiskAssessmentCalculated",
    ]);
    // the endpoint page's banner reads the same episode from the endpoint row
    expect(await db().endpoint.findUniqueOrThrow({ where: { id: failing.id } })).toMatchObject({ failingSince: null, failingAlertedAt: null, consecutiveFailures: 0 });
    expect((await db().endpoint.findUniqueOrThrow({ where: { id: failing.id } })).recoveredAt).toBeInstanceOf(Date);
  }, 120_000);

  it("does not feed on itself: a failing endpoint that only receives operational events is reported once, its own failures never", async () => {
    const { tenantId } = await createTestTenant(db());
    const broken = await receiver([{ status: 500 }]);
    const loop = await receiver([{ status: 500 }]);
    const product = await endpointFor(tenantId, { url: broken.url, enabled_events: ["RiskAssessmentCalculated"], retry_count: 0 });
    const alerts = await endpointFor(tenantId, { url: loop.url, enabled_events: [...operationalEventTypeNames], retry_count: 1 });

    for (let i = 0; i < 4; i++) await publish(tenantId, "RiskAssessmentCalculated");
    await settled(tenantId);
    // anything more would come from the failed operational deliveries themselves: give it time to show
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    await settled(tenantId);

    const messages = await db().message.findMany({ where: { tenantId }, select: { eventType: true, payload: true } });
    const about = (id: string) => (id === product.id ? "product" : id === alerts.id ? "alerts" : id);
    expect(
      messages
        .filter((m) => m.eventType !== "RiskAssessmentCalculated")
        .map((m) => `${m.eventType} ${about((m.payload as { endpoint_id: string }).endpoint_id)}`)
        .sort(),
    ).toEqual([
      "endpoint.failing alerts",
      "endpoint.failing product",
      ...Array.from({ length: 4 }, () => "message.attempt.exhausted product"),
    ]);
    // every operational event was offered to the failing endpoint, twice (its one retry), and gave up silently
    expect(await db().delivery.count({ where: { tenantId, endpointId: alerts.id, status: "failed" } })).toBe(6);
    expect(loop.received).toHaveLength(12);
  }, 120_000);

  it("keeps the operator's endpoint as configured at each start: one tenant, one endpoint, the secret given; off once the URL is unset", async () => {
    const configure = (webhook?: { url: string; secret?: string }) => configureOperationalWebhook({ db: db(), webhook, encryptionKey: env().encryptionKey });
    const first = (await configure({ url: operator.url, secret: OPERATOR_SECRET }))!;
    const otherSecret = `whsec_${randomBytes(24).toString("base64")}`;
    expect(await configure({ url: `${operator.url}?moved`, secret: otherSecret })).toEqual(first);
    expect((await getEndpointSecret({ db: db(), tenantId: first.tenantId, endpointId: first.endpointId })).secret).toBe(otherSecret);
    expect(await db().endpoint.findUniqueOrThrow({ where: { id: first.endpointId } })).toMatchObject({ url: `${operator.url}?moved`, isActive: true, enabledEvents: operationalEventTypeNames });

    expect(await configure(undefined)).toBeNull();
    expect((await db().endpoint.findUniqueOrThrow({ where: { id: first.endpointId } })).isActive).toBe(false);
  });

  it("records a recovery once, with the streak the database holds, when the succeeding attempt read its endpoint before a concurrent one alerted the streak", async () => {
    const { tenantId } = await createTestTenant(db());
    const target = await receiver([{ status: 200 }]);
    // subscribed to the event it is about, so the event has a delivery to look at
    const endpoint = await endpointFor(tenantId, { url: target.url, enabled_events: ["RiskAssessmentCalculated", "endpoint.recovered"] });
    const failingSince = new Date(Date.now() - 60_000);
    const alertedAt = new Date(Date.now() - 30_000);
    // what the succeeding attempt read: a failing streak, not yet alerted; since then another attempt alerted it
    const asRead = { id: endpoint.id, tenantId, url: target.url, failingSince, failingAlertedAt: null };
    await db().endpoint.update({ where: { id: endpoint.id }, data: { failingSince, consecutiveFailures: FAILING_AFTER, failingAlertedAt: alertedAt } });
    const succeed = () =>
      db().$transaction((tx) =>
        recordEndpointHealth(tx, { endpoint: asRead, succeeded: true, gone: false, exhausted: false, lastError: null, at: new Date(), thresholds: { autoDisableAfterMs: 86_400_000, failingAfterFailures: FAILING_AFTER } }),
      );

    const emitted = await succeed();
    expect(emitted.length).toBeGreaterThan(0);
    const recovered = await db().message.findUniqueOrThrow({ where: { id: emitted[0]!.messageId } });
    expect(recovered.eventType).toBe("endpoint.recovered");
    expect(recovered.idempotencyKey).toBe(`hookline:endpoint.recovered:${endpoint.id}:${alertedAt.toISOString()}`);
    expect(recovered.payload).toMatchObject({ endpoint_id: endpoint.id, failing_since: failingSince.toISOString() });
    expect(await db().endpoint.findUniqueOrThrow({ where: { id: endpoint.id } })).toMatchObject({ failingSince: null, failingAlertedAt: null, consecutiveFailures: 0 });
    // a second attempt that read the same stale row finds the streak already ended: no second event
    expect(await succeed()).toEqual([]);
  });
});
