import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/test-database";
import type { Db } from "@/server/db/client";
import { findEventType } from "@/server/catalog";
import { api, apiKeyFor, platformKeyFor, routes } from "./rest-test-support";
import { configureApiRateLimit } from "./rate-limit";

// Every tenant route answers a platform key with Hookline-Tenant exactly as it answers the tenant's own
// key. Each row runs twice on one tenant, on resources made afresh for each run, and the two answers are
// compared with ids, secrets and times masked. A guard below fails when a route is added without a row.

const current = vi.hoisted(() => ({ db: undefined as unknown }));
vi.mock("@/server/db", () => ({ getDb: async () => current.db, closeDb: async () => {} }));

let database: TestDatabase;
let db: Db;
const tenant = { id: "", externalId: "cus_equivalence", key: "", platformKey: "" };
const userCreated = { event_type: "user.created", payload: findEventType("user.created")!.example };

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.prisma;
  current.db = db;
  configureApiRateLimit({ points: 1_000_000, durationSeconds: 1 });
  tenant.platformKey = await platformKeyFor(db);
  const created = await api("POST /api/v2/tenants", { key: tenant.platformKey, body: { name: "Equivalence", external_id: tenant.externalId } });
  tenant.id = (created.body as { id: string }).id;
  tenant.key = await apiKeyFor(db, tenant.id);
  await api("PUT /api/v2/webhook", { key: tenant.key, body: { url: "http://127.0.0.1:9/primary", signature_enabled: true } });
}, 60_000);
afterAll(async () => {
  await database.close();
});

type Fixture = { endpointId: string; url: string; messageId: string; deliveryId: string };

let urlCounter = 0;
// nothing listens on port 9: whatever is sent there fails the same way in both runs
const freshUrl = () => `http://127.0.0.1:9/hook/${++urlCounter}`;

/**
 * An endpoint (its URL unique: seed 004 refuses one twice) with one failed delivery of its own: a test
 * event, so that no other fixture's endpoint receives it.
 */
async function freshFixture(): Promise<Fixture> {
  const url = freshUrl();
  const endpoint = await api("POST /api/v2/webhook_endpoint", { key: tenant.key, body: { url, enabled_events: ["user.created"] } });
  const endpointId = (endpoint.body as { id: string }).id;
  const sent = await api(`POST /api/v2/webhook_endpoint/${endpointId}/test?event=user.created`, { key: tenant.key });
  const message = (sent.body as { message: { id: string; deliveries: { id: string }[] } }).message;
  const deliveryId = message.deliveries[0]!.id;
  await db.delivery.update({ where: { id: deliveryId }, data: { status: "failed", completedAt: new Date() } });
  return { endpointId, url, messageId: message.id, deliveryId };
}

type Row = { target: (f: Fixture) => string; body?: (f: Fixture) => unknown };

const rows: Record<string, Row> = {
  "GET /api/v2/events": { target: () => "GET /api/v2/events" },
  "GET /api/v2/webhook_endpoint": { target: () => "GET /api/v2/webhook_endpoint?limit=1" },
  "POST /api/v2/webhook_endpoint": { target: () => "POST /api/v2/webhook_endpoint", body: () => ({ url: freshUrl() }) },
  "POST /api/v2/webhook_endpoint/retry": { target: () => "POST /api/v2/webhook_endpoint/retry", body: (f) => ({ task_id: f.deliveryId }) },
  "GET /api/v2/webhook_endpoint/[id]": { target: (f) => `GET /api/v2/webhook_endpoint/${f.endpointId}` },
  "PUT /api/v2/webhook_endpoint/[id]": { target: (f) => `PUT /api/v2/webhook_endpoint/${f.endpointId}`, body: () => ({ retry_count: 3 }) },
  "DELETE /api/v2/webhook_endpoint/[id]": { target: (f) => `DELETE /api/v2/webhook_endpoint/${f.endpointId}` },
  "GET /api/v2/webhook_endpoint/[id]/secret": { target: (f) => `GET /api/v2/webhook_endpoint/${f.endpointId}/secret` },
  "PATCH /api/v2/webhook_endpoint/[id]/secret": { target: (f) => `PATCH /api/v2/webhook_endpoint/${f.endpointId}/secret` },
  "GET /api/v2/webhook_endpoint/[id]/logs": { target: (f) => `GET /api/v2/webhook_endpoint/${f.endpointId}/logs` },
  "POST /api/v2/webhook_endpoint/[id]/test": { target: (f) => `POST /api/v2/webhook_endpoint/${f.endpointId}/test?event=user.created` },
  "GET /api/v2/webhook/events": { target: () => "GET /api/v2/webhook/events" },
  "GET /api/v2/webhook/token": { target: () => "GET /api/v2/webhook/token" },
  "PATCH /api/v2/webhook/token": { target: () => "PATCH /api/v2/webhook/token" },
  "GET /api/v2/webhook": { target: () => "GET /api/v2/webhook" },
  "PUT /api/v2/webhook": { target: () => "PUT /api/v2/webhook", body: () => ({ url: "http://127.0.0.1:9/primary", signature_enabled: true, profile_create: true }) },
  "POST /api/v2/messages": { target: () => "POST /api/v2/messages", body: () => userCreated },
  "POST /api/v2/messages/batch": { target: () => "POST /api/v2/messages/batch", body: () => ({ messages: [userCreated, userCreated] }) },
  "GET /api/v2/messages/[id]": { target: (f) => `GET /api/v2/messages/${f.messageId}` },
  "GET /api/v2/messages/[id]/payload": { target: (f) => `GET /api/v2/messages/${f.messageId}/payload` },
  "GET /notifications/webhooks": { target: () => "GET /notifications/webhooks?limit=1" },
  "POST /notifications/webhooks": { target: () => "POST /notifications/webhooks", body: () => ({ url: freshUrl(), subscribedEvents: "user.created" }) },
  "GET /notifications/webhooks/[webhookId]": { target: (f) => `GET /notifications/webhooks/${f.endpointId}` },
  "POST /notifications/webhooks/[webhookId]": { target: (f) => `POST /notifications/webhooks/${f.endpointId}`, body: () => ({ name: "renamed" }) },
  "DELETE /notifications/webhooks/[webhookId]": { target: (f) => `DELETE /notifications/webhooks/${f.endpointId}` },
  "GET /notifications/webhooks/[webhookId]/messages": { target: (f) => `GET /notifications/webhooks/${f.endpointId}/messages` },
  "GET /notifications/webhooks/[webhookId]/messages/[messageId]": {
    target: (f) => `GET /notifications/webhooks/${f.endpointId}/messages/${f.deliveryId}`,
  },
  "POST /notifications/messages/test": {
    target: () => "POST /notifications/messages/test",
    body: (f) => ({ url: f.url, events: ["user.created"] }),
  },
  "GET /events/types": { target: () => "GET /events/types" },
  "GET /events/[eventId]": { target: (f) => `GET /events/${f.messageId}` },
};

const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const isoTime = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z/g;

/** The answer with what legitimately differs between two runs masked: ids, times, secrets, URLs made per run. */
function comparable(text: string): string {
  return text
    .replace(uuid, "<id>")
    .replace(isoTime, "<time>")
    .replace(/"(whsec|wh_sec|tok)_[^"]*"/g, '"<secret>"')
    .replace(/"[A-Za-z0-9+/=_-]{32,}"/g, '"<secret>"')
    .replace(/127\.0\.0\.1:9\/hook\/\d+/g, "127.0.0.1:9/<url>")
    .replace(/"(webhook-signature|webhook-timestamp|x-signature|x-timestamp)":"[^"]*"/gi, '"$1":"<signed>"')
    .replace(/"duration(_ms|Ms)":\d+/g, '"duration":"<ms>"')
    .replace(/[?&]cursor=[^"&]+/g, "<cursor>")
    .replace(/"next_cursor":"[^"]+"/g, '"next_cursor":"<cursor>"');
}

describe("a platform key with Hookline-Tenant acts exactly as the tenant's own key", () => {
  it.each(Object.entries(rows))("%s", async (_route, row) => {
    const [mine, forTenant] = [await freshFixture(), await freshFixture()];
    const own = await api(row.target(mine), { key: tenant.key, body: row.body?.(mine) });
    const acting = await api(row.target(forTenant), {
      key: tenant.platformKey,
      headers: { "Hookline-Tenant": tenant.externalId },
      body: row.body?.(forTenant),
    });
    expect(own.status, own.text).toBeLessThan(300);
    expect(acting.status, acting.text).toBe(own.status);
    const parsed = (text: string) => (text ? JSON.parse(comparable(text)) : text);
    expect(parsed(acting.text)).toEqual(parsed(own.text));
  });

  it("has a row for every route and method that takes a tenant key (guard)", async () => {
    const served: string[] = [];
    for (const [pattern, module] of routes) {
      for (const method of ["GET", "POST", "PUT", "PATCH", "DELETE"] as const) {
        if (!module[method] || pattern.startsWith("/api/v2/tenants")) continue;
        const path = pattern.replace(/\[(\w+)\]/g, "00000000-0000-4000-8000-000000000000");
        const anonymous = await api(`${method} ${path}`);
        if (anonymous.status === 401) served.push(`${method} ${pattern}`);
      }
    }
    expect(served.sort()).toEqual(Object.keys(rows).sort());
  });
});
