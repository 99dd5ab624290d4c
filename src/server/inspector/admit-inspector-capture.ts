import type { Db } from "@/server/db/client";
import { env } from "@/server/env";
import { AppError, notFound } from "@/server/errors";
import { createSharedLimiter, type KeyLimiter } from "@/server/rest/rate-limit";
import { isInspectorToken } from "./schemas";

export type InspectorRateLimit = { perToken: number; perAddress: number };

type Limiters = { byAddress: KeyLimiter; byToken: KeyLimiter };
type AdmissionState = { limit: InspectorRateLimit; limiters: WeakMap<Db, Limiters>; unknownTokens: Map<string, number> };

/** Well-formed tokens found in no bin are answered from memory this long, without a lookup. */
const UNKNOWN_TOKEN_TTL_MS = 60_000;
/** Bounds the memory a flood of made-up tokens can take; the oldest entries make room. */
const UNKNOWN_TOKENS_KEPT = 10_000;

// globalThis: Next evaluates route modules separately; one token and one address share one budget across them.
const g = globalThis as unknown as { __hooklineInspectorAdmission?: AdmissionState };

function state(): AdmissionState {
  return (g.__hooklineInspectorAdmission ??= { limit: env().inspectorRateLimit, limiters: new WeakMap(), unknownTokens: new Map() });
}

/** Replaces HOOKLINE_INSPECTOR_RATE_LIMIT_PER_* (tests use tiny ones); budgets and the unknown-token memory start over. */
export function configureInspectorRateLimit(limit: InspectorRateLimit): void {
  g.__hooklineInspectorAdmission = { limit, limiters: new WeakMap(), unknownTokens: new Map() };
}

function limitersFor(db: Db): Limiters {
  const { limit, limiters } = state();
  let found = limiters.get(db);
  if (!found) {
    found = {
      byAddress: createSharedLimiter(db, { points: limit.perAddress, durationSeconds: 1 }, "inspect-address"),
      byToken: createSharedLimiter(db, { points: limit.perToken, durationSeconds: 1 }, "inspect-token"),
    };
    limiters.set(db, found);
  }
  return found;
}

async function consumeOrRefuse(limiter: KeyLimiter, key: string, points: number, what: string): Promise<void> {
  const { consumedPoints, msBeforeNext } = await limiter.consume(key);
  if (consumedPoints <= points) return;
  const retryAfterSeconds = Math.max(1, Math.ceil(msBeforeNext / 1000));
  throw new AppError("RATE_LIMITED", `More than ${points} requests per second ${what}; try again in ${retryAfterSeconds} s`, { retryAfterSeconds });
}

/** Remembers a well-formed token that matched no bin, so the next request for it costs no lookup. */
export function noteUnknownInspectorToken(token: string): void {
  const { unknownTokens } = state();
  if (unknownTokens.size >= UNKNOWN_TOKENS_KEPT) unknownTokens.delete(unknownTokens.keys().next().value!);
  unknownTokens.set(token, Date.now() + UNKNOWN_TOKEN_TTL_MS);
}

function isKnownUnknown(token: string): boolean {
  const { unknownTokens } = state();
  const until = unknownTokens.get(token);
  if (until === undefined) return false;
  if (until > Date.now()) return true;
  unknownTokens.delete(token);
  return false;
}

/**
 * The public capture URL's gate, before its body is read or a bin looked up: the source address's budget
 * (spent by every request, made-up tokens included), then the token's shape and the memory of unknown
 * tokens (404 at no database cost), then the token's own budget. Throws RATE_LIMITED (details carry
 * `retryAfterSeconds`) or NOT_FOUND.
 */
export async function admitInspectorCapture({ db, token, address }: { db: Db; token: string; address: string }): Promise<void> {
  const { limit } = state();
  const { byAddress, byToken } = limitersFor(db);
  await consumeOrRefuse(byAddress, address, limit.perAddress, "from this address to inspector URLs");
  if (!isInspectorToken(token) || isKnownUnknown(token)) throw notFound("Inspector bin");
  await consumeOrRefuse(byToken, token, limit.perToken, "to this inspector URL");
}
