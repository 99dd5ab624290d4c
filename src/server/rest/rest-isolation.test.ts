import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/test-database";
import { createTestTenant } from "@/test/fixtures";
import type { Db } from "@/server/db/client";
import { findEventType } from "@/server/catalog";
import { api, apiKeyFor, tenantSnapshot } from "./rest-test-support";
import { configureApiRateLimit } from "./rate-limit";

const current = vi.hoisted(() => ({ db: undefined as unknown }));
vi.mock("@/server/db", () => ({ getDb: async () => current.db, closeDb: async () => {} }));

let database: TestDatabase;
let db: Db;
const a = { tenantId: "", key: "" };
const userCreated = { event_type: "user.created", payload: findEventType("user.created")!.example };
const b = { tenantId: "", key: "", endpointId: "", taskId: "", messageId: "", secret: "", token: "" };

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.prisma;
  current.db = db;
  configureApiRateLimit({ points: 1_000_000, durationSeconds: 1 });
  for (const tenant of [a, b]) {
    tenant.tenantId = (await createTestTenant(db)).tenantId;
    tenant.key = await apiKeyFor(db, tenant.tenantId);
  }
  // tenant B's data, made through B's own key
  const endpoint = await api("POST /api/v2/webhook_endpoint", { key: b.key, body: { url: "https://b.example/hook", enabled_events: ["*"] } });
  b.endpointId = (endpoint.body as { id: string }).id;
  const published = await api("POST /api/v2/messages", { key: b.key, body: userCreated });
  const message = published.body as { id: string; deliveries: { id: string }[] };
  b.messageId = message.id;
  b.taskId = message.deliveries[0]!.id;
  await db.delivery.update({ where: { id: b.taskId }, data: { status: "failed", completedAt: new Date() } });
  b.secret = ((await api(`GET /api/v2/webhook_endpoint/${b.endpointId}/secret`, { key: b.key })).body as { secret: string }).secret;
  await api("PUT /api/v2/webhook", { key: b.key, body: { url: "https://b.example/primary", signature_enabled: true, profile_create: true } });
  b.token = ((await api("GET /api/v2/webhook/token", { key: b.key })).body as { token: string }).token;
}, 120_000);
afterAll(async () => {
  await database.close();
});

describe("tenant isolation: tenant A's key cannot reach tenant B's data", () => {
  it.each([
    ["read", () => `GET /api/v2/webhook_endpoint/${b.endpointId}`, undefined],
    ["change", () => `PUT /api/v2/webhook_endpoint/${b.endpointId}`, { url: "https://a.example/stolen" }],
    ["delete", () => `DELETE /api/v2/webhook_endpoint/${b.endpointId}`, undefined],
    ["read the secret of", () => `GET /api/v2/webhook_endpoint/${b.endpointId}/secret`, undefined],
    ["rotate the secret of", () => `PATCH /api/v2/webhook_endpoint/${b.endpointId}/secret`, undefined],
    ["read the logs of", () => `GET /api/v2/webhook_endpoint/${b.endpointId}/logs`, undefined],
    ["test", () => `POST /api/v2/webhook_endpoint/${b.endpointId}/test?event=user.created`, undefined],
    ["retry a task of", () => "POST /api/v2/webhook_endpoint/retry", "task"],
    ["retry a task (naming the webhook) of", () => "POST /api/v2/webhook_endpoint/retry", "task+webhook"],
    ["read a message of", () => `GET /api/v2/messages/${b.messageId}`, undefined],
    ["read the payload of a message of", () => `GET /api/v2/messages/${b.messageId}/payload`, undefined],
    ["read (as a subscription)", () => `GET /notifications/webhooks/${b.endpointId}`, undefined],
    ["update (as a subscription)", () => `POST /notifications/webhooks/${b.endpointId}`, { url: "https://a.example/stolen" }],
    ["delete (as a subscription)", () => `DELETE /notifications/webhooks/${b.endpointId}`, undefined],
    ["list the messages of", () => `GET /notifications/webhooks/${b.endpointId}/messages`, undefined],
    ["read a message (seed 004) of", () => `GET /notifications/webhooks/${b.endpointId}/messages/${b.taskId}`, undefined],
    ["read an event of", () => `GET /events/${b.messageId}`, undefined],
  ] as [string, () => string, unknown][])("cannot %s B's endpoint: 404, and B's data is unchanged", async (_what, target, body) => {
    const before = [await tenantSnapshot(db, b.tenantId), await tenantSnapshot(db, a.tenantId)];
    const payload =
      body === "task" ? { task_id: b.taskId } : body === "task+webhook" ? { task_id: b.taskId, webhook_id: b.endpointId } : body;
    const response = await api(target(), { key: a.key, body: payload });
    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ error: { code: "NOT_FOUND" } });
    expect(response.text).not.toContain(b.secret);
    expect([await tenantSnapshot(db, b.tenantId), await tenantSnapshot(db, a.tenantId)]).toEqual(before);
  });

  it("sees only its own endpoints, primary webhook and token", async () => {
    expect((await api("GET /api/v2/webhook_endpoint", { key: a.key })).body).toEqual({ data: [], next_cursor: null });
    expect((await api("GET /notifications/webhooks", { key: a.key })).body).toMatchObject({ count: 0, size: 0, data: [] });
    expect((await api("GET /api/v2/webhook", { key: a.key })).status).toBe(404);
    expect((await api("GET /api/v2/webhook/token", { key: a.key })).status).toBe(404);
    // A's own PUT creates A's webhook; B's stays as it was
    await api("PUT /api/v2/webhook", { key: a.key, body: { url: "https://a.example/primary", signature_enabled: false } });
    expect(((await api("GET /api/v2/webhook", { key: b.key })).body as { url: string }).url).toBe("https://b.example/primary");
    expect(((await api("GET /api/v2/webhook/token", { key: b.key })).body as { token: string }).token).toBe(b.token);
    expect(((await api("GET /api/v2/webhook/token", { key: a.key })).body as { token: string }).token).not.toBe(b.token);
  });

  it("cannot send test messages to B's subscription: its URL is none of A's", async () => {
    const before = await tenantSnapshot(db, b.tenantId);
    const response = await api("POST /notifications/messages/test", { key: a.key, body: { url: "https://b.example/hook", events: ["user.created"] } });
    expect(response.status).toBe(422);
    expect(response.body).toMatchObject({ error: { details: { issues: [{ path: "url" }] } } });
    expect(await tenantSnapshot(db, b.tenantId)).toBe(before);
  });

  it("publishing with A's key never delivers to B's endpoints", async () => {
    const published = await api("POST /api/v2/messages", { key: a.key, body: userCreated });
    expect(published.status).toBe(202);
    expect((published.body as { deliveries: unknown[] }).deliveries).toEqual([]);
  });
});
