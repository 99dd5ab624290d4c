import { fc, test } from "@fast-check/vitest";
import { afterAll, beforeAll, describe, expect, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/test-database";
import { createTestTenant } from "@/test/fixtures";
import type { Db } from "@/server/db/client";
import { createEndpoint } from "@/server/endpoints/create-endpoint";
import { api, apiKeyFor, tenantSnapshot, type ApiResponse } from "./rest-test-support";
import { configureApiRateLimit } from "./rate-limit";

const current = vi.hoisted(() => ({ db: undefined as unknown }));
vi.mock("@/server/db", () => ({ getDb: async () => current.db, closeDb: async () => {} }));

let database: TestDatabase;
let db: Db;
const fixture = { tenantId: "", key: "", endpointId: "" };

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.prisma;
  current.db = db;
  configureApiRateLimit({ points: 1_000_000, durationSeconds: 1 });
  const { tenantId } = await createTestTenant(db);
  const endpoint = await createEndpoint({ db, tenantId, input: { url: "https://example.com/hook" } });
  Object.assign(fixture, { tenantId, key: await apiKeyFor(db, tenantId), endpointId: endpoint.id });
});
afterAll(async () => {
  await database.close();
});

const runs = { numRuns: 40 };

function expectHandled(response: ApiResponse) {
  expect(response.status, response.text).toBeLessThan(500);
  expect(response.body, response.text).toBeDefined();
  if (response.status >= 400) {
    expect(response.body).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
  }
}

/** Refused requests must leave no trace; accepted ones may write. */
async function callAndCheck(target: string, body: unknown) {
  const before = await tenantSnapshot(db, fixture.tenantId);
  const response = await api(target, { key: fixture.key, body });
  expectHandled(response);
  if (response.status >= 400) expect(await tenantSnapshot(db, fixture.tenantId)).toBe(before);
  return response;
}

// bodies that can never be valid: text that is not a JSON object, and JSON that is not an object
const notAnObject = fc.oneof(
  fc.string({ minLength: 1 }).filter((text) => text.trim() !== "" && !text.trim().startsWith("{")),
  fc.jsonValue().filter((value) => value === null || typeof value !== "object" || Array.isArray(value)).map((value) => JSON.stringify(value)),
);

const endpointFields = ["url", "base_url", "relative_path", "description", "is_active", "enabled_events", "custom_headers", "metadata", "auth_type", "auth_settings", "signature_scheme", "retry_count", "retry_interval", "backoff", "timeout_ms", "rate_limit_per_second"];
const anyValue = fc.oneof(fc.jsonValue(), fc.constantFrom("https://example.com/x", "profile_create", "*", "Basic", "hmac", -1, 0, 1e9, "\r\n"));
const endpointLike = fc.dictionary(fc.oneof(fc.constantFrom(...endpointFields), fc.string()), anyValue, { maxKeys: 6 });
const webhookLike = fc.dictionary(fc.oneof(fc.constantFrom("url", "signature_enabled", "profile_create", "document_upload", "session.submitted"), fc.string()), anyValue, { maxKeys: 5 });
const messageLike = fc.record(
  { event_type: fc.oneof(fc.constantFrom("profile_create", "RiskAssessmentCalculated", "user.created"), fc.string()), payload: anyValue, idempotency_key: anyValue },
  { requiredKeys: [] },
);
const subscriptionLike = fc.dictionary(
  fc.oneof(fc.constantFrom("url", "subscribedEvents", "name", "description"), fc.string()),
  fc.oneof(anyValue, fc.constantFrom("user.created", "consent.revoked", "user.deleted"), fc.array(fc.constantFrom("user.created", "*", "user.deleted", ""))),
  { maxKeys: 5 },
);
// never a subscribed URL with known events: a valid test would really send to it
const testMessagesLike = fc.record(
  { url: fc.oneof(fc.constantFrom("https://example.com/nobody", "not a url"), fc.string()), events: anyValue, eventTypeIds: anyValue },
  { requiredKeys: [] },
);
const retryLike = fc.record(
  { task_id: fc.oneof(fc.uuid(), fc.string()), webhook_id: anyValue, event_type: anyValue, body: anyValue, customer_id: anyValue },
  { requiredKeys: [] },
);

const bodyRoutes: [name: string, target: () => string][] = [
  ["POST /api/v2/webhook_endpoint", () => "POST /api/v2/webhook_endpoint"],
  ["PUT /api/v2/webhook_endpoint/{id}", () => `PUT /api/v2/webhook_endpoint/${fixture.endpointId}`],
  ["PATCH /api/v2/webhook_endpoint/{id}/secret", () => `PATCH /api/v2/webhook_endpoint/${fixture.endpointId}/secret`],
  ["POST /api/v2/webhook_endpoint/retry", () => "POST /api/v2/webhook_endpoint/retry"],
  ["POST /api/v2/webhook_endpoint/{id}/test", () => `POST /api/v2/webhook_endpoint/${fixture.endpointId}/test?event=profile_create`],
  ["PUT /api/v2/webhook", () => "PUT /api/v2/webhook"],
  ["POST /api/v2/messages", () => "POST /api/v2/messages"],
  ["POST /notifications/webhooks", () => "POST /notifications/webhooks"],
  ["POST /notifications/webhooks/{webhookId}", () => `POST /notifications/webhooks/${fixture.endpointId}`],
  ["POST /notifications/messages/test", () => "POST /notifications/messages/test"],
];

describe("property: no body makes a route fail with a 500", () => {
  for (const [name, target] of bodyRoutes) {
    test.prop([notAnObject], runs)(`${name}: text or JSON that is not an object → 400/422, nothing written`, async (raw) => {
      const response = await callAndCheck(target(), raw);
      expect([400, 422]).toContain(response.status);
    });
  }

  test.prop([endpointLike], runs)("POST /api/v2/webhook_endpoint: endpoint-shaped objects → 201 or 4xx JSON", async (body) => {
    const response = await callAndCheck("POST /api/v2/webhook_endpoint", body);
    expect([201, 400, 422]).toContain(response.status);
  });

  test.prop([endpointLike], runs)("PUT /api/v2/webhook_endpoint/{id}: endpoint-shaped objects → 200 or 4xx JSON", async (body) => {
    const response = await callAndCheck(`PUT /api/v2/webhook_endpoint/${fixture.endpointId}`, body);
    expect([200, 400, 422]).toContain(response.status);
  });

  test.prop([webhookLike], runs)("PUT /api/v2/webhook: webhook-shaped objects → 200 or 4xx JSON", async (body) => {
    const response = await callAndCheck("PUT /api/v2/webhook", body);
    expect([200, 400, 422]).toContain(response.status);
  });

  test.prop([messageLike], runs)("POST /api/v2/messages: message-shaped objects → 202 or 4xx JSON", async (body) => {
    const response = await callAndCheck("POST /api/v2/messages", body);
    expect([202, 400, 409, 422]).toContain(response.status);
  });

  test.prop([subscriptionLike], runs)("POST /notifications/webhooks: subscription-shaped objects → 201 or 4xx JSON", async (body) => {
    const response = await callAndCheck("POST /notifications/webhooks", body);
    expect([201, 400, 409, 422]).toContain(response.status);
  });

  test.prop([subscriptionLike], runs)("POST /notifications/webhooks/{webhookId}: subscription-shaped objects → 200 or 4xx JSON", async (body) => {
    const response = await callAndCheck(`POST /notifications/webhooks/${fixture.endpointId}`, body);
    expect([200, 400, 409, 422]).toContain(response.status);
  });

  test.prop([testMessagesLike], runs)("POST /notifications/messages/test: test-shaped objects → 4xx JSON", async (body) => {
    const response = await callAndCheck("POST /notifications/messages/test", body);
    expect([400, 422]).toContain(response.status);
  });

  test.prop([retryLike], runs)("POST /api/v2/webhook_endpoint/retry: retry-shaped objects → 4xx JSON", async (body) => {
    const response = await callAndCheck("POST /api/v2/webhook_endpoint/retry", body);
    expect([404, 422]).toContain(response.status);
  });
});

describe("property: no query string or path id makes a route fail with a 500", () => {
  const queryString = fc
    .dictionary(fc.oneof(fc.constantFrom("limit", "cursor", "status", "event_type", "since", "until", "event"), fc.string()), fc.string(), { maxKeys: 4 })
    .map((params) => new URLSearchParams(params).toString());

  test.prop([queryString], runs)("GET /api/v2/webhook_endpoint?…", async (query) => {
    expectHandled(await api(`GET /api/v2/webhook_endpoint?${query}`, { key: fixture.key }));
  });

  test.prop([queryString], runs)("GET /api/v2/webhook_endpoint/{id}/logs?…", async (query) => {
    expectHandled(await api(`GET /api/v2/webhook_endpoint/${fixture.endpointId}/logs?${query}`, { key: fixture.key }));
  });

  const subscriptionMessagesQuery = fc
    .dictionary(
      fc.oneof(fc.constantFrom("limit", "cursor", "filter"), fc.string()),
      fc.oneof(
        fc.string(),
        fc.constantFrom("status.eq('failed')", "createdDate.bt('2025-01-01','2025-02-30')", "eventId.eq('x')", "eventTypeId.eq('user.created'),"),
        fc.tuple(fc.constantFrom("createdDate", "status", "eventTypeId", "eventId", "x"), fc.constantFrom("eq", "gt", "bt", "lteq"), fc.string()).map(([field, op, value]) => `${field}.${op}('${value}')`),
      ),
      { maxKeys: 3 },
    )
    .map((params) => new URLSearchParams(params).toString());

  test.prop([subscriptionMessagesQuery], runs)("GET /notifications/webhooks/{webhookId}/messages?…", async (query) => {
    expectHandled(await api(`GET /notifications/webhooks/${fixture.endpointId}/messages?${query}`, { key: fixture.key }));
  });

  test.prop([queryString], runs)("POST /api/v2/webhook_endpoint/{id}/test?… → 202 or 4xx", async (query) => {
    await callAndCheck(`POST /api/v2/webhook_endpoint/${fixture.endpointId}/test?${query}`, undefined);
  });

  // "." and ".." are path navigation, resolved by the URL parser before any route sees them
  test.prop([fc.string({ minLength: 1 }).filter((id) => id !== "." && id !== "..")], runs)("any path id is a JSON 404", async (id) => {
    const segment = encodeURIComponent(id);
    for (const target of [
      `GET /api/v2/webhook_endpoint/${segment}`,
      `GET /api/v2/webhook_endpoint/${segment}/secret`,
      `GET /api/v2/messages/${segment}`,
      `GET /notifications/webhooks/${segment}`,
      `GET /notifications/webhooks/${fixture.endpointId}/messages/${segment}`,
      `GET /events/${segment}`,
    ]) {
      const response = await api(target, { key: fixture.key });
      expectHandled(response);
      expect([404, 405]).toContain(response.status);
    }
  });
});
