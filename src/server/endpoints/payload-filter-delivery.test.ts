import { fc, test } from "@fast-check/vitest";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Db } from "@/server/db/client";
import { publishMessage } from "@/server/messages/publish-message";
import { api, apiKeyFor } from "@/server/rest/rest-test-support";
import { createTestTenant } from "@/test/fixtures";
import { filterArbitrary, payloadArbitrary, referenceMatches } from "@/test/payload-filter-reference";
import { createTestDatabase, type TestDatabase } from "@/test/test-database";
import { createEndpoint } from "./create-endpoint";
import type { PayloadFilter } from "./payload-filter";

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

/** session.submitted carries a free-form `meta` object: the random part of each payload. */
function sessionPayload(meta: Record<string, unknown>) {
  return { sessionId: "s-1", date: "2026-01-01T10:00:00Z", integrations: [], meta };
}

/** The same filter, looking inside `meta` (paths are from the payload's root). */
function underMeta(filter: PayloadFilter): PayloadFilter {
  if (filter.and) return { and: filter.and.map(underMeta) };
  if (filter.or) return { or: filter.or.map(underMeta) };
  if (filter.not) return { not: underMeta(filter.not) };
  return { ...filter, path: `meta.${filter.path}` };
}

describe("publishing with payload filters", () => {
  test.prop(
    [
      fc.array(fc.option(filterArbitrary, { nil: null }), { minLength: 3, maxLength: 3 }),
      fc.array(fc.record({ meta: payloadArbitrary, keyed: fc.boolean() }), { minLength: 1, maxLength: 8 }),
    ],
    { numRuns: 12 },
  )("creates a delivery for exactly the endpoints whose filter each message matches", async (filters, messages) => {
    const { tenantId } = await createTestTenant(db);
    const endpoints = [];
    for (const [index, filter] of filters.entries()) {
      const input = { url: `https://example.com/${index}`, enabled_events: ["session.submitted" as const], filter: filter && underMeta(filter) };
      endpoints.push(await createEndpoint({ db, tenantId, input }));
    }
    for (const [index, { meta, keyed }] of messages.entries()) {
      const payload = sessionPayload(meta);
      // with an idempotency key a publish takes its own path (it settles races on the key): both must filter
      const { message } = await publishMessage({
        db,
        tenantId,
        input: { event_type: "session.submitted", payload, ...(keyed && { idempotency_key: `k-${index}` }) },
      });
      const delivered = message.deliveries.map((delivery) => delivery.endpoint_id).sort();
      const stored = (await db.delivery.findMany({ where: { messageId: message.id } })).map((delivery) => delivery.endpointId).sort();
      const expected = endpoints.filter((endpoint) => !endpoint.filter || referenceMatches(endpoint.filter, payload)).map((endpoint) => endpoint.id).sort();
      expect(stored).toEqual(expected);
      expect(delivered).toEqual(expected);
    }
  });
});

describe("saving and previewing filters", () => {
  it("answers a malformed filter with a 422 naming where, and stores, shows and clears a valid one (REST)", async () => {
    const { tenantId } = await createTestTenant(db);
    const key = await apiKeyFor(db, tenantId);
    const bad = await api("POST /api/v2/webhook_endpoint", {
      key,
      body: { url: "https://example.com/hook", enabled_events: ["*"], filter: { and: [{ path: "amount", gte: "100" }] } },
    });
    expect(bad.status).toBe(422);
    expect(bad.body).toMatchObject({ error: { code: "UNPROCESSABLE", details: { issues: [{ path: "filter.and.0.gte" }] } } });
    expect(await db.endpoint.count({ where: { tenantId } })).toBe(0);

    const filter = { and: [{ path: "amount", gte: 100 }, { path: "currency", in: ["EUR", "USD"] }] };
    const created = await api("POST /api/v2/webhook_endpoint", { key, body: { url: "https://example.com/hook", enabled_events: ["*"], filter } });
    expect(created.status).toBe(201);
    const id = (created.body as { id: string }).id;
    expect(created.body).toMatchObject({ filter });
    expect((await api(`GET /api/v2/webhook_endpoint/${id}`, { key })).body).toMatchObject({ filter });

    const badUpdate = await api(`PUT /api/v2/webhook_endpoint/${id}`, { key, body: { filter: { path: "amount" } } });
    expect(badUpdate.status).toBe(422);
    expect((await api(`GET /api/v2/webhook_endpoint/${id}`, { key })).body).toMatchObject({ filter });

    const cleared = await api(`PUT /api/v2/webhook_endpoint/${id}`, { key, body: { filter: null } });
    expect(cleared.status).toBe(200);
    expect(cleared.body).toMatchObject({ filter: null });
    expect(await db.endpoint.findUniqueOrThrow({ where: { id } })).toMatchObject({ payloadFilter: null, payloadFilterPath: null });
  });

  it("previews which of the tenant's last 50 messages a filter matches, and refuses a malformed one", async () => {
    const { tenantId, trpc } = await createTestTenant(db);
    const other = await createTestTenant(db);
    await publishMessage({ db, tenantId: other.tenantId, input: { event_type: "session.submitted", payload: sessionPayload({ amount: 1000 }) } });
    const published = [];
    for (let amount = 0; amount < 55; amount++) {
      // messages are ordered by their millisecond timestamps: one per millisecond keeps "the last 50" exact
      await new Promise((resolve) => setTimeout(resolve, 2));
      const { message } = await publishMessage({ db, tenantId, input: { event_type: "session.submitted", payload: sessionPayload({ amount }) } });
      published.push({ id: message.id, amount });
    }
    const preview = await trpc.endpoints.previewFilter({ filter: { path: "meta.amount", gte: 50 } });
    expect(preview.messages).toHaveLength(50);
    expect(new Set(preview.messages.map((message) => message.id))).toEqual(new Set(published.slice(5).map((message) => message.id)));
    const matchedIds = preview.messages.filter((message) => message.matches).map((message) => message.id);
    expect(new Set(matchedIds)).toEqual(new Set(published.filter((message) => message.amount >= 50).map((message) => message.id)));
    expect(preview.matched).toBe(5);

    await expect(trpc.endpoints.previewFilter({ filter: { path: "meta.amount", gte: 1, lt: 3 } })).rejects.toThrow(/exactly one of/);
  });
});
