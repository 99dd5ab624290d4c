import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/test-database";
import { createTestTenant } from "@/test/fixtures";
import { captureLogs } from "@/test/log-capture";
import type { Db } from "@/server/db/client";
import { eventTypeNames, messageLinks, requireEventType } from "@/server/catalog";
import { revokeApiKey } from "@/server/api-keys/revoke-api-key";
import { hashApiKey } from "@/server/api-keys/api-key-format";
import { api, apiKeyFor, tenantSnapshot } from "./rest-test-support";
import { configureApiRateLimit, DEFAULT_API_RATE_LIMIT } from "./rate-limit";
import { MAX_BODY_BYTES } from "./body";

const current = vi.hoisted(() => ({ db: undefined as unknown }));
vi.mock("@/server/db", () => ({ getDb: async () => current.db, closeDb: async () => {} }));

let database: TestDatabase;
let db: Db;

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.prisma;
  current.db = db;
});
afterAll(async () => {
  await database.close();
});
beforeEach(() => configureApiRateLimit(DEFAULT_API_RATE_LIMIT));

async function newTenant() {
  const { tenantId } = await createTestTenant(db);
  return { tenantId, key: await apiKeyFor(db, tenantId) };
}

type Json = Record<string, unknown>;

describe("seed 001: multi-endpoint API", () => {
  it("lists events with examples, creates, reads, updates, rotates, logs, tests, retries and deletes", async () => {
    const { key, tenantId } = await newTenant();

    const events = await api("GET /api/v2/events", { key });
    expect(events.status).toBe(200);
    const eventList = events.body as { name: string; example: unknown; schema: Json }[];
    expect(eventList.map((e) => e.name)).toEqual(eventTypeNames);
    expect(eventList.every((e) => e.example !== undefined && e.schema.type === "object")).toBe(true);

    const created = await api("POST /api/v2/webhook_endpoint", {
      key,
      body: { url: "https://example.com/webhook", enabled_events: ["profile_create"], custom_headers: { "X-Ref": "1" }, metadata: { team: "kyc" } },
    });
    expect(created.status).toBe(201);
    const endpoint = created.body as Json;
    expect(endpoint).toMatchObject({ url: "https://example.com/webhook", enabled_events: ["profile_create"], custom_headers: { "X-Ref": "1" }, metadata: { team: "kyc" } });
    expect(created.headers.get("x-ratelimit-limit")).toBe(String(DEFAULT_API_RATE_LIMIT.points));
    const id = endpoint.id as string;

    const secret = await api(`GET /api/v2/webhook_endpoint/${id}/secret`, { key });
    expect(secret.status).toBe(200);
    const firstSecret = (secret.body as Json).secret as string;
    expect(firstSecret).toMatch(/^whsec_/);

    const rotated = await api(`PATCH /api/v2/webhook_endpoint/${id}/secret`, { key });
    expect(rotated.status).toBe(200);
    expect((rotated.body as Json).secret).not.toBe(firstSecret);
    expect((rotated.body as { previous_secrets: unknown[] }).previous_secrets).toHaveLength(1);

    const updated = await api(`PUT /api/v2/webhook_endpoint/${id}`, {
      key,
      body: { url: "https://example.com/webhook2", enabled_events: [], custom_headers: {}, metadata: {} },
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ id, url: "https://example.com/webhook2", enabled_events: [], custom_headers: {}, metadata: {} });
    expect((await api(`GET /api/v2/webhook_endpoint/${id}`, { key })).body).toEqual(updated.body);

    const list = await api("GET /api/v2/webhook_endpoint", { key });
    expect(list.status).toBe(200);
    expect((list.body as { data: Json[] }).data.map((e) => e.id)).toEqual([id]);

    const test = await api(`POST /api/v2/webhook_endpoint/${id}/test?event=profile_create`, { key, headers: { "content-type": "application/json" } });
    expect(test.status).toBe(202);
    const testMessage = (test.body as { message: { id: string; event_type: string; deliveries: { id: string; endpoint_id: string }[] } }).message;
    expect(testMessage).toMatchObject({ event_type: "profile_create", deliveries: [{ endpoint_id: id }] });

    const logs = await api(`GET /api/v2/webhook_endpoint/${id}/logs`, { key });
    expect(logs.status).toBe(200);
    const page = logs.body as { data: { id: string; task_id: string; attempts: unknown[] }[]; next_cursor: string | null };
    expect(page.data.map((d) => d.id)).toEqual([testMessage.deliveries[0]!.id]);
    expect(page.next_cursor).toBeNull();

    const taskId = testMessage.deliveries[0]!.id;
    await db.delivery.update({ where: { id: taskId }, data: { status: "failed", completedAt: new Date() } });
    const retried = await api("POST /api/v2/webhook_endpoint/retry", {
      key,
      body: { task_id: taskId, body: "body", customer_id: "customer_id", webhook_id: id, event_type: "profile_create" },
    });
    expect(retried.status).toBe(202);
    expect(retried.body).toMatchObject({ endpoint_id: id, retry_of: taskId, status: "pending" });
    const filtered = await api(`GET /api/v2/webhook_endpoint/${id}/logs?status=failed&limit=1`, { key });
    expect((filtered.body as { data: { id: string }[] }).data.map((d) => d.id)).toEqual([taskId]);

    const deleted = await api(`DELETE /api/v2/webhook_endpoint/${id}`, { key });
    expect(deleted.status).toBe(200);
    expect(deleted.body).toEqual({ id, deleted: true, cancelled_deliveries: 1 });
    expect((await api(`GET /api/v2/webhook_endpoint/${id}`, { key })).status).toBe(404);
    expect(await db.delivery.count({ where: { tenantId, endpointId: id } })).toBe(2);
  });

  it("never shows secrets or receiver credentials in endpoint responses", async () => {
    const { key } = await newTenant();
    const created = await api("POST /api/v2/webhook_endpoint", {
      key,
      body: { url: "https://example.com/h", auth_type: "ApiKey", auth_settings: { apiKey: "receiver-credential-123" } },
    });
    const id = (created.body as Json).id as string;
    const { secret } = (await api(`GET /api/v2/webhook_endpoint/${id}/secret`, { key })).body as { secret: string };
    const responses = [
      created,
      await api(`GET /api/v2/webhook_endpoint/${id}`, { key }),
      await api("GET /api/v2/webhook_endpoint", { key }),
      await api(`PUT /api/v2/webhook_endpoint/${id}`, { key, body: { description: "x" } }),
    ];
    for (const response of responses) {
      expect(response.text).not.toContain(secret);
      expect(response.text).not.toContain("receiver-credential-123");
    }
    expect((created.body as Json).auth_settings).toEqual({ headerName: "X-API-Key" });
  });
});

describe("seed 002: primary webhook API", () => {
  it("lists event names, PUTs the webhook with events off by default, reads it, gets and rotates the token", async () => {
    const { key } = await newTenant();
    const names = await api("GET /api/v2/webhook/events", { key });
    expect(names.status).toBe(200);
    expect(names.body).toEqual(expect.arrayContaining(["profile_create", "profile_update", "profile_status_change", "document_upload", "document_delete", "document_update", "document_status_change", "zip_file_create", "video_call_status_change", "profile_level_update"]));

    expect((await api("GET /api/v2/webhook", { key })).status).toBe(404);
    const created = await api("PUT /api/v2/webhook", { key, body: { url: "https://example.com/hook", signature_enabled: true, profile_create: true } });
    expect(created.status).toBe(200);
    const webhook = created.body as Json;
    expect(Object.keys(webhook)[0]).toBe("id");
    expect(Object.keys(webhook).at(-1)).toBe("signature_enabled");
    expect(webhook).toMatchObject({ url: "https://example.com/hook", profile_create: true, profile_update: false, zip_file_create: false, signature_enabled: true });

    const updated = await api("PUT /api/v2/webhook", { key, body: { url: "https://example.com/hook2", signature_enabled: false, document_upload: true } });
    expect(updated.body).toMatchObject({ id: webhook.id, url: "https://example.com/hook2", profile_create: true, document_upload: true, signature_enabled: false });
    expect((await api("GET /api/v2/webhook", { key })).body).toEqual(updated.body);

    const token = await api("GET /api/v2/webhook/token", { key });
    expect(token.status).toBe(200);
    expect(Object.keys(token.body as Json)).toEqual(["token"]);
    const rotated = await api("PATCH /api/v2/webhook/token", { key });
    expect(rotated.status).toBe(200);
    expect((rotated.body as Json).token).not.toBe((token.body as Json).token);
    expect((await api("GET /api/v2/webhook/token", { key })).body).toEqual(rotated.body);
  });
});

describe("publishing", () => {
  it("publishes with 202, replays an idempotency key with the first result, and reads the message", async () => {
    const { key } = await newTenant();
    const endpoint = await api("POST /api/v2/webhook_endpoint", { key, body: { url: "https://example.com/h", enabled_events: ["RiskAssessmentCalculated"] } });
    const body = {
      event_type: "RiskAssessmentCalculated",
      payload: { RiskAssessmentId: "12345", SubmissionId: "67890", Risk: "Low", ClientRating: "Retail" },
    };
    const first = await api("POST /api/v2/messages", { key, body, headers: { "Idempotency-Key": "order-1" } });
    expect(first.status).toBe(202);
    const message = first.body as { id: string; idempotency_key: string; deliveries: { endpoint_id: string; status: string }[] };
    expect(message.idempotency_key).toBe("order-1");
    expect(message.deliveries).toMatchObject([{ endpoint_id: (endpoint.body as Json).id, status: "pending" }]);
    expect(first.headers.get("idempotent-replayed")).toBeNull();

    const again = await api("POST /api/v2/messages", { key, body: { ...body, idempotency_key: "order-1" } });
    expect(again.status).toBe(202);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect((again.body as Json).id).toBe(message.id);

    const conflicting = await api("POST /api/v2/messages", { key, body: { ...body, idempotency_key: "a" }, headers: { "Idempotency-Key": "b" } });
    expect(conflicting.status).toBe(422);

    const read = await api(`GET /api/v2/messages/${message.id}`, { key });
    expect(read.status).toBe(200);
    expect((read.body as Json).id).toBe(message.id);
  });
});

describe("seed 004 links", () => {
  it("resolves a message's event link to the event and its eventEntity link to the payload it was published with", async () => {
    const { key } = await newTenant();
    const payload = requireEventType("user.created").example;
    const published = await api("POST /api/v2/messages", { key, body: { event_type: "user.created", payload } });
    const id = (published.body as { id: string }).id;
    const links = messageLinks("http://hookline.test", id);
    const entity = await api(`GET ${new URL(links.eventEntity).pathname}`, { key });
    expect(entity.status).toBe(200);
    expect(entity.body).toEqual(payload);
    expect((await api(`GET ${new URL(links.event).pathname}`, { key })).body).toMatchObject({ type: "event", id, eventTypeId: "user.created", payload });
  });
});

describe("the withApiKey wrapper", () => {
  it("answers 401 JSON for a missing, malformed, unknown or revoked key", async () => {
    const { tenantId } = await createTestTenant(db);
    const key = await apiKeyFor(db, tenantId);
    const missing = await api("GET /api/v2/webhook_endpoint");
    expect(missing.status).toBe(401);
    expect(missing.body).toEqual({ error: { code: "UNAUTHORIZED", message: "Missing API key: send it as Authorization: Bearer <key>" } });
    expect(missing.headers.get("www-authenticate")).toContain("Bearer");
    for (const bad of ["garbage", `hk_live_${"x".repeat(32)}`]) {
      const response = await api("GET /api/v2/webhook_endpoint", { key: bad });
      expect(response.status).toBe(401);
      expect(response.body).toEqual({ error: { code: "UNAUTHORIZED", message: "Invalid API key" } });
    }
    expect((await api("GET /api/v2/webhook_endpoint", { headers: { authorization: `Basic ${key}` } })).status).toBe(401);
    const row = await db.apiKey.findFirstOrThrow({ where: { tenantId } });
    await revokeApiKey({ db, tenantId, apiKeyId: row.id });
    expect((await api("GET /api/v2/webhook_endpoint", { key })).status).toBe(401);
  });

  it("filters an endpoint's logs by event_type, since and until, and pages them with the cursor", async () => {
    const { key } = await newTenant();
    const endpoint = (await api("POST /api/v2/webhook_endpoint", { key, body: { url: "https://example.com/hooks", enabled_events: ["*"] } })).body as { id: string };
    const publish = async (eventType: "user.created" | "RiskAssessmentCalculated") =>
      ((await api("POST /api/v2/messages", { key, body: { event_type: eventType, payload: requireEventType(eventType).example } })).body as { deliveries: { id: string }[] }).deliveries[0]!.id;
    const types = ["user.created", "RiskAssessmentCalculated", "user.created", "RiskAssessmentCalculated", "user.created"] as const;
    // one delivery an hour, oldest first: deliveryIds[i] was created at hour i
    const base = Date.parse("2026-11-01T00:00:00Z");
    const deliveryIds: string[] = [];
    for (const [hour, eventType] of types.entries()) {
      const id = await publish(eventType);
      await db.delivery.update({ where: { id }, data: { createdAt: new Date(base + hour * 3_600_000) } });
      deliveryIds.push(id);
    }
    const logs = async (query: string) => {
      const response = await api(`GET /api/v2/webhook_endpoint/${endpoint.id}/logs?${query}`, { key });
      expect(response.status, query).toBe(200);
      return response.body as { data: { id: string }[]; next_cursor: string | null };
    };
    const newestFirst = (indexes: number[]) => indexes.map((i) => deliveryIds[i]).reverse();

    expect((await logs("event_type=user.created")).data.map((d) => d.id)).toEqual(newestFirst([0, 2, 4]));
    const window = `since=${new Date(base + 3_600_000).toISOString()}&until=${new Date(base + 3 * 3_600_000).toISOString()}`;
    expect((await logs(window)).data.map((d) => d.id)).toEqual(newestFirst([1, 2, 3]));
    expect((await logs(`${window}&event_type=RiskAssessmentCalculated`)).data.map((d) => d.id)).toEqual(newestFirst([1, 3]));

    const pages: string[][] = [];
    let cursor: string | null = null;
    do {
      const page: { data: { id: string }[]; next_cursor: string | null } = await logs(`limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
      pages.push(page.data.map((d) => d.id));
      cursor = page.next_cursor;
    } while (cursor);
    expect(pages).toEqual([newestFirst([3, 4]), newestFirst([1, 2]), [deliveryIds[0]]]);
  });

  it("lets a publish-only key publish and read the message it published, and nothing else", async () => {
    const { tenantId } = await createTestTenant(db);
    const publishOnly = await apiKeyFor(db, tenantId, ["publish"]);
    const published = await api("POST /api/v2/messages", { key: publishOnly, body: { event_type: "user.created", payload: requireEventType("user.created").example } });
    expect(published.status).toBe(202);
    const { id } = published.body as { id: string };
    const read = await api(`GET /api/v2/messages/${id}`, { key: publishOnly });
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ id, event_type: "user.created" });
    expect((await api(`GET /api/v2/messages/${id}/payload`, { key: publishOnly })).body).toEqual(requireEventType("user.created").example);
    expect((await api("GET /api/v2/webhook_endpoint", { key: publishOnly })).status).toBe(403);
  });

  it("answers 403 when the key lacks the route's scope", async () => {
    const { tenantId } = await createTestTenant(db);
    const readOnly = await apiKeyFor(db, tenantId, ["read"]);
    const publishOnly = await apiKeyFor(db, tenantId, ["publish"]);
    const denied = await api("POST /api/v2/webhook_endpoint", { key: readOnly, body: { url: "https://example.com" } });
    expect(denied.status).toBe(403);
    expect(denied.body).toMatchObject({ error: { code: "FORBIDDEN", message: 'This API key lacks the "write" scope' } });
    expect((await api("GET /api/v2/webhook_endpoint", { key: readOnly })).status).toBe(200);
    expect((await api("GET /api/v2/webhook_endpoint", { key: publishOnly })).status).toBe(403);
    expect((await api("GET /api/v2/webhook/token", { key: readOnly })).status).toBe(403);
    expect((await api("POST /api/v2/messages", { key: readOnly, body: { event_type: "user.created", payload: {} } })).status).toBe(403);
    expect(await db.endpoint.count({ where: { tenantId } })).toBe(0);
  });

  it("rate-limits per key with 429 and Retry-After, without touching other keys", async () => {
    configureApiRateLimit({ points: 3, durationSeconds: 60 });
    const { tenantId } = await createTestTenant(db);
    const key = await apiKeyFor(db, tenantId);
    const other = await apiKeyFor(db, tenantId);
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await api("GET /api/v2/webhook/events", { key })).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const limited = await api("GET /api/v2/webhook/events", { key });
    expect(limited.body).toMatchObject({ error: { code: "RATE_LIMITED" } });
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(Number(limited.headers.get("retry-after"))).toBeLessThanOrEqual(60);
    expect(limited.headers.get("x-ratelimit-remaining")).toBe("0");
    expect((await api("GET /api/v2/webhook/events", { key: other })).status).toBe(200);
    // with PostgreSQL each key's budget is its own row of rate_limits, shared by every app instance (requests
    // refused once the window is spent are refused from memory, uncounted); embedded mode keeps it in memory
    const budgetRows = await db.rateLimit.findMany({
      where: { key: { in: await Promise.all([key, other].map(async (k) => `api-key:${(await db.apiKey.findUniqueOrThrow({ where: { keyHash: hashApiKey(k) } })).id}`)) } },
      orderBy: { points: "desc" },
    });
    expect(budgetRows.map((row) => row.points)).toEqual(database.url ? [3, 1] : []);
  });

  it("refuses bodies over the documented limit with 413, malformed JSON with 400, and writes nothing", async () => {
    const { tenantId, key } = await newTenant();
    const before = await tenantSnapshot(db, tenantId);
    const huge = JSON.stringify({ url: "https://example.com", description: "x".repeat(MAX_BODY_BYTES) });
    const tooLarge = await api("POST /api/v2/webhook_endpoint", { key, body: huge });
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body).toMatchObject({ error: { code: "PAYLOAD_TOO_LARGE", details: { limit_bytes: MAX_BODY_BYTES } } });
    // a chunked body has no Content-Length: the limit holds while reading
    const stream = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 20; i++) controller.enqueue(new TextEncoder().encode("x".repeat(MAX_BODY_BYTES / 10)));
        controller.close();
      },
    });
    const { POST } = await import("@/app/api/v2/messages/route");
    const chunked = await POST(
      new Request("http://hookline.test/api/v2/messages", { method: "POST", body: stream, headers: { authorization: `Bearer ${key}` }, duplex: "half" } as RequestInit),
      { params: Promise.resolve({}) },
    );
    expect(chunked.status).toBe(413);
    const malformed = await api("POST /api/v2/webhook_endpoint", { key, body: '{"url": "https://example.com",' });
    expect(malformed.status).toBe(400);
    expect(malformed.body).toMatchObject({ error: { code: "BAD_REQUEST" } });
    expect((malformed.body as { error: { message: string } }).error.message).toMatch(/^The request body is not valid JSON/);
    expect(await tenantSnapshot(db, tenantId)).toBe(before);
  });

  it("maps unexpected failures to an opaque 500 with a reference in the log", async () => {
    const { key } = await newTenant();
    const logs = captureLogs();
    const spy = vi.spyOn(db.endpoint, "findMany").mockRejectedValueOnce(new Error("connection reset by peer: secret internals"));
    const response = await api("GET /api/v2/webhook_endpoint", { key });
    spy.mockRestore();
    expect(response.status).toBe(500);
    const error = (response.body as { error: { code: string; message: string; details: { reference: string } } }).error;
    expect(error.code).toBe("INTERNAL");
    expect(response.text).not.toContain("secret internals");
    logs.restore();
    // the reference is a field of the line that carries the real cause
    const line = logs.lines.find((each) => each.reference === error.details.reference);
    expect(line).toMatchObject({ level: 50, component: "rest", status: 500, path: "/api/v2/webhook_endpoint", err: { message: "connection reset by peer: secret internals" } });
  });

  it("answers unknown /api/v2 paths with the JSON 404", async () => {
    const { key } = await newTenant();
    const response = await api("GET /api/v2/nope/nothing", { key });
    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ error: { code: "NOT_FOUND" } });
  });
});
