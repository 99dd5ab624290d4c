import type { Actor } from "@/server/access/caller";
import { recordActivity } from "@/server/activity/record-activity";
import type { Db } from "@/server/db/client";
import { assertRoomForOneMore } from "@/server/quotas/tenant-quotas";
import { apiKeyKindOf, displayPrefix, hashApiKey } from "./api-key-format";
import type { CreatedApiKeyDto } from "./schemas";
import { apiKeyLabel, toApiKeyDto } from "./to-api-key-dto";

/**
 * Stores a key's hash (never the key) for a tenant, within its quota of active keys, or for the platform
 * when tenantId is null.
 */
export async function storeApiKey({ db, tenantId, name, scopes, key, actor }: {
  db: Db;
  tenantId: string | null;
  name: string;
  scopes: string[];
  key: string;
  actor: Actor;
}): Promise<CreatedApiKeyDto> {
  const row = await db.$transaction(async (tx) => {
    if (tenantId) await assertRoomForOneMore(tx, tenantId, "apiKeys");
    const created = await tx.apiKey.create({
      data: { kind: apiKeyKindOf(key), tenantId, name, scopes, prefix: displayPrefix(key), keyHash: hashApiKey(key) },
    });
    await recordActivity({
      db: tx,
      tenantId,
      actor,
      action: "api_key.created",
      targetId: created.id,
      summary: `Created ${tenantId ? "API" : "platform API"} key ${apiKeyLabel(created)} with scopes ${scopes.join(", ")}`,
    });
    return created;
  });
  return { apiKey: toApiKeyDto(row), key };
}
