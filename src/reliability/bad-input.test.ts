/**
 * Bad input, property-based: event payloads for every event type (through publishMessage and through
 * POST /api/v2/messages), request headers (Authorization, Idempotency-Key, Content-Type) and query strings of
 * the routes the REST suites do not fuzz. Whatever arrives: a 2xx, or a 4xx with the documented error shape
 * `{error: {code, message, details?}}` — never a 500, never a partial write.
 *
 * src/server/rest/rest-properties.test.ts already fuzzes request bodies of every route and the query strings
 * of the endpoint routes; this file adds what it lacks: payload strings the database cannot store as given
 * (NUL, lone surrogates), payloads derived from each event's own example, headers, and the other routes.
 */
import { fc, test } from "@fast-check/vitest";
import { afterAll, beforeAll, describe, expect, vi } from "vitest";
import { z } from "zod";
import { createTestDatabase, type TestDatabase } from "@/test/test-database";
import { createTestTenant } from "@/test/fixtures";
import type { Db } from "@/server/db/client";
import { listEventTypes } from "@/server/catalog";
import { createEndpoint } from "@/server/endpoints/create-endpoint";
import { AppError } from "@/server/errors";
import { publishMessage } from "@/server/messages/publish-message";
import { restErrorSchema } from "@/server/rest/errors";
import { configureApiRateLimit } from "@/server/rest/rate-limit";
import { api, apiKeyFor, tenantSnapshot, type ApiResponse } from "@/server/rest/rest-test-support";
import { profile } from "./support";

const current = vi.hoisted(() => ({ db: undefined as unknown }));
// the REST handlers reach the database through getDb(): point it at this file's test database
vi.mock("@/server/db", () => ({ getDb: async () => current.db, closeDb: async () => {} }));

let database: TestDatabase;
let db: Db;
const fixture = { tenantId: "", key: "", endpointId: "", messageId: "" };
const runs = { numRuns: profile(40, 400) };
const eventTypes = listEventTypes();

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.prisma;
  current.db = db;
  configureApiRateLimit({ points: 1_000_000, durationSeconds: 1 });
  const { tenantId } = await createTestTenant(db);
  // subscribed to everything, pointing nowhere reachable: deliveries are written, never sent (no executor here)
  const endpoint = await createEndpoint({ db, tenantId, input: { url: "https://receiver.invalid/hook", enabled_events: ["*"] } });
  const key = await apiKeyFor(db, tenantId);
  const published = await api("POST /api/v2/messages", { key, body: { event_type: eventTypes[0]!.name, payload: eventTypes[0]!.example } });
  Object.assign(fixture, { tenantId, key, endpointId: endpoint.id, messageId: (published.body as { id: string }).id });
}, 120_000);
afterAll(async () => {
  await database?.close();
});

/** The documented error shape, exactly: nothing but code, message and details. */
const strictErrorSchema = z.strictObject({ error: restErrorSchema.shape.error.strict() });

function expectDocumentedOutcome(response: ApiResponse, accepted: number[]) {
  expect(response.status, response.text).not.toBe(500);
  if (response.status < 400) {
    expect(accepted, response.text).toContain(response.status);
    return;
  }
  expect(response.status, response.text).toBeLessThan(500);
  expect(response.headers.get("content-type") ?? "", response.text).toContain("application/json");
  expect(strictErrorSchema.safeParse(response.body).success, response.text).toBe(true);
}

// strings a JSON body can carry but a database column or jsonb value may not hold as given
const awkwardString = fc.oneof(
  fc.string(),
  fc.string({ unit: "binary" }),
  fc.constantFrom("\u0000", "a\u0000b", "\ud800", "\udfff", "\ud83d", "x\ud800y", "\\u0000", "\uFFFF", "\u202e", "'; DROP TABLE messages; --", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "%00", "\r\n\r\n"),
  fc.string({ minLength: 5_000, maxLength: 20_000 }),
);
const awkwardJson: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    awkwardString,
    fc.double(),
    fc.integer(),
    fc.constantFrom(null, true, false, 1e308, -0, Number.MAX_SAFE_INTEGER + 2),
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(awkwardString, tie("value"), { maxKeys: 4 }),
  ),
})).value;

/** An event's own example with one field (at any depth) replaced: it reaches past the schema's outer checks. */
function mutatedExample(example: unknown): fc.Arbitrary<unknown> {
  const paths: (string | number)[][] = [];
  const walk = (value: unknown, path: (string | number)[]) => {
    paths.push(path);
    if (Array.isArray(value)) value.forEach((item, i) => walk(item, [...path, i]));
    else if (value && typeof value === "object") for (const [key, item] of Object.entries(value)) walk(item, [...path, key]);
  };
  walk(example, []);
  return fc.tuple(fc.constantFrom(...paths.filter((p) => p.length > 0)), fc.oneof(awkwardString, awkwardJson)).map(([path, replacement]) => {
    const copy = structuredClone(example) as Record<string | number, unknown>;
    let target = copy;
    for (const key of path.slice(0, -1)) target = target[key] as Record<string | number, unknown>;
    target[path.at(-1)!] = replacement;
    return copy;
  });
}

const eventTypeName = fc.constantFrom(...eventTypes.map((eventType) => eventType.name));
const payloadFor = (name: string) => {
  const eventType = eventTypes.find((candidate) => candidate.name === name)!;
  return fc.oneof(mutatedExample(eventType.example), awkwardJson);
};
const eventAndPayload = eventTypeName.chain((name) => fc.tuple(fc.constant(name), payloadFor(name)));

describe("property: event payloads (publishMessage)", () => {
  test.prop([eventAndPayload, fc.option(awkwardString, { nil: undefined })], runs)(
    "any payload for any event type is published or refused with a 4xx domain error, writing nothing when refused",
    async ([eventType, payload], idempotencyKey) => {
      const before = await tenantSnapshot(db, fixture.tenantId);
      try {
        const { message } = await publishMessage({ db, tenantId: fixture.tenantId, input: { event_type: eventType, payload: payload as object, idempotency_key: idempotencyKey } });
        expect(message.event_type).toBe(eventType);
        expect(await db.message.count({ where: { id: message.id } })).toBe(1);
      } catch (error) {
        // a 4xx the edges map, never a database or programming error (those become 500s)
        const known = error instanceof AppError || error instanceof z.ZodError;
        expect(known, String(error)).toBe(true);
        expect(await tenantSnapshot(db, fixture.tenantId)).toBe(before);
      }
    },
  );
});

describe("property: POST /api/v2/messages", () => {
  test.prop([eventAndPayload], runs)("payloads of every event type → 202 or a documented 4xx, nothing written when refused", async ([eventType, payload]) => {
    const before = await tenantSnapshot(db, fixture.tenantId);
    const response = await api("POST /api/v2/messages", { key: fixture.key, body: { event_type: eventType, payload } });
    expectDocumentedOutcome(response, [202]);
    if (response.status >= 400) expect(await tenantSnapshot(db, fixture.tenantId)).toBe(before);
  });

  // header values a client can send: visible ASCII and spaces (what fetch/undici allow in a header)
  const headerValue = fc.oneof(
    fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 300 }),
    fc.constantFrom("", " ", "Bearer", "Bearer ", "bearer  x", "Basic dXNlcjpwYXNz", "Bearer hk_live_", "Bearer " + "a".repeat(5_000), "Token abc"),
  );

  test.prop([headerValue], runs)("any Authorization header → 401 with the error shape (or 202 with a real key)", async (authorization) => {
    const before = await tenantSnapshot(db, fixture.tenantId);
    const response = await api("POST /api/v2/messages", {
      headers: { authorization },
      body: { event_type: eventTypes[0]!.name, payload: eventTypes[0]!.example },
    });
    expectDocumentedOutcome(response, []);
    expect(response.status).toBe(401);
    expect(await tenantSnapshot(db, fixture.tenantId)).toBe(before);
  });

  test.prop([headerValue, fc.option(awkwardString, { nil: undefined })], runs)(
    "any Idempotency-Key header (with or without a body key) → 202, 409 or a documented 4xx",
    async (headerKey, bodyKey) => {
      const before = await tenantSnapshot(db, fixture.tenantId);
      const response = await api("POST /api/v2/messages", {
        key: fixture.key,
        headers: { "idempotency-key": headerKey },
        body: { event_type: eventTypes[0]!.name, payload: eventTypes[0]!.example, ...(bodyKey === undefined ? {} : { idempotency_key: bodyKey }) },
      });
      expectDocumentedOutcome(response, [202]);
      if (response.status >= 400) expect(await tenantSnapshot(db, fixture.tenantId)).toBe(before);
    },
  );

  test.prop([fc.constantFrom("text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/json; charset=latin1", "", "application/xml"), fc.oneof(fc.string(), fc.jsonValue().map((v) => JSON.stringify(v)))], runs)(
    "any Content-Type with any body → 202 or a documented 4xx",
    async (contentType, body) => {
      const before = await tenantSnapshot(db, fixture.tenantId);
      const response = await api("POST /api/v2/messages", { key: fixture.key, headers: { "content-type": contentType }, body });
      expectDocumentedOutcome(response, [202]);
      if (response.status >= 400) expect(await tenantSnapshot(db, fixture.tenantId)).toBe(before);
    },
  );
});

describe("property: query strings and ids of the routes the REST suites do not fuzz", () => {
  const queryString = fc
    .dictionary(fc.oneof(fc.constantFrom("limit", "cursor", "event", "event_type", "since", "format", "verbose"), fc.string()), awkwardString, { maxKeys: 4 })
    .map((params) => new URLSearchParams(params as Record<string, string>).toString());

  test.prop([queryString], runs)("GET routes answer 200 or a documented 4xx whatever the query string", async (query) => {
    for (const target of [
      `GET /api/v2/events?${query}`,
      `GET /api/v2/webhook/events?${query}`,
      `GET /api/v2/webhook?${query}`,
      `GET /api/v2/webhook/token?${query}`,
      `GET /api/v2/messages/${fixture.messageId}?${query}`,
      `GET /api/v2/messages/${fixture.messageId}/payload?${query}`,
      `GET /api/v2/webhook_endpoint/${fixture.endpointId}/secret?${query}`,
    ]) {
      expectDocumentedOutcome(await api(target, { key: fixture.key }), [200]);
    }
  });

  test.prop([queryString], runs)("POST /api/v2/messages ignores or refuses query strings, never fails on them", async (query) => {
    const response = await api(`POST /api/v2/messages?${query}`, { key: fixture.key, body: { event_type: eventTypes[0]!.name, payload: eventTypes[0]!.example } });
    expectDocumentedOutcome(response, [202]);
  });

  test.prop([fc.string({ minLength: 1, maxLength: 200 }).filter((id) => id !== "." && id !== "..")], runs)("any message id → 404 with the error shape", async (id) => {
    for (const target of [`GET /api/v2/messages/${encodeURIComponent(id)}`, `GET /api/v2/messages/${encodeURIComponent(id)}/payload`]) {
      const response = await api(target, { key: fixture.key });
      expectDocumentedOutcome(response, []);
      expect([404, 405]).toContain(response.status);
    }
  });
});
