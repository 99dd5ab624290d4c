/**
 * Abuse by volume, refused through the real transports (REST and capture route handlers, the portal's tRPC
 * router, the delivery pipeline over HTTP) on a real database:
 * - per-tenant quotas: endpoints, API keys, inspector bins and stored bytes, endpoints one message fans out to;
 * - outbound requests per second to one destination host, across tenants: deliveries wait, none fails;
 * - the public inspector URL, limited per token and per source address, unknown tokens answered cheaply.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/test-database";
import { createTestTenant } from "@/test/fixtures";
import { startReceiver } from "@/test/http-receiver";
import { startDeliveryPipeline, waitForDelivery } from "@/test/delivery-harness";
import * as capture from "@/app/api/inspect/[token]/route";
import type { Db } from "@/server/db/client";
import { configureHostRateLimit } from "@/server/deliveries/destination-host-rate-limit";
import { configureInspectorRateLimit } from "@/server/inspector/admit-inspector-capture";
import { configureTenantQuotas } from "@/server/quotas/tenant-quotas";
import { configureApiRateLimit } from "@/server/rest/rate-limit";
import { api, apiKeyFor, tenantSnapshot } from "@/server/rest/rest-test-support";

const current = vi.hoisted(() => ({ db: undefined as unknown }));
// the route handlers reach the database through getDb(): point it at this file's test database
vi.mock("@/server/db", () => ({ getDb: async () => current.db, closeDb: async () => {} }));

let database: TestDatabase;
const db = () => database.prisma;

beforeAll(async () => {
  database = await createTestDatabase();
  current.db = database.prisma;
  configureApiRateLimit({ points: 1_000_000, durationSeconds: 1 });
  configureInspectorRateLimit({ perToken: 1_000, perAddress: 1_000 });
}, 120_000);
afterEach(() => {
  current.db = database.prisma;
  configureTenantQuotas(null);
});
afterAll(async () => {
  await database?.close();
});

const riskPayload = { RiskAssessmentId: "1", SubmissionId: "2", Risk: "Low", ClientRating: "Retail" };
const endpointBody = (n: number) => ({ url: `https://receiver-${n}.example.com/hook`, enabled_events: ["RiskAssessmentCalculated" as const] });

async function tenantWithKey(name = "Quota Org") {
  const tenant = await createTestTenant(db(), name);
  return { ...tenant, key: await apiKeyFor(db(), tenant.tenantId) };
}

describe("per-tenant quotas", () => {
  it("refuses an endpoint beyond the quota on every route that creates one, with a stable code, writing nothing", async () => {
    configureTenantQuotas({ endpoints: 3 });
    const { tenantId, key, trpc } = await tenantWithKey();
    // concurrent creations cannot pass the quota together
    const created = await Promise.all([1, 2, 3, 4, 5].map((n) => api("POST /api/v2/webhook_endpoint", { key, body: endpointBody(n) })));
    expect(created.map((r) => r.status).sort()).toEqual([201, 201, 201, 409, 409]);
    const before = await tenantSnapshot(db(), tenantId);

    const refused = await api("POST /api/v2/webhook_endpoint", { key, body: endpointBody(6) });
    expect(refused.status).toBe(409);
    expect(refused.body).toEqual({
      error: {
        code: "QUOTA_EXCEEDED",
        message: "This tenant has reached its limit of 3 endpoints; delete one before adding another",
        details: { quota: "endpoints_per_tenant", limit: 3 },
      },
    });
    // seed 004's subscriptions and the portal meet the same quota
    const subscription = await api("POST /notifications/webhooks", { key, body: { url: "https://receiver-7.example.com/hook", subscribedEvents: ["RiskAssessmentCalculated"] } });
    expect(subscription.status).toBe(409);
    await expect(trpc.endpoints.create(endpointBody(8))).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("limit of 3 endpoints") });
    expect(await tenantSnapshot(db(), tenantId)).toBe(before);
    // what the endpoints page shows beside its list
    expect(await trpc.endpoints.quota()).toEqual({ used: 3, limit: 3 });

    // another tenant has its own quota; deleting an endpoint makes room
    const other = await tenantWithKey("Other Org");
    expect((await api("POST /api/v2/webhook_endpoint", { key: other.key, body: endpointBody(9) })).status).toBe(201);
    const firstId = (created.find((r) => r.status === 201)!.body as { id: string }).id;
    expect((await api(`DELETE /api/v2/webhook_endpoint/${firstId}`, { key })).status).toBe(200);
    expect((await api("POST /api/v2/webhook_endpoint", { key, body: endpointBody(10) })).status).toBe(201);
  });

  it("refuses an API key beyond the quota of active keys; revoking one makes room", async () => {
    const { trpc } = await createTestTenant(db());
    configureTenantQuotas({ apiKeys: 2 });
    const first = await trpc.apiKeys.create({ name: "one" });
    await trpc.apiKeys.create({ name: "two" });
    await expect(trpc.apiKeys.create({ name: "three" })).rejects.toMatchObject({
      code: "CONFLICT",
      message: "This tenant has reached its limit of 2 active API keys; revoke one before creating another",
    });
    expect(await trpc.apiKeys.list()).toHaveLength(2);
    await trpc.apiKeys.revoke({ id: first.apiKey.id });
    await expect(trpc.apiKeys.create({ name: "three" })).resolves.toMatchObject({ key: expect.any(String) });
  });

  it("refuses an inspector bin beyond the quota", async () => {
    const { trpc } = await createTestTenant(db());
    configureTenantQuotas({ inspectorBins: 2 });
    await trpc.inspector.createBin({ name: "one" });
    await trpc.inspector.createBin({ name: "two" });
    await expect(trpc.inspector.createBin({ name: "three" })).rejects.toMatchObject({
      code: "CONFLICT",
      message: "This tenant has reached its limit of 2 inspector bins; delete one before creating another",
    });
  });

  it("keeps a tenant's captures within its storage quota across bins, dropping the oldest", async () => {
    const { trpc } = await createTestTenant(db());
    const [quiet, busy] = [await trpc.inspector.createBin({ name: "quiet" }), await trpc.inspector.createBin({ name: "busy" })];
    configureTenantQuotas({ inspectorBytes: 100_000 });
    expect((await post(quiet.token, "q".repeat(30_000))).status).toBe(200);
    for (let i = 0; i < 6; i++) expect((await post(busy.token, String(i).repeat(30_000))).status).toBe(200);

    const stored = await db().$queryRaw<{ bytes: number }[]>`
      SELECT coalesce(sum(octet_length(r.path) + octet_length(r.headers::text) + octet_length(r.body)), 0)::int AS bytes
      FROM inspector_requests r JOIN inspector_bins b ON b.id = r.bin_id
      WHERE b.id IN (${quiet.id}::uuid, ${busy.id}::uuid)`;
    expect(stored[0]!.bytes).toBeLessThanOrEqual(100_000);
    const kept = await trpc.inspector.listRequests({ binId: busy.id, verifyWith: "none" });
    expect(kept.map((r) => r.body[0])).toEqual(["5", "4", "3"]);
    expect(await trpc.inspector.listRequests({ binId: quiet.id, verifyWith: "none" })).toEqual([]);
  });

  it("refuses to publish a message to more endpoints than the fan-out quota, with or without an idempotency key", async () => {
    const { tenantId, key, trpc } = await tenantWithKey();
    const endpoints = [];
    for (let n = 1; n <= 3; n++) endpoints.push((await api("POST /api/v2/webhook_endpoint", { key, body: endpointBody(n) })).body as { id: string });
    configureTenantQuotas({ deliveriesPerMessage: 2 });
    const before = await tenantSnapshot(db(), tenantId);
    const modest = await tenantWithKey("Modest Org");
    await api("POST /api/v2/webhook_endpoint", { key: modest.key, body: endpointBody(4) });

    // published at the same moment, as group commit may write them in one statement: only the one over the quota is refused
    const [refused, accepted] = await Promise.all([
      api("POST /api/v2/messages", { key, body: { event_type: "RiskAssessmentCalculated", payload: riskPayload } }),
      api("POST /api/v2/messages", { key: modest.key, body: { event_type: "RiskAssessmentCalculated", payload: riskPayload } }),
    ]);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ error: { code: "QUOTA_EXCEEDED", details: { quota: "deliveries_per_message", limit: 2 } } });
    expect((refused.body as { error: { message: string } }).error.message).toMatch(/^3 active endpoints subscribe to RiskAssessmentCalculated, more than the 2/);
    expect(accepted.status).toBe(202);
    const keyed = await api("POST /api/v2/messages", { key, body: { event_type: "RiskAssessmentCalculated", payload: riskPayload, idempotency_key: "k1" } });
    expect(keyed.status).toBe(409);
    await expect(trpc.messages.publish({ event_type: "RiskAssessmentCalculated", payload: riskPayload })).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await tenantSnapshot(db(), tenantId)).toBe(before);

    // within the quota again, the message goes to each subscribed endpoint
    await api(`PUT /api/v2/webhook_endpoint/${endpoints[0]!.id}`, { key, body: { is_active: false } });
    const published = await api("POST /api/v2/messages", { key, body: { event_type: "RiskAssessmentCalculated", payload: riskPayload } });
    expect(published.status).toBe(202);
    expect((published.body as { deliveries: unknown[] }).deliveries).toHaveLength(2);
  });
});

describe("outbound requests per destination host", () => {
  it("paces deliveries of several tenants to one host, delaying rather than failing them", async () => {
    configureHostRateLimit(1);
    const receiver = await startReceiver();
    const pipeline = await startDeliveryPipeline(db());
    try {
      const keys = [];
      for (const name of ["Tenant A", "Tenant B"]) {
        const { key } = await tenantWithKey(name);
        for (let n = 0; n < 2; n++) {
          await api("POST /api/v2/webhook_endpoint", { key, body: { url: `${receiver.origin}/hook/${n}`, enabled_events: ["RiskAssessmentCalculated"], retry_count: 0 } });
        }
        keys.push(key);
      }
      const published = await Promise.all(keys.map((key) => api("POST /api/v2/messages", { key, body: { event_type: "RiskAssessmentCalculated", payload: riskPayload } })));
      const deliveryIds = published.flatMap((response) => (response.body as { deliveries: { id: string }[] }).deliveries.map((d) => d.id));
      expect(deliveryIds).toHaveLength(4);
      const finished = await Promise.all(deliveryIds.map((id) => waitForDelivery(db(), id, { timeoutMs: 60_000 })));
      // every one delivered with its first attempt: waiting for the host's budget spends no retry
      expect(finished.map((d) => [d.status, d.attempts.length])).toEqual(deliveryIds.map(() => ["succeeded", 1]));
      expect(receiver.received).toHaveLength(4);
      // four requests at one per second to 127.0.0.1 go out over at least three more windows after the first
      // (unpaced, the two messages' four requests arrive within a fraction of a second)
      const times = receiver.received.map((r) => r.receivedAt);
      expect(Math.max(...times) - Math.min(...times)).toBeGreaterThanOrEqual(2_000);
    } finally {
      await pipeline.stop();
      await receiver.close();
      configureHostRateLimit(1_000_000);
    }
  }, 120_000);
});

function post(token: string, body = "{}", address = "198.51.100.1") {
  const request = new Request(`http://hookline.test/api/inspect/${token}`, { method: "POST", body, headers: { "x-forwarded-for": address } });
  return capture.POST(request, { params: Promise.resolve({ token }) });
}

/** Statements on the inspector's tables: what an unknown token must not cost. */
function countingInspectorLookups(): { db: Db; count: () => number } {
  let statements = 0;
  const counted = db().$extends({
    query: {
      inspectorBin: {
        async $allOperations({ args, query }) {
          statements++;
          return query(args);
        },
      },
      inspectorRequest: {
        async $allOperations({ args, query }) {
          statements++;
          return query(args);
        },
      },
    },
  }) as unknown as Db;
  return { db: counted, count: () => statements };
}

describe("the public inspector URL", () => {
  afterEach(() => configureInspectorRateLimit({ perToken: 1_000, perAddress: 1_000 }));

  it("limits each token per second with 429 and Retry-After, recording nothing refused", async () => {
    configureInspectorRateLimit({ perToken: 3, perAddress: 1_000 });
    const { trpc } = await createTestTenant(db());
    const [flooded, other] = [await trpc.inspector.createBin({ name: "flooded" }), await trpc.inspector.createBin({ name: "other" })];
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await post(flooded.token, "{}", `203.0.113.${i}`)).status);
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    const refused = await post(flooded.token);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(await refused.json()).toMatchObject({ error: { code: "RATE_LIMITED" } });
    expect(await db().inspectorRequest.count({ where: { binId: flooded.id } })).toBe(3);
    expect((await post(other.token)).status).toBe(200);
  });

  it("limits each source address, made-up tokens included, and answers unknown tokens without a lookup", async () => {
    configureInspectorRateLimit({ perToken: 1_000, perAddress: 4 });
    const { trpc } = await createTestTenant(db());
    const bin = await trpc.inspector.createBin({ name: "real" });
    const lookups = countingInspectorLookups();
    current.db = lookups.db;

    const madeUp = `in_${"x".repeat(24)}`;
    expect((await post("not-a-token", "{}", "192.0.2.9")).status).toBe(404);
    expect(lookups.count()).toBe(0);
    expect((await post(madeUp, "{}", "192.0.2.9")).status).toBe(404);
    expect(lookups.count()).toBe(1);
    // remembered: the same made-up token again costs nothing
    expect((await post(madeUp, "{}", "192.0.2.9")).status).toBe(404);
    expect(lookups.count()).toBe(1);
    expect((await post(bin.token, "{}", "192.0.2.9")).status).toBe(200);
    // the address has spent its four requests: even the real token is refused from it, not from another
    const refused = await post(bin.token, "{}", "192.0.2.9");
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toMatch(/^\d+$/);
    expect((await post(madeUp, "{}", "192.0.2.9")).status).toBe(429);
    expect((await post(bin.token, "{}", "192.0.2.10")).status).toBe(200);
    expect(await db().inspectorRequest.count({ where: { binId: bin.id } })).toBe(2);
  });
});
