import { systemActor, type Actor } from "@/server/access/caller";
import { recordActivity } from "@/server/activity/record-activity";
import type { Db } from "@/server/db/client";
import { notFound } from "@/server/errors";
import { forgetApiKey } from "./api-key-cache";
import type { ApiKeyDto } from "./schemas";
import { apiKeyLabel, toApiKeyDto } from "./to-api-key-dto";

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Stops the key at once in this process, within a second on others; revoking twice keeps the first
 * revocation time. tenantId null revokes a platform key.
 */
export async function revokeApiKey({ db, tenantId, apiKeyId, actor = systemActor }: {
  db: Db;
  tenantId: string | null;
  apiKeyId: string;
  actor?: Actor;
}): Promise<ApiKeyDto> {
  if (!uuidPattern.test(apiKeyId)) throw notFound("API key");
  const { count } = await db.apiKey.updateMany({ where: { id: apiKeyId, tenantId, revokedAt: null }, data: { revokedAt: new Date() } });
  const row = await db.apiKey.findFirst({ where: { id: apiKeyId, tenantId } });
  if (!row) throw notFound("API key");
  // committed: this process refuses the key from its next request on (other instances within the cache's second)
  forgetApiKey(db, row.keyHash);
  if (count > 0) {
    await recordActivity({ db, tenantId, actor, action: "api_key.revoked", targetId: row.id, summary: `Revoked API key ${apiKeyLabel(row)}` });
  }
  return toApiKeyDto(row);
}
