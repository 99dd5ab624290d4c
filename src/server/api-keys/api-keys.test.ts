import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/test-database";
import { createTestTenant } from "@/test/fixtures";
import type { Db } from "@/server/db/client";
import { hashApiKey } from "./api-key-format";
import { authenticateApiKey } from "./authenticate-api-key";
import { createApiKey } from "./create-api-key";
import { ensureApiKey } from "./ensure-api-key";
import { listApiKeys } from "./list-api-keys";
import { revokeApiKey } from "./revoke-api-key";

let database: TestDatabase;
let db: Db;

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.prisma;
});
afterAll(async () => {
  await database.close();
});

describe("API keys", () => {
  it("are shown once, stored as SHA-256 with a display prefix, and authenticate their tenant", async () => {
    const { tenantId } = await createTestTenant(db);
    const { key, apiKey } = await createApiKey({ db, tenantId, input: { name: "CI" } });
    expect(key).toMatch(/^hk_live_[A-Za-z0-9_-]{32}$/);
    expect(apiKey).toMatchObject({ name: "CI", scopes: ["read", "write", "publish"], prefix: key.slice(0, 12), last_used_at: null, revoked_at: null });
    expect(JSON.stringify(apiKey)).not.toContain(key);
    const row = await db.apiKey.findUniqueOrThrow({ where: { id: apiKey.id } });
    expect(row.keyHash).toBe(hashApiKey(key));
    expect(JSON.stringify(row)).not.toContain(key.slice(12));
    expect(await authenticateApiKey({ db, key })).toMatchObject({ kind: "tenant", apiKeyId: apiKey.id, tenantId, scopes: ["read", "write", "publish"] });
  });

  it("record last use at most once a minute", async () => {
    const { tenantId } = await createTestTenant(db);
    const { key, apiKey } = await createApiKey({ db, tenantId, input: { name: "k", scopes: ["publish", "read", "read"] } });
    expect(apiKey.scopes).toEqual(["read", "publish"]);
    const t0 = new Date("2030-01-01T00:00:00Z");
    await authenticateApiKey({ db, key, now: t0 });
    await authenticateApiKey({ db, key, now: new Date(t0.getTime() + 30_000) });
    expect((await listApiKeys({ db, tenantId }))[0]!.last_used_at).toEqual(t0);
    const t1 = new Date(t0.getTime() + 61_000);
    await authenticateApiKey({ db, key, now: t1 });
    expect((await listApiKeys({ db, tenantId }))[0]!.last_used_at).toEqual(t1);
  });

  it("refuse revoked, unknown and malformed keys alike", async () => {
    const { tenantId } = await createTestTenant(db);
    const { key, apiKey } = await createApiKey({ db, tenantId, input: { name: "k" } });
    const revoked = await revokeApiKey({ db, tenantId, apiKeyId: apiKey.id });
    expect(revoked.revoked_at).toBeInstanceOf(Date);
    for (const presented of [key, `hk_live_${"A".repeat(32)}`, "nope", ""]) {
      await expect(authenticateApiKey({ db, key: presented })).rejects.toMatchObject({ code: "UNAUTHORIZED", message: "Invalid API key" });
    }
  });

  it("are listed and revoked only within their tenant", async () => {
    const a = await createTestTenant(db);
    const b = await createTestTenant(db);
    const { apiKey } = await createApiKey({ db, tenantId: a.tenantId, input: { name: "a-key" } });
    expect(await listApiKeys({ db, tenantId: b.tenantId })).toEqual([]);
    for (const apiKeyId of [apiKey.id, randomUUID(), "x"]) {
      await expect(revokeApiKey({ db, tenantId: b.tenantId, apiKeyId })).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
    expect((await listApiKeys({ db, tenantId: a.tenantId }))[0]!.revoked_at).toBeNull();
  });

  it("through tRPC: create, list, revoke for the signed-in member's tenant; bad input refused", async () => {
    const { trpc, tenantId } = await createTestTenant(db);
    const created = await trpc.apiKeys.create({ name: "from portal", scopes: ["read"] });
    expect(await authenticateApiKey({ db, key: created.key })).toMatchObject({ tenantId, scopes: ["read"] });
    expect((await trpc.apiKeys.list()).map((k) => k.id)).toEqual([created.apiKey.id]);
    await trpc.apiKeys.revoke({ id: created.apiKey.id });
    await expect(authenticateApiKey({ db, key: created.key })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(trpc.apiKeys.create({ name: "", scopes: [] })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(trpc.apiKeys.create({ name: "x", scopes: ["admin" as never] })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("ensureApiKey keeps a remembered key, restores it into a new database, and replaces a revoked one", async () => {
    const { tenantId } = await createTestTenant(db);
    const first = await ensureApiKey({ db, tenantId, name: "demo" });
    expect(first.created).toBe(true);
    expect(await ensureApiKey({ db, tenantId, rememberedKey: first.key, name: "demo" })).toEqual({ key: first.key, created: false });
    await db.apiKey.deleteMany({ where: { tenantId } });
    expect(await ensureApiKey({ db, tenantId, rememberedKey: first.key, name: "demo" })).toEqual({ key: first.key, created: true });
    await db.apiKey.updateMany({ where: { tenantId }, data: { revokedAt: new Date() } });
    const replaced = await ensureApiKey({ db, tenantId, rememberedKey: first.key, name: "demo" });
    expect(replaced.key).not.toBe(first.key);
    expect(await authenticateApiKey({ db, key: replaced.key })).toMatchObject({ tenantId });
  });
});
