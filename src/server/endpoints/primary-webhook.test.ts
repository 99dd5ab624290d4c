import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/test-database";
import { createTestTenant } from "@/test/fixtures";
import type { Db } from "@/server/db/client";
import { eventTypeNames } from "@/server/catalog";
import { getEndpoint } from "./get-endpoint";
import { getPrimaryWebhook } from "./get-primary-webhook";
import { getPrimaryWebhookToken } from "./get-primary-webhook-token";
import { listEndpoints } from "./list-endpoints";
import { loadSigningSecrets } from "./load-signing-secrets";
import { rotatePrimaryWebhookToken } from "./rotate-primary-webhook-token";
import { upsertPrimaryWebhook } from "./upsert-primary-webhook";

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

const seed002Events = [
  "profile_create",
  "profile_update",
  "profile_status_change",
  "profile_level_update",
  "document_upload",
  "document_delete",
  "document_update",
  "document_status_change",
  "zip_file_create",
  "video_call_status_change",
];

describe("primary webhook (seed 002)", () => {
  it("is created by PUT with every event off unless set, and answers in the seed's shape", async () => {
    const { tenantId } = await createTestTenant(db);
    await expect(getPrimaryWebhook({ db, tenantId })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const webhook = await upsertPrimaryWebhook({
      db,
      tenantId,
      encryptionKey,
      input: { url: "https://example.com/hook", signature_enabled: false, profile_create: true },
    });
    expect(Object.keys(webhook)).toEqual(["id", "url", ...eventTypeNames, "signature_enabled"]);
    for (const name of seed002Events) expect(webhook[name as keyof typeof webhook]).toBe(name === "profile_create");
    expect(webhook).toMatchObject({ url: "https://example.com/hook", signature_enabled: false });
    expect(await getPrimaryWebhook({ db, tenantId })).toEqual(webhook);

    const endpoint = await getEndpoint({ db, tenantId, endpointId: webhook.id, encryptionKey });
    expect(endpoint).toMatchObject({ primary: true, signature_scheme: "token", enabled_events: ["profile_create"] });
  });

  it("updates only what is sent; signature_enabled switches hmac and token with the same token", async () => {
    const { tenantId } = await createTestTenant(db);
    const created = await upsertPrimaryWebhook({
      db,
      tenantId,
      encryptionKey,
      input: { url: "https://example.com/hook", signature_enabled: true, profile_create: true, document_upload: true },
    });
    const { token } = await getPrimaryWebhookToken({ db, tenantId, encryptionKey });
    expect((await getEndpoint({ db, tenantId, endpointId: created.id, encryptionKey })).signature_scheme).toBe("hmac");

    const updated = await upsertPrimaryWebhook({
      db,
      tenantId,
      encryptionKey,
      input: { signature_enabled: false, document_upload: false, zip_file_create: true },
    });
    expect(updated).toMatchObject({
      id: created.id,
      url: "https://example.com/hook",
      profile_create: true,
      document_upload: false,
      zip_file_create: true,
      signature_enabled: false,
    });
    expect((await getEndpoint({ db, tenantId, endpointId: created.id, encryptionKey })).signature_scheme).toBe("token");
    expect((await getPrimaryWebhookToken({ db, tenantId, encryptionKey })).token).toBe(token);
  });

  it("rotating the token keeps the old one valid for the overlap window", async () => {
    const { tenantId } = await createTestTenant(db);
    const webhook = await upsertPrimaryWebhook({ db, tenantId, encryptionKey, input: { url: "https://example.com/h", signature_enabled: true } });
    const before = await getPrimaryWebhookToken({ db, tenantId, encryptionKey });
    const after = await rotatePrimaryWebhookToken({ db, tenantId, encryptionKey });
    expect(after.token).not.toBe(before.token);
    expect(await getPrimaryWebhookToken({ db, tenantId, encryptionKey })).toEqual(after);
    expect(await loadSigningSecrets({ db, tenantId, endpointId: webhook.id, encryptionKey })).toEqual([after.token, before.token]);
  });

  it("refuses a first PUT without url or signature_enabled, and unknown event names, writing nothing", async () => {
    const { tenantId } = await createTestTenant(db);
    await expect(upsertPrimaryWebhook({ db, tenantId, encryptionKey, input: { profile_create: true } })).rejects.toMatchObject({
      code: "UNPROCESSABLE",
      details: { issues: [{ path: "url" }, { path: "signature_enabled" }] },
    });
    const unknown = await upsertPrimaryWebhook({
      db,
      tenantId,
      encryptionKey,
      input: { url: "https://example.com/h", signature_enabled: true, profile_delete: true } as never,
    }).catch((error: unknown) => error);
    expect(unknown).toMatchObject({ name: "ZodError" });
    expect(String((unknown as Error).message)).toContain('"profile_delete"');
    expect(await db.endpoint.count({ where: { tenantId } })).toBe(0);
    await expect(getPrimaryWebhookToken({ db, tenantId, encryptionKey })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(rotatePrimaryWebhookToken({ db, tenantId, encryptionKey })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("concurrent first PUTs create one primary webhook", async () => {
    const { tenantId } = await createTestTenant(db);
    const results = await Promise.all(
      Array.from({ length: 4 }, (_, i) =>
        upsertPrimaryWebhook({ db, tenantId, encryptionKey, input: { url: `https://example.com/${i}`, signature_enabled: true } }),
      ),
    );
    expect(new Set(results.map((r) => r.id)).size).toBe(1);
    expect(await db.endpoint.count({ where: { tenantId, isPrimary: true } })).toBe(1);
    expect((await listEndpoints({ db, tenantId, encryptionKey })).data).toHaveLength(1);
  });

  it("is per tenant", async () => {
    const a = await createTestTenant(db);
    const b = await createTestTenant(db);
    const webhook = await upsertPrimaryWebhook({ db, tenantId: a.tenantId, encryptionKey, input: { url: "https://a.example/h", signature_enabled: true } });
    await expect(getPrimaryWebhook({ db, tenantId: b.tenantId })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const other = await upsertPrimaryWebhook({ db, tenantId: b.tenantId, encryptionKey, input: { url: "https://b.example/h", signature_enabled: false } });
    expect(other.id).not.toBe(webhook.id);
    expect((await getPrimaryWebhook({ db, tenantId: a.tenantId })).url).toBe("https://a.example/h");
  });
});
