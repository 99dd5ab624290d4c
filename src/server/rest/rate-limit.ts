import { RateLimiterMemory, RateLimiterPrisma, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import type { Db } from "@/server/db/client";
import { env } from "@/server/env";

export type ApiRateLimit = { points: number; durationSeconds: number };

/** Requests each API key may make per window unless HOOKLINE_API_RATE_LIMIT_PER_SECOND says otherwise; documented in the OpenAPI description. */
export const DEFAULT_API_RATE_LIMIT: ApiRateLimit = { points: 100, durationSeconds: 1 };

type LimiterCache = { limit: ApiRateLimit; limiters: WeakMap<Db, RateLimiterAbstract> };

// globalThis: Next evaluates route modules separately; one key must share one budget across them.
const g = globalThis as unknown as { __hooklineApiRateLimit?: LimiterCache };

function cache(): LimiterCache {
  return (g.__hooklineApiRateLimit ??= {
    limit: { points: env().apiRateLimitPerSecond, durationSeconds: 1 },
    limiters: new WeakMap(),
  });
}

/** Replaces the limit (tests use a tiny one); existing budgets start over. */
export function configureApiRateLimit(limit: ApiRateLimit): void {
  g.__hooklineApiRateLimit = { limit, limiters: new WeakMap() };
}

export function apiRateLimit(): ApiRateLimit {
  return cache().limit;
}

/**
 * In memory for the embedded install (one process); in PostgreSQL's `rate_limits` table when several app
 * instances share a database, so a key's budget is global. A database hiccup falls back to memory rather
 * than failing requests.
 */
function limiterFor(db: Db): RateLimiterAbstract {
  const { limit, limiters } = cache();
  let limiter = limiters.get(db);
  if (!limiter) {
    const options = { points: limit.points, duration: limit.durationSeconds, keyPrefix: "api-key" };
    limiter =
      env().database.kind === "postgres"
        ? new RateLimiterPrisma({ ...options, storeClient: db, tableName: "rateLimit", insuranceLimiter: new RateLimiterMemory(options) })
        : new RateLimiterMemory(options);
    limiters.set(db, limiter);
  }
  return limiter;
}

export type RateLimitOutcome = { allowed: boolean; headers: Record<string, string>; retryAfterSeconds: number };

export async function consumeApiRateLimit(db: Db, apiKeyId: string): Promise<RateLimitOutcome> {
  const { points } = apiRateLimit();
  let result: RateLimiterRes;
  let allowed = true;
  try {
    result = await limiterFor(db).consume(apiKeyId);
  } catch (rejection) {
    if (!(rejection instanceof RateLimiterRes)) throw rejection;
    result = rejection;
    allowed = false;
  }
  const retryAfterSeconds = Math.max(1, Math.ceil(result.msBeforeNext / 1000));
  return {
    allowed,
    retryAfterSeconds,
    headers: {
      "X-RateLimit-Limit": String(points),
      "X-RateLimit-Remaining": String(Math.max(0, result.remainingPoints)),
      "X-RateLimit-Reset": String(Math.ceil((Date.now() + result.msBeforeNext) / 1000)),
    },
  };
}
