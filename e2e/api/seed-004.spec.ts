import { expect, test, type APIRequestContext } from "@playwright/test";
import { Webhook } from "standardwebhooks";
import { curl, json, newTenantKey, startReceiver, type Received } from "./api-helpers";

// Seed 004 (subscriptions and messages), each request of the guide in its order, against the running app, at
// the guide's own root paths. The guide names fields but prints no bodies; they are the ones the issue and
// the API reference give: {url, subscribedEvents, name?, description?} and {url, events}. Its provider signs
// with Standard Webhooks headers, so every request that arrives is verified with the subscription's secret.

test.describe.configure({ mode: "serial" });

type Subscription = { id: string; url: string; name: string | null; status: string; subscribedEvents: string[]; secret: string | null; links: { self: string } };
type Message = {
  id: string;
  webhookId: string;
  eventTypeId: string;
  eventId: string;
  status: string;
  payload: { eventTypeId: string; eventId: string; links: { event: string; eventEntity: string } };
  attempts: { responseStatusCode: number | null; succeeded: boolean }[];
  links: { self: string; webhook: string; event: string };
};
type List<Item> = { type: "list"; count: number; size: number; data: Item[]; links: { self: string; next: string | null } };

const userCreatedPayload = {
  userId: "88a85f64-5717-4562-b3fc-2c963f66af88",
  email: "gavin.belson@example.com",
  mobile: "+61410888555",
  firstName: "Gavin",
  lastName: "Belson",
  createdAt: "2025-03-02T09:14:21Z",
};

let token: string;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let subscription: Subscription;
let eventId: string;
let messageId: string;

test.beforeAll(async ({ request }) => {
  token = await newTenantKey(request);
  receiver = await startReceiver();
});
test.afterAll(async () => {
  await receiver.close();
});

function verified(request: Received) {
  return new Webhook(subscription.secret!).verify(request.body, {
    "webhook-id": String(request.headers["webhook-id"]),
    "webhook-timestamp": String(request.headers["webhook-timestamp"]),
    "webhook-signature": String(request.headers["webhook-signature"]),
  });
}

const postJson = (request: APIRequestContext, path: string, data: string) =>
  curl(request, { method: "POST", path, token, headers: { "Content-Type": "application/json" }, data });

test("Subscribing to Webhook Events: POST /notifications/webhooks with the URL and the events", async ({ request }) => {
  const response = await postJson(
    request,
    "/notifications/webhooks",
    `{"url": "${receiver.url("/basiq")}", "subscribedEvents": ["user.created"], "name": "Users", "description": "New users to onboard"}`,
  );
  subscription = await json<Subscription>(response, 201);
  expect(subscription).toMatchObject({
    type: "webhook",
    url: receiver.url("/basiq"),
    name: "Users",
    description: "New users to onboard",
    status: "active",
    subscribedEvents: ["user.created"],
    secret: expect.stringMatching(/^whsec_/),
  });
  expect(new URL(subscription.links.self).pathname).toBe(`/notifications/webhooks/${subscription.id}`);

  // the same URL again is a conflict; an event that does not exist is named
  const again = await postJson(request, "/notifications/webhooks", `{"url": "${receiver.url("/basiq")}", "subscribedEvents": "consent.created"}`);
  expect((await json<{ error: { code: string } }>(again, 409)).error.code).toBe("CONFLICT");
  const unknown = await postJson(request, "/notifications/webhooks", `{"url": "${receiver.url("/other")}", "subscribedEvents": ["user.deleted"]}`);
  expect((await json<{ error: { message: string } }>(unknown, 422)).error.message).toContain('unknown event type "user.deleted"');
});

test("Webhook Events: GET /events/types lists the events a subscription can name", async ({ request }) => {
  const types = await json<List<{ type: string; id: string; description: string; example: unknown }>>(await curl(request, { path: "/events/types", token }), 200);
  expect(types).toMatchObject({ type: "list", links: { next: null } });
  const ids = types.data.map((type) => type.id);
  for (const id of ["user.created", "consent.created", "consent.updated", "consent.revoked"]) expect(ids).toContain(id);
  expect(types.data.every((type) => type.type === "eventType" && type.description && type.example !== undefined)).toBe(true);
});

test("Handling Webhook Requests: a published user.created arrives signed, and both of its links answer", async ({ request }) => {
  const published = await postJson(request, "/api/v2/messages", JSON.stringify({ event_type: "user.created", payload: userCreatedPayload }));
  const message = await json<{ id: string; deliveries: { endpoint_id: string }[] }>(published, 202);
  expect(message.deliveries).toEqual([expect.objectContaining({ endpoint_id: subscription.id })]);
  eventId = message.id;

  const arrived = await receiver.waitFor((r) => r.url === "/basiq" && r.body.includes(eventId));
  const body = verified(arrived) as Message["payload"];
  expect(Object.keys(body)).toEqual(["eventTypeId", "eventId", "links"]);
  expect(body).toMatchObject({ eventTypeId: "user.created", eventId });

  const event = await json(await request.get(body.links.event, { headers: { Authorization: `Bearer ${token}` } }), 200);
  expect(event).toMatchObject({ type: "event", id: eventId, eventTypeId: "user.created", payload: userCreatedPayload });
  const entity = await json(await request.get(body.links.eventEntity, { headers: { Authorization: `Bearer ${token}` } }), 200);
  expect(entity).toEqual(userCreatedPayload);
});

test("Webhook Messages: GET …/messages lists the message sent, GET …/messages/{messageId} reads it", async ({ request }) => {
  const path = `/notifications/webhooks/${subscription.id}/messages`;
  let list: List<Message> | undefined;
  // the first attempt is recorded just after the receiver answers
  await expect
    .poll(async () => {
      list = await json<List<Message>>(await curl(request, { path, token }), 200);
      return list.data[0]?.status;
    })
    .toBe("succeeded");
  expect(list).toMatchObject({ type: "list", count: 1, size: 1, links: { next: null } });
  const message = list!.data[0]!;
  expect(message).toMatchObject({ type: "message", webhookId: subscription.id, eventTypeId: "user.created", eventId, attempts: [{ responseStatusCode: 200, succeeded: true }] });
  expect(message.payload.links.event).toBe(message.links.event);
  messageId = message.id;

  // the guide prints the list path with a trailing slash; it reaches the same list
  expect((await json<List<Message>>(await curl(request, { path: `${path}/`, token }), 200)).data.map((m) => m.id)).toEqual([messageId]);
  const filtered = await json<List<Message>>(await curl(request, { path: `${path}?filter=${encodeURIComponent("eventTypeId.eq('consent.created')")}`, token }), 200);
  expect(filtered).toMatchObject({ count: 0, size: 0, data: [] });

  expect(await json<Message>(await curl(request, { path: `${path}/${messageId}`, token }), 200)).toEqual(message);
});

test("Testing Webhooks: POST /notifications/messages/test sends each event's sample to the URL now", async ({ request }) => {
  const response = await postJson(request, "/notifications/messages/test", `{"url": "${receiver.url("/basiq")}", "events": ["user.created", "consent.created"]}`);
  const result = await json<{ type: string; webhookId: string; data: Message[] }>(response, 200);
  expect(result).toMatchObject({ type: "test", webhookId: subscription.id });
  expect(result.data.map((sent) => [sent.eventTypeId, sent.status, sent.attempts[0]!.responseStatusCode])).toEqual([
    ["user.created", "succeeded", 200],
    ["consent.created", "succeeded", 200],
  ]);
  for (const sent of result.data) {
    // already at the receiver when the answer came, signed like every message
    const arrived = receiver.received.find((r) => r.body.includes(sent.eventId))!;
    expect(verified(arrived)).toEqual(sent.payload);
  }
});

test("the same subscription is an endpoint of seed 001's API, with its deliveries", async ({ request }) => {
  const endpoint = await json(await curl(request, { path: `/api/v2/webhook_endpoint/${subscription.id}`, token }), 200);
  expect(endpoint).toMatchObject({ id: subscription.id, url: receiver.url("/basiq"), enabled_events: ["user.created"], signature_scheme: "standard", metadata: { name: "Users" } });
  const logs = await json<{ data: { id: string; message_id: string; is_test: boolean }[] }>(await curl(request, { path: `/api/v2/webhook_endpoint/${subscription.id}/logs`, token }), 200);
  expect(logs.data).toHaveLength(3);
  expect(logs.data.find((delivery) => delivery.id === messageId)).toMatchObject({ message_id: eventId, is_test: false });
  const { secret } = await json<{ secret: string }>(await curl(request, { path: `/api/v2/webhook_endpoint/${subscription.id}/secret`, token }), 200);
  expect(secret).toBe(subscription.secret);
});

test("Managing Webhook Subscriptions: GET the list and one, POST to update only what is sent", async ({ request }) => {
  const list = await json<List<Subscription>>(await curl(request, { path: "/notifications/webhooks", token }), 200);
  expect(list).toMatchObject({ type: "list", count: 1, size: 1, data: [{ id: subscription.id, secret: null }] });
  expect(await json(await curl(request, { path: `/notifications/webhooks/${subscription.id}`, token }), 200)).toEqual({ ...subscription, secret: null });

  const updated = await json<Subscription>(await postJson(request, `/notifications/webhooks/${subscription.id}`, '{"subscribedEvents": ["user.created", "consent.revoked"]}'), 200);
  expect(updated).toEqual({ ...subscription, subscribedEvents: ["user.created", "consent.revoked"] });
  expect(await json(await curl(request, { path: `/notifications/webhooks/${subscription.id}`, token }), 200)).toEqual({ ...updated, secret: null });
});

test("Managing Webhook Subscriptions: DELETE /notifications/webhooks/{webhookId}", async ({ request }) => {
  const deleted = await curl(request, { method: "DELETE", path: `/notifications/webhooks/${subscription.id}`, token });
  expect(deleted.status()).toBe(204);
  for (const path of [`/notifications/webhooks/${subscription.id}`, `/notifications/webhooks/${subscription.id}/messages`, `/api/v2/webhook_endpoint/${subscription.id}`]) {
    expect((await json<{ error: { code: string } }>(await curl(request, { path, token }), 404)).error.code).toBe("NOT_FOUND");
  }
  // what was sent stays readable: the event still answers
  expect((await curl(request, { path: `/events/${eventId}`, token })).status()).toBe(200);
});
