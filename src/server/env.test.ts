import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/test-database";
import { env } from "./env";
import { deliveryRuntime } from "./deliveries/delivery-runtime";
import { apiRateLimit, consumeApiRateLimit } from "./rest/rate-limit";

// set before anything reads the environment, as an operator's deployment would
vi.hoisted(() => {
  process.env.HOOKLINE_RETENTION_DAYS = "7";
  process.env.HOOKLINE_API_RATE_LIMIT_PER_SECOND = "3";
  process.env.HOOKLINE_AUTO_DISABLE_AFTER_DAYS = "2";
  const g = globalThis as Record<string, unknown>;
  delete g.__hooklineEnv;
  delete g.__hooklineApiRateLimit;
});

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

describe("the environment reaches what it configures", () => {
  it("HOOKLINE_API_RATE_LIMIT_PER_SECOND is each key's budget per second", async () => {
    expect(apiRateLimit()).toEqual({ points: 3, durationSeconds: 1 });
    // a key's first request opens its window: two of the three left
    const first = await consumeApiRateLimit(database.prisma, randomUUID());
    expect(first.headers).toMatchObject({ "X-RateLimit-Limit": "3", "X-RateLimit-Remaining": "2" });
  });

  it("HOOKLINE_RETENTION_DAYS is what the nightly purge keeps, HOOKLINE_AUTO_DISABLE_AFTER_DAYS the failing streak that disables", () => {
    expect(env().retentionDays).toBe(7);
    expect(deliveryRuntime().autoDisableAfterMs).toBe(2 * 24 * 60 * 60 * 1000);
  });
});
