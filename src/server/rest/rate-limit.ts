import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import type { Db } from "@/server/db/client";
import { env } from "@/server/env";
import { groupCommit } from "@/lib/group-commit";

export type ApiRateLimit = { points: number; durationSeconds: number };

/** Requests each API key may make per window unless HOOKLINE_API_RATE_LIMIT_PER_SECOND says otherwise; documented in the OpenAPI description. */
export const DEFAULT_API_RATE_LIMIT: ApiRateLimit = { points: 100, durationSeconds: 1 };

/** Where a key stands in its current window after one request. */
export type Consumed = { consumedPoints: number; msBeforeNext: number };

/** Counts requests per key in fixed windows; a caller compares `consumedPoints` with its limit. */
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
const API_KEY_PREFIX = "api-key";

/** One process's budgets (rate-limiter-flexible); a refusal arrives as a rejected RateLimiterRes. */
class MemoryLimiter implements KeyLimiter {
  private readonly limiter: RateLimiterMemory;

  constructor(limit: ApiRateLimit, keyPrefix: string) {
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

/** A reservation of `n` points of `key`'s window, made at `now`. */
type Reservation = { key: string; now: Date; n: number };
/** The points a reservation got: `first`..`last` of its window (numbered in the window's order), and when the window ends. */
type Reserved = { first: number; last: number; windowEnd: number };

/** Share of a key's budget a process reserves per statement: a tenth, so a key's requests cost a statement per tenth of its limit. */
const RESERVED_SHARE = 10;

/**
 * A fixed window per key in the `rate_limits` table, so app instances sharing the database share each
 * key's budget. A process reserves a tenth of a key's budget at a time (at least one point) and hands those
 * points out from memory until they are spent or the window ends: a key at full rate costs about ten
 * statements per window, not one per request. The price is precision across instances: a key can be refused
 * while other instances still hold reserved points, at most a tenth of the budget each; with a budget under
 * twenty points every request is counted in the table, exactly. Once a window's count is over the limit, this
 * process refuses that key for the rest of the window without asking the table.
 *
 * Reservations arriving while the previous statement runs go together into one (group commit, like
 * publishing): the upsert restarts an ended window or counts into the current one, atomically under the row
 * locks. (rate-limiter-flexible's RateLimiterPrisma spends two statements per request — a delete of the ended
 * window, then the upsert — and its RateLimiterPostgres wants a bigint `expire` column and a pg pool of its own.)
 */
export class TableRateLimiter implements KeyLimiter {
  private lastSweep = Date.now();
  private readonly reserveShared = groupCommit((reservations: Reservation[]) => this.reserveInTable(reservations));
  private readonly keyPrefix: string;
  private readonly block: number;
  /** this process's reserved points per key, for the window they were reserved in */
  private readonly leases = new Map<string, Reserved & { next: number }>();
  private readonly reserving = new Map<string, Promise<Reserved>>();
  /** answers while the database does not, rather than failing requests */
  private readonly fallback: KeyLimiter;

  constructor(
    private readonly db: Db,
    private readonly limit: ApiRateLimit,
    { keyPrefix = API_KEY_PREFIX, fallback }: { keyPrefix?: string; fallback?: KeyLimiter } = {},
  ) {
    this.keyPrefix = keyPrefix;
    this.block = Math.max(1, Math.floor(limit.points / RESERVED_SHARE));
    this.fallback = fallback ?? new MemoryLimiter(limit, keyPrefix);
  }

  async consume(key: string, now = new Date()): Promise<Consumed> {
    const fullKey = `${this.keyPrefix}:${key}`;
    for (;;) {
      const answered = this.fromLease(fullKey, now.getTime());
      if (answered) return answered;
      const pending = this.reserving.get(fullKey);
      try {
        // concurrent requests wait for one reservation and share it in arrival order; one beyond it reserves again
        await (pending ?? this.reserve(fullKey, now));
      } catch {
        return this.fallback.consume(key);
      }
    }
  }

  /** A point from this process's reservation for the key's current window; undefined when it needs another. */
  private fromLease(fullKey: string, at: number): Consumed | undefined {
    const lease = this.leases.get(fullKey);
    if (!lease || at >= lease.windowEnd) return undefined;
    const msBeforeNext = lease.windowEnd - at;
    if (lease.next <= lease.last) return { consumedPoints: lease.next++, msBeforeNext };
    // spent and at the limit: refused until the window ends, with no statement
    if (lease.last >= this.limit.points) return { consumedPoints: lease.last + 1, msBeforeNext };
    return undefined;
  }

  private reserve(fullKey: string, now: Date): Promise<Reserved> {
    const started = this.reserveShared({ key: fullKey, now, n: this.block })
      .then((reserved) => {
        this.leases.set(fullKey, { ...reserved, next: reserved.first });
        return reserved;
      })
      .finally(() => this.reserving.delete(fullKey));
    this.reserving.set(fullKey, started);
    return started;
  }

  private async reserveInTable(reservations: Reservation[]): Promise<Reserved[]> {
    const now = new Date(Math.max(...reservations.map((reservation) => reservation.now.getTime())));
    const counts = new Map<string, number>();
    for (const { key, n } of reservations) counts.set(key, (counts.get(key) ?? 0) + n);
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
    // each key's reservations numbered in arrival order: the last one ends at the row's total
    const next = new Map(rows.map((row) => [row.key, Number(row.points) - counts.get(row.key)! + 1]));
    const windowEnd = new Map(rows.map((row) => [row.key, Number(row.expire_ms)]));
    return reservations.map(({ key, n }) => {
      const first = next.get(key)!;
      next.set(key, first + n);
      return { first, last: first + n - 1, windowEnd: windowEnd.get(key)! };
    });
  }

  /** Keys of deleted or idle API keys (or hosts, addresses…) would otherwise stay forever; one delete every few minutes, not awaited. */
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
 * instances share a database, so a key's budget is global. `keyPrefix` keeps each use's keys apart.
 */
export function createSharedLimiter(db: Db, limit: ApiRateLimit, keyPrefix: string): KeyLimiter {
  return env().database.kind === "postgres" ? new TableRateLimiter(db, limit, { keyPrefix }) : new MemoryLimiter(limit, keyPrefix);
}

function limiterFor(db: Db): KeyLimiter {
  const { limit, limiters } = cache();
  let limiter = limiters.get(db);
  if (!limiter) {
    limiter = createSharedLimiter(db, limit, API_KEY_PREFIX);
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
