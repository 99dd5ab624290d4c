import { createHmac } from "node:crypto";
import { expect, test } from "@playwright/test";
import { Webhook } from "standardwebhooks";
import { curl, json, newTenantKey, startReceiver, waitForDelivery } from "./api-helpers";

// Seed 001 (multi-endpoint API), every curl command in the seed's order, against the running app.
// <base_url> is Playwright's baseURL and <user_token> an API key of a fresh tenant. The seed's other
// placeholders are filled with real values: webhook_url → a receiver on 127.0.0.1, <endpoint_id> /
// {{endpoint_id}} → the created endpoint, task_id → a failed delivery, event_name → a catalog event.
// Two of the seed's bodies are not valid JSON as printed (§ 7 lacks the commas between fields); they
// are sent here as the JSON they mean, and the literal text is checked to get a clear 400.

test.describe.configure({ mode: "serial" });

let token: string;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let endpointId: string;
let secret: string;

test.beforeAll(async ({ request }) => {
  token = await newTenantKey(request);
  receiver = await startReceiver();
});
test.afterAll(async () => {
  await receiver.close();
});

test("1. get the list of events with example payloads", async ({ request }) => {
  const response = await curl(request, { path: "/api/v2/events", token });
  const events = await json<{ name: string; example: unknown; schema: object }[]>(response, 200);
  const names = events.map((event) => event.name);
  for (const name of ["profile_create", "profile_update", "document_upload", "RiskAssessmentCalculated", "session.submitted", "user.created"]) {
    expect(names).toContain(name);
  }
  expect(events.every((event) => event.example !== undefined && typeof event.schema === "object")).toBe(true);
});

test("2. create a webhook endpoint", async ({ request }) => {
  const response = await curl(request, {
    method: "POST",
    path: "/api/v2/webhook_endpoint",
    token,
    headers: { "Content-Type": "application/json" },
    data: `{
"url": "${receiver.url()}",
"enabled_events": [],
"custom_headers": {},
"metadata": {}
}`,
  });
  const endpoint = await json(response, 201);
  expect(endpoint).toMatchObject({ url: receiver.url(), enabled_events: [], custom_headers: {}, metadata: {}, is_active: true });
  expect(Object.keys(endpoint)).not.toContain("secret");
  endpointId = endpoint.id as string;

  // the seed's body verbatim, with its "webhook_url" placeholder left in, is a clear validation error
  const literal = await curl(request, {
    method: "POST",
    path: "/api/v2/webhook_endpoint",
    token,
    headers: { "Content-Type": "application/json" },
    data: '{\n"url": "webhook_url",\n"enabled_events": [],\n"custom_headers": {},\n"metadata": {}\n}',
  });
  const error = await json<{ error: { code: string; details: { issues: { path: string }[] } } }>(literal, 422);
  expect(error.error.code).toBe("UNPROCESSABLE");
  expect(error.error.details.issues[0]!.path).toBe("url");
});

test("3. get the secret token for your endpoint", async ({ request }) => {
  const response = await curl(request, { path: `/api/v2/webhook_endpoint/${endpointId}/secret`, token });
  const body = await json<{ secret: string }>(response, 200);
  expect(body.secret).toMatch(/^whsec_/);
  secret = body.secret;
});

test("4. generate a new secret token for your endpoint", async ({ request }) => {
  const response = await curl(request, { method: "PATCH", path: `/api/v2/webhook_endpoint/${endpointId}/secret`, token });
  const body = await json<{ secret: string; previous_secrets: { expires_at: string }[] }>(response, 200);
  expect(body.secret).toMatch(/^whsec_/);
  expect(body.secret).not.toBe(secret);
  expect(body.previous_secrets).toHaveLength(1);
  secret = body.secret;
  const again = await json<{ secret: string }>(await curl(request, { path: `/api/v2/webhook_endpoint/${endpointId}/secret`, token }), 200);
  expect(again.secret).toBe(secret);
});

test("5. update webhook", async ({ request }) => {
  const response = await curl(request, {
    method: "PUT",
    path: `/api/v2/webhook_endpoint/${endpointId}`,
    token,
    headers: { "Content-Type": "application/json" },
    data: `{
"url": "${receiver.url("/webhook/v2")}",
"enabled_events": ["profile_create", "document_upload"],
"custom_headers": {"X-Customer": "acme"},
"metadata": {"plan": "gold"}
}`,
  });
  const endpoint = await json(response, 200);
  expect(endpoint).toMatchObject({
    id: endpointId,
    url: receiver.url("/webhook/v2"),
    enabled_events: ["profile_create", "document_upload"],
    custom_headers: { "X-Customer": "acme" },
    metadata: { plan: "gold" },
  });
  expect(await json(await curl(request, { path: `/api/v2/webhook_endpoint/${endpointId}`, token }), 200)).toEqual(endpoint);
});

test("8. test an event: delivered, signed with the endpoint's secret, with the custom header", async ({ request }) => {
  const response = await curl(request, {
    method: "POST",
    path: `/api/v2/webhook_endpoint/${endpointId}/test?event=profile_create`,
    token,
    headers: { "Content-Type": "application/json" },
  });
  const { message } = await json<{ message: { id: string; event_type: string; deliveries: { endpoint_id: string }[] } }>(response, 202);
  expect(message).toMatchObject({ event_type: "profile_create", deliveries: [{ endpoint_id: endpointId }] });

  const arrived = await receiver.waitFor((r) => r.url === "/webhook/v2" && r.body.includes(message.id));
  expect(arrived.headers["x-customer"]).toBe("acme");
  const payload = new Webhook(secret).verify(arrived.body, {
    "webhook-id": String(arrived.headers["webhook-id"]),
    "webhook-timestamp": String(arrived.headers["webhook-timestamp"]),
    "webhook-signature": String(arrived.headers["webhook-signature"]),
  }) as { event_type: string };
  expect(payload.event_type).toBe("profile_create");
});

test("6. get the logs for all triggered events for your endpoint", async ({ request }) => {
  const delivery = await waitForDelivery(request, token, endpointId, (d) => d.status === "succeeded");
  const response = await curl(request, { path: `/api/v2/webhook_endpoint/${endpointId}/logs`, token });
  const logs = await json<{ data: { id: string; status: string; attempts: { response: { status: number } | null }[] }[]; next_cursor: string | null }>(response, 200);
  const logged = logs.data.find((d) => d.id === delivery.id)!;
  expect(logged.attempts[0]!.response!.status).toBe(200);
  const failedOnly = await json<{ data: unknown[] }>(await curl(request, { path: `/api/v2/webhook_endpoint/${endpointId}/logs?status=failed`, token }), 200);
  expect(failedOnly.data).toEqual([]);
});

test("7. retry a failed event", async ({ request }) => {
  // make a delivery fail for good: the receiver answers 500 and the endpoint allows no retries
  await json(await curl(request, { method: "PUT", path: `/api/v2/webhook_endpoint/${endpointId}`, token, data: '{"retry_count": 0}', headers: { "Content-Type": "application/json" } }), 200);
  receiver.respondWith(500);
  const test = await curl(request, { method: "POST", path: `/api/v2/webhook_endpoint/${endpointId}/test?event=document_upload`, token });
  const { message } = await json<{ message: { id: string } }>(test, 202);
  const failed = await waitForDelivery(request, token, endpointId, (d) => d.message_id === message.id && d.status === "failed");
  receiver.respondWith(200);

  const retry = await curl(request, {
    method: "POST",
    path: "/api/v2/webhook_endpoint/retry",
    token,
    headers: { "Content-Type": "application/json" },
    data: `{
"task_id": "${failed.id}",
"body": "body",
"customer_id": "customer_id",
"webhook_id": "${endpointId}",
"event_type": "document_upload"
}`,
  });
  const delivery = await json<{ id: string; retry_of: string; endpoint_id: string }>(retry, 202);
  expect(delivery).toMatchObject({ retry_of: failed.id, endpoint_id: endpointId });
  await waitForDelivery(request, token, endpointId, (d) => d.id === delivery.id && d.status === "succeeded");
  const resent = receiver.received.filter((r) => r.body.includes(message.id));
  // the same payload, byte for byte, under the same message id
  expect(new Set(resent.map((r) => r.body)).size).toBe(1);
  expect(new Set(resent.map((r) => r.headers["webhook-id"])).size).toBe(1);

  // the seed's body exactly as printed (no commas between fields) is not JSON: a 400 that says so
  const literal = await curl(request, {
    method: "POST",
    path: "/api/v2/webhook_endpoint/retry",
    token,
    headers: { "Content-Type": "application/json" },
    data: '{\n"task_id": "task_id"\n"body": "body"\n"customer_id": "customer_id"\n"webhook_id": "webhook_id"\n"event_type": "event_type"\n}',
  });
  const error = await json<{ error: { code: string; message: string } }>(literal, 400);
  expect(error.error).toMatchObject({ code: "BAD_REQUEST", message: expect.stringMatching(/not valid JSON/) });
});

test("the seed's hmac option: X-Signature is the hex HMAC of the body with the secret", async ({ request }) => {
  await json(await curl(request, { method: "PUT", path: `/api/v2/webhook_endpoint/${endpointId}`, token, data: '{"signature_scheme": "hmac"}', headers: { "Content-Type": "application/json" } }), 200);
  const { secret: hmacSecret } = await json<{ secret: string }>(await curl(request, { path: `/api/v2/webhook_endpoint/${endpointId}/secret`, token }), 200);
  const test = await curl(request, { method: "POST", path: `/api/v2/webhook_endpoint/${endpointId}/test?event=profile_create`, token });
  const { message } = await json<{ message: { id: string } }>(test, 202);
  const arrived = await receiver.waitFor((r) => r.body.includes(message.id));
  expect(arrived.headers["x-signature"]).toBe(createHmac("sha256", hmacSecret).update(arrived.body).digest("hex"));
});

test("delete the endpoint: gone from the API, 404 afterwards", async ({ request }) => {
  const deleted = await json(await curl(request, { method: "DELETE", path: `/api/v2/webhook_endpoint/${endpointId}`, token }), 200);
  expect(deleted).toMatchObject({ id: endpointId, deleted: true });
  const missing = await json<{ error: { code: string } }>(await curl(request, { path: `/api/v2/webhook_endpoint/${endpointId}`, token }), 404);
  expect(missing.error.code).toBe("NOT_FOUND");
});
