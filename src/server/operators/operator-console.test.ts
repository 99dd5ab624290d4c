import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/test-database";
import { createTestTenant } from "@/test/fixtures";
import { startReceiver, type Receiver } from "@/test/http-receiver";
import { startDeliveryPipeline, waitForDelivery } from "@/test/delivery-harness";
import { findEventType } from "@/server/catalog";
import type { Db } from "@/server/db/client";
import { createEndpoint } from "@/server/endpoints/create-endpoint";
import { publishMessage } from "@/server/messages/publish-message";
import { redeemPortalLink } from "@/server/portal-links/redeem-portal-link";
import { resolvePortalSession } from "@/server/portal-links/resolve-portal-session";
import { createCaller } from "@/server/trpc/root";
import { makeOperator } from "./make-operator";

const cookieJar = vi.hoisted(() => ({ set: [] as { name: string; value: string; options: Record<string, unknown> }[] }));
// openPortal sets the portal cookie through next/headers, which needs a request; the jar records it instead
vi.mock("next/headers", () => ({
  cookies: async () => ({
    set: (name: string, value: string, options: Record<string, unknown>) => cookieJar.set.push({ name, value, options }),
    get: () => undefined,
  }),
}));

let database: TestDatabase;
let db: Db;
let pipeline: Awaited<ReturnType<typeof startDeliveryPipeline>>;
let operator: ReturnType<typeof createCaller>;
let operatorEmail: string;

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.prisma;
  pipeline = await startDeliveryPipeline(db);
  const owner = await createTestTenant(db, "Product Team");
  await makeOperator({ db, email: owner.user.email });
  operator = owner.trpc;
  operatorEmail = owner.user.email;
});
afterAll(async () => {
  await pipeline?.stop();
  await database?.close();
});

const riskPayload = findEventType("RiskAssessmentCalculated")!.example as object;

async function publishRisk(tenantId: string) {
  const { message } = await publishMessage({ db, tenantId, input: { event_type: "RiskAssessmentCalculated", payload: riskPayload } });
  return message;
}

describe("operator console: who may call it", () => {
  it("refuses a signed-in user who is not an operator, and anyone not signed in", async () => {
    const member = await createTestTenant(db, "Just A Member");
    await expect(member.trpc.operator.tenants.list()).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(member.trpc.operator.apiKeys.create({ name: "sneaky" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(member.trpc.operator.tenants.openPortal({ tenant: member.tenantId })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(createCaller({ db, user: null }).operator.activity.list()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    expect(cookieJar.set).toEqual([]);
    expect(await db.apiKey.count({ where: { kind: "platform" } })).toBe(0);
  });

  it("refuses a portal session, even one an operator opened", async () => {
    const tenant = await operator.operator.tenants.create({ name: "Portal Co" });
    const { url } = await operator.operator.tenants.mintPortalLink({ tenant: tenant.id, data: { capability: "full" } });
    const redeemed = await redeemPortalLink({ db, token: url.split("/").pop()! });
    if (!redeemed.ok) throw new Error(`link not redeemed: ${redeemed.reason}`);
    const portalSession = await resolvePortalSession({ db, sessionToken: redeemed.sessionToken });
    const embedded = createCaller({ db, user: null, portalSession });
    await expect(embedded.operator.tenants.list()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(embedded.operator.tenants.get({ tenant: tenant.id })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    // the portal session sees its tenant's own log, and nothing of the install's
    const log = await embedded.activity.list();
    expect(log.data.map((entry) => entry.tenant_id)).toEqual(log.data.map(() => tenant.id));
    expect(log.data.map((entry) => entry.action)).toContain("portal_link.created");
  });

  it("an operator who stepped into a tenant's portal keeps the console", async () => {
    const tenant = await operator.operator.tenants.create({ name: "Stepped Into Co" });
    await operator.operator.tenants.openPortal({ tenant: tenant.id });
    const portalSession = await resolvePortalSession({ db, sessionToken: cookieJar.set.at(-1)!.value });
    const operatorUser = { id: (await db.user.findUniqueOrThrow({ where: { email: operatorEmail } })).id, email: operatorEmail, name: "Test Owner" };
    const both = createCaller({ db, user: operatorUser, portalSession });
    expect((await both.operator.tenants.get({ tenant: tenant.id })).tenant.name).toBe("Stepped Into Co");
    // while the tenant procedures act in the tenant's portal
    expect((await both.account.me()).activeTenant.id).toBe(tenant.id);
  });
});

describe("operator console: tenants and their figures", () => {
  let good: Receiver;
  let broken: Receiver;
  beforeAll(async () => {
    good = await startReceiver([{ status: 200 }]);
    broken = await startReceiver([{ status: 500, body: "down for maintenance" }]);
  });
  afterAll(async () => {
    await Promise.all([good?.close(), broken?.close()]);
  });

  it("creates a tenant, finds it by name or external id, and pages the list", async () => {
    const created = await operator.operator.tenants.create({ name: "Acme Search", external_id: "cus_search_1", metadata: { plan: "gold" } });
    expect(created).toMatchObject({ name: "Acme Search", external_id: "cus_search_1", metadata: { plan: "gold" }, stats: { endpoints: 0, deliveries_24h: 0 } });
    await expect(operator.operator.tenants.create({ name: "Acme Again", external_id: "cus_search_1" })).rejects.toMatchObject({ code: "CONFLICT" });
    expect((await operator.operator.tenants.list({ search: "acme sear" })).data.map((t) => t.id)).toEqual([created.id]);
    expect((await operator.operator.tenants.list({ search: "cus_search" })).data.map((t) => t.id)).toEqual([created.id]);

    const first = await operator.operator.tenants.list({ limit: 2 });
    expect(first.data).toHaveLength(2);
    const second = await operator.operator.tenants.list({ limit: 2, cursor: first.next_cursor! });
    expect(second.data.map((t) => t.id)).not.toContain(first.data[0]!.id);
    await expect(operator.operator.tenants.list({ cursor: "not-a-cursor" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(operator.operator.tenants.list({ limit: 1000 })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    // by external id as well as by id; anything else is simply not found
    expect((await operator.operator.tenants.get({ tenant: "cus_search_1" })).tenant.id).toBe(created.id);
    await expect(operator.operator.tenants.get({ tenant: "cus_nobody" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(operator.operator.tenants.get({ tenant: "" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("shows each tenant's 24 h deliveries, success rate, failing endpoints and last delivery after real deliveries", async () => {
    const tenant = await operator.operator.tenants.create({ name: "Figures Ltd", external_id: "cus_figures" });
    const healthy = await createEndpoint({ db, tenantId: tenant.id, input: { url: good.url, enabled_events: ["*"], description: "Healthy" } });
    const failing = await createEndpoint({
      db,
      tenantId: tenant.id,
      input: { url: broken.url, enabled_events: ["RiskAssessmentCalculated"], retry_count: 0, description: "Failing" },
    });
    const deliveries = [...(await publishRisk(tenant.id)).deliveries, ...(await publishRisk(tenant.id)).deliveries];
    expect(deliveries).toHaveLength(4);
    await Promise.all(deliveries.map((d) => waitForDelivery(db, d.id)));

    const [listed] = (await operator.operator.tenants.list({ search: "cus_figures" })).data;
    expect(listed!.stats).toMatchObject({ endpoints: 2, failing_endpoints: 1, deliveries_24h: 4, success_rate_24h: 0.5 });
    const newest = await db.delivery.findFirstOrThrow({ where: { tenantId: tenant.id }, orderBy: { createdAt: "desc" } });
    expect(listed!.stats.last_delivery_at).toEqual(newest.createdAt);

    const overview = await operator.operator.tenants.get({ tenant: tenant.id });
    expect(overview.tenant.stats).toEqual(listed!.stats);
    expect(overview.endpoints.data.map((e) => [e.description, e.stats.success_rate_24h])).toEqual([
      ["Failing", 0],
      ["Healthy", 1],
    ]);
    expect(overview.recent_failures).toHaveLength(2);
    expect(overview.recent_failures.every((d) => d.endpoint_id === failing.id && d.status === "failed")).toBe(true);
    expect(overview.recent_failures[0]!.attempts[0]!.response).toMatchObject({ status: 500, body: "down for maintenance" });
    expect(overview.endpoints.data.find((e) => e.id === healthy.id)!.stats.last_delivery?.status).toBe("succeeded");

    // the install-wide chart counts them with every other tenant's
    const stats = await operator.operator.stats({ range: "24h" });
    expect(stats.totals.succeeded).toBeGreaterThanOrEqual(2);
    expect(stats.totals.failed).toBeGreaterThanOrEqual(2);
  });
});

describe("operator console: demo events", () => {
  it("sends any catalog event to any tenant's endpoint, and the delivery can be watched until it arrives", async () => {
    const receiver = await startReceiver([{ status: 200, body: "thanks" }]);
    try {
      const tenant = await operator.operator.tenants.create({ name: "Demo Receiver Inc" });
      // subscribed to something else entirely: a demo reaches it all the same
      const endpoint = await createEndpoint({ db, tenantId: tenant.id, input: { url: receiver.url, enabled_events: ["profile_create"] } });
      const sent = await operator.operator.tenants.sendDemoEvent({
        tenant: tenant.id,
        data: { event_type: "document_upload", target: { kind: "endpoint", endpoint_id: endpoint.id } },
      });
      expect(sent).toMatchObject({ endpoint_id: endpoint.id, capture_url: null });
      await receiver.waitFor(1);
      expect(receiver.received[0]!.method).toBe("POST");
      expect(receiver.received[0]!.headers["webhook-signature"]).toMatch(/^v1,/);
      expect(JSON.parse(receiver.received[0]!.body)).toMatchObject({ event_type: "document_upload" });

      let watched = await operator.operator.tenants.delivery({ tenant: tenant.id, id: sent.delivery_id });
      for (let i = 0; i < 100 && watched.status !== "succeeded"; i++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        watched = await operator.operator.tenants.delivery({ tenant: tenant.id, id: sent.delivery_id });
      }
      expect(watched).toMatchObject({ status: "succeeded", is_test: true, attempt_count: 1, event_type: "document_upload" });
      expect(watched.attempts[0]!.response).toMatchObject({ status: 200, body: "thanks" });
      // a test event: the tenant's health figures ignore it
      expect((await operator.operator.tenants.get({ tenant: tenant.id })).tenant.stats.deliveries_24h).toBe(0);
    } finally {
      await receiver.close();
    }
  });

  it("makes a new inspector capture URL in the tenant for the demo, subscribed to nothing else", async () => {
    const tenant = await operator.operator.tenants.create({ name: "Inspector Demo Co" });
    const sent = await operator.operator.tenants.sendDemoEvent({ tenant: tenant.id, data: { event_type: "user.created", target: { kind: "new_inspector" } } });
    const bin = await db.inspectorBin.findFirstOrThrow({ where: { tenantId: tenant.id } });
    expect(sent.capture_url).toBe(`http://hookline.test/api/inspect/${bin.token}`);
    const endpoint = await db.endpoint.findFirstOrThrow({ where: { id: sent.endpoint_id, tenantId: tenant.id } });
    expect(endpoint).toMatchObject({ url: sent.capture_url, enabledEvents: [] });
    expect(await db.delivery.findFirstOrThrow({ where: { id: sent.delivery_id } })).toMatchObject({ tenantId: tenant.id, endpointId: endpoint.id, isTest: true });
    const log = await operator.operator.activity.list();
    expect(log.data.find((entry) => entry.target_id === endpoint.id)).toMatchObject({ action: "endpoint.created", actor_kind: "operator", actor_label: operatorEmail });
  });

  it("refuses an unknown event type before making anything, and another tenant's endpoint or delivery", async () => {
    const tenant = await operator.operator.tenants.create({ name: "Careful Co" });
    const other = await operator.operator.tenants.create({ name: "Other Co" });
    const othersEndpoint = await createEndpoint({ db, tenantId: other.id, input: { url: "https://other.example/hook" } });
    await expect(
      operator.operator.tenants.sendDemoEvent({ tenant: tenant.id, data: { event_type: "no.such.event", target: { kind: "new_inspector" } } }),
    ).rejects.toMatchObject({ code: "UNPROCESSABLE_CONTENT" });
    expect(await db.inspectorBin.count({ where: { tenantId: tenant.id } })).toBe(0);
    await expect(
      operator.operator.tenants.sendDemoEvent({ tenant: tenant.id, data: { event_type: "user.created", target: { kind: "endpoint", endpoint_id: othersEndpoint.id } } }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    const othersDemo = await operator.operator.tenants.sendDemoEvent({
      tenant: other.id,
      data: { event_type: "user.created", target: { kind: "endpoint", endpoint_id: othersEndpoint.id } },
    });
    await expect(operator.operator.tenants.delivery({ tenant: tenant.id, id: othersDemo.delivery_id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(
      operator.operator.tenants.sendDemoEvent({ tenant: tenant.id, data: { event_type: "user.created", target: { kind: "endpoint", endpoint_id: "nope" } } }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(
      operator.operator.tenants.sendDemoEvent({ tenant: "cus_missing", data: { event_type: "user.created", target: { kind: "new_inspector" } } }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("operator console: portal access, platform keys and the activity log", () => {
  it("opens a tenant's portal: a full session cookie for that tenant, recorded in its log", async () => {
    const tenant = await operator.operator.tenants.create({ name: "Opened Co" });
    const before = cookieJar.set.length;
    const { expiresAt } = await operator.operator.tenants.openPortal({ tenant: tenant.id });
    const cookie = cookieJar.set[before]!;
    expect(cookie).toMatchObject({ name: "hookline-portal", options: { httpOnly: true, path: "/", sameSite: "lax", expires: expiresAt } });
    const session = await resolvePortalSession({ db, sessionToken: cookie.value });
    expect(session).toMatchObject({ tenantId: tenant.id, capability: "full", origin: "operator", actor: { kind: "operator", label: operatorEmail } });
    const log = await operator.operator.activity.list();
    expect(log.data.find((entry) => entry.tenant_id === tenant.id && entry.action === "portal_session.opened_by_operator")).toMatchObject({
      actor_label: operatorEmail,
      tenant_name: "Opened Co",
    });
    await expect(operator.operator.tenants.openPortal({ tenant: "cus_gone" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("mints single-use portal links, full or read-only", async () => {
    const tenant = await operator.operator.tenants.create({ name: "Linked Co", external_id: "cus_linked" });
    const link = await operator.operator.tenants.mintPortalLink({ tenant: "cus_linked", data: { capability: "read", expires_in: 300 } });
    expect(link.url).toMatch(/^http:\/\/hookline\.test\/portal\/hlp_[A-Za-z0-9_-]{43}$/);
    expect(link.capability).toBe("read");
    const redeemed = await redeemPortalLink({ db, token: link.url.split("/").pop()! });
    expect(redeemed.ok).toBe(true);
    if (redeemed.ok) expect(await resolvePortalSession({ db, sessionToken: redeemed.sessionToken })).toMatchObject({ tenantId: tenant.id, capability: "read" });
    await expect(operator.operator.tenants.mintPortalLink({ tenant: tenant.id, data: { expires_in: 7 * 86_400 } })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("creates platform keys shown once, lists them without the key, and revokes them", async () => {
    const member = await createTestTenant(db, "Key Holder");
    const tenantKey = await member.trpc.apiKeys.create({ name: "tenant key" });
    const { key, apiKey } = await operator.operator.apiKeys.create({ name: "Product backend", scopes: ["tenants:write", "publish"] });
    expect(key).toMatch(/^hk_op_/);
    expect(apiKey.scopes).toEqual(["tenants:write", "publish"]);
    const listed = await operator.operator.apiKeys.list();
    expect(listed.map((k) => k.id)).toContain(apiKey.id);
    expect(listed.map((k) => k.id)).not.toContain(tenantKey.apiKey.id);
    expect(JSON.stringify(listed)).not.toContain(key);
    await expect(operator.operator.apiKeys.create({ name: "bad", scopes: ["write"] as never })).rejects.toMatchObject({ code: "BAD_REQUEST" });

    expect((await operator.operator.apiKeys.revoke({ id: apiKey.id })).revoked_at).toBeInstanceOf(Date);
    // a tenant's key is not a platform key: the console cannot revoke it
    await expect(operator.operator.apiKeys.revoke({ id: tenantKey.apiKey.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const log = await operator.operator.activity.list({ limit: 100 });
    expect(log.data.filter((entry) => entry.target_id === apiKey.id).map((entry) => [entry.action, entry.tenant_id, entry.actor_kind])).toEqual([
      ["api_key.revoked", null, "operator"],
      ["api_key.created", null, "operator"],
    ]);
  });

  it("lists every tenant's activity for operators, pages it, and each tenant sees only its own", async () => {
    const alice = await createTestTenant(db, "Alice Activity");
    const bob = await createTestTenant(db, "Bob Activity");
    await alice.trpc.endpoints.create({ url: "https://alice.example/hook" });
    await bob.trpc.endpoints.create({ url: "https://bob.example/hook" });
    const all = await operator.operator.activity.list({ limit: 100 });
    const tenants = new Set(all.data.map((entry) => entry.tenant_id));
    expect(tenants.has(alice.tenantId) && tenants.has(bob.tenantId) && tenants.has(null)).toBe(true);

    const page1 = await operator.operator.activity.list({ limit: 3 });
    const page2 = await operator.operator.activity.list({ limit: 3, cursor: page1.next_cursor! });
    expect(page2.data[0]!.created_at.getTime()).toBeLessThanOrEqual(page1.data[2]!.created_at.getTime());
    expect(page2.data.map((e) => e.id)).not.toContain(page1.data[2]!.id);

    const own = await alice.trpc.activity.list();
    expect(own.data.map((entry) => entry.summary)).toEqual(["Created endpoint https://alice.example/hook"]);
    expect(own.data[0]).toMatchObject({ actor_kind: "user", actor_label: alice.user.email, tenant_id: alice.tenantId });
  });
});
