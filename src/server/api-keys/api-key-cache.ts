import type { Db } from "@/server/db/client";
import type { ApiKeyKind } from "./api-key-format";

export type AuthenticatedApiKey =
  | { kind: "tenant"; apiKeyId: string; tenantId: string; scopes: string[]; label: string }
  | { kind: "platform"; apiKeyId: string; tenantId: null; scopes: string[]; label: string };
export type { ApiKeyKind };

/**
 * How long this process trusts a key it looked up, so a client's burst of requests costs one lookup a
 * second instead of one each. It bounds how stale a revocation can be: made on another app instance, it
 * takes effect here within this long; made in this process, at once (revokeApiKey forgets the key).
 */
export const API_KEY_CACHE_TTL_MS = 1_000;

/** Beyond this many entries, expired ones are swept out when a new one is stored. */
const SWEEP_ABOVE_ENTRIES = 1_000;

export type CachedApiKey = {
  apiKey: AuthenticatedApiKey;
  /** last-used time as stored (or as this process last wrote it) */
  lastUsedAt: Date | null;
  cachedAt: number;
};

/** Only keys that authenticated are kept: an unknown key is looked up each time, so a new key works at once. */
type DbCache = {
  entries: Map<string, CachedApiKey>;
  /** bumped by every revocation, so a lookup that raced one does not store what it read before it */
  generation: number;
  /** lookups in flight by key hash: a burst of requests arriving as an entry expires shares one statement */
  lookups: Map<string, Promise<CachedApiKey | null>>;
};

// globalThis: Next evaluates route modules separately (the portal's revoke and the REST routes); per
// database, as the same key may exist in two (tests, or the embedded demo key restored into a new one).
const g = globalThis as unknown as { __hooklineApiKeyCache?: WeakMap<Db, DbCache> };

function cacheOf(db: Db): DbCache {
  const caches = (g.__hooklineApiKeyCache ??= new WeakMap());
  let cache = caches.get(db);
  if (!cache) {
    cache = { entries: new Map(), generation: 0, lookups: new Map() };
    caches.set(db, cache);
  }
  return cache;
}

function fresh(entry: CachedApiKey, now: number): boolean {
  const age = now - entry.cachedAt;
  return age >= 0 && age < API_KEY_CACHE_TTL_MS;
}

/** The entry for a key hash if it was looked up less than API_KEY_CACHE_TTL_MS before `now`. */
export function cachedApiKey(db: Db, keyHash: string, now: number): CachedApiKey | undefined {
  const { entries } = cacheOf(db);
  const entry = entries.get(keyHash);
  if (!entry) return undefined;
  if (fresh(entry, now)) return entry;
  entries.delete(keyHash);
  return undefined;
}

/**
 * The key's entry from `lookup` (null: no such key), run once for all the requests of that key that miss the
 * cache while it runs; what it finds is stored unless a revocation happened meanwhile.
 */
export function sharedLookup(db: Db, keyHash: string, lookup: () => Promise<CachedApiKey | null>): Promise<CachedApiKey | null> {
  const cache = cacheOf(db);
  const pending = cache.lookups.get(keyHash);
  if (pending) return pending;
  const generation = cache.generation;
  const started = lookup()
    .then((entry) => {
      if (entry) rememberApiKey(db, keyHash, entry, generation);
      return entry;
    })
    .finally(() => cache.lookups.delete(keyHash));
  cache.lookups.set(keyHash, started);
  return started;
}

/** Marks the start of a lookup; pass the result to rememberApiKey. */
export function lookupGeneration(db: Db): number {
  return cacheOf(db).generation;
}

/** Stores a lookup's result unless a revocation happened since the lookup started. */
export function rememberApiKey(db: Db, keyHash: string, entry: CachedApiKey, generation: number): void {
  const cache = cacheOf(db);
  if (cache.generation !== generation) return;
  if (cache.entries.size >= SWEEP_ABOVE_ENTRIES) {
    for (const [hash, stored] of cache.entries) if (!fresh(stored, entry.cachedAt)) cache.entries.delete(hash);
  }
  cache.entries.set(keyHash, entry);
}

/** Call after the revocation is committed: this process refuses the key from its next request on. */
export function forgetApiKey(db: Db, keyHash: string): void {
  const cache = cacheOf(db);
  cache.generation++;
  cache.entries.delete(keyHash);
}
