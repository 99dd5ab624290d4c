import { fc, test } from "@fast-check/vitest";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/test-database";
import { createTestTenant } from "@/test/fixtures";
import type { Db } from "@/server/db/client";
import { createEndpoint } from "@/server/endpoints/create-endpoint";
import { requireEventType } from "@/server/catalog";
import { configureTenantQuotas } from "@/server/quotas/tenant-quotas";
import type { MessageDto } from "@/server/messages/schemas";
import { api, apiKeyFor, platformKeyFor, tenantSnapshot } from "./rest-test-support";
import { configureApiRateLimit, DEFAULT_API_RATE_LIMIT } from "./rate-limit";
import { MAX_BATCH_BODY_BYTES, MAX_BODY_BYTES } from "./body";

const current = vi.hoisted(() => ({ db: undefined as unknown }));
vi.mock("@/server/db", () => ({ getDb: async () => current.db, closeDb: async () => {} }));

let database: TestDatabase;
let db: Db;
let platformKey = "";

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.prisma;
  current.db = db;
  configureApiRateLimit({ points: 1_000_000, durationSeconds: 1 });
  platformKey = await platformKeyFor(db);
}, 60_000);
afterAll(async () => {
  configureApiRateLimit(DEFAULT_API_RATE_LIMIT);
  await database.close();
});
afterEach(() => configureTenantQuotas(null));

/** A tenant with two endpoints subscribed to user.created (nothing listens on port 9: nothing is sent in these tests). */
async function newTenant(externalId?: string) {
  const { tenantId } = await createTestTenant(db);
  if (externalId) await db.tenant.update({ where: { id: tenantId }, data: { externalId } });
  for (const path of ["a", "b"]) await createEndpoint({ db, tenantId, input: { url: `http://127.0.0.1:9/${path}`, enabled_events: ["user.created"] } });
  return { tenantId, key: await apiKeyFor(db, tenantId) };
}

const userCreated = requireEventType("user.created").example as Record<string, unknown>;
/** A valid user.created message, told apart by `n`. */
const valid = (n: number, extra: Record<string, unknown> = {}) => ({ event_type: "user.created", payload: { ...userCreated, firstName: `User ${n}` }, ...extra });

type Published = { data: MessageDto[]; replayed: number[] };
type ErrorBody = { error: { code: string; message: string; details: { issues?: { path: string; message: string }[]; index?: number } } };

const publishBatch = (key: string, messages: unknown[], headers?: Record<string, string>) => api("POST /api/v2/messages/batch", { key, body: { messages }, headers });

describe("POST /api/v2/messages/batch", () => {
  it("publishes 1,000 messages (a body over the single publish's 1 MiB) with one result each, in order, and their deliveries", async () => {
    const { tenantId, key } = await newTenant();
    const padding = "x".repeat(2_000);
    const messages = Array.from({ length: 1000 }, (_, n) => ({ ...valid(n), payload: { ...valid(n).payload, lastName: padding } }));
    expect(JSON.stringify({ messages }).length).toBeGreaterThan(MAX_BODY_BYTES);

    const response = await publishBatch(key, messages);
    expect(response.status, response.text.slice(0, 500)).toBe(202);
    const { data, replayed } = response.body as Published;
    expect(replayed).toEqual([]);
    expect(data).toHaveLength(1000);
    expect(data.map((message) => (message.payload as { firstName: string }).firstName)).toEqual(messages.map((m) => m.payload.firstName));
    expect(data.every((message) => message.deliveries.length === 2 && message.deliveries.every((d) => d.status === "pending"))).toBe(true);
    expect(new Set(data.map((message) => message.id)).size).toBe(1000);

    expect(await db.message.count({ where: { tenantId } })).toBe(1000);
    const deliveries = await db.delivery.findMany({ where: { tenantId }, select: { id: true, messageId: true } });
    expect(deliveries).toHaveLength(2000);
    expect(new Set(deliveries.map((d) => d.id))).toEqual(new Set(data.flatMap((message) => message.deliveries.map((d) => d.id))));
  }, 120_000);

  it("refuses the whole batch when message 537 is invalid, naming its index and field, and writes nothing", async () => {
    const { tenantId, key } = await newTenant();
    const messages: unknown[] = Array.from({ length: 1000 }, (_, n) => valid(n));
    messages[537] = { event_type: "user.created", payload: { ...userCreated, email: 42 } };
    const before = await tenantSnapshot(db, tenantId);

    const response = await publishBatch(key, messages);
    expect(response.status).toBe(422);
    const { error } = response.body as ErrorBody;
    expect(error.code).toBe("UNPROCESSABLE");
    expect(error.details.issues).toEqual([{ path: "messages.537.payload.email", message: expect.any(String) }]);
    expect(error.message).toContain("messages.537.payload.email");
    expect(await tenantSnapshot(db, tenantId)).toBe(before);
  }, 60_000);

  it("names every invalid message: unknown event type, missing payload, bad envelope field", async () => {
    const { tenantId, key } = await newTenant();
    const before = await tenantSnapshot(db, tenantId);
    const unknownType = await publishBatch(key, [valid(0), { event_type: "user.deleted", payload: {} }, valid(2), { event_type: "user.created", payload: { ...userCreated, userId: 7 } }]);
    expect(unknownType.status).toBe(422);
    expect((unknownType.body as ErrorBody).error.details.issues!.map((issue) => issue.path)).toEqual(["messages.1.event_type", "messages.3.payload.userId"]);

    const envelope = await publishBatch(key, [valid(0), { event_type: "user.created" }, valid(2, { ordering_key: "" })]);
    expect(envelope.status).toBe(422);
    expect((envelope.body as ErrorBody).error.details.issues!.map((issue) => issue.path)).toEqual(["messages.1.payload", "messages.2.ordering_key"]);
    expect(await tenantSnapshot(db, tenantId)).toBe(before);
  });

  it("refuses more than 1,000 messages, or none, with a 422 that says so", async () => {
    const { tenantId, key } = await newTenant();
    const before = await tenantSnapshot(db, tenantId);
    const tooMany = await publishBatch(key, Array.from({ length: 1001 }, (_, n) => valid(n)));
    expect(tooMany.status).toBe(422);
    expect((tooMany.body as ErrorBody).error.details.issues).toEqual([{ path: "messages", message: expect.stringContaining("at most 1000 messages") }]);
    const none = await publishBatch(key, []);
    expect(none.status).toBe(422);
    expect(await tenantSnapshot(db, tenantId)).toBe(before);
  });

  it("refuses a body over 5 MiB with 413 and writes nothing", async () => {
    const { tenantId, key } = await newTenant();
    const before = await tenantSnapshot(db, tenantId);
    const response = await publishBatch(key, [{ event_type: "user.created", payload: { ...userCreated, lastName: "x".repeat(MAX_BATCH_BODY_BYTES) } }]);
    expect(response.status).toBe(413);
    expect(response.body).toMatchObject({ error: { code: "PAYLOAD_TOO_LARGE", details: { limit_bytes: MAX_BATCH_BODY_BYTES } } });
    expect(await tenantSnapshot(db, tenantId)).toBe(before);
  });

  it("honours each idempotency key on its own, within a batch, across batches and with single publishes", async () => {
    const { tenantId, key } = await newTenant();
    const first = await publishBatch(key, [valid(1, { idempotency_key: "k1" }), valid(2, { idempotency_key: "k2" }), valid(1, { idempotency_key: "k1" }), valid(3)]);
    expect(first.status).toBe(202);
    const firstBody = first.body as Published;
    // within one batch the second use of a key gets the first's result (Stripe's rule for a repeated request)
    expect(firstBody.data[2]).toEqual(firstBody.data[0]);
    expect(firstBody.replayed).toEqual([2]);
    expect(await db.message.count({ where: { tenantId } })).toBe(3);

    const single = await api("POST /api/v2/messages", { key, body: valid(4, { idempotency_key: "k4" }) });
    const second = await publishBatch(key, [valid(2, { idempotency_key: "k2" }), valid(5, { idempotency_key: "k5" }), valid(4, { idempotency_key: "k4" })]);
    expect(second.status).toBe(202);
    const secondBody = second.body as Published;
    expect(secondBody.replayed).toEqual([0, 2]);
    expect(secondBody.data[0]).toEqual(JSON.parse(JSON.stringify(firstBody.data[1])));
    expect(secondBody.data[2]!.id).toBe((single.body as MessageDto).id);
    expect(await db.message.count({ where: { tenantId } })).toBe(5);

    const replayedSingle = await api("POST /api/v2/messages", { key, body: valid(5, { idempotency_key: "k5" }) });
    expect(replayedSingle.headers.get("idempotent-replayed")).toBe("true");
    expect((replayedSingle.body as MessageDto).id).toBe(secondBody.data[1]!.id);
    expect(await db.message.count({ where: { tenantId } })).toBe(5);
  });

  it("settles concurrent batches sharing a key: one message for the key, every batch answered with it, the rest written once", async () => {
    const { tenantId, key } = await newTenant();
    const responses = await Promise.all(Array.from({ length: 6 }, (_, n) => publishBatch(key, [valid(1, { idempotency_key: "raced" }), valid(100 + n)])));
    expect(responses.map((response) => response.status)).toEqual(Array(6).fill(202));
    const bodies = responses.map((response) => response.body as Published);
    expect(new Set(bodies.map((body) => body.data[0]!.id)).size).toBe(1);
    expect(bodies.filter((body) => body.replayed.length === 0)).toHaveLength(1);
    expect(await db.message.count({ where: { tenantId } })).toBe(7);
    expect(await db.delivery.count({ where: { tenantId } })).toBe(14);
  });

  it("refuses a key reused with another payload, earlier or within the batch, with a 409 naming the index, writing nothing", async () => {
    const { tenantId, key } = await newTenant();
    await publishBatch(key, [valid(1, { idempotency_key: "k1" })]);
    const before = await tenantSnapshot(db, tenantId);

    const reused = await publishBatch(key, [valid(7), valid(2, { idempotency_key: "k1" })]);
    expect(reused.status).toBe(409);
    expect((reused.body as ErrorBody).error).toMatchObject({ code: "CONFLICT", message: expect.stringContaining("messages.1.idempotency_key"), details: { index: 1 } });

    const within = await publishBatch(key, [valid(8, { idempotency_key: "k9" }), valid(9, { idempotency_key: "k9" })]);
    expect(within.status).toBe(409);
    expect((within.body as ErrorBody).error).toMatchObject({ code: "CONFLICT", details: { index: 1, message_id: null } });
    expect(await tenantSnapshot(db, tenantId)).toBe(before);
  });

  it("lets a platform key name each message's tenant, by id or external id, the header naming the rest", async () => {
    const a = await newTenant("cus_batch_a");
    const b = await newTenant();
    const response = await publishBatch(
      platformKey,
      [valid(0, { tenant_id: "cus_batch_a" }), valid(1, { tenant_id: b.tenantId }), valid(2)],
      { "Hookline-Tenant": b.tenantId },
    );
    expect(response.status, response.text).toBe(202);
    const [forA, forB, forHeader] = (response.body as Published).data;
    expect((await api(`GET /api/v2/messages/${forA!.id}`, { key: a.key })).status).toBe(200);
    expect((await api(`GET /api/v2/messages/${forA!.id}`, { key: b.key })).status).toBe(404);
    expect((await api(`GET /api/v2/messages/${forB!.id}`, { key: b.key })).status).toBe(200);
    expect((await api(`GET /api/v2/messages/${forHeader!.id}`, { key: b.key })).status).toBe(200);

    // the same idempotency key in two tenants names two messages
    const keyed = await publishBatch(platformKey, [valid(3, { tenant_id: a.tenantId, idempotency_key: "same" }), valid(3, { tenant_id: b.tenantId, idempotency_key: "same" })]);
    expect((keyed.body as Published).replayed).toEqual([]);
  });

  it("refuses a platform key's message naming no tenant at its index, or naming none without the header, writing nothing", async () => {
    const a = await newTenant("cus_batch_c");
    const before = await tenantSnapshot(db, a.tenantId);
    const unknown = await publishBatch(platformKey, [valid(0, { tenant_id: "cus_batch_c" }), valid(1, { tenant_id: "cus_nobody" }), valid(2)]);
    expect(unknown.status).toBe(422);
    expect((unknown.body as ErrorBody).error.details.issues!.map((issue) => issue.path)).toEqual(["messages.1.tenant_id", "messages.2.tenant_id"]);
    const headerUnknown = await publishBatch(platformKey, [valid(0)], { "Hookline-Tenant": "cus_nobody" });
    expect(headerUnknown.status).toBe(404);
    expect(await tenantSnapshot(db, a.tenantId)).toBe(before);
  });

  it("counts as one request against the key's rate limit, whatever it holds", async () => {
    const { key } = await newTenant();
    configureApiRateLimit({ points: 2, durationSeconds: 60 });
    try {
      const response = await publishBatch(key, Array.from({ length: 100 }, (_, n) => valid(n)));
      expect(response.status).toBe(202);
      expect(response.headers.get("x-ratelimit-remaining")).toBe("1");
    } finally {
      configureApiRateLimit({ points: 1_000_000, durationSeconds: 1 });
    }
  });

  it("holds each message to the tenant's fan-out quota: one over it refuses the batch, writing nothing", async () => {
    const { tenantId, key } = await newTenant();
    configureTenantQuotas({ deliveriesPerMessage: 1 });
    const before = await tenantSnapshot(db, tenantId);
    const response = await publishBatch(key, [{ event_type: "consent.created", payload: requireEventType("consent.created").example }, valid(1)]);
    expect(response.status).toBe(409);
    expect((response.body as ErrorBody).error).toMatchObject({ code: "QUOTA_EXCEEDED", message: expect.stringContaining("messages.1"), details: { quota: "deliveries_per_message", index: 1 } });
    expect(await tenantSnapshot(db, tenantId)).toBe(before);
  });

  it("stores each message's ordering_key", async () => {
    const { key } = await newTenant();
    const response = await publishBatch(key, [valid(0, { ordering_key: "user-1" }), valid(1)]);
    expect((response.body as Published).data.map((message) => message.ordering_key)).toEqual(["user-1", null]);
    const read = await api(`GET /api/v2/messages/${(response.body as Published).data[0]!.id}`, { key });
    expect((read.body as MessageDto).ordering_key).toBe("user-1");
  });
});

describe("POST /api/v2/messages/batch under random batches", () => {
  // each message carries whether it is valid, known by construction rather than re-derived from the catalog
  const invalidMessage = fc
    .constantFrom<Record<string, unknown>>(
      { event_type: "user.created", payload: { ...userCreated, email: 42 } },
      { event_type: "no.such.event", payload: {} },
      { event_type: "user.created" },
      { event_type: "user.created", payload: userCreated, idempotency_key: "" },
      { event_type: "user.created", payload: userCreated, ordering_key: "x".repeat(256) },
    )
    .map((message) => ({ message, valid: false }));
  const validMessage = fc
    .record({
      firstName: fc.string({ minLength: 1, maxLength: 40 }),
      idempotencyKey: fc.option(fc.uuid(), { nil: undefined }),
      orderingKey: fc.option(fc.constantFrom("a", "b"), { nil: undefined }),
    })
    .map(({ firstName, idempotencyKey, orderingKey }) => ({
      message: { ...valid(0), payload: { ...userCreated, firstName }, ...(idempotencyKey && { idempotency_key: idempotencyKey }), ...(orderingKey && { ordering_key: orderingKey }) },
      valid: true,
    }));
  const batch = fc.array(fc.oneof({ weight: 4, arbitrary: validMessage }, { weight: 1, arbitrary: invalidMessage }), { minLength: 1, maxLength: 20 });
  const fixture = { tenantId: "", key: "" };

  beforeAll(async () => Object.assign(fixture, await newTenant()));

  test.prop([batch], { numRuns: 25 })("is a 202 exactly when every message is valid, with one readable result per message", async (generated) => {
    const messages = generated.map(({ message }) => message);
    const allValid = generated.every(({ valid }) => valid);
    const before = await tenantSnapshot(db, fixture.tenantId);
    const response = await publishBatch(fixture.key, messages);
    expect(response.status, response.text).toBe(allValid ? 202 : 422);
    if (!allValid) {
      expect(await tenantSnapshot(db, fixture.tenantId)).toBe(before);
      return;
    }
    const { data } = response.body as Published;
    expect(data).toHaveLength(messages.length);
    for (const [index, message] of data.entries()) {
      const payload = await api(`GET /api/v2/messages/${message.id}/payload`, { key: fixture.key });
      expect(payload.body).toEqual(messages[index]!.payload);
    }
  });
});
