import { systemActor } from "@/server/access/caller";
import type { Db } from "@/server/db/client";
import { API_KEY_PREFIXES, hashApiKey, looksLikeApiKey } from "./api-key-format";
import { createApiKey } from "./create-api-key";
import { createPlatformApiKey } from "./create-platform-api-key";

/**
 * Keeps one key usable across restarts (the embedded install prints the same demo keys each start): the
 * remembered key if it still works for this tenant (or, with tenantId null, for the platform), stored
 * again if the database is new, otherwise a fresh one. A revoked key stays revoked.
 */
export async function ensureApiKey({
  db,
  tenantId,
  rememberedKey,
  name,
}: {
  db: Db;
  /** null: a platform key */
  tenantId: string | null;
  rememberedKey?: string;
  name: string;
}): Promise<{ key: string; created: boolean }> {
  const create = (key?: string) =>
    tenantId === null
      ? createPlatformApiKey({ db, input: { name }, actor: systemActor, key })
      : createApiKey({ db, tenantId, input: { name }, key });
  const kindMatches = (key: string) => key.startsWith(API_KEY_PREFIXES[tenantId === null ? "platform" : "tenant"]);
  if (rememberedKey && looksLikeApiKey(rememberedKey) && kindMatches(rememberedKey)) {
    const row = await db.apiKey.findUnique({ where: { keyHash: hashApiKey(rememberedKey) } });
    if (row && row.tenantId === tenantId && !row.revokedAt) return { key: rememberedKey, created: false };
    if (!row) return { key: (await create(rememberedKey)).key, created: true };
  }
  return { key: (await create()).key, created: true };
}
