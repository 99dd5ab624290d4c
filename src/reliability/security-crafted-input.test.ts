/**
 * Crafted input gets a clear 4xx, never a 500, through the real REST routes, seed 004's routes and tRPC over
 * HTTP, on the real database (issue 12, finding 12): cursors whose parts are not what we wrote, payloads
 * nested thousands of levels deep, and API keys guessed from one address.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/test-database";
import { createTestTenant } from "@/test/fixtures";
import { trpcOverHttp } from "@/test/trpc-http";
import type { Db } from "@/server/db/client";
import { makeOperator } from "@/server/operators/make-operator";
import { configureInvalidApiKeyLimit } from "@/server/rest/invalid-api-key-limit";
import { api, apiKeyFor, platformKeyFor } from "@/server/rest/rest-test-support";
import { MAX_PAYLOAD_DEPTH } from "@/server/messages/validate-event-payload";

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

async function newTenant() {
  const { tenantId, user } = await createTestTenant(db);
  const key = await apiKeyFor(db, tenantId);
  const endpoint = await api("POST /api/v2/webhook_endpoint", { key, body: { url: "https://example.com/hook", enabled_events: ["*"] } });
  return { tenantId, key, user, endpointId: (endpoint.body as { id: string }).id };
}

const uuid = "3f2b8c1e-5d4a-4b7e-9c2f-1a2b3c4d5e6f";
const cursorOf = (text: string) => Buffer.from(text).toString("base64url");
const craftedCursors = {
  "an id that is not a UUID": cursorOf("2026-12-01T10:00:00.000Z|not-a-uuid"),
  "an id with SQL in it": cursorOf("2026-12-01T10:00:00.000Z|' OR 1=1 --"),
  "a date before PostgreSQL's range": cursorOf(`-271821-04-20T00:00:00.000Z|${uuid}`),
  "a date in a six-digit year": cursorOf(`+275760-09-13T00:00:00.000Z|${uuid}`),
  "a date that is not ISO text": cursorOf(`1|${uuid}`),
  "three parts": cursorOf(`2026-12-01T10:00:00.000Z|${uuid}|x`),
  "no separator": cursorOf("garbage"),
  "bytes that are not UTF-8": Buffer.from([0xff, 0xfe, 0x7c, 0x00]).toString("base64url"),
};

describe("a crafted cursor", () => {
  it.each(Object.entries(craftedCursors))("with %s is a 400 on every paged route", async (_what, cursor) => {
    const { key, user, endpointId } = await newTenant();
    const platformKey = await platformKeyFor(db);
    const c = encodeURIComponent(cursor);
    const rest = [
      api(`GET /api/v2/webhook_endpoint?cursor=${c}`, { key }),
      api(`GET /api/v2/webhook_endpoint/${endpointId}/logs?cursor=${c}`, { key }),
      api(`GET /api/v2/tenants?cursor=${c}`, { key: platformKey }),
      api(`GET /notifications/webhooks?cursor=${c}`, { key }),
      api(`GET /notifications/webhooks/${endpointId}/messages?cursor=${c}`, { key }),
    ];
    for (const response of await Promise.all(rest)) {
      expect(response.status, response.text).toBe(400);
      expect(response.text).toMatch(/cursor is not valid/);
    }
    await makeOperator({ db, email: user.email });
    const context = { db, user };
    const cursorJson = JSON.stringify({ cursor });
    for (const procedure of ["endpoints.list", "deliveries.list", "activity.list", "operator.tenants.list", "operator.activity.list"]) {
      const response = await trpcOverHttp(context, { procedure, kind: "query", inputJson: cursorJson });
      expect(response.status, `${procedure}: ${JSON.stringify(response.body)}`).toBe(400);
    }
  });
});

/** `{"a":{"a":…1…}}` written as text: building it as an object and serialising it would itself overflow. */
const nested = (depth: number) => `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`;
const sessionPayload = (meta: string) => `{"sessionId":"s1","date":"2026-12-01T10:00:00Z","integrations":[],"meta":${meta}}`;

describe("a deeply nested payload", () => {
  it.each([10_000, 100_000])("%i levels deep is a 422 that says so, on every transport taking payloads", async (depth) => {
    const { key, user, endpointId } = await newTenant();
    const payload = sessionPayload(nested(depth));
    const expectDepthRefusal = (status: number, text: string) => {
      expect(status, text.slice(0, 300)).toBe(422);
      expect(text).toContain(`nested deeper than ${MAX_PAYLOAD_DEPTH} levels`);
    };
    const published = await api("POST /api/v2/messages", { key, body: `{"event_type":"session.submitted","payload":${payload}}` });
    expectDepthRefusal(published.status, published.text);
    const tested = await api(`POST /api/v2/webhook_endpoint/${endpointId}/test?event=session.submitted`, { key, body: `{"payload":${payload}}` });
    expectDepthRefusal(tested.status, tested.text);
    // seed 004 takes no payload, but a deep body must still be a clear refusal
    const seed004 = await api("POST /notifications/messages/test", { key, body: `{"url":"https://example.com/hook","events":${nested(depth)}}` });
    expect(seed004.status, seed004.text.slice(0, 300)).toBe(422);

    const context = { db, user };
    for (const call of [
      { procedure: "messages.publish", inputJson: `{"event_type":"session.submitted","payload":${payload}}` },
      { procedure: "deliveries.sendTest", inputJson: `{"endpoint_id":"${endpointId}","event_type":"session.submitted","payload":${payload}}` },
    ]) {
      const response = await trpcOverHttp(context, { ...call, kind: "mutation" });
      expectDepthRefusal(response.status, JSON.stringify(response.body));
    }
    expect(await db.message.count({ where: { tenantId: (await db.endpoint.findUniqueOrThrow({ where: { id: endpointId } })).tenantId } })).toBe(0);
  });

  it(`${MAX_PAYLOAD_DEPTH} levels deep is accepted`, async () => {
    const { key } = await newTenant();
    // the payload's own object and meta are two of the levels
    const published = await api("POST /api/v2/messages", { key, body: `{"event_type":"session.submitted","payload":${sessionPayload(nested(MAX_PAYLOAD_DEPTH - 2))}}` });
    expect(published.status, published.text.slice(0, 300)).toBe(202);
  });
});

describe("invalid API keys", () => {
  beforeEach(() => configureInvalidApiKeyLimit({ points: 5, durationSeconds: 60 }));

  it("are limited per source address before any lookup: 429 with Retry-After, even for a valid key from there", async () => {
    const { key } = await newTenant();
    const from = (address: string) => ({ "x-forwarded-for": address });
    for (let i = 0; i < 5; i++) {
      const guess = await api("GET /api/v2/webhook_endpoint", { key: `hk_live_guess${i}`, headers: from("203.0.113.7") });
      expect(guess.status).toBe(401);
    }
    const limited = await api("GET /api/v2/webhook_endpoint", { key: "hk_live_guess5", headers: from("203.0.113.7") });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(limited.body).toMatchObject({ error: { code: "RATE_LIMITED" } });
    expect((await api("GET /api/v2/webhook_endpoint", { key, headers: from("203.0.113.7") })).status).toBe(429);
    // the address a proxy appended is the one counted, not what the client wrote before it
    expect((await api("GET /api/v2/webhook_endpoint", { key, headers: from("203.0.113.7, 198.51.100.2") })).status).toBe(200);
  });

  it("leave other addresses and valid keys alone", async () => {
    const { key } = await newTenant();
    for (let i = 0; i < 20; i++) expect((await api("GET /api/v2/webhook_endpoint", { key, headers: { "x-forwarded-for": "198.51.100.9" } })).status).toBe(200);
  });
});
