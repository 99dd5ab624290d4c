import type { Db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { hashApiKey, looksLikeApiKey } from "./api-key-format";
import { apiKeyScopeSchema, type ApiKeyScope } from "./schemas";

/** Writing last-used on every request would turn each read into a write; a minute is precise enough. */
const LAST_USED_PRECISION_MS = 60_000;

export type AuthenticatedApiKey = { apiKeyId: string; tenantId: string; scopes: ApiKeyScope[] };

/**
 * The tenant and scopes a presented key grants. Unknown, malformed and revoked keys all get the same
 * UNAUTHORIZED, so a caller learns nothing about which keys exist.
 */
export async function authenticateApiKey({ db, key, now = new Date() }: { db: Db; key: string; now?: Date }): Promise<AuthenticatedApiKey> {
  const invalid = new AppError("UNAUTHORIZED", "Invalid API key");
  if (!looksLikeApiKey(key)) throw invalid;
  const row = await db.apiKey.findUnique({ where: { keyHash: hashApiKey(key) } });
  if (!row || row.revokedAt) throw invalid;
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= LAST_USED_PRECISION_MS) {
    const staleBefore = new Date(now.getTime() - LAST_USED_PRECISION_MS);
    // conditional, so concurrent requests of one key write it once
    await db.apiKey.updateMany({
      where: { id: row.id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lte: staleBefore } }] },
      data: { lastUsedAt: now },
    });
  }
  return {
    apiKeyId: row.id,
    tenantId: row.tenantId,
    scopes: row.scopes.flatMap((scope) => {
      const parsed = apiKeyScopeSchema.safeParse(scope);
      return parsed.success ? [parsed.data] : [];
    }),
  };
}
