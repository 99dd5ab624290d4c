import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Webhook } from "standardwebhooks";
import { createTestDatabase, type TestDatabase } from "@/test/test-database";
import { createTestTenant } from "@/test/fixtures";
import { startReceiver, type ReceivedRequest } from "@/test/http-receiver";
import { startDeliveryPipeline, waitForDelivery } from "@/test/delivery-harness";
import { createEndpoint } from "@/server/endpoints/create-endpoint";
import { getEndpointSecret } from "@/server/endpoints/get-endpoint-secret";
import { rotateEndpointSecret } from "@/server/endpoints/rotate-endpoint-secret";
import type { CreateEndpointInput } from "@/server/endpoints/schemas";
import { publishMessage } from "@/server/messages/publish-message";
import { retryDelivery } from "@/server/deliveries/retry-delivery";
import { sweepUnsentDeliveries, UNSENT_GRACE_MS } from "@/server/deliveries/sweep-unsent-deliveries";
import { DELIVERY_REQUESTED, getInngest } from "@/server/inngest/client";

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

async function endpointFor(tenantId: string, input: CreateEndpointInput) {
  return createEndpoint({ db: db(), tenantId, input: { enabled_events: ["RiskAssessmentCalculated"], retry_interval: 1, ...input } });
}

async function publishRisk(tenantId: string) {
  const { message } = await publishMessage({ db: db(), tenantId, input: { event_type: "RiskAssessmentCalculated", payload: riskPayload } });
  return message;
}

const header = (request: ReceivedRequest, name: string) => request.headers[name] as string;
/** A recorded header by name, whatever its case as sent. */
const headerNamed = (headers: Record<string, string>, name: string) =>
  Object.entries(headers).find(([key]) => key.toLowerCase() === name)?.[1];

describe("publishing and fan-out", () => {
  it("reaches exactly the active endpoints subscribed to the event", async () => {
    const { tenantId } = await createTestTenant(db());
    const subscribed = await startReceiver();
    const wildcard = await startReceiver();
    const unsubscribed = await startReceiver();
    const inactive = await startReceiver();
    await endpointFor(tenantId, { url: subscribed.url });
    await endpointFor(tenantId, { url: wildcard.url, enabled_events: ["*"] });
    await endpointFor(tenantId, { url: unsubscribed.url, enabled_events: ["profile_create"] });
    await endpointFor(tenantId, { url: inactive.url, is_active: false });

    const message = await publishRisk(tenantId);
    expect(message.deliveries).toHaveLength(2);
    await Promise.all(message.deliveries.map((d) => waitForDelivery(db(), d.id)));

    expect(subscribed.received).toHaveLength(1);
    expect(wildcard.received).toHaveLength(1);
    expect(unsubscribed.received).toHaveLength(0);
    expect(inactive.received).toHaveLength(0);
    // seed 000's flat body, exactly
    expect(JSON.parse(subscribed.received[0]!.body)).toEqual({ Type: "RiskAssessmentCalculated", ...riskPayload });
    await Promise.all([subscribed, wildcard, unsubscribed, inactive].map((r) => r.close()));
  });

  it("answers a repeated idempotency key with the first message and writes nothing more", async () => {
    const { tenantId } = await createTestTenant(db());
    const receiver = await startReceiver();
    await endpointFor(tenantId, { url: receiver.url });
    const input = { event_type: "RiskAssessmentCalculated", payload: riskPayload, idempotency_key: "order-42" };
    const first = await publishMessage({ db: db(), tenantId, input });
    const again = await publishMessage({ db: db(), tenantId, input });
    expect(again.replayed).toBe(true);
    expect(again.message.id).toBe(first.message.id);
    expect(await db().message.count({ where: { tenantId } })).toBe(1);
    expect(await db().delivery.count({ where: { tenantId } })).toBe(1);
    await expect(
      publishMessage({ db: db(), tenantId, input: { ...input, payload: { ...riskPayload, Risk: "High" } } }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    await waitForDelivery(db(), first.message.deliveries[0]!.id);
    await receiver.close();
  });

  it("refuses an unknown event type or a payload its schema rejects, writing nothing", async () => {
    const { tenantId } = await createTestTenant(db());
    await expect(
      publishMessage({ db: db(), tenantId, input: { event_type: "no.such.event", payload: {} } }),
    ).rejects.toMatchObject({ code: "UNPROCESSABLE", message: 'Unknown event type "no.such.event"' });
    await expect(
      publishMessage({ db: db(), tenantId, input: { event_type: "RiskAssessmentCalculated", payload: { ...riskPayload, Risk: "Extreme" } } }),
    ).rejects.toMatchObject({ code: "UNPROCESSABLE", details: { issues: [expect.objectContaining({ path: "payload.Risk" })] } });
    expect(await db().message.count({ where: { tenantId } })).toBe(0);
  });
});

describe("retries and outcomes", () => {
  it("retries 500, 500 then succeeds on 200, spacing attempts by the retry interval", async () => {
    const { tenantId } = await createTestTenant(db());
    const receiver = await startReceiver([{ status: 500 }, { status: 500 }, { status: 200, body: "ok" }]);
    await endpointFor(tenantId, { url: receiver.url, retry_count: 3, retry_interval: 1 });
    const message = await publishRisk(tenantId);
    const delivery = await waitForDelivery(db(), message.deliveries[0]!.id);

    expect(delivery.status).toBe("succeeded");
    expect(delivery.attempts.map((a) => [a.number, a.responseStatus, a.succeeded])).toEqual([
      [1, 500, false],
      [2, 500, false],
      [3, 200, true],
    ]);
    const [a, b, c] = receiver.received;
    expect(b!.receivedAt - a!.receivedAt).toBeGreaterThanOrEqual(950);
    expect(c!.receivedAt - b!.receivedAt).toBeGreaterThanOrEqual(950);
    // one stable message id across attempts, so receivers can deduplicate
    expect(new Set(receiver.received.map((r) => header(r, "webhook-id"))).size).toBe(1);
    expect(header(a!, "x-hookline-message-id")).toBe(message.id);
    expect(delivery.attempts[2]!.responseBody).toBe("ok");
    await receiver.close();
  });

  it("gives up after retry_count + 1 attempts when the receiver keeps failing", async () => {
    const { tenantId } = await createTestTenant(db());
    const receiver = await startReceiver([{ status: 503 }]);
    await endpointFor(tenantId, { url: receiver.url, retry_count: 2, retry_interval: 1 });
    const delivery = await waitForDelivery(db(), (await publishRisk(tenantId)).deliveries[0]!.id);
    expect(delivery.status).toBe("failed");
    expect(delivery.attempts).toHaveLength(3);
    expect(delivery.attempts.every((a) => a.errorClass === "non_2xx")).toBe(true);
    expect(delivery.lastError).toBe("HTTP 503");
    await receiver.close();
  });

  it("disables an endpoint whose deliveries have all failed for HOOKLINE_AUTO_DISABLE_AFTER_DAYS, not one failing for less", async () => {
    const { tenantId } = await createTestTenant(db());
    const receiver = await startReceiver([{ status: 503 }]);
    const DAY_MS = 24 * 60 * 60 * 1000;
    // the failing streak's start is the clock the rule reads: one began six days ago, the other four (default: 5 days)
    const longFailing = await endpointFor(tenantId, { url: `${receiver.url}?streak=6`, retry_count: 1, retry_interval: 1 });
    const recentlyFailing = await endpointFor(tenantId, { url: `${receiver.url}?streak=4`, retry_count: 1, retry_interval: 1 });
    const sixDaysAgo = new Date(Date.now() - 6 * DAY_MS);
    await db().endpoint.update({ where: { id: longFailing.id }, data: { failingSince: sixDaysAgo } });
    await db().endpoint.update({ where: { id: recentlyFailing.id }, data: { failingSince: new Date(Date.now() - 4 * DAY_MS) } });

    const deliveries = await Promise.all((await publishRisk(tenantId)).deliveries.map((d) => waitForDelivery(db(), d.id)));
    expect(deliveries.map((d) => [d.status, d.attempts.length])).toEqual([["failed", 2], ["failed", 2]]);
    const endpoints = await db().endpoint.findMany({ where: { tenantId } });
    const disabled = endpoints.find((e) => e.id === longFailing.id)!;
    expect(disabled).toMatchObject({ isActive: false, disabledReason: `Disabled automatically: every delivery failed since ${sixDaysAgo.toISOString()}` });
    expect(endpoints.find((e) => e.id === recentlyFailing.id)).toMatchObject({ isActive: true, disabledReason: null });
    // only the endpoint still active gets the next message
    expect((await publishRisk(tenantId)).deliveries.map((d) => d.endpoint_id)).toEqual([recentlyFailing.id]);
    await receiver.close();
  });

  it("stops at 410 Gone and disables the endpoint, saying why", async () => {
    const { tenantId } = await createTestTenant(db());
    const receiver = await startReceiver([{ status: 410 }]);
    await endpointFor(tenantId, { url: receiver.url, retry_count: 5 });
    const delivery = await waitForDelivery(db(), (await publishRisk(tenantId)).deliveries[0]!.id);
    expect(delivery.status).toBe("failed");
    expect(delivery.attempts).toHaveLength(1);
    expect(delivery.endpoint.isActive).toBe(false);
    expect(delivery.endpoint.disabledReason).toMatch(/410 Gone/);
    // a disabled endpoint gets nothing more
    expect((await publishRisk(tenantId)).deliveries).toHaveLength(0);
    await receiver.close();
  });

  it("records a slow receiver as a timeout and retries it", async () => {
    const { tenantId } = await createTestTenant(db());
    const receiver = await startReceiver([{ status: 200, delayMs: 5_000 }, { status: 200 }]);
    await endpointFor(tenantId, { url: receiver.url, retry_count: 3, timeout_ms: 1_000 });
    const delivery = await waitForDelivery(db(), (await publishRisk(tenantId)).deliveries[0]!.id);
    expect(delivery.status).toBe("succeeded");
    expect(delivery.attempts[0]!.errorClass).toBe("timeout");
    expect(delivery.attempts[0]!.errorMessage).toMatch(/1000 ms|timed out|timeout/i);
    expect(delivery.attempts.at(-1)!.succeeded).toBe(true);
    await receiver.close();
  });

  it("treats a redirect as a failure and never follows it", async () => {
    const { tenantId } = await createTestTenant(db());
    const target = await startReceiver();
    const receiver = await startReceiver([{ status: 302, headers: { location: target.url } }]);
    await endpointFor(tenantId, { url: receiver.url, retry_count: 0 });
    const delivery = await waitForDelivery(db(), (await publishRisk(tenantId)).deliveries[0]!.id);
    expect(delivery.status).toBe("failed");
    expect(delivery.attempts.map((a) => [a.responseStatus, a.errorClass])).toEqual([[302, "redirect"]]);
    expect(target.received).toHaveLength(0);
    await Promise.all([receiver.close(), target.close()]);
  });

  it("holds deliveries back to the endpoint's rate limit without spending retries", async () => {
    const { tenantId } = await createTestTenant(db());
    const receiver = await startReceiver();
    await endpointFor(tenantId, { url: receiver.url, rate_limit_per_second: 2, retry_count: 0 });
    const messages = await Promise.all(Array.from({ length: 6 }, () => publishRisk(tenantId)));
    const deliveries = await Promise.all(messages.map((m) => waitForDelivery(db(), m.deliveries[0]!.id)));
    expect(deliveries.every((d) => d.status === "succeeded" && d.attempts.length === 1)).toBe(true);
    const times = receiver.received.map((r) => r.receivedAt).sort((a, b) => a - b);
    // six requests at two per second span at least two more windows after the first
    expect(times[5]! - times[0]!).toBeGreaterThanOrEqual(1_500);
    await receiver.close();
  });

  it("records a closed port as connection refused", async () => {
    const { tenantId } = await createTestTenant(db());
    await endpointFor(tenantId, { url: "http://127.0.0.1:9/closed", retry_count: 0 });
    const delivery = await waitForDelivery(db(), (await publishRisk(tenantId)).deliveries[0]!.id);
    expect(delivery.attempts.map((a) => a.errorClass)).toEqual(["connection_refused"]);
  });
});

describe("signing and receiver auth", () => {
  it("signs with Standard Webhooks, and with both secrets during a rotation's overlap", async () => {
    const { tenantId } = await createTestTenant(db());
    const receiver = await startReceiver();
    const endpoint = await endpointFor(tenantId, { url: receiver.url });
    const oldSecret = (await getEndpointSecret({ db: db(), tenantId, endpointId: endpoint.id })).secret;

    await waitForDelivery(db(), (await publishRisk(tenantId)).deliveries[0]!.id);
    const first = receiver.received[0]!;
    const headers = { "webhook-id": header(first, "webhook-id"), "webhook-timestamp": header(first, "webhook-timestamp"), "webhook-signature": header(first, "webhook-signature") };
    expect(new Webhook(oldSecret).verify(first.body, headers)).toEqual(JSON.parse(first.body));

    const newSecret = (await rotateEndpointSecret({ db: db(), tenantId, endpointId: endpoint.id })).secret;
    expect(newSecret).not.toBe(oldSecret);
    await waitForDelivery(db(), (await publishRisk(tenantId)).deliveries[0]!.id);
    const second = receiver.received[1]!;
    const rotatedHeaders = { "webhook-id": header(second, "webhook-id"), "webhook-timestamp": header(second, "webhook-timestamp"), "webhook-signature": header(second, "webhook-signature") };
    expect(rotatedHeaders["webhook-signature"].split(" ")).toHaveLength(2);
    expect(() => new Webhook(newSecret).verify(second.body, rotatedHeaders)).not.toThrow();
    expect(() => new Webhook(oldSecret).verify(second.body, rotatedHeaders)).not.toThrow();
    await receiver.close();
  });

  it("signs seed 003's way so the seed's own receiver code accepts it", async () => {
    const { tenantId } = await createTestTenant(db());
    let secret = "";
    // generateSignature of seed 003, verbatim in logic: METHOD + req.url + x-aw-timestamp + raw body
    const receiver = await startReceiver((req) => {
      const hmac = createHmac("SHA256", secret);
      hmac.update(`${req.method.toUpperCase()}${req.url}${req.headers["x-aw-timestamp"]}`);
      if (req.body) hmac.update(req.body);
      return { status: hmac.digest("hex") === req.headers["x-aw-signature"] ? 200 : 401 };
    });
    const endpoint = await endpointFor(tenantId, { url: `${receiver.url}?tenant=acme`, signature_scheme: "aw", enabled_events: ["session.submitted"] });
    secret = (await getEndpointSecret({ db: db(), tenantId, endpointId: endpoint.id })).secret;
    expect(secret).toMatch(/^wh_sec_/);
    const { message } = await publishMessage({
      db: db(),
      tenantId,
      input: { event_type: "session.submitted", payload: { sessionId: "52nmBydtBQpGYjXGWXu3", date: "2023-01-01T12:00:00Z", integrations: [], meta: {} } },
    });
    const delivery = await waitForDelivery(db(), message.deliveries[0]!.id);
    expect(delivery.attempts.map((a) => a.responseStatus)).toEqual([200]);
    const body = JSON.parse(receiver.received[0]!.body);
    expect(body).toMatchObject({ api_version: "v1", group_type: "WidgetEvent", event_type: "session.submitted", data: { sessionId: "52nmBydtBQpGYjXGWXu3" } });
    await receiver.close();
  });

  it("sends hmac and token schemes, custom headers and receiver credentials, and keeps credentials out of the record", async () => {
    const { tenantId } = await createTestTenant(db());
    const receiver = await startReceiver();
    const hmacEndpoint = await endpointFor(tenantId, {
      url: receiver.url,
      signature_scheme: "hmac",
      custom_headers: { "X-Customer": "acme" },
      auth_type: "Basic",
      auth_settings: { username: "hook", password: "s3cret-pass" },
    });
    const tokenEndpoint = await endpointFor(tenantId, { url: receiver.url, signature_scheme: "token", auth_type: "ApiKey", auth_settings: { apiKey: "rk_live_123" } });
    const hmacSecret = (await getEndpointSecret({ db: db(), tenantId, endpointId: hmacEndpoint.id })).secret;
    const tokenSecret = (await getEndpointSecret({ db: db(), tenantId, endpointId: tokenEndpoint.id })).secret;
    const message = await publishRisk(tenantId);
    const deliveries = await Promise.all(message.deliveries.map((d) => waitForDelivery(db(), d.id)));

    const hmacRequest = receiver.received.find((r) => r.headers["x-signature"])!;
    expect(header(hmacRequest, "x-signature")).toBe(createHmac("sha256", hmacSecret).update(hmacRequest.body).digest("hex"));
    expect(header(hmacRequest, "x-customer")).toBe("acme");
    expect(header(hmacRequest, "authorization")).toBe(`Basic ${Buffer.from("hook:s3cret-pass").toString("base64")}`);
    const tokenRequest = receiver.received.find((r) => r.headers["x-webhook-token"])!;
    expect(header(tokenRequest, "x-webhook-token")).toBe(tokenSecret);
    expect(header(tokenRequest, "x-api-key")).toBe("rk_live_123");

    // the Basic credential travels base64-encoded: look for the header value as sent, per endpoint
    const basicCredential = Buffer.from("hook:s3cret-pass").toString("base64");
    const recordedHeadersOf = (endpointId: string) => {
      const delivery = deliveries.find((d) => d.endpointId === endpointId)!;
      return delivery.attempts[0]!.requestHeaders as Record<string, string>;
    };
    const recorded = JSON.stringify(deliveries.flatMap((d) => d.attempts.map((a) => a.requestHeaders)));
    for (const secret of ["s3cret-pass", basicCredential, "rk_live_123", tokenSecret]) expect(recorded).not.toContain(secret);
    expect(headerNamed(recordedHeadersOf(hmacEndpoint.id), "authorization")).toBe("[redacted]");
    expect(headerNamed(recordedHeadersOf(tokenEndpoint.id), "x-api-key")).toBe("[redacted]");
    expect(headerNamed(recordedHeadersOf(tokenEndpoint.id), "x-webhook-token")).toBe("[redacted]");
    await receiver.close();
  });
});

describe("manual retry, test events, recovery and the sweep", () => {
  it("retries a failed delivery as a new delivery of the same payload, through tRPC too", async () => {
    const { tenantId, trpc } = await createTestTenant(db());
    let up = false;
    const receiver = await startReceiver(() => ({ status: up ? 200 : 500 }));
    await endpointFor(tenantId, { url: receiver.url, retry_count: 0 });
    const failed = await waitForDelivery(db(), (await publishRisk(tenantId)).deliveries[0]!.id);
    expect(failed.status).toBe("failed");

    up = true;
    const retry = await retryDelivery({ db: db(), tenantId, deliveryId: failed.id });
    expect(retry.retry_of).toBe(failed.id);
    expect(retry.message_id).toBe(failed.messageId);
    expect((await waitForDelivery(db(), retry.id)).status).toBe("succeeded");
    expect(receiver.received[1]!.body).toBe(receiver.received[0]!.body);

    up = false;
    const again = await waitForDelivery(db(), (await publishRisk(tenantId)).deliveries[0]!.id);
    up = true;
    const viaTrpc = await trpc.deliveries.retry({ delivery_id: again.id });
    expect((await waitForDelivery(db(), viaTrpc.id)).status).toBe("succeeded");
    await receiver.close();
  });

  it("sends a test event with the catalog example to an endpoint, whatever it subscribes to", async () => {
    const { tenantId, trpc } = await createTestTenant(db());
    const receiver = await startReceiver();
    const endpoint = await endpointFor(tenantId, { url: receiver.url, enabled_events: [] });
    const { message } = await trpc.deliveries.sendTest({ endpoint_id: endpoint.id, event_type: "ProfileStatusUpdated" });
    await waitForDelivery(db(), message.deliveries[0]!.id);
    expect(JSON.parse(receiver.received[0]!.body)).toMatchObject({ Type: "ProfileStatusUpdated", Status: "Approved" });
    await receiver.close();
  });

  it("recovers every failed delivery of an endpoint since a time", async () => {
    const { tenantId, trpc } = await createTestTenant(db());
    let up = false;
    const receiver = await startReceiver(() => ({ status: up ? 204 : 500 }));
    const endpoint = await endpointFor(tenantId, { url: receiver.url, retry_count: 0 });
    const since = new Date(Date.now() - 1000);
    const failed = await Promise.all([publishRisk(tenantId), publishRisk(tenantId)]);
    await Promise.all(failed.map((m) => waitForDelivery(db(), m.deliveries[0]!.id)));
    up = true;
    expect(await trpc.deliveries.recover({ endpoint_id: endpoint.id, since })).toEqual({ count: 2 });
    // already recovered deliveries are not sent a second time
    expect(await trpc.deliveries.recover({ endpoint_id: endpoint.id, since })).toEqual({ count: 0 });
    const retries = await db().delivery.findMany({ where: { tenantId, retryOfId: { not: null } } });
    await Promise.all(retries.map((r) => waitForDelivery(db(), r.id)));
    expect(await db().delivery.count({ where: { tenantId, status: "succeeded" } })).toBe(2);
    await receiver.close();
  });

  it("sends deliveries that were committed but never handed to Inngest", async () => {
    const { tenantId } = await createTestTenant(db());
    const receiver = await startReceiver();
    const endpoint = await endpointFor(tenantId, { url: receiver.url });
    // what a crash between the commit and the send leaves behind
    const createdAt = new Date(Date.now() - UNSENT_GRACE_MS - 1_000);
    const message = await db().message.create({ data: { tenantId, eventType: "RiskAssessmentCalculated", payload: riskPayload, createdAt } });
    const delivery = await db().delivery.create({ data: { tenantId, messageId: message.id, endpointId: endpoint.id, createdAt } });

    expect((await sweepUnsentDeliveries({ db: db() })).resent).toBeGreaterThanOrEqual(1);
    expect((await waitForDelivery(db(), delivery.id)).status).toBe("succeeded");
    expect(receiver.received).toHaveLength(1);
    await receiver.close();
  });

  it("hands over the retries of a delivery first attempted within a request whose handover never left", async () => {
    const { tenantId } = await createTestTenant(db());
    const receiver = await startReceiver();
    const endpoint = await endpointFor(tenantId, { url: receiver.url });
    // what a crash after a test message's first attempt, before its retries were handed over, leaves behind
    const createdAt = new Date(Date.now() - UNSENT_GRACE_MS - 1_000);
    const message = await db().message.create({ data: { tenantId, eventType: "RiskAssessmentCalculated", payload: riskPayload, createdAt } });
    const delivery = await db().delivery.create({
      data: { tenantId, messageId: message.id, endpointId: endpoint.id, createdAt, status: "delivering", attemptCount: 1, nextAttemptAt: new Date() },
    });

    expect((await sweepUnsentDeliveries({ db: db() })).resent).toBeGreaterThanOrEqual(1);
    expect((await waitForDelivery(db(), delivery.id)).status).toBe("succeeded");
    expect(receiver.received).toHaveLength(1);
    await receiver.close();
  });

  it("still delivers a per-delivery event sent before first attempts were batched (no attempt index)", async () => {
    const { tenantId } = await createTestTenant(db());
    const receiver = await startReceiver();
    const endpoint = await endpointFor(tenantId, { url: receiver.url });
    const message = await db().message.create({ data: { tenantId, eventType: "RiskAssessmentCalculated", payload: riskPayload } });
    const delivery = await db().delivery.create({ data: { tenantId, messageId: message.id, endpointId: endpoint.id } });

    await getInngest().send({ name: DELIVERY_REQUESTED, data: { deliveryId: delivery.id, tenantId } });

    const finished = await waitForDelivery(db(), delivery.id);
    expect(finished).toMatchObject({ status: "succeeded", attemptCount: 1 });
    expect(receiver.received).toHaveLength(1);
    await receiver.close();
  });
});

describe("tenant isolation", () => {
  it("never lets one tenant retry, test or recover another tenant's deliveries", async () => {
    const alice = await createTestTenant(db());
    const bob = await createTestTenant(db());
    const receiver = await startReceiver([{ status: 500 }]);
    const endpoint = await endpointFor(alice.tenantId, { url: receiver.url, retry_count: 0 });
    const failed = await waitForDelivery(db(), (await publishRisk(alice.tenantId)).deliveries[0]!.id);
    await expect(bob.trpc.deliveries.retry({ delivery_id: failed.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(bob.trpc.deliveries.get({ id: failed.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(bob.trpc.deliveries.sendTest({ endpoint_id: endpoint.id, event_type: "RiskAssessmentCalculated" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(bob.trpc.deliveries.recover({ endpoint_id: endpoint.id, since: new Date(0) })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await bob.trpc.deliveries.list({})).data).toEqual([]);
    await receiver.close();
  });
});
