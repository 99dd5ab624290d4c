import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import type { Db } from "@/server/db/client";
import { env } from "@/server/env";
import { groupCommit } from "@/lib/group-commit";

export type ApiRateLimit = { points: number; durationSeconds: number };

/** Requests each API key may make per window unless HOOKLINE_API_RATE_LIMIT_PER_SECOND says otherwise; documented in the OpenAPI description. */
export const DEFAULT_API_RATE_LIMIT: ApiRateLimit = { points: 100, durationSeconds: 1 };

/** Where a key stands in its current window after one request. */
type Consumed = { consumedPoints: number; msBeforeNext: number };

export interface KeyLimiter {
  consume(key: string): Promise<Consumed>;
}

type LimiterCache = { limit: ApiRateLimit; limiters: WeakMap<Db, KeyLimiter> };

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

/** rate_limits.key is `api-key:<id>`, as rate-limiter-flexible's keyPrefix wrote it before. */
const KEY_PREFIX = "api-key";

/** One process's budgets (rate-limiter-flexible); a refusal arrives as a rejected RateLimiterRes. */
class MemoryLimiter implements KeyLimiter {
  private readonly limiter: RateLimiterMemory;

  constructor(limit: ApiRateLimit, keyPrefix = KEY_PREFIX) {
    this.limiter = new RateLimiterMemory({ points: limit.points, duration: limit.durationSeconds, keyPrefix });
  }

  async consume(key: string): Promise<Consumed> {
    let result: RateLimiterRes;
    try {
      result = await this.limiter.consume(key);
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      result = rejection;
    }
    return { consumedPoints: result.consumedPoints, msBeforeNext: result.msBeforeNext };
  }
}

/** Rows whose window ended this long ago are deleted (the next request of their key would restart them anyway). */
const SWEEP_AFTER_MS = 60 * 60_000;
const SWEEP_EVERY_MS = 5 * 60_000;

type ConsumeRequest = { key: string; now: Date };

/**
 * A fixed window per key in the `rate_limits` table, so app instances sharing the database share each
 * key's budget. One statement for all the requests that arrive while the previous one runs (group commit,
 * like publishing): the upsert restarts an ended window or counts into the current one, atomically under
 * the row locks, and returns where each key stands. (rate-limiter-flexible's RateLimiterPrisma spends two
 * statements per request — a delete of the ended window, then the upsert — and its RateLimiterPostgres wants
 * a bigint `expire` column and a pg pool of its own.)
 */
export class TableRateLimiter implements KeyLimiter {
  private lastSweep = Date.now();
  private readonly consumeShared = groupCommit((requests: ConsumeRequest[]) => this.consumeInTable(requests));

  constructor(
    private readonly db: Db,
    private readonly limit: ApiRateLimit,
    /** rows of different budgets (API keys, sign-in attempts…) share the table under their own prefix */
    private readonly keyPrefix = KEY_PREFIX,
    /** answers while the database does not, rather than failing requests */
    private readonly fallback: KeyLimiter = new MemoryLimiter(limit, keyPrefix),
  ) {}

  async consume(key: string, now = new Date()): Promise<Consumed> {
    try {
      return await this.consumeShared({ key: `${this.keyPrefix}:${key}`, now });
    } catch {
      return this.fallback.consume(key);
    }
  }

  private async consumeInTable(requests: ConsumeRequest[]): Promise<Consumed[]> {
    const now = new Date(Math.max(...requests.map((request) => request.now.getTime())));
    const counts = new Map<string, number>();
    for (const { key } of requests) counts.set(key, (counts.get(key) ?? 0) + 1);
    // sorted, so concurrent statements of several instances lock the rows in one order
    const countsJson = JSON.stringify([...counts].map(([key, n]) => ({ key, n })).sort((a, b) => a.key.localeCompare(b.key)));
    const nowText = now.toISOString();
    const windowEndText = new Date(now.getTime() + this.limit.durationSeconds * 1000).toISOString();
    // expire is timestamp(3) holding UTC, as Prisma writes it; the epoch is read back in milliseconds.
    const rows = await this.db.$queryRaw<{ key: string; points: number; expire_ms: number }[]>`
      INSERT INTO rate_limits AS r (key, points, expire)
      SELECT c.key, c.n, ${windowEndText}::timestamp(3) FROM jsonb_to_recordset(${countsJson}::jsonb) AS c(key text, n int)
      ON CONFLICT (key) DO UPDATE SET
        points = CASE WHEN r.expire IS NULL OR r.expire <= ${nowText}::timestamp(3) THEN EXCLUDED.points ELSE r.points + EXCLUDED.points END,
        expire = CASE WHEN r.expire IS NULL OR r.expire <= ${nowText}::timestamp(3) THEN EXCLUDED.expire ELSE r.expire END
      RETURNING key, points, (extract(epoch FROM expire) * 1000)::float8 AS expire_ms`;
    this.sweepNowAndThen(now);
    // each key's requests counted in arrival order: the last one sees the row's total
    const firstPoint = new Map(rows.map((row) => [row.key, Number(row.points) - counts.get(row.key)! + 1]));
    const msBeforeNext = new Map(rows.map((row) => [row.key, Math.max(0, Number(row.expire_ms) - now.getTime())]));
    const seen = new Map<string, number>();
    return requests.map(({ key }) => {
      const index = seen.get(key) ?? 0;
      seen.set(key, index + 1);
      return { consumedPoints: firstPoint.get(key)! + index, msBeforeNext: msBeforeNext.get(key)! };
    });
  }

  /** Keys of deleted or idle API keys would otherwise stay forever; one delete every few minutes, not awaited. */
  private sweepNowAndThen(now: Date): void {
    if (now.getTime() - this.lastSweep < SWEEP_EVERY_MS) return;
    this.lastSweep = now.getTime();
    this.db.rateLimit.deleteMany({ where: { expire: { lt: new Date(now.getTime() - SWEEP_AFTER_MS) } } }).catch(() => {
      // not critical: the next sweep tries again
    });
  }
}

/**
 * In memory for the embedded install (one process); in PostgreSQL's `rate_limits` table when several app
 * instances share a database, so a key's budget is global. Keys are namespaced by `keyPrefix`.
 */
export function createKeyLimiter(db: Db, limit: ApiRateLimit, keyPrefix: string): KeyLimiter {
  return env().database.kind === "postgres" ? new TableRateLimiter(db, limit, keyPrefix) : new MemoryLimiter(limit, keyPrefix);
}

function limiterFor(db: Db): KeyLimiter {
  const { limit, limiters } = cache();
  let limiter = limiters.get(db);
  if (!limiter) {
    limiter = createKeyLimiter(db, limit, KEY_PREFIX);
    limiters.set(db, limiter);
  }
  return limiter;
}

export type RateLimitOutcome = { allowed: boolean; headers: Record<string, string>; retryAfterSeconds: number };

export async function consumeApiRateLimit(db: Db, apiKeyId: string): Promise<RateLimitOutcome> {
  const { points } = apiRateLimit();
  const { consumedPoints, msBeforeNext } = await limiterFor(db).consume(apiKeyId);
  const retryAfterSeconds = Math.max(1, Math.ceil(msBeforeNext / 1000));
  return {
    allowed: consumedPoints <= points,
    retryAfterSeconds,
    headers: {
      "X-RateLimit-Limit": String(points),
      "X-RateLimit-Remaining": String(Math.max(0, points - consumedPoints)),
      "X-RateLimit-Reset": String(Math.ceil((Date.now() + msBeforeNext) / 1000)),
    },
  };
}
