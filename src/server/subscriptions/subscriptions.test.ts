import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { Webhook } from "standardwebhooks";
import { createTestDatabase, type TestDatabase } from "@/test/test-database";
import { createTestTenant } from "@/test/fixtures";
import { startReceiver, type ReceivedRequest, type Receiver } from "@/test/http-receiver";
import { startDeliveryPipeline, waitForDelivery } from "@/test/delivery-harness";
import type { Db } from "@/server/db/client";
import { eventTypeNames, requireEventType } from "@/server/catalog";
import { revokeApiKey } from "@/server/api-keys/revoke-api-key";
import { deliveryRuntime } from "@/server/deliveries/delivery-runtime";
import { api, apiKeyFor, tenantSnapshot, TEST_ORIGIN } from "@/server/rest/rest-test-support";
import { configureApiRateLimit } from "@/server/rest/rate-limit";
import type { EventDto, SubscriptionDto, SubscriptionListDto, SubscriptionMessageDto, SubscriptionMessageListDto, TestMessagesDto } from "./schemas";
import { sendTestMessages } from "./send-test-messages";

const current = vi.hoisted(() => ({ db: undefined as unknown }));
vi.mock("@/server/db", () => ({ getDb: async () => current.db, closeDb: async () => {} }));

let database: TestDatabase;
let db: Db;
let pipeline: Awaited<ReturnType<typeof startDeliveryPipeline>>;
let receiver: Receiver;

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.prisma;
  current.db = db;
  pipeline = await startDeliveryPipeline(db);
  receiver = await startReceiver();
});
afterAll(async () => {
  await receiver?.close();
  await pipeline?.stop();
  await database?.close();
});
beforeEach(() => configureApiRateLimit({ points: 1_000_000, durationSeconds: 1 }));

async function newTenant() {
  const { tenantId } = await createTestTenant(db);
  return { tenantId, key: await apiKeyFor(db, tenantId) };
}

function verifySignature(request: ReceivedRequest, secret: string): unknown {
  return new Webhook(secret).verify(request.body, {
    "webhook-id": String(request.headers["webhook-id"]),
    "webhook-timestamp": String(request.headers["webhook-timestamp"]),
    "webhook-signature": String(request.headers["webhook-signature"]),
  });
}

const userCreated = { event_type: "user.created", payload: requireEventType("user.created").example };

describe("seed 004: the guide's requests, in its order", () => {
  it("subscribes, receives a signed user.created whose links answer, reads its messages, tests, updates and deletes", async () => {
    const { tenantId, key } = await newTenant();
    const url = `${receiver.origin}/journey`;

    // Subscribing to Webhook Events: POST /notifications/webhooks
    const created = await api("POST /notifications/webhooks", {
      key,
      body: { url, subscribedEvents: ["user.created"], name: "Users", description: "New users" },
    });
    expect(created.status, created.text).toBe(201);
    const subscription = created.body as SubscriptionDto;
    expect(subscription).toEqual({
      type: "webhook",
      id: expect.any(String),
      name: "Users",
      description: "New users",
      url,
      status: "active",
      subscribedEvents: ["user.created"],
      secret: expect.stringMatching(/^whsec_/),
      links: { self: `${TEST_ORIGIN}/notifications/webhooks/${subscription.id}` },
    });
    const webhookPath = `/notifications/webhooks/${subscription.id}`;

    // Webhook Events: GET /events/types
    const types = await api("GET /events/types", { key });
    expect(types.status).toBe(200);
    expect(types.body).toMatchObject({ type: "list", count: eventTypeNames.length, size: eventTypeNames.length, links: { next: null } });
    const userCreatedType = (types.body as { data: { id: string }[] }).data.find((type) => type.id === "user.created");
    expect(userCreatedType).toMatchObject({ type: "eventType", description: expect.any(String), example: userCreated.payload });

    // an event happens: the backend publishes it, the subscription's URL receives it, signed
    const published = await api("POST /api/v2/messages", { key, body: userCreated });
    expect(published.status).toBe(202);
    const { id: eventId, deliveries } = published.body as { id: string; deliveries: { id: string; endpoint_id: string }[] };
    expect(deliveries).toEqual([expect.objectContaining({ endpoint_id: subscription.id })]);
    await waitForDelivery(db, deliveries[0]!.id);
    const arrived = receiver.received.find((request) => request.url === "/journey")!;
    const body = verifySignature(arrived, subscription.secret!);
    expect(body).toEqual({
      eventTypeId: "user.created",
      eventId,
      links: { event: `${TEST_ORIGIN}/events/${eventId}`, eventEntity: `${TEST_ORIGIN}/api/v2/messages/${eventId}/payload` },
    });

    // Handling Webhook Requests: both links answer with the key
    const { links } = body as { links: { event: string; eventEntity: string } };
    const event = await api(`GET ${new URL(links.event).pathname}`, { key });
    expect(event.status).toBe(200);
    expect(event.body).toEqual({
      type: "event",
      id: eventId,
      eventTypeId: "user.created",
      createdDate: expect.any(String),
      payload: userCreated.payload,
      links: { self: links.event, eventEntity: links.eventEntity },
    } satisfies Record<keyof EventDto, unknown>);
    expect((await api(`GET ${new URL(links.eventEntity).pathname}`, { key })).body).toEqual(userCreated.payload);

    // Webhook Messages: list, then one
    const messages = await api(`GET ${webhookPath}/messages`, { key });
    expect(messages.status).toBe(200);
    const list = messages.body as SubscriptionMessageListDto;
    expect(list).toMatchObject({ type: "list", count: 1, size: 1, links: { self: `${TEST_ORIGIN}${webhookPath}/messages?limit=500`, next: null } });
    const message = list.data[0]!;
    expect(message).toMatchObject({
      type: "message",
      id: deliveries[0]!.id,
      webhookId: subscription.id,
      eventTypeId: "user.created",
      eventId,
      status: "succeeded",
      payload: JSON.parse(arrived.body),
      attempts: [{ number: 1, url, responseStatusCode: 200, succeeded: true, errorClass: null }],
      links: { self: `${TEST_ORIGIN}${webhookPath}/messages/${message.id}`, webhook: subscription.links.self, event: links.event },
    });
    expect(message.attempts[0]!.requestHeaders["webhook-signature"]).toBe(arrived.headers["webhook-signature"]);
    expect((await api(`GET ${webhookPath}/messages/${message.id}`, { key })).body).toEqual(message);

    // Testing Webhooks: POST /notifications/messages/test, sent before the answer
    const tested = await api("POST /notifications/messages/test", { key, body: { url, events: ["user.created", "consent.revoked"] } });
    expect(tested.status, tested.text).toBe(200);
    const test = tested.body as TestMessagesDto;
    expect(test).toMatchObject({ type: "test", url, webhookId: subscription.id });
    expect(test.data.map((sent) => [sent.eventTypeId, sent.status, sent.attempts[0]?.responseStatusCode])).toEqual([
      ["user.created", "succeeded", 200],
      ["consent.revoked", "succeeded", 200],
    ]);
    for (const sent of test.data) {
      const request = receiver.received.find((r) => r.body === JSON.stringify(sent.payload))!;
      expect(verifySignature(request, subscription.secret!)).toEqual(sent.payload);
      // each test message is a real event: its link answers with the sample payload
      const sentLinks = sent.payload.links as { event: string };
      expect((await api(`GET ${new URL(sentLinks.event).pathname}`, { key })).body).toMatchObject({ payload: requireEventType(sent.eventTypeId).example });
    }
    expect(await db.delivery.count({ where: { tenantId, endpointId: subscription.id, isTest: true } })).toBe(2);
    expect((await api(`GET ${webhookPath}/messages?filter=${encodeURIComponent("eventTypeId.eq('consent.revoked')")}`, { key })).body).toMatchObject({
      count: 1,
      data: [{ id: test.data[1]!.id }],
    });

    // Managing Webhook Subscriptions: POST updates only the fields sent; a single event id is accepted
    const updated = await api(`POST ${webhookPath}`, { key, body: { subscribedEvents: "consent.created", name: null } });
    expect(updated.status, updated.text).toBe(200);
    expect(updated.body).toEqual({ ...subscription, name: null, subscribedEvents: ["consent.created"] });
    const read = await api(`GET ${webhookPath}`, { key });
    expect(read.body).toEqual({ ...(updated.body as SubscriptionDto), secret: null });
    expect(((await api("GET /notifications/webhooks", { key })).body as SubscriptionListDto).data).toEqual([read.body]);

    // the same row in seed 001's API, with the same deliveries
    const endpoint = await api(`GET /api/v2/webhook_endpoint/${subscription.id}`, { key });
    expect(endpoint.body).toMatchObject({ url, description: "New users", enabled_events: ["consent.created"], signature_scheme: "standard", metadata: {} });
    const logs = (await api(`GET /api/v2/webhook_endpoint/${subscription.id}/logs`, { key })).body as { data: { id: string }[] };
    expect(logs.data.map((delivery) => delivery.id).sort()).toEqual([message.id, ...test.data.map((sent) => sent.id)].sort());

    // DELETE: gone from both APIs; what it received stays on record
    const deleted = await api(`DELETE ${webhookPath}`, { key });
    expect(deleted.status).toBe(204);
    expect(deleted.text).toBe("");
    expect((await api(`GET ${webhookPath}`, { key })).status).toBe(404);
    expect((await api(`GET ${webhookPath}/messages`, { key })).status).toBe(404);
    expect((await api(`GET /api/v2/webhook_endpoint/${subscription.id}`, { key })).status).toBe(404);
    expect(await db.delivery.count({ where: { tenantId, endpointId: subscription.id } })).toBe(3);

    // the activity log names the key behind each change, as for every endpoint
    const activity = await db.activityEntry.findMany({ where: { tenantId, targetId: subscription.id }, orderBy: { createdAt: "asc" } });
    expect(activity.map((entry) => [entry.action, entry.actorKind])).toEqual([
      ["endpoint.created", "tenant_key"],
      ["endpoint.updated", "tenant_key"],
      ["endpoint.deleted", "tenant_key"],
    ]);
    expect(activity[1]!.summary).toBe(`Changed subscribedEvents, name of subscription ${url}`);
  });
});

describe("subscriptions are endpoints", () => {
  it("refuses a second subscription to a URL, and an update onto another subscription's URL, with 409", async () => {
    const { tenantId, key } = await newTenant();
    const first = await api("POST /notifications/webhooks", { key, body: { url: "https://example.com/a", subscribedEvents: "user.created" } });
    expect(first.status).toBe(201);
    expect((first.body as SubscriptionDto).subscribedEvents).toEqual(["user.created"]);
    const second = await api("POST /notifications/webhooks", { key, body: { url: "https://example.com/b", subscribedEvents: ["*"] } });
    const before = await tenantSnapshot(db, tenantId);

    const again = await api("POST /notifications/webhooks", { key, body: { url: "https://example.com/a", subscribedEvents: ["consent.created"] } });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ error: { code: "CONFLICT", details: { webhookId: (first.body as SubscriptionDto).id } } });
    const moved = await api(`POST /notifications/webhooks/${(second.body as SubscriptionDto).id}`, { key, body: { url: "https://example.com/a" } });
    expect(moved.status).toBe(409);
    expect(await tenantSnapshot(db, tenantId)).toBe(before);

    // the same URL is still free for another tenant, and a subscription may keep its own URL
    const other = await newTenant();
    expect((await api("POST /notifications/webhooks", { key: other.key, body: { url: "https://example.com/a", subscribedEvents: ["*"] } })).status).toBe(201);
    expect((await api(`POST /notifications/webhooks/${(first.body as SubscriptionDto).id}`, { key, body: { url: "https://example.com/a" } })).status).toBe(200);
  });

  it("names an unknown event type in the 422", async () => {
    const { key } = await newTenant();
    const response = await api("POST /notifications/webhooks", { key, body: { url: "https://example.com/x", subscribedEvents: ["user.created", "user.deleted"] } });
    expect(response.status).toBe(422);
    expect(response.body).toMatchObject({
      error: { code: "UNPROCESSABLE", details: { issues: [{ path: "subscribedEvents.1", message: expect.stringContaining('unknown event type "user.deleted"') }] } },
    });
    const single = await api("POST /notifications/webhooks", { key, body: { url: "https://example.com/x", subscribedEvents: "user.deleted" } });
    expect((single.body as { error: { message: string } }).error.message).toContain('"user.deleted"');
  });

  it("shows endpoints made by seed 001 and 002 as subscriptions, and pages through them by links.next", async () => {
    const { key } = await newTenant();
    await api("POST /api/v2/webhook_endpoint", { key, body: { url: "https://example.com/one", enabled_events: ["profile_create"], is_active: false } });
    await api("PUT /api/v2/webhook", { key, body: { url: "https://example.com/primary", signature_enabled: true, document_upload: true } });
    await api("POST /notifications/webhooks", { key, body: { url: "https://example.com/three", subscribedEvents: ["user.created"] } });

    const first = (await api("GET /notifications/webhooks?limit=2", { key })).body as SubscriptionListDto;
    expect(first).toMatchObject({ type: "list", count: 2, size: 3 });
    expect(first.data.map((s) => s.url)).toEqual(["https://example.com/three", "https://example.com/primary"]);
    expect(first.data.every((s) => s.secret === null)).toBe(true);
    const next = new URL(first.links.next!);
    const second = (await api(`GET ${next.pathname}${next.search}`, { key })).body as SubscriptionListDto;
    expect(second).toMatchObject({ count: 1, size: 3, links: { next: null }, data: [{ url: "https://example.com/one", status: "inactive", subscribedEvents: ["profile_create"] }] });
  });

  it("pages a subscription's messages newest first and filters them", async () => {
    const { tenantId, key } = await newTenant();
    const subscription = (await api("POST /notifications/webhooks", { key, body: { url: "https://example.com/quiet", subscribedEvents: ["*"] } })).body as SubscriptionDto;
    // deliveries recorded without sending: this test reads the log, not the wire
    const when = ["2025-03-01T10:00:00Z", "2025-03-02T10:00:00Z", "2025-03-03T10:00:00Z"];
    for (const [i, createdAt] of when.entries()) {
      const message = await db.message.create({ data: { tenantId, eventType: i === 1 ? "consent.created" : "user.created", payload: {}, createdAt: new Date(createdAt) } });
      await db.delivery.create({ data: { tenantId, endpointId: subscription.id, messageId: message.id, status: i === 0 ? "failed" : "succeeded", createdAt: new Date(createdAt) } });
    }
    const path = `/notifications/webhooks/${subscription.id}/messages`;
    const list = async (query: string) => (await api(`GET ${path}?${query}`, { key })).body as SubscriptionMessageListDto;
    const dates = (page: SubscriptionMessageListDto) => page.data.map((m: SubscriptionMessageDto) => String(m.createdDate).slice(0, 10));

    const firstPage = await list("limit=2");
    expect(dates(firstPage)).toEqual(["2025-03-03", "2025-03-02"]);
    expect(firstPage).toMatchObject({ count: 2, size: 3 });
    const next = new URL(firstPage.links.next!);
    expect(next.searchParams.get("limit")).toBe("2");
    expect(dates(await list(next.search.slice(1)))).toEqual(["2025-03-01"]);

    const filter = (text: string) => list(`filter=${encodeURIComponent(text)}`);
    expect(dates(await filter("status.eq('failed')"))).toEqual(["2025-03-01"]);
    expect(dates(await filter("eventTypeId.eq('user.created'),createdDate.gteq('2025-03-02')"))).toEqual(["2025-03-03"]);
    expect(dates(await filter("createdDate.bt('2025-03-01','2025-03-02')"))).toEqual(["2025-03-02", "2025-03-01"]);
    expect(dates(await filter("createdDate.lt('2025-03-02T10:00:00Z')"))).toEqual(["2025-03-01"]);
    const one = firstPage.data[0]!;
    expect((await filter(`eventId.eq('${one.eventId}')`)).data.map((m) => m.id)).toEqual([one.id]);
    // before its first attempt, the body shown is the one that will be sent
    expect(one.payload).toEqual({ eventTypeId: "user.created", eventId: one.eventId, links: expect.objectContaining({ event: `${TEST_ORIGIN}/events/${one.eventId}` }) });
    expect((await filter("size.eq('2')")) as unknown).toMatchObject({ error: { code: "UNPROCESSABLE", details: { issues: [{ path: "filter" }] } } });
  });
});

describe("test messages", () => {
  it("go through the SSRF guard of every delivery: refused, recorded as such, never sent", async () => {
    const { tenantId, key } = await newTenant();
    const url = `${receiver.origin}/private`;
    await api("POST /notifications/webhooks", { key, body: { url, subscribedEvents: ["user.created"] } });
    const result = await sendTestMessages({ db, tenantId, input: { url, eventTypeIds: "user.created" }, runtime: { ...deliveryRuntime(), allowPrivateNetworks: false } });
    expect(result.data).toMatchObject([{ eventTypeId: "user.created", attempts: [{ succeeded: false, errorClass: "ssrf_blocked", responseStatusCode: null }] }]);
    expect(result.data[0]!.attempts[0]!.errorMessage).toBe("The destination is not allowed; webhooks are not sent to private networks");
    expect(receiver.received.some((request) => request.url === "/private")).toBe(false);
  });

  it("are refused, with nothing written, for a URL that is not one of the tenant's subscriptions", async () => {
    const { tenantId, key } = await newTenant();
    const before = await tenantSnapshot(db, tenantId);
    const response = await api("POST /notifications/messages/test", { key, body: { url: `${receiver.origin}/nobody`, eventTypeIds: ["user.created"] } });
    expect(response.status).toBe(422);
    expect(response.body).toMatchObject({ error: { details: { issues: [{ path: "url" }] } } });
    expect(await tenantSnapshot(db, tenantId)).toBe(before);
    expect(receiver.received.some((request) => request.url === "/nobody")).toBe(false);
  });
});

describe("keys", () => {
  it("a revoked key is a 401 and a read-only key cannot write, on seed 004's routes too", async () => {
    const { tenantId, key } = await newTenant();
    const readOnly = await apiKeyFor(db, tenantId, ["read"]);
    expect((await api("GET /notifications/webhooks", { key: readOnly })).status).toBe(200);
    const denied = await api("POST /notifications/webhooks", { key: readOnly, body: { url: "https://example.com/r", subscribedEvents: ["*"] } });
    expect(denied.status).toBe(403);
    expect(denied.body).toMatchObject({ error: { code: "FORBIDDEN" } });
    const row = await db.apiKey.findFirstOrThrow({ where: { tenantId, scopes: { has: "publish" } } });
    await revokeApiKey({ db, tenantId, apiKeyId: row.id });
    const revoked = await api("GET /events/types", { key });
    expect(revoked.status).toBe(401);
    expect(revoked.body).toMatchObject({ error: { code: "UNAUTHORIZED" } });
  });
});
