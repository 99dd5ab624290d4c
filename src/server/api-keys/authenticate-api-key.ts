import type { Db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { hashApiKey, looksLikeApiKey } from "./api-key-format";
import { cachedApiKey, sharedLookup, type AuthenticatedApiKey, type CachedApiKey } from "./api-key-cache";
import { apiKeyLabel } from "./to-api-key-dto";

export type { AuthenticatedApiKey } from "./api-key-cache";

/** Writing last-used on every request would turn each read into a write; a minute is precise enough. */
const LAST_USED_PRECISION_MS = 60_000;

/**
 * The tenant and scopes a presented key grants. Unknown, malformed and revoked keys all get the same
 * UNAUTHORIZED, so a caller learns nothing about which keys exist. A key looked up in the last
 * API_KEY_CACHE_TTL_MS is answered from this process's cache, without a statement.
 */
export async function authenticateApiKey({ db, key, now = new Date() }: { db: Db; key: string; now?: Date }): Promise<AuthenticatedApiKey> {
  // made only when thrown: an error captures a stack trace, which the valid keys of every request should not pay for
  const invalid = () => new AppError("UNAUTHORIZED", "Invalid API key");
  if (!looksLikeApiKey(key)) throw invalid();
  const keyHash = hashApiKey(key);
  const entry =
    cachedApiKey(db, keyHash, now.getTime()) ??
    (await sharedLookup(db, keyHash, async (): Promise<CachedApiKey | null> => {
      const row = await db.apiKey.findUnique({ where: { keyHash } });
      if (!row || row.revokedAt) return null;
      const common = { apiKeyId: row.id, scopes: row.scopes, label: apiKeyLabel(row) };
      return {
        apiKey:
          row.kind === "platform" || row.tenantId === null
            ? { ...common, kind: "platform", tenantId: null }
            : { ...common, kind: "tenant", tenantId: row.tenantId },
        lastUsedAt: row.lastUsedAt,
        cachedAt: now.getTime(),
      };
    }));
  if (!entry) throw invalid();
  await recordUse(db, entry, now);
  return { ...entry.apiKey, scopes: [...entry.apiKey.scopes] };
}

async function recordUse(db: Db, entry: CachedApiKey, now: Date): Promise<void> {
  if (entry.lastUsedAt && now.getTime() - entry.lastUsedAt.getTime() < LAST_USED_PRECISION_MS) return;
  entry.lastUsedAt = now; // before the write, so concurrent requests on this entry do not repeat it
  const staleBefore = new Date(now.getTime() - LAST_USED_PRECISION_MS);
  // conditional, so concurrent requests of one key (or app instances) write it once
  await db.apiKey.updateMany({
    where: { id: entry.apiKey.apiKeyId, OR: [{ lastUsedAt: null }, { lastUsedAt: { lte: staleBefore } }] },
    data: { lastUsedAt: now },
  });
}
