import type { Db } from "@/server/db/client";
import { hashApiKey, looksLikeApiKey } from "./api-key-format";
import { createApiKey } from "./create-api-key";
import type { CreateApiKeyInput } from "./schemas";

/**
 * Keeps one key usable across restarts (the embedded install prints the same demo key each start): the
 * remembered key if it still works for this tenant, stored again if the database is new, otherwise a
 * fresh one. A revoked key stays revoked.
 */
export async function ensureApiKey({
  db,
  tenantId,
  rememberedKey,
  input,
}: {
  db: Db;
  tenantId: string;
  rememberedKey?: string;
  input: CreateApiKeyInput;
}): Promise<{ key: string; created: boolean }> {
  if (rememberedKey && looksLikeApiKey(rememberedKey)) {
    const row = await db.apiKey.findUnique({ where: { keyHash: hashApiKey(rememberedKey) } });
    if (row && row.tenantId === tenantId && !row.revokedAt) return { key: rememberedKey, created: false };
    if (!row) {
      const { key } = await createApiKey({ db, tenantId, input, key: rememberedKey });
      return { key, created: true };
    }
  }
  const { key } = await createApiKey({ db, tenantId, input });
  return { key, created: true };
}
