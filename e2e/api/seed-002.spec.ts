import { createHmac } from "node:crypto";
import { expect, test } from "@playwright/test";
import { curl, json, newTenantKey, startReceiver } from "./api-helpers";

// Seed 002 (single primary webhook), every curl command in the seed's order, against the running app.
// <base_url> is Playwright's baseURL and <user_token> an API key of a fresh tenant; webhook_url is a
// receiver on 127.0.0.1, each `true/false` a chosen boolean and `event_name` a real event name (the seed
// prints them as placeholders, with a // comment and a trailing comma, which JSON does not allow).

test.describe.configure({ mode: "serial" });

const seedEvents = [
  "profile_create",
  "profile_update",
  "profile_status_change",
  "document_upload",
  "document_delete",
  "document_update",
  "document_status_change",
  "zip_file_create",
  "video_call_status_change",
  "profile_level_update",
];

let token: string;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let webhookId: string;
let secretToken: string;

test.beforeAll(async ({ request }) => {
  token = await newTenantKey(request);
  receiver = await startReceiver();
});
test.afterAll(async () => {
  await receiver.close();
});

test("1. get the list of events", async ({ request }) => {
  const response = await curl(request, { path: "/api/v2/webhook/events", token });
  const names = await json<string[]>(response, 200);
  expect(names).toEqual(expect.arrayContaining(seedEvents));
  expect(names.every((name) => typeof name === "string")).toBe(true);
});

test("2. create webhook: 200 with the url, every event and signature_enabled; unset events are false", async ({ request }) => {
  expect((await curl(request, { path: "/api/v2/webhook", token })).status()).toBe(404);
  const response = await curl(request, {
    method: "PUT",
    path: "/api/v2/webhook",
    token,
    headers: { "Content-Type": "application/json" },
    data: `{
"url": "${receiver.url()}",
"signature_enabled": true,
"profile_create": true,
"profile_update": false,
"profile_status_change": false,
"profile_level_update": false,
"document_upload": true,
"document_delete": false,
"document_update": false,
"document_status_change": false,
"zip_file_create": false,
"video_call_status_change": false
}`,
  });
  const webhook = await json<Record<string, unknown>>(response, 200);
  expect(webhook).toMatchObject({
    url: receiver.url(),
    profile_create: true,
    profile_update: false,
    profile_status_change: false,
    profile_level_update: false,
    document_upload: true,
    document_delete: false,
    document_update: false,
    document_status_change: false,
    zip_file_create: false,
    video_call_status_change: false,
    signature_enabled: true,
  });
  expect(webhook.id).toMatch(/^[0-9a-f-]{36}$/);
  expect(Object.keys(webhook)[0]).toBe("id");
  expect(Object.keys(webhook).at(-1)).toBe("signature_enabled");
  // "all events are disabled by default unless specified": events the body did not name are false too
  const allNames = await json<string[]>(await curl(request, { path: "/api/v2/webhook/events", token }), 200);
  for (const name of allNames) expect(webhook[name], name).toBe(name === "profile_create" || name === "document_upload");
  webhookId = webhook.id as string;
});

test("3. get the secret token", async ({ request }) => {
  const response = await curl(request, { path: "/api/v2/webhook/token", token });
  const body = await json<{ token: string }>(response, 200);
  expect(Object.keys(body)).toEqual(["token"]);
  expect(body.token.length).toBeGreaterThanOrEqual(32);
  secretToken = body.token;
});

test("4. generate a new secret token", async ({ request }) => {
  const response = await curl(request, { method: "PATCH", path: "/api/v2/webhook/token", token });
  const body = await json<{ token: string }>(response, 200);
  expect(Object.keys(body)).toEqual(["token"]);
  expect(body.token).not.toBe(secretToken);
  secretToken = body.token;
  expect(await json(await curl(request, { path: "/api/v2/webhook/token", token }), 200)).toEqual({ token: secretToken });
});

test("signature enabled: a published event arrives with X-Signature, the HMAC of the body with the token", async ({ request }) => {
  const events = await json<{ name: string; example: unknown }[]>(await curl(request, { path: "/api/v2/events", token }), 200);
  const example = events.find((event) => event.name === "profile_create")!.example;
  const published = await curl(request, {
    method: "POST",
    path: "/api/v2/messages",
    token,
    headers: { "Content-Type": "application/json" },
    data: JSON.stringify({ event_type: "profile_create", payload: example }),
  });
  const message = await json<{ id: string; deliveries: { endpoint_id: string }[] }>(published, 202);
  expect(message.deliveries.map((d) => d.endpoint_id)).toEqual([webhookId]);
  const arrived = await receiver.waitFor((r) => r.body.includes(message.id));
  expect(arrived.headers["x-signature"]).toBe(createHmac("sha256", secretToken).update(arrived.body).digest("hex"));
  expect(arrived.headers["x-webhook-token"]).toBeUndefined();
});

test("5. update webhook: url, security method and one event; the rest stays", async ({ request }) => {
  const response = await curl(request, {
    method: "PUT",
    path: "/api/v2/webhook",
    token,
    headers: { "Content-Type": "application/json" },
    data: `{
"url": "${receiver.url("/webhook/updated")}",
"signature_enabled": false,
"zip_file_create": true
}`,
  });
  const webhook = await json(response, 200);
  expect(webhook).toMatchObject({
    id: webhookId,
    url: receiver.url("/webhook/updated"),
    profile_create: true,
    document_upload: true,
    zip_file_create: true,
    profile_update: false,
    signature_enabled: false,
  });
  expect(await json(await curl(request, { path: "/api/v2/webhook", token }), 200)).toEqual(webhook);
});

test("signature disabled: the token itself arrives in X-Webhook-Token", async ({ request }) => {
  const { token: current } = await json<{ token: string }>(await curl(request, { path: "/api/v2/webhook/token", token }), 200);
  const events = await json<{ name: string; example: unknown }[]>(await curl(request, { path: "/api/v2/events", token }), 200);
  const example = events.find((event) => event.name === "zip_file_create")!.example;
  const published = await curl(request, {
    method: "POST",
    path: "/api/v2/messages",
    token,
    headers: { "Content-Type": "application/json", "Idempotency-Key": `zip-${Date.now()}` },
    data: JSON.stringify({ event_type: "zip_file_create", payload: example }),
  });
  const message = await json<{ id: string }>(published, 202);
  const arrived = await receiver.waitFor((r) => r.url === "/webhook/updated" && r.body.includes(message.id));
  expect(arrived.headers["x-webhook-token"]).toBe(current);
  expect(arrived.headers["x-signature"]).toBeUndefined();
});

test("the seed's create body as printed (true/false, // comment, trailing comma) gets a clear 400", async ({ request }) => {
  const response = await curl(request, {
    method: "PUT",
    path: "/api/v2/webhook",
    token,
    headers: { "Content-Type": "application/json" },
    data: '{\n"url": "webhook_url",\n"signature_enabled": true/false, //specify the security method\n"profile_create": true/false,\n}',
  });
  const error = await json<{ error: { code: string; message: string } }>(response, 400);
  expect(error.error.code).toBe("BAD_REQUEST");
  expect(error.error.message).toMatch(/not valid JSON/);
});
