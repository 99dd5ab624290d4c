import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { countingStatements, createTestDatabase, type TestDatabase } from "@/test/test-database";
import { createTestTenant } from "@/test/fixtures";
import type { Db } from "@/server/db/client";
import { api, apiKeyFor } from "./rest-test-support";
import { configureApiRateLimit, consumeApiRateLimit, TableRateLimiter } from "./rate-limit";

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

const limit = { points: 3, durationSeconds: 1 };

describe("the rate_limits table limiter (PostgreSQL mode, run here on this test's database)", () => {
  it("counts a fixed window per key and starts a new one when it ends", async () => {
    const limiter = new TableRateLimiter(db, limit);
    const apiKeyId = randomUUID();
    const t0 = new Date("2030-01-01T00:00:00.000Z");
    const at = (ms: number) => limiter.consume(apiKeyId, new Date(t0.getTime() + ms));
    expect(await at(0)).toEqual({ consumedPoints: 1, msBeforeNext: 1000 });
    expect(await at(100)).toEqual({ consumedPoints: 2, msBeforeNext: 900 });
    expect(await at(200)).toEqual({ consumedPoints: 3, msBeforeNext: 800 });
    expect(await at(999)).toEqual({ consumedPoints: 4, msBeforeNext: 1 }); // over the limit, still counted
    expect(await at(1000)).toEqual({ consumedPoints: 1, msBeforeNext: 1000 }); // the window ended at t0 + 1 s
    expect(await at(1500)).toEqual({ consumedPoints: 2, msBeforeNext: 500 });
    // the row is the one rate-limiter-flexible kept: `api-key:<id>`, expire as a UTC timestamp
    expect(await db.rateLimit.findUnique({ where: { key: `api-key:${apiKeyId}` } })).toEqual({
      key: `api-key:${apiKeyId}`,
      points: 2,
      expire: new Date(t0.getTime() + 2000),
    });
    expect(await limiter.consume(randomUUID(), t0)).toEqual({ consumedPoints: 1, msBeforeNext: 1000 });
  });

  it("shares one budget between app instances: of concurrent requests, exactly the limit pass", async () => {
    const apiKeyId = randomUUID();
    const instances = [new TableRateLimiter(db, limit), new TableRateLimiter(db, limit)];
    const now = new Date();
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => instances[i % 2]!.consume(apiKeyId, now)));
    const allowed = results.map((r) => r.consumedPoints).filter((points) => points <= limit.points);
    expect(allowed.sort((a, b) => a - b)).toEqual([1, 2, 3]);
  });

  it("lets exactly the limit of each key's concurrent requests pass when keys share statements", async () => {
    const limiter = new TableRateLimiter(db, limit);
    const keys = Array.from({ length: 4 }, () => randomUUID());
    const now = new Date();
    const requests = Array.from({ length: 24 }, (_, i) => ({ key: keys[i % keys.length]!, consumed: limiter.consume(keys[i % keys.length]!, now) }));
    const settled = await Promise.all(requests.map(async (r) => ({ key: r.key, points: (await r.consumed).consumedPoints })));
    for (const key of keys) {
      const allowed = settled.filter((r) => r.key === key && r.points <= limit.points).map((r) => r.points);
      expect(allowed.sort((a, b) => a - b)).toEqual([1, 2, 3]);
    }
  });

  it("reserves a tenth of a large budget per statement, and refuses a spent window without one", async () => {
    const counting = countingStatements(db);
    const large = { points: 100, durationSeconds: 1 };
    const instances = [new TableRateLimiter(counting.db, large), new TableRateLimiter(counting.db, large)];
    const apiKeyId = randomUUID();
    const now = new Date();
    const results = [];
    for (let i = 0; i < 150; i++) results.push(await instances[i % 2]!.consume(apiKeyId, now));
    const allowed = results.filter((r) => r.consumedPoints <= large.points).length;
    // both instances draw blocks of 10 from one budget: exactly 100 pass; the instance whose last block ended
    // below the limit learns it is spent with one more reservation, then both refuse from memory
    expect(allowed).toBe(100);
    expect(counting.count()).toBe(11);
    expect(await db.rateLimit.findUnique({ where: { key: `api-key:${apiKeyId}` } })).toMatchObject({ points: 110 });
    // and the next window starts over
    const later = await instances[0]!.consume(apiKeyId, new Date(now.getTime() + 1000));
    expect(later.consumedPoints).toBe(1);
  });

  it("falls back to memory while the database fails", async () => {
    const broken = await createTestDatabase();
    await broken.close();
    const limiter = new TableRateLimiter(broken.prisma, limit);
    const consumed = [];
    for (let i = 0; i < 4; i++) consumed.push((await limiter.consume("k")).consumedPoints);
    expect(consumed).toEqual([1, 2, 3, 4]);
  });
});

describe("consumeApiRateLimit", () => {
  it("refuses over the limit with Retry-After, then allows again in the next window", async () => {
    // a window long enough that three requests fall in it on a busy machine; the next one is waited for as told
    configureApiRateLimit({ points: 2, durationSeconds: 3 });
    const apiKeyId = randomUUID();
    const outcomes = [];
    for (let i = 0; i < 3; i++) outcomes.push(await consumeApiRateLimit(db, apiKeyId));
    expect(outcomes.map((o) => o.allowed)).toEqual([true, true, false]);
    expect(outcomes.map((o) => o.headers["X-RateLimit-Remaining"])).toEqual(["1", "0", "0"]);
    expect(outcomes[2]!.headers["X-RateLimit-Limit"]).toBe("2");
    const retryAfterSeconds = outcomes[2]!.retryAfterSeconds;
    expect(retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(retryAfterSeconds).toBeLessThanOrEqual(3);
    const reset = Number(outcomes[2]!.headers["X-RateLimit-Reset"]) * 1000;
    expect(reset).toBeGreaterThanOrEqual(Date.now() - 1000);
    expect(reset).toBeLessThanOrEqual(Date.now() + 4000);
    await new Promise((resolve) => setTimeout(resolve, retryAfterSeconds * 1000));
    const next = await consumeApiRateLimit(db, apiKeyId);
    expect(next.allowed).toBe(true);
    expect(next.headers["X-RateLimit-Remaining"]).toBe("1");
    // in PostgreSQL mode the window lives in the table, in embedded mode in memory
    const row = await db.rateLimit.findUnique({ where: { key: `api-key:${apiKeyId}` } });
    if (database.url) expect(row).toMatchObject({ points: 1 });
    else expect(row).toBeNull();
  });
});

describe("statements per REST request", () => {
  it("a key used within the last second costs none for authentication, and none for the limit while its reserved points last", async () => {
    configureApiRateLimit({ points: 1_000, durationSeconds: 1 });
    const counting = countingStatements(db);
    current.db = counting.db;
    try {
      const { tenantId } = await createTestTenant(db);
      const key = await apiKeyFor(db, tenantId);
      // GET /api/v2/webhook/events answers from the catalog: what it costs is the wrapper's
      expect((await api("GET /api/v2/webhook/events", { key })).status).toBe(200);
      counting.reset();
      expect((await api("GET /api/v2/webhook/events", { key })).status).toBe(200);
      expect(counting.count()).toBe(0);
    } finally {
      current.db = db;
    }
  });
});
