import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/test-database";
import { createTestTenant } from "@/test/fixtures";
import type { Db } from "@/server/db/client";
import { findEventType } from "@/server/catalog";
import { redeemPortalLink } from "@/server/portal-links/redeem-portal-link";
import { api, apiKeyFor, platformKeyFor, tenantSnapshot } from "./rest-test-support";
import { configureApiRateLimit } from "./rate-limit";

const current = vi.hoisted(() => ({ db: undefined as unknown }));
vi.mock("@/server/db", () => ({ getDb: async () => current.db, closeDb: async () => {} }));

let database: TestDatabase;
let db: Db;
let platformKey: string;
const userCreated = { event_type: "user.created", payload: findEventType("user.created")!.example };

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.prisma;
  current.db = db;
  configureApiRateLimit({ points: 1_000_000, durationSeconds: 1 });
  platformKey = await platformKeyFor(db);
}, 60_000);
afterAll(async () => {
  await database.close();
});

type Tenant = { id: string; external_id: string | null; name: string; stats: Record<string, unknown> };

async function createTenant(body: Record<string, unknown>): Promise<Tenant> {
  const response = await api("POST /api/v2/tenants", { key: platformKey, body });
  expect(response.status, response.text).toBe(201);
  return response.body as Tenant;
}

const forTenant = (reference: string) => ({ key: platformKey, headers: { "Hookline-Tenant": reference } });

describe("the tenants API (platform keys)", () => {
  it("creates, reads by id or external id, lists with search, updates and deletes tenants", async () => {
    const acme = await createTenant({ name: "Acme Corp", external_id: "cus_acme_1", metadata: { plan: "gold" } });
    expect(acme).toMatchObject({
      name: "Acme Corp",
      external_id: "cus_acme_1",
      metadata: { plan: "gold" },
      stats: { endpoints: 0, failing_endpoints: 0, deliveries_24h: 0, success_rate_24h: null, last_delivery_at: null },
    });
    expect((await api(`GET /api/v2/tenants/${acme.id}`, { key: platformKey })).body).toEqual(acme);
    expect((await api("GET /api/v2/tenants/cus_acme_1", { key: platformKey })).body).toEqual(acme);

    await createTenant({ name: "Initech" });
    const found = (await api("GET /api/v2/tenants?search=acme", { key: platformKey })).body as { data: Tenant[] };
    expect(found.data.map((t) => t.id)).toEqual([acme.id]);
    expect(((await api("GET /api/v2/tenants?search=cus_acme", { key: platformKey })).body as { data: Tenant[] }).data.map((t) => t.id)).toEqual([acme.id]);

    const renamed = await api("PATCH /api/v2/tenants/cus_acme_1", { key: platformKey, body: { name: "Acme Inc.", external_id: "cus_acme_2" } });
    expect(renamed.body).toMatchObject({ id: acme.id, name: "Acme Inc.", external_id: "cus_acme_2", metadata: { plan: "gold" } });
    expect((await api("GET /api/v2/tenants/cus_acme_1", { key: platformKey })).status).toBe(404);

    expect((await api("DELETE /api/v2/tenants/cus_acme_2", { key: platformKey })).body).toEqual({ id: acme.id, deleted: true });
    expect((await api(`GET /api/v2/tenants/${acme.id}`, { key: platformKey })).status).toBe(404);
  });

  it("pages through every tenant with cursors, none twice", async () => {
    for (let i = 0; i < 5; i++) await createTenant({ name: `Paged ${i}`, external_id: `paged-${i}` });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = (await api(`GET /api/v2/tenants?search=paged-&limit=2${cursor ? `&cursor=${cursor}` : ""}`, { key: platformKey })).body as {
        data: Tenant[];
        next_cursor: string | null;
      };
      seen.push(...page.data.map((t) => t.external_id!));
      cursor = page.next_cursor;
    } while (cursor);
    expect(seen).toEqual(["paged-4", "paged-3", "paged-2", "paged-1", "paged-0"]);
    const forged = Buffer.from("2026-01-01T00:00:00.000Z|not-a-uuid").toString("base64url");
    expect((await api(`GET /api/v2/tenants?cursor=${forged}`, { key: platformKey })).status).toBe(400);
  });

  it("refuses a duplicate external id with 409 and an invalid one with 422 naming the field, writing nothing", async () => {
    await createTenant({ name: "Taken", external_id: "cus_taken" });
    const before = await db.tenant.count();
    const duplicate = await api("POST /api/v2/tenants", { key: platformKey, body: { name: "Again", external_id: "cus_taken" } });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body).toMatchObject({ error: { code: "CONFLICT", details: { issues: [{ path: "external_id" }] } } });
    for (const external_id of ["", "has space", "x".repeat(129), "semi;colon", 42]) {
      const invalid = await api("POST /api/v2/tenants", { key: platformKey, body: { name: "Bad", external_id } });
      expect(invalid.status, JSON.stringify(external_id)).toBe(422);
      expect(invalid.body).toMatchObject({
        error: { code: "UNPROCESSABLE", details: { issues: expect.arrayContaining([expect.objectContaining({ path: "external_id" })]) } },
      });
    }
    expect(await db.tenant.count()).toBe(before);
    const other = await createTenant({ name: "Other", external_id: "cus_other" });
    expect((await api(`PATCH /api/v2/tenants/${other.id}`, { key: platformKey, body: { external_id: "cus_taken" } })).status).toBe(409);
  });

  it("deletes every row the tenant owned; its key stops working at once", async () => {
    const doomed = await createTenant({ name: "Doomed", external_id: "cus_doomed" });
    const key = await apiKeyFor(db, doomed.id);
    const endpoint = await api("POST /api/v2/webhook_endpoint", { key, body: { url: "https://doomed.example/hook", enabled_events: ["*"] } });
    expect(endpoint.status).toBe(201);
    expect((await api("POST /api/v2/messages", { key, body: userCreated })).status).toBe(202);
    await api("POST /api/v2/tenants/cus_doomed/portal-links", { key: platformKey });
    const survivor = await createTenant({ name: "Survivor" });
    const survivorKey = await apiKeyFor(db, survivor.id);
    await api("POST /api/v2/messages", { key: survivorKey, body: userCreated });
    const survivorBefore = await tenantSnapshot(db, survivor.id);

    expect((await api("DELETE /api/v2/tenants/cus_doomed", { key: platformKey })).status).toBe(200);

    const where = { tenantId: doomed.id };
    const remaining = await Promise.all([
      db.endpoint.count({ where }),
      db.endpointSecret.count({ where }),
      db.message.count({ where }),
      db.delivery.count({ where }),
      db.attempt.count({ where }),
      db.apiKey.count({ where }),
      db.membership.count({ where }),
      db.inspectorBin.count({ where }),
      db.portalSession.count({ where }),
      db.activityEntry.count({ where }),
    ]);
    expect(remaining).toEqual(Array(remaining.length).fill(0));
    expect((await api("GET /api/v2/webhook_endpoint", { key })).status).toBe(401);
    expect((await api("GET /api/v2/webhook_endpoint", forTenant("cus_doomed"))).status).toBe(404);
    expect(await tenantSnapshot(db, survivor.id)).toBe(survivorBefore);
    // the install's log keeps who deleted it
    expect(await db.activityEntry.findFirst({ where: { tenantId: null, action: "tenant.deleted", targetId: doomed.id } })).toMatchObject({
      actorKind: "platform_key",
    });
  });

  it("does not exist for tenant keys (404) and needs the matching platform scope (403)", async () => {
    const { tenantId } = await createTestTenant(db);
    const tenantKey = await apiKeyFor(db, tenantId);
    for (const target of ["GET /api/v2/tenants", "POST /api/v2/tenants", `GET /api/v2/tenants/${tenantId}`, `PATCH /api/v2/tenants/${tenantId}`, `DELETE /api/v2/tenants/${tenantId}`, `POST /api/v2/tenants/${tenantId}/portal-links`]) {
      const response = await api(target, { key: tenantKey, body: target.startsWith("GET") || target.startsWith("DELETE") ? undefined : { name: "x" } });
      expect(response.status, target).toBe(404);
      expect(response.body).toMatchObject({ error: { code: "NOT_FOUND" } });
    }
    expect(await db.tenant.findUnique({ where: { id: tenantId } })).not.toBeNull();

    const readOnly = await platformKeyFor(db, ["tenants:read"]);
    expect((await api("GET /api/v2/tenants", { key: readOnly })).status).toBe(200);
    expect((await api("POST /api/v2/tenants", { key: readOnly, body: { name: "No" } })).status).toBe(403);
    expect((await api(`POST /api/v2/tenants/${tenantId}/portal-links`, { key: readOnly })).status).toBe(403);
    expect((await api("GET /api/v2/webhook_endpoint", { key: readOnly, headers: { "Hookline-Tenant": tenantId } })).status).toBe(403);
  });
});

describe("portal links", () => {
  it("mints a single-use link that expires, for the tenant named by id or external id", async () => {
    const tenant = await createTenant({ name: "Linked", external_id: "cus_linked" });
    const minted = await api("POST /api/v2/tenants/cus_linked/portal-links", { key: platformKey, body: { capability: "read", expires_in: 60 } });
    expect(minted.status, minted.text).toBe(201);
    const link = minted.body as { url: string; capability: string; expires_at: string; session_seconds: number };
    expect(link).toMatchObject({ capability: "read", session_seconds: 3600 });
    expect(link.url).toMatch(/^https?:\/\/[^/]+\/portal\/hlp_[A-Za-z0-9_-]{43}$/);
    expect(Date.parse(link.expires_at) - Date.now()).toBeLessThanOrEqual(60_000);
    const token = link.url.split("/").pop()!;
    expect(JSON.stringify(await db.portalSession.findMany({ where: { tenantId: tenant.id } }))).not.toContain(token);

    expect(await redeemPortalLink({ db, token })).toMatchObject({ ok: true, sessionToken: expect.stringMatching(/^hls_/) });
    expect(await redeemPortalLink({ db, token })).toEqual({ ok: false, reason: "used" });
    expect(await redeemPortalLink({ db, token: `${token.slice(0, -1)}${token.endsWith("A") ? "B" : "A"}` })).toEqual({ ok: false, reason: "forged" });

    const late = (await api(`POST /api/v2/tenants/${tenant.id}/portal-links`, { key: platformKey })).body as { url: string; expires_at: string };
    expect(Date.parse(late.expires_at) - Date.now()).toBeGreaterThan(9 * 60_000); // default 10 minutes
    const afterExpiry = new Date(Date.parse(late.expires_at) + 1);
    expect(await redeemPortalLink({ db, token: late.url.split("/").pop()!, now: afterExpiry })).toEqual({ ok: false, reason: "expired" });
  });

  it("refuses bad options with 422 and unknown tenants with 404, minting nothing", async () => {
    const tenant = await createTenant({ name: "Strict" });
    for (const body of [{ expires_in: 86_401 }, { expires_in: 0 }, { expires_in: "600" }, { capability: "admin" }, { extra: true }]) {
      const response = await api(`POST /api/v2/tenants/${tenant.id}/portal-links`, { key: platformKey, body });
      expect(response.status, JSON.stringify(body)).toBe(422);
    }
    expect((await api("POST /api/v2/tenants/cus_nobody/portal-links", { key: platformKey })).status).toBe(404);
    expect(await db.portalSession.count({ where: { tenantId: tenant.id } })).toBe(0);
  });
});

describe("acting for a tenant with Hookline-Tenant", () => {
  it("publishes to two tenants by external id; each tenant's own key sees only its messages", async () => {
    const [one, two] = [await createTenant({ name: "One", external_id: "cus_one" }), await createTenant({ name: "Two", external_id: "cus_two" })];
    const keys = { one: await apiKeyFor(db, one.id), two: await apiKeyFor(db, two.id) };
    await api("POST /api/v2/webhook_endpoint", { key: keys.one, body: { url: "https://one.example/hook", enabled_events: ["user.created"] } });
    await api("POST /api/v2/webhook_endpoint", { key: keys.two, body: { url: "https://two.example/hook", enabled_events: ["*"] } });

    const toOne = await api("POST /api/v2/messages", { ...forTenant("cus_one"), body: userCreated });
    const toTwo = await api("POST /api/v2/messages", { ...forTenant("cus_two"), body: userCreated });
    expect([toOne.status, toTwo.status]).toEqual([202, 202]);
    const [messageOne, messageTwo] = [toOne.body as { id: string; deliveries: unknown[] }, toTwo.body as { id: string; deliveries: unknown[] }];
    expect([messageOne.deliveries.length, messageTwo.deliveries.length]).toEqual([1, 1]);

    expect((await api(`GET /api/v2/messages/${messageOne.id}`, { key: keys.one })).status).toBe(200);
    expect((await api(`GET /api/v2/messages/${messageTwo.id}`, { key: keys.one })).status).toBe(404);
    expect((await api(`GET /api/v2/messages/${messageTwo.id}`, { key: keys.two })).status).toBe(200);
    expect((await api(`GET /api/v2/messages/${messageOne.id}`, { key: keys.two })).status).toBe(404);
    expect((await api(`GET /api/v2/messages/${messageOne.id}`, forTenant("cus_two"))).status).toBe(404);
    expect(await db.message.count({ where: { tenantId: one.id } })).toBe(1);
  });

  it("a platform key without the header is a 400 naming it; a tenant key with it is a 400; an unknown tenant is a 404", async () => {
    const tenant = await createTenant({ name: "Header", external_id: "cus_header" });
    const tenantKey = await apiKeyFor(db, tenant.id);
    const before = await tenantSnapshot(db, tenant.id);

    const missing = await api("POST /api/v2/messages", { key: platformKey, body: userCreated });
    expect(missing.status).toBe(400);
    expect((missing.body as { error: { message: string } }).error.message).toContain("Hookline-Tenant");
    const empty = await api("GET /api/v2/webhook_endpoint", { key: platformKey, headers: { "Hookline-Tenant": " " } });
    expect(empty.status).toBe(400);

    const ignoredNever = await api("POST /api/v2/messages", { key: tenantKey, headers: { "Hookline-Tenant": "cus_header" }, body: userCreated });
    expect(ignoredNever.status).toBe(400);
    expect((ignoredNever.body as { error: { message: string } }).error.message).toContain("Hookline-Tenant");

    for (const reference of ["cus_nobody", "00000000-0000-4000-8000-000000000000", "bad value;", "x".repeat(500)]) {
      const unknown = await api("GET /api/v2/webhook_endpoint", forTenant(reference));
      expect(unknown.status, reference).toBe(404);
      expect(unknown.body).toMatchObject({ error: { code: "NOT_FOUND" } });
    }
    expect(await tenantSnapshot(db, tenant.id)).toBe(before);
  });
});

describe("the activity log says who changed what, never a secret", () => {
  it("names the tenant key, the platform key and the portal link minted", async () => {
    const tenant = await createTenant({ name: "Audited", external_id: "cus_audited" });
    const tenantKey = await apiKeyFor(db, tenant.id);
    const created = await api("POST /api/v2/webhook_endpoint", {
      key: tenantKey,
      body: { url: "https://audited.example/hook?token=s3cr3t", auth_type: "Bearer", auth_settings: { token: "bearer-s3cr3t" } },
    });
    expect(created.status, created.text).toBe(201);
    const endpointId = (created.body as { id: string }).id;
    await api(`PATCH /api/v2/webhook_endpoint/${endpointId}/secret`, forTenant("cus_audited"));
    const secret = ((await api(`GET /api/v2/webhook_endpoint/${endpointId}/secret`, { key: tenantKey })).body as { secret: string }).secret;
    await api(`PUT /api/v2/webhook_endpoint/${endpointId}`, { ...forTenant("cus_audited"), body: { auth_settings: { token: "new-bearer-s3cr3t" } } });
    await api("POST /api/v2/tenants/cus_audited/portal-links", { key: platformKey });
    await api(`DELETE /api/v2/webhook_endpoint/${endpointId}`, { key: tenantKey });

    const entries = await db.activityEntry.findMany({ where: { tenantId: tenant.id }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
    expect(entries.map((e) => [e.action, e.actorKind])).toEqual([
      ["tenant.created", "platform_key"],
      ["api_key.created", "system"],
      ["endpoint.created", "tenant_key"],
      ["endpoint.secret_rotated", "platform_key"],
      ["endpoint.updated", "platform_key"],
      ["portal_link.created", "platform_key"],
      ["endpoint.deleted", "tenant_key"],
    ]);
    expect(entries[2]!.summary).toBe("Created endpoint https://audited.example/hook");
    expect(entries[4]!.summary).toContain("auth_settings");
    const log = JSON.stringify(entries);
    for (const leaked of ["s3cr3t", secret, tenantKey, platformKey]) expect(log).not.toContain(leaked);
  });
});
