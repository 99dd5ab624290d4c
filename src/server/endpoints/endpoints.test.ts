import { randomBytes, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/test-database";
import { createTestTenant } from "@/test/fixtures";
import type { Db } from "@/server/db/client";
import { unseal } from "@/server/crypto/sealed-box";
import { createEndpoint } from "./create-endpoint";
import { deleteEndpoint } from "./delete-endpoint";
import { getEndpoint } from "./get-endpoint";
import { getEndpointSecret } from "./get-endpoint-secret";
import { listEndpoints } from "./list-endpoints";
import { loadSigningSecrets } from "./load-signing-secrets";
import { rotateEndpointSecret } from "./rotate-endpoint-secret";
import { updateEndpoint } from "./update-endpoint";
import { retryEndpointTask } from "./retry-endpoint-task";

const encryptionKey = randomBytes(32);
let database: TestDatabase;
let db: Db;

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.prisma;
});
afterAll(async () => {
  await database.close();
});

async function tenant() {
  return (await createTestTenant(db)).tenantId;
}

async function countRows(tenantId: string) {
  const [endpoints, secrets] = await Promise.all([
    db.endpoint.count({ where: { tenantId } }),
    db.endpointSecret.count({ where: { tenantId } }),
  ]);
  return { endpoints, secrets };
}

async function addDelivery(tenantId: string, endpointId: string, status: "pending" | "delivering" | "succeeded" | "failed", extra: { isTest?: boolean; createdAt?: Date } = {}) {
  const message = await db.message.create({ data: { tenantId, eventType: "profile_create", payload: {} } });
  return db.delivery.create({ data: { tenantId, endpointId, messageId: message.id, status, ...extra } });
}

describe("create and read endpoints", () => {
  it("creates an endpoint with seed 001's body, defaults and a Standard Webhooks secret", async () => {
    const tenantId = await tenant();
    const endpoint = await createEndpoint({
      db,
      tenantId,
      encryptionKey,
      input: { url: "https://example.com/hooks", enabled_events: [], custom_headers: {}, metadata: {} },
    });
    expect(endpoint).toMatchObject({
      url: "https://example.com/hooks",
      base_url: null,
      is_active: true,
      enabled_events: [],
      auth_type: "None",
      signature_scheme: "standard",
      retry_count: 5,
      retry_interval: 60,
      backoff: "fixed",
      timeout_ms: 10_000,
      primary: false,
    });
    const { secret, previous_secrets } = await getEndpointSecret({ db, tenantId, endpointId: endpoint.id, encryptionKey });
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/=]+$/);
    expect(previous_secrets).toEqual([]);
    // stored sealed, never in clear
    const row = await db.endpointSecret.findFirstOrThrow({ where: { endpointId: endpoint.id } });
    expect(row.sealed).not.toContain(secret);
    expect(unseal(row.sealed, encryptionKey, { purpose: "endpoint-secret", tenantId, endpointId: endpoint.id })).toBe(secret);
  });

  it("joins seed 000's base URL and relative path, and keeps credentials encrypted and out of responses", async () => {
    const tenantId = await tenant();
    const endpoint = await createEndpoint({
      db,
      tenantId,
      encryptionKey,
      input: {
        base_url: "https://example.com/api/",
        relative_path: "/webhook/events",
        auth_type: "Basic",
        auth_settings: { username: "acme", password: "s3cret-pa55" },
        enabled_events: ["RiskAssessmentCalculated", "ProfileStatusUpdated", "RiskAssessmentCalculated"],
        retry_count: 3,
        retry_interval: 30,
        signature_scheme: "hmac",
      },
    });
    expect(endpoint.url).toBe("https://example.com/api/webhook/events");
    expect(endpoint.enabled_events).toEqual(["RiskAssessmentCalculated", "ProfileStatusUpdated"]);
    expect(endpoint.auth_settings).toEqual({ username: "acme" });
    expect(JSON.stringify(endpoint)).not.toContain("s3cret-pa55");
    const row = await db.endpoint.findUniqueOrThrow({ where: { id: endpoint.id } });
    expect(row.authSettingsSealed).not.toContain("s3cret-pa55");
    expect(JSON.parse(unseal(row.authSettingsSealed!, encryptionKey, { purpose: "endpoint-auth-settings", tenantId, endpointId: endpoint.id }))).toEqual({ username: "acme", password: "s3cret-pa55" });
    expect((await getEndpointSecret({ db, tenantId, endpointId: endpoint.id, encryptionKey })).secret).toMatch(/^whsk_/);
  });

  it.each([
    ["an unknown event", { url: "https://example.com", enabled_events: ["nope"] }, "enabled_events.0"],
    ["no url", { enabled_events: [] }, "url"],
    ["url and base_url", { url: "https://a.example", base_url: "https://b.example" }, "base_url"],
    ["a non-http url", { url: "ftp://example.com/x" }, "url"],
    ["credentials in the url", { url: "https://user:pw@example.com/x" }, "url"],
    ["a hop-by-hop header", { url: "https://example.com", custom_headers: { Connection: "close" } }, "custom_headers.Connection"],
    ["a signature header", { url: "https://example.com", custom_headers: { "webhook-signature": "v1,x" } }, "custom_headers.webhook-signature"],
    ["a header with a line break", { url: "https://example.com", custom_headers: { "X-A": "a\r\nX-B: b" } }, "custom_headers.X-A"],
    ["auth settings of another type", { url: "https://example.com", auth_type: "Bearer", auth_settings: { apiKey: "k" } }, "auth_settings"],
    ["a header overriding the credentials", { url: "https://example.com", auth_type: "Bearer", auth_settings: { token: "t" }, custom_headers: { authorization: "x" } }, "custom_headers.authorization"],
    ["too many retries", { url: "https://example.com", retry_count: 21 }, "retry_count"],
    ["an unknown field", { url: "https://example.com", enabled_event: ["profile_create"] }, ""],
  ])("refuses %s and writes nothing", async (_name, input, path) => {
    const tenantId = await tenant();
    const error = await createEndpoint({ db, tenantId, encryptionKey, input: input as never }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "ZodError" });
    const paths = (error as { issues: { path: PropertyKey[] }[] }).issues.map((issue) => issue.path.join("."));
    expect(paths).toContain(path);
    expect(await countRows(tenantId)).toEqual({ endpoints: 0, secrets: 0 });
  });

  it("lists endpoints newest first with cursor pages, 24 h success rate and last delivery", async () => {
    const tenantId = await tenant();
    const first = await createEndpoint({ db, tenantId, encryptionKey, input: { url: "https://example.com/1" } });
    const second = await createEndpoint({ db, tenantId, encryptionKey, input: { url: "https://example.com/2" } });
    await addDelivery(tenantId, first.id, "succeeded");
    await addDelivery(tenantId, first.id, "succeeded");
    await addDelivery(tenantId, first.id, "failed");
    await addDelivery(tenantId, first.id, "failed", { createdAt: new Date(Date.now() - 3 * 86_400_000) });
    await addDelivery(tenantId, first.id, "failed", { isTest: true });
    const latest = await addDelivery(tenantId, first.id, "pending");

    const page1 = await listEndpoints({ db, tenantId, encryptionKey, query: { limit: 1 } });
    expect(page1.data.map((e) => e.id)).toEqual([second.id]);
    expect(page1.data[0]!.stats).toEqual({ deliveries_24h: 0, succeeded_24h: 0, failed_24h: 0, success_rate_24h: null, last_delivery: null });
    const page2 = await listEndpoints({ db, tenantId, encryptionKey, query: { limit: 1, cursor: page1.next_cursor! } });
    expect(page2.data.map((e) => e.id)).toEqual([first.id]);
    expect(page2.next_cursor).toBeNull();
    expect(page2.data[0]!.stats).toMatchObject({ deliveries_24h: 3, succeeded_24h: 2, failed_24h: 1, last_delivery: { id: latest.id, status: "pending" } });
    expect(page2.data[0]!.stats.success_rate_24h).toBeCloseTo(2 / 3);
    await expect(listEndpoints({ db, tenantId, encryptionKey, query: { cursor: "garbage" } })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});

describe("update endpoints", () => {
  it("changes only what is sent and keeps stored credentials when auth_type stays", async () => {
    const tenantId = await tenant();
    const created = await createEndpoint({
      db,
      tenantId,
      encryptionKey,
      input: { url: "https://example.com/a", auth_type: "ApiKey", auth_settings: { apiKey: "key-1", headerName: "X-Key" }, metadata: { a: "1" } },
    });
    const updated = await updateEndpoint({
      db,
      tenantId,
      endpointId: created.id,
      encryptionKey,
      input: { enabled_events: ["profile_update"], auth_settings: { headerName: "X-Other" } },
    });
    expect(updated).toMatchObject({ url: "https://example.com/a", enabled_events: ["profile_update"], metadata: { a: "1" }, auth_settings: { headerName: "X-Other" } });
    const row = await db.endpoint.findUniqueOrThrow({ where: { id: created.id } });
    expect(JSON.parse(unseal(row.authSettingsSealed!, encryptionKey, { purpose: "endpoint-auth-settings", tenantId, endpointId: created.id }))).toEqual({ apiKey: "key-1", headerName: "X-Other" });

    // a new auth type needs its own complete settings
    await expect(
      updateEndpoint({ db, tenantId, endpointId: created.id, encryptionKey, input: { auth_type: "Basic" } }),
    ).rejects.toMatchObject({ code: "UNPROCESSABLE", details: { issues: expect.arrayContaining([expect.objectContaining({ path: "auth_settings.username" })]) } });
    const after = await updateEndpoint({ db, tenantId, endpointId: created.id, encryptionKey, input: { auth_type: "None" } });
    expect(after.auth_settings).toEqual({});
    expect((await db.endpoint.findUniqueOrThrow({ where: { id: created.id } })).authSettingsSealed).toBeNull();
  });

  it("switches between url and base_url + relative_path", async () => {
    const tenantId = await tenant();
    const created = await createEndpoint({ db, tenantId, encryptionKey, input: { url: "https://example.com/a" } });
    await expect(
      updateEndpoint({ db, tenantId, endpointId: created.id, encryptionKey, input: { relative_path: "/x" } }),
    ).rejects.toMatchObject({ code: "UNPROCESSABLE" });
    const based = await updateEndpoint({ db, tenantId, endpointId: created.id, encryptionKey, input: { base_url: "https://api.example.com", relative_path: "/hooks" } });
    expect(based).toMatchObject({ url: "https://api.example.com/hooks", base_url: "https://api.example.com", relative_path: "/hooks" });
    const moved = await updateEndpoint({ db, tenantId, endpointId: created.id, encryptionKey, input: { relative_path: "/v2/hooks" } });
    expect(moved.url).toBe("https://api.example.com/v2/hooks");
    const plain = await updateEndpoint({ db, tenantId, endpointId: created.id, encryptionKey, input: { url: "https://other.example/h" } });
    expect(plain).toMatchObject({ url: "https://other.example/h", base_url: null, relative_path: null });
  });

  it("replaces the secret only when the new scheme cannot use it", async () => {
    const tenantId = await tenant();
    const created = await createEndpoint({ db, tenantId, encryptionKey, input: { url: "https://example.com/a" } });
    const standard = (await getEndpointSecret({ db, tenantId, endpointId: created.id, encryptionKey })).secret;
    await updateEndpoint({ db, tenantId, endpointId: created.id, encryptionKey, input: { signature_scheme: "hmac" } });
    expect((await getEndpointSecret({ db, tenantId, endpointId: created.id, encryptionKey })).secret).toBe(standard);
    await updateEndpoint({ db, tenantId, endpointId: created.id, encryptionKey, input: { signature_scheme: "token" } });
    await rotateEndpointSecret({ db, tenantId, endpointId: created.id, encryptionKey });
    const token = (await getEndpointSecret({ db, tenantId, endpointId: created.id, encryptionKey })).secret;
    expect(token).toMatch(/^whtk_/);
    await updateEndpoint({ db, tenantId, endpointId: created.id, encryptionKey, input: { signature_scheme: "standard" } });
    const replaced = await getEndpointSecret({ db, tenantId, endpointId: created.id, encryptionKey });
    expect(replaced.secret).toMatch(/^whsec_/);
    // the old token cannot sign Standard Webhooks: retired at once, no overlap
    expect(replaced.previous_secrets).toEqual([]);
    expect(await loadSigningSecrets({ db, tenantId, endpointId: created.id, encryptionKey })).toEqual([replaced.secret]);
  });

  it("deactivating cancels unfinished deliveries; reactivating clears an automatic disable", async () => {
    const tenantId = await tenant();
    const created = await createEndpoint({ db, tenantId, encryptionKey, input: { url: "https://example.com/a" } });
    const pending = await addDelivery(tenantId, created.id, "pending");
    const done = await addDelivery(tenantId, created.id, "succeeded");
    await updateEndpoint({ db, tenantId, endpointId: created.id, encryptionKey, input: { is_active: false } });
    expect((await db.delivery.findUniqueOrThrow({ where: { id: pending.id } })).status).toBe("cancelled");
    expect((await db.delivery.findUniqueOrThrow({ where: { id: done.id } })).status).toBe("succeeded");
    await db.endpoint.update({ where: { id: created.id }, data: { disabledAt: new Date(), disabledReason: "failing for 5 days" } });
    const back = await updateEndpoint({ db, tenantId, endpointId: created.id, encryptionKey, input: { is_active: true } });
    expect(back).toMatchObject({ is_active: true, disabled_at: null, disabled_reason: null });
  });
});

describe("secrets", () => {
  it("rotation keeps the old secret signing for the overlap window, newest first", async () => {
    const tenantId = await tenant();
    const created = await createEndpoint({ db, tenantId, encryptionKey, input: { url: "https://example.com/a" } });
    const old = (await getEndpointSecret({ db, tenantId, endpointId: created.id, encryptionKey })).secret;
    const before = Date.now();
    const rotated = await rotateEndpointSecret({ db, tenantId, endpointId: created.id, encryptionKey });
    expect(rotated.secret).not.toBe(old);
    expect(rotated.previous_secrets).toHaveLength(1);
    const expiresAt = rotated.previous_secrets[0]!.expires_at.getTime();
    expect(expiresAt).toBeGreaterThanOrEqual(before + 86_400_000 - 1000);
    expect(expiresAt).toBeLessThanOrEqual(Date.now() + 86_400_000);
    expect(await loadSigningSecrets({ db, tenantId, endpointId: created.id, encryptionKey })).toEqual([rotated.secret, old]);
    expect(
      await loadSigningSecrets({ db, tenantId, endpointId: created.id, encryptionKey, now: new Date(expiresAt + 1) }),
    ).toEqual([rotated.secret]);

    // a leaked secret: overlap 0 retires every previous one at once
    const urgent = await rotateEndpointSecret({ db, tenantId, endpointId: created.id, encryptionKey, input: { overlap_seconds: 0 } });
    expect(urgent.previous_secrets).toEqual([]);
    expect(await loadSigningSecrets({ db, tenantId, endpointId: created.id, encryptionKey })).toEqual([urgent.secret]);
  });

  it("concurrent rotations leave exactly one current secret", async () => {
    const tenantId = await tenant();
    const created = await createEndpoint({ db, tenantId, encryptionKey, input: { url: "https://example.com/a" } });
    await Promise.all(Array.from({ length: 4 }, () => rotateEndpointSecret({ db, tenantId, endpointId: created.id, encryptionKey })));
    expect(await db.endpointSecret.count({ where: { endpointId: created.id, expiresAt: null } })).toBe(1);
    expect(await db.endpointSecret.count({ where: { endpointId: created.id } })).toBe(5);
  });
});

describe("delete and tenant isolation", () => {
  it("deleting keeps the history, cancels unfinished deliveries and wipes secrets", async () => {
    const tenantId = await tenant();
    const created = await createEndpoint({
      db,
      tenantId,
      encryptionKey,
      input: { url: "https://example.com/a", enabled_events: ["*"], auth_type: "Bearer", auth_settings: { token: "tkn" } },
    });
    const pending = await addDelivery(tenantId, created.id, "pending");
    const delivering = await addDelivery(tenantId, created.id, "delivering");
    const done = await addDelivery(tenantId, created.id, "failed");
    expect(await deleteEndpoint({ db, tenantId, endpointId: created.id })).toEqual({ id: created.id, deleted: true, cancelled_deliveries: 2 });
    const statuses = await db.delivery.findMany({ where: { id: { in: [pending.id, delivering.id, done.id] } }, orderBy: { createdAt: "asc" } });
    expect(statuses.map((d) => d.status).sort()).toEqual(["cancelled", "cancelled", "failed"]);
    const row = await db.endpoint.findUniqueOrThrow({ where: { id: created.id } });
    expect(row).toMatchObject({ isActive: false, authSettingsSealed: null, disabledReason: "deleted" });
    expect(await db.endpointSecret.count({ where: { endpointId: created.id } })).toBe(0);
    expect(await loadSigningSecrets({ db, tenantId, endpointId: created.id, encryptionKey })).toEqual([]);
    await expect(getEndpoint({ db, tenantId, endpointId: created.id, encryptionKey })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(deleteEndpoint({ db, tenantId, endpointId: created.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await listEndpoints({ db, tenantId, encryptionKey })).data).toEqual([]);
    await expect(retryEndpointTask({ db, tenantId, input: { task_id: done.id } })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("another tenant's endpoint, and an id that is no UUID, are NOT_FOUND for every use case", async () => {
    const owner = await tenant();
    const other = await tenant();
    const endpoint = await createEndpoint({ db, tenantId: owner, encryptionKey, input: { url: "https://example.com/a" } });
    const failed = await addDelivery(owner, endpoint.id, "failed");
    for (const endpointId of [endpoint.id, "not-a-uuid", randomUUID()]) {
      const calls = [
        () => getEndpoint({ db, tenantId: other, endpointId, encryptionKey }),
        () => updateEndpoint({ db, tenantId: other, endpointId, encryptionKey, input: { description: "mine now" } }),
        () => deleteEndpoint({ db, tenantId: other, endpointId }),
        () => getEndpointSecret({ db, tenantId: other, endpointId, encryptionKey }),
        () => rotateEndpointSecret({ db, tenantId: other, endpointId, encryptionKey }),
      ];
      for (const call of calls) await expect(call()).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
    await expect(retryEndpointTask({ db, tenantId: other, input: { task_id: failed.id } })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await loadSigningSecrets({ db, tenantId: other, endpointId: endpoint.id, encryptionKey })).toEqual([]);
    expect((await listEndpoints({ db, tenantId: other, encryptionKey })).data).toEqual([]);
    const untouched = await getEndpoint({ db, tenantId: owner, endpointId: endpoint.id, encryptionKey });
    expect(untouched.description).toBe("");
  });

  it("retry checks that webhook_id and event_type describe the task", async () => {
    const tenantId = await tenant();
    const endpoint = await createEndpoint({ db, tenantId, encryptionKey, input: { url: "https://example.com/a" } });
    const failed = await addDelivery(tenantId, endpoint.id, "failed");
    await expect(retryEndpointTask({ db, tenantId, input: { task_id: failed.id, webhook_id: randomUUID() } })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(retryEndpointTask({ db, tenantId, input: { task_id: failed.id, event_type: "document_upload" } })).rejects.toMatchObject({
      code: "UNPROCESSABLE",
    });
    const retry = await retryEndpointTask({
      db,
      tenantId,
      input: { task_id: failed.id, webhook_id: endpoint.id, event_type: "profile_create", body: "body", customer_id: "customer_id" },
    });
    expect(retry).toMatchObject({ endpoint_id: endpoint.id, retry_of: failed.id, status: "pending" });
  });
});

describe("tRPC routers", () => {
  it("endpoints and primaryWebhook act on the signed-in member's tenant", async () => {
    const { trpc } = await createTestTenant(db);
    const other = await createTestTenant(db);
    const created = await trpc.endpoints.create({ url: "https://example.com/t", enabled_events: ["profile_create"] });
    expect((await trpc.endpoints.list()).data.map((e) => e.id)).toEqual([created.id]);
    expect(await trpc.endpoints.update({ id: created.id, data: { description: "from the portal" } })).toMatchObject({ description: "from the portal" });
    const { secret } = await trpc.endpoints.secret({ id: created.id });
    expect((await trpc.endpoints.rotateSecret({ id: created.id })).secret).not.toBe(secret);
    await expect(other.trpc.endpoints.get({ id: created.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(trpc.endpoints.create({ url: "nope" } as never)).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(trpc.endpoints.update({ id: created.id, data: { auth_type: "Basic" } })).rejects.toMatchObject({ code: "UNPROCESSABLE_CONTENT" });
    expect(await trpc.endpoints.delete({ id: created.id })).toMatchObject({ deleted: true });

    expect(await trpc.primaryWebhook.get()).toBeNull();
    const webhook = await trpc.primaryWebhook.upsert({ url: "https://example.com/p", signature_enabled: false, document_upload: true });
    expect(await trpc.primaryWebhook.get()).toEqual(webhook);
    const { token } = await trpc.primaryWebhook.token();
    expect((await trpc.primaryWebhook.rotateToken()).token).not.toBe(token);
  });
});
