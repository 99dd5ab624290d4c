import { RateLimiterMemory, RateLimiterPrisma, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import type { Db } from "@/server/db/client";
import { env } from "@/server/env";

// One limiter per distinct rate, shared by the endpoints that have it; globalThis because Next may
// evaluate this module more than once per process and all copies must share one budget.
const g = globalThis as unknown as { __hooklineEndpointLimiters?: WeakMap<Db, Map<number, RateLimiterAbstract>> };

function limiterFor(db: Db, perSecond: number): RateLimiterAbstract {
  const byDb = (g.__hooklineEndpointLimiters ??= new WeakMap());
  let byRate = byDb.get(db);
  if (!byRate) byDb.set(db, (byRate = new Map()));
  let limiter = byRate.get(perSecond);
  if (!limiter) {
    const options = { points: perSecond, duration: 1, keyPrefix: `endpoint-${perSecond}` };
    // several app instances on one PostgreSQL share each endpoint's budget through the rate_limits table
    limiter =
      env().database.kind === "postgres"
        ? new RateLimiterPrisma({ ...options, storeClient: db, tableName: "rateLimit", insuranceLimiter: new RateLimiterMemory(options) })
        : new RateLimiterMemory(options);
    byRate.set(perSecond, limiter);
  }
  return limiter;
}

/** 0 when the endpoint may receive a request now, else how many ms until it may. */
export async function endpointRateLimitWait(db: Db, endpoint: { id: string; rateLimitPerSecond: number | null }): Promise<number> {
  if (!endpoint.rateLimitPerSecond) return 0;
  try {
    await limiterFor(db, endpoint.rateLimitPerSecond).consume(endpoint.id);
    return 0;
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) return Math.max(1, rejection.msBeforeNext);
    throw rejection;
  }
}
