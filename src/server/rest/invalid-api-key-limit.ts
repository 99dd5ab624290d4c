import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import { env } from "@/server/env";

export type InvalidApiKeyLimit = { points: number; durationSeconds: number };

// globalThis: Next evaluates route modules separately; one address must share one budget across them.
const g = globalThis as unknown as { __hooklineInvalidApiKeyLimit?: { limit: InvalidApiKeyLimit; limiter: RateLimiterMemory } };

function state() {
  return (g.__hooklineInvalidApiKeyLimit ??= build({ points: env().invalidApiKeysPerMinute, durationSeconds: 60 }));
}

function build(limit: InvalidApiKeyLimit) {
  return { limit, limiter: new RateLimiterMemory({ points: limit.points, duration: limit.durationSeconds, keyPrefix: "invalid-api-key" }) };
}

/** Replaces the limit (tests use a tiny one); existing budgets start over. */
export function configureInvalidApiKeyLimit(limit: InvalidApiKeyLimit): void {
  g.__hooklineInvalidApiKeyLimit = build(limit);
}

/**
 * Seconds until `address` may present a key again, or undefined while it may. Checked before a key is
 * looked up and hashed, so guessing keys costs the guesser a 429, not us a lookup.
 */
export async function invalidApiKeyRetryAfter(address: string): Promise<number | undefined> {
  const { limit, limiter } = state();
  const used = await limiter.get(address);
  if (!used || used.consumedPoints < limit.points) return undefined;
  return Math.max(1, Math.ceil(used.msBeforeNext / 1000));
}

/** Counts one refused key against `address`. */
export async function recordInvalidApiKey(address: string): Promise<void> {
  await state().limiter.consume(address).catch((rejection: unknown) => {
    // beyond the budget: the next request is refused by invalidApiKeyRetryAfter
    if (!(rejection instanceof RateLimiterRes)) throw rejection;
  });
}
