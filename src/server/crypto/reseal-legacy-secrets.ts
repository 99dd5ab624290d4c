import type { Db } from "@/server/db/client";
import { isLegacySealed, resealLegacy } from "./sealed-box";

const LEGACY_PREFIX = "v1.";

/**
 * Data migration run at start-up: every value sealed before values were bound to their endpoint and tenant
 * (v1) is sealed again with that binding (v2). Runtime reads open v2 only, so after this a blob copied from
 * another row no longer opens. Each row is rewritten only if it still holds the value read, so a concurrent
 * change wins. Idempotent; once done it costs two queries that find nothing.
 */
export async function resealLegacySecrets({ db, encryptionKey }: { db: Db; encryptionKey: Buffer }): Promise<{ resealed: number }> {
  let resealed = 0;
  const endpoints = await db.endpoint.findMany({
    where: { authSettingsSealed: { startsWith: LEGACY_PREFIX } },
    select: { id: true, tenantId: true, authSettingsSealed: true },
  });
  for (const { id, tenantId, authSettingsSealed } of endpoints) {
    if (!authSettingsSealed || !isLegacySealed(authSettingsSealed)) continue;
    const sealed = resealLegacy(authSettingsSealed, encryptionKey, { purpose: "endpoint-auth-settings", tenantId, endpointId: id });
    resealed += (await db.endpoint.updateMany({ where: { id, authSettingsSealed }, data: { authSettingsSealed: sealed } })).count;
  }
  const secrets = await db.endpointSecret.findMany({
    where: { sealed: { startsWith: LEGACY_PREFIX } },
    select: { id: true, tenantId: true, endpointId: true, sealed: true },
  });
  for (const { id, tenantId, endpointId, sealed: legacy } of secrets) {
    const sealed = resealLegacy(legacy, encryptionKey, { purpose: "endpoint-secret", tenantId, endpointId });
    resealed += (await db.endpointSecret.updateMany({ where: { id, sealed: legacy }, data: { sealed } })).count;
  }
  return { resealed };
}
