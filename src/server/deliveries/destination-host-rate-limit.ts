import type { Db } from "@/server/db/client";
import { env } from "@/server/env";
import { createSharedLimiter, type KeyLimiter } from "@/server/rest/rate-limit";

type HostRateLimit = { perSecond: number; limiters: WeakMap<Db, KeyLimiter> };

// globalThis: Next may evaluate this module more than once per process and all copies must share one budget.
const g = globalThis as unknown as { __hooklineHostRateLimit?: HostRateLimit };

function hostRateLimit(): HostRateLimit {
  return (g.__hooklineHostRateLimit ??= { perSecond: env().requestsPerSecondPerHost, limiters: new WeakMap() });
}

/** Replaces HOOKLINE_MAX_REQUESTS_PER_SECOND_PER_HOST (tests use a tiny one); existing budgets start over. */
export function configureHostRateLimit(perSecond: number): void {
  g.__hooklineHostRateLimit = { perSecond, limiters: new WeakMap() };
}

/**
 * 0 when a request may go to this URL's host now, else how many ms until it may. The budget is per host
 * name across every tenant and endpoint, so no tenant can point many endpoints at one victim and multiply
 * its publishes into a flood. The n-th request over the budget waits n / budget windows more, so a burst
 * drains at the budget's pace instead of every waiting delivery trying again at the next window.
 */
export async function destinationHostRateLimitWait(db: Db, url: string): Promise<number> {
  const { perSecond, limiters } = hostRateLimit();
  let limiter = limiters.get(db);
  if (!limiter) limiters.set(db, (limiter = createSharedLimiter(db, { points: perSecond, durationSeconds: 1 }, "host")));
  const { consumedPoints, msBeforeNext } = await limiter.consume(new URL(url).hostname.toLowerCase());
  if (consumedPoints <= perSecond) return 0;
  const windowsAhead = Math.floor((consumedPoints - perSecond - 1) / perSecond);
  return Math.max(1, msBeforeNext) + windowsAhead * 1000;
}
