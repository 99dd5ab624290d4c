import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/test-database";
import { createTestTenant } from "@/test/fixtures";
import type { Db } from "@/server/db/client";
import { createEndpoint } from "@/server/endpoints/create-endpoint";
import { upsertPrimaryWebhook } from "@/server/endpoints/upsert-primary-webhook";
import { api, apiKeyFor, platformKeyFor, tenantSnapshot, type ApiCall } from "./rest-test-support";
import { configureApiRateLimit } from "./rate-limit";
import { MAX_BATCH_BODY_BYTES, MAX_BODY_BYTES } from "./body";

const current = vi.hoisted(() => ({ db: undefined as unknown }));
vi.mock("@/server/db", () => ({ getDb: async () => current.db, closeDb: async () => {} }));

let database: TestDatabase;
let db: Db;

/** A tenant with an endpoint, a primary webhook, a failed and a pending delivery; and one with nothing. */
const fixture = {
  tenantId: "",
  bareTenantId: "",
  key: "",
  readKey: "",
  bareKey: "",
  endpointId: "",
  failedTaskId: "",
  pendingTaskId: "",
  messageId: "",
  platformKey: "",
  platformReadKey: "",
};

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.prisma;
  current.db = db;
  configureApiRateLimit({ points: 1_000_000, durationSeconds: 1 });
  const { tenantId } = await createTestTenant(db);
  const bare = await createTestTenant(db);
  const endpoint = await createEndpoint({ db, tenantId, input: { url: "https://example.com/hook", enabled_events: ["profile_create"] } });
  await upsertPrimaryWebhook({ db, tenantId, input: { url: "https://example.com/primary", signature_enabled: true } });
  const message = await db.message.create({ data: { tenantId, eventType: "profile_create", payload: {} } });
  const failed = await db.delivery.create({ data: { tenantId, endpointId: endpoint.id, messageId: message.id, status: "failed" } });
  const pending = await db.delivery.create({ data: { tenantId, endpointId: endpoint.id, messageId: message.id, status: "pending" } });
  Object.assign(fixture, {
    tenantId,
    bareTenantId: bare.tenantId,
    key: await apiKeyFor(db, tenantId),
    readKey: await apiKeyFor(db, tenantId, ["read"]),
    bareKey: await apiKeyFor(db, bare.tenantId),
    endpointId: endpoint.id,
    failedTaskId: failed.id,
    pendingTaskId: pending.id,
    messageId: message.id,
    platformKey: await platformKeyFor(db),
    platformReadKey: await platformKeyFor(db, ["tenants:read", "read"]),
  });
  await db.tenant.update({ where: { id: bare.tenantId }, data: { externalId: "cus_bare" } });
});
afterAll(async () => {
  await database.close();
});

type Case = {
  name: string;
  target: string | (() => string);
  call?: (keys: typeof fixture) => ApiCall;
  status: number;
  code: string;
  /** the bare tenant (no endpoints, no primary webhook) */
  bare?: boolean;
};

const key = (f: typeof fixture) => ({ key: f.key });
const withBody = (body: unknown) => (f: typeof fixture) => ({ key: f.key, body });
const endpointPath = (suffix = "") => () => `/api/v2/webhook_endpoint/${fixture.endpointId}${suffix}`;
const seedRetryBodyWithoutCommas = `{
"task_id": "task_id"
"body": "body"
"customer_id": "customer_id"
"webhook_id": "webhook_id"
"event_type": "event_type"
}`;

const cases: Case[] = [
  // GET /api/v2/events
  { name: "no key", target: "GET /api/v2/events", status: 401, code: "UNAUTHORIZED" },
  { name: "unknown key", target: "GET /api/v2/events", call: () => ({ key: `hk_live_${"0".repeat(32)}` }), status: 401, code: "UNAUTHORIZED" },

  // GET|POST /api/v2/webhook_endpoint
  { name: "limit 0", target: "GET /api/v2/webhook_endpoint?limit=0", call: key, status: 422, code: "UNPROCESSABLE" },
  { name: "limit not a number", target: "GET /api/v2/webhook_endpoint?limit=ten", call: key, status: 422, code: "UNPROCESSABLE" },
  { name: "bad cursor", target: "GET /api/v2/webhook_endpoint?cursor=garbage", call: key, status: 400, code: "BAD_REQUEST" },
  { name: "unknown query parameter", target: "GET /api/v2/webhook_endpoint?sort=url", call: key, status: 422, code: "UNPROCESSABLE" },
  { name: "no key", target: "POST /api/v2/webhook_endpoint", call: () => ({ body: { url: "https://example.com" } }), status: 401, code: "UNAUTHORIZED" },
  { name: "read-only key", target: "POST /api/v2/webhook_endpoint", call: (f) => ({ key: f.readKey, body: { url: "https://example.com" } }), status: 403, code: "FORBIDDEN" },
  { name: "malformed JSON", target: "POST /api/v2/webhook_endpoint", call: withBody('{"url": '), status: 400, code: "BAD_REQUEST" },
  { name: "no body", target: "POST /api/v2/webhook_endpoint", call: key, status: 422, code: "UNPROCESSABLE" },
  { name: "array body", target: "POST /api/v2/webhook_endpoint", call: withBody([]), status: 422, code: "UNPROCESSABLE" },
  { name: "seed placeholder url", target: "POST /api/v2/webhook_endpoint", call: withBody({ url: "webhook_url", enabled_events: [], custom_headers: {}, metadata: {} }), status: 422, code: "UNPROCESSABLE" },
  { name: "javascript: url", target: "POST /api/v2/webhook_endpoint", call: withBody({ url: "javascript:alert(1)" }), status: 422, code: "UNPROCESSABLE" },
  { name: "url not a string", target: "POST /api/v2/webhook_endpoint", call: withBody({ url: 42 }), status: 422, code: "UNPROCESSABLE" },
  { name: "unknown event", target: "POST /api/v2/webhook_endpoint", call: withBody({ url: "https://example.com", enabled_events: ["profile_delete"] }), status: 422, code: "UNPROCESSABLE" },
  { name: "enabled_events not a list", target: "POST /api/v2/webhook_endpoint", call: withBody({ url: "https://example.com", enabled_events: "profile_create" }), status: 422, code: "UNPROCESSABLE" },
  { name: "hop-by-hop custom header", target: "POST /api/v2/webhook_endpoint", call: withBody({ url: "https://example.com", custom_headers: { "Transfer-Encoding": "chunked" } }), status: 422, code: "UNPROCESSABLE" },
  { name: "signature custom header", target: "POST /api/v2/webhook_endpoint", call: withBody({ url: "https://example.com", custom_headers: { "X-Signature": "forged" } }), status: 422, code: "UNPROCESSABLE" },
  { name: "custom header value not a string", target: "POST /api/v2/webhook_endpoint", call: withBody({ url: "https://example.com", custom_headers: { "X-A": 1 } }), status: 422, code: "UNPROCESSABLE" },
  { name: "nested metadata", target: "POST /api/v2/webhook_endpoint", call: withBody({ url: "https://example.com", metadata: { a: { b: "c" } } }), status: 422, code: "UNPROCESSABLE" },
  { name: "metadata value with NUL", target: "POST /api/v2/webhook_endpoint", call: withBody({ url: "https://example.com", metadata: { team: "pay\u0000ments" } }), status: 422, code: "UNPROCESSABLE" },
  { name: "description with NUL", target: "POST /api/v2/webhook_endpoint", call: withBody({ url: "https://example.com", description: "@\u0000\udb84\udc8e" }), status: 422, code: "UNPROCESSABLE" },
  { name: "description with NUL on update", target: () => `PUT ${endpointPath()()}`, call: withBody({ description: "a\u0000b" }), status: 422, code: "UNPROCESSABLE" },
  { name: "empty metadata key", target: "POST /api/v2/webhook_endpoint", call: withBody({ url: "https://example.com", metadata: { "": "payments" } }), status: 422, code: "UNPROCESSABLE" },
  { name: "negative retry_count", target: "POST /api/v2/webhook_endpoint", call: withBody({ url: "https://example.com", retry_count: -1 }), status: 422, code: "UNPROCESSABLE" },
  { name: "fractional retry_interval", target: "POST /api/v2/webhook_endpoint", call: withBody({ url: "https://example.com", retry_interval: 1.5 }), status: 422, code: "UNPROCESSABLE" },
  { name: "unknown signature scheme", target: "POST /api/v2/webhook_endpoint", call: withBody({ url: "https://example.com", signature_scheme: "md5" }), status: 422, code: "UNPROCESSABLE" },
  { name: "Basic auth without settings", target: "POST /api/v2/webhook_endpoint", call: withBody({ url: "https://example.com", auth_type: "Basic" }), status: 422, code: "UNPROCESSABLE" },
  { name: "Bearer settings without auth_type (None)", target: "POST /api/v2/webhook_endpoint", call: withBody({ url: "https://example.com", auth_settings: { token: "t" } }), status: 422, code: "UNPROCESSABLE" },
  { name: "unknown field", target: "POST /api/v2/webhook_endpoint", call: withBody({ url: "https://example.com", events: ["profile_create"] }), status: 422, code: "UNPROCESSABLE" },
  { name: "body over 1 MiB", target: "POST /api/v2/webhook_endpoint", call: withBody({ url: "https://example.com", description: "x".repeat(MAX_BODY_BYTES) }), status: 413, code: "PAYLOAD_TOO_LARGE" },

  // GET|PUT|DELETE /api/v2/webhook_endpoint/{id}
  { name: "id not a UUID", target: "GET /api/v2/webhook_endpoint/endpoint_id", call: key, status: 404, code: "NOT_FOUND" },
  { name: "unknown id", target: () => `GET /api/v2/webhook_endpoint/${randomUUID()}`, call: key, status: 404, code: "NOT_FOUND" },
  { name: "unknown id", target: () => `PUT /api/v2/webhook_endpoint/${randomUUID()}`, call: withBody({ description: "x" }), status: 404, code: "NOT_FOUND" },
  { name: "invalid url", target: () => `PUT ${endpointPath()()}`, call: withBody({ url: "not a url" }), status: 422, code: "UNPROCESSABLE" },
  { name: "url and base_url", target: () => `PUT ${endpointPath()()}`, call: withBody({ url: "https://a.example", base_url: "https://b.example" }), status: 422, code: "UNPROCESSABLE" },
  { name: "relative_path on a plain url", target: () => `PUT ${endpointPath()()}`, call: withBody({ relative_path: "/x" }), status: 422, code: "UNPROCESSABLE" },
  { name: "new auth type without settings", target: () => `PUT ${endpointPath()()}`, call: withBody({ auth_type: "Bearer" }), status: 422, code: "UNPROCESSABLE" },
  { name: "malformed JSON", target: () => `PUT ${endpointPath()()}`, call: withBody("{url"), status: 400, code: "BAD_REQUEST" },
  { name: "is_active as a string", target: () => `PUT ${endpointPath()()}`, call: withBody({ is_active: "false" }), status: 422, code: "UNPROCESSABLE" },
  { name: "read-only key", target: () => `DELETE ${endpointPath()()}`, call: (f) => ({ key: f.readKey }), status: 403, code: "FORBIDDEN" },
  { name: "unknown id", target: () => `DELETE /api/v2/webhook_endpoint/${randomUUID()}`, call: key, status: 404, code: "NOT_FOUND" },
  { name: "id not a UUID", target: "DELETE /api/v2/webhook_endpoint/1", call: key, status: 404, code: "NOT_FOUND" },

  // GET|PATCH /api/v2/webhook_endpoint/{id}/secret
  { name: "unknown id", target: () => `GET /api/v2/webhook_endpoint/${randomUUID()}/secret`, call: key, status: 404, code: "NOT_FOUND" },
  { name: "read-only key", target: () => `GET ${endpointPath("/secret")()}`, call: (f) => ({ key: f.readKey }), status: 403, code: "FORBIDDEN" },
  { name: "negative overlap", target: () => `PATCH ${endpointPath("/secret")()}`, call: withBody({ overlap_seconds: -1 }), status: 422, code: "UNPROCESSABLE" },
  { name: "overlap as a string", target: () => `PATCH ${endpointPath("/secret")()}`, call: withBody({ overlap_seconds: "60" }), status: 422, code: "UNPROCESSABLE" },
  { name: "unknown field", target: () => `PATCH ${endpointPath("/secret")()}`, call: withBody({ secret: "mine" }), status: 422, code: "UNPROCESSABLE" },
  { name: "malformed JSON", target: () => `PATCH ${endpointPath("/secret")()}`, call: withBody("{"), status: 400, code: "BAD_REQUEST" },
  { name: "unknown id", target: () => `PATCH /api/v2/webhook_endpoint/${randomUUID()}/secret`, call: key, status: 404, code: "NOT_FOUND" },

  // GET /api/v2/webhook_endpoint/{id}/logs
  { name: "unknown status", target: () => `GET ${endpointPath("/logs?status=lost")()}`, call: key, status: 422, code: "UNPROCESSABLE" },
  { name: "limit over 100", target: () => `GET ${endpointPath("/logs?limit=1000")()}`, call: key, status: 422, code: "UNPROCESSABLE" },
  { name: "since not a date", target: () => `GET ${endpointPath("/logs?since=yesterday")()}`, call: key, status: 422, code: "UNPROCESSABLE" },
  { name: "until a number, not a date-time", target: () => `GET ${endpointPath("/logs?until=0.5")()}`, call: key, status: 422, code: "UNPROCESSABLE" },
  { name: "since a date without time zone", target: () => `GET ${endpointPath("/logs?since=2025-03-01T00:00:00")()}`, call: key, status: 422, code: "UNPROCESSABLE" },
  { name: "bad cursor", target: () => `GET ${endpointPath("/logs?cursor=xyz")()}`, call: key, status: 400, code: "BAD_REQUEST" },
  { name: "unknown id", target: () => `GET /api/v2/webhook_endpoint/${randomUUID()}/logs`, call: key, status: 404, code: "NOT_FOUND" },

  // POST /api/v2/webhook_endpoint/retry
  { name: "seed body without commas", target: "POST /api/v2/webhook_endpoint/retry", call: withBody(seedRetryBodyWithoutCommas), status: 400, code: "BAD_REQUEST" },
  { name: "task_id missing", target: "POST /api/v2/webhook_endpoint/retry", call: withBody({ body: "body" }), status: 422, code: "UNPROCESSABLE" },
  { name: "task_id not a UUID", target: "POST /api/v2/webhook_endpoint/retry", call: withBody({ task_id: "task_id" }), status: 422, code: "UNPROCESSABLE" },
  { name: "unknown task", target: "POST /api/v2/webhook_endpoint/retry", call: () => ({ key: fixture.key, body: { task_id: randomUUID() } }), status: 404, code: "NOT_FOUND" },
  { name: "task of another webhook", target: "POST /api/v2/webhook_endpoint/retry", call: (f) => ({ key: f.key, body: { task_id: f.failedTaskId, webhook_id: randomUUID() } }), status: 404, code: "NOT_FOUND" },
  { name: "wrong event_type", target: "POST /api/v2/webhook_endpoint/retry", call: (f) => ({ key: f.key, body: { task_id: f.failedTaskId, event_type: "document_upload" } }), status: 422, code: "UNPROCESSABLE" },
  { name: "task still pending", target: "POST /api/v2/webhook_endpoint/retry", call: (f) => ({ key: f.key, body: { task_id: f.pendingTaskId } }), status: 409, code: "CONFLICT" },
  { name: "read-only key", target: "POST /api/v2/webhook_endpoint/retry", call: (f) => ({ key: f.readKey, body: { task_id: f.failedTaskId } }), status: 403, code: "FORBIDDEN" },

  // POST /api/v2/webhook_endpoint/{id}/test
  { name: "no event", target: () => `POST ${endpointPath("/test")()}`, call: key, status: 422, code: "UNPROCESSABLE" },
  { name: "unknown event", target: () => `POST ${endpointPath("/test?event=event_name")()}`, call: key, status: 422, code: "UNPROCESSABLE" },
  { name: "payload not matching the schema", target: () => `POST ${endpointPath("/test?event=profile_create")()}`, call: withBody({ payload: { profile: 1 } }), status: 422, code: "UNPROCESSABLE" },
  { name: "unknown body field", target: () => `POST ${endpointPath("/test?event=profile_create")()}`, call: withBody({ data: {} }), status: 422, code: "UNPROCESSABLE" },
  { name: "unknown id", target: () => `POST /api/v2/webhook_endpoint/${randomUUID()}/test?event=profile_create`, call: key, status: 404, code: "NOT_FOUND" },

  // GET /api/v2/webhook/events
  { name: "no key", target: "GET /api/v2/webhook/events", status: 401, code: "UNAUTHORIZED" },

  // GET|PUT /api/v2/webhook
  { name: "no webhook yet", target: "GET /api/v2/webhook", call: (f) => ({ key: f.bareKey }), status: 404, code: "NOT_FOUND", bare: true },
  { name: "first PUT without url", target: "PUT /api/v2/webhook", call: (f) => ({ key: f.bareKey, body: { signature_enabled: true } }), status: 422, code: "UNPROCESSABLE", bare: true },
  { name: "first PUT without signature_enabled", target: "PUT /api/v2/webhook", call: (f) => ({ key: f.bareKey, body: { url: "https://example.com" } }), status: 422, code: "UNPROCESSABLE", bare: true },
  { name: "seed's true/false placeholder", target: "PUT /api/v2/webhook", call: withBody('{"url": "https://example.com", "signature_enabled": true/false}'), status: 400, code: "BAD_REQUEST" },
  { name: "unknown event name", target: "PUT /api/v2/webhook", call: withBody({ event_name: true }), status: 422, code: "UNPROCESSABLE" },
  { name: "event flag as a string", target: "PUT /api/v2/webhook", call: withBody({ profile_create: "true" }), status: 422, code: "UNPROCESSABLE" },
  { name: "invalid url", target: "PUT /api/v2/webhook", call: withBody({ url: "webhook_url" }), status: 422, code: "UNPROCESSABLE" },
  { name: "read-only key", target: "PUT /api/v2/webhook", call: (f) => ({ key: f.readKey, body: { profile_create: true } }), status: 403, code: "FORBIDDEN" },

  // GET|PATCH /api/v2/webhook/token
  { name: "no webhook yet", target: "GET /api/v2/webhook/token", call: (f) => ({ key: f.bareKey }), status: 404, code: "NOT_FOUND", bare: true },
  { name: "no webhook yet", target: "PATCH /api/v2/webhook/token", call: (f) => ({ key: f.bareKey }), status: 404, code: "NOT_FOUND", bare: true },
  { name: "read-only key", target: "PATCH /api/v2/webhook/token", call: (f) => ({ key: f.readKey }), status: 403, code: "FORBIDDEN" },

  // POST /api/v2/messages, GET /api/v2/messages/{id}
  { name: "unknown event type", target: "POST /api/v2/messages", call: withBody({ event_type: "profile_delete", payload: {} }), status: 422, code: "UNPROCESSABLE" },
  { name: "payload not matching the schema", target: "POST /api/v2/messages", call: withBody({ event_type: "RiskAssessmentCalculated", payload: { Risk: "Extreme" } }), status: 422, code: "UNPROCESSABLE" },
  { name: "no payload", target: "POST /api/v2/messages", call: withBody({ event_type: "profile_create" }), status: 422, code: "UNPROCESSABLE" },
  { name: "empty Idempotency-Key header", target: "POST /api/v2/messages", call: (f) => ({ key: f.key, body: { event_type: "user.created", payload: {} }, headers: { "Idempotency-Key": " " } }), status: 422, code: "UNPROCESSABLE" },
  { name: "malformed JSON", target: "POST /api/v2/messages", call: withBody('{"event_type": "profile_create", payload: {}}'), status: 400, code: "BAD_REQUEST" },
  { name: "read-only key", target: "POST /api/v2/messages", call: (f) => ({ key: f.readKey, body: { event_type: "user.created", payload: {} } }), status: 403, code: "FORBIDDEN" },

  // POST /api/v2/messages/batch
  { name: "no messages", target: "POST /api/v2/messages/batch", call: withBody({ messages: [] }), status: 422, code: "UNPROCESSABLE" },
  { name: "messages not a list", target: "POST /api/v2/messages/batch", call: withBody({ messages: { event_type: "user.created", payload: {} } }), status: 422, code: "UNPROCESSABLE" },
  { name: "one message invalid", target: "POST /api/v2/messages/batch", call: withBody({ messages: [{ event_type: "user.created", payload: {} }, { event_type: "profile_delete", payload: {} }] }), status: 422, code: "UNPROCESSABLE" },
  { name: "tenant key naming a tenant", target: "POST /api/v2/messages/batch", call: (f) => ({ key: f.key, body: { messages: [{ event_type: "user.created", payload: {}, tenant_id: f.tenantId }] } }), status: 422, code: "UNPROCESSABLE" },
  { name: "platform key, message without a tenant", target: "POST /api/v2/messages/batch", call: (f) => ({ key: f.platformKey, body: { messages: [{ event_type: "user.created", payload: {} }] } }), status: 422, code: "UNPROCESSABLE" },
  { name: "platform key, message naming no tenant", target: "POST /api/v2/messages/batch", call: (f) => ({ key: f.platformKey, body: { messages: [{ event_type: "user.created", payload: {}, tenant_id: "cus_nobody" }] } }), status: 422, code: "UNPROCESSABLE" },
  { name: "Idempotency-Key header", target: "POST /api/v2/messages/batch", call: (f) => ({ key: f.key, body: { messages: [{ event_type: "user.created", payload: {} }] }, headers: { "Idempotency-Key": "k" } }), status: 422, code: "UNPROCESSABLE" },
  { name: "body over 5 MiB", target: "POST /api/v2/messages/batch", call: withBody({ messages: [{ event_type: "user.created", payload: { note: "x".repeat(MAX_BATCH_BODY_BYTES) } }] }), status: 413, code: "PAYLOAD_TOO_LARGE" },
  { name: "read-only key", target: "POST /api/v2/messages/batch", call: (f) => ({ key: f.readKey, body: { messages: [{ event_type: "user.created", payload: {} }] } }), status: 403, code: "FORBIDDEN" },
  { name: "id not a UUID", target: "GET /api/v2/messages/message_id", call: key, status: 404, code: "NOT_FOUND" },
  { name: "unknown id", target: () => `GET /api/v2/messages/${randomUUID()}`, call: key, status: 404, code: "NOT_FOUND" },
  // GET /api/v2/messages/{id}/payload
  { name: "id not a UUID", target: "GET /api/v2/messages/message_id/payload", call: key, status: 404, code: "NOT_FOUND" },
  { name: "unknown id", target: () => `GET /api/v2/messages/${randomUUID()}/payload`, call: key, status: 404, code: "NOT_FOUND" },

  // GET|POST /notifications/webhooks (seed 004: the fixture's endpoint is a subscription too)
  { name: "no key", target: "GET /notifications/webhooks", status: 401, code: "UNAUTHORIZED" },
  { name: "limit 0", target: "GET /notifications/webhooks?limit=0", call: key, status: 422, code: "UNPROCESSABLE" },
  { name: "bad cursor", target: "GET /notifications/webhooks?cursor=garbage", call: key, status: 400, code: "BAD_REQUEST" },
  { name: "unknown query parameter", target: "GET /notifications/webhooks?filter=x", call: key, status: 422, code: "UNPROCESSABLE" },
  { name: "read-only key", target: "POST /notifications/webhooks", call: (f) => ({ key: f.readKey, body: { url: "https://example.com/new", subscribedEvents: ["*"] } }), status: 403, code: "FORBIDDEN" },
  { name: "malformed JSON", target: "POST /notifications/webhooks", call: withBody('{"url": "https://example.com/new", subscribedEvents: []}'), status: 400, code: "BAD_REQUEST" },
  { name: "no body", target: "POST /notifications/webhooks", call: key, status: 422, code: "UNPROCESSABLE" },
  { name: "no subscribedEvents", target: "POST /notifications/webhooks", call: withBody({ url: "https://example.com/new" }), status: 422, code: "UNPROCESSABLE" },
  { name: "no url", target: "POST /notifications/webhooks", call: withBody({ subscribedEvents: ["user.created"] }), status: 422, code: "UNPROCESSABLE" },
  { name: "url not a URL", target: "POST /notifications/webhooks", call: withBody({ url: "URL", subscribedEvents: ["user.created"] }), status: 422, code: "UNPROCESSABLE" },
  { name: "unknown event type", target: "POST /notifications/webhooks", call: withBody({ url: "https://example.com/new", subscribedEvents: ["user.deleted"] }), status: 422, code: "UNPROCESSABLE" },
  { name: "no event type", target: "POST /notifications/webhooks", call: withBody({ url: "https://example.com/new", subscribedEvents: [] }), status: 422, code: "UNPROCESSABLE" },
  { name: "subscribedEvents a number", target: "POST /notifications/webhooks", call: withBody({ url: "https://example.com/new", subscribedEvents: 1 }), status: 422, code: "UNPROCESSABLE" },
  { name: "empty name", target: "POST /notifications/webhooks", call: withBody({ url: "https://example.com/new", subscribedEvents: ["*"], name: " " }), status: 422, code: "UNPROCESSABLE" },
  { name: "unknown field", target: "POST /notifications/webhooks", call: withBody({ url: "https://example.com/new", subscribedEvents: ["*"], enabled_events: ["*"] }), status: 422, code: "UNPROCESSABLE" },
  { name: "URL already subscribed", target: "POST /notifications/webhooks", call: withBody({ url: "https://example.com/hook", subscribedEvents: ["*"] }), status: 409, code: "CONFLICT" },
  { name: "body over 1 MiB", target: "POST /notifications/webhooks", call: withBody({ url: "https://example.com/new", subscribedEvents: ["*"], description: "x".repeat(MAX_BODY_BYTES) }), status: 413, code: "PAYLOAD_TOO_LARGE" },

  // GET|POST|DELETE /notifications/webhooks/{webhookId}
  { name: "id not a UUID", target: "GET /notifications/webhooks/webhookId", call: key, status: 404, code: "NOT_FOUND" },
  { name: "unknown id", target: () => `GET /notifications/webhooks/${randomUUID()}`, call: key, status: 404, code: "NOT_FOUND" },
  { name: "unknown id", target: () => `POST /notifications/webhooks/${randomUUID()}`, call: withBody({ name: "x" }), status: 404, code: "NOT_FOUND" },
  { name: "malformed JSON", target: () => `POST /notifications/webhooks/${fixture.endpointId}`, call: withBody("{name"), status: 400, code: "BAD_REQUEST" },
  { name: "no body", target: () => `POST /notifications/webhooks/${fixture.endpointId}`, call: key, status: 422, code: "UNPROCESSABLE" },
  { name: "unknown event type", target: () => `POST /notifications/webhooks/${fixture.endpointId}`, call: withBody({ subscribedEvents: "user.deleted" }), status: 422, code: "UNPROCESSABLE" },
  { name: "name too long", target: () => `POST /notifications/webhooks/${fixture.endpointId}`, call: withBody({ name: "x".repeat(201) }), status: 422, code: "UNPROCESSABLE" },
  { name: "another subscription's URL", target: () => `POST /notifications/webhooks/${fixture.endpointId}`, call: withBody({ url: "https://example.com/primary" }), status: 409, code: "CONFLICT" },
  { name: "read-only key", target: () => `POST /notifications/webhooks/${fixture.endpointId}`, call: (f) => ({ key: f.readKey, body: { name: "x" } }), status: 403, code: "FORBIDDEN" },
  { name: "read-only key", target: () => `DELETE /notifications/webhooks/${fixture.endpointId}`, call: (f) => ({ key: f.readKey }), status: 403, code: "FORBIDDEN" },
  { name: "unknown id", target: () => `DELETE /notifications/webhooks/${randomUUID()}`, call: key, status: 404, code: "NOT_FOUND" },

  // GET /notifications/webhooks/{webhookId}/messages and …/{messageId}
  { name: "unknown id", target: () => `GET /notifications/webhooks/${randomUUID()}/messages`, call: key, status: 404, code: "NOT_FOUND" },
  { name: "limit over 500", target: () => `GET /notifications/webhooks/${fixture.endpointId}/messages?limit=501`, call: key, status: 422, code: "UNPROCESSABLE" },
  { name: "filter not in the syntax", target: () => `GET /notifications/webhooks/${fixture.endpointId}/messages?filter=status%3Dfailed`, call: key, status: 422, code: "UNPROCESSABLE" },
  { name: "filter on an unknown status", target: () => `GET /notifications/webhooks/${fixture.endpointId}/messages?filter=status.eq('lost')`, call: key, status: 422, code: "UNPROCESSABLE" },
  { name: "bad cursor", target: () => `GET /notifications/webhooks/${fixture.endpointId}/messages?cursor=xyz`, call: key, status: 400, code: "BAD_REQUEST" },
  { name: "message id not a UUID", target: () => `GET /notifications/webhooks/${fixture.endpointId}/messages/messageId`, call: key, status: 404, code: "NOT_FOUND" },
  { name: "unknown message", target: () => `GET /notifications/webhooks/${fixture.endpointId}/messages/${randomUUID()}`, call: key, status: 404, code: "NOT_FOUND" },
  { name: "message of another webhook", target: () => `GET /notifications/webhooks/${randomUUID()}/messages/${fixture.failedTaskId}`, call: key, status: 404, code: "NOT_FOUND" },

  // POST /notifications/messages/test
  { name: "no events", target: "POST /notifications/messages/test", call: withBody({ url: "https://example.com/hook" }), status: 422, code: "UNPROCESSABLE" },
  { name: "events and eventTypeIds", target: "POST /notifications/messages/test", call: withBody({ url: "https://example.com/hook", events: ["user.created"], eventTypeIds: ["user.created"] }), status: 422, code: "UNPROCESSABLE" },
  { name: "unknown event type", target: "POST /notifications/messages/test", call: withBody({ url: "https://example.com/hook", events: ["user.deleted"] }), status: 422, code: "UNPROCESSABLE" },
  { name: "the wildcard", target: "POST /notifications/messages/test", call: withBody({ url: "https://example.com/hook", events: ["*"] }), status: 422, code: "UNPROCESSABLE" },
  { name: "URL of no subscription", target: "POST /notifications/messages/test", call: withBody({ url: "https://example.com/nobody", events: ["user.created"] }), status: 422, code: "UNPROCESSABLE" },
  { name: "malformed JSON", target: "POST /notifications/messages/test", call: withBody("{url: 1}"), status: 400, code: "BAD_REQUEST" },
  { name: "read-only key", target: "POST /notifications/messages/test", call: (f) => ({ key: f.readKey, body: { url: "https://example.com/hook", events: ["user.created"] } }), status: 403, code: "FORBIDDEN" },

  // GET /events/types, GET /events/{eventId}
  { name: "no key", target: "GET /events/types", status: 401, code: "UNAUTHORIZED" },
  { name: "id not a UUID", target: "GET /events/eventId", call: key, status: 404, code: "NOT_FOUND" },
  { name: "unknown id", target: () => `GET /events/${randomUUID()}`, call: key, status: 404, code: "NOT_FOUND" },

  // the tenants API: platform keys only
  { name: "tenant key", target: "GET /api/v2/tenants", call: key, status: 404, code: "NOT_FOUND" },
  { name: "bad cursor", target: "GET /api/v2/tenants?cursor=xyz", call: (f) => ({ key: f.platformKey }), status: 400, code: "BAD_REQUEST" },
  { name: "limit over 100", target: "GET /api/v2/tenants?limit=101", call: (f) => ({ key: f.platformKey }), status: 422, code: "UNPROCESSABLE" },
  { name: "no name", target: "POST /api/v2/tenants", call: (f) => ({ key: f.platformKey, body: { external_id: "cus_x" } }), status: 422, code: "UNPROCESSABLE" },
  { name: "metadata not strings", target: "POST /api/v2/tenants", call: (f) => ({ key: f.platformKey, body: { name: "X", metadata: { plan: { nested: 1 } } } }), status: 422, code: "UNPROCESSABLE" },
  { name: "metadata value with NUL", target: "POST /api/v2/tenants", call: (f) => ({ key: f.platformKey, body: { name: "X", metadata: { plan: "gold\u0000" } } }), status: 422, code: "UNPROCESSABLE" },
  { name: "metadata key with a lone surrogate", target: "POST /api/v2/tenants", call: (f) => ({ key: f.platformKey, body: { name: "X", metadata: { "plan\uD800": "gold" } } }), status: 422, code: "UNPROCESSABLE" },
  { name: "duplicate external id", target: "POST /api/v2/tenants", call: (f) => ({ key: f.platformKey, body: { name: "X", external_id: "cus_bare" } }), status: 409, code: "CONFLICT" },
  { name: "malformed JSON", target: "POST /api/v2/tenants", call: (f) => ({ key: f.platformKey, body: "{name:" }), status: 400, code: "BAD_REQUEST" },
  { name: "body over 1 MiB", target: "POST /api/v2/tenants", call: (f) => ({ key: f.platformKey, body: { name: "x".repeat(MAX_BODY_BYTES) } }), status: 413, code: "PAYLOAD_TOO_LARGE" },
  { name: "read-only platform key", target: "POST /api/v2/tenants", call: (f) => ({ key: f.platformReadKey, body: { name: "X" } }), status: 403, code: "FORBIDDEN" },
  { name: "unknown tenant", target: "GET /api/v2/tenants/cus_nobody", call: (f) => ({ key: f.platformKey }), status: 404, code: "NOT_FOUND" },
  { name: "tenant key", target: () => `GET /api/v2/tenants/${fixture.tenantId}`, call: key, status: 404, code: "NOT_FOUND" },
  { name: "external id taken", target: () => `PATCH /api/v2/tenants/${fixture.tenantId}`, call: (f) => ({ key: f.platformKey, body: { external_id: "cus_bare" } }), status: 409, code: "CONFLICT" },
  { name: "unknown field", target: () => `PATCH /api/v2/tenants/${fixture.tenantId}`, call: (f) => ({ key: f.platformKey, body: { slug: "mine" } }), status: 422, code: "UNPROCESSABLE" },
  { name: "unknown tenant", target: "DELETE /api/v2/tenants/cus_nobody", call: (f) => ({ key: f.platformKey }), status: 404, code: "NOT_FOUND" },
  { name: "tenant key", target: () => `DELETE /api/v2/tenants/${fixture.tenantId}`, call: key, status: 404, code: "NOT_FOUND" },
  { name: "expires_in over 24 h", target: () => `POST /api/v2/tenants/${fixture.tenantId}/portal-links`, call: (f) => ({ key: f.platformKey, body: { expires_in: 86_401 } }), status: 422, code: "UNPROCESSABLE" },
  { name: "unknown capability", target: () => `POST /api/v2/tenants/${fixture.tenantId}/portal-links`, call: (f) => ({ key: f.platformKey, body: { capability: "owner" } }), status: 422, code: "UNPROCESSABLE" },
  { name: "without the portal-links scope", target: () => `POST /api/v2/tenants/${fixture.tenantId}/portal-links`, call: (f) => ({ key: f.platformReadKey }), status: 403, code: "FORBIDDEN" },

  // acting for a tenant: the header is required of platform keys and refused from tenant keys
  { name: "platform key without Hookline-Tenant", target: "POST /api/v2/messages", call: (f) => ({ key: f.platformKey, body: { event_type: "user.created", payload: {} } }), status: 400, code: "BAD_REQUEST" },
  { name: "tenant key with Hookline-Tenant", target: "GET /api/v2/webhook_endpoint", call: (f) => ({ key: f.key, headers: { "Hookline-Tenant": f.tenantId } }), status: 400, code: "BAD_REQUEST" },
  { name: "Hookline-Tenant naming no tenant", target: "GET /api/v2/webhook_endpoint", call: (f) => ({ key: f.platformKey, headers: { "Hookline-Tenant": "cus_nobody" } }), status: 404, code: "NOT_FOUND" },
  { name: "platform key lacking tenants:write", target: "POST /api/v2/webhook_endpoint", call: (f) => ({ key: f.platformReadKey, headers: { "Hookline-Tenant": f.tenantId }, body: { url: "https://example.com/x" } }), status: 403, code: "FORBIDDEN" },
];

describe("bad input on every route: the right 4xx, one error shape, nothing written", () => {
  it.each(cases.map((c) => [typeof c.target === "string" ? c.target.split("?")[0]! : "(path with id)", c.name, c] as const))(
    "%s — %s",
    async (_route, _name, testCase) => {
      const tenantId = testCase.bare ? fixture.bareTenantId : fixture.tenantId;
      const before = await tenantSnapshot(db, tenantId);
      const target = typeof testCase.target === "string" ? testCase.target : testCase.target();
      const response = await api(target, testCase.call?.(fixture) ?? {});
      expect(response.status, response.text).toBe(testCase.status);
      expect(response.headers.get("content-type")).toMatch(/^application\/json/);
      expect(response.body).toEqual({
        error: { code: testCase.code, message: expect.any(String), ...(response.body as { error: { details?: unknown } }).error.details !== undefined && { details: expect.anything() } },
      });
      if (testCase.status === 422 && testCase.code === "UNPROCESSABLE") {
        const details = (response.body as { error: { details?: { issues?: unknown[] } } }).error.details;
        // every validation error says where; unknown event types point at the catalog instead
        expect(details?.issues ?? details).toBeTruthy();
      }
      expect(await tenantSnapshot(db, tenantId)).toBe(before);
    },
  );

  it("covers every route of the API", async () => {
    const { openApiDocument } = await import("./openapi");
    const documented = Object.entries(openApiDocument().paths ?? {}).flatMap(([path, item]) =>
      Object.keys(item as object).map((method) => `${method.toUpperCase()} ${path}`),
    );
    // the documented route a request reaches: a static segment wins over a path parameter, as in Next
    const routeOf = (target: string) => {
      const [method, url] = target.split(" ");
      const segments = new URL(url!, "http://x").pathname.split("/");
      const staticSegments = (route: string) => route.split("/").filter((part) => !part.startsWith("{")).length;
      return documented
        .filter((route) => {
          const [routeMethod, routePath] = route.split(" ");
          const parts = routePath!.split("/");
          return routeMethod === method && parts.length === segments.length && parts.every((part, i) => part.startsWith("{") || part === segments[i]);
        })
        .sort((a, b) => staticSegments(b) - staticSegments(a))[0];
    };
    const covered = new Set(cases.map((c) => routeOf(typeof c.target === "string" ? c.target : c.target())));
    const uncovered = documented.filter((route) => !covered.has(route) && route !== "GET /api/v2/openapi.json");
    expect(uncovered).toEqual([]);
  });
});
