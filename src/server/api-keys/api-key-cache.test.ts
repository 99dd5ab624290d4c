import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/test-database";
import { createTestTenant } from "@/test/fixtures";
import type { Db } from "@/server/db/client";
import { generateApiKey, hashApiKey } from "./api-key-format";
import { API_KEY_CACHE_TTL_MS, cachedApiKey, forgetApiKey, lookupGeneration, rememberApiKey } from "./api-key-cache";
import { authenticateApiKey } from "./authenticate-api-key";
import { createApiKey } from "./create-api-key";
import { revokeApiKey } from "./revoke-api-key";

let database: TestDatabase;
let db: Db;
/** the same database, counting the statements sent through it */
let counting: Db;
let statements = 0;

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.prisma;
  counting = db.$extends({
    query: {
      async $allOperations({ args, query }) {
        statements++;
        return query(args);
      },
    },
  }) as unknown as Db;
});
afterAll(async () => {
  await database.close();
});

async function statementsOf(work: () => Promise<unknown>): Promise<number> {
  statements = 0;
  await work();
  return statements;
}

describe("authenticated API keys are cached for a second", () => {
  it("a key looked up less than a second ago costs no statement; then it is looked up again", async () => {
    expect(API_KEY_CACHE_TTL_MS).toBe(1_000);
    const { tenantId } = await createTestTenant(db);
    const { key, apiKey } = await createApiKey({ db, tenantId, input: { name: "k", scopes: ["publish"] } });
    const t0 = Date.now();
    const at = (ms: number) => authenticateApiKey({ db: counting, key, now: new Date(t0 + ms) });
    expect(await statementsOf(() => at(0))).toBe(2); // lookup + first last-used
    for (const ms of [1, 500, 999]) {
      expect(await statementsOf(() => at(ms))).toBe(0);
      expect(await at(ms)).toMatchObject({ kind: "tenant", apiKeyId: apiKey.id, tenantId, scopes: ["publish"] });
    }
    expect(await statementsOf(() => at(1000))).toBe(1);
    expect(await statementsOf(() => at(1500))).toBe(0);
    // last-used is still written once a minute, cached or not
    expect(await statementsOf(() => at(60_000))).toBe(2);
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: apiKey.id } })).lastUsedAt).toEqual(new Date(t0 + 60_000));
    // a clock that went back is not inside the second either
    expect(await statementsOf(() => at(-1))).toBe(1);
  });

  it("revoking in this process refuses the key on its very next request", async () => {
    const { tenantId } = await createTestTenant(db);
    const { key, apiKey } = await createApiKey({ db, tenantId, input: { name: "k" } });
    const now = new Date();
    await authenticateApiKey({ db: counting, key, now });
    await revokeApiKey({ db: counting, tenantId, apiKeyId: apiKey.id });
    await expect(authenticateApiKey({ db: counting, key, now })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });

  it("a revocation written by another app instance takes effect here within the second", async () => {
    const { tenantId } = await createTestTenant(db);
    const { key, apiKey } = await createApiKey({ db, tenantId, input: { name: "k" } });
    const t0 = Date.now();
    await authenticateApiKey({ db: counting, key, now: new Date(t0) });
    await db.apiKey.update({ where: { id: apiKey.id }, data: { revokedAt: new Date() } });
    expect(await authenticateApiKey({ db: counting, key, now: new Date(t0 + 999) })).toMatchObject({ apiKeyId: apiKey.id });
    await expect(authenticateApiKey({ db: counting, key, now: new Date(t0 + 1000) })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });

  it("an unknown key is not remembered: created a moment later, it works at once", async () => {
    const { tenantId } = await createTestTenant(db);
    const key = generateApiKey();
    const now = new Date();
    await expect(authenticateApiKey({ db: counting, key, now })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    const { apiKey } = await createApiKey({ db, tenantId, input: { name: "k" }, key });
    expect(await authenticateApiKey({ db: counting, key, now })).toMatchObject({ apiKeyId: apiKey.id, tenantId });
  });

  it("each database has its own cache", async () => {
    const { tenantId } = await createTestTenant(db);
    const { key } = await createApiKey({ db, tenantId, input: { name: "k" } });
    await authenticateApiKey({ db, key });
    await expect(authenticateApiKey({ db: counting, key: generateApiKey() })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    expect(cachedApiKey(counting, hashApiKey(key), Date.now())).toBeUndefined();
    expect(cachedApiKey(db, hashApiKey(key), Date.now())).toBeDefined();
  });

  it("a lookup that raced a revocation does not store what it read before it", () => {
    const keyHash = hashApiKey(generateApiKey());
    const entry = { apiKey: { kind: "tenant" as const, apiKeyId: "id", tenantId: "t", scopes: [], label: "k" }, lastUsedAt: null, cachedAt: Date.now() };
    const generation = lookupGeneration(db);
    forgetApiKey(db, keyHash); // the revocation commits while the lookup is in flight
    rememberApiKey(db, keyHash, entry, generation);
    expect(cachedApiKey(db, keyHash, Date.now())).toBeUndefined();
    rememberApiKey(db, keyHash, entry, lookupGeneration(db));
    expect(cachedApiKey(db, keyHash, Date.now())).toBe(entry);
  });
});
