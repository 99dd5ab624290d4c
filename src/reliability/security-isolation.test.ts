/**
 * Security: tenant isolation across every tRPC procedure (enumerated from the router, so a new procedure
 * without a case here fails the suite) and every REST route, and secrets — endpoint signing secrets, receiver
 * credentials, API keys — absent from every response except the one that exists to reveal a secret.
 * REST isolation of endpoint-scoped routes is also in src/server/rest/rest-isolation.test.ts; this adds the
 * portal's procedures, the tenant switch and the secret scan.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import superjson from "superjson";
import { createTestDatabase, type TestDatabase } from "@/test/test-database";
import { createTestTenant } from "@/test/fixtures";
import { settle, snapshotOfTenant, tenantProcedureCases, type IsolationCase } from "@/test/tenant-isolation";
import type { Db } from "@/server/db/client";
import { appRouter, createCaller } from "@/server/trpc/root";
import { findEventType } from "@/server/catalog";
import { api, apiKeyFor } from "@/server/rest/rest-test-support";
import { configureApiRateLimit } from "@/server/rest/rate-limit";

const current = vi.hoisted(() => ({ db: undefined as unknown }));
// the REST handlers reach the database through getDb(): point it at this file's test database
vi.mock("@/server/db", () => ({ getDb: async () => current.db, closeDb: async () => {} }));

let database: TestDatabase;
let db: Db;

type Tenant = Awaited<ReturnType<typeof createTestTenant>>;
let a: Tenant;
let b: Tenant;
/** B's rows and secrets, which A must never reach or see */
const bData = {
  endpointId: "",
  rotatedEndpointId: "",
  deliveryId: "",
  messageId: "",
  binId: "",
  apiKeyId: "",
  apiKey: "",
  secret: "",
  retiredSecret: "",
  primaryToken: "",
  password: "b-receiver-password-7f3e",
  bearer: "b-bearer-token-91ac",
};
let aKey = "";

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.prisma;
  current.db = db;
  configureApiRateLimit({ points: 1_000_000, durationSeconds: 1 });
  a = await createTestTenant(db, "Tenant A");
  b = await createTestTenant(db, "Tenant B");
  aKey = await apiKeyFor(db, a.tenantId);

  const endpoint = await b.trpc.endpoints.create({
    url: "https://b.example/hook",
    enabled_events: ["*"],
    auth_type: "Basic",
    auth_settings: { username: "b-user", password: bData.password },
  });
  const bearerEndpoint = await b.trpc.endpoints.create({ url: "https://b.example/bearer", auth_type: "Bearer", auth_settings: { token: bData.bearer } });
  bData.endpointId = endpoint.id;
  bData.secret = (await b.trpc.endpoints.secret({ id: endpoint.id })).secret;
  // a rotated secret too: the retired one must not leak either
  bData.rotatedEndpointId = bearerEndpoint.id;
  bData.retiredSecret = (await b.trpc.endpoints.secret({ id: bearerEndpoint.id })).secret;
  await b.trpc.endpoints.rotateSecret({ id: bearerEndpoint.id });
  const { message } = await b.trpc.messages.publish({ event_type: "user.created", payload: findEventType("user.created")!.example });
  bData.messageId = message.id;
  bData.deliveryId = message.deliveries[0]!.id;
  await db.delivery.update({ where: { id: bData.deliveryId }, data: { status: "failed", completedAt: new Date() } });
  bData.binId = (await b.trpc.inspector.createBin({ name: "B's bin" })).id;
  const created = await b.trpc.apiKeys.create({ name: "B's key" });
  bData.apiKeyId = created.apiKey.id;
  bData.apiKey = created.key;
  await b.trpc.primaryWebhook.upsert({ url: "https://b.example/primary", signature_enabled: true });
  bData.primaryToken = (await b.trpc.primaryWebhook.token()).token;
}, 120_000);

afterAll(async () => {
  await database?.close();
});

/** What could give any of B's secrets away. */
function secretsOfB(): string[] {
  return [bData.secret, bData.retiredSecret, bData.password, bData.bearer, bData.apiKey, bData.primaryToken].filter(Boolean);
}

function expectNoSecretOfB(value: unknown) {
  const text = typeof value === "string" ? value : superjson.stringify(value);
  for (const secret of secretsOfB()) expect(text).not.toContain(secret);
}

/**
 * Every procedure, called by A with B's ids where it takes ids. `own-data-only`: it succeeds but may return
 * only A's data (checked: none of B's ids or secrets in it); `rejected`: FORBIDDEN whatever it is given (the
 * operator console, for a member who is no operator). Public or tenant-free procedures say why.
 */
const procedures: Record<string, IsolationCase> = {
  ...tenantProcedureCases(bData),
  "account.signUp": { call: (c) => c.account.signUp({ name: "X", email: `x-${Date.now()}@example.test`, password: "correct horse battery", organization: "Xavier Org" }), expect: "own-data-only" },
  "apiKeys.list": { call: (c) => c.apiKeys.list(), expect: "own-data-only" },
  "apiKeys.create": { call: (c) => c.apiKeys.create({ name: "A's key" }), expect: "own-data-only" },
  "apiKeys.revoke": { call: (c) => c.apiKeys.revoke({ id: bData.apiKeyId }), expect: "not-found" },
  "inspector.listRequests (verify with B's endpoint)": {
    call: async (c) => c.inspector.listRequests({ binId: (await c.inspector.createBin({ name: "A's other bin" })).id, verifyWith: bData.endpointId }),
    expect: "not-found",
  },
  "members.changeRole": { call: (c) => c.members.changeRole({ user_id: b.user.id, role: "viewer" }), expect: "not-found" },
  "members.remove": { call: (c) => c.members.remove({ user_id: b.user.id }), expect: "not-found" },
  "members.transferOwnership": { call: (c) => c.members.transferOwnership({ user_id: b.user.id }), expect: "not-found" },
  "members.leave": { call: (c) => c.members.leave(), expect: "refused" },
  "invitations.list": { call: (c) => c.invitations.list(), expect: "own-data-only" },
  "invitations.create": { call: (c) => c.invitations.create({ email: `invitee-${Date.now()}@example.test`, role: "viewer" }), expect: "own-data-only" },
  "invitations.revoke": {
    call: async (c) => c.invitations.revoke({ id: (await b.trpc.invitations.create({ email: `b-invitee-${Date.now()}@example.test`, role: "viewer" })).invitation.id }),
    expect: "not-found",
  },
  // B's link, which names someone else: A may see what it invites to (the token is the secret) but not use it
  "invitations.preview": { call: (c) => c.invitations.preview({ token: "hli_not-a-token" }), expect: "own-data-only" },
  "invitations.accept": {
    call: async (c) => {
      const { link } = await b.trpc.invitations.create({ email: `b-only-${Date.now()}@example.test`, role: "admin" });
      return c.invitations.accept({ token: link.slice(link.lastIndexOf("/") + 1) });
    },
    expect: "rejected",
  },
  "invitations.signUp": { call: (c) => c.invitations.signUp({ token: `hli_${"x".repeat(43)}`, name: "X", password: "correct horse battery" }), expect: "not-found" },
  "passwordReset.request": { call: (c) => c.passwordReset.request({ email: b.user.email }), expect: "own-data-only" },
  "passwordReset.reset": { call: (c) => c.passwordReset.reset({ token: `hlr_${"x".repeat(43)}`, password: "correct horse battery" }), expect: "not-found" },
  "tenants.create": { call: (c) => c.tenants.create({ name: "A's second tenant" }), expect: "own-data-only" },
  "tenants.switch": { call: (c) => c.tenants.switch({ slug: b.tenant.slug }), expect: "not-found" },
  "tenants.delete": { call: (c) => c.tenants.delete({ confirm_name: "Tenant B" }), expect: "refused" },
  // the operator console: a tenant's member is no operator, whatever ids they pass
  "operator.tenants.list": { call: (c) => c.operator.tenants.list({ search: "Tenant B" }), expect: "rejected" },
  "operator.tenants.get": { call: (c) => c.operator.tenants.get({ tenant: b.tenantId }), expect: "rejected" },
  "operator.tenants.create": { call: (c) => c.operator.tenants.create({ name: "A's second tenant" }), expect: "rejected" },
  "operator.tenants.mintPortalLink": { call: (c) => c.operator.tenants.mintPortalLink({ tenant: b.tenantId, data: {} }), expect: "rejected" },
  "operator.tenants.openPortal": { call: (c) => c.operator.tenants.openPortal({ tenant: b.tenantId }), expect: "rejected" },
  "operator.tenants.sendDemoEvent": {
    call: (c) => c.operator.tenants.sendDemoEvent({ tenant: b.tenantId, data: { event_type: "user.created", target: { kind: "endpoint", endpoint_id: bData.endpointId } } }),
    expect: "rejected",
  },
  "operator.tenants.delivery": { call: (c) => c.operator.tenants.delivery({ tenant: b.tenantId, id: bData.deliveryId }), expect: "rejected" },
  "operator.stats": { call: (c) => c.operator.stats({ range: "30d" }), expect: "rejected" },
  "operator.apiKeys.list": { call: (c) => c.operator.apiKeys.list(), expect: "rejected" },
  "operator.apiKeys.create": { call: (c) => c.operator.apiKeys.create({ name: "A's platform key" }), expect: "rejected" },
  "operator.apiKeys.revoke": { call: (c) => c.operator.apiKeys.revoke({ id: bData.apiKeyId }), expect: "rejected" },
  "operator.activity.list": { call: (c) => c.operator.activity.list(), expect: "rejected" },
};

/** B's rows as they were before A's calls. */
const snapshotOfB = () => snapshotOfTenant(db, b.tenantId);

describe("tenant isolation: every tRPC procedure", () => {
  it("has a case for every procedure of the router", () => {
    const listed = Object.keys(procedures).map((name) => name.split(" ")[0]!);
    const defined = Object.keys(appRouter._def.procedures);
    expect(defined.filter((name) => !listed.includes(name))).toEqual([]);
  });

  it.each(Object.entries(procedures))("%s, called by tenant A with B's ids, reaches nothing of B's", async (_name, { call, expect: outcome }) => {
    const before = await snapshotOfB();
    const { result, error } = await settle(() => call(a.trpc));
    if (outcome === "not-found") {
      expect(error, "expected NOT_FOUND").toMatchObject({ code: "NOT_FOUND" });
    } else if (outcome === "rejected") {
      expect(error, "expected FORBIDDEN").toMatchObject({ code: "FORBIDDEN" });
    } else if (outcome === "refused") {
      expect(["BAD_REQUEST", "CONFLICT"], "expected BAD_REQUEST or CONFLICT").toContain((error as { code?: string } | undefined)?.code);
    } else {
      expect(error).toBeUndefined();
      const text = superjson.stringify(result);
      for (const id of [bData.endpointId, bData.deliveryId, bData.messageId, bData.binId, bData.apiKeyId]) expect(text).not.toContain(id);
      expectNoSecretOfB(result);
    }
    expectNoSecretOfB(String((error as Error | undefined)?.message ?? ""));
    expect(await snapshotOfB()).toBe(before);
  });

  it("a member cannot switch into a tenant they do not belong to", async () => {
    const switching = createCaller({ db, user: a.user, preferredTenantSlug: b.tenant.slug });
    const endpoints = await switching.endpoints.list();
    expect(JSON.stringify(endpoints)).not.toContain(bData.endpointId);
    await expect(switching.endpoints.get({ id: bData.endpointId })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("anonymous callers reach no tenant procedure", async () => {
    const anonymous = createCaller({ db, user: null });
    await expect(anonymous.endpoints.list()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(anonymous.messages.get({ id: bData.messageId })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });
});

describe("secrets never appear in responses", () => {
  it("B's own reads show credentials and secrets only where a secret is asked for", async () => {
    const bKey = await apiKeyFor(db, b.tenantId);
    const reads: [string, unknown][] = [
      ["endpoints.list", await b.trpc.endpoints.list()],
      ["endpoints.get", await b.trpc.endpoints.get({ id: bData.endpointId })],
      ["deliveries.list", await b.trpc.deliveries.list({})],
      ["deliveries.get", await b.trpc.deliveries.get({ id: bData.deliveryId })],
      ["messages.get", await b.trpc.messages.get({ id: bData.messageId })],
      ["apiKeys.list", await b.trpc.apiKeys.list()],
      ["primaryWebhook.get", await b.trpc.primaryWebhook.get()],
      ["dashboard.stats", await b.trpc.dashboard.stats({ range: "30d" })],
      ["inspector.listBins", await b.trpc.inspector.listBins()],
    ];
    for (const target of [
      "GET /api/v2/webhook_endpoint",
      `GET /api/v2/webhook_endpoint/${bData.endpointId}`,
      `GET /api/v2/webhook_endpoint/${bData.endpointId}/logs`,
      `GET /api/v2/messages/${bData.messageId}`,
      "GET /api/v2/webhook",
      "GET /api/v2/events",
      "GET /notifications/webhooks",
      `GET /notifications/webhooks/${bData.endpointId}`,
      `GET /notifications/webhooks/${bData.endpointId}/messages`,
      `GET /notifications/webhooks/${bData.endpointId}/messages/${bData.deliveryId}`,
      `GET /events/${bData.messageId}`,
      "GET /events/types",
    ]) {
      const response = await api(target, { key: bKey });
      expect(response.status, target).toBeLessThan(400);
      reads.push([target, response.text]);
    }
    for (const [name, value] of reads) {
      const text = typeof value === "string" ? value : superjson.stringify(value);
      for (const secret of [bData.secret, bData.retiredSecret, bData.password, bData.bearer, bData.apiKey, bKey]) expect(text, name).not.toContain(secret);
    }
    // the routes that exist to reveal one secret reveal that one and nothing else
    const revealed = await api(`GET /api/v2/webhook_endpoint/${bData.endpointId}/secret`, { key: bKey });
    expect(revealed.text).toContain(bData.secret);
    for (const other of [bData.retiredSecret, bData.password, bData.bearer, bData.apiKey, bKey]) expect(revealed.text).not.toContain(other);
    // after a rotation it reveals the new secret, and the retired one only by when it stops signing
    const rotated = await api(`GET /api/v2/webhook_endpoint/${bData.rotatedEndpointId}/secret`, { key: bKey });
    expect(rotated.body).toMatchObject({ secret: expect.stringMatching(/^whsec_/), previous_secrets: [{ expires_at: expect.any(String) }] });
    expect(rotated.text).not.toContain(bData.retiredSecret);
  });

  it("API key listings show a prefix, never the key", async () => {
    const listed = superjson.stringify(await b.trpc.apiKeys.list());
    expect(listed).not.toContain(bData.apiKey);
    expect(listed).toContain(bData.apiKey.slice(0, 8));
  });

  it("tenant A's key gets 404 for B's ids and its own data elsewhere on every REST route, never B's", async () => {
    // a payload or an event carries none of B's ids, so only the status can show that A was refused
    const namingBsRows = [
      `GET /api/v2/webhook_endpoint/${bData.endpointId}`,
      `GET /api/v2/webhook_endpoint/${bData.endpointId}/secret`,
      `GET /api/v2/webhook_endpoint/${bData.endpointId}/logs`,
      `GET /api/v2/messages/${bData.messageId}`,
      `GET /api/v2/messages/${bData.messageId}/payload`,
      `GET /notifications/webhooks/${bData.endpointId}`,
      `GET /notifications/webhooks/${bData.endpointId}/messages`,
      `GET /notifications/webhooks/${bData.endpointId}/messages/${bData.deliveryId}`,
      `GET /events/${bData.messageId}`,
    ];
    const tenantWide = [
      "GET /api/v2/webhook_endpoint",
      "GET /api/v2/webhook",
      "GET /api/v2/webhook/token",
      "GET /api/v2/webhook/events",
      "GET /api/v2/events",
      "GET /notifications/webhooks",
      "GET /events/types",
    ];
    for (const target of [...namingBsRows, ...tenantWide]) {
      const response = await api(target, { key: aKey });
      if (namingBsRows.includes(target)) expect(response.status, target).toBe(404);
      else expect([200, 404], target).toContain(response.status);
      for (const id of [bData.endpointId, bData.messageId, bData.deliveryId]) expect(response.text, target).not.toContain(id);
      for (const secret of secretsOfB()) expect(response.text, target).not.toContain(secret);
    }
  });
});
